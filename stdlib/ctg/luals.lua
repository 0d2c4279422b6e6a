-- ctg.luals — definitions for lua-language-server (`ctg help vocabulary --format luals`),
-- so that an editor completes and type-checks plan files and report scripts. The vocabulary
-- part is generated from ctg.schema: one ---@class per declaration with a ---@field per
-- field (English and French names, type, one-line doc), and the vocabulary functions under
-- both names; the API part describes what scripts and the REPL are given (ctg, databases,
-- evaluations, the report context and document builder).
local schema = require("ctg.schema")
local msg = require("ctg.msg")

local luals = {}

-- The class name of a declaration's fields: "ctg.vocabulary.Action" (ctg.Plan is a loaded plan).
local function class_of(kind)
  local s = kind:gsub("^%l", string.upper)
  return "ctg.vocabulary." .. s
end
luals.class_of = class_of

-- The type a schema type reads as, in LuaLS notation. Translated types (ctg.schema's
-- French spellings) describe the type they wrap, plus the French enum values.
local SIMPLE = {
  string = "string", text = "string", level = "string", insee = "string", integer = "integer", count = "integer",
  year = "integer", amount = "number", number = "number", boolean = "boolean", code = "string|integer",
  date = "string|integer", period = "integer|string", year_range = "integer[]",
  targets = "table<integer|string, number>", places = "string[]|\"all\"",
  indicator_targets = "table<integer|string, number>|{cumulative?: table<integer|string, number>, yearly?: table<integer|string, number>, cumul?: table<integer|string, number>, annuel?: table<integer|string, number>}",
  meetings = "integer|table<string|integer, integer>",
  signatory = "string|{name: string, role?: string, nom?: string}",
  labels = "{axis?: string, objective?: string, action?: string, step?: string, axe?: string, objectif?: string, etape?: string}",
  ["function"] = "fun(ctx: ctg.RuleContext): table?",
}
local NAME_OF = {}
for name, t in pairs(schema.types) do NAME_OF[t] = name end

local function base_type(t)
  while not NAME_OF[t] and not t.values and not t.list_of do
    local mt = getmetatable(t)
    if not mt or type(mt.__index) ~= "table" then break end
    t = mt.__index
  end
  return t
end

