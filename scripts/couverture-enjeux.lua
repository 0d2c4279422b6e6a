-- Couverture des enjeux de progrès : quels enjeux chaque action sert, avec combien
-- d'indicateurs ; les enjeux non couverts, les actions sans enjeu, les numéros jamais nommés.
--
--   ctg report scripts/couverture-enjeux.lua -o couverture.html
local ctx = ...
local plan = ctx.plan

local doc = ctx.report.new {
  title = "Couverture des enjeux de progrès",
  subtitle = plan.title,
  organisation = table.concat(plan:signatory_names(), " – "),
  date = ctx.date,
}

-- stake number -> {action number -> true}, and indicator counts
local served, indicators_of = {}, {}
local actions_without = {}
for _, a in ipairs(plan.actions) do
  local sheet = plan:sheet_of(a.number)
  local stakes = sheet and sheet.stakes or {}
  if #stakes == 0 then actions_without[#actions_without + 1] = "Action " .. a.number .. " — " .. a.title end
  for _, n in ipairs(stakes) do
    served[n] = served[n] or {}
    served[n][a.number] = true
  end
end
for _, sheet in ipairs(plan.sheets) do
  for _, n in ipairs(sheet.stakes or {}) do indicators_of[n] = (indicators_of[n] or 0) + #sheet.indicators end
end

local max = 0
for _, s in ipairs(plan.stakes) do if s.number > max then max = s.number end end

local columns, align = { "Enjeu" }, { "left" }
for _, a in ipairs(plan.actions) do columns[#columns + 1] = tostring(a.number); align[#align + 1] = "center" end
columns[#columns + 1] = "Actions"; align[#align + 1] = "right"
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

local m = doc:section("Matrice enjeux × actions")
m:paragraph("● : l'action sert l'enjeu (d'après sa fiche action). Indicateurs : ceux des fiches qui servent l'enjeu.")
m:table { caption = "Enjeux de progrès servis par chaque action", name = "matrice", columns = columns, align = align,
          rows = rows, raw = raw }

local bars_cats, bars_values = {}, {}
for n = 1, max do
  if plan:stake(n) then
    bars_cats[#bars_cats + 1] = tostring(n)
    local c = 0
    for _ in pairs(served[n] or {}) do c = c + 1 end
    bars_values[#bars_values + 1] = c
  end
end
m:chart { kind = "bars", id = "actions-par-enjeu", title = "Nombre d'actions par enjeu",
          desc = "Pour chaque enjeu nommé, le nombre d'actions qui le servent", categories = bars_cats,
          values = bars_values, format = "number", decimals = 0 }

local g = doc:section("Écarts")
if #uncovered > 0 then g:paragraph("Enjeux nommés servis par aucune action :"); g:list(uncovered)
else g:paragraph("Chaque enjeu nommé est servi par au moins une action.") end
if #actions_without > 0 then g:paragraph("Actions sans enjeu :"); g:list(actions_without)
else g:paragraph("Chaque action sert au moins un enjeu.") end
if #unnamed > 0 then
  g:paragraph("Numéros d'enjeux jamais nommés dans le document : " .. table.concat(unnamed, ", ") ..
    ". À vérifier avec la CAF : enjeux retirés, ou oubliés lors de la rédaction ?")
end

return doc
