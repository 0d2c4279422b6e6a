-- ctg.db.versions — the list of a plan's stored versions (plan_version), without their texts
-- unless asked: how many there are, their numbers, their dates, the one with a given content.
-- Methods of a ctg.db database (installed by ctg.db); ctg.db itself picks the version in force
-- at a date (DB:plan_version) and reads a whole row (DB:version_row).
local versions = {}

--- How many versions of plan_id are stored.
---@param plan_id string
---@return integer
function versions:version_count(plan_id)
  return self.store:query("SELECT count(*) AS n FROM plan_version WHERE plan_id = ?", plan_id)[1].n
end

--- The version numbers of plan_id, in increasing order (empty: no such plan).
---@param plan_id string
---@return integer[]
function versions:version_numbers(plan_id)
  local out = {}
  for i, r in ipairs(self.store:query("SELECT version FROM plan_version WHERE plan_id = ? ORDER BY version", plan_id)) do
    out[i] = r.version
  end
  return out
end

--- The versions of plan_id with their dates, in import order: {id, version, label,
--- effective} each (the texts are not read).
---@param plan_id string
---@return {id: integer, version: integer, label: string?, effective: string}[]
function versions:version_dates(plan_id)
  return self.store:query("SELECT id, version, label, effective FROM plan_version WHERE plan_id = ? ORDER BY id", plan_id)
end

--- The versions of plan_id with their exported content (YAML), in version order: {id,
--- version, content} each.
---@param plan_id string
---@return {id: integer, version: integer, content: string}[]
function versions:version_contents(plan_id)
  return self.store:query("SELECT id, version, content FROM plan_version WHERE plan_id = ? ORDER BY version", plan_id)
end

--- The id of the latest stored version of plan_id whose exported content is content, or nil.
---@param plan_id string
---@param content string
---@return integer?
function versions:version_with_content(plan_id, content)
  local r = self.store:query("SELECT id FROM plan_version WHERE plan_id = ? AND content = ? ORDER BY id DESC LIMIT 1",
    plan_id, content)[1]
  return r and r.id
end

return versions
