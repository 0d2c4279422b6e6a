-- The French vocabulary: every declaration, field and enumerated value has a French name,
-- accepted in Lua and YAML plans; a plan written in French exports what its English twin does.
local t = ...
local schema = require("ctg.schema")
local dsl = require("ctg.dsl")
local export = require("ctg.export")

local root = arg[0]:match("^(.*)/tests/lua/[^/]*$") or "."
local PLANS = { root .. "/examples/clermont-ferrand/plan.lua", root .. "/tests/fixtures/sud-avesnois/plan.lua" }

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local function write(path, text)
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
end

local function build(path, text)
  return dsl.build(dsl.collect_lua(path, text))
end

local function errors_of(findings)
  local out = {}
  for _, f in ipairs(findings) do
    if f.severity == "error" then out[#out + 1] = f.file .. ":" .. f.line .. ": " .. f.message end
  end
  return out
end

-- English -> French word maps, taken from the schema and checked to be context-free (a word
-- has the same French name wherever it occurs), which is what lets the translators below
-- work on words without parsing the plan's structure.
local function maps()
  local kinds, keys, values = {}, {}, {}
  local function put(map, en, fr, what)
    assert(map[en] == nil or map[en] == fr, what .. " '" .. en .. "' has two French names: " .. tostring(map[en]) .. ", " .. fr)
    map[en] = fr
  end
  put(kinds, "amendment", schema.AMENDMENT.amendment, "avenant word")
  put(kinds, "remove", schema.AMENDMENT.remove, "avenant word")
  for fr, en in pairs(schema.AMENDMENT.fields) do put(keys, en, fr, "amendment field") end
  for _, name in ipairs(schema.order) do
    local k = schema.kinds[name]
    put(kinds, name, k.french, "kind")
    put(keys, k.plural, k.french_plural, "plural")
    for _, f in ipairs(k.field_list) do
      put(keys, f.name, f.french, "field")
      for fr, en in pairs(f.french_keys or {}) do put(keys, en, fr, "key") end
      if f.french_values then
        values[f.name] = {}
        for fr, en in pairs(f.french_values) do values[f.name][en] = fr end
      end
    end
  end
  return kinds, keys, values
end

-- Accented spellings the Lua translator writes as string keys, and the YAML one as keys, to
-- show that the accented form of a French name is accepted too.
local ACCENTED_KEYS = { periode = "période", reunions_par_an = "réunions_par_an", libelle = "libellé",
                        etapes = "étapes", annees = "années", numerateur = "numérateur" }
local ACCENTED_VALUES = { evolution = "évolution" }

-- A plan file's text with every vocabulary word in French: declaration names before a call,
-- field keys before '=', enumerated values after their field. Comments and strings other
-- than those values are left alone.
local function translate_lua(text)
  local kinds, keys, values = maps()
  local out, i, n = {}, 1, #text
  local last_key -- the field key just translated, for its value
  local function emit(s) out[#out + 1] = s end
  while i <= n do
    local c = text:sub(i, i)
    local long = text:match("^%[(=*)%[", i) or (text:match("^%-%-%[(=*)%[", i))
    if text:sub(i, i + 1) == "--" then
      local eq = text:match("^%-%-%[(=*)%[", i)
      local j
      if eq then j = select(2, text:find("]" .. eq .. "]", i, true)) else j = (text:find("\n", i, true) or n + 1) - 1 end
      emit(text:sub(i, j)); i = j + 1
    elseif c == "[" and long then
      local j = select(2, text:find("]" .. long .. "]", i, true))
      emit(text:sub(i, j)); i = j + 1; last_key = nil
    elseif c == '"' or c == "'" then
      local j = i + 1
      while text:sub(j, j) ~= c do j = j + (text:sub(j, j) == "\\" and 2 or 1) end
      local s = text:sub(i + 1, j - 1)
      local fr = last_key and values[last_key] and values[last_key][s]
      if fr then s = fr end
      if last_key and values[last_key] and ACCENTED_VALUES[s] then s = ACCENTED_VALUES[s] end
      emit(c .. s .. c); i = j + 1; last_key = nil
    elseif c:match("[%a_]") then
      local word = text:match("^[%w_]+", i)
      local after = text:match("^%s*(.?.?)", i + #word)
      i = i + #word
      local prev = out[#out] or ""
      local is_member = prev:sub(-1) == "." or prev:sub(-1) == ":"
      if not is_member and after:sub(1, 1) == "=" and after ~= "==" and keys[word] then
        local fr = keys[word]
        emit(ACCENTED_KEYS[fr] and '["' .. ACCENTED_KEYS[fr] .. '"]' or fr)
        last_key = word
      elseif not is_member and kinds[word] and after:match("^[%(\"'{%[]") then
        emit(kinds[word]); last_key = nil
      else
        emit(word)
        if word ~= "" then last_key = nil end
      end
    else
      emit(c); i = i + 1
      if not c:match("[%s=]") then last_key = nil end
    end
  end
  return table.concat(out)
end

-- The exported data of a plan with its keys and values in French (the YAML form).
local function translate_data(data)
  local _, keys, values = maps()
  local function walk(v)
    if type(v) ~= "table" then return v end
    local o = {}
    for k, x in pairs(v) do
      local fr = type(k) == "string" and keys[k] or k
      if values[k] and type(x) == "string" and values[k][x] then x = values[k][x] end
      o[ACCENTED_KEYS[fr] or fr] = walk(x)
    end
    return o
  end
  return walk(data)
end

t.test("every declaration, field and enumerated value has a French name", function()
  local missing = {}
  for _, name in ipairs(schema.order) do
    local k = schema.kinds[name]
    if not k.french then missing[#missing + 1] = name end
    for _, f in ipairs(k.field_list) do
      if not f.french then missing[#missing + 1] = name .. "." .. f.name
      elseif not f.french:match("^[%l_][%l%d_]*$") then missing[#missing + 1] = name .. "." .. f.name .. " (not ASCII: " .. f.french .. ")" end
    end
  end
  t.eq(missing, {}, "declarations and fields without a French name (add them to the aliases of ctg.schema)")
  local _, _, values = maps()
  t.eq(values.kind, { count = "comptage", ratio = "taux", qualitative = "qualitatif", max = "maximum" })
  t.eq(values.severity, { warning = "attention", critical = "critique" })
end)

t.test("the names of issue 13 are the French vocabulary", function()
  local kinds, keys, values = maps()
  t.eq({ kinds.plan, kinds.stake, kinds.territory, kinds.committee, kinds.funding, kinds.axis, kinds.objective,
         kinds.action, kinds.step, kinds.sheet, kinds.indicator, kinds.rule },
       { "plan", "enjeu", "territoire", "instance", "financement", "axe", "objectif", "action", "etape", "fiche",
         "indicateur", "regle" })
  t.eq({ keys.title, keys.period, keys.signatories, keys.level, keys.parent, keys.members, keys.meetings_per_year,
         keys.floor_per_year, keys.years, keys.pilots, keys.actions, keys.stakes, keys.followed_by, keys.public,
         keys.label, keys.kind, keys.numerator, keys.denominator, keys.scale, keys.direction, keys.time,
         keys.targets, keys.baseline, keys.by, keys.expect, keys.severity },
       { "titre", "periode", "signataires", "niveau", "parent", "membres", "reunions_par_an", "plancher_par_an",
         "annees", "pilotes", "actions", "enjeux", "instance_de_suivi", "public", "libelle", "nature", "numerateur",
         "denominateur", "echelle", "sens", "cumul", "cibles", "reference", "par", "attendu", "gravite" })
  t.eq(values.time, { sum = "somme", last = "dernier", mean = "moyenne" })
  t.eq(values.direction, { higher = "hausse", lower = "baisse" })
  t.eq(values.expect, { increase = "hausse", decrease = "baisse" })
end)

for _, path in ipairs(PLANS) do
  local name = path:match("([^/]+/[^/]+)$")
  t.test("a plan written in French exports the JSON of its English twin: " .. name, function()
    local english = read(path)
    local french = translate_lua(english)
    t.ok(french:find("indicateur \"", 1, true) and french:find("libell\xC3\xA9", 1, true), "the translation is French")
    t.ok(not french:find("\n%s*kind%s*="), "no English field left")
    local pe, fe = build(path, english)
    local pf, ff, err = build(path, french)
    t.eq(errors_of(ff), {})
    t.eq(err, false)
    t.eq(#ff, #fe, "the same warnings and notes")
    t.eq(export.json(pf), export.json(pe))
  end)

  t.test("a YAML plan with French keys and values exports the same JSON: " .. name, function()
    local p = build(path, read(path))
    local data, order = export.data(p)
    local french = translate_data(data)
    local text = require("ctg.yaml").encode(french)
    t.ok(text:find("\ntitre: ", 1, true) or text:find(" titre: ", 1, true), "the YAML is French")
    local file = t.tmpdir() .. "/plan.yaml"
    write(file, text)
    local q, findings, has_error = require("ctg.load").check(file)
    t.eq(errors_of(findings), {})
    t.eq(has_error, false)
    t.eq(export.json(q), export.json(p))
    t.ok(order)
  end)
end

t.test("accented names are accepted as string keys and values", function()
  local p, findings = build("plan.lua", [[
plan "p" { ["titre"] = "P", ["période"] = {2021, 2025} }
territoire("v", "Ville") { niveau = "commune" }
fiche { actions = {1} }
axe(1, "A") { action(1, "B") { etape("A", "C") { ["années"] = {2022} } } }
indicateur "e" { fiche = "1", ["libellé"] = "E", nature = "évolution", base = "b", ["référence"] = 2020 }
]])
  t.eq(errors_of(findings), {})
  t.eq(p.period, { 2021, 2025 })
  t.eq(p:indicator("e").kind, "evolution")
  t.eq(p:indicator("e").baseline, 2020)
  t.eq(p:step("1-A").years, { 2022 })
end)

t.test("a field given in both languages is refused at its line", function()
  local _, findings = build("plan.lua", 'plan "p" { titre = "P", title = "Q", periode = {2021, 2025} }\n')
  t.eq(errors_of(findings), { "plan.lua:1: le champ 'title' du plan p est donné deux fois (comme 'title' et 'titre')" })
end)

t.test("a misspelt French name suggests the French one", function()
  local _, findings = build("plan.lua", [[
plan "p" { titre = "P", periode = {2021, 2025} }
territoire("v", "Ville") { niveau = "commune" }
axe(1, "A") { action(1, "B") { pilote = {"x"} } }
]])
  t.eq(errors_of(findings), { "plan.lua:3: champ inconnu 'pilote' dans l'action 1 (vouliez-vous dire 'pilotes' ?)" })
  _, findings = build("plan.lua", 'plan "p" { titre = "P", periode = {2021, 2025} }\netap("A", "x")\n')
  t.eq(errors_of(findings), { "plan.lua:2: nom inconnu 'etap' (vouliez-vous dire 'etape' ?)" })
end)

t.test("a wrong enumerated value lists the French values too", function()
  local _, findings = build("plan.lua", [[
plan "p" { titre = "P", periode = {2021, 2025} }
territoire("v", "Ville") { niveau = "commune" }
indicateur "i" { libelle = "I", nature = "compte" }
]])
  t.eq(errors_of(findings), { "plan.lua:3: le champ 'nature' de l'indicateur i doit être l'une des valeurs comptage, " ..
    "taux, evolution, score, qualitatif, maximum, pas le texte \"compte\"" })
end)

t.test("messages name fields in the language the plan is written in", function()
  local _, findings = build("plan.lua", 'plan "p" { titre = "P", periode = {2021, 2025} }\nterritoire("v", "Ville")\n')
  t.eq(errors_of(findings), { "plan.lua:2: champ obligatoire 'niveau' absent du territoire v" })
  _, findings = build("plan.lua", 'plan "p" { title = "P", period = {2021, 2025} }\nterritoire("v", "Ville")\n')
  t.eq(errors_of(findings), { "plan.lua:2: champ obligatoire 'niveau' absent du territoire v" }, "the declaration's own language first")
  _, findings = build("plan.lua", 'plan "p" { title = "P", period = {2021, 2025} }\nterritory("v", "Ville") { levl = "commune" }\n')
  t.eq(errors_of(findings), { "plan.lua:2: champ inconnu 'levl' dans le territoire v (vouliez-vous dire 'level' ?)",
                              "plan.lua:2: champ obligatoire 'level' absent du territoire v" })
  _, findings = build("plan.lua", 'plan "p" { title = "P", period = {2021, 2025} }\nterritory("v", "Ville") { level = "commune", titr = "x" }\n')
  t.eq(errors_of(findings), { "plan.lua:2: champ inconnu 'titr' dans le territoire v (vouliez-vous dire 'titre' ?)" },
       "the other language when only it has a close name")
end)

t.test("a YAML plan takes French root keys and suggests them", function()
  local dir = t.tmpdir()
  write(dir .. "/p.yaml", "plan:\n  identifiant: p\n  titre: P\n  periode: [2021, 2025]\nterritoires:\n" ..
    "- {code: v, titre: Ville, niveau: commune}\nenjeus:\n- {numero: 1, titre: E}\n")
  local _, findings = require("ctg.load").check(dir .. "/p.yaml")
  t.eq(errors_of(findings), { dir .. "/p.yaml:7: clé inconnue 'enjeus' au premier niveau du plan " ..
    "(vouliez-vous dire 'enjeux' ?)" })
end)

t.test("a rules file may be written in French", function()
  local p = build(PLANS[2], read(PLANS[2]))
  local file = t.tmpdir() .. "/regles.lua"
  write(file, 'regle "couverture" { indicateur = "taux_couverture", attendu = "hausse", gravite = "critique" }\n')
  local list, findings = require("ctg.rules").load_file(p, file)
  t.eq(findings, nil)
  t.eq({ list[1].name, list[1].indicator, list[1].expect, list[1].severity },
       { "couverture", "taux_couverture", "increase", "critical" })
end)

t.test("an avenant written in French (avenant, retirer, French header) gives the plan of its English twin", function()
  local dir = t.tmpdir()
  local english = read(root .. "/tests/fixtures/amend/avenant-1.lua")
    :gsub('amends = "[^"]*"', 'amends = "' .. (PLANS[1]:match("^/") and "" or os.getenv("PWD") .. "/") .. PLANS[1] .. '"')
  local french = translate_lua(english)
  t.ok(french:find('avenant "ctg-clermont', 1, true) and french:find("retirer {", 1, true) and
       french:find("date_effet =", 1, true) and french:find("modifie =", 1, true), french)
  write(dir .. "/en.lua", english)
  write(dir .. "/fr.lua", french)
  local load = require("ctg.load")
  local pe, fe, ee, ie = load.check(dir .. "/en.lua")
  local pf, ff, ef, info = load.check(dir .. "/fr.lua")
  t.eq(errors_of(ff), {})
  t.eq({ ee, ef }, { false, false })
  t.eq(#ff, #fe)
  t.eq({ info.label, info.effective, #info.changes }, { ie.label, ie.effective, #ie.changes })
  t.eq(export.json(pf), export.json(pe))
end)

t.test("a CSV note column may be headed commentaire or comment, as spreadsheets call it", function()
  local dir = t.tmpdir()
  local db = require("ctg.db")
  for i, header in ipairs({ "commentaire", "Comment" }) do
    write(dir .. "/obs" .. i .. ".csv", "indicateur;periode;territoire;valeur;" .. header .. "\n" ..
      "participants;2022;nord;12;compté à la main\n")
    local d = db.open(dir .. "/ctg" .. i .. ".db", { create = true })
    local report = require("ctg.import").run(d, { root .. "/tests/fixtures/plans/mini.lua", dir .. "/obs" .. i .. ".csv" }, {})
    t.eq(report.errors, {})
    local notes = {}
    for r in d:observations { indicator = "participants" } do notes[#notes + 1] = r.note end
    d:close()
    t.eq(notes, { "compté à la main" }, header)
  end
  write(dir .. "/both.csv", "indicateur;periode;territoire;valeur;note;commentaire\nparticipants;2022;nord;12;a;b\n")
  local d = db.open(dir .. "/both.db", { create = true })
  local report = require("ctg.import").run(d, { root .. "/tests/fixtures/plans/mini.lua", dir .. "/both.csv" }, {})
  d:close()
  t.eq(report.errors, { dir .. "/both.csv:1:6: la colonne 'commentaire' apparaît deux fois (aussi en colonne 5)" })
end)

t.test("every declaration, field and type has its words in both languages of the catalogue", function()
  local cat = require("ctg.msg").catalogues()
  local missing = {}
  local function need(key) if not (cat.fr[key] and cat.en[key]) then missing[#missing + 1] = key end end
  for _, name in ipairs(schema.order) do
    local k = schema.kinds[name]
    need(k.doc_key)
    for _, f in ipairs(k.field_list) do
      if f.doc_key then need(f.doc_key) end
      t.eq(type(f.doc()), "string", name .. "." .. f.name)
      t.eq(type(f.type.doc()), "string", name .. "." .. f.name .. " type")
    end
  end
  for tname in pairs(schema.types) do need("schema.type." .. tname) end
  t.eq(missing, {})
end)
