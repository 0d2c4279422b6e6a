-- ctg.present as the annual report uses it (issue 23): a roll-up that leaves members out
-- says which, a target prints when the value does not, numbers print with their
-- indicator's decimals, statuses in words. Results are built by hand where they carry the
-- fields the engine gives for partial roll-ups (members, with_data, missing), and taken
-- from a real evaluation where the engine gives them today (missing_territories).
local t = ...
local root = arg[0]:match("^(.*)/tests/lua/[^/]*$") or "."
local present = require("ctg.present")
local eval = require("ctg.eval")
local NB = "\u{202F}"

local avesnois = ctg.load(root .. "/tests/fixtures/sud-avesnois/plan.lua")
local rate = avesnois:indicator("taux_couverture")

t.test("coverage: the engine's account of a partial roll-up, in words, with each reason", function()
  local r = { territory = "ccsa", value = 55.2, partial = true, members = 12, with_data = 10,
    missing = { { territory = "feron", reason = "non communiqué" }, { territory = "ohain", title = "Ohain (59444)" } } }
  t.eq(present.coverage(r, avesnois), "10 communes sur 12 ; manque Féron : non communiqué, Ohain (59444)")
  t.eq(present.value_partial(r, rate, avesnois),
       "55,2" .. NB .. "% — 10 communes sur 12 ; manque Féron : non communiqué, Ohain (59444)")
  -- a group names its members' level the same way
  t.eq(present.coverage({ territory = "villages", value = 1, missing_territories = { "baives" } }, avesnois),
       "6 communes sur 7 ; manque Baives")
  -- partial without a list of the missing (the engine counted them only)
  t.eq(present.coverage({ territory = "ccsa", value = 3, partial = true, members = 12, with_data = 11 }, avesnois),
       "11 communes sur 12")
end)

t.test("coverage: nothing to say of a complete value, of a territory's own figure, of n.d.", function()
  t.eq(present.coverage({ territory = "ccsa", value = 40 }, avesnois), nil)
  t.eq(present.value_partial({ territory = "anor", value = 37.04 }, rate, avesnois), "37,0" .. NB .. "%")
  t.eq(present.value_partial({ territory = "ccsa", reason = "aucune donnée", missing_territories = { "anor" } }, rate, avesnois),
       "n.d.", "a value that is not available is n.d., never a partial one")
end)

t.test("coverage: a real roll-up missing a member (missing_territories), levels of mixed kinds", function()
  local d = ctg.open(t.tmpdir() .. "/p.db", { create = true })
  d:store_plan(ctg.load(root .. "/tests/fixtures/plans/rollup.lua"), {})
  d:transaction(function()
    d:put({ indicator = "flux", period = 2023, territory = "a1", value = 5 })
    d:put({ indicator = "flux", period = 2023, territory = "a2", value = 7 })
  end)
  local ev = eval.new(d:plan(), d, { as_of = "2023-12-31" })
  local r = ev:value("flux", { territory = "ville" })
  t.eq(r.value, 12)
  t.eq(r.missing_territories, { "b" })
  -- the city's members are two sectors ("sector": the plan's own word), agreeing with the count
  t.eq(present.coverage(r, ev.plan), "1 sector sur 2 ; manque Secteur B : aucune donnée")
  -- a group of members of different levels counts territoires
  t.eq(present.members_word(ev.plan, { "a1", "b" }, 2), "territoires")
  t.eq(present.members_word(ev.plan, { "ville" }, 1), "ville", "an English level a plan may write, in French")
end)

t.test("target: printed from the result even when its value is not available; none: empty", function()
  local nd = { value = nil, reason = "non agrégeable", target = 50, target_period = "2027", status = "not available" }
  t.eq(present.target(nd, rate), "50,0" .. NB .. "% (2027)")
  t.eq(present.target_due(nd, rate), "cible 50,0" .. NB .. "% en 2027")
  t.eq(present.status(nd), "non agrégeable", "n.d.: why, not a status")
  t.eq(present.target({ value = 3 }, rate), "")
  local places = avesnois:indicator("places_creees")
  t.eq(present.target({ value = 4, target = 12, target_period = "2027" }, places), "12 (2027)")
end)

t.test("status: every status of the engine in words, receding and not achieved included", function()
  t.eq(present.status({ value = 1, status = "achieved" }), "atteint")
  t.eq(present.status({ value = 1, status = "on track" }), "en bonne voie")
  t.eq(present.status({ value = 1, status = "behind" }), "en retard")
  t.eq(present.status({ value = 1, status = "receding" }), "en recul")
  t.eq(present.status({ value = 1, status = "not achieved" }), "non atteint")
  t.eq(present.status({ value = 1 }), "", "a value without target has no status")
end)

t.test("figure: a number with its indicator's decimals, as its values print", function()
  t.eq(present.figure(60, rate), "60,0" .. NB .. "%")
  t.eq(present.figure(0.4567, { kind = "ratio", scale = 1 }), "0,457")
  t.eq(present.figure(13.46, { kind = "ratio", scale = 100, unit = "places pour 100 enfants" }), "13,5")
  t.eq(present.figure(4.25, { kind = "score" }), "4,3")
  t.eq(present.figure(1240, { kind = "count" }), "1" .. NB .. "240")
  t.eq(present.figure(nil, rate), "n.d.")
end)

t.test("published figure and the amendment that set a target, when the result names them", function()
  local r = { territory = "ccsa", value = 55.2, published_value = 55.8, published_source = "CNAF, données 2024",
              target = 58, target_period = "2026", target_source = "avenant n° 1" }
  t.eq(present.published(r, rate), "chiffre publié : 55,8" .. NB .. "% (CNAF, données 2024)")
  t.eq(present.published({ value = 3, published_value = 12 }, { kind = "count" }), "chiffre publié : 12")
  t.eq(present.published({ value = 3 }, rate), nil, "nothing published: nothing said")
  t.eq(present.target(r, rate), "58,0" .. NB .. "% (2026, avenant n° 1)")
end)

t.test("value_total: a value on a cumulative target carries its running total, others not", function()
  local flow = { kind = "count" }
  t.eq(present.value_total({ value = 1250, target_kind = "cumulative", cumulative_value = 3400 }, flow),
    "1" .. NB .. "250 (cumul 3" .. NB .. "400)")
  t.eq(present.value_total({ value = 5, target_kind = "yearly", cumulative_value = 9 }, flow), "5")
  t.eq(present.value_total({ value = 5, target_kind = "cumulative" }, flow), "5")
  t.eq(present.value_total({ target_kind = "cumulative", cumulative_value = 9 }, flow), present.value({}, flow))
end)