local function type_text(f_type, french_values)
  local t = base_type(f_type)
  if t.values then
    local out = {}
    for _, v in ipairs(t.values) do out[#out + 1] = type(v) == "string" and string.format("%q", v) or tostring(v) end
    local fr = {}
    for french in pairs(french_values or {}) do fr[#fr + 1] = french end
    table.sort(fr)
    for _, v in ipairs(fr) do out[#out + 1] = string.format("%q", v) end
    return table.concat(out, "|")
  end
  if t.list_of then
    local inner = type_text(t.list_of)
    return inner:find("[|{]") and "(" .. inner .. ")[]" or inner .. "[]"
  end
  return SIMPLE[NAME_OF[t]] or "any"
end
luals.type_text = type_text

-- One line of documentation (LuaLS shows it on hover): no newline inside.
local function one_line(s) return ((s or ""):gsub("%s*\n%s*", " ")) end

-- The vocabulary functions of a kind under one name: kind(code, title) { fields }.
local function vocabulary_function(out, name, kind, synonym_of)
  local k = schema.kinds[kind]
  local cls = class_of(kind)
  out[#out + 1] = "---" .. one_line(k.doc()) .. (synonym_of and " (= " .. synonym_of .. ")" or "")
  if kind == "sheet" then
    out[#out + 1] = "---@param fields " .. cls
    out[#out + 1] = "---@return ctg.Declaration"
    out[#out + 1] = "function " .. name .. "(fields) end"
  else
    local code = k.fields[k.code]
    out[#out + 1] = "---@param " .. k.code .. " " .. type_text(code.type) .. " " .. one_line(code.doc())
    if k.title then
      out[#out + 1] = "---@param " .. k.title .. "? string " .. one_line(k.fields[k.title].doc())
    end
    out[#out + 1] = "---@return fun(fields: " .. cls .. "): ctg.Declaration"
    out[#out + 1] = "function " .. name .. "(" .. k.code .. (k.title and ", " .. k.title or "") .. ") end"
  end
  out[#out + 1] = ""
end

--- The definitions of the plan vocabulary (generated from ctg.schema).
function luals.vocabulary()
  local out = {}
  out[#out + 1] = "---Une déclaration faite par une fonction du vocabulaire (ce que rend sa table de champs)."
  out[#out + 1] = "---@class ctg.Declaration"
  out[#out + 1] = ""
  for _, kind in ipairs(schema.order) do
    local k = schema.kinds[kind]
    out[#out + 1] = "---" .. one_line(k.doc())
    out[#out + 1] = "---@class " .. class_of(kind)
    -- the French name first (the one a French analyst types), the English one as its synonym
    for _, f in ipairs(k.field_list) do
      local t = type_text(f.type, f.french_values)
      local doc = one_line(f.doc()) .. (f.required and " " .. msg.text("vocabulary.required") or "")
      local french = f.french or f.name
      out[#out + 1] = "---@field " .. french .. "? " .. t .. " " .. doc
      if french ~= f.name then
        out[#out + 1] = "---@field " .. f.name .. "? " .. t .. " " .. doc .. " (= " .. french .. ")"
      end
    end
    if k.children then out[#out + 1] = "---@field [integer] ctg.Declaration " .. table.concat(k.children, ", ") end
    out[#out + 1] = ""
  end
  for _, kind in ipairs(schema.order) do
    local french = schema.kinds[kind].french or kind
    vocabulary_function(out, french, kind)
    if french ~= kind then vocabulary_function(out, kind, kind, french) end
  end
  -- the two words of an avenant file (ctg.amend)
  local A = schema.AMENDMENT
  -- the header of an avenant: French names first, each English one as its synonym
  local english_of = { amends = true, label = true, council_date = true, signed = true, effective = true, period = true }
  local french_of = {}
  for french, english in pairs(A.fields) do french_of[english] = french end
  out[#out + 1] = "---@class ctg.AmendmentHeader"
  for _, english in ipairs({ "amends", "label", "council_date", "signed", "effective", "period", "note" }) do
    local t = english == "amends" and "string|integer" or english == "period" and "integer[]" or "string"
    local doc = msg.text("vocabulary.amendment." .. english)
    local french = french_of[english] or english
    out[#out + 1] = "---@field " .. french .. "? " .. t .. " " .. doc
    if english_of[english] and french ~= english then
      out[#out + 1] = "---@field " .. english .. "? " .. t .. " " .. doc .. " (= " .. french .. ")"
    end
  end
  out[#out + 1] = ""
  for _, pair in ipairs({ { A.amendment }, { "amendment", A.amendment } }) do
    out[#out + 1] = "---" .. msg.text("vocabulary.amendment") .. (pair[2] and " (= " .. pair[2] .. ")" or "")
    out[#out + 1] = "---@param plan_id string " .. msg.text("vocabulary.amendment.plan_id")
    out[#out + 1] = "---@return fun(header: ctg.AmendmentHeader)"
    out[#out + 1] = "function " .. pair[1] .. "(plan_id) end"
    out[#out + 1] = ""
  end
  for _, pair in ipairs({ { A.remove }, { "remove", A.remove } }) do
    out[#out + 1] = "---" .. msg.text("vocabulary.remove") .. (pair[2] and " (= " .. pair[2] .. ")" or "")
    out[#out + 1] = "---@param what table<string, any>"
    out[#out + 1] = "function " .. pair[1] .. "(what) end"
    out[#out + 1] = ""
  end
  return table.concat(out, "\n")
end

-- ---- import mappings (ctg.source_schema) ----------------------------------------------------

-- The class of a table-shaped field of a source: "ctg.source.Territory".
local function source_class(f)
  return "ctg.source." .. f.key:gsub("^%l", string.upper)
end

-- A source field's type in LuaLS notation, from its shapes.
local function source_type(f)
  local parts = {}
  for _, shape in ipairs(f.shapes) do
    if shape == "text" then
      local values = f.values ~= "roles" and f.values
      if values then
        local quoted = {}
        for _, pair in ipairs(values) do
          for _, v in ipairs(pair[1] == pair[2] and { pair[1] } or pair) do quoted[#quoted + 1] = string.format("%q", v) end
        end
        parts[#parts + 1] = table.concat(quoted, "|")
      else parts[#parts + 1] = "string" end
    elseif shape == "integer" then parts[#parts + 1] = "integer"
    elseif shape == "function" then parts[#parts + 1] = "fun(row: table<string|integer, string|number>): boolean?"
    elseif shape == "texts" then parts[#parts + 1] = "string|string[]"
    elseif shape == "header" then parts[#parts + 1] = "integer|integer[]"
    elseif shape == "table" then parts[#parts + 1] = source_class(f)
    elseif shape == "map" and f.each and #f.each == 0 then parts[#parts + 1] = "table<string, string>"
    elseif shape == "map" then
      parts[#parts + 1] = "table<string, " .. source_class(f) .. (f.each_text and "|string" or "") .. ">"
    end
  end
  return table.concat(parts, "|")
end

-- ---@class lines of a list of source fields (French name first, English as its synonym),
-- then those of their sub-tables.
local function source_classes(out, cls, fields, doc)
  out[#out + 1] = "---" .. doc
  out[#out + 1] = "---@class " .. cls
  local nested = {}
  for _, f in ipairs(fields) do
    local t, text = source_type(f), one_line(f.doc_fr) .. (f.required and " " .. msg.text("vocabulary.required") or "")
    out[#out + 1] = "---@field " .. f.fr .. "? " .. t .. " " .. text
    if f.fr ~= f.key then out[#out + 1] = "---@field " .. f.key .. "? " .. t .. " " .. text .. " (= " .. f.fr .. ")" end
    local sub = f.fields or f.each
    if sub and #sub > 0 then nested[#nested + 1] = { source_class(f), sub, one_line(f.doc_fr) } end
  end
  out[#out + 1] = ""
  for _, n in ipairs(nested) do source_classes(out, n[1], n[2], n[3]) end
end

--- The definitions of `source "id" { … }` (generated from ctg.source_schema).
function luals.sources()
  local out = {}
  source_classes(out, "ctg.source.Source", require("ctg.source_schema").FIELDS,
    "Une source : la forme d'un fichier reçu (ctg help sources).")
  out[#out + 1] = "---Déclare une source (ctg import --using FICHIER.lua ; ctg help sources)."
  out[#out + 1] = "---@param id string l'identifiant de la source"
  out[#out + 1] = "---@return fun(fields: ctg.source.Source)"
  out[#out + 1] = "function source(id) end"
  out[#out + 1] = ""
  return table.concat(out, "\n")
end

-- The API given to scripts, rules and the REPL (kept in step with `ctg help eval`,
-- `ctg help store` and ctg.reporting). Its hover texts are French only: they are the
-- project's editor definitions for French analysts (ctg init writes them into .ctg/), not
-- messages of a run; the vocabulary's texts above come from the catalogue.
local API = [[
---La globale des scripts et de la console.
---@class ctg
---@field fmt ctg.fmt les formats de nombres français
ctg = {}

---Charge un fichier de plan (.lua ou .yaml) ; lève une erreur qui liste ses erreurs s'il en a.
---@param path string
---@return ctg.Plan
function ctg.load(path) end

---Charge un plan et le rend avec ses constats (ne lève jamais d'erreur sur les fautes du plan).
---@param path string
---@return ctg.Plan? plan
---@return table[] findings
---@return boolean has_error
function ctg.check(path) end

---Ouvre une base : chemin par défaut --db, puis $CTG_DB, puis ./ctg.db ; un fichier absent est
---une erreur, sauf avec create = true.
---@param path? string
---@param opts? {create?: boolean, readonly?: boolean}
---@return ctg.Database
function ctg.open(path, opts) end

---Évalue un plan sur une base (plan nil : le plan en vigueur de la base).
---@param plan ctg.Plan?
---@param db ctg.Database
---@param opts? {period?: integer|string, territory?: string|table, as_of?: string, known_at?: string, plan?: string}
---@return ctg.Evaluation
function ctg.evaluate(plan, db, opts) end

---Les changements entre deux plans.
---@param a ctg.Plan|string un plan, un fichier ou une version enregistrée "ID@1"
---@param b ctg.Plan|string
---@return table[]
function ctg.diff(a, b) end

---Un plan en texte YAML (défaut) ou JSON.
---@param p ctg.Plan
---@param format? "yaml"|"json"
---@return string
function ctg.export(p, format) end

---@class ctg.fmt
---@field NA string le texte d'une valeur non disponible
local fmt = {}
---@param x number
---@return string
function fmt.number(x) end
---@param x number une part : 0.135 s'écrit 13,5 %
---@return string
function fmt.percent(x) end
---@param x number
---@return string
function fmt.euros(x) end

---Un plan chargé : les champs de l'en-tête, les listes de chaque nature, les recherches par code.
---@class ctg.Plan
---@field id string
---@field title string
---@field period integer[]
---@field stakes table[]
---@field territories table[]
---@field groups table[]
---@field committees table[]
---@field funding table[]
---@field axes table[]
---@field objectives table[]
---@field actions table[]
---@field steps table[]
---@field sheets table[]
---@field indicators table[]
---@field rules table[]
local Plan = {}
---@param number integer
---@return table? action
function Plan:action(number) end
---@param code string "5-E"
---@return table? step
function Plan:step(code) end
---@param id string
---@return table? indicator
function Plan:indicator(id) end
---Un territoire par code, nom ou code INSEE ; territory:children(), territory:members().
---@param code string
---@return table? territory
function Plan:territory(code) end
---Le territoire racine.
---@return table? territory
function Plan:root() end
---@param number integer
---@return table? sheet
function Plan:sheet_of(number) end
---Comment le plan nomme un niveau (« Thématique » pour ses axes).
---@param level "axis"|"objective"|"action"|"step"
---@return string
function Plan:label(level) end

---Une base de données (un fichier SQLite).
---@class ctg.Database
local Database = {}
---La version du plan en vigueur (à une date, si elle est donnée).
---@param id? string
---@param at? string
---@return ctg.Plan
function Database:plan(id, at) end
---Chaque version de plan enregistrée.
---@return table[]
function Database:plans() end
---Les observations en vigueur qui répondent à un filtre.
---@param filter? {indicator?: string, period?: integer|string, territory?: string|table, record?: string, plan?: string}
---@return fun(): table?
function Database:observations(filter) end
---Chaque révision, la plus ancienne d'abord.
---@param filter {indicator?: string, period?: integer|string, territory?: string}
---@return table[]
function Database:history(filter) end
---Enregistre une observation (vérifiée comme une ligne importée) ; rend sa révision.
---@param row table
---@return integer
function Database:put(row) end
---Exécute fn dans une transaction (annulée si fn lève une erreur).
---@param fn fun(db: ctg.Database)
function Database:transaction(fn) end
---Le SQL du moteur (SQLite), en lecture seule et à paramètres liés, pour qui en a besoin :
---les opérations nommées (step_progress, funding_totals…) disent la même chose sans SQL.
---@param sql string
---@param ... any
---@return table[]
function Database:query(sql, ...) end
---L'avancement enregistré des étapes, la période la plus ancienne d'abord.
---@param opts? {until_period?: integer|string, plan?: string} jusqu_a : les périodes de cette année ou d'avant
---@return {step: string, period: string, status: string}[]
function Database:step_progress(opts) end
---Les financements reçus, additionnés par financeur et période.
---@param opts? {plan?: string}
---@return {funder: string, period: string, total: number}[]
function Database:funding_totals(opts) end
---Les réunions tenues par instance et par année (year : « 2023 »).
---@param opts? {plan?: string}
---@return {committee: string, year: string, held: integer}[]
function Database:meetings_per_year(opts) end
---Les dates des réunions d'une instance tenues une année.
---@param plan_id string
---@param committee string
---@param year integer|string
---@return string[]
function Database:meetings_held(plan_id, committee, year) end
---Ce qu'un financeur a versé une année : total (nil sans versement), payments (leur nombre).
---@param plan_id string
---@param funder string
---@param year integer|string
---@return {total: number?, payments: integer, lying: integer?}
function Database:funding_received(plan_id, funder, year) end
---Si l'étape a été commencée (ou faite) une période de cette année ou d'avant.
---@param plan_id string
---@param step string
---@param year integer|string
---@return boolean
function Database:step_started_by(plan_id, step, year) end
function Database:close() end
---Les périodes où l'indicateur a des données.
---@param id string
---@return string[]
function Database:periods_with_data(id) end

---La valeur d'un indicateur pour une période et un territoire.
---@class ctg.Result
---@field value number|string|nil
---@field numerator number?
---@field denominator number?
---@field status "achieved"|"on track"|"behind"|"not available"|nil
---@field reason string? pourquoi la valeur n'est pas disponible
---@field target number?
---@field progress number?
---@field change number? evolution : +12,5 % vaut 0.125
---@field share number? score : la part des réponses satisfaites
---@field text string? qualitatif : la dernière appréciation
---@field sources table[]?

---Chaque indicateur évalué par période, territoire et valeur de dimension.
---@class ctg.Evaluation
---@field plan ctg.Plan
---@field period string
---@field territory string
local Evaluation = {}
---@param id string
---@param opts? {period?: integer|string, territory?: string|table, dim?: string, dim_value?: string, unassessed?: boolean}
---@return ctg.Result
function Evaluation:value(id, opts) end
---Un résultat par année.
---@param id string
---@param opts? {territory?: string}
---@return ctg.Result[]
function Evaluation:series(id, opts) end
---Un résultat par valeur d'une dimension.
---@param id string
---@param dim string
---@param opts? {period?: integer|string, territory?: string}
---@return table
function Evaluation:breakdown(id, dim, opts) end
---La formule, les observations et les révisions derrière une valeur.
---@param id string
---@param opts? {period?: integer|string, territory?: string}
---@return table
function Evaluation:explain(id, opts) end
---Les constats des règles et des engagements du plan.
---@param extra_rules? table[]
---@return {severity: "info"|"warning"|"critical"|"error", rule: string?, message: string}[]
function Evaluation:findings(extra_rules) end
---Les périodes où l'indicateur a des données (au territoire et à ceux qui le composent).
---@param id string
---@param opts? {territory?: string|table}
---@return string[]
function Evaluation:periods_with_data(id, opts) end

---Ce que reçoit la fonction de vérification d'une règle personnalisée.
---@class ctg.RuleContext
local RuleContext = {}
---@param id string
---@param opts? {period?: integer|string, territory?: string}
---@return ctg.Result
function RuleContext:value(id, opts) end
---@param id string
---@param opts? {territory?: string}
---@return ctg.Result[]
function RuleContext:series(id, opts) end
---@return ctg.Plan
function RuleContext:plan() end
---@return ctg.Database
function RuleContext:db() end
---@return string
function RuleContext:period() end

---Ce que reçoit un script de rapport : `local ctx = ...`
---@class ctg.ReportContext
---@field db ctg.Database
---@field plan ctg.Plan
---@field evaluation ctg.Evaluation l'évaluation à ctx.period
---@field evaluations ctg.Evaluation[] chaque plan lu (--plan all : tous ceux de la base)
---@field period string
---@field date string?
---@field report ctg.report le constructeur de document
---@field fmt ctg.fmt
---@field present table valeurs et statuts en français
---@field svg table les graphiques
---@field args string[] les mots de la ligne de commande en plus
---@field plan_version table la ligne de la version enregistrée
local ReportContext = {}
---Exécute un rapport fourni avec ctg sur ce contexte et rend son document.
---@param name "bilan-annuel"|"tableau-de-bord"|"calendrier"|"couverture-enjeux"|"portefeuille"
---@return ctg.Document
function ReportContext.stock(name) end

---@class ctg.report
local report = {}
---Un nouveau document.
---@param meta {title: string, subtitle?: string, organisation?: string, date?: string, period?: string|integer, as_of?: string}
---@return ctg.Document
function report.new(meta) end

---Un document ou l'une de ses sections : chaque méthode de bloc rend son propriétaire, les appels s'enchaînent.
---@class ctg.Document
local Document = {}
---Une sous-section.
---@param title string
---@param opts? {page_break?: boolean}
---@return ctg.Document
function Document:section(title, opts) end
---@param text string
---@return ctg.Document
function Document:paragraph(text) end
---Des chiffres clés.
---@param items {label: string, value: string, status?: "ok"|"warning"|"critical"}[]
---@return ctg.Document
function Document:figures(items) end
---Un tableau (son nom nomme aussi son fichier CSV).
---@param spec {caption: string, name?: string, columns: string[], rows: table[], raw?: table[], align?: string[], notes?: string[]}
---@return ctg.Document
function Document:table(spec) end
---Un graphique.
---@param spec {kind: "line"|"bars"|"stacked"|"gantt", title: string, desc?: string, format?: "number"|"percent"|"points"|"euros"}
---@return ctg.Document
function Document:chart(spec) end
---Des constats de règles.
---@param items {severity: string, message: string}[]
---@return ctg.Document
function Document:findings(items) end
---Une liste à puces.
---@param items string[]
---@return ctg.Document
function Document:list(items) end
]]

--- The whole definitions file.
function luals.definitions()
  return table.concat({
    "---@meta",
    "-- Définitions pour lua-language-server, générées par `ctg help vocabulary --format luals` (ctg " ..
      require("ctg.sys").version .. ") à partir du schéma des plans : ne pas modifier à la main.",
    "",
    luals.vocabulary(),
    luals.sources(),
    API,
  }, "\n")
end

return luals
