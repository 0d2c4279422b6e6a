-- The data fingerprint kept at import (schema 7, obs_fingerprint): the engine's write
-- transactions (store:begin("write") / commit) from scripts, their misuse, db:put and DB:transaction keeping it, a
-- rollback leaving it as it was.
local t = ...
local root = arg[0]:match("^(.*)/tests/lua/[^/]*$") or "."
local MINI = root .. "/tests/fixtures/plans/mini.lua"

local function fresh()
  local path = t.tmpdir() .. "/fp.db"
  local d = ctg.open(path, { create = true })
  d:store_plan(ctg.load(MINI), { file = MINI })
  return d, path
end

local function plan_id(d) return d.store:query("SELECT plan_id FROM obs_plan")[1].plan_id end

t.test("db:put keeps the fingerprint: the stored one is the recomputed one after each put", function()
  local d = fresh()
  d:put { indicator = "participants", period = 2022, territory = "nord", step = "1-A", value = 12 }
  local id = plan_id(d)
  local one = d.store:observations_hash(id)
  t.eq(one, d.store:observations_hash(id, true))
  t.ok(one ~= string.rep("0", 16), one)
  d:put { indicator = "participants", period = 2022, territory = "nord", step = "1-A", value = 13 }
  local two = d.store:observations_hash(id)
  t.ok(two ~= one, "a corrected value left the fingerprint as it was")
  t.eq(two, d.store:observations_hash(id, true))
  -- back to 12: the same current data, the same fingerprint
  d:put { indicator = "participants", period = 2022, territory = "nord", step = "1-A", value = 12 }
  t.eq(d.store:observations_hash(id), one)
  d:close()
end)

t.test("a transaction rolled back leaves no link; during a write the fingerprint is recomputed", function()
  local d = fresh()
  d:put { indicator = "participants", period = 2022, territory = "nord", step = "1-A", value = 12 }
  local id = plan_id(d)
  local before = d.store:observations_hash(id)
  local links = d.store:query("SELECT count(*) AS n FROM obs_fingerprint")[1].n
  t.raises(function()
    d:transaction(function()
      d:put { indicator = "participants", period = 2022, territory = "nord", step = "1-A", value = 99 }
      -- inside the write: the rows as they stand now, not the last link
      t.eq(d.store:observations_hash(id), d.store:observations_hash(id, true))
      t.ok(d.store:observations_hash(id) ~= before, "the pending write is not seen")
      error("undo", 0)
    end)
  end, "undo")
  t.eq(d.store:observations_hash(id), before)
  t.eq(d.store:query("SELECT count(*) AS n FROM obs_fingerprint")[1].n, links)
  d:close()
end)

t.test("a commit without a transaction is an error in French; a plan never imported has the empty fingerprint", function()
  local d = fresh()
  t.raises(function() d.store:commit() end, "impossible de valider la transaction")
  t.eq(d.store:observations_hash("ctg-inconnu"), string.rep("0", 16))
  d:close()
end)

t.test("a write transaction on a database opened read-only is refused", function()
  local d, path = fresh()
  d:close()
  local r = ctg.open(path, { readonly = true })
  t.raises(function() r.store:begin("write") end, "lecture seule")
  r:close()
end)
