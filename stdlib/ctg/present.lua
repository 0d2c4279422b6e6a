-- ctg.present — evaluation results as the committee reads them: values in French formats by
-- kind of indicator, statuses and severities in French. Shared by `ctg eval` and the report
-- scripts, so a value reads the same on screen and on paper.
local fmt = require("ctg.fmt")

local present = {}

present.STATUS = { achieved = "atteint", ["on track"] = "en bonne voie", behind = "en retard",
                   ["not available"] = "non disponible" }
--- Severity words, one spelling in every text output (ctg check, ctg rules, the REPL), from
--- the catalogue ctg.msg: reports capitalise them as a label.
present.SEVERITY = {}
for _, s in ipairs({ "critical", "warning", "info", "error" }) do present.SEVERITY[s] = require("ctg.msg").severity(s) end
present.STEP_STATUS = { planned = "prévue", started = "en cours", done = "terminée", dropped = "abandonnée" }

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

--- The value of an evaluation result, by kind; `short` cuts long texts.
function present.value(r, ind, short)
  local v = r.value
  if v == nil then return fmt.NA end
  if ind.kind == "qualitative" then
    -- reports never cut a text (they put it in full in a note); a terminal line may
    local t = tostring(v):gsub("%s+", " ")
    if short and utf8.len(t) and utf8.len(t) > short then t = t:sub(1, utf8.offset(t, short) - 1) .. "…" end
    return t
  end
  if ind.kind == "evolution" then return fmt.change(r.change, 1) end
  if ind.kind == "ratio" then
    if ind.unit == "%" or (ind.scale == 100 and not ind.unit) then return fmt.points(v, 1) end
    return fmt.number(v, (ind.scale or 1) == 1 and 3 or 1)
  end
  if ind.kind == "score" then
    return fmt.number(v, 1) .. (r.share and " (" .. fmt.percent(r.share, 0) .. " satisfaits)" or "")
  end
  return present.number(v)
end

--- The number a chart plots for a result (nil when not available).
function present.plotted(r, ind)
  if type(r.value) ~= "number" then return nil end
  if ind.kind == "evolution" then return r.change * 100 end
  return r.value
end

--- The chart format matching present.plotted.
function present.chart_format(ind)
  if ind.kind == "evolution" then return "points", 1 end
  if ind.kind == "ratio" and (ind.unit == "%" or (ind.scale == 100 and not ind.unit)) then return "points", 1 end
  if ind.kind == "ratio" or ind.kind == "score" then return "number", 1 end
  return "number", 0
end

--- The value axis of an indicator's chart: its unit as the axis label, and for a score its
--- declared scale ({ y_label = "score sur 5", y_min = 0, y_max = 5 }).
function present.chart_axis(ind)
  if ind.kind == "score" then
    if ind.scale_max then
      return { y_label = "score sur " .. present.number(ind.scale_max), y_min = math.min(ind.scale_min or 0, 0), y_max = ind.scale_max }
    end
    return { y_label = "score (échelle non précisée dans le plan)" }
  end
  if ind.kind == "evolution" then return { y_label = "évolution en %" } end
  local format = present.chart_format(ind)
  if format == "points" then return { y_label = ind.unit == "%" and "en %" or ind.unit or "pour 100" } end
  return { y_label = ind.unit }
end

--- An explanation (ev:explain) as text: the formula, the value, every observation and its
--- revisions with their provenance.
function present.explanation(e, ind)
  local r = e.result
  local out = {
    ind.id .. " — " .. ind.label,
    "  période " .. r.period .. ", territoire " .. r.territory,
    "  formule : " .. e.formula,
    "  valeur : " .. present.value(r, ind, 40) .. (r.value == nil and " (" .. (r.reason or "") .. ")" or "") ..
      (r.numerator and "   numérateur " .. present.number(r.numerator) or "") ..
      (r.denominator and "   dénominateur " .. present.number(r.denominator) or ""),
  }
  if r.target then
    out[#out + 1] = "  cible : " .. present.number(r.target) .. " en " .. r.target_period .. " — " ..
      (present.STATUS[r.status] or r.status or "")
  end
  if r.missing_territories then
    out[#out + 1] = "  sans donnée : " .. table.concat(r.missing_territories, ", ")
  end
  out[#out + 1] = "  observations :"
  if #e.contributions == 0 then out[#out + 1] = "    (aucune)" end
  for _, c in ipairs(e.contributions) do
    for _, h in ipairs(c.revisions) do
      local what
      if h.missing then what = "manquant : " .. h.missing
      elseif h.text then what = string.format("%q", h.text)
      elseif h.numerator or h.denominator then what = present.number(h.numerator) .. " / " .. present.number(h.denominator)
      else what = present.number(h.value) end
      local dims = h.dims ~= "" and " [" .. h.dims .. "]" or ""
      out[#out + 1] = "    " .. h.period .. " " .. h.territory .. dims .. " " .. require("ctg.msg").text("obs.revision",
        { revision = h.revision, value = what, source = h.source or "", file = h.file, line = h.line,
          at = h.imported_at, by = h.imported_by })
    end
  end
  return table.concat(out, "\n")
end

return present
