-- ctg.kinds — the indicator kinds, each declared once (issue 27, point 3).
--
-- A kind says which figures an observation row gives, how values combine over time and over
-- territories, how the engine computes it (the name of its accumulator in host/core/kinds.c),
-- how its targets are read and what a plan must give for it. The schema's enumeration and its
-- French names, the judge's row checks (ctg.rows passes them to host/fastrow.c), the engine's
-- spec (ctg.eval), the plan checks (ctg.lint, ctg.crosscheck), the editor definitions
-- (ctg.luals) and `ctg help vocabulary` / `ctg help eval` all read this list: adding a kind is
-- an entry here, its words in the catalogue (kind.ID, kind.ID.doc, kind.ID.combines,
-- explain.formula.ID) and, when no accumulator fits, one in host/core/kinds.c.
--
-- Fields of an entry:
--   id           the English name, as plans are stored and exported
--   french       the French name a plan may write instead (nil: the same word)
--   rows         the figures a row gives, as the judge checks them: "value" (value only),
--                "ratio" (numerator + denominator, or a published rate as value, or one part),
--                "score" (a mean value, with respondents or numerator/denominator), "text"
--   whole        the value is a whole number (a count of people, of places)
--   time         how periods combine when the indicator does not say (its `time`)
--   territories  how territories combine: "sum" (Σ), "ratio" (Σ num / Σ den), "mean" (weighted
--                by respondents), "max" (the highest member's), "none" (a place's own text)
--   accumulator  the C accumulator (host/core/kinds.c) that computes it
--   target       whose figure a target is judged on: "plan" (the plan territory's total only),
--                "each" (every territory), nil (no target: a text)
--   flow         its values add up over time: cumulative targets allowed (with time = "sum")
--   needs        the plan fields it needs, and the warning of ctg check when one is missing
--   own_fields   the plan fields only this kind takes (another kind giving one is warned)
--   figure       how its values are worded (ctg.present): "number" (integers plain, others with
--                one decimal), "rate" (a percentage with one decimal, a share with three),
--                "change" (from the baseline: +20,0 %), "score" (one decimal), "text"
local kinds = {}

kinds.list = {
  { id = "count", french = "comptage", rows = "value", whole = true, time = "sum", territories = "sum",
    accumulator = "sum", target = "plan", flow = true, figure = "number" },
  { id = "ratio", french = "taux", rows = "ratio", time = "sum", territories = "ratio", accumulator = "ratio",
    target = "each", needs = { fields = { "numerator", "denominator" }, warning = "ratio-incomplete" },
    own_fields = { "numerator", "denominator", "scale" }, figure = "rate" },
  { id = "evolution", rows = "value", time = "last", territories = "sum", accumulator = "evolution",
    target = "each", needs = { fields = { "baseline" }, warning = "evolution-no-baseline" }, figure = "change" },
  { id = "score", rows = "score", time = "mean", territories = "mean", accumulator = "score", target = "each",
    figure = "score" },
  { id = "qualitative", french = "qualitatif", rows = "text", time = "last", territories = "none",
    accumulator = "text", figure = "text" },
  { id = "max", french = "maximum", rows = "value", time = "last", territories = "max", accumulator = "max",
    target = "plan", figure = "number" },
}

kinds.by_id = {}
kinds.ids = {}
for i, k in ipairs(kinds.list) do
  kinds.by_id[k.id] = k
  kinds.ids[i] = k.id
end

--- The kind named id (English), or nil.
function kinds.get(id) return kinds.by_id[id] end

--- French name -> id, for the names that differ (the schema's aliases).
function kinds.french_names()
  local out = {}
  for _, k in ipairs(kinds.list) do
    if k.french and k.french ~= k.id then out[k.french] = k.id end
  end
  return out
end

--- The time combination an indicator's values follow: its own, else its kind's.
function kinds.time_of(ind)
  local k = kinds.by_id[ind.kind]
  return ind.time or (k and k.time)
end

--- How the values of indicator ind are worded (its kind's figure), nil for an unknown kind.
function kinds.figure_of(ind)
  local k = ind and kinds.by_id[ind.kind]
  return k and k.figure
end

--- The figures a row of indicator ind gives (its kind's rows), nil for an unknown kind.
function kinds.rows_of(ind)
  local k = ind and kinds.by_id[ind.kind]
  return k and k.rows
end

--- The kind's name as a person reads it, in the messages' language ("comptage", "taux"…).
function kinds.word(id)
  if not kinds.by_id[id] then return tostring(id) end
  return require("ctg.msg").text("kind." .. id)
end

--- What the judge (host/fastrow.c) checks of a row of indicator ind: its figures' shape and
--- whether its value is whole. nil for an unknown kind (the plan check has said so).
function kinds.row_rules(id)
  local k = kinds.by_id[id]
  if not k then return nil end
  return { rows = k.rows, whole = k.whole or false }
end

--- The plan fields kind id must not carry: those other kinds own.
function kinds.foreign_fields(id)
  local own, out = {}, {}
  for _, f in ipairs((kinds.by_id[id] or {}).own_fields or {}) do own[f] = true end
  for _, k in ipairs(kinds.list) do
    for _, f in ipairs(k.own_fields or {}) do
      if not own[f] then out[#out + 1] = f end
    end
  end
  return out
end

return kinds
