-- Export: the plan as data, YAML and JSON; YAML reads back as the same plan.
local t = ...
local load = require("ctg.load")
local export = require("ctg.export")

local root = arg[0]:match("^(.*)/tests/lua/[^/]*$") or "."
local PLAN = root .. "/examples/clermont-ferrand/plan.lua"
local MINI = root .. "/tests/fixtures/plans/mini.lua"

local function write(path, text)
  local f = assert(io.open(path, "w"))
  f:write(text)
  f:close()
end

local function round_trip(path)
  local p, _, has_error = load.check(path)
  assert(not has_error, "fixture has errors")
  local yaml_path = t.tmpdir() .. "/plan.yaml"
  write(yaml_path, export.yaml(p))
  local q, findings, q_error = load.check(yaml_path)
  return p, q, findings, q_error
end

t.test("the example plan exported to YAML and read back is the same plan", function()
  local p, q, _, has_error = round_trip(PLAN)
  t.eq(has_error, false)
  t.eq(export.data(q), export.data(p))
  t.eq(q:counts(), p:counts())
  t.eq(q:step("5-E").letter, "D")
  -- each sheet keeps its indicators, in order, though YAML lists them apart from sheets
  for _, s in ipairs(p.sheets) do
    local ids, qids = {}, {}
    for _, i in ipairs(s.indicators) do ids[#ids + 1] = i.id end
    for _, i in ipairs(q:sheet(s.code).indicators) do qids[#qids + 1] = i.id end
    t.eq(qids, ids, "indicators of sheet " .. s.code)
  end
  t.eq(#q:action(7):indicators(), 5)
end)

t.test("the mini plan round-trips, targets and years included", function()
  local p, q = round_trip(MINI)
  t.eq(export.data(q), export.data(p))
  t.eq(q:indicator("taux").targets, { [2023] = 50 })
  t.eq(q:step("1-B").years, { 2022, 2023 })
end)

t.test("the YAML keeps the vocabulary's key order", function()
  local p = load.check(MINI)
  local yaml = export.yaml(p)
  local order = {}
  for key in yaml:gmatch("\n(%a+):") do order[#order + 1] = key end
  t.eq(order, { "stakes", "territories", "groups", "committees", "funding", "axes", "sheets", "indicators", "rules" })
  t.ok(yaml:find("^plan:\n  id: mini\n  title: Plan de test\n  period:"), yaml:sub(1, 80))
  t.ok(yaml:find('- letter: A\n        code: "1%-A"\n        title: Étape A'), "step keys in order")
end)

t.test("JSON has axes[].objectives[].actions[].steps[] and top-level indicators", function()
  local p = load.check(MINI)
  local text = export.json(p)
  t.ok(text:find('"axes": [', 1, true))
  t.ok(text:find('"objectives": [', 1, true))
  t.ok(text:find('"steps": [', 1, true))
  t.ok(text:find('"id": "taux",\n      "label": "Taux de fréquentation",\n      "sheet": "1+2",\n      "kind": "ratio"', 1, true), text)
end)

t.test("a YAML plan with an unknown key is located at that key", function()
  local path = t.tmpdir() .. "/bad.yaml"
  write(path, "plan:\n  id: x\n  title: T\n  period: [2021, 2025]\nstakes:\n  - number: 1\n    titel: Enjeu\n")
  local _, findings, has_error = load.check(path)
  t.eq(has_error, true)
  t.eq(findings[1].line, 7)
  t.eq(findings[1].message, "champ inconnu 'titel' dans l'enjeu 1 (vouliez-vous dire 'title' ?)")
end)

t.test("a YAML plan with a misspelt top-level key", function()
  local path = t.tmpdir() .. "/bad.yaml"
  write(path, "plan:\n  id: x\n  title: T\n  period: [2021, 2025]\nstake:\n  - number: 1\n")
  local _, findings = load.check(path)
  t.eq(findings[1].message, "clé inconnue 'stake' au premier niveau du plan (vouliez-vous dire 'stakes' ?)")
  t.eq(findings[1].line, 5)
end)

-- sys.open_output: the streamed exports' all-or-nothing file
local sys = require("ctg.sys")
local read = require("ctg.cli.args").read_file
local function listing(dir)
  local names = {}
  for _, n in ipairs(sys.list(dir) or {}) do names[#names + 1] = n end
  table.sort(names)
  return table.concat(names, " ")
end

t.test("sys.open_output: pieces written, put in place by commit, nothing left beside", function()
  local dir = t.tmpdir()
  write(dir .. "/out.csv", "earlier")
  local out = assert(sys.open_output(dir .. "/out.csv"))
  out:write("a;b\r\n")
  out:write("1;2\r\n")
  t.eq(read(dir .. "/out.csv"), "earlier") -- not in place before commit
  t.eq(out:commit(), true)
  t.eq(read(dir .. "/out.csv"), "a;b\r\n1;2\r\n")
  t.eq(listing(dir), "out.csv")
  t.raises(function() out:write("more") end, "sortie déjà terminée")
end)

t.test("sys.open_output: closed or collected before commit, the earlier file stays and the temporary goes", function()
  local dir = t.tmpdir()
  write(dir .. "/out.csv", "earlier")
  do
    local out <close> = assert(sys.open_output(dir .. "/out.csv"))
    out:write("half of it")
  end
  t.eq(read(dir .. "/out.csv"), "earlier")
  t.eq(listing(dir), "out.csv")
  local out = assert(sys.open_output(dir .. "/out.csv"))
  out:write("half of it")
  out = nil -- luacheck: ignore 311
  collectgarbage()
  collectgarbage()
  t.eq(read(dir .. "/out.csv"), "earlier")
  t.eq(listing(dir), "out.csv")
end)

t.test("sys.open_output: a directory that does not exist is said in French, nothing created", function()
  local dir = t.tmpdir()
  local out, err = sys.open_output(dir .. "/missing/out.csv")
  t.eq(out, nil)
  t.ok(err:find("impossible d'écrire " .. dir .. "/missing/out.csv : ", 1, true), err)
  t.eq(sys.exists(dir .. "/missing"), false)
end)
