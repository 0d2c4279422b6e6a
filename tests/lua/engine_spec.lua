-- The store's methods written over the storage engine's operations (host/lua/store.c):
-- transactions, the engine's own SQL, known-at and the fingerprint, each failure named in the
-- catalogue's words with the engine's own at the end.
local t = ...

-- A new database of its own (no plan: the dictionaries are enough for what is tested here);
-- its ctg.open object kept alive with it (collected, it would close the store).
local kept = {}
local function fresh()
  local path = t.tmpdir() .. "/moteur.db"
  local d = ctg.open(path, { create = true })
  kept[#kept + 1] = d
  return d.store, path
end

local function plans(s)
  local got = {}
  for row in s:rows("SELECT plan_id FROM obs_plan ORDER BY id") do got[#got + 1] = row.plan_id end
  return got
end

t.test("begin, commit and rollback: what a committed transaction wrote stays, a rolled back one not", function()
  local s = fresh()
  t.eq(s:in_transaction(), false)
  s:begin()
  t.eq(s:in_transaction(), true)
  s:execute("INSERT INTO obs_plan (plan_id) VALUES (?)", "ctg-bocage-2024-2028")
  t.eq(s:last_insert_id(), 1)
  s:commit()
  t.eq(s:in_transaction(), false)
  s:begin("read")
  t.eq(s:in_transaction(), true)
  s:execute("INSERT INTO obs_plan (plan_id) VALUES (?)", "ctg-retire")
  t.eq(s:last_insert_id(), 2)
  s:rollback()
  t.eq(s:in_transaction(), false)
  t.eq(plans(s), { "ctg-bocage-2024-2028" })
end)

t.test("a transaction in a transaction, a commit or a rollback without one: the store's sentence", function()
  local s, path = fresh()
  s:begin()
  t.raises(function() s:begin() end, path .. " : impossible de commencer une transaction (SQLite : "
    .. "cannot start a transaction within a transaction)")
  s:rollback()
  t.raises(function() s:commit() end, "impossible de valider la transaction ; annulez-la (db:rollback) "
    .. "(SQLite : cannot commit - no transaction is active)")
  t.raises(function() s:rollback() end, "impossible d'annuler la transaction (SQLite : "
    .. "cannot rollback - no transaction is active)")
  t.raises(function() s:begin("ecriture") end, "invalid option 'ecriture'")
end)

t.test("a second writer waits, then fails at begin, before writing anything", function()
  local s, path = fresh()
  local od = ctg.open(path, { busy_timeout = 50 })
  local other = od.store
  s:begin()
  t.raises(function() other:begin() end, "impossible de commencer une transaction : un autre programme écrit "
    .. "dans la base ; réessayez quand il aura fini (SQLite : database is locked)")
  t.eq(other:in_transaction(), false)
  s:rollback()
  other:begin()
  other:commit()
end)

t.test("db:rows and db:query read through the engine's cursor; db:exec names the statement that failed", function()
  local s = fresh()
  s:begin()
  for _, id in ipairs { "ctg-a", "ctg-b", "ctg-c" } do s:execute("INSERT INTO obs_plan (plan_id) VALUES (?)", id) end
  s:commit()
  t.eq(plans(s), { "ctg-a", "ctg-b", "ctg-c" })
  local rows = s:query("SELECT id, plan_id, 1.5 AS x, NULL AS rien FROM obs_plan WHERE id >= ? ORDER BY id", 2)
  t.eq(#rows, 2)
  t.eq(rows[1], { id = 2, plan_id = "ctg-b", x = 1.5 })
  t.eq(getmetatable(rows).columns, { "id", "plan_id", "x", "rien" })
  -- a loop left early finalizes its statement: the table can be written at once
  local seen = 0
  for _ in s:rows("SELECT * FROM obs_plan") do
    seen = seen + 1
    if seen == 1 then break end
  end
  s:exec("DELETE FROM obs_plan WHERE plan_id = 'ctg-c'")
  t.eq(plans(s), { "ctg-a", "ctg-b" })
  t.raises(function() s:exec("DELETE FROM nulle_part") end, "échec de « DELETE FROM nulle_part » "
    .. "(SQLite : no such table: nulle_part)")
  t.raises(function() s:query("SELECT ?", {}) end, "impossible d'enregistrer une valeur de type table (paramètre 1)")
end)

t.test("put through the engine: a refusal of ctg's own names the database and no engine's words", function()
  local s, path = fresh()
  local ok, err = pcall(s.put_observation, s, "ctg-bocage", "valeurs", "x", "2024", "", "", 1,
    nil, nil, nil, nil, nil, nil, nil, 1, 1)
  t.eq(ok, false)
  t.eq(err, path .. " : type d'enregistrement inconnu « valeurs » (attendu : value, progress, meeting ou funding)")
  -- outside a transaction, the bulk caches are refused the same way
  ok, err = pcall(s.begin_bulk, s)
  t.eq(ok, false)
  t.eq(err, path .. " : begin_bulk s'appelle dans une transaction (BEGIN IMMEDIATE d'abord)")
  -- a read-only handle: refused before anything is looked up
  local ro = require("ctg.store").open(path, { readonly = true })
  ok, err = pcall(ro.put_observation, ro, "ctg-bocage", "value", "x", "2024", "", "", 1,
    nil, nil, nil, nil, nil, nil, nil, 1, 1)
  t.eq(ok, false)
  t.eq(err, path .. " : base ouverte en lecture seule (seule la commande ctg import y écrit)")
  ro:close()
  t.eq(#s:query("SELECT * FROM obs_subject"), 0)
  -- end_bulk on a closed store drops nothing and says nothing
  s:close()
  s:end_bulk()
end)
