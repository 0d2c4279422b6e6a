-- The database from scripts: ctg.open, observations, put, transaction, query, history.
local t = ...
local root = arg[0]:match("^(.*)/tests/lua/[^/]*$") or "."
local MINI = root .. "/tests/fixtures/plans/mini.lua"

-- A fresh database holding the mini plan.
local function fresh()
  local path = t.tmpdir() .. "/t.db"
  local d = ctg.open(path, { create = true })
  d:store_plan(ctg.load(MINI), { file = MINI })
  return d, path
end

t.test("a new database gets the current schema and WAL", function()
  local d = fresh()
  t.eq(d.store:execute("PRAGMA user_version")[1].user_version, require("ctg.store").schema_version())
  t.eq(d.store:execute("PRAGMA journal_mode")[1].journal_mode, "wal")
  t.eq(d.store:execute("PRAGMA foreign_keys")[1].foreign_keys, 1)
  d:close()
end)

t.test("put records a checked observation; observations reads it back", function()
  local d = fresh()
  t.eq(d:put { indicator = "taux", period = 2022, territory = "nord", numerator = 3, denominator = 4 }, 1)
  t.eq(d:put { indicator = "participants", period = 2022, territory = "Nord", step = "1-A", value = 12 }, 1)
  local got = {}
  for row in d:observations { period = 2022 } do got[#got + 1] = row end
  t.eq(#got, 2)
  t.eq(got[1].indicator, "participants")
  t.eq(got[1].dimensions, { step = "1-A" })
  t.eq(got[1].territory, "nord")
  t.eq(got[2].numerator, 3.0)
  t.eq(got[2].source, "db:put")
  t.ok(got[2].file:find("store_spec.lua", 1, true), got[2].file)
  d:close()
end)

t.test("put refuses a row the plan does not allow, naming the problem", function()
  local d = fresh()
  t.raises(function() d:put { indicator = "taux", period = 2022, territory = "nord", value = 3, numerator = 1 } end,
    "l'indicateur taux est un taux : donnez numerator et denominator")
  t.raises(function() d:put { indicator = "participants", period = 2036, value = 1 } end,
    "la période 2036 est à plus de 10 ans du plan (2021-2025)")
  t.eq(#d:query("SELECT * FROM observation"), 0)
  d:close()
end)

t.test("a correction is a new revision; history keeps both", function()
  local d = fresh()
  d:put { indicator = "participants", period = 2022, territory = "nord", value = 10 }
  t.eq(d:put { indicator = "participants", period = 2022, territory = "nord", value = 11 }, 2)
  local current = {}
  for row in d:observations { indicator = "participants" } do current[#current + 1] = row end
  t.eq(#current, 1)
  t.eq(current[1].value, 11.0)
  t.eq(current[1].revision, 2)
  local h = d:history { indicator = "participants", period = 2022, territory = "nord" }
  t.eq(#h, 2)
  t.eq({ h[1].revision, h[1].value, h[2].revision, h[2].value }, { 1, 10.0, 2, 11.0 })
  d:close()
end)

t.test("transaction commits, or rolls back everything on error", function()
  local d = fresh()
  d:transaction(function(db)
    db:put { indicator = "participants", period = 2023, territory = "nord", value = 1 }
    db:put { indicator = "participants", period = 2024, territory = "nord", value = 2 }
  end)
  t.eq(#d:query("SELECT * FROM current_observation"), 2)
  t.raises(function()
    d:transaction(function(db)
      db:put { indicator = "participants", period = 2025, territory = "nord", value = 3 }
      error("stop here")
    end)
  end, "stop here")
  t.eq(#d:query("SELECT * FROM current_observation"), 2)
  t.eq(d.store:in_transaction(), false)
  d:close()
end)

t.test("query is read-only and takes bound parameters", function()
  local d = fresh()
  d:put { indicator = "participants", period = 2022, territory = "nord", value = 5 }
  local r = d:query("SELECT count(*) AS n FROM current_observation WHERE period = ? AND territory = ?", "2022", "nord")
  t.eq(r[1].n, 1)
  t.raises(function() d:query("DELETE FROM obs_revision") end, "accès en lecture seule")
  t.raises(function() d:query("UPDATE obs_revision SET latest = 0") end, "accès en lecture seule")
  -- observation is a view: SQLite itself refuses to change it
  t.raises(function() d:query("DELETE FROM observation") end, "cannot modify observation because it is a view")
  t.raises(function() d:query("SELECT ?", 1, 2) end, "la requête attend 1 paramètre et en reçoit 2")
  t.raises(function() d:query("SELECT ?, ?", 1) end, "la requête attend 2 paramètres et en reçoit 1")
  t.raises(function() d:query("SELECT 1; SELECT 2") end, "une seule instruction à la fois (texte en trop : « SELECT 2 »)")
  t.eq(#d:query("SELECT * FROM observation"), 1)
  d:close()
end)

t.test("a closed database says so; <close> closes it", function()
  local d, path = fresh()
  d:close()
  t.raises(function() d:query("SELECT 1") end, "la base est fermée")
  do
    local d2 <close> = ctg.open(path)
    t.eq(#d2:plans(), 1)
  end
end)

-- A database emptied of every table and view, at schema version 0.
local function emptied(path)
  local raw = require("ctg.store").open(path)
  for _, kind in ipairs({ "view", "table" }) do
    for _, r in ipairs(raw:execute("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%'", kind)) do
      raw:exec("DROP " .. kind .. " " .. r.name)
    end
  end
  raw:exec("PRAGMA user_version = 0")
  return raw
end

t.test("a database of schema version 0 with no tables is upgraded", function()
  local path = t.tmpdir() .. "/old.db"
  emptied(path):close()
  local d = ctg.open(path)
  t.eq(d.store:execute("PRAGMA user_version")[1].user_version, require("ctg.store").schema_version())
  t.eq(#d:query("SELECT * FROM plan_version"), 0)
  d:close()
end)

-- The schema-1 database of the fixtures, written raw (as sqlite3 DB < example.sql would).
local function schema1(path)
  local f = assert(io.open(root .. "/tests/fixtures/schema1/example.sql"))
  local sql = f:read("a")
  f:close()
  local raw = require("ctg.store").open(path, { raw = true })
  raw:exec(sql)
  return raw
end

t.test("a failed migration leaves the database as it was", function()
  local path = t.tmpdir() .. "/clash.db"
  local raw = schema1(path)
  -- a record kind no CHECK lets in: migration 2 -> 3 keeps every revision or fails
  raw:exec("PRAGMA ignore_check_constraints = ON")
  raw:exec("UPDATE observation SET record = 'bogus' WHERE id = 1")
  raw:close()
  t.raises(function() ctg.open(path) end,
    "impossible de mettre à jour le schéma vers la version 3 ; la base reste telle qu'elle était")
  -- as it was: version 1, its tables, nothing of the migrations
  local raw2 = require("ctg.store").open(path, { raw = true })
  t.eq(raw2:execute("PRAGMA user_version")[1].user_version, 1)
  local names = {}
  for _, r in ipairs(raw2:query("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")) do
    names[#names + 1] = r.name
  end
  t.eq(names, { "current_observation", "import", "observation", "observation_import", "observation_key", "plan_version" })
  raw2:close()
end)

t.test("a database of schema version 0 with tables of its own is not ctg's: refused, left as it was", function()
  local path = t.tmpdir() .. "/other.db"
  local raw = emptied(path)
  raw:exec("CREATE TABLE observation (x)")
  raw:close()
  for _, opts in ipairs({ {}, { readonly = true } }) do
    t.raises(function() ctg.open(path, opts) end,
      "other.db n'est pas une base de ctg : elle contient déjà la table observation sans numéro de schéma de ctg")
  end
  local raw2 = require("ctg.store").open(path, { raw = true })
  t.eq(raw2:execute("PRAGMA user_version")[1].user_version, 0)
  t.eq(#raw2:query("SELECT name FROM sqlite_master"), 1)
  t.eq(raw2:query("SELECT sql FROM sqlite_master")[1].sql, "CREATE TABLE observation (x)")
  raw2:close()
end)

t.test("rows read natively from YAML and CSV are stored exactly as the same rows given as tables", function()
  local ex = root .. "/examples/clermont-ferrand"
  local files = { ex .. "/data/2020.yaml", ex .. "/data/2021.yaml", ex .. "/data/2022.yaml", ex .. "/data/2023.yaml",
                  ex .. "/data/2023-petite-enfance.csv" }
  -- forms to normalise: capitalised territory, numeric dimension, text note, school year,
  -- month, missing, no territory, a numerator above its denominator (a warning)
  local extra = t.tmpdir() .. "/extra.yaml"
  local f = assert(io.open(extra, "w"))
  f:write([[
plan: ctg-clermont-2021-2025
source: "test"
observations:
  - {indicator: tps_accueillies, period: "2021-2022", territory: Nord, value: 4}
  - {indicator: participants_reussite_educative, period: 2024, action: 8, value: 3, note: 12}
  - {indicator: places_100, period: "2024-03", territory: nord, numerator: 5, denominator: 4}
  - {indicator: tps_accueillies, period: 2024, missing: "pas de comptage"}
  - {indicator: qualite_accueil, period: 2024, value: 3.5}
  - {indicator: tps_accueillies, period: 2023, territory: "  Nord ", value: !!float 4}
]])
  f:close()
  files[#files + 1] = extra
  local exports = {}
  for i, tables in ipairs({ true, false }) do
    local d = ctg.open(t.tmpdir() .. "/f" .. i .. ".db", { create = true })
    local r = require("ctg.import").run(d, { ex .. "/plan.lua" }, {})
    t.eq(r.error_count, 0)
    r = require("ctg.import").run(d, files, { table_rows = tables, source = "CSV" })
    t.eq(r.error_count, 0, table.concat(r.errors, "\n"))
    t.eq(r.warning_count, 1)
    local obs_export = require("ctg.obs_export")
    local pieces = {}
    obs_export.write(d, "ctg-clermont-2021-2025", nil, "yaml", nil,
                     { write = function(_, s) pieces[#pieces + 1] = s end })
    exports[i] = table.concat(pieces)
    -- the keys as stored, in the order they were stored: compare them too
    local keys = {}
    for _, row in ipairs(d:query("SELECT id, subject, period, territory, dims FROM observation ORDER BY id")) do
      keys[#keys + 1] = row.id .. row.subject .. row.period .. row.territory .. row.dims
    end
    exports[i] = exports[i] .. table.concat(keys, "\n")
    d:close()
  end
  t.ok(#exports[1] > 10000, "the data were imported")
  t.eq(exports[2], exports[1])
end)

t.test("a correction outside an import: one latest row per key, the superseded one flagged 0", function()
  local d = fresh()
  d:put { indicator = "participants", period = 2022, territory = "nord", value = 10 }
  d:put { indicator = "participants", period = 2022, territory = "nord", value = 11 }
  t.eq(d:put { indicator = "participants", period = 2022, territory = "nord", value = 12 }, 3)
  local r = d.store:query("SELECT revision, latest FROM obs_revision ORDER BY id")
  t.eq({ r[1].latest, r[2].latest, r[3].latest }, { 0, 0, 1 })
  t.eq(#d.store:query("SELECT * FROM obs_current"), 1)
  -- the three texts of the key are each stored once
  t.eq(d.store:query("SELECT count(*) AS n FROM obs_subject WHERE name = 'participants'")[1].n, 1)
  d:close()
end)

t.test("put_observation: a key given twice by one import is refused, inside a bulk import and outside", function()
  local d = fresh()
  local s = d.store
  -- the imports the rows name (a row of no import is refused by every read)
  for _, id in ipairs({ 1, 2, 11, 12 }) do
    s:execute("INSERT INTO import (id, plan_version, file, imported_at, imported_by) VALUES (?, 1, 'x', '2024-01-01', 't')", id)
  end
  for _, bulk in ipairs({ false, true }) do
    s:exec("BEGIN IMMEDIATE")
    if bulk then s:begin_bulk() end
    local import_id = bulk and 2 or 1
    local period = bulk and "2023" or "2022"
    t.eq(s:put_observation("mini", "value", "participants", period, "nord", "", 1, nil, nil, nil, nil, nil, nil, nil, import_id, 7), 1)
    local revision, first = s:put_observation("mini", "value", "participants", period, "nord", "", 2, nil, nil, nil, nil, nil, nil, nil, import_id, 9)
    t.eq({ revision, first }, { nil, 7 })
    -- the next import makes it revision 2
    t.eq(s:put_observation("mini", "value", "participants", period, "nord", "", 3, nil, nil, nil, nil, nil, nil, nil, import_id + 10, 4), 2)
    if bulk then s:end_bulk() end
    s:exec("COMMIT")
  end
  t.eq(#d:query("SELECT * FROM current_observation"), 2)
  d:close()
end)

t.test("put_observation refuses an unknown record kind and a write on a read-only handle, in French", function()
  local d, path = fresh()
  t.raises(function() d.store:put_observation("mini", "valeur", "x", "2022", "", "", 1, nil, nil, nil, nil, nil, nil, nil, 1, 1) end,
    "type d'enregistrement inconnu « valeur » (attendu : value, progress, meeting ou funding)")
  d:close()
  local ro = require("ctg.store").open(path, { readonly = true })
  t.raises(function() ro:put_observation("mini", "value", "x", "2022", "", "", 1, nil, nil, nil, nil, nil, nil, nil, 1, 1) end,
    "base ouverte en lecture seule (seule la commande ctg import y écrit)")
  t.raises(function() ro:begin_bulk() end, "begin_bulk s'appelle dans une transaction")
  ro:close()
end)

t.test("an import rolled back leaves no cached id behind: the same rows imported next are stored whole", function()
  local d = fresh()
  local dir = t.tmpdir()
  local function file(name, rows)
    local f = assert(io.open(dir .. "/" .. name, "w"))
    f:write("plan: mini\nsource: test\nobservations:\n", rows)
    f:close()
    return dir .. "/" .. name
  end
  -- new dictionary entries (a month, a step), then a row the checker refuses: all rolled back
  local rows = "  - {indicator: participants, period: \"2023-05\", territory: nord, step: 1-A, value: 4}\n" ..
               "  - {indicator: participants, period: 2024, territory: nord, value: 5}\n"
  local r = require("ctg.import").run(d, { file("bad.yaml", rows .. "  - {indicator: participants, period: 2036, value: 1}\n") }, {})
  t.ok(r.error_count > 0)
  t.eq(#d:query("SELECT * FROM observation"), 0)
  r = require("ctg.import").run(d, { file("good.yaml", rows) }, {})
  t.eq(r.error_count, 0, table.concat(r.errors or {}, "\n"))
  -- every stored row resolves through the dictionaries (a stale id would drop it from the view)
  t.eq(d.store:query("SELECT count(*) AS n FROM obs_revision")[1].n, 2)
  t.eq(#d:query("SELECT * FROM observation"), 2)
  local got = d:query("SELECT period, dims, value FROM current_observation ORDER BY id")
  t.eq({ got[1].period, got[1].dims, got[1].value, got[2].period, got[2].value }, { "2023-05", "step=1-A", 4.0, "2024", 5.0 })
  d:close()
end)

t.test("known_at: the latest revision among the imports of that day or before; a bad day is refused", function()
  local d = fresh()
  d.store:exec("BEGIN IMMEDIATE")
  for i, day in ipairs({ "2023-01-10", "2023-02-10", "2023-03-10" }) do
    d.store:execute("INSERT INTO import (id, plan_version, file, imported_at, imported_by) VALUES (?, 1, 'f', ?, 'a')", i, day .. "T10:00:00Z")
    d.store:put_observation("mini", "value", "participants", "2022", "nord", "", i * 10, nil, nil, nil, nil, nil, nil, nil, i, i)
  end
  -- a key first known on the third day
  d.store:put_observation("mini", "value", "participants", "2023", "nord", "", 7, nil, nil, nil, nil, nil, nil, nil, 3, 9)
  d.store:exec("COMMIT")
  t.eq(d:known_at("2023-02-15"), 2)
  local r = d:query("SELECT period, value, revision FROM current_observation")
  t.eq(#r, 1)
  t.eq({ r[1].value, r[1].revision }, { 20.0, 2 })
  t.eq(#d:query("SELECT * FROM observation"), 2)
  t.eq(#d.store:query("SELECT * FROM obs_current"), 1)
  t.eq(d:known_at("2023-12-31"), 3)
  t.eq(#d:query("SELECT * FROM current_observation"), 2)
  t.raises(function() d.store:known_at("2023-1-1") end, "YYYY-MM-DD")
  t.raises(function() d.store:known_at("2023-01-01'; DROP TABLE x; --") end, "YYYY-MM-DD")
  d:close()
end)

t.test("known_at with a time tells two imports of one day apart; a withdrawal known is no observation", function()
  local d = fresh()
  d.store:exec("BEGIN IMMEDIATE")
  for i, at in ipairs({ "2024-03-15T09:00:00Z", "2024-03-15T10:30:00Z", "2024-03-15T16:45:10Z" }) do
    d.store:execute("INSERT INTO import (id, plan_version, file, imported_at, imported_by) VALUES (?, 1, 'f', ?, 'a')", i, at)
  end
  d.store:put_observation("mini", "value", "participants", "2022", "nord", "", 10, nil, nil, nil, nil, nil, nil, nil, 1, 1)
  d.store:put_observation("mini", "value", "participants", "2022", "nord", "", 12, nil, nil, nil, nil, nil, nil, nil, 2, 1)
  -- the third import withdraws the key (as ctg build does for a row removed from its file)
  d.store:exec("UPDATE obs_revision SET latest = 0 WHERE import_id = 2")
  d.store:exec([[INSERT INTO obs_revision (plan, record, latest, subject, period, territory, dims, revision, import_id, line, withdrawn)
    SELECT plan, record, 1, subject, period, territory, dims, 3, 3, 0, 1 FROM obs_revision WHERE import_id = 2]])
  d.store:exec("COMMIT")
  local function current() return d:query("SELECT value FROM current_observation") end
  t.eq(#current(), 0, "withdrawn: no observation")
  t.eq(d:known_at("2024-03-15T10:29"), 1)
  t.eq(current()[1].value, 10.0)
  t.eq(d:known_at("2024-03-15T10:30"), 2)
  t.eq(current()[1].value, 12.0)
  t.eq(d:known_at("2024-03-15T16:45:09"), 2)
  t.eq(d:known_at("2024-03-15T16:45:10Z"), 3)
  t.eq(#current(), 0)
  t.eq(#d:query("SELECT * FROM observation WHERE withdrawn = 1"), 1, "the withdrawal is in the history")
  t.eq(d:known_at("2024-03-15"), 3)
  t.eq(#d.store:query("SELECT * FROM obs_current"), 0)
  -- the last import read, exactly (ctg livraisons)
  t.eq(d:known_at("2024-03-15", 2), 2)
  t.eq(current()[1].value, 12.0)
  t.raises(function() d:known_at("2024-03-15T24:00") end, "l'heure 24:00 n'existe pas")
  t.raises(function() d.store:known_at("2024-03-15T10:30:00") end, "YYYY-MM-DDTHH:MM:SSZ")
  d:close()
end)

t.test("a version row reads its texts on first access, and hides its handle from code from others", function()
  local d = fresh()
  local v = d:plan_version()
  -- the megabyte texts are not among the columns read with the row
  t.eq(rawget(v, "content"), nil)
  t.eq(rawget(v, "source_text"), nil)
  t.ok(v.content:find("plan:", 1, true), "the content is read when asked for")
  t.ok(v.source_text and #v.source_text > 0, "the source too")
  t.ok(v.outline:find("format: " .. require("ctg.rows").OUTLINE_FORMAT, 1, true), "the outline is stored with the version")
  t.eq(v.no_such_column, nil)
  t.eq(getmetatable(v), false)
  -- through the read-only view of a report script: the same row, the same guard
  local view = require("ctg.db").view(d)
  t.eq(getmetatable(view:plan_version()), false)
  -- the outline is the one ctg computes from the plan, with the version's hash
  local o = d:plan_outline()
  local computed = require("ctg.rows").outline(d:plan())
  t.eq(#o.territories, #computed.territories)
  t.eq(#o.indicators, #computed.indicators)
  t.eq(o.hash, v.hash)
  d:close()
end)

t.test("store:rows gives the rows of a read-only query one at a time, as query does", function()
  local d = fresh()
  d:put { indicator = "participants", period = 2022, territory = "Nord", step = "1-A", value = 12 }
  d:put { indicator = "participants", period = 2023, territory = "Nord", step = "1-A", value = 15 }
  local sql = "SELECT subject, period, value FROM current_observation WHERE value > ? ORDER BY period"
  local got = {}
  for r in d.store:rows(sql, 10) do got[#got + 1] = r.period .. "=" .. r.value end
  t.eq(table.concat(got, " "), "2022=12.0 2023=15.0")
  t.eq(#d.store:query(sql, 10), 2)
  -- a loop left early closes its statement: the database closes cleanly, and is usable before
  for _ in d.store:rows(sql, 10) do break end -- luacheck: ignore 512
  t.eq(#d.store:query(sql, 14), 1)
  -- each_observation: DB:observations' rows, shaped alike
  local each = {}
  for r in d:each_observation({ indicator = "participants" }) do each[#each + 1] = r.indicator .. r.dimensions.step end
  t.eq(table.concat(each, " "), "participants1-A participants1-A")
  t.raises(function() for _ in d.store:rows("DELETE FROM obs_revision") do end end, "lecture seule")
  t.raises(function() for _ in d.store:rows("SELECT ? AS a") do end end, "paramètre")
  d:close()
  t.raises(function() for _ in d.store:rows("SELECT 1") do end end, "ferm")
end)
