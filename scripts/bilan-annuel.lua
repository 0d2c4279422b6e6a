-- Bilan annuel de la Convention Territoriale Globale, pour le comité de pilotage.
--
--   ctg report scripts/bilan-annuel.lua --period 2023 -o bilan-2023.html
--
-- Key figures; the rules' findings; for each axis (and objective, when the plan has that
-- level) and action: the progress of its steps, its indicators (values over the years,
-- target, status, texts in full as notes) and expected results; the plan-wide indicators;
-- for every indicator followed per territory (an EPCI and its communes, a city and its
-- quartiers), a table of the root, its groups and its members and a chart of the members
-- against the root's value and the target; funding against its floor; committee
-- meetings; data completeness. A value computed over members that do not all have figures
-- says so (« 11 communes sur 12 ; manque … »); a target shows even when its value does not. Every level is named
-- as the plan names it (plan.labels), and a part the plan does not have (objectives, steps,
-- sheets, funding, committees) is left out, never invented.
-- Uses only the public API (ctx.evaluation, ctx.db, ctx.plan, ctx.report, ctx.fmt,
-- ctx.present): copy it and adapt it.
local ctx = ...
local fmt, present = ctx.fmt, ctx.present
local plan, ev, db = ctx.plan, ctx.evaluation, ctx.db
local period = ctx.period
local year = tonumber(period:sub(1, 4))
local L = function(level) return present.level(plan, level) end
local l = function(level) return present.level_lower(plan, level) end
local root = plan:territory(ev.territory)
local root_title = root and root.title or ev.territory

-- ---- the data the report reads ----------------------------------------------------------

-- Latest status of each step up to the period: step code -> {status, period}.
local function step_statuses()
  local out = {}
  for _, r in ipairs(db:step_progress{until_period = year, plan = plan.id}) do
    out[r.step] = { status = r.status, period = r.period }
  end
  return out
end

local function funding_by_year()
  local out = {}
  for _, r in ipairs(db:funding_totals{plan = plan.id}) do
    out[r.funder .. "/" .. r.period] = r.total
  end
  return out
end

local function meetings_by_year()
  local out = {}
  for _, r in ipairs(db:meetings_per_year{plan = plan.id}) do
    out[r.committee .. "/" .. r.year] = r.held
  end
  return out
end

-- The years shown for indicators: from the first year with data (a baseline before the
-- plan) to the period.
local function years_shown()
  local first = plan.period[1]
  for _, ind in ipairs(plan.indicators) do
    for _, r in ipairs(ev:series(ind.id)) do
      local y = tonumber(tostring(r.period):sub(1, 4))
      if r.value ~= nil and y and y < first then first = y end
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
local steps = plan.steps or {}

-- ---- the document -------------------------------------------------------------------------

local doc = ctx.report.new {
  title = "Bilan annuel " .. period,
  subtitle = plan.title,
  organisation = #plan:signatory_names() > 0 and table.concat(plan:signatory_names(), " – ") or nil,
  date = ctx.date,
  period = period,
}

