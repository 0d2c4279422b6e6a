-- The Lua modules form layers whose requires only go down (issue 27, point 4).
--
-- Every module of stdlib/ctg and every stock script is read as text: each
-- `require("ctg.…")`, `require "ctg.…"` or `require 'ctg.…'`, at the top of a file or inside a
-- function (a lazy require that goes up is still a layer crossing), is an edge of the require
-- graph. The test fails naming each edge that goes up a layer, each cycle with its path, each
-- module no layer declares and each require whose name is not a literal string.
local t = ...

local root = (arg[0]:match("^(.*)/tests/lua/[^/]*$")) or "."
if not root:match("^/") then -- absolute: a test below names a plan from another folder
  local pwd = assert(io.popen("pwd"))
  root = pwd:read("l") .. (root == "." and "" or "/" .. root)
  pwd:close()
end

-- The layers, lowest first. A module belongs to the layer of the longest entry that names it
-- or a prefix of it ("ctg.render." holds every renderer); a module may require its own layer
-- or a lower one, never a higher one. Native modules (written in C: ctg.sys, ctg.store…) have
-- no file under stdlib/ and sit below every layer: they require no Lua module.
local LAYERS = {
  { name = "base", doc = "French wording, formats, catalogue, files: no knowledge of a plan",
    modules = { "ctg.blame", "ctg.exit", "ctg.files", "ctg.csv_words", "ctg.xlsx_write", "ctg.suggest", "ctg.msg", "ctg.msg.", "ctg.date", "ctg.fmt", "ctg.json",
                "ctg.csvw", "ctg.grid", "ctg.stats", "ctg.svg", "ctg.git", "ctg.terminal",
                "ctg.sandbox" } },
  { name = "model", doc = "vocabulary and model: the plan's declarations, their checks, loading",
    modules = { "ctg.schema", "ctg.source_schema", "ctg.present", "ctg.plan", "ctg.crosscheck",
                "ctg.dsl", "ctg.amend_words", "ctg.amend", "ctg.lint", "ctg.plan_yaml", "ctg.load", "ctg.export",
                "ctg.diff", "ctg.source" } },
  { name = "storage", doc = "the database: rows, revisions, reading files into observations",
    modules = { "ctg.rows", "ctg.datatable", "ctg.db", "ctg.db.", "ctg.options", "ctg.verify",
                "ctg.import_workbook", "ctg.source_rows", "ctg.obs_export", "ctg.csvfile" } },
  { name = "rules", doc = "the rule checks: targets, trends, meetings, calendar, custom rules; "
      .. "they read the evaluation they are given (ev:value…) and require no evaluation module",
    modules = { "ctg.rules" } },
  { name = "evaluation", doc = "each indicator per period and territory (ev:findings runs the rules); "
      .. "the dates a result depends on; the import, whose plausibility checks evaluate",
    modules = { "ctg.eval", "ctg.timeline", "ctg.import_checks", "ctg.import" } },
  { name = "reports", doc = "report builder, renderers, the reports of a project",
    modules = { "ctg.report", "ctg.render.", "ctg.reporting", "ctg.output", "ctg.project",
                "ctg.luals", "ctg.skeleton" } },
  { name = "command line", doc = "the commands, the scripts' API, the console",
    modules = { "ctg.cli.", "ctg", "ctg.repl" } },
}

-- Requires whose name is built at run time, declared with the prefix they stay under: the
-- message catalogue loads its parts (data, no code) by name.
local DYNAMIC = { ["ctg.msg"] = "ctg.msg." }

