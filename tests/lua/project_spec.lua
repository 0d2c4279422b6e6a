-- ctg.luals (editor definitions generated from the schema) and ctg.project (what a build
-- imports).
local t = ...
local schema = require("ctg.schema")
local luals = require("ctg.luals")
local project = require("ctg.project")

local function has(text, needle) return text:find(needle, 1, true) ~= nil end

t.test("the LuaLS definitions are Lua meta definitions that compile", function()
  local text = luals.definitions()
  t.eq(text:match("^[^\n]*"), "---@meta")
  local chunk, err = load(text, "=defs", "t")
  t.ok(chunk, err)
end)

t.test("the definitions name every declaration and field of the schema, in English and French", function()
  local text = luals.definitions()
  local missing = {}
  for _, kind in ipairs(schema.order) do
    local k = schema.kinds[kind]
    local cls = luals.class_of(kind)
    local start = text:find("---@class " .. cls .. "\n", 1, true)
    if not start then missing[#missing + 1] = "class " .. cls end
    local block = start and text:sub(start, (text:find("\n\n", start, true) or #text)) or ""
    for _, f in ipairs(k.field_list) do
      if not has(block, "---@field " .. f.name .. "? ") then missing[#missing + 1] = kind .. "." .. f.name end
      if not has(block, "---@field " .. f.french .. "? ") then missing[#missing + 1] = kind .. "." .. f.french end
    end
    local code = k.code
    if not has(text, "\nfunction " .. kind .. "(") then missing[#missing + 1] = "function " .. kind end
    if not has(text, "\nfunction " .. k.french .. "(") then missing[#missing + 1] = "function " .. k.french end
    if kind ~= "sheet" and not has(text, "---@param " .. code .. " ") then missing[#missing + 1] = "param " .. code end
  end
  for _, word in ipairs({ "amendment", "avenant", "remove", "retirer" }) do
    if not has(text, "\nfunction " .. word .. "(") then missing[#missing + 1] = "function " .. word end
  end
  t.eq(missing, {})
end)

t.test("field types: enums in both languages, lists, the doc on one line", function()
  local text = luals.definitions()
  t.ok(has(text, '---@field kind? "count"|"ratio"|"evolution"|"score"|"qualitative"|"comptage"|"qualitatif"|"taux" '), "kind")
  t.ok(has(text, '---@field gravite? "info"|"warning"|"critical"|"attention"|"critique" '), "severity")
  t.ok(has(text, "---@field actions? integer[] les actions qu'elle couvre (obligatoire)"), "list of integers")
  t.ok(has(text, "---@field scale? 1|100 "), "numeric enum")
  t.ok(has(text, "---@return fun(fields: ctg.vocabulary.Action): ctg.Declaration\nfunction action(number, title) end"), "action(…) { … }")
  t.ok(has(text, "---@param fields ctg.vocabulary.Sheet\n---@return ctg.Declaration\nfunction fiche(fields) end"), "fiche { … }")
end)

t.test("the definitions describe the report and evaluation API", function()
  local text = luals.definitions()
  for _, needle in ipairs({ "---@class ctg.ReportContext", "---@field evaluation ctg.Evaluation", "function ReportContext.stock(name) end",
                            "function Evaluation:value(id, opts) end", "function Evaluation:findings(extra_rules) end",
                            "function ctg.open(path, opts) end", "function Database:observations(filter) end",
                            "function report.new(meta) end", "function Document:table(spec) end" }) do
    t.ok(has(text, needle), needle)
  end
end)

local function current(plan_hash, files)
  local c = { ctg_version = "1", plan = { file = "plan.lua", hash = plan_hash }, data = {} }
  for _, f in ipairs(files) do c.data[#c.data + 1] = { file = f[1], hash = f[2] } end
  return c
end

t.test("a build imports afresh when the plan or an imported file changed, else only the new files", function()
  local state = current("p1", { { "donnees/a.csv", "h1" }, { "donnees/b.csv", "h2" } })
  t.eq({ project.plan_import(nil, state) }, { "fresh", "première construction" })
  t.eq({ project.plan_import(state, current("p1", { { "donnees/a.csv", "h1" }, { "donnees/b.csv", "h2" } })) }, { "none" })
  t.eq({ project.plan_import(state, current("p2", { { "donnees/a.csv", "h1" }, { "donnees/b.csv", "h2" } })) },
       { "fresh", "le plan a changé" })
  t.eq({ project.plan_import(state, current("p1", { { "donnees/a.csv", "h1" }, { "donnees/b.csv", "h9" } })) },
       { "fresh", "le fichier donnees/b.csv a changé" })
  t.eq({ project.plan_import(state, current("p1", { { "donnees/a.csv", "h1" }, { "donnees/b.csv", "h2" }, { "donnees/c.csv", "h3" } })) },
       { "append", { "donnees/c.csv" } })
  -- a new file sorting before an imported one: a fresh base, the same one a first build makes
  t.eq((project.plan_import(state, current("p1", { { "donnees/0.csv", "h0" }, { "donnees/a.csv", "h1" }, { "donnees/b.csv", "h2" } }))),
       "fresh")
  t.eq((project.plan_import(state, current("p1", { { "donnees/a.csv", "h1" } }))), "fresh")
  local other = current("p1", { { "donnees/a.csv", "h1" }, { "donnees/b.csv", "h2" } })
  other.ctg_version = "2"
  t.eq({ project.plan_import(state, other) }, { "fresh", "nouvelle version de ctg" })
end)

t.test("skeleton names: a slug without accents", function()
  local skeleton = require("ctg.skeleton")
  t.eq(skeleton.slug("CC du Pays de Trélon"), "cc-du-pays-de-trelon")
  t.eq(skeleton.slug("Ville d'Anor"), "ville-d-anor")
  t.eq(skeleton.slug("  ***  "), "projet")
end)

t.test("ctx.stock runs a stock report compiled into ctg; a misspelt name is suggested", function()
  local reporting = require("ctg.reporting")
  t.ok(reporting.stock_source("calendrier"):find("local ctx = ...", 1, true), "the calendar's source")
  t.eq(reporting.stock_source("../etc/passwd"), nil)
  local ok, err = pcall(reporting.stock, "bilan-anuel", {})
  t.eq(ok, false)
  t.ok(tostring(err):find("pas de rapport fourni nommé « bilan-anuel » (vouliez-vous dire « bilan-annuel » ?)", 1, true), err)
end)
