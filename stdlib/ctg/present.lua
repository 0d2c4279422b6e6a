-- ctg.present — evaluation results as the committee reads them: values in French formats by
-- kind of indicator, statuses and severities in French. Shared by `ctg eval` and the report
-- scripts, so a value reads the same on screen and on paper.
local fmt = require("ctg.fmt")
local msg = require("ctg.msg")
-- how each kind's values are worded: its figure in the registry (ctg.kinds)
local figure_of = require("ctg.kinds").figure_of

local present = {}

--- Statuses of a value against its target, by the eval's status, from the catalogue.
present.STATUS = {}
for _, s in ipairs({ "achieved", "on track", "behind", "receding", "not achieved", "not available" }) do
  present.STATUS[s] = msg.text("status." .. s:gsub(" ", "-"))
end
--- Severity words, one spelling in every text output (ctg check, ctg rules, the REPL), from
--- the catalogue ctg.msg: reports capitalise them as a label.
present.SEVERITY = {}
for _, s in ipairs({ "critical", "warning", "info", "error" }) do present.SEVERITY[s] = msg.severity(s) end
--- Statuses of a step, from the catalogue.
present.STEP_STATUS = {}
for _, s in ipairs({ "planned", "started", "done", "dropped" }) do present.STEP_STATUS[s] = msg.text("step-status." .. s) end

--- How a plan calls its levels when it does not say (plan.labels overrides each).
present.LEVEL_LABELS = require("ctg.schema").DEFAULT_LABELS

--- The plan's own name of a level ("Thématique", "Fiche"…), for every report and summary.
function present.level(plan, level)
  if type(plan.label) == "function" then return plan:label(level) end
  local own = type(plan.labels) == "table" and plan.labels[level] or nil
  return own or present.LEVEL_LABELS[level]
end

local LOWER = { ["É"] = "é", ["È"] = "è", ["Ê"] = "ê", ["À"] = "à", ["Â"] = "â", ["Î"] = "î", ["Ô"] = "ô",
                ["Û"] = "û", ["Ç"] = "ç", ["Œ"] = "œ" }

--- The same name in lower case, inside a sentence: "Étape" → "étape", "Fiche" → "fiche".
function present.level_lower(plan, level)
  local s = present.level(plan, level)
  return (s:gsub("[%z\1-\127\194-\244][\128-\191]*", function(c) return LOWER[c] or c:lower() end))
end

--- The plural of a French word or compound a plan names a level with: "thématique" →
--- "thématiques", "enjeu" → "enjeux", "sous-action" → "sous-actions" (its last word takes
--- the mark), "cas" stays "cas".
function present.plural(word)
  if word:match("[sxz]$") then return word end
  if word:match("[ea]u$") then return word .. "x" end
  return word .. "s"
end

--- A territory or group as a person names it: its title (plan:place(code).title), else the
--- code itself (a place the plan does not declare, or no plan at hand).
function present.place(plan, code)
  if code == nil then return "" end
  local node = plan and type(plan.place) == "function" and plan:place(code)
  return node and node.title or tostring(code)
end

