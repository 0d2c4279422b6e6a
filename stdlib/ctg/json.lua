-- ctg.json — JSON out, for other tools: UTF-8 kept as is, keys in a given order (else
-- sorted), integers without a fraction, floats in the shortest form that reads back.
local json = {}

local ESCAPES = { ['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f",
                  ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }

local function encode_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    return ESCAPES[c] or string.format("\\u%04x", c:byte())
  end) .. '"'
end

local function encode_number(n)
  if math.type(n) == "integer" then return string.format("%d", n) end
  if n ~= n or n == math.huge or n == -math.huge then return "null" end
  for _, f in ipairs({ "%.15g", "%.16g", "%.17g" }) do
    local s = string.format(f, n)
    if tonumber(s) == n then return s end
  end
end

local function is_array(t)
  local n = #t
  if n == 0 then return next(t) == nil end
  local count = 0
  for _ in pairs(t) do count = count + 1 end
  return count == n
end

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    if type(a) == type(b) then return a < b end
    return type(a) == "number"
  end)
  return keys
end

--- Encode a value; opts.order(t) may return the key order of a table; opts.indent (spaces)
--- pretty-prints. Functions and userdata raise an error naming their key path.
function json.encode(value, opts)
  opts = opts or {}
  local order = opts.order or function() return nil end
  local indent = opts.indent
  local out = {}
  local function nl(depth)
    if indent then out[#out + 1] = "\n" .. string.rep(" ", indent * depth) end
  end
  local function enc(v, depth, path)
    local t = type(v)
    if t == "nil" then out[#out + 1] = "null"
    elseif t == "boolean" then out[#out + 1] = tostring(v)
    elseif t == "number" then out[#out + 1] = encode_number(v)
    elseif t == "string" then out[#out + 1] = encode_string(v)
    elseif t == "table" then
      if is_array(v) and (#v > 0 or not opts.empty_object) then
        if #v == 0 then out[#out + 1] = "[]" return end
        out[#out + 1] = "["
        for i, x in ipairs(v) do
          if i > 1 then out[#out + 1] = "," end
          nl(depth + 1)
          enc(x, depth + 1, path .. "[" .. i .. "]")
        end
        nl(depth)
        out[#out + 1] = "]"
      else
        local keys, seen = {}, {}
        for _, k in ipairs(order(v) or {}) do
          if v[k] ~= nil then keys[#keys + 1] = k; seen[k] = true end
        end
        for _, k in ipairs(sorted_keys(v)) do if not seen[k] then keys[#keys + 1] = k end end
        if #keys == 0 then out[#out + 1] = "{}" return end
        out[#out + 1] = "{"
        for i, k in ipairs(keys) do
          if i > 1 then out[#out + 1] = "," end
          nl(depth + 1)
          out[#out + 1] = encode_string(tostring(k)) .. (indent and ": " or ":")
          enc(v[k], depth + 1, path .. "." .. tostring(k))
        end
        nl(depth)
        out[#out + 1] = "}"
      end
    else
      error("cannot encode " .. t .. " at " .. (path == "" and "the top" or path:gsub("^%.", "")), 0)
    end
  end
  enc(value, 0, "")
  return table.concat(out)
end

return json
