-- ctg.db.observations — an indicator's stored observations counted and previewed: what an
-- import's --dry-run shows, which indicators a plan has rows of (an avenant that dropped one
-- keeps its history). Methods of a ctg.db database (installed by ctg.db).
local observations = {}

--- The records of an indicator's observations: its values, and the parts of a ratio given
--- in two files (schema 6: a numerator alone, a denominator alone), as a SQL condition.
observations.INDICATOR_RECORDS = "record IN ('value', 'numerator', 'denominator')"
local INDICATOR_RECORDS = observations.INDICATOR_RECORDS

--- The first `limit` indicator observations import_id stored (values and parts), in the
--- order it stored them: {subject, period, territory, dims, value, numerator, denominator,
--- missing, text, line} each.
---@param import_id integer
---@param limit integer
---@return table[]
function observations:import_preview(import_id, limit)
  return self.store:query([[SELECT subject, period, territory, dims, value, numerator, denominator, missing, text,
    line FROM observation WHERE import_id = ? AND ]] .. INDICATOR_RECORDS .. [[ ORDER BY id LIMIT ?]], import_id, limit)
end

--- How many indicator observations import_id stored, per indicator: {subject, n} each,
--- sorted by indicator.
---@param import_id integer
---@return {subject: string, n: integer}[]
function observations:import_counts(import_id)
  return self.store:query([[SELECT subject, count(*) AS n FROM observation WHERE import_id = ?
    AND ]] .. INDICATOR_RECORDS .. [[ GROUP BY subject ORDER BY subject]], import_id)
end

--- Whether indicator id has a stored observation (a revision, current or not) of plan_id.
---@param plan_id string
---@param id string
---@return boolean
function observations:has_indicator_rows(plan_id, id)
  return self.store:query("SELECT 1 AS found FROM observation WHERE " .. INDICATOR_RECORDS ..
    " AND plan_id = ? AND subject = ? LIMIT 1", plan_id, id)[1] ~= nil
end

--- The indicators with current observations of plan_id, sorted, with their counts: {subject,
--- n} each.
---@param plan_id string
---@return {subject: string, n: integer}[]
function observations:indicator_counts(plan_id)
  return self.store:query([[SELECT subject, count(*) AS n FROM current_observation
    WHERE plan_id = ? AND ]] .. INDICATOR_RECORDS .. [[ GROUP BY subject ORDER BY subject]], plan_id)
end

return observations
