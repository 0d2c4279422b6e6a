-- Tableau de bord : tous les indicateurs du plan, leur valeur de l'année et de la
-- précédente, leur tendance et leur statut, axe par axe, puis les constats. (Un document de
-- quelques pages, pas une page unique : un plan de 50 indicateurs ne tient pas lisiblement
-- sur une seule page A4.)
--
--   ctg report scripts/tableau-de-bord.lua --period 2023 -o tableau-de-bord.html
local ctx = ...
local present, fmt = ctx.present, ctx.fmt
local plan, ev = ctx.plan, ctx.evaluation
local period = ctx.period
local previous = tostring(tonumber(period:sub(1, 4)) - 1)
local L = function(level) return present.level(plan, level) end
local root = plan:territory(ev.territory)
local root_title = root and root.title or ev.territory

local doc = ctx.report.new {
  title = "Tableau de bord " .. period,
  subtitle = plan.title,
  organisation = #plan:signatory_names() > 0 and table.concat(plan:signatory_names(), " – ") or nil,
  date = ctx.date,
  period = period,
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
local brief = {}
if #plan.indicators > 0 then
  brief[#brief + 1] = { label = "Indicateurs renseignés en " .. period, value = with_data .. " sur " .. #plan.indicators,
                        status = with_data / #plan.indicators < 0.75 and "warning" or "ok" }
end
brief[#brief + 1] = { label = "Constats critiques", value = present.count(counts.critical, "constat", "constats"),
                      status = counts.critical > 0 and "critical" or "ok" }
brief[#brief + 1] = { label = "Points d'attention", value = present.count(counts.warning, "point", "points"),
                      status = counts.warning > 0 and "warning" or "ok" }
top:figures(brief)
top:paragraph("Valeurs pour " .. root_title .. " ; « " .. fmt.NA .. " » : donnée non disponible (le motif est dans le bilan annuel).")

-- One table of indicators: the value of both years, the trend, the status; the texts of
-- qualitative indicators in full as numbered notes under the table.
local function indicator_table(section, entries, caption, name)
  local rows, raw, notes = {}, {}, {}
  local function shown(r, ind, y)
    if ind.kind == "qualitative" and r.value ~= nil then
      notes[#notes + 1] = ind.label .. ", " .. y .. " : " .. tostring(r.value):gsub("%s+", " ")
      return "note " .. #notes
    end
    -- a roll-up over the members that have figures says so, the missing in a note
    local partial = r.value ~= nil and present.coverage(r, plan)
    if partial then
      notes[#notes + 1] = ind.label .. ", " .. y .. " : " .. present.value(r, ind) .. " — " .. partial
      return present.value(r, ind) .. " (partiel, note " .. #notes .. ")"
    end
    return present.value(r, ind)
  end
  for _, e in ipairs(entries) do
    local ind = e.indicator
    local now, before = ev:value(ind.id), ev:value(ind.id, { period = previous })
    local status = present.status(now)
    rows[#rows + 1] = { e.where, ind.label, shown(before, ind, previous), shown(now, ind, period), trend(ind, now, before), status }
    raw[#raw + 1] = { e.where, ind.label, before.value, now.value, trend(ind, now, before), status }
  end
  section:table { caption = caption, name = name,
                  columns = { L("action"), "Indicateur", previous, period, "Tendance", "Statut" },
                  align = { "left", "left", "right", "right", "left", "left" }, rows = rows, raw = raw,
                  notes = #notes > 0 and notes or nil }
end

local listed = {}
for _, axis in ipairs(plan.axes) do
  local entries = {}
  for _, e in ipairs(present.axis_actions(axis)) do
    local a = e.action
    local sheet = plan:sheet_of(a.number)
    local indicators = a:indicators() or {}
    -- a sheet shared by two actions is listed once, under its first action
    if not (sheet and sheet.actions and sheet.actions[1] ~= a.number) then
      local where = sheet and sheet.actions and #sheet.actions > 1 and table.concat(sheet.actions, "+") or tostring(a.number)
      for _, ind in ipairs(indicators) do
        if not listed[ind.id] then
          listed[ind.id] = true
          entries[#entries + 1] = { where = where, indicator = ind }
        end
      end
    end
  end
  local s = doc:section(L("axis") .. " " .. axis.number .. " — " .. axis.title)
  if #entries == 0 then
    s:paragraph("Aucun indicateur rattaché à " .. present.level_lower(plan, "axis") .. " " .. axis.number .. ".")
  else
    indicator_table(s, entries, "Indicateurs (" .. present.level_lower(plan, "axis") .. " " .. axis.number .. ") : "
                    .. previous .. " et " .. period, "axe-" .. axis.number)
  end
end

-- Plan-wide indicators, followed apart from any action
local rest = {}
for _, ind in ipairs(plan.indicators) do
  if not listed[ind.id] then rest[#rest + 1] = { where = "—", indicator = ind } end
end
if #rest > 0 then
  indicator_table(doc:section("Indicateurs du plan"), rest, "Indicateurs suivis à l'échelle du plan : " .. previous
                  .. " et " .. period, "plan")
end

local c = doc:section("Constats")
if #findings == 0 then
  c:paragraph("Aucun constat pour " .. period .. ".")
else
  local items = {}
  for _, f in ipairs(findings) do items[#items + 1] = { severity = f.severity, message = f.message } end
  c:findings(items)
end

return doc