local function layer_of(mod)
  local best, best_len
  for i, layer in ipairs(LAYERS) do
    for _, entry in ipairs(layer.modules) do
      local hit = entry == mod or (entry:sub(-1) == "." and mod:sub(1, #entry) == entry)
      if hit and (not best_len or #entry > best_len) then best, best_len = i, #entry end
    end
  end
  return best
end

-- The requires of one Lua source, skipping comments and the contents of strings: a list of
-- {name = "ctg.x" or nil when not a literal, line = n}.
local function requires_of(src)
  local out, i, line, n = {}, 1, 1, #src
  local function long_bracket(at)
    local eq = src:match("^%[(=*)%[", at)
    if not eq then return nil end
    local close = "]" .. eq .. "]"
    local s, e = src:find(close, at + #eq + 2, true)
    return e or n, src:sub(at + #eq + 2, (s or n + 1) - 1)
  end
  local function count_lines(a, b)
    local _, c = src:sub(a, b):gsub("\n", "")
    line = line + c
  end
  -- a quoted string starting at `at`: its end and its value
  local function quoted(at)
    local q, j, buf = src:sub(at, at), at + 1, {}
    while j <= n do
      local c = src:sub(j, j)
      if c == "\\" then buf[#buf + 1] = src:sub(j, j + 1); j = j + 2
      elseif c == q or c == "\n" then return j, table.concat(buf)
      else buf[#buf + 1] = c; j = j + 1 end
    end
    return n, table.concat(buf)
  end
  -- the literal argument of a require whose name ends at `at`, or nil
  local function argument(at)
    local j = src:find("[^ \t]", at) or n + 1
    if src:sub(j, j) == "," then -- pcall(require, "ctg.x")
      j = src:find("[^ \t]", j + 1) or n + 1
    end
    local paren = src:sub(j, j) == "("
    if paren then j = src:find("[^ \t]", j + 1) or n + 1 end
    local c = src:sub(j, j)
    local e, val
    if c == '"' or c == "'" then e, val = quoted(j)
    elseif c == "[" then e, val = long_bracket(j) end
    if not e then return nil end
    if paren then
      local k = src:find("[^ \t]", e + 1) or n + 1
      if src:sub(k, k) ~= ")" then return nil end -- "ctg." .. x: built at run time
    end
    return val
  end
  while i <= n do
    local c = src:sub(i, i)
    if c == "\n" then line = line + 1; i = i + 1
    elseif src:sub(i, i + 1) == "--" then
      local e = long_bracket(i + 2)
      if e then count_lines(i, e); i = e + 1
      else i = (src:find("\n", i, true) or n + 1) end
    elseif c == '"' or c == "'" then
      local e = quoted(i); count_lines(i, e); i = e + 1
    elseif c == "[" and long_bracket(i) then
      local e = long_bracket(i); count_lines(i, e); i = e + 1
    elseif c:match("[%a_]") then
      local word = src:match("^[%w_]+", i)
      local before = i > 1 and src:sub(i - 1, i - 1) or ""
      local after = src:match("^[ \t]*(=?=?)", i + #word)
      -- not a field (x.require), a method (x:require) or a key (require = "…")
      if word == "require" and before ~= "." and before ~= ":" and after ~= "=" then
        out[#out + 1] = { name = argument(i + #word), line = line }
      end
      i = i + #word
    else i = i + 1 end
  end
  return out
end

-- Every Lua file of the stdlib and the stock scripts: {path, module name or nil for a script}.
local function sources()
  local list = {}
  local p = io.popen("cd '" .. root .. "' && find stdlib/ctg scripts -name '*.lua' | sort")
  for path in p:lines() do
    local mod = path:match("^stdlib/(.*)%.lua$")
    if mod then
      mod = mod:gsub("/init$", ""):gsub("/", ".")
    end
    list[#list + 1] = { path = path, module = mod }
  end
  p:close()
  return list
end

-- The graph: edges[from][to] = "path:line" of the first require, and the problems found.
local function graph()
  local files, edges, problems = sources(), {}, {}
  local known = {}
  for _, f in ipairs(files) do if f.module then known[f.module] = f.path end end
  for _, f in ipairs(files) do
    local fh = assert(io.open(root .. "/" .. f.path))
    local src = fh:read("a"); fh:close()
    local from = f.module or f.path
    if f.module and not layer_of(f.module) then
      problems[#problems + 1] = f.path .. ": module " .. f.module .. " is in no layer (declare it in LAYERS)"
    end
    edges[from] = edges[from] or {}
    for _, r in ipairs(requires_of(src)) do
      local at = f.path .. ":" .. r.line
      if not r.name then
        if not (f.module and DYNAMIC[f.module]) then
          problems[#problems + 1] = at .. ": require of a name built at run time"
        end
      elseif r.name:match("^ctg%.") or r.name == "ctg" then
        -- a module without a file is native (C): it requires nothing in Lua
        if known[r.name] and r.name ~= from and not edges[from][r.name] then
          edges[from][r.name] = at
        end
      end
    end
  end
  return files, edges, problems, known
end

-- Upward edges: a module requiring a higher layer, a script requiring cli.
local function crossings(files, edges)
  local out = {}
  for _, f in ipairs(files) do
    local from = f.module or f.path
    local lf = f.module and layer_of(f.module) or #LAYERS
    local tos = {}
    for to in pairs(edges[from]) do tos[#tos + 1] = to end
    table.sort(tos)
    for _, to in ipairs(tos) do
      local lt = layer_of(to)
      if lt and lt > lf then
        out[#out + 1] = string.format("%s: %s (%s) requires %s (%s)", edges[from][to], from,
          LAYERS[lf].name, to, LAYERS[lt].name)
      elseif to:match("^ctg%.cli%.") and not (f.module or ""):match("^ctg%.cli%.") then
        out[#out + 1] = string.format("%s: %s requires %s: only ctg.cli.* may", edges[from][to],
          from, to)
      end
    end
  end
  return out
end

-- Cycles: the strongly connected components of the graph (Tarjan); each one of more than one
-- module is reported with its members and one cycle through them, shortest first.
local function sorted_keys(tbl)
  local keys = {}
  for k in pairs(tbl or {}) do keys[#keys + 1] = k end
  table.sort(keys)
  return keys
end

local function components(edges)
  local index, low, on, stack, out, count = {}, {}, {}, {}, {}, 0
  local function connect(v)
    count = count + 1; index[v], low[v] = count, count
    stack[#stack + 1] = v; on[v] = true
    for _, w in ipairs(sorted_keys(edges[v])) do
      if not index[w] then connect(w); low[v] = math.min(low[v], low[w])
      elseif on[w] then low[v] = math.min(low[v], index[w]) end
    end
    if low[v] == index[v] then
      local comp = {}
      repeat
        local w = table.remove(stack); on[w] = nil; comp[#comp + 1] = w
      until w == v
      if #comp > 1 then table.sort(comp); out[#out + 1] = comp end
    end
  end
  for _, v in ipairs(sorted_keys(edges)) do if not index[v] then connect(v) end end
  table.sort(out, function(a, b) return a[1] < b[1] end)
  return out
end

-- The shortest cycle from `first` back to itself inside a component (breadth first).
local function cycle_through(edges, comp, first)
  local inside = {}
  for _, m in ipairs(comp) do inside[m] = true end
  local prev, queue, head = { [first] = false }, { first }, 1
  while head <= #queue do
    local v = queue[head]; head = head + 1
    for _, w in ipairs(sorted_keys(edges[v])) do
      if w == first then
        local path = { first }
        local u = v
        while u ~= first do table.insert(path, 2, u); u = prev[u] end
        path[#path + 1] = first
        return table.concat(path, " -> ")
      end
      if inside[w] and prev[w] == nil then prev[w] = v; queue[#queue + 1] = w end
    end
  end
end

local function cycles(_, edges)
  local out = {}
  for _, comp in ipairs(components(edges)) do
    out[#out + 1] = #comp .. " modules loop (" .. table.concat(comp, ", ") .. "): "
      .. cycle_through(edges, comp, comp[1])
  end
  return out
end

t.test("the scanner finds literal requires, lazy ones, and skips comments and strings", function()
  local src = table.concat({
    'local a = require("ctg.a")',
    "local b = require 'ctg.b'",
    "-- require('ctg.comment')",
    "--[[ require('ctg.long')",
    "]] local s = \"require('ctg.in_string')\"",
    "local function f() return require [[ctg.c]] end",
    'local d = require("ctg." .. name)',
    "x:require('ctg.method')",
    'local ok, host = pcall(require, "ctg.host")',
    'local WHY = { require = "les modules de ctg" }',
  }, "\n")
  local got = {}
  for _, r in ipairs(requires_of(src)) do got[#got + 1] = (r.name or "?") .. "@" .. r.line end
  t.eq(got, { "ctg.a@1", "ctg.b@2", "ctg.c@6", "?@7", "ctg.host@9" })
end)

t.test("a module belongs to the layer of its longest declared prefix", function()
  t.eq(LAYERS[layer_of("ctg.cli.build")].name, "command line")
  t.eq(LAYERS[layer_of("ctg.render.html")].name, "reports")
  t.eq(LAYERS[layer_of("ctg.msg.core")].name, "base")
  t.eq(LAYERS[layer_of("ctg")].name, "command line")
  t.eq(layer_of("ctg.nowhere"), nil)
end)

t.test("the checks catch an upward edge and a cycle", function()
  local files = { { module = "ctg.fmt", path = "f" }, { module = "ctg.eval", path = "e" } }
  local edges = { ["ctg.fmt"] = { ["ctg.eval"] = "f:3" }, ["ctg.eval"] = { ["ctg.fmt"] = "e:1" } }
  t.eq(crossings(files, edges), { "f:3: ctg.fmt (base) requires ctg.eval (evaluation)" })
  t.eq(cycles(files, edges), { "2 modules loop (ctg.eval, ctg.fmt): ctg.eval -> ctg.fmt -> ctg.eval" })
end)

t.test("nothing outside ctg.cli.* requires ctg.cli.*, not even a module of the same layer or a script", function()
  local files = { { module = "ctg.repl", path = "stdlib/ctg/repl.lua" }, { path = "scripts/x.lua" },
                  { module = "ctg.cli.eval", path = "stdlib/ctg/cli/eval.lua" } }
  local edges = { ["ctg.repl"] = { ["ctg.cli.args"] = "stdlib/ctg/repl.lua:4" },
                  ["scripts/x.lua"] = { ["ctg.cli.help"] = "scripts/x.lua:2" },
                  ["ctg.cli.eval"] = { ["ctg.cli.args"] = "stdlib/ctg/cli/eval.lua:1" } }
  t.eq(crossings(files, edges), {
    "stdlib/ctg/repl.lua:4: ctg.repl requires ctg.cli.args: only ctg.cli.* may",
    "scripts/x.lua:2: scripts/x.lua requires ctg.cli.help: only ctg.cli.* may" })
end)

t.test("a cycle inside one layer is reported with its members and a path", function()
  local edges = { ["ctg.dsl"] = { ["ctg.amend"] = "d:1" }, ["ctg.amend"] = { ["ctg.load"] = "a:2" },
                  ["ctg.load"] = { ["ctg.dsl"] = "l:3" }, ["ctg.lint"] = { ["ctg.dsl"] = "x:1" } }
  t.eq(cycles(nil, edges), { "3 modules loop (ctg.amend, ctg.dsl, ctg.load): ctg.amend -> ctg.load -> ctg.dsl -> ctg.amend" })
end)

t.test("every module is in a layer and every require goes down, without a cycle", function()
  local files, edges, problems = graph()
  t.ok(#files > 40, "the stdlib was found under " .. root)
  for _, c in ipairs(crossings(files, edges)) do problems[#problems + 1] = "upward: " .. c end
  for _, c in ipairs(cycles(files, edges)) do problems[#problems + 1] = "cycle: " .. c end
  if #problems > 0 then error(table.concat(problems, "\n"), 0) end
end)

t.test("amend.apply gets the plan reader as a parameter, and says so when it is missing", function()
  -- an avenant of the intercommunal plan, beside it: the reader is asked for that plan
  local dir = t.tmpdir()
  local base = root .. "/tests/fixtures/sud-avesnois/plan.lua"
  local f = assert(io.open(dir .. "/avenant.lua", "w"))
  f:write('amendment "ctg-sud-avesnois-2023-2027" { amends = "' .. base .. '", label = "Avenant 1", '
    .. 'effective = "2025-03-01" }\n'
    .. 'indicator "familles_allocataires" { label = "Familles allocataires de la CAF" }\n')
  f:close()
  local ctx = require("ctg.dsl").collect_lua(dir .. "/avenant.lua")
  t.raises(function() require("ctg.amend").apply(ctx, {}) end, "collect (the plan file reader, ctg.load.collect) is required")
  local read = {}
  local collect = function(path) read[#read + 1] = path; return require("ctg.load").collect(path) end
  local merged, info = require("ctg.amend").apply(require("ctg.dsl").collect_lua(dir .. "/avenant.lua"), {}, collect)
  t.eq(read, { base })
  t.ok(info, "the avenant applied: " .. tostring(merged.findings[1] and merged.findings[1].message))
  t.eq(info.label, "Avenant 1")
  local p = require("ctg.dsl").build(merged)
  t.eq(p.amendments[#p.amendments], "Avenant 1 (en vigueur le 1er mars 2025)")
end)
