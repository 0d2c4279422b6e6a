-- ctg.repl — what makes the REPL guide a person: help() and help(x), quit and exit, the
-- short display of big objects, query results as a grid, and errors located at the line the
-- user typed rather than inside stdlib/. host/repl.c calls install() once, show(v) for each
-- result, message(err) for each error, and stops when `leaving` is set.
local repl = { leaving = false }

--- The first line of a terminal session.
function repl.banner(version, lua)
  return "ctg " .. version .. " (" .. lua .. ") — help() pour commencer, quit pour sortir ; " ..
    "Tab complète, Ctrl-C interrompt"
end

--- At most this many lines of a value are printed; the rest is announced.
repl.MAX_LINES = 30

local GUIDE = [[
ctg — l'aide de la console (help(x) décrit x : help(ctg), help(ev), help(ctg.load)…)

  p = ctg.load("plan.lua")            charger un plan (.lua ou .yaml) ; erreur s'il en a
  p, constats = ctg.check("plan.lua") vérifier un plan sans erreur levée
  db = ctg.open()                     ouvrir la base ($CTG_DB, sinon ./ctg.db)
  ev = ctg.evaluate(p, db, {period = 2023})   évaluer (p = nil : la version en vigueur)
  ev:value("places_100")              une valeur ; {territory = "nord"} pour un territoire
  ev:explain("places_100")            comment elle est calculée, observations et révisions
  db:query("select * from imports")   une requête SQL en lecture, affichée en tableau
  ctg.report(…) n'existe pas ici : un rapport se produit par
      ctg report scripts/bilan-annuel.lua --period 2023 -o bilan.html   (dans le terminal)
  quit  (ou exit, ou Ctrl-D)          quitter]]

-- What help(x) says of each ctg function (the docs of stdlib/ctg/init.lua, in French).
local FUNCTIONS = {
  load = "ctg.load(chemin) : charge un plan (.lua ou .yaml) et le renvoie ; lève une erreur qui liste " ..
    "ses erreurs s'il en a. Exemple : p = ctg.load(\"examples/clermont-ferrand/plan.lua\")",
  check = "ctg.check(chemin) : charge un plan et renvoie plan, constats (erreurs et avertissements), " ..
    "a_des_erreurs ; ne lève pas d'erreur pour les fautes du plan.",
  diff = "ctg.diff(a, b) : les changements entre deux plans chargés (ajouts, retraits, modifications).",
  export = "ctg.export(p, \"yaml\"|\"json\") : le plan en texte YAML (défaut) ou JSON.",
  open = "ctg.open([chemin]) : ouvre (ou crée) une base ; défaut $CTG_DB puis ./ctg.db. " ..
    "local db <close> = ctg.open() la ferme en fin de bloc.",
  evaluate = "ctg.evaluate(p, db, {period = 2023, as_of = …, known_at = …}) : évalue le plan sur la base ; " ..
    "p = nil prend la version en vigueur. Renvoie une évaluation : help(ev).",
  explain = "ctg.explain(ev, id, opts) : comme ev:explain(id, opts).",
}

-- What help(x) says of each kind of object, by its metatable's __name.
local OBJECTS = {
  Plan = { "un plan chargé", {
    "p.id, p.title, p.period           identifiant, titre, période",
    "p.indicators, p.actions, p.territories   les listes du plan",
    "p:indicator(id), p:action(n)      un élément par son identifiant",
    "p:place(code)                     un territoire ou un groupe",
    "p:counts()                        le nombre d'éléments de chaque sorte" } },
  Evaluation = { "une évaluation (ctg.evaluate)", {
    "ev:value(id, {period = …, territory = …})   la valeur d'un indicateur",
    "ev:explain(id, opts)              comment elle est calculée",
    "ev:series(id, opts)               la série annuelle",
    "ev:breakdown(id, dim, opts)       la valeur par modalité d'une dimension",
    "ev:findings()                     les constats des règles",
    "ev.plan, ev.period, ev.territory  le plan évalué, la période, le territoire" } },
  Database = { "une base de données (ctg.open)", {
    "db:query(sql, …)                  une requête en lecture, résultat en tableau",
    "db:plans()                        les plans et versions enregistrés",
    "db:history({indicator = …})       les révisions des observations",
    "db:close()                        fermer la base" } },
  Value = { "une valeur calculée (ev:value)", {
    "v.value, v.numerator, v.denominator   la valeur et ses termes",
    "v.status, v.reason                statut (cible) ou motif d'indisponibilité",
    "v.period, v.territory, v.sources  d'où elle vient ; ev:explain(v.indicator) détaille" } },
  Explanation = { "une explication (ev:explain) ; print(x) l'affiche en entier", {} },
}

-- The modules a person meets through the global ctg.
local MODULES = {
  { "ctg.load, ctg.check", "charger ou vérifier un plan" },
  { "ctg.open", "ouvrir une base de données" },
  { "ctg.evaluate, ctg.explain", "évaluer les indicateurs, expliquer une valeur" },
  { "ctg.diff, ctg.export", "comparer deux plans, exporter un plan" },
  { "ctg.fmt", "nombres, pourcentages, euros et dates à la française" },
}

local function kind_of(v)
  local mt = getmetatable(v)
  return type(mt) == "table" and rawget(mt, "__name") or nil
end

