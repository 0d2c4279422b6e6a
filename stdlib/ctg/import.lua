-- ctg.import — `ctg import FILE…`: plans (stored as versions) and observation files (YAML
-- streamed, CSV in either dialect), checked row by row against the current plan. The whole
-- command is one transaction: if any row of any file is wrong, nothing is stored and every
-- error is listed (up to a limit, with a count of the rest).
local rows = require("ctg.rows")
local load = require("ctg.load")

local import = {}

import.MAX_LISTED = 50
import.PROGRESS_EVERY = 50000

local Report = {}
Report.__index = Report

local function new_report(opts)
  return setmetatable({ files = {}, errors = {}, warnings = {}, error_count = 0, warning_count = 0,
                        opts = opts }, Report)
end

local function located(file, line, column, message)
  local where = file
  if line and line > 0 then
    where = where .. ":" .. line
    if column then where = where .. ":" .. column end
  end
  return where .. ": " .. message
end
import.located = located

function Report:error(file, line, column, message)
  self.error_count = self.error_count + 1
  if #self.errors < import.MAX_LISTED then self.errors[#self.errors + 1] = located(file, line, column, message) end
end

function Report:warning(file, line, column, message)
  self.warning_count = self.warning_count + 1
  if #self.warnings < import.MAX_LISTED then self.warnings[#self.warnings + 1] = located(file, line, column, message) end
end

-- ---- what a file is ---------------------------------------------------------------------

--- "plan", "observations" or "csv"; nil and a message when it cannot be told.
function import.detect(path)
  local ext = (path:match("%.([%w]+)$") or ""):lower()
  if ext == "lua" then return "plan" end
  if ext == "csv" then return "csv" end
  -- JSON is YAML's flow style: `ctg export observations --format json` reads back the same way
  if ext ~= "yaml" and ext ~= "yml" and ext ~= "json" then
    return nil, "unknown file type: expected a plan (.lua, .yaml), observations (.yaml, .json) or a CSV file (.csv)"
  end
  -- a plan exported as YAML has a mapping under `plan:`; an observation file names its plan
  local ok, kind = pcall(function()
    -- only the first record decides, and leaving the loop closes the reader
    -- luacheck: ignore 512
    for key, value in require("ctg.yaml").stream(path) do
      if key == "plan" then return type(value) == "table" and "plan" or "observations" end
      return "observations"
    end
    return "observations"
  end)
  if not ok then return "observations" end -- the import itself reports the YAML error, located
  return kind
end

-- ---- plans ------------------------------------------------------------------------------

local function import_plan(d, path, opts, report)
  local p, findings, has_error, amendment = load.check(path, { db = d })
  if has_error then
    for _, f in ipairs(findings) do
      if f.severity == "error" then report:error(f.file or path, f.line, f.column, f.message) end
    end
    return
  end
  local dates = { label = opts.label, effective = opts.effective, council_date = opts.council_date, signed = opts.signed }
  if amendment then
    -- an avenant: the resulting plan, stored with the avenant's own label and dates
    for _, r in ipairs(p.rules) do
      if r.check then
        report:error(path, 0, nil, "un avenant écrit comme ses changements ne peut pas encore porter sur un plan " ..
          "dont une règle est écrite en Lua (règle « " .. tostring(r.name) .. " ») : importez le plan entier modifié")
        return
      end
    end
    dates = { label = opts.label or amendment.label, effective = opts.effective or amendment.effective,
              council_date = opts.council_date or amendment.council_date, signed = opts.signed or amendment.signed,
              amends = amendment.base_version and amendment.base_version.id, amendment = true }
    if not dates.amends then
      -- amended from a file: the stored version with the same content, if any
      local base = d:query("SELECT id FROM plan_version WHERE plan_id = ? AND content = ? ORDER BY id DESC LIMIT 1",
        p.id, require("ctg.export").yaml(amendment.base))[1]
      dates.amends = base and base.id
    end
    if not dates.effective then
      report:error(path, 0, nil, "l'avenant n'a pas de date : donnez effective (ou signed, council_date) dans amendment { … }")
      return
    end
  end
  local version, is_new, clash = d:store_plan(p, { label = dates.label, date = opts.date, file = path, by = opts.by,
    effective = dates.effective, council_date = dates.council_date, signed = dates.signed, amends = dates.amends,
    amendment = dates.amendment })
  if clash then
    report:warning(path, 0, nil, string.format("la version %d a la même date d'effet (%s) que la version %d : " ..
      "la version %d, importée plus tard, s'applique à partir de cette date", version.version,
      require("ctg.date").french(version.effective), clash.version, version.version))
  end
  report.files[#report.files + 1] = { file = path, kind = "plan", plan = p.id, version = version.version, new = is_new,
    effective = version.effective }
  -- nothing disappears silently: indicators the version in force at the plan's end no longer
  -- has, while observations of them are stored
  local timeline = require("ctg.timeline")
  local last_p, last_v = d:plan(p.id)
  for _, x in ipairs(timeline.dropped_indicators(d, last_v, last_p)) do
    report:warning(path, 0, nil, timeline.dropped_text(x, last_v))
  end
