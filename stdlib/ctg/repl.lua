-- ctg.repl — what makes the REPL guide a person: help() and help(x), quit and exit, the
-- short display of big objects, query results as a grid, and errors located at the line the
-- user typed rather than inside stdlib/. host/repl.c calls install() once, show(v) for each
-- result, message(err) for each error, and stops when `leaving` is set.
local repl = { leaving = false }

local msg = require("ctg.msg")

--- The first line of a terminal session.
function repl.banner(version, lua)
  return msg.text("repl.banner", { version = version, lua = lua })
end

--- At most this many lines of a value are printed; the rest is announced.
repl.MAX_LINES = 30

-- The functions help(x) describes (msg/repl.lua: repl.fn.NAME), the kinds of objects by their
-- metatable's __name (repl.obj.NAME: what it is, then what one can do with it, a line each)
-- and the modules a person meets through the global ctg (repl.module.N).
local FUNCTIONS = { load = true, check = true, diff = true, export = true, open = true, evaluate = true, explain = true }
local OBJECTS = { Plan = true, Evaluation = true, Database = true, Value = true, Explanation = true, Table = true }
-- The plan's elements (their metatable's __name is their kind): help(x) says what x is and
-- lists its methods.
local NODES = { territory = true, group = true, axis = true, objective = true, action = true, step = true,
                sheet = true, indicator = true, stake = true, committee = true, funding = true, rule = true }
local MODULES = { { "ctg.load, ctg.check", "load" }, { "ctg.open", "open" }, { "ctg.evaluate, ctg.explain", "evaluate" },
                  { "ctg.diff, ctg.export", "diff" }, { "ctg.fmt", "fmt" },
                  { "ctg.table, .stats, .csv", "tables" } }

local function kind_of(v)
  local mt = getmetatable(v)
  return type(mt) == "table" and rawget(mt, "__name") or nil
end

