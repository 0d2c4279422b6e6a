-- ctg.db.revisions — the revision log (obs_revision) read by its integer keys: what an import
-- checks once its rows are stored (ctg.import_checks: the rows after a mark, by rowid range,
-- never a scan of the whole log) and the details the evaluation asks of a row it read (why it
-- is missing, its text and provenance). Methods of a ctg.db database (installed by ctg.db);
-- the keys are the dictionaries' integers (obs_plan, obs_subject, obs_period, obs_territory).
local revisions = {}

-- "?, ?, ?" for n values (bound parameters, never SQL from data).
local function marks(n)
  return string.rep("?, ", n - 1) .. "?"
end

-- ---- one row, by id ----------------------------------------------------------------------

--- The rowid after which the next rows will come: the last revision stored (0: none).
---@return integer
function revisions:last_revision_id()
  return self.store:query("SELECT coalesce(max(id), 0) AS n FROM obs_revision")[1].n
end

--- The stored missing reason and record number (1 a value, 5 a numerator alone, 6 a
--- denominator alone…) of revision id: {missing, record}, or nil when there is no such row.
---@param id integer
---@return {missing: string?, record: integer}?
function revisions:revision_state(id)
  return self.store:query("SELECT missing, record FROM obs_revision WHERE id = ?", id)[1]
end

