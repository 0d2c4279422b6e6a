-- ctg.crosscheck — the errors a plan can only show once every declaration is known: a
-- territory tree that loops, a group whose code is also a territory's, a follow-up body that
-- looks like a committee code but names none, a rule looking at a place the plan does not
-- have. Each is an error at the declaration's line (ctg.model checks the plain references).
local suggest = require("ctg.suggest")

local crosscheck = {}

-- field: the field the error is about, for ctg.dsl to put it at that field's line
local function err(p, out, kind, code, fcode, message, field)
  local file, line = p:location(kind, code)
  out[#out + 1] = { severity = "error", code = fcode, message = message, file = file or p.source, line = line or 0,
                    at = field and { kind = kind, code = code, field = field } or nil }
end

local function did_you_mean(word, names)
  local hint = suggest.closest(tostring(word), names)
  return hint and " (vouliez-vous dire « " .. hint .. " » ?)" or ""
end

-- A territory whose parent is itself or one of its descendants: reported once per loop.
function crosscheck.territory_cycles(p, out)
  local parent = {}
  for _, t in ipairs(p.territories) do parent[t.code] = t.parent end
  local reported = {}
  for _, t in ipairs(p.territories) do
    local path, seen, code = {}, {}, t.code
    while code and parent[code] ~= nil and not seen[code] do
      seen[code] = #path + 1
      path[#path + 1] = code
      code = parent[code]
    end
    if seen[code] and code == t.code and not reported[t.code] then
      for _, c in ipairs(path) do reported[c] = true end
      path[#path + 1] = t.code
      err(p, out, "territory", t.code, "territory-cycle", string.format(
        "le territoire %s a pour parent %s, qui est %s (boucle %s) : la hiérarchie des territoires doit remonter à une racine sans parent",
        t.code, t.parent, t.parent == t.code and "lui-même" or "l'un de ses descendants", table.concat(path, " > ")))
    end
  end
end

-- A group code is given where a territory code is: it must not be one.
function crosscheck.group_codes(p, out)
  for _, g in ipairs(p.groups) do
    if p:territory(g.code) then
      err(p, out, "group", g.code, "group-code", "le groupe " .. g.code ..
        " porte le code d'un territoire : donnez-lui un code distinct (un code de groupe s'emploie là où s'emploie un code de territoire)")
    end
  end
end

-- followed_by in committee-code form ("copil": lowercase, no space) must name a committee.
function crosscheck.followed_by(p, out)
  local names = {}
  for _, c in ipairs(p.committees) do names[#names + 1] = c.code end
  for _, s in ipairs(p.sheets) do
    local f = s.followed_by
    if f and f:match("^%l[%l%d_-]*$") and not p:committee(f) then
      err(p, out, "sheet", s.code, "unknown-committee", "fiche " .. s.code .. " : followed_by = \"" .. f ..
        "\" a la forme d'un code d'instance mais aucune instance ne porte ce code" .. did_you_mean(f, names) ..
        " (instances : " .. (#names > 0 and table.concat(names, ", ") or "aucune") .. ") ; pour un texte libre, écrivez le nom en toutes lettres")
    end
  end
end

--- Errors on the places a rule names (rule node, where to report); shared with rules files.
function crosscheck.rule_places(p, rule, report)
  local names = {}
  for _, t in ipairs(p.territories) do names[#names + 1] = t.code end
  for _, g in ipairs(p.groups) do names[#names + 1] = g.code end
  local function known(code, field)
    if not p:place(code) then
      report(field, "la règle " .. tostring(rule.name) .. " nomme le territoire « " .. tostring(code) ..
        " », qui n'est ni un territoire ni un groupe du plan" .. did_you_mean(code, names))
    end
  end
  if rule.territory then known(rule.territory, "territory") end
  if type(rule.territories) == "table" then
    for _, code in ipairs(rule.territories) do known(code, "territories") end
  end
end

function crosscheck.rules(p, out)
  for _, r in ipairs(p.rules) do
    crosscheck.rule_places(p, r, function(_, message) err(p, out, "rule", r.name, "unknown-territory", message) end)
  end
end

-- The time combination an indicator's values follow: its own, else its kind's (ctg.kinds).
crosscheck.time_of = require("ctg.kinds").time_of

-- An indicator's targets are due within the plan or its renewal year (the year after its last,
-- when the next convention is prepared); a cumulative target adds a flow's yearly values, so
-- its indicator must be a count summed over time; a roll-up rule means nothing for a text.
function crosscheck.targets(p, out)
  local msg, kinds = require("ctg.msg"), require("ctg.kinds")
  local first, last = p.period[1], p.period[2]
  for _, ind in ipairs(p.indicators) do
    local list, kind = require("ctg.schema").target_list(ind.targets)
    for _, t in ipairs(list) do
      local y = tonumber(tostring(t.period):sub(1, 4))
      if y < first or y > last + 1 then
        err(p, out, "indicator", ind.id, "target-outside-plan", msg.text("check.target-outside", { id = ind.id,
          period = tostring(t.period), first = first, last = last, renewal = last + 1 }), "targets")
      end
    end
    local time, k = crosscheck.time_of(ind), kinds.get(ind.kind) or {}
    if kind == "cumulative" and (not k.flow or time ~= "sum") then
      err(p, out, "indicator", ind.id, "cumulative-target", msg.text("check.cumulative-target", { id = ind.id,
        kind = kinds.word(ind.kind), time = msg.text("check.time." .. time) }), "targets")
    end
    if ind.start and kind ~= "cumulative" then
      err(p, out, "indicator", ind.id, "start-without-cumulative", msg.text("check.start-without-cumulative", { id = ind.id }), "start")
    end
    if ind.rollup and k.territories == "none" then
      err(p, out, "indicator", ind.id, "rollup-qualitative", msg.text("check.rollup-qualitative", { id = ind.id }), "rollup")
    end
  end
end

local ORDER = { "territory_cycles", "group_codes", "followed_by", "rules", "targets" }

--- The errors of a built plan, in a stable order.
function crosscheck.run(p)
  local out = {}
  for _, name in ipairs(ORDER) do crosscheck[name](p, out) end
  return out
end

return crosscheck
