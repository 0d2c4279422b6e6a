-- Bilan annuel de la Convention Territoriale Globale, pour le comité de pilotage.
--
--   ctg report scripts/bilan-annuel.lua --period 2023 -o bilan-2023.html
--
-- Key figures; the rules' findings; for each axis, objective and action: the progress of
-- its steps, its indicators (values over the years, trend, target, status) and expected
-- results; funding against the CAF floor; committee meetings; data completeness.
-- Uses only the public API (ctx.evaluation, ctx.db, ctx.plan, ctx.report, ctx.fmt): copy it
-- and adapt it.
local ctx = ...
local fmt, present = ctx.fmt, ctx.present
local plan, ev, db = ctx.plan, ctx.evaluation, ctx.db
local period = ctx.period
local year = tonumber(period:sub(1, 4))

-- ---- the data the report reads ----------------------------------------------------------

-- Latest status of each step up to the period: step code -> {status, period}.
local function step_statuses()
  local out = {}
  for _, r in ipairs(db:query([[SELECT subject, period, status FROM current_observation
      WHERE record = 'progress' AND substr(period, 1, 4) <= ? ORDER BY period]], tostring(year))) do
    out[r.subject] = { status = r.status, period = r.period }
  end
  return out
end

local function funding_by_year()
  local out = {}
  for _, r in ipairs(db:query([[SELECT subject, period, sum(value) AS total FROM current_observation
      WHERE record = 'funding' GROUP BY subject, period]])) do
    out[r.subject .. "/" .. r.period] = r.total
  end
  return out
end

local function meetings_by_year()
  local out = {}
  for _, r in ipairs(db:query([[SELECT subject, substr(period, 1, 4) AS year, count(*) AS n FROM current_observation
      WHERE record = 'meeting' GROUP BY subject, year]])) do
    out[r.subject .. "/" .. r.year] = r.n
  end
  return out
end