end

-- ---- observation rows (shared by YAML and CSV) ----------------------------------------

-- The state of one observation file being imported.
local Sink = {}
Sink.__index = Sink

local function new_sink(d, path, opts, report)
  return setmetatable({ d = d, path = path, opts = opts, report = report, count = 0, bad = 0 }, Sink)
end

-- Resolve the plan and open the import record, once, before the first row.
function Sink:start(plan_id, source)
  if self.import_id or self.failed then return not self.failed end
  local ok, p, version = pcall(self.d.plan, self.d, plan_id)
  if not ok then
    self.report:error(self.path, self.plan_line or 1, nil, plan_id and ("the file is for plan '" .. plan_id ..
      "', which is not in the database: import the plan first (ctg import plan.lua)") or tostring(p))
    self.failed = true
    return false
  end
  self.plan, self.version = p, version
  self.checker = rows.checker(p)
  self.checkers = { [version.id] = self.checker }
  self.versions = #self.d.store:query("SELECT id FROM plan_version WHERE plan_id = ?", p.id)
  self.source = source
  self.import_id = self.d:begin_import(version.id, self.path, source, self.opts.by)
  -- the native fast path checks against one version: it serves when every version would
  -- accept the same rows; otherwise each row is checked against the version in force
  -- during its period
  if not self.opts.no_fast_path and (self.versions == 1 or self:versions_agree()) then
    self.fast = require("ctg.store").fast_rows(self.d.store, self.checker:fast_spec(self.import_id, source))
  end
  return true
end

-- The checker of the plan version in force during the row's period (at its last day); the
-- latest version's when the plan has one version or the period cannot be read (the checker
-- then says what is wrong with it).
function Sink:checker_for(row)
  if self.versions == 1 then return self.checker end
  local period = rows.period_text(row.period or row.year)
  local last = period and select(2, require("ctg.date").period(period))
  if not last and type(row.date) == "string" then
    local d = require("ctg.date").parse(row.date)
    last = d and d:last()
  end
  if not last then return self.checker end
  local v = self.d:plan_version(self.plan.id, last)
  if not self.checkers[v.id] then
    local p = self.d:plan(self.plan.id, last)
    local c = rows.checker(p)
    c.version = v
    self.checkers[v.id] = c
  end
  return self.checkers[v.id]
end

