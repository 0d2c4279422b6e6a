-- Portefeuille : les CTG d'une même base côte à côte, comme les suit le conseiller territorial
-- d'une CAF. Les indicateurs se comparent d'un plan à l'autre par leur référence nationale
-- (champ `reference_nationale` d'un indicateur, par ex. "cnaf:taux_couverture") : pour chacune
-- que deux plans au moins partagent, la valeur, la cible et le statut par plan et par
-- territoire racine, dans un tableau, puis un graphique des statuts par plan. Sans deux plans,
-- ou sans référence partagée, le rapport le dit et dit quoi faire.
--
--   ctg report scripts/portefeuille.lua --plan all --period 2024 -o portefeuille.html
local ctx = ...
local present, fmt = ctx.present, ctx.fmt
local evs = ctx.evaluations

-- The plans in the order of their ids (ctx.evaluations gives them so), each with its roots.
local plans = {}
for i, ev in ipairs(evs) do
  local p = ev.plan
  local roots = {}
  for _, code in ipairs(p:roots()) do
    local t = p:territory(code)
    roots[#roots + 1] = { code = code, title = t and t.title or code }
  end
  plans[i] = { ev = ev, plan = p, roots = roots }
end

-- The periods evaluated: one when the plans share it, else each plan's own (its data's last
-- year unless --period says which).
local periods, same_period = {}, true
for i, x in ipairs(plans) do
  periods[i] = x.ev.period
  same_period = same_period and x.ev.period == plans[1].ev.period
end

local doc = ctx.report.new {
  title = "Portefeuille de CTG",
  subtitle = #plans == 1 and plans[1].plan.title or (#plans .. " conventions territoriales globales comparées"),
  date = ctx.date,
  period = same_period and periods[1] or nil,
}

-- The national references each plan's indicators carry: reference -> {{plan entry, indicator}…}
local by_reference, references = {}, {}
for _, x in ipairs(plans) do
  for _, ind in ipairs(x.plan.indicators) do
    local ref = ind.national_reference
    if ref then
      if not by_reference[ref] then by_reference[ref] = {}; references[#references + 1] = ref end
      table.insert(by_reference[ref], { entry = x, indicator = ind })
    end
  end
end
table.sort(references)
-- shared: held by two plans at least (two indicators of one plan with the same code are one plan)
local shared = {}
for _, ref in ipairs(references) do
  local seen, n = {}, 0
  for _, e in ipairs(by_reference[ref]) do
    if not seen[e.entry] then seen[e.entry] = true; n = n + 1 end
  end
  if n >= 2 then shared[#shared + 1] = ref end
end

-- The conventions of the database
local s = doc:section("Les conventions de la base")
local rows, raw = {}, {}
for _, x in ipairs(plans) do
  local p = x.plan
  local titles = {}
  for i, r in ipairs(x.roots) do titles[i] = r.title end
  local tagged = 0
  for _, ind in ipairs(p.indicators) do if ind.national_reference then tagged = tagged + 1 end end
  rows[#rows + 1] = { p.id, p.title, p.period[1] .. "-" .. p.period[2], table.concat(titles, ", "), x.ev.period,
                      "v" .. x.ev.version.version, tagged .. " sur " .. #p.indicators }
  raw[#raw + 1] = { p.id, p.title, p.period[1] .. "-" .. p.period[2], table.concat(titles, ", "), x.ev.period,
                    x.ev.version.version, tagged }
end
s:table { caption = "Plans de la base, version en vigueur et indicateurs portant une référence nationale",
          name = "conventions",
          columns = { "Plan", "Titre", "Durée", "Territoire", "Période évaluée", "Version", "Avec référence" },
          align = { "left", "left", "left", "left", "left", "left", "right" }, rows = rows, raw = raw }

if #plans < 2 then
  s:paragraph("La base ne contient qu'une convention (" .. plans[1].plan.id .. ") : il n'y a rien à comparer. " ..
    "Importez les autres plans suivis dans la même base (ctg import plan.lua), puis relancez ce rapport " ..
    "avec --plan all.")
  return doc
end

if #shared == 0 then
  local held = {}
  for _, ref in ipairs(references) do
    held[#held + 1] = ref .. " (" .. by_reference[ref][1].entry.plan.id .. ")"
  end
  s:paragraph("Aucune référence nationale n'est partagée par deux plans : les indicateurs ne peuvent pas être " ..
    "comparés d'une convention à l'autre. " .. (#held > 0 and ("Références présentes : " .. table.concat(held, ", ") ..
    ". ") or "Aucun indicateur ne porte de référence nationale. ") ..
    "Donnez aux indicateurs qui mesurent la même chose la même reference_nationale (par ex. " ..
    "\"cnaf:taux_couverture\") dans chaque plan.")
  return doc
end

-- The shared indicators, plan by plan and root territory by root territory
local c = doc:section("Indicateurs partagés")
c:paragraph(#shared .. (#shared == 1 and " référence nationale partagée" or " références nationales partagées") ..
  " par au moins deux plans. Chaque plan est lu à sa période évaluée, sur chacun de ses territoires racines ; « " ..
  fmt.NA .. " » : donnée non disponible (le motif suit).")
local STATUS_ORDER = { "achieved", "on track", "behind", "not available" }
local counts, with_status = {}, {} -- per plan entry and root: status -> n
rows, raw = {}, {}
for _, ref in ipairs(shared) do
  for _, e in ipairs(by_reference[ref]) do
    local x, ind = e.entry, e.indicator
    for _, root in ipairs(x.roots) do
      local r = x.ev:value(ind.id, { territory = root.code })
      -- as ctg eval words it: an unavailable status is said by its reason
      local word = r.status and r.status ~= "not available" and (present.STATUS[r.status] or r.status) or nil
      local why = r.reason or r.note
      local status = word and why and (word .. " : " .. why) or word or why or ""
      -- one period for every plan: said in the document's head, not on each row
      local shown, kept = { ref, x.plan.id, root.title, ind.label }, { ref, x.plan.id, root.code, ind.id }
      if not same_period then shown[5], kept[5] = x.ev.period, x.ev.period end
      local at = #shown
      shown[at + 1], shown[at + 2], shown[at + 3] = present.value(r, ind), r.target and present.number(r.target) or "", status
      kept[at + 1], kept[at + 2], kept[at + 3] = r.value, r.target, r.status or ""
      rows[#rows + 1], raw[#raw + 1] = shown, kept
      local key = x.plan.id .. "/" .. root.code
      if not counts[key] then
        counts[key] = {}
        with_status[#with_status + 1] = { key = key, label = x.plan.id .. (#x.roots > 1 and " — " .. root.title or "") }
      end
      local k = r.status or (r.value == nil and "not available" or "no target")
      counts[key][k] = (counts[key][k] or 0) + 1
    end
  end
end
c:table { caption = "Valeur, cible et statut des indicateurs partagés, par plan et territoire racine",
          name = "indicateurs-partages",
          columns = same_period and { "Référence", "Plan", "Territoire", "Indicateur", "Valeur", "Cible", "Statut" }
            or { "Référence", "Plan", "Territoire", "Indicateur", "Période", "Valeur", "Cible", "Statut" },
          align = same_period and { "left", "left", "left", "left", "right", "right", "left" }
            or { "left", "left", "left", "left", "left", "right", "right", "left" }, rows = rows, raw = raw }

-- One chart whatever the units: how many shared indicators of each plan are in each status
local stacks, order = {}, {}
for _, k in ipairs(STATUS_ORDER) do order[#order + 1] = k end
order[#order + 1] = "no target"
local seen_status = {}
for _, cat in ipairs(with_status) do for k in pairs(counts[cat.key]) do seen_status[k] = true end end
for k in pairs(seen_status) do
  local known = false
  for _, o in ipairs(order) do if o == k then known = true end end
  if not known then order[#order + 1] = k end -- a status this script does not know yet
end
for _, k in ipairs(order) do
  if seen_status[k] then
    local values = {}
    for _, cat in ipairs(with_status) do values[cat.key] = counts[cat.key][k] or 0 end
    stacks[#stacks + 1] = { name = k == "no target" and "sans cible" or (present.STATUS[k] or k), values = values }
  end
end
c:chart { kind = "stacked", title = "Statut des indicateurs partagés, par plan",
          desc = "Nombre d'indicateurs à référence nationale partagée dans chaque statut, par plan (et territoire " ..
                 "racine quand un plan en a plusieurs).",
          categories = with_status, stacks = stacks, y_label = "indicateurs" }

return doc