local function modules_text()
  local lines = { msg.text("repl.modules") }
  for _, m in ipairs(MODULES) do
    lines[#lines + 1] = string.format("  %-28s %s", m[1], msg.text("repl.module." .. m[2]))
  end
  return table.concat(lines, "\n")
end

-- The classes whose methods help(f) recognises, by kind: how a person calls them (db:plan).
local function classes()
  return { { "Database", "db", require("ctg.db").class }, { "Evaluation", "ev", require("ctg.eval").class },
           { "Plan", "p", require("ctg.plan").methods } }
end

-- The names of the methods of x (sorted), from its metatable's __index table; "" entries
-- aside, the metamethods too.
local function method_names(x)
  local mt = getmetatable(x)
  local index = type(mt) == "table" and rawget(mt, "__index")
  local names = {}
  if type(index) == "table" then
    for k, v in pairs(index) do
      if type(k) == "string" and type(v) == "function" and not k:match("^_") then names[#names + 1] = k end
    end
  elseif kind_of(x) == "Value" then
    names = { "explain" }
  end
  table.sort(names)
  return names
end

-- The description of method kind:name in the catalogue, or nil.
local function method_text(kind, name)
  local key = "repl.method." .. kind .. "." .. name
  local all = msg.catalogues()
  if all.fr[key] then return msg.text(key) end
end

-- "Méthodes : db:close, db:history, …" with the variable name a person uses.
local function methods_line(x, var)
  local names = method_names(x)
  if #names == 0 then return nil end
  local calls = {}
  for i, n in ipairs(names) do calls[i] = var .. ":" .. n end
  -- wrapped at the spaces to the terminal's width: a terminal would cut a name in two
  local text = msg.text("repl.help.methods", { n = #names, list = table.concat(calls, ", ") })
  return table.concat(require("ctg.grid").wrap(text, repl.width()), "\n")
end

local VARIABLES = { Plan = "p", Evaluation = "ev", Database = "db", Value = "v", Explanation = "e", Table = "t" }
local NODE_VARIABLES = { territory = "t", group = "g", axis = "a", objective = "o", action = "a", indicator = "i" }

--- The text help(x) prints.
function repl.help_text(x, ...)
  if select("#", ...) == 0 and x == nil then return msg.text("repl.guide") end
  if x == rawget(_G, "ctg") then return modules_text() end
  if type(x) == "function" then
    for name, f in pairs(require("ctg")) do
      if f == x and FUNCTIONS[name] then return msg.text("repl.fn." .. name) end
    end
    for _, c in ipairs(classes()) do
      for name, f in pairs(c[3]) do
        if f == x and type(name) == "string" then
          return msg.text("repl.help.method", { call = c[2] .. ":" .. name, kind = c[1],
            text = method_text(c[1], name) or msg.text("repl.help.method-undocumented", { var = c[2] }) })
        end
      end
    end
    return msg.text("repl.help.function")
  end
  local kind = kind_of(x)
  if OBJECTS[kind] then
    local lines = { msg.text("repl.obj." .. kind, { kind = kind }) }
    local uses = msg.text("repl.obj." .. kind .. ".uses")
    for l in uses:gmatch("[^\n]+") do lines[#lines + 1] = "  " .. l end
    lines[#lines + 1] = methods_line(x, VARIABLES[kind])
    return table.concat(lines, "\n")
  end
  if NODES[kind] then
    local lines = { msg.text("repl.help.node", { what = tostring(x) }),
                    msg.text("repl.help.table-fields", { fields = (function()
                      local keys = {}
                      for k in pairs(x) do if type(k) == "string" then keys[#keys + 1] = k end end
                      table.sort(keys)
                      return table.concat(keys, ", ")
                    end)() }) }
    lines[#lines + 1] = methods_line(x, NODE_VARIABLES[kind] or "x")
    return table.concat(lines, "\n")
  end
  if type(x) == "table" then
    local keys = {}
    for k in pairs(x) do if type(k) == "string" then keys[#keys + 1] = k end end
    table.sort(keys)
    if #keys > 0 then return msg.text("repl.help.table-fields", { fields = table.concat(keys, ", ") }) end
    return msg.plural("repl.help.table-items", #x)
  end
  if x == nil then return msg.text("repl.help.nil") end
  return msg.text("repl.help.value", { type = type(x), value = tostring(x) })
end

-- The columns of a db:query result in their SQL order (its metatable's `columns`, set by
-- host/store/sqlite.c), nil for any other table.
local function query_columns(v)
  local mt = getmetatable(v)
  if type(mt) ~= "table" or type(rawget(mt, "columns")) ~= "table" or next(mt, next(mt)) ~= nil then return nil end
  return mt.columns
end

--- The width a grid takes: the terminal's columns on a terminal, else (piped) ctg.grid's 100.
function repl.width()
  return require("ctg.sys").term_width() or require("ctg.grid").WIDTH
end

-- A list of flat rows (what db:query returns) as a grid; nil for anything else. A query's
-- columns keep their SQL order; other lists of rows show their keys sorted.
local function grid_of(v)
  if type(v) ~= "table" then return nil end
  local ordered = query_columns(v)
  if not ordered and (getmetatable(v) or #v == 0) then return nil end
  local seen, columns = {}, {}
  for i, r in pairs(v) do
    if math.type(i) ~= "integer" or type(r) ~= "table" or getmetatable(r) then return nil end
    for k, c in pairs(r) do
      if type(k) ~= "string" or type(c) == "table" or type(c) == "function" then return nil end
      if not seen[k] then seen[k] = true; columns[#columns + 1] = k end
    end
  end
  if ordered then columns = ordered else table.sort(columns) end
  if #columns == 0 then return nil end
  local pretty = require("ctg.pretty")
  local lines = {}
  for i, r in ipairs(v) do
    local cells = {}
    for j, k in ipairs(columns) do
      local c = r[k]
      cells[j] = type(c) == "string" and c or (c == nil and "" or pretty.format(c))
    end
    lines[i] = cells
  end
  local flexible = {}
  for j = 1, #columns do flexible[j] = true end
  return require("ctg.grid").render(columns, lines, { flexible = flexible, width = repl.width(), cut = true, min = 6 }) .. "\n" ..
    (#v == 0 and msg.text("repl.rows.none") or msg.text("repl.rows", { n = #v, rows = msg.count_word("rows", #v) }))
end

-- The short display of objects that are too big to print whole.
local SUMMARIES = {
  Evaluation = function(ev)
    local n, missing = 0, 0
    for _, ind in ipairs(ev.plan.indicators) do
      n = n + 1
      local ok, r = pcall(ev.value, ev, ind.id)
      if ok and r.value == nil and r.text == nil then missing = missing + 1 end
    end
    return msg.text("repl.summary.evaluation", { plan = ev.plan.id, period = tostring(ev.period),
      territory = require("ctg.present").place(ev.plan, ev.territory), n = n, missing = missing })
  end,
  Plan = function(p)
    local c, parts = p:counts(), {}
    for _, k in ipairs({ "axes", "objectives", "actions", "indicators", "territories" }) do
      if c[k] then parts[#parts + 1] = msg.count(c[k], k) end
    end
    return msg.text("repl.summary.plan", { plan = p.id, title = tostring(p.title), counts = table.concat(parts, ", ") })
  end,
}

-- Cut text to repl.MAX_LINES lines, saying what was left and how to see it.
local function cut(text)
  local lines = {}
  for line in (text .. "\n"):gmatch("(.-)\n") do lines[#lines + 1] = line end
  if #lines <= repl.MAX_LINES then return text end
  local kept = table.concat(lines, "\n", 1, repl.MAX_LINES - 1)
  return kept .. "\n" .. msg.text("repl.cut", { n = #lines - repl.MAX_LINES + 1 })
end

--- What the REPL prints for one result: the guide, a summary, a grid, or the pretty form
--- cut to repl.MAX_LINES lines.
function repl.show(v)
  if v == rawget(_G, "ctg") then return modules_text() end
  local summary = SUMMARIES[kind_of(v)]
  if summary then
    local ok, text = pcall(summary, v)
    if ok then return text end
  end
  -- a table of values: as many first rows as fit the screen, then how many rows are left
  -- (rendering a whole département would take seconds)
  local datatable = require("ctg.datatable")
  if datatable.is(v) then
    local n = repl.MAX_LINES - 3
    while true do
      local text = datatable.render(v, n, { width = repl.width(), cut = true })
      local _, lines = text:gsub("\n", "")
      if lines < repl.MAX_LINES or n == 1 then return cut(text) end
      n = n // 2
    end
  end
  local grid = grid_of(v)
  if grid then return cut(grid) end
  return cut(require("ctg.pretty").format(v))
end

--- An error as the REPL reports it: a location inside stdlib/ becomes the line the user
--- typed (the innermost frame outside the library), since that is what they can change.
--- An expression typed at the prompt runs as `return …`, a tail call that leaves no frame of
--- its own: an error raised inside the library then gets the chunk's first line
--- (repl.chunk_line, set by host/repl.c). Locations are in host/repl.c's chunk names
--- ("[saisie@N]:L:"), which it turns into input lines when it reports the error.
local STDLIB_AT = "^[^:\n]*ctg/[%w_/]+%.lua:%d+: "
function repl.message(err)
  local text = type(err) == "string" and err or tostring(err)
  local located = text:find(STDLIB_AT) ~= nil
  local library = located
  for level = 2, 60 do
    local info = debug.getinfo(level, "Sl")
    if not info then break end
    if info.short_src:find("ctg/[%w_/]+%.lua$") then library = true
    elseif info.what ~= "C" and info.currentline and info.currentline > 0 then
      if not library then return text end  -- the user's own error, already at their line
      local at = info.short_src .. ":" .. info.currentline .. ": "
      return located and (text:gsub(STDLIB_AT, at, 1)) or (text:find("^[^:\n]+:%d+: ") and text or at .. text)
    end
  end
  if not library then return text end
  local at = "[saisie@" .. math.tointeger(repl.chunk_line or 1) .. "]:1: "
  return located and (text:gsub(STDLIB_AT, at, 1)) or (text:find("^[^:\n]+:%d+: ") and text or at .. text)
end

-- Lua's own messages a person meets at the prompt, put in French: pattern, message key and
-- the names of its captures. A location stays in front; what Lua names ('x', near '=') is
-- kept as written.
local LUA_MESSAGES = {
  { "^'(.-)' expected %(to close '(.-)' at line (%d+)%) near (.+)$", "repl.lua.close", { "token", "opener", "line", "near" } },
  { "^'(.-)' expected near (.+)$", "repl.lua.expected", { "token", "near" } },
  { "^unexpected symbol near (.+)$", "repl.lua.unexpected", { "near" } },
  { "^syntax error near (.+)$", "repl.lua.syntax", { "near" } },
  { "^unfinished string near (.+)$", "repl.lua.unfinished-string", { "near" } },
  { "^malformed number near (.+)$", "repl.lua.malformed-number", { "near" } },
  { "^attempt to call a (%w+) value %((%w+) '(.-)'%)$", "repl.lua.call-named", { "type", "kind", "name" } },
  { "^attempt to call a (%w+) value$", "repl.lua.call", { "type" } },
  { "^attempt to index a (%w+) value %((%w+) '(.-)'%)$", "repl.lua.index-named", { "type", "kind", "name" } },
  { "^attempt to index a (%w+) value$", "repl.lua.index", { "type" } },
  { "^attempt to perform arithmetic on a (%w+) value %((%w+) '(.-)'%)$", "repl.lua.arith-named", { "type", "kind", "name" } },
  { "^attempt to perform arithmetic on a (%w+) value$", "repl.lua.arith", { "type" } },
  { "^attempt to concatenate a (%w+) value %((%w+) '(.-)'%)$", "repl.lua.concat-named", { "type", "kind", "name" } },
  { "^attempt to concatenate a (%w+) value$", "repl.lua.concat", { "type" } },
  { "^interrupted$", "repl.lua.interrupted", {} },
  { "^%(error object is a (%w+) value%)$", "repl.lua.error-object", { "type" } },
}
local KNOWN_TYPES = { ["nil"] = true, number = true, string = true, boolean = true, table = true,
                      ["function"] = true, userdata = true, thread = true }
local KNOWN_KINDS = { global = true, ["local"] = true, field = true, method = true, upvalue = true, constant = true }

-- One of Lua's messages in the catalogue's words, or nil when it is not one of them.
local function lua_message(text, chunk_line)
  for _, m in ipairs(LUA_MESSAGES) do
    local caps = { text:match(m[1]) }
    if caps[1] or (#m[3] == 0 and text:match(m[1])) then
      local vars = {}
      for i, name in ipairs(m[3]) do vars[name] = caps[i] end
      if vars.type then
        if not KNOWN_TYPES[vars.type] then return nil end
        vars.type = msg.text("repl.type." .. vars.type)
      end
      if vars.kind then
        if not KNOWN_KINDS[vars.kind] then return nil end
        vars.kind = msg.text("repl.kind." .. vars.kind)
      end
      if vars.near == "<eof>" then vars.near = msg.text("repl.eof") end
      -- "at line N" counts the lines of the chunk: the input's line is what the user sees
      if vars.line then vars.line = tostring(tonumber(vars.line) + (chunk_line or 1) - 1) end
      return msg.text(m[2], vars)
    end
  end
end

--- The line the REPL writes for an error (msg already located at the input's line by
--- host/repl.c; chunk_line: where the chunk that failed to compile starts): "erreur : …",
--- Lua's common messages in the catalogue's words.
function repl.report(text, chunk_line)
  local at, rest = text:match("^(%[[^%]\n]+%]:%d+: )(.*)$")
  if not at then at, rest = "", text end
  local words = lua_message(rest, chunk_line)
  return msg.text("repl.error", { message = at .. (words or rest) })
end

-- quit and exit: a bare name or a call leaves the session.
local leave = setmetatable({}, {
  __call = function() repl.leaving = true end,
  __name = "quit",
})

--- Globals of the session: help, quit, exit.
function repl.install()
  repl.input_name = msg.text("repl.input")
  _G.help = function(...) print(repl.help_text(...)) end
  _G.quit, _G.exit = leave, leave
end

--- A value that ends the session when the REPL shows it (a bare `quit`).
function repl.is_leave(v) return v == leave end

return repl