local function modules_text()
  local lines = { "ctg — les fonctions de la console (help(ctg.load) pour l'une d'elles) :" }
  for _, m in ipairs(MODULES) do lines[#lines + 1] = string.format("  %-28s %s", m[1], m[2]) end
  return table.concat(lines, "\n")
end

--- The text help(x) prints.
function repl.help_text(x, ...)
  if select("#", ...) == 0 and x == nil then return GUIDE end
  if x == rawget(_G, "ctg") then return modules_text() end
  if type(x) == "function" then
    for name, f in pairs(require("ctg")) do
      if f == x and FUNCTIONS[name] then return FUNCTIONS[name] end
    end
    return "une fonction ; help() pour le guide de la console"
  end
  local o = OBJECTS[kind_of(x)]
  if o then
    local lines = { kind_of(x) .. " : " .. o[1] }
    for _, l in ipairs(o[2]) do lines[#lines + 1] = "  " .. l end
    return table.concat(lines, "\n")
  end
  if type(x) == "table" then
    local keys = {}
    for k in pairs(x) do if type(k) == "string" then keys[#keys + 1] = k end end
    table.sort(keys)
    return "une table" .. (#keys > 0 and " ; ses champs : " .. table.concat(keys, ", ") or
      (" de " .. #x .. " élément" .. (#x > 1 and "s" or "")))
  end
  return type(x) == "nil" and "nil : rien (une variable jamais affectée ?)" or
    ("une valeur de type " .. type(x) .. " : " .. tostring(x))
end

-- The columns of a db:query result in their SQL order (its metatable's `columns`, set by
-- host/store.c), nil for any other table.
local function query_columns(v)
  local mt = getmetatable(v)
  if type(mt) ~= "table" or type(rawget(mt, "columns")) ~= "table" or next(mt, next(mt)) ~= nil then return nil end
  return mt.columns
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
  return require("ctg.grid").render(columns, lines, { flexible = flexible }) .. "\n" ..
    (#v == 0 and require("ctg.msg").text("repl.rows.none") or
      require("ctg.msg").text("repl.rows", { n = #v, rows = require("ctg.msg").count_word("rows", #v) }))
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
    return string.format("<Evaluation> %s, période %s, territoire %s : %d indicateurs, dont %d sans valeur\n" ..
      "  ev:value(id), ev:explain(id) ; help(ev) pour le reste", ev.plan.id, tostring(ev.period),
      require("ctg.present").place(ev.plan, ev.territory), n, missing)
  end,
  Plan = function(p)
    local c, parts = p:counts(), {}
    for _, k in ipairs({ "axes", "objectives", "actions", "indicators", "territories" }) do
      if c[k] then parts[#parts + 1] = c[k] .. " " .. (require("ctg.msg").count_word(k, c[k])) end
    end
    return string.format("<Plan> %s — %s\n  %s ; help(p) pour le reste", p.id, tostring(p.title),
      table.concat(parts, ", "))
  end,
}

-- Cut text to repl.MAX_LINES lines, saying what was left and how to see it.
local function cut(text)
  local lines = {}
  for line in (text .. "\n"):gmatch("(.-)\n") do lines[#lines + 1] = line end
  if #lines <= repl.MAX_LINES then return text end
  local kept = table.concat(lines, "\n", 1, repl.MAX_LINES - 1)
  return kept .. "\n… " .. (#lines - repl.MAX_LINES + 1) .. " lignes de plus : print(require(\"ctg.pretty\").format(x, " ..
    "{width = 100})) pour tout voir, help(x) pour ce qu'on peut en faire"
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
  local msg = type(err) == "string" and err or tostring(err)
  local located = msg:find(STDLIB_AT) ~= nil
  local library = located
  for level = 2, 60 do
    local info = debug.getinfo(level, "Sl")
    if not info then break end
    if info.short_src:find("ctg/[%w_/]+%.lua$") then library = true
    elseif info.what ~= "C" and info.currentline and info.currentline > 0 then
      if not library then return msg end  -- the user's own error, already at their line
      local at = info.short_src .. ":" .. info.currentline .. ": "
      return located and (msg:gsub(STDLIB_AT, at, 1)) or (msg:find("^[^:\n]+:%d+: ") and msg or at .. msg)
    end
  end
  if not library then return msg end
  local at = "[saisie@" .. math.tointeger(repl.chunk_line or 1) .. "]:1: "
  return located and (msg:gsub(STDLIB_AT, at, 1)) or (msg:find("^[^:\n]+:%d+: ") and msg or at .. msg)
end

-- Lua's own messages a person meets at the prompt, put in French: pattern, message key and
-- the names of its captures. A location stays in front; what Lua names ('x', near '=') is
-- kept as written.
local LUA_MESSAGES = {
  { "^'(.-)' expected %(to close '(.-)' at line (%d+)%) near (.+)$", "repl.lua.close", { "token", "opener", "line", "near" } },
  { "^'(.-)' expected near (.+)$", "repl.lua.expected", { "token", "near" } },
  { "^unexpected symbol near (.+)$", "repl.lua.unexpected", { "near" } },
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
  local msg = require("ctg.msg")
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
  local msg = require("ctg.msg")
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
  repl.input_name = require("ctg.msg").text("repl.input")
  _G.help = function(...) print(repl.help_text(...)) end
  _G.quit, _G.exit = leave, leave
end

--- A value that ends the session when the REPL shows it (a bare `quit`).
function repl.is_leave(v) return v == leave end

return repl