-- The years shown for indicators: from the first year with data (the 2020 baseline) to the period.
local function years_shown()
  local first = plan.period[1]
  for _, ind in ipairs(plan.indicators) do
    for _, r in ipairs(ev:series(ind.id)) do
      local y = tonumber(r.period)
      if r.value ~= nil and y < first then first = y end
    end
  end
  local list = {}
  for y = first, year do list[#list + 1] = tostring(y) end
  return list
end

local statuses = step_statuses()
local funding = funding_by_year()
local meetings = meetings_by_year()
local findings = ev:findings()
local years = years_shown()

-- ---- the document -------------------------------------------------------------------------

local doc = ctx.report.new {
  title = "Bilan annuel " .. period,
  subtitle = plan.title,
  organisation = table.concat(plan:signatory_names(), " – "),
  date = ctx.date,
}

-- Key figures
local synthese = doc:section("Synthèse")
do
  local with_data, total = 0, #plan.indicators
  for _, ind in ipairs(plan.indicators) do
    if ev:value(ind.id).value ~= nil then with_data = with_data + 1 end
  end
  local started, done = 0, 0
  for _, s in ipairs(plan.steps) do
    local st = statuses[s.code]
    if st and st.status == "started" then started = started + 1 end
    if st and st.status == "done" then done = done + 1 end
  end
  local held, planned = 0, 0
  for _, c in ipairs(plan.committees) do
    planned = planned + (plan:meetings_expected(c, year) or 0)
    held = held + (meetings[c.code .. "/" .. year] or 0)
  end
  local critical, warning = 0, 0
  for _, f in ipairs(findings) do
    if f.severity == "critical" then critical = critical + 1 elseif f.severity == "warning" then warning = warning + 1 end
  end
  local items = {}
  for _, f in ipairs(plan.funding) do
    local total = funding[f.code .. "/" .. year]
    local below = total and f.floor_per_year and total < f.floor_per_year
    items[#items + 1] = { label = "Financement " .. f.title .. " " .. period,
      value = total and fmt.euros(total) or fmt.NA,
      note = f.floor_per_year and ("plancher garanti : " .. fmt.euros(f.floor_per_year)) or nil,
      status = total == nil and "warning" or (below and "critical" or "ok") }
  end
  items[#items + 1] = { label = "Indicateurs renseignés en " .. period, value = with_data .. " / " .. total,
    note = fmt.percent(with_data / total, 0) .. " des indicateurs du plan", status = with_data / total < 0.75 and "warning" or "ok" }
  items[#items + 1] = { label = "Étapes en cours / terminées", value = started .. " / " .. done,
    note = "sur " .. #plan.steps .. " étapes du plan" }
  items[#items + 1] = { label = "Réunions des instances en " .. period, value = held .. " / " .. planned,
    note = "tenues / prévues", status = held < planned and "warning" or "ok" }
  items[#items + 1] = { label = "Constats", value = critical .. " critique" .. (critical > 1 and "s" or "") .. ", " .. warning .. " à surveiller",
    status = critical > 0 and "critical" or (warning > 0 and "warning" or "ok") }
  synthese:figures(items)
  synthese:paragraph(plan.vision and ("Vision : " .. plan.vision) or "")
end

-- Findings
local constats = doc:section("Constats")
if #findings == 0 then
  constats:paragraph("Aucun constat : les règles du plan et ses engagements sont respectés pour " .. period .. ".")
else
  local items = {}
  for _, f in ipairs(findings) do items[#items + 1] = { severity = f.severity, message = f.message } end
  constats:findings(items)
end

-- One action: its steps, its indicators, its expected results.
local function action_section(parent, a)
  local s = parent:section("Action " .. a.number .. " — " .. a.title)
  local sheet = plan:sheet_of(a.number)
  local pilots = a.pilots or (sheet and sheet.pilots)
  local lines = {}
  if pilots then lines[#lines + 1] = "Pilotage : " .. table.concat(pilots, " ; ") .. "." end
  if sheet and sheet.followed_by then lines[#lines + 1] = "Instance de suivi : " .. sheet.followed_by .. "." end
  if #lines > 0 then s:paragraph(table.concat(lines, " ")) end

  local rows, raw = {}, {}
  for _, st in ipairs(a.steps) do
    local cur = statuses[st.code]
    local planned = st.years and #st.years > 0 and table.concat(st.years, ", ") or "calendrier inconnu"
    rows[#rows + 1] = { st.code, st.title, planned, cur and (present.STEP_STATUS[cur.status] .. " (" .. cur.period .. ")") or "non renseigné" }
    raw[#raw + 1] = { st.code, st.title, planned, cur and cur.status or nil }
  end
  s:table { caption = "Avancement des étapes de l'action " .. a.number .. " en " .. period,
            name = "action-" .. a.number .. "-etapes", columns = { "Étape", "Intitulé", "Années prévues", "État" },
            align = { "left", "left", "left", "left" }, rows = rows, raw = raw }

  if sheet and #sheet.indicators > 0 then
    local columns, align = { "Indicateur" }, { "left" }
    for _, y in ipairs(years) do columns[#columns + 1] = y; align[#align + 1] = "right" end
    columns[#columns + 1] = "Cible"; align[#align + 1] = "right"
    columns[#columns + 1] = "Statut"; align[#align + 1] = "left"
    local irows, iraw = {}, {}
    for _, ind in ipairs(sheet.indicators) do
      local series = ev:series(ind.id, { until_period = period })
      local by_year = {}
      for _, r in ipairs(series) do by_year[r.period] = r end
      local row, rrow = { ind.label }, { ind.id }
      for _, y in ipairs(years) do
        local r = by_year[y] or ev:value(ind.id, { period = y })
        row[#row + 1] = present.value(r, ind, 60)
        rrow[#rrow + 1] = type(r.value) == "number" and r.value or (r.value or nil)
      end
      local current = ev:value(ind.id)
      row[#row + 1] = current.target and present.number(current.target) .. " (" .. current.target_period .. ")" or ""
      -- not available: say why (no data, period not started…); else the status against the target
      row[#row + 1] = current.value == nil and current.reason or (current.status and present.STATUS[current.status] or "")
      rrow[#rrow + 1] = current.target
      rrow[#rrow + 1] = current.status
      irows[#irows + 1] = row
      iraw[#iraw + 1] = rrow
    end
    s:table { caption = "Indicateurs" .. (#sheet.actions > 1 and " (fiche commune aux actions " .. table.concat(sheet.actions, " et ") .. ")" or ""),
              name = "action-" .. a.number .. "-indicateurs", columns = columns, align = align, rows = irows, raw = iraw }
    -- a trend chart for each numeric indicator with at least two values (once per sheet:
    -- under its first action when it covers several)
    if sheet.actions[1] ~= a.number then
      s:paragraph("Graphiques de ces indicateurs : voir l'action " .. sheet.actions[1] .. ".")
    end
    for _, ind in ipairs(sheet.actions[1] == a.number and sheet.indicators or {}) do
      if ind.kind ~= "qualitative" then
        local values, n = {}, 0
        for i, y in ipairs(years) do
          values[i] = present.plotted(ev:value(ind.id, { period = y }), ind)
          if values[i] then n = n + 1 end
        end
        if n >= 2 then
          local format, decimals = present.chart_format(ind)
          s:chart { kind = "line", size = "small", id = "tendance-" .. a.number .. "-" .. ind.id, title = ind.label,
                    desc = "Évolution de l'indicateur " .. ind.id .. " de " .. years[1] .. " à " .. period .. " (ville)",
                    x = years, series = { { name = "Ville", values = values } }, format = format, decimals = decimals,
                    y_label = ind.unit }
        end
      end
    end
  end
  if sheet and sheet.expected_results and #sheet.expected_results > 0 then
    s:paragraph("Résultats attendus :")
    s:list(sheet.expected_results)
  end
end

for _, axis in ipairs(plan.axes) do
  local as = doc:section("Axe " .. axis.number .. " — " .. axis.title, { page_break = true })
  for _, o in ipairs(axis.objectives) do
    local os_ = as:section("Objectif " .. o.code .. " — " .. o.title)
    for _, a in ipairs(o.actions) do action_section(os_, a) end
  end
end

-- Funding against the floor
local fin = doc:section("Financement", { page_break = true })
for _, f in ipairs(plan.funding) do
  local rows, raw, values, cats = {}, {}, {}, {}
  for y = plan.period[1], year do
    local total = funding[f.code .. "/" .. y]
    local gap = total and f.floor_per_year and total - f.floor_per_year
    rows[#rows + 1] = { tostring(y), total and fmt.euros(total) or fmt.NA, f.floor_per_year and fmt.euros(f.floor_per_year) or "",
                        gap and (gap < 0 and "sous le plancher (" .. fmt.euros(gap) .. ")" or "au-dessus du plancher") or "non renseigné" }
    raw[#raw + 1] = { y, total, f.floor_per_year, gap }
    cats[#cats + 1] = tostring(y)
    values[#values + 1] = total
  end
  fin:table { caption = f.title .. " : financement reçu par an", name = "financement-" .. f.code,
              columns = { "Année", "Reçu", "Plancher", "Écart" }, align = { "left", "right", "right", "left" },
              rows = rows, raw = raw }
  fin:chart { kind = "bars", id = "financement-" .. f.code, title = f.title .. " : financement reçu",
              desc = "Montants reçus par année, à comparer au plancher de " .. (f.floor_per_year and fmt.euros(f.floor_per_year) or "—"),
              categories = cats, values = values, format = "euros" }
end

-- Governance
local gov = doc:section("Gouvernance")
do
  local columns, align = { "Instance", "Prévu / an" }, { "left", "right" }
  for y = plan.period[1], year do columns[#columns + 1] = tostring(y); align[#align + 1] = "right" end
  local rows, raw = {}, {}
  for _, c in ipairs(plan.committees) do
    local row, rrow = { c.title, plan:meetings_short(c) }, { c.code, plan:meetings_expected(c, year) }
    for y = plan.period[1], year do
      local n = meetings[c.code .. "/" .. y] or 0
      row[#row + 1] = tostring(n)
      rrow[#rrow + 1] = n
    end
    rows[#rows + 1] = row
    raw[#raw + 1] = rrow
  end
  gov:table { caption = "Réunions tenues par instance et par année", name = "gouvernance", columns = columns,
              align = align, rows = rows, raw = raw }
end

-- Data completeness
local comp = doc:section("Complétude des données")
do
  local rows, raw, missing = {}, {}, {}
  for _, ind in ipairs(plan.indicators) do
    local n, expected = 0, 0
    for y = plan.period[1], year do
      expected = expected + 1
      if ev:value(ind.id, { period = y }).value ~= nil then n = n + 1 end
    end
    if n == 0 then missing[#missing + 1] = ind.id .. " — " .. ind.label end
    rows[#rows + 1] = { ind.id, ind.label, tostring(n), tostring(expected) }
    raw[#raw + 1] = { ind.id, ind.label, n, expected }
  end
  comp:paragraph(string.format("Années renseignées par indicateur, de %d à %d (niveau ville).", plan.period[1], year))
  if #missing > 0 then
    comp:paragraph("Indicateurs sans aucune donnée :")
    comp:list(missing)
  end
  comp:table { caption = "Années renseignées par indicateur", name = "completude",
               columns = { "Indicateur", "Libellé", "Années renseignées", "Années du plan écoulées" },
               align = { "left", "left", "right", "right" },
               rows = rows, raw = raw }
end

return doc
