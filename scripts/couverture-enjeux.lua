-- Couverture des enjeux de progrès : quels enjeux chaque action sert, avec combien
-- d'indicateurs ; les enjeux non couverts, les actions sans enjeu, les numéros jamais nommés.
--
--   ctg report scripts/couverture-enjeux.lua -o couverture.html
local ctx = ...
local plan, present = ctx.plan, ctx.present
local L = function(level) return present.level(plan, level) end
local l = function(level) return present.level_lower(plan, level) end
local ls = function(level) return present.plural(present.level_lower(plan, level)) end
-- "de" before a word, elided before a vowel: "d'actions", "de fiches"
local function de(word)
  return (word:match("^[aeiouyhAEIOUYH]") or word:match("^[\195][\160-\191]")) and "d'" .. word or "de " .. word
end

local doc = ctx.report.new {
  title = "Couverture des enjeux de progrès",
  subtitle = plan.title,
  organisation = #plan:signatory_names() > 0 and table.concat(plan:signatory_names(), " – ") or nil,
  date = ctx.date,
  period = plan.period[1] .. "-" .. plan.period[2],
}

-- stake number -> {action number -> true}, and indicator counts
local served, indicators_of = {}, {}
local actions_without = {}
for _, a in ipairs(plan.actions) do
  local sheet = plan:sheet_of(a.number)
  local stakes = a.stakes or (sheet and sheet.stakes) or {}
  if #stakes == 0 then actions_without[#actions_without + 1] = L("action") .. " " .. a.number .. " — " .. a.title end
  for _, n in ipairs(stakes) do
    served[n] = served[n] or {}
    served[n][a.number] = true
  end
end
for _, sheet in ipairs(plan.sheets or {}) do
  for _, n in ipairs(sheet.stakes or {}) do indicators_of[n] = (indicators_of[n] or 0) + #(sheet.indicators or {}) end
end

local max = 0
for _, s in ipairs(plan.stakes or {}) do if s.number > max then max = s.number end end
if max == 0 then
  doc:section("Enjeux"):paragraph("Le plan ne nomme pas d'enjeux de progrès : il n'y a pas de couverture à mesurer.")
  return doc
end

local columns, align = { "Enjeu de progrès" }, { "left" }
for _, a in ipairs(plan.actions) do columns[#columns + 1] = tostring(a.number); align[#align + 1] = "center" end
columns[#columns + 1] = present.plural(L("action")); align[#align + 1] = "right"
columns[#columns + 1] = "Indicateurs"; align[#align + 1] = "right"

local rows, raw, uncovered, unnamed = {}, {}, {}, {}
for n = 1, max do
  local stake = plan:stake(n)
  local label = stake and (n .. ". " .. stake.title) or (n .. ". (numéro jamais nommé dans le document)")
  if not stake then unnamed[#unnamed + 1] = tostring(n) end
  local row, rrow, count = { label }, { n }, 0
  for _, a in ipairs(plan.actions) do
    local yes = served[n] and served[n][a.number]
    row[#row + 1] = yes and "●" or ""
    rrow[#rrow + 1] = yes and 1 or 0
    if yes then count = count + 1 end
  end
  row[#row + 1] = tostring(count)
  row[#row + 1] = tostring(indicators_of[n] or 0)
  rrow[#rrow + 1] = count
  rrow[#rrow + 1] = indicators_of[n] or 0
  if stake and count == 0 then uncovered[#uncovered + 1] = label end
  rows[#rows + 1] = row
  raw[#raw + 1] = rrow
end

local m = doc:section("Matrice enjeux × " .. ls("action"))
-- what this report measures, and what it does not
m:paragraph("Ce rapport mesure la couverture des enjeux de progrès du plan (les enjeux numérotés qu'il "
  .. "déclare) : pour chacun, les " .. ls("action") .. " qui le servent (l'enjeu est cité dans leur déclaration ou leur fiche "
  .. "descriptive), et le nombre d'indicateurs des fiches descriptives qui le citent. Il ne "
  .. "mesure ni l'avancement des " .. ls("action") .. " ni leurs résultats (voir le bilan annuel).")
-- a plan that names one of its levels « Enjeu »: the stakes here are not those
for _, level in ipairs({ "axis", "objective", "action", "step" }) do
  if type(plan.labels) == "table" and plan.labels[level] and l(level):match("^enjeu") then
    local own = present.plural(present.level_lower({}, level)) -- "axes": the level by ctg's name
    m:paragraph("Ce plan appelle « " .. L(level) .. " » ses " .. own .. " : les enjeux de ce rapport sont ses "
      .. "enjeux de progrès, numérotés à part, pas ses " .. own .. ".")
  end
end
m:paragraph("● : l'enjeu est servi (d'après la fiche). Colonnes numérotées : les " .. ls("action")
            .. " du plan ; Indicateurs : ceux des fiches qui servent l'enjeu.")
m:table { caption = "Enjeux de progrès servis par chaque " .. l("action"), name = "matrice", columns = columns, align = align,
          rows = rows, raw = raw }

local bars_cats, bars_values = {}, {}
for n = 1, max do
  local stake = plan:stake(n)
  if stake then
    bars_cats[#bars_cats + 1] = { key = tostring(n), label = n .. ". " .. stake.title }
    local c = 0
    for _ in pairs(served[n] or {}) do c = c + 1 end
    bars_values[tostring(n)] = c
  end
end
m:chart { kind = "bars", id = "actions-par-enjeu", title = "Nombre " .. de(ls("action")) .. " par enjeu",
          desc = "Pour chaque enjeu nommé, le nombre " .. de(ls("action")) .. " qui le servent.", categories = bars_cats,
          values = bars_values, format = "number", decimals = 0, y_label = ls("action") }

local g = doc:section("Écarts")
if #uncovered > 0 then g:paragraph("Enjeux nommés servis par aucune " .. l("action") .. " :"); g:list(uncovered)
else g:paragraph("Chaque enjeu nommé est servi par au moins une " .. l("action") .. ".") end
if #actions_without > 0 then g:paragraph(present.plural(L("action")) .. " sans enjeu :"); g:list(actions_without)
else g:paragraph("Chaque " .. l("action") .. " sert au moins un enjeu.") end
if #unnamed > 0 then
  g:paragraph("Numéros d'enjeux jamais nommés dans le document : " .. table.concat(unnamed, ", ") ..
    ". À vérifier avec la CAF : enjeux retirés, ou oubliés lors de la rédaction ?")
end

return doc
