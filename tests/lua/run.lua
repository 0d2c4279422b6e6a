-- Lua spec runner: `ctg tests/lua/run.lua [FILE…]` runs every tests/lua/*_spec.lua (or the
-- files given) and ends with the line "lua: N passed, N failed". Exit 1 on any failure.
--
-- A spec file is a plain Lua chunk that receives a table `t` with:
--   t.test(name, fn)            register a test
--   t.eq(actual, expected, msg) deep equality (tables compared recursively)
--   t.ok(v, msg)                truthy
--   t.raises(fn, pattern)       fn must raise an error whose message matches pattern (plain find)
--   t.tmpdir()                  a fresh temporary directory path
local dir = arg[0]:match("^(.*)/[^/]*$") or "."

local function deep_eq(a, b, seen)
  if a == b then return true end
  if type(a) ~= "table" or type(b) ~= "table" then
    return type(a) == "number" and type(b) == "number" and a ~= a and b ~= b
  end
  seen = seen or {}
  if seen[a] == b then return true end
  seen[a] = b
  for k, v in pairs(a) do if not deep_eq(v, b[k], seen) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end

local function show(v)
  if type(v) == "string" then return string.format("%q", v) end
  if type(v) ~= "table" then return tostring(v) end
  local parts = {}
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(x, y) return tostring(x) < tostring(y) end)
  for _, k in ipairs(keys) do parts[#parts + 1] = tostring(k) .. "=" .. show(v[k]) end
  return "{" .. table.concat(parts, ", ") .. "}"
end

local function fail(msg) error({ spec_failure = msg }, 0) end

local t = {}
function t.eq(actual, expected, msg)
  if not deep_eq(actual, expected) then
    fail((msg and msg .. ": " or "") .. "expected " .. show(expected) .. ", got " .. show(actual))
  end
end
function t.ok(v, msg) if not v then fail(msg or "expected a true value") end end
function t.raises(fn, pattern)
  local okk, err = pcall(fn)
  if okk then fail("expected an error matching '" .. pattern .. "', none raised") end
  local text = type(err) == "table" and (err.message or show(err)) or tostring(err)
  if not text:find(pattern, 1, true) then
    fail("error '" .. text .. "' does not contain '" .. pattern .. "'")
  end
  return text
end
local tmp_count = 0
function t.tmpdir()
  tmp_count = tmp_count + 1
  local p = os.tmpname()
  os.remove(p)
  assert(os.execute("mkdir -p '" .. p .. "'"))
  return p
end

--- The Lua files of the stdlib and the stock scripts under root (paths relative to it,
--- sorted): what the specs that read the code as text (layers, sql_home) scan.
function t.lua_sources(root)
  local list = {}
  local p = io.popen("cd '" .. root .. "' && find stdlib/ctg scripts -name '*.lua' | sort")
  for path in p:lines() do list[#list + 1] = path end
  p:close()
  return list
end

local files = {}
if #arg > 0 then
  for i = 1, #arg do files[#files + 1] = arg[i] end
else
  local p = io.popen("ls '" .. dir .. "'/*_spec.lua 2>/dev/null")
  for line in p:lines() do files[#files + 1] = line end
  p:close()
end

local passed, failed = 0, 0
for _, file in ipairs(files) do
  local tests = {}
  t.test = function(name, fn) tests[#tests + 1] = { name = name, fn = fn } end
  local chunk, err = loadfile(file)
  if not chunk then
    print("FAIL " .. file .. ": " .. err); failed = failed + 1
  else
    local okk, lerr = pcall(chunk, t)
    if not okk then print("FAIL " .. file .. ": " .. tostring(lerr)); failed = failed + 1 end
  end
  for _, case in ipairs(tests) do
    local okk, cerr = xpcall(case.fn, function(e)
      if type(e) == "table" and e.spec_failure then
        local info = debug.getinfo(3, "Sl") or {}
        return (info.short_src or "?") .. ":" .. (info.currentline or 0) .. ": " .. e.spec_failure
      end
      return debug.traceback(tostring(type(e) == "table" and (e.message or show(e)) or e), 2)
    end)
    if okk then
      passed = passed + 1
    else
      failed = failed + 1
      print("FAIL " .. file .. " :: " .. case.name .. "\n     " .. tostring(cerr):gsub("\n", "\n     "))
    end
  end
end
print(string.format("lua: %d passed, %d failed", passed, failed))
os.exit(failed == 0 and 0 or 1)