local function same(a, b)
  if a == b then return true end
  if type(a) ~= "table" or type(b) ~= "table" then return false end
  for k, v in pairs(a) do if not same(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end

-- Whether every stored version of the plan would judge indicator rows alike (same
-- indicators, kinds, dimensions, territories, steps, years): then which version is in force
-- for a row's period does not matter to the fast path.
function Sink:versions_agree()
  local spec = self.checker:fast_spec(0, "")
  for _, v in ipairs(self.d.store:query("SELECT version FROM plan_version WHERE plan_id = ?", self.plan.id)) do
    local other = rows.checker(self.d:plan(self.plan.id, { version = v.version })):fast_spec(0, "")
    if not same(spec, other) then return false end
  end
  return true
end

-- The numbers of the stored versions of the plan that declare indicator id (error messages).
function Sink:versions_with(id)
  local out = {}
  for _, v in ipairs(self.d.store:query("SELECT version FROM plan_version WHERE plan_id = ? ORDER BY version", self.plan.id)) do
    local p = self.d:plan(self.plan.id, { version = v.version })
    if p:indicator(id) then out[#out + 1] = tostring(v.version) end
  end
  return out
end

function Sink:stored()
  self.count = self.count + 1
  if self.opts.progress and self.count % import.PROGRESS_EVERY == 0 then
    io.stderr:write(string.format("\r%s: %d rows…", self.path, self.count))
    io.stderr:flush()
  end
end

-- Check a row of the given record kind and store it; errors and warnings are located.
-- A plainly right indicator row is stored by the native fast path; the rest (mistakes,
-- warnings, duplicates, rare forms) go through the checker, which says what is wrong.
function Sink:row(record, row, line, column_of)
  if record == "observation" and self.fast and self.fast:put(row, line) then
    self:stored()
    return
  end
  local checker = self:checker_for(row)
  local checked, errors, warnings = checker[record](checker, row)
  if not checked and self.versions > 1 and record == "observation" then
    -- known to another version, not to the one in force during the row's period: say so
    local others = self:versions_with(tostring(row.indicator))
    local v = checker.version or self.version
    for _, e in ipairs(errors) do
      if e.field == "indicator" and #others > 0 then
        e.message = string.format("l'indicateur %s n'est pas dans la version %d du plan, en vigueur pour la période %s " ..
          "(%s) : seule%s la%s version%s %s l'%s (voir ctg plans)", tostring(row.indicator),
          v.version, tostring(row.period or row.year), require("ctg.date").french_after(v.effective, "depuis le"),
          #others > 1 and "s" or "", #others > 1 and "s" or "", #others > 1 and "s" or "", table.concat(others, ", "),
          #others > 1 and "ont" or "a")
      end
    end
  end
  for _, w in ipairs(warnings or {}) do self.report:warning(self.path, line, column_of and column_of(w.field), w.message) end
  if not checked then
    self.bad = self.bad + 1
    for _, e in ipairs(errors) do self.report:error(self.path, line, column_of and column_of(e.field), e.message) end
    return
  end
  local revision, first_line = self.d:put_row(self.plan.id, checked, self.import_id, line)
  if not revision then
    self.bad = self.bad + 1
    self.report:error(self.path, line, nil, "the same " .. (record == "observation" and "observation" or record) ..
      " as line " .. first_line .. " (" .. checked.subject .. ", " .. checked.period ..
      (checked.territory ~= "" and ", " .. checked.territory or "") ..
      (checked.dims ~= "" and ", " .. checked.dims or "") .. "): give it once, or import a correction in another file")
    return
  end
  self:stored()
end

function Sink:finish()
  if self.opts.progress and self.count >= import.PROGRESS_EVERY then io.stderr:write("\n") end
  if self.import_id then self.d:finish_import(self.import_id, self.count) end
  self.report.files[#self.report.files + 1] = { file = self.path, kind = "observations", rows = self.count,
    plan = self.plan and self.plan.id }
end

-- ---- YAML observation files -------------------------------------------------------------

local TOP_KEYS = { "plan", "source", "observations", "progress", "meetings", "funding" }

local function import_yaml(d, path, opts, report)
  local sink = new_sink(d, path, opts, report)
  local plan_id, source
  local yaml = require("ctg.yaml")
  local ok, err = pcall(function()
    for key, value, line, index in yaml.stream(path) do
      if index == nil then
        if key == "plan" then
          if type(value) ~= "string" then report:error(path, line, nil, "plan must be the plan's id (text)") else plan_id = value end
          sink.plan_line = line
        elseif key == "source" then
          if type(value) ~= "string" or value == "" then report:error(path, line, nil, "source must say where the figures come from (text)") else source = value end
        elseif rows.SECTIONS[key] then
          if type(value) ~= "table" and value ~= nil then report:error(path, line, nil, "'" .. key .. "' must be a list of rows") end
        else
          local hint = require("ctg.suggest").closest(tostring(key), TOP_KEYS)
          report:error(path, line, nil, "unknown key '" .. tostring(key) .. "'" ..
            (hint and " (did you mean '" .. hint .. "'?)" or " (allowed: " .. table.concat(TOP_KEYS, ", ") .. ")"))
        end
      else
        local record = rows.SECTIONS[key]
        if not record then
          if index == 1 then
            local hint = require("ctg.suggest").closest(tostring(key), TOP_KEYS)
            report:error(path, line, nil, "unknown list '" .. tostring(key) .. "'" ..
              (hint and " (did you mean '" .. hint .. "'?)" or " (allowed: observations, progress, meetings, funding)"))
          end
        elseif not plan_id or not source then
          if not sink.missing_header then
            sink.missing_header = true
            report:error(path, line, nil, "'plan:' and 'source:' must come before the rows (which plan the figures are for, and where they come from)")
          end
        elseif type(value) ~= "table" then
          report:error(path, line, nil, "each row must be a mapping such as {indicator: …, period: …, …}")
        elseif sink:start(plan_id, source) then
          sink:row(record, value, line)
        end
      end
    end
  end)
  if not ok then
    -- a YAML syntax error: "path:LINE:COLUMN: problem"
    local msg = tostring(err)
    local line, column, rest = msg:match("^.-:(%d+):(%d+): (.*)$")
    if line then report:error(path, tonumber(line), tonumber(column), rest) else report:error(path, 0, nil, msg) end
  elseif not plan_id and not sink.missing_header and report.error_count == 0 then
    report:error(path, 1, nil, "missing 'plan:' (the id of the plan these figures are for)")
  elseif not source and plan_id and not sink.missing_header and report.error_count == 0 then
    report:error(path, 1, nil, "missing 'source:' (where the figures come from)")
  end
  sink:finish()
end

-- ---- CSV files --------------------------------------------------------------------------

-- Header names, English and French (rows.FRENCH_COLUMNS, accents optional), to row keys.
local HEADER_ALIASES = {
  ["période"] = "period", ["numérateur"] = "numerator", ["dénominateur"] = "denominator",
  ["répondants"] = "respondents",
  -- the note column under the name spreadsheets give it too
  comment = "note", commentaire = "note", comments = "note", commentaires = "note",
}
for key, french in pairs(rows.FRENCH_COLUMNS) do HEADER_ALIASES[key], HEADER_ALIASES[french] = key, key end
local NUMERIC = { value = true, numerator = true, denominator = true, respondents = true }

local function import_csv(d, path, opts, report)
  local csv = require("ctg.csv")
  local sink = new_sink(d, path, opts, report)
  local ok, err = pcall(function()
    local dialect = csv.dialect(path)
    local header, keys
    for fields, line in csv.rows(path) do
      if not header then
        header, keys = fields, {}
        local seen = {}
        for i, name in ipairs(fields) do
          local n = name:gsub("^%s+", ""):gsub("%s+$", "")
          local key = HEADER_ALIASES[n:lower()] or n
          if n == "" then report:error(path, line, i, "empty column name in the header") end
          if seen[key] then report:error(path, line, i, "column '" .. n .. "' appears twice (also column " .. seen[key] .. ")") end
          seen[key] = i
          keys[i] = key
        end
        for _, required in ipairs({ "indicator", "period" }) do
          if not seen[required] then
            report:error(path, line, nil, "the header has no '" .. required .. "' column (expected indicator;period;territory;value;numerator;denominator;… or indicateur;periode;territoire;valeur;…)")
          end
        end
        -- a file without territories would silently revise the city's figures
        if not seen.territory and not opts.territory then
          report:error(path, line, nil, "l'en-tête n'a pas de colonne 'territoire' (territory) : ajoutez-la, " ..
            "ou donnez le territoire de toutes les lignes avec --territory CODE")
        end
        if report.error_count > 0 then return end
        if not sink:start(opts.plan, opts.source or (path:match("[^/]+$") or path)) then return end
      else
        if #fields ~= #header then
          sink.bad = sink.bad + 1
          report:error(path, line, nil, "the row has " .. #fields .. " field" .. (#fields == 1 and "" or "s") ..
            ", the header has " .. #header .. " (a missing or extra column, or a separator inside an unquoted cell)")
        else
          local row, bad = {}, false
          for i, text in ipairs(fields) do
            local key = keys[i]
            local trimmed = text:gsub("^%s+", ""):gsub("%s+$", "")
            if trimmed ~= "" then
              if NUMERIC[key] then
                local n = csv.number(trimmed, dialect)
                if n == nil then
                  report:error(path, line, i, key .. " must be a number" .. (dialect == "french" and " (decimal comma: 13,5)" or " (13.5)") .. ", got '" .. trimmed .. "'")
                  bad = true
                else
                  row[key] = math.tointeger(n) or n
                end
              elseif key == "period" and trimmed:match("^%d%d%d%d$") then
                row[key] = math.tointeger(tonumber(trimmed))
              else
                row[key] = trimmed
              end
            end
          end
          if bad then
            sink.bad = sink.bad + 1
          else
            local index_of = {}
            for i, k in ipairs(keys) do index_of[k] = i end
            if row.territory == nil and not index_of.territory then row.territory = opts.territory end
            sink:row("observation", row, line, function(field) return index_of[field] end)
          end
        end
      end
    end
    if not header then report:error(path, 1, nil, "empty file: expected a header line") end
  end)
  if not ok then
    local msg = tostring(err)
    local line, column, rest = msg:match("^.-:(%d+):(%d+): (.*)$")
    if line then report:error(path, tonumber(line), tonumber(column), rest)
    else report:error(path, 0, nil, (msg:gsub("^" .. path:gsub("%p", "%%%0") .. ":%s*", ""))) end
  end
  sink:finish()
end

-- ---- the command ------------------------------------------------------------------------

-- Undo the transaction if one is still open: SQLite already rolled back after a full disk or
-- an out-of-memory error, and "cannot rollback - no transaction is active" must never
-- replace the real cause.
local function rollback(d)
  if d.store:in_transaction() then pcall(d.store.exec, d.store, "ROLLBACK") end
end

--- Import files into database d in one transaction. opts: dry_run, label, date, by, source
--- and plan (for CSV), progress. Returns the report: {files, errors, error_count, warnings,
--- warning_count, stored = bool}.
function import.run(d, paths, opts)
  opts = opts or {}
  local report = new_report(opts)
  -- a larger page cache for the import's index inserts (32 MB: the import stays under 64 MB)
  d.store:exec("PRAGMA cache_size = -32768")
  d.store:exec("BEGIN IMMEDIATE")
  d.store:begin_bulk()
  local ok, err = pcall(function()
    for _, path in ipairs(paths) do
      local f = io.open(path, "rb")
      if not f then
        report:error(path, 0, nil, "cannot open the file")
      else
        local size = f:seek("end")
        f:close()
        local kind, why = import.detect(path)
        if size == 0 then
          report:error(path, 0, nil, "empty file (0 bytes)")
        elseif not kind then
          report:error(path, 0, nil, why)
        elseif kind == "plan" then
          import_plan(d, path, opts, report)
        elseif kind == "csv" then
          import_csv(d, path, opts, report)
        else
          import_yaml(d, path, opts, report)
        end
      end
    end
  end)
  d.store:end_bulk()
  if not ok then
    rollback(d)
    error(err, 0)
  end
  if report.error_count > 0 or opts.dry_run then
    rollback(d)
    report.stored = false
  else
    -- a commit can fail too (disk full): its cause is the error, the transaction is undone
    local committed, cerr = pcall(d.store.exec, d.store, "COMMIT")
    if not committed then
      rollback(d)
      error(cerr, 0)
    end
    report.stored = true
  end
  return report
end

return import