--- The text of revision id with its provenance: {text, period, source (its own, else its
--- import's), imported_at, file, line, import}; import is nil when the row's import is gone
--- (a database altered by hand: the caller refuses it). nil when there is no such row.
---@param id integer
---@return table?
function revisions:revision_text(id)
  -- LEFT JOIN: a row whose import was deleted by hand is returned without it, not dropped
  return self.store:query([[SELECT o.text, e.period, coalesce(o.source, i.source) AS source, i.imported_at, i.file,
    o.line, i.id AS import FROM obs_revision o JOIN obs_period e ON e.id = o.period LEFT JOIN import i ON i.id = o.import_id
    WHERE o.id = ?]], id)[1]
end

--- Where revision id was read: its import's id, its line and its column (nil when unknown).
---@param id integer
---@return integer import_id, integer line, integer? column
function revisions:revision_place(id)
  local r = self.store:query("SELECT import_id, line, col FROM obs_revision WHERE id = ?", id)[1]
  return r.import_id, r.line, r.col
end

--- The source of revision id as ev:value's published_source names it: its own, else its
--- import's, else its file.
---@param id integer
---@return string?
function revisions:revision_source(id)
  local r = self.store:query([[SELECT coalesce(o.source, i.source, i.file) AS source FROM obs_revision o
    JOIN import i ON i.id = o.import_id WHERE o.id = ?]], id)[1]
  return r and r.source
end

-- ---- the dictionaries ----------------------------------------------------------------------

--- The integer key of plan_id in the revision log, nil when it has no row.
---@param plan_id string
---@return integer?
function revisions:plan_key(plan_id)
  local r = self.store:query("SELECT id FROM obs_plan WHERE plan_id = ?", plan_id)[1]
  return r and r.id
end

--- The integer keys of the territories whose codes are given and that the log has: a list
--- of {id, code}.
---@param codes string[]
---@return {id: integer, code: string}[]
function revisions:territory_keys(codes)
  if #codes == 0 then return {} end
  return self.store:query("SELECT id, code FROM obs_territory WHERE code IN (" .. marks(#codes) .. ")", table.unpack(codes))
end

--- The name (an indicator id, a step, a committee, a funder) of subject key id.
---@param id integer
---@return string
function revisions:subject_name(id)
  return self.store:query("SELECT name FROM obs_subject WHERE id = ?", id)[1].name
end

--- The period text of period key id.
---@param id integer
---@return string
function revisions:period_name(id)
  return self.store:query("SELECT period FROM obs_period WHERE id = ?", id)[1].period
end

--- Every subject name and every period text by key: two maps id -> text.
---@return table<integer, string> subjects, table<integer, string> periods
function revisions:key_names()
  local subject, period = {}, {}
  for _, x in ipairs(self.store:query("SELECT id, name FROM obs_subject")) do subject[x.id] = x.name end
  for _, x in ipairs(self.store:query("SELECT id, period FROM obs_period")) do period[x.id] = x.period end
  return subject, period
end

-- ---- the rows of an import (after a mark) ----------------------------------------------------

--- The first numerator alone (record 5, not withdrawn) of each (plan key, subject key)
--- stored after rowid `after`, in import order: a list of {plan, subject, first}.
---@param after integer
---@return {plan: integer, subject: integer, first: integer}[]
function revisions:lone_numerators_after(after)
  -- record >= 5 first: the partial index of the parts answers it
  return self.store:query([[SELECT plan, subject, min(id) AS first FROM obs_revision
    WHERE id > ? AND record >= 5 AND record = 5 AND withdrawn = 0 GROUP BY plan, subject ORDER BY first]], after)
end

--- Whether a denominator of subject key's ratio was ever stored for plan key: a part
--- (through the partial index of the parts), else a complete row.
---@param plan integer
---@param subject integer
---@return boolean
function revisions:denominator_known(plan, subject)
  return self.store:query("SELECT 1 AS x FROM obs_revision WHERE plan = ? AND subject = ? AND record >= 5 AND record = 6 LIMIT 1",
      plan, subject)[1] ~= nil or
    self.store:query("SELECT 1 AS x FROM obs_revision WHERE plan = ? AND subject = ? AND record = 1 AND denominator IS NOT NULL LIMIT 1",
      plan, subject)[1] ~= nil
end

--- The latest indicator values below 1 stored for plan key after rowid `after` (the
--- suspects of a fraction typed for a percentage), in import order: a list of {id, subject,
--- period, territory (keys), value, indicator (the subject's name)}.
---@param after integer
---@param plan integer
---@return table[]
function revisions:values_below_one_after(after, plan)
  return self.store:query([[SELECT r.id, r.subject, r.period, r.territory, r.value, s.name AS indicator
    FROM obs_revision r JOIN obs_subject s ON s.id = r.subject
    WHERE r.id > ? AND r.plan = ? AND r.record = 1 AND r.latest = 1 AND r.value IS NOT NULL AND r.value < 1
    ORDER BY r.id]], after, plan)
end

--- The first row stored after rowid `after` for each (subject, period) keys of plan key
--- that an import touched (values and parts): a list of {subject, period, first}.
---@param after integer
---@param plan integer
---@return {subject: integer, period: integer, first: integer}[]
function revisions:touched_after(after, plan)
  return self.store:query([[SELECT subject, period, min(id) AS first FROM obs_revision
    WHERE id > ? AND plan = ? AND record IN (1, 5, 6) GROUP BY subject, period]], after, plan)
end

-- ---- the current rows, one at a time ---------------------------------------------------------

--- The current indicator values of plan key for the subject keys given, one at a time:
--- {subject, period, territory, value, numerator, denominator} (keys as integers).
---@param plan integer
---@param subjects integer[]
---@return fun(): table? rows, nil, nil, any cursor (to be closed: a loop left early frees it)
function revisions:each_current_value(plan, subjects)
  if #subjects == 0 then return function() return nil end end
  return self.store:rows("SELECT subject, period, territory, value, numerator, denominator FROM obs_current " ..
    "WHERE plan = ? AND record = 1 AND subject IN (" .. marks(#subjects) .. ")", plan, table.unpack(subjects))
end

--- The current figures (a value, not a rate's parts) of plan key stored for the territory
--- keys given, in rowid order, one at a time: {id, subject, period, territory}.
---@param plan integer
---@param territories integer[]
---@return fun(): table? rows, nil, nil, any cursor (to be closed: a loop left early frees it)
function revisions:each_current_figure(plan, territories)
  if #territories == 0 then return function() return nil end end
  return self.store:rows("SELECT id, subject, period, territory FROM obs_current WHERE plan = ? AND record = 1 " ..
    "AND value IS NOT NULL AND territory IN (" .. marks(#territories) .. ") ORDER BY id", plan, table.unpack(territories))
end

return revisions