-- Key figures
local synthese = doc:section("Synthèse")
do
  local with_data, total = 0, #plan.indicators
  for _, ind in ipairs(plan.indicators) do
    if ev:value(ind.id).value ~= nil then with_data = with_data + 1 end
  end
  local started, done = 0, 0
  for _, s in ipairs(steps) do
    local st = statuses[s.code]
    if st and st.status == "started" then started = started + 1 end
    if st and st.status == "done" then done = done + 1 end
  end
  local held, planned = 0, 0
  for _, c in ipairs(plan.committees or {}) do
    planned = planned + (plan:meetings_expected(c, year) or 0)
    held = held + (meetings[c.code .. "/" .. year] or 0)
  end
  local critical, warning = 0, 0
  for _, f in ipairs(findings) do
    if f.severity == "critical" then critical = critical + 1 elseif f.severity == "warning" then warning = warning + 1 end
  end
  local items = {}
  for _, f in ipairs(plan.funding or {}) do
    local received = funding[f.code .. "/" .. year]
    local below = received and f.floor_per_year and received < f.floor_per_year
    items[#items + 1] = { label = "Financement " .. f.title .. " " .. period,
      value = received and fmt.euros(received) or fmt.NA,
      note = f.floor_per_year and ("plancher garanti : " .. fmt.euros(f.floor_per_year)) or nil,
      status = received == nil and "warning" or (below and "critical" or "ok") }
  end
  if total > 0 then
    items[#items + 1] = { label = "Indicateurs renseignés en " .. period, value = with_data .. " sur " .. total,
      note = fmt.percent(with_data / total, 0) .. " des indicateurs du plan", status = with_data / total < 0.75 and "warning" or "ok" }
  end
  if #steps > 0 then
    items[#items + 1] = { label = L("step") .. "s en cours et terminées",
      value = started .. " en cours, " .. done .. (done > 1 and " terminées" or " terminée"),
      note = "sur " .. #steps .. " " .. l("step") .. (#steps > 1 and "s" or "") .. " du plan" }
  end
  if #(plan.committees or {}) > 0 then
    items[#items + 1] = { label = "Réunions des instances en " .. period,
      value = held .. (held > 1 and " tenues" or " tenue") .. " sur " .. planned .. (planned > 1 and " prévues" or " prévue"),
      status = held < planned and "warning" or "ok" }
  end
  -- each plan-wide indicator with a target: where it stands, against what, over which territories
  for _, ind in ipairs(plan:plan_indicators()) do
    if ind.kind ~= "qualitative" and next(ind.targets or {}) ~= nil then
      local r = ev:value(ind.id)
      local note = {}
      if r.target then note[#note + 1] = present.target_due(r, ind) end
      local status = present.status(r)
      if status ~= "" then note[#note + 1] = status end
      local partial = r.value ~= nil and present.coverage(r, plan)
      if partial then note[#note + 1] = partial end
      items[#items + 1] = { label = ind.label .. " en " .. period, value = present.value_total(r, ind),
        note = #note > 0 and table.concat(note, " — ") or nil,
        status = (r.status == "achieved" or r.status == "on track") and "ok" or "warning" }
    end
  end
  items[#items + 1] = { label = "Constats", value = present.count(critical, "critique", "critiques") .. ", "
                          .. (warning == 0 and "aucun" or fmt.number(warning, 0)) .. " à surveiller",
    status = critical > 0 and "critical" or (warning > 0 and "warning" or "ok") }
  synthese:figures(items)
  if plan.vision then synthese:paragraph("Vision : " .. plan.vision) end
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

-- A value as a table cell: a roll-up over the members that have figures says so, and a
-- figure published for the territory beside the roll-up of its members is given too, each
-- in a numbered note (who: the row's name in the note).
local function value_cell(r, ind, who, notes)
  local value = present.value_total(r, ind)
  if r.value == nil then return value end
  local said = {}
  local partial = present.coverage(r, plan)
  if partial then said[#said + 1] = partial end
  local published = present.published(r, ind)
  if published then said[#said + 1] = published end
  -- the place's own figure kept because a member lacks figures: its members' partial
  -- roll-up beside it, never the published figure alone
  if r.members_value ~= nil then said[#said + 1] = present.members_label(r, ind) end
  if #said == 0 then return value end
  notes[#notes + 1] = who .. " : " .. value .. " — " .. table.concat(said, " ; ")
  return value .. " (" .. (partial and "partiel, " or "") .. "note " .. #notes .. ")"
end

-- The indicators of one group (an action, or the plan-wide ones): one table of values over
-- the years, the texts of qualitative indicators in full as numbered notes under it, and
-- one small chart per numeric indicator with at least two values.
local function indicators_block(s, indicators, caption, name)
  local columns, align = { "Indicateur" }, { "left" }
  for _, y in ipairs(years) do columns[#columns + 1] = y; align[#align + 1] = "right" end
  columns[#columns + 1] = "Cible"; align[#align + 1] = "right"
  columns[#columns + 1] = "Statut"; align[#align + 1] = "left"
  local irows, iraw, notes = {}, {}, {}
  for _, ind in ipairs(indicators) do
    local row, rrow = { ind.label }, { ind.label }
    for _, y in ipairs(years) do
      local r = ev:value(ind.id, { period = y })
      if ind.kind == "qualitative" and r.value ~= nil then
        notes[#notes + 1] = ind.label .. ", " .. y .. " : " .. tostring(r.value):gsub("%s+", " ")
        row[#row + 1] = "note " .. #notes
      else
        row[#row + 1] = value_cell(r, ind, ind.label .. ", " .. y, notes)
      end
      rrow[#row] = r.value -- by position: a missing value must not shift the next ones
    end
    local current = ev:value(ind.id)
    -- the target even when the value is not available (a property of the plan)
    row[#row + 1] = present.target(current, ind)
    -- the status against the target; else, when not available, why (no data, period not started…)
    row[#row + 1] = present.status(current)
    rrow[#row - 1] = current.target
    rrow[#row] = row[#row] ~= "" and row[#row] or nil
    irows[#irows + 1] = row
    iraw[#iraw + 1] = rrow
  end
  s:table { caption = caption, name = name, columns = columns, align = align, rows = irows, raw = iraw,
            notes = #notes > 0 and notes or nil }
  for _, ind in ipairs(indicators) do
    if ind.kind ~= "qualitative" then
      local values, n = {}, 0
      for _, y in ipairs(years) do
        values[y] = present.plotted(ev:value(ind.id, { period = y }), ind)
        if values[y] then n = n + 1 end
      end
      if n >= 2 then
        local format, decimals = present.chart_format(ind)
        local axis = present.chart_axis(ind)
        local current = ev:value(ind.id)
        local lines
        if current.target and ind.kind ~= "evolution" then
          lines = { { value = current.target, label = "Cible " .. current.target_period, kind = "target" } }
        end
        s:chart { kind = "line", size = "small", title = ind.label,
                  desc = "De " .. years[1] .. " à " .. period .. ", " .. root_title .. ".",
                  x = years, series = { { name = root_title, values = values } }, format = format, decimals = decimals,
                  y_label = axis.y_label, y_min = axis.y_min, y_max = axis.y_max, lines = lines }
      end
    end
  end
end

-- ---- indicators followed per territory ---------------------------------------------------

-- The members of the root (the communes of an EPCI, the quartiers of a city) and the groups
-- of the plan (QPV, villages…), each as { code, title }.
local member_codes = present.members(plan, ev.territory)
local members = {}
for _, code in ipairs(member_codes) do members[#members + 1] = { code = code, title = present.place(plan, code) } end
local groups = {}
for _, g in ipairs(plan.groups or {}) do groups[#groups + 1] = { code = g.code, title = g.title } end
local member_word = present.members_word(plan, member_codes, 1) -- "commune", "quartier", "territoire"

-- Is an indicator followed per territory: at least two members have a value at the period?
local function per_territory(ind)
  if ind.kind == "qualitative" or #members < 2 then return false end
  local n = 0
  for _, m in ipairs(members) do
    if ev:value(ind.id, { territory = m.code }).value ~= nil then n = n + 1 end
  end
  return n >= 2
end

-- A gap to the reference, signed, in the indicator's unit ("+3,2 pt" for a rate in %).
local function gap_text(d, ind)
  if d == nil then return "" end
  local format = present.chart_format(ind)
  local sign = d > 0 and "+" or ""
  if format == "points" then return sign .. fmt.number(d, 1) .. " pt" end
  return sign .. present.figure(d, ind)
end

-- One indicator on every territory at the period: a table of the root (the reference), each
-- group and each member, with numerator and denominator, target and status; then the bars of
-- the members with the root's value as a reference line and the target.
local function territories_block(s, ind)
  local ref = ev:value(ind.id)
  local ratio = ind.kind == "ratio"
  -- a count of the root is the sum of its members': no member is compared with it
  local compared = ind.kind ~= "count"
  local columns = { "Territoire", "Numérateur", "Dénominateur", "Valeur", "Écart à la référence", "Cible", "Statut" }
  local align = { "left", "right", "right", "right", "right", "right", "left" }
  local rows, raw, notes = {}, {}, {}
  local function add(place, kind_label, r)
    local value = value_cell(r, ind, place.title, notes)
    -- in the unit the chart plots (an evolution in points of %, not a ratio of ratios)
    local mine, whole = present.plotted(r, ind), present.plotted(ref, ind)
    local gap = (compared and kind_label ~= "référence" and mine and whole) and mine - whole or nil
    rows[#rows + 1] = { kind_label and (place.title .. " (" .. kind_label .. ")") or place.title,
      ratio and present.number(r.numerator) or "", ratio and present.number(r.denominator) or "",
      value, gap_text(gap, ind), present.target(r, ind), present.status(r) }
    local status = present.status(r)
    -- the data (CSV, XLSX) carry no notes: a partial value says so beside its territory
    local partial = r.value ~= nil and present.coverage(r, plan)
    raw[#raw + 1] = { partial and (place.title .. " (partiel : " .. partial .. ")") or place.title,
      ratio and r.numerator or nil, ratio and r.denominator or nil, mine, gap, r.target, status ~= "" and status or nil }
  end
  add({ title = root_title }, compared and "référence" or "total", ref)
  for _, g in ipairs(groups) do add(g, "groupe", ev:value(ind.id, { territory = g.code })) end
  local values, cats = {}, {}
  local with_target = ref.target and ref or nil -- the target applies to every territory
  for _, m in ipairs(members) do
    local r = ev:value(ind.id, { territory = m.code })
    add(m, nil, r)
    cats[#cats + 1] = { key = m.code, label = m.title }
    values[m.code] = present.plotted(r, ind)
    with_target = with_target or (r.target and r)
  end
  s:table { caption = ind.label .. " par territoire en " .. period, name = "territoires-" .. ind.id,
            columns = columns, align = align, rows = rows, raw = raw, notes = #notes > 0 and notes or nil }

  local format, decimals = present.chart_format(ind)
  local axis = present.chart_axis(ind)
  local lines, said = {}, {}
  local reference = compared and present.plotted(ref, ind)
  if reference then
    lines[#lines + 1] = { value = reference, label = root_title, kind = "reference" }
    said[#said + 1] = "la ligne pointillée marque la valeur de l'ensemble (référence)"
  end
  -- a target of a count is the whole's (places created by the EPCI): not a line across its members
  if with_target and compared and ind.kind ~= "evolution" then
    lines[#lines + 1] = { value = with_target.target, label = "Cible " .. with_target.target_period, kind = "target" }
    said[#said + 1] = "la ligne tiretée la cible"
  end
  s:chart { kind = "bars", orientation = "horizontal", title = ind.label .. " par " .. member_word .. " en " .. period,
            desc = "Valeur de chaque " .. member_word .. " en " .. period .. " (ensemble : " .. root_title .. ")"
                   .. (#said > 0 and " ; " .. table.concat(said, ", ") or "") .. " ; « n.d. » : pas de donnée.",
            categories = cats, values = values, format = format, decimals = decimals,
            y_label = axis.y_label, y_min = axis.y_min, y_max = axis.y_max, lines = #lines > 0 and lines or nil }
end

local shown = {} -- indicators already shown under an action
local function action_indicators(a)
  local sheet = plan:sheet_of(a.number)
  local list = (a.indicators and a:indicators()) or (sheet and sheet.indicators) or {}
  return list, sheet
end

-- One action: its steps, its indicators, its expected results.
local function action_section(parent, a)
  local s = parent:section(L("action") .. " " .. a.number .. " — " .. a.title)
  local indicators, sheet = action_indicators(a)
  local pilots = a.pilots or (sheet and sheet.pilots)
  local followed = a.followed_by or (sheet and sheet.followed_by)
  local committee = followed and plan:committee(followed)
  if committee then followed = committee.title end -- a committee code: its name
  local lines = {}
  if pilots and #pilots > 0 then lines[#lines + 1] = "Pilotage : " .. table.concat(pilots, " ; ") .. "." end
  if followed then lines[#lines + 1] = "Instance de suivi : " .. followed .. "." end
  if #lines > 0 then s:paragraph(table.concat(lines, " ")) end

  if a.steps and #a.steps > 0 then
    local rows, raw = {}, {}
    for _, st in ipairs(a.steps) do
      local cur = statuses[st.code]
      local planned = st.years and #st.years > 0 and table.concat(st.years, ", ") or "calendrier inconnu"
      local state = cur and (present.STEP_STATUS[cur.status] .. " (" .. cur.period .. ")") or "non renseigné"
      rows[#rows + 1] = { st.code, st.title, planned, state }
      raw[#raw + 1] = { st.code, st.title, planned, state }
    end
    s:table { caption = L("step") .. "s (" .. l("action") .. " " .. a.number .. ") en " .. period,
              name = "action-" .. a.number .. "-etapes", columns = { L("step"), "Intitulé", "Années prévues", "État" },
              align = { "left", "left", "left", "left" }, rows = rows, raw = raw }
  end

  local shared = sheet and sheet.actions and #sheet.actions > 1
  if #indicators > 0 and shared and sheet.actions[1] ~= a.number then
    s:paragraph("Indicateurs : voir " .. l("action") .. " " .. sheet.actions[1]
                .. " (fiche commune aux " .. l("action") .. "s " .. table.concat(sheet.actions, " et ") .. ").")
  elseif #indicators > 0 then
    for _, ind in ipairs(indicators) do shown[ind.id] = true end
    if shared then
      s:paragraph("Fiche commune aux " .. l("action") .. "s " .. table.concat(sheet.actions, " et ") .. " : ses indicateurs suivent.")
    end
    indicators_block(s, indicators, "Indicateurs (" .. l("action") .. " " .. a.number .. ")", "action-" .. a.number .. "-indicateurs")
    for _, ind in ipairs(indicators) do
      if per_territory(ind) then territories_block(s:section(ind.label .. " par territoire"), ind) end
    end
  end
  local expected = a.expected_results or (sheet and sheet.expected_results)
  if expected and #expected > 0 then
    s:paragraph("Résultats attendus :")
    s:list(expected)
  end
end

for _, axis in ipairs(plan.axes) do
  local as = doc:section(L("axis") .. " " .. axis.number .. " — " .. axis.title, { page_break = true })
  local current_objective, os_ = nil, nil
  for _, e in ipairs(present.axis_actions(axis)) do
    if e.objective and e.objective ~= current_objective then
      current_objective = e.objective
      os_ = as:section(L("objective") .. " " .. e.objective.code .. " — " .. e.objective.title)
    end
    action_section(e.objective and os_ or as, e.action)
  end
end

-- Plan-wide indicators: those no action carries (e.g. a coverage rate followed everywhere)
do
  local rest = {}
  for _, ind in ipairs(plan.indicators) do if not shown[ind.id] then rest[#rest + 1] = ind end end
  if #rest > 0 then
    local s = doc:section("Indicateurs du plan", { page_break = true })
    s:paragraph("Indicateurs suivis à l'échelle du plan, hors " .. l("action") .. " (" .. root_title .. ").")
    indicators_block(s, rest, "Indicateurs du plan", "plan-indicateurs")
    for _, ind in ipairs(rest) do
      if per_territory(ind) then territories_block(s:section(ind.label .. " par territoire"), ind) end
    end
  end
end

-- Funding against the floor
if #(plan.funding or {}) > 0 then
  local fin = doc:section("Financement", { page_break = true })
  -- a year before the plan's first: no year of funding to show (a table and a chart of
  -- nothing would say nothing)
  if year < plan.period[1] then
    fin:paragraph("Le plan commence en " .. plan.period[1] .. " : aucun financement n'est attendu en "
                  .. year .. " ni avant.")
  end
  for _, f in ipairs(year >= plan.period[1] and plan.funding or {}) do
    local rows, raw, values, cats = {}, {}, {}, {}
    local floor = f.floor_per_year
    for y = plan.period[1], year do
      local received = funding[f.code .. "/" .. y]
      local gap = received and floor and received - floor
      local where
      if not received then where = "non renseigné"
      elseif not gap then where = ""
      elseif gap < 0 then where = "sous le plancher (" .. fmt.euros(gap) .. ")"
      elseif gap == 0 then where = "au niveau du plancher"
      else where = "au-dessus du plancher (+" .. fmt.euros(gap) .. ")" end
      local planned = f.amounts and f.amounts[y]
      rows[#rows + 1] = { tostring(y), received and fmt.euros(received) or fmt.NA, planned and fmt.euros(planned) or "",
                          floor and fmt.euros(floor) or "", where }
      raw[#raw + 1] = { y, received, planned, floor, gap }
      cats[#cats + 1] = tostring(y)
      values[tostring(y)] = received
    end
    fin:table { caption = f.title .. " : financement reçu par an", name = "financement-" .. f.code,
                columns = { "Année", "Reçu", "Prévu au plan", "Plancher", "Écart au plancher" },
                align = { "left", "right", "right", "right", "left" },
                rows = rows, raw = raw }
    fin:chart { kind = "bars", title = f.title .. " : financement reçu par an",
                desc = floor and ("Montants reçus de " .. plan.period[1] .. " à " .. year .. " ; la ligne marque le plancher garanti de "
                                  .. fmt.euros(floor) .. ", une année en dessous est signalée par ▼.")
                       or ("Montants reçus de " .. plan.period[1] .. " à " .. year .. "."),
                categories = cats, values = values, format = "euros", y_label = "euros reçus dans l'année",
                lines = floor and { { value = floor, label = "Plancher", kind = "floor" } } or nil }
  end
end

-- Governance
if #(plan.committees or {}) > 0 then
  local gov = doc:section("Gouvernance")
  local columns, align = { "Instance" }, { "left" }
  for y = plan.period[1], year do columns[#columns + 1] = tostring(y); align[#align + 1] = "right" end
  local rows, raw = {}, {}
  for _, c in ipairs(plan.committees) do
    local row, rrow = { c.title }, { c.title }
    for y = plan.period[1], year do
      local n, expected = meetings[c.code .. "/" .. y] or 0, plan:meetings_expected(c, y)
      row[#row + 1] = expected and (n .. " sur " .. expected) or tostring(n)
      rrow[#row] = n
    end
    rows[#rows + 1] = row
    raw[#raw + 1] = rrow
  end
  gov:table { caption = "Réunions tenues sur réunions prévues, par instance et par année", name = "gouvernance",
              columns = columns, align = align, rows = rows, raw = raw }
end

-- Data completeness
if #plan.indicators > 0 then
  local comp = doc:section("Complétude des données")
  local rows, raw, missing = {}, {}, {}
  local elapsed = year - plan.period[1] + 1
  for _, ind in ipairs(plan.indicators) do
    local n = 0
    for y = plan.period[1], year do
      if ev:value(ind.id, { period = y }).value ~= nil then n = n + 1 end
    end
    if n == 0 then missing[#missing + 1] = ind.label end
    rows[#rows + 1] = { ind.label, tostring(n) }
    raw[#raw + 1] = { ind.label, n }
  end
  comp:paragraph(string.format("Années renseignées par indicateur, sur les %d années écoulées du plan (%d à %d), pour %s.",
    elapsed, plan.period[1], year, root_title))
  if #missing > 0 then
    comp:paragraph(present.count(#missing, "indicateur", "indicateurs") .. " sans aucune donnée :")
    comp:list(missing)
  end
  comp:table { caption = "Années renseignées par indicateur (sur " .. elapsed .. ")", name = "completude",
               columns = { "Indicateur", "Années renseignées" }, align = { "left", "right" },
               rows = rows, raw = raw }
end

return doc
