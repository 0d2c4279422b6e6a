-- Tableau de bord : une page, tous les indicateurs avec leur valeur, leur tendance et leur
-- statut, et les constats.
--
--   ctg report scripts/tableau-de-bord.lua --period 2023 -o tableau-de-bord.html
local ctx = ...
local present, fmt = ctx.present, ctx.fmt
local plan, ev = ctx.plan, ctx.evaluation
local period = ctx.period
local previous = tostring(tonumber(period:sub(1, 4)) - 1)

local doc = ctx.report.new {
  title = "Tableau de bord " .. period,
  subtitle = plan.title,
  organisation = table.concat(plan:signatory_names(), " – "),
  date = ctx.date,
}

-- How a value moved since the previous year, in words the committee reads at a glance.
local function trend(ind, now, before)
  if type(now.value) ~= "number" or type(before.value) ~= "number" then return "" end
  local a, b = present.plotted(before, ind), present.plotted(now, ind)
  if b == a then return "→ stable" end
  local better = (b > a) == (ind.direction ~= "lower")
  return (b > a and "↗ hausse" or "↘ baisse") .. (ind.direction and (better and " (favorable)" or " (défavorable)") or "")
end

local findings = ev:findings()
local counts = { critical = 0, warning = 0, info = 0, error = 0 }
for _, f in ipairs(findings) do counts[f.severity] = counts[f.severity] + 1 end
local with_data = 0
for _, ind in ipairs(plan.indicators) do if ev:value(ind.id).value ~= nil then with_data = with_data + 1 end end

local top = doc:section("En bref")
top:figures {
  { label = "Indicateurs renseignés", value = with_data .. " / " .. #plan.indicators,
    status = with_data / #plan.indicators < 0.75 and "warning" or "ok" },
  { label = "Constats critiques", value = tostring(counts.critical), status = counts.critical > 0 and "critical" or "ok" },
  { label = "Points d'attention", value = tostring(counts.warning), status = counts.warning > 0 and "warning" or "ok" },
}

for _, axis in ipairs(plan.axes) do
  local rows, raw = {}, {}
  for _, o in ipairs(axis.objectives) do
    for _, a in ipairs(o.actions) do
      local sheet = plan:sheet_of(a.number)
      -- a sheet shared by two actions is listed once, under its first action
      if sheet and sheet.actions[1] == a.number then
        for _, ind in ipairs(sheet.indicators) do
          local now, before = ev:value(ind.id), ev:value(ind.id, { period = previous })
          rows[#rows + 1] = { table.concat(sheet.actions, "+"), ind.label, present.value(before, ind, 40),
                              present.value(now, ind, 40), trend(ind, now, before),
                              now.value == nil and now.reason or (now.status and present.STATUS[now.status] or "") }
          raw[#raw + 1] = { sheet.code, ind.id, type(before.value) == "number" and before.value or nil,
                            type(now.value) == "number" and now.value or nil, nil, now.status }
        end
      end
    end
  end
  doc:section("Axe " .. axis.number .. " — " .. axis.title):table {
    caption = "Indicateurs de l'axe " .. axis.number .. " : " .. previous .. " et " .. period,
    name = "axe-" .. axis.number, columns = { "Action", "Indicateur", previous, period, "Tendance", "Statut" },
    align = { "left", "left", "right", "right", "left", "left" }, rows = rows, raw = raw }
end

local c = doc:section("Constats")
if #findings == 0 then
  c:paragraph("Aucun constat pour " .. period .. ".")
else
  local items = {}
  for _, f in ipairs(findings) do items[#items + 1] = { severity = f.severity, message = f.message } end
  c:findings(items)
end
c:paragraph("Valeurs au niveau de la ville ; « " .. fmt.NA .. " » : donnée non disponible (motif dans le bilan annuel).")

return doc
