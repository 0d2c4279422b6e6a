-- ctg.db.verify — the whole invariant check of a database, on demand (ctg verifier): what every
-- open checks (the schema as ctg's migrations wrote it, the fixed rows of obs_record), what
-- every read through the joining views checks (each id resolves, numbers are numbers), and
-- what needs a sort or a join of every row, too costly at each open: SQLite's own integrity,
-- one latest revision per key and it the last, revisions numbered 1..n without a gap, the
-- references of imports, versions and deliveries, the data fingerprint kept at import. Works
-- on a store opened raw (ctg.store.open with raw = true: no check refuses it before it is
-- described).
local msg = require("ctg.msg")

local verify = {}

-- How many offending rows a check lists; the others are counted.
verify.LISTED = 20

-- The key of an observation: the columns a revision shares with the others of its key.
local KEY = "plan, record, subject, period, territory, dims"

-- The dictionaries (and the import) each id column of obs_revision names.
local REFERENCES = {
  { column = "plan", table = "obs_plan" }, { column = "record", table = "obs_record" },
  { column = "subject", table = "obs_subject" }, { column = "period", table = "obs_period" },
  { column = "territory", table = "obs_territory" }, { column = "dims", table = "obs_dims" },
  { column = "import_id", table = "import" },
}

local function row_finding(table_name, row, column, what)
  return msg.text("contain.db.row", { table = table_name, row = tostring(row), column = column, what = what })
end

-- Run sql (its rows have an id, and what: the sentence's part) and add a finding a row.
local function rows_findings(store, out, column, sql, what_of)
  for _, r in ipairs(store:query(sql)) do
    out[#out + 1] = row_finding("obs_revision", r.id, column, what_of(r))
  end
end

-- ---- the checks: each returns its findings (sentences), the first ones of each kind -------

local function integrity(store)
  local out = {}
  for _, r in ipairs(store:query("PRAGMA integrity_check(" .. verify.LISTED .. ")")) do
    if r.integrity_check ~= "ok" then out[#out + 1] = msg.text("verify.sqlite", { detail = r.integrity_check }) end
  end
  return out
end

local function references(store)
  local out = {}
  for _, ref in ipairs(REFERENCES) do
    rows_findings(store, out, ref.column, string.format([[SELECT r.id FROM obs_revision r
      LEFT JOIN %s x ON x.id = r.%s WHERE x.id IS NULL ORDER BY r.id LIMIT %d]], ref.table, ref.column, verify.LISTED),
      function() return msg.text("verify.what.reference", { table = ref.table }) end)
  end
  return out
end

local function numbers(store)
  local out = {}
  for _, c in ipairs({ "value", "numerator", "denominator" }) do
    rows_findings(store, out, c, string.format([[SELECT id FROM obs_revision
      WHERE typeof(%s) NOT IN ('null', 'integer', 'real') ORDER BY id LIMIT %d]], c, verify.LISTED),
      function() return msg.text("verify.what.number") end)
  end
  for _, c in ipairs({ "revision", "line" }) do
    rows_findings(store, out, c, string.format([[SELECT id FROM obs_revision WHERE typeof(%s) <> 'integer'
      ORDER BY id LIMIT %d]], c, verify.LISTED), function() return msg.text("verify.what.integer") end)
  end
  for _, c in ipairs({ "latest", "withdrawn" }) do
    rows_findings(store, out, c, string.format([[SELECT id FROM obs_revision WHERE %s IS NOT 0 AND %s IS NOT 1
      ORDER BY id LIMIT %d]], c, c, verify.LISTED), function() return msg.text("verify.what.flag") end)
  end
  return out
end

-- One GROUP BY of every revision by its key: its revisions numbered 1..n, exactly one of them
-- latest, and that one the last.
local function revisions(store)
  local out = {}
  local sql = string.format([[SELECT max(id) AS id, count(*) AS n, min(revision) AS low, max(revision) AS high,
      count(DISTINCT revision) AS distinct_revisions, sum(latest = 1) AS latest_rows,
      max(CASE WHEN latest = 1 THEN revision END) AS latest_revision,
      max(CASE WHEN latest = 1 THEN id END) AS latest_id, min(CASE WHEN latest = 1 THEN id END) AS first_latest_id,
      group_concat(revision, ', ') AS found
    FROM obs_revision GROUP BY %s
    HAVING latest_rows <> 1 OR latest_revision <> high OR low <> 1 OR high <> n OR distinct_revisions <> n
    ORDER BY min(id) LIMIT %d]], KEY, verify.LISTED)
  for _, r in ipairs(store:query(sql)) do
    if r.latest_rows > 1 then
      out[#out + 1] = row_finding("obs_revision", r.latest_id, "latest",
        msg.text("verify.what.one-latest", { other = tostring(r.first_latest_id) }))
    elseif r.latest_rows == 0 then
      out[#out + 1] = row_finding("obs_revision", r.id, "latest", msg.text("verify.what.no-latest"))
    elseif r.latest_revision ~= r.high then
      out[#out + 1] = row_finding("obs_revision", r.latest_id, "latest", msg.text("verify.what.latest-last",
        { revision = tostring(r.latest_revision), high = tostring(r.high) }))
    end
    if r.low ~= 1 or r.high ~= r.n or r.distinct_revisions ~= r.n then
      out[#out + 1] = row_finding("obs_revision", r.id, "revision", msg.text("verify.what.numbering",
        { n = tostring(r.n), found = tostring(r.found) }))
    end
  end
  return out
end

-- The references SQLite knows (import -> plan_version, delivery -> plan_version, an avenant's
-- amends), and a delivery's last import read.
local function links(store)
  local out = {}
  for _, r in ipairs(store:query("PRAGMA foreign_key_check")) do
    if #out >= verify.LISTED then break end
    out[#out + 1] = msg.text("verify.foreign-key", { table = r.table, row = tostring(r.rowid), parent = r.parent })
  end
  for _, r in ipairs(store:query(string.format([[SELECT d.id FROM delivery d LEFT JOIN import i ON i.id = d.known_import
      WHERE i.id IS NULL AND d.known_import <> 0 ORDER BY d.id LIMIT %d]], verify.LISTED))) do
    out[#out + 1] = row_finding("delivery", r.id, "known_import", msg.text("verify.what.reference", { table = "import" }))
  end
  return out
end

-- The data fingerprint kept at import (schema 7: obs_fingerprint, one link per write) against
-- the one recomputed from every current row: a figure changed by hand leaves the stored one
-- lying, which every JSON output and report would carry in its provenance. Each link also
-- names the rows its write wrote (first_row..last_row), the ranges the evaluation reads a
-- plan by: a current row outside every range of its plan would be left out of every view.
local function fingerprints(store)
  local out = {}
  for _, r in ipairs(store:query(string.format([[SELECT p.plan_id, r.id FROM obs_revision r JOIN obs_plan p ON p.id = r.plan
      WHERE r.latest = 1 AND r.withdrawn = 0 AND EXISTS (SELECT 1 FROM obs_fingerprint f WHERE f.plan = r.plan)
      AND NOT EXISTS (SELECT 1 FROM obs_fingerprint f WHERE f.plan = r.plan AND r.id BETWEEN f.first_row AND f.last_row)
      ORDER BY r.id LIMIT %d]], verify.LISTED))) do
    out[#out + 1] = msg.text("verify.fingerprint-range", { plan = r.plan_id, row = tostring(r.id) })
  end
  for _, r in ipairs(store:query([[SELECT p.plan_id, (SELECT hash FROM obs_fingerprint f WHERE f.plan = p.id
      ORDER BY f.import_id DESC LIMIT 1) AS stored FROM obs_plan p ORDER BY p.id]])) do
    local computed = store:observations_hash(r.plan_id, true)
    if r.stored == nil then
      if computed ~= string.rep("0", 16) then
        out[#out + 1] = msg.text("verify.fingerprint-missing", { plan = r.plan_id, computed = computed })
      end
    else
      local stored = string.format("%016x", r.stored)
      if stored ~= computed then
        out[#out + 1] = msg.text("verify.fingerprint", { plan = r.plan_id, stored = stored, computed = computed })
      end
    end
    if #out >= verify.LISTED then break end
  end
  return out
end

-- The checks in the order of the report: {key (verify.check.KEY in the catalogue), run}.
-- Those on rows need schema 5's tables: they run only when the schema is ctg's.
verify.CHECKS = {
  { key = "integrity", run = integrity },
  { key = "schema" },
  { key = "references", run = references, rows = true },
  { key = "numbers", run = numbers, rows = true },
  { key = "revisions", run = revisions, rows = true },
  { key = "links", run = links, rows = true },
  -- recomputing reads every current row: not on rows the two checks above found lying
  { key = "fingerprints", run = fingerprints, rows = true, sound_rows = true },
}

--- Check the store s (raw). Returns {version = n, known = schema_version, checks = {{key,
--- findings = {…}, skipped = bool}…}, altered = count of findings, counts = {revisions, imports}}.
function verify.run(s)
  local known = require("ctg.store").schema_version()
  local schema, version = s:schema_findings()
  local report = { version = version, known = known, checks = {}, altered = 0 }
  -- a version ctg does not know, or a database without ctg's tables: nothing else to check
  if version == 0 or version > known then
    report.foreign = version == 0 and "empty-or-foreign" or "newer"
    return report
  end
  local lying = 0 -- rows whose ids or numbers are not what ctg writes
  for _, c in ipairs(verify.CHECKS) do
    local entry = { key = c.key }
    if c.key == "schema" then
      entry.findings = schema
    elseif c.rows and version ~= known then
      -- an older schema: its rows are checked once ctg has upgraded it (at its next open)
      entry.skipped = true
    elseif c.sound_rows and lying > 0 then
      entry.skipped, entry.skipped_key = true, "verify.skipped-rows"
    else
      -- a table dropped or changed by hand may make a check's query fail: that is a finding
      local ok, findings = pcall(c.run, s)
      entry.findings = ok and findings or { msg.text("verify.failed", { detail = tostring(findings) }) }
    end
    report.altered = report.altered + (entry.findings and #entry.findings or 0)
    if c.key == "references" or c.key == "numbers" then lying = lying + (entry.findings and #entry.findings or 0) end
    report.checks[#report.checks + 1] = entry
  end
  local counted, counts = pcall(function()
    return { revisions = s:query("SELECT count(*) AS n FROM obs_revision")[1].n,
             imports = s:query("SELECT count(*) AS n FROM import")[1].n }
  end)
  report.counts = version == known and counted and counts or nil
  return report
end

return verify
