-- ctg.present — evaluation results as the committee reads them: values in French formats by
-- kind of indicator, statuses and severities in French. Shared by `ctg eval` and the report
-- scripts, so a value reads the same on screen and on paper.
local fmt = require("ctg.fmt")

local present = {}

present.STATUS = { achieved = "atteint", ["on track"] = "en bonne voie", behind = "en retard",
                   ["not available"] = "non disponible" }
present.SEVERITY = { critical = "Critique", warning = "Attention", info = "Info", error = "Erreur" }
present.STEP_STATUS = { planned = "prévue", started = "en cours", done = "terminée", dropped = "abandonnée" }

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
      out[#out + 1] = string.format("    %s %s%s révision %d : %s — %s, %s:%d, importé le %s par %s",
        h.period, h.territory, dims, h.revision, what, h.source or "", h.file, h.line, h.imported_at, h.imported_by)
    end
  end
  return table.concat(out, "\n")
end

return present