--- A date or a period in the messages' language: in French "25 mai 2023", "mai 2023", "2023"
--- (ctg.date's French form); in English, and for a school year "2021-2022", as written.
function present.date(v)
  if v == nil then return "" end
  if msg.lang() ~= "fr" then return tostring(v) end
  return require("ctg.date").french(v) or tostring(v)
end

--- A date after a French preposition ("le", "du", "depuis le": date.french_after) in
--- French, as written in English (the English templates carry their own words).
function present.date_after(v, prep)
  if v == nil then return "" end
  if msg.lang() ~= "fr" then return tostring(v) end
  return require("ctg.date").french_after(v, prep) or tostring(v)
end

--- An import timestamp ("2024-03-01T10:00:00Z") after "imported": in French "le 1er mars
--- 2024 à 10 h 00 UTC", in English "on 2024-03-01 at 10:00 UTC"; anything else as written.
function present.moment(ts)
  local date = require("ctg.date")
  if msg.lang() == "fr" then return date.french_timestamp(ts) or tostring(ts) end
  local d, h, m = date.timestamp(ts)
  if not d then return tostring(ts) end
  return string.format("on %s at %02d:%02d UTC", d:iso(), h, m)
end

--- The actions of an axis in plan order, each with its objective (nil for an action
--- declared directly in the axis): { { action = a, objective = o | nil }, … }.
function present.axis_actions(axis)
  local out = {}
  for _, o in ipairs(axis.objectives or {}) do
    for _, a in ipairs(o.actions or {}) do out[#out + 1] = { action = a, objective = o } end
  end
  for _, a in ipairs(axis.actions or {}) do
    local seen = false
    for _, e in ipairs(out) do if e.action == a then seen = true end end
    if not seen then out[#out + 1] = { action = a } end
  end
  return out
end

--- A count in words: "1 étape", "21 étapes", "aucune étape" (feminine) / "aucun".
function present.count(n, one, many, feminine)
  if n == 0 then return (feminine and "aucune " or "aucun ") .. one end
  return fmt.number(n, 0) .. " " .. (n == 1 and one or many)
end

--- A plain number: integers without decimals, others with one.
function present.number(x)
  if x == nil then return "" end
  return fmt.number(x, x == math.floor(x) and 0 or 1)
end

--- A number of an indicator as its values print (a value, a target, a threshold): a rate
--- in % with one decimal ("13,5 %"), a ratio of scale 1 with three, a score with one, a
--- count as a plain number. The same in tables, charts' descriptions and findings.
function present.figure(v, ind)
  if v == nil then return fmt.NA end
  if type(v) ~= "number" then return tostring(v) end
  local kind = figure_of(ind)
  if kind == "rate" then
    if ind.unit == "%" or (ind.scale == 100 and not ind.unit) then return fmt.points(v, 1) end
    return fmt.number(v, (ind.scale or 1) == 1 and 3 or 1)
  end
  if kind == "score" then return fmt.number(v, 1) end
  return present.number(v)
end

--- The value of an evaluation result, by kind; `short` cuts long texts.
function present.value(r, ind, short)
  local v = r.value
  if v == nil then return fmt.NA end
  if figure_of(ind) == "text" then
    -- reports never cut a text (they put it in full in a note); a terminal line may
    local t = tostring(v):gsub("%s+", " ")
    if short and utf8.len(t) and utf8.len(t) > short then t = t:sub(1, utf8.offset(t, short) - 1) .. "…" end
    return t
  end
  if figure_of(ind) == "change" then return fmt.change(r.change, 1) end
  if figure_of(ind) == "score" and r.share then
    return msg.text("present.score-share", { value = fmt.number(v, 1), share = fmt.percent(r.share, 0) })
  end
  return present.figure(v, ind)
end

--- The value of a result judged against a cumulative target, with the running total the
--- verdict compares ("10 (cumul 22)"): the year's figure alone would hide what is judged.
--- Any other result reads as present.value.
function present.value_total(r, ind, short)
  local value = present.value(r, ind, short)
  if r.value == nil or r.target_kind ~= "cumulative" or type(r.cumulative_value) ~= "number" then return value end
  return msg.text("present.value-total", { value = value, total = present.figure(r.cumulative_value, ind) })
end

--- The target of a result as a table prints it: "50,0 % (2027)", "" when it has none. Read
--- from the result, which carries it even when its value is not available.
--- The amendment that set it follows when the result names one (target_source).
function present.target(r, ind)
  if r.target == nil then return "" end
  local t = figure_of(ind) == "change" and present.number(r.target) or present.figure(r.target, ind)
  local period = present.date(r.target_period)
  if r.target_source ~= nil then
    return msg.text("present.target.source", { target = t, period = period, source = tostring(r.target_source) })
  end
  return msg.text("present.target", { target = t, period = period })
end

--- The same in a sentence: "cible 50,0 % en 2027" ("" when it has none).
function present.target_due(r, ind)
  if r.target == nil then return "" end
  local t = figure_of(ind) == "change" and present.number(r.target) or present.figure(r.target, ind)
  return msg.text("present.target-due", { target = t, period = present.date_after(r.target_period, "le") })
end

--- The status of a result in words: its status against its target, else why it has no
--- value ("" when it has a value and no target).
function present.status(r)
  if r.value == nil then return r.reason or present.STATUS["not available"] end
  return r.status and (present.STATUS[r.status] or r.status) or ""
end

--- The members of a territory or group (codes, in plan order): a group's territories, a
--- territory's children in the tree.
function present.members(plan, code)
  local node, kind = plan:place(code)
  if kind == "group" then return node.territories or {} end
  local out = {}
  for _, t in ipairs(plan.territories or {}) do
    if t.parent == code then out[#out + 1] = t.code end
  end
  return out
end

-- The level words a plan may write in English (levels are free words), as a person reads
-- them; any other level prints as the plan writes it ("commune", "quartier").
local LEVEL_WORDS = { city = "city", town = "city", territory = "territory", neighbourhood = "neighbourhood",
                      neighborhood = "neighbourhood", district = "neighbourhood", municipality = "municipality" }

--- The word for n territories of a list, by their common level as the plan names it
--- ("commune", "communes"), else "territoire(s)" when their levels differ.
function present.members_word(plan, codes, n)
  local level
  for _, c in ipairs(codes) do
    local t = plan:place(c)
    local l = t and t.level
    if level == nil then level = l elseif level ~= l then level = false end
  end
  if not level then return msg.count_word("territories", n) end
  if LEVEL_WORDS[level] then
    return msg.text("present.level." .. LEVEL_WORDS[level] .. (msg.singular(n) and ".one" or ".many"))
  end
  if msg.singular(n) or level:match("[sxz]$") then return level end
  return level .. "s"
end

--- What a roll-up over territories holds when some members have no figures, in words: "11
--- communes sur 12 ; manque Moustier-en-Fagne : taux publié seul" (nil when the value is
--- complete, or not a roll-up). Reads the engine's account (members, with_data, missing =
--- { {territory, title?, reason?} }) when it gives one, else its missing_territories (the
--- codes of members without data) against the plan's members.
function present.coverage(r, plan)
  local missing = {}
  for _, m in ipairs(r.missing or {}) do
    missing[#missing + 1] = { title = m.title or present.place(plan, m.territory), reason = m.reason }
  end
  if #missing == 0 then
    for _, code in ipairs(r.missing_territories or {}) do missing[#missing + 1] = { title = present.place(plan, code) } end
  end
  if #missing == 0 and not r.partial then return nil end
  local codes = present.members(plan, r.territory)
  local members = r.members or #codes
  local with = r.with_data or (members - #missing)
  local names = {}
  for i, m in ipairs(missing) do
    names[i] = m.reason and msg.text("present.missing-reason", { place = m.title, reason = m.reason }) or m.title
  end
  return msg.text(#names > 0 and "present.partial.missing" or "present.partial", {
    with = fmt.number(with, 0), members = fmt.number(members, 0), word = present.members_word(plan, codes, with),
    places = table.concat(names, ", ") })
end

--- The figure published for a territory beside the roll-up of its members (the CNAF's
--- rate of an EPCI), in words: "chiffre publié : 55,8 % (CNAF du Nord)"; nil when the
--- result carries none (published_value, published_source).
function present.published(r, ind)
  if type(r.published_value) ~= "number" then return nil end
  local source = r.published_source and msg.text("present.published.source", { source = tostring(r.published_source) }) or ""
  return msg.text("present.published", { value = present.figure(r.published_value, ind), source = source })
end

--- A value with what it leaves out, as a committee reads it: "55,2 % — 11 communes sur 12 ;
--- manque Moustier-en-Fagne", the value alone when complete.
function present.value_partial(r, ind, plan)
  local cov = r.value ~= nil and present.coverage(r, plan)
  if not cov then return present.value(r, ind) end
  return present.value(r, ind) .. " — " .. cov
end

--- The number a chart plots for a result (nil when not available).
function present.plotted(r, ind)
  if type(r.value) ~= "number" then return nil end
  if figure_of(ind) == "change" then return r.change * 100 end
  return r.value
end

--- The chart format matching present.plotted.
function present.chart_format(ind)
  if figure_of(ind) == "change" then return "points", 1 end
  if figure_of(ind) == "rate" and (ind.unit == "%" or (ind.scale == 100 and not ind.unit)) then return "points", 1 end
  if figure_of(ind) == "rate" or figure_of(ind) == "score" then return "number", 1 end
  return "number", 0
end

--- The value axis of an indicator's chart: its unit as the axis label, and for a score its
--- declared scale ({ y_label = "score sur 5", y_min = 0, y_max = 5 }).
function present.chart_axis(ind)
  if figure_of(ind) == "score" then
    if ind.scale_max then
      return { y_label = msg.text("present.axis.score", { max = present.number(ind.scale_max) }),
               y_min = math.min(ind.scale_min or 0, 0), y_max = ind.scale_max }
    end
    return { y_label = msg.text("present.axis.score-unknown") }
  end
  if figure_of(ind) == "change" then return { y_label = msg.text("present.axis.evolution") } end
  local format = present.chart_format(ind)
  if format == "points" then
    return { y_label = ind.unit == "%" and msg.text("present.axis.percent") or ind.unit or msg.text("present.axis.per-100") }
  end
  return { y_label = ind.unit }
end

--- A partial roll-up as a person reads it: "11 sur 12 territoires ; manque Vaumort : donnée
--- manquante (non communiqué)" (nil when the value is not a partial roll-up).
function present.partial(r)
  if not r.partial then return nil end
  local missing = {}
  for i, m in ipairs(r.missing or {}) do
    missing[i] = msg.text("present.partial.item", { place = m.title or m.territory, reason = m.reason or "" })
  end
  return msg.text("present.partial-rollup", { with = fmt.number(r.with_data, 0), members = fmt.number(r.members, 0),
    missing = table.concat(missing, ", ") })
end

--- "partiel : 11 sur 12 territoires ; manque …" for a table cell.
function present.partial_label(r)
  local p = present.partial(r)
  return p and msg.text("present.partial-label", { partial = p })
end

--- "agrégat partiel de ses membres : 35,1 % (3 sur 4 territoires ; manque Vaux : donnée
--- manquante)" beside a place's own figure taken as its value because some members lack
--- figures (members_value), the members without figures named.
function present.members_label(r, ind)
  local missing = {}
  for i, m in ipairs(r.members_missing or {}) do
    missing[i] = msg.text("present.partial.item", { place = m.title or m.territory, reason = m.reason or "" })
  end
  return msg.text(#missing > 0 and "present.members-label-missing" or "present.members-label",
    { value = present.figure(r.members_value, ind), with_data = r.with_data, members = r.members,
      missing = table.concat(missing, ", ") })
end

--- "publié : 41,0 % (CNAF)" beside a roll-up: the figure stored for the place itself.
function present.published_label(r, ind)
  return msg.text("present.published-label", { value = present.figure(r.published_value, ind),
    source = r.published_source or "?" })
end

-- A figure of an indicator in a sentence: as its values are shown (present.figure), an
-- evolution as its change from the baseline (1,2 → "+20,0 %").
local function figure(x, ind)
  if x ~= nil and figure_of(ind) == "change" then return fmt.change(x - 1, 1) end
  return present.figure(x, ind)
end

--- Why a value has its status, in one sentence of the catalogue (the rule of ctg help eval,
--- branch r.status_rule): nil when the value has no target.
function present.verdict(r, ind)
  if not r.target then return nil end
  local cumulative = r.target_kind == "cumulative"
  local vars = {
    status = present.STATUS[r.status] or r.status or "",
    value = cumulative and msg.text("present.verdict.total", { total = figure(r.cumulative_value, ind),
      from = present.date(tostring(math.tointeger(tonumber(r.baseline_period or "0") + 1) or "")) })
      or figure(r.value, ind),
    target = figure(r.target, ind), due = present.date(r.target_period),
    op = ind.direction == "lower" and "≤" or "≥",
    direction = msg.text(ind.direction == "lower" and "present.verdict.lower" or "present.verdict.higher"),
    base = figure(r.baseline_value, ind), base_period = present.date(r.baseline_period),
    progress = r.progress and fmt.percent(r.progress, 0) or "", expected = r.expected_progress and
      fmt.percent(r.expected_progress, 0) or "", period = present.date(r.period), reason = r.reason or "",
  }
  local text = msg.text("present.verdict." .. (r.status_rule or "no_value"), vars)
  if cumulative and (r.cumulative_gaps or 0) > 0 then
    text = text .. msg.plural("present.verdict.gaps", r.cumulative_gaps)
  end
  if r.target_source then text = text .. msg.text("present.verdict.source", { source = r.target_source }) end
  return text
end

--- An explanation (ev:explain) as text: the formula, the value, every observation and its
--- revisions with their provenance. Places by their titles and dates in words when the plan
--- is at hand (plan, else e.plan); the JSON of --explain keeps codes and ISO dates.
function present.explanation(e, ind, plan)
  plan = plan or e.plan
  local r = e.result
  local function place(code) return present.place(plan, code) end
  local out = {
    ind.id .. " — " .. ind.label,
    msg.text("explain.where", { period = present.date(r.period), territory = place(r.territory) }),
    msg.text("explain.formula", { formula = e.formula }),
    msg.text("explain.value", { value = present.value(r, ind, 40),
      reason = r.value == nil and " (" .. (r.reason or "") .. ")" or "",
      numerator = r.numerator and msg.text("explain.numerator", { n = present.number(r.numerator) }) or "",
      denominator = r.denominator and msg.text("explain.denominator", { n = present.number(r.denominator) }) or "" }),
  }
  if r.target then
    out[#out + 1] = msg.text("explain.target", { target = figure(r.target, ind), period = present.date(r.target_period),
      status = present.STATUS[r.status] or r.status or "",
      kind = msg.text(r.target_kind == "cumulative" and "explain.target.cumulative" or "explain.target.yearly") })
    out[#out + 1] = msg.text("explain.verdict", { verdict = present.verdict(r, ind) })
  end
  if r.partial then out[#out + 1] = msg.text("explain.partial", { partial = present.partial(r) }) end
  if r.members_value ~= nil then
    out[#out + 1] = msg.text("explain.members", { rollup = figure(r.members_value, ind), with_data = r.with_data,
      members = r.members })
    for _, m in ipairs(r.members_missing or {}) do
      out[#out + 1] = msg.text("explain.members-missing", { place = m.title or m.territory, reason = m.reason or "" })
    end
  end
  if r.published_value ~= nil then
    out[#out + 1] = msg.text("explain.published", { value = figure(r.published_value, ind),
      source = r.published_source or "?", rollup = figure(r.value, ind) })
  end
  if r.missing_territories then
    local names = {}
    for i, code in ipairs(r.missing_territories) do names[i] = place(code) end
    out[#out + 1] = msg.text("explain.no-data", { places = table.concat(names, ", ") })
  end
  out[#out + 1] = msg.text("explain.observations")
  if #e.contributions == 0 then out[#out + 1] = msg.text("explain.none") end
  for _, c in ipairs(e.contributions) do
    for _, h in ipairs(c.revisions) do
      local what
      if h.missing then what = msg.text("explain.missing", { reason = h.missing })
      elseif present.part(h) then what = present.part(h)
      elseif h.text then what = string.format("%q", h.text)
      elseif h.numerator or h.denominator then what = present.number(h.numerator) .. " / " .. present.number(h.denominator)
      else what = present.number(h.value) end
      local dims = h.dims ~= "" and " [" .. h.dims .. "]" or ""
      out[#out + 1] = "    " .. present.date(h.period) .. " " .. place(h.territory) .. dims .. " " .. present.revision(h, what)
    end
  end
  return table.concat(out, "\n")
end

--- A part of a ratio in words ("numérateur : 18"; ctg history, ev:explain), nil for
--- another row (schema 6: record numerator or denominator, the other part from another file).
function present.part(h)
  if h.record ~= "numerator" and h.record ~= "denominator" then return nil end
  return msg.text("obs.part." .. h.record, { n = present.number(h[h.record]) })
end

--- One revision of an observation in words (ctg history, ev:explain): "révision 2 : 768 —
--- source, fichier:ligne, importé le 1er mars 2024 à 10 h 00 UTC par nom".
--- A withdrawal: "révision 3 : retirée (ligne ôtée de fichier) — importé le … par …"; the
--- project's git commit ends either when the import has one (ctg build).
function present.revision(h, value)
  local commit = h.git_commit and msg.text("obs.commit", { commit = h.git_commit:sub(1, 12) ..
    (h.git_commit:find("modifié", 1, true) and " (modifié)" or "") }) or ""
  if h.withdrawn then
    return msg.text("obs.withdrawn", { revision = h.revision, file = h.file, at = present.moment(h.imported_at),
      by = h.imported_by }) .. commit
  end
  -- the cell's column beside its line when the reader knew it (schema 6): file:line:column
  local line = h.column_number and h.line .. ":" .. h.column_number or h.line
  return msg.text("obs.revision", { revision = h.revision, value = value, source = h.source or h.import_source or "",
    file = h.file, line = line, at = present.moment(h.imported_at), by = h.imported_by }) .. commit
end

return present
