-- ctg.import — `ctg import FILE…`: plans (stored as versions) and observation files (YAML
-- streamed, CSV in either dialect), checked row by row against the current plan. The whole
-- command is one transaction: if any row of any file is wrong, nothing is stored and every
-- error is listed (up to a limit, with a count of the rest).
local rows = require("ctg.rows")
local load = require("ctg.load")
local msg = require("ctg.msg")

local import = {}

import.MAX_LISTED = 50
-- rows read natively between two returns to Lua (when a progress line may be due)
import.BATCH = 4096
-- seconds between two progress lines on a terminal
import.PROGRESS_SECONDS = 0.25

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

-- Where a message is: file:line[:column], or in a workbook's sheet being read, the cell as a
-- spreadsheet names it (file.xlsx:Feuille1!C17; the row alone, file.xlsx:Feuille1!17).
function Report:where(file, line, column, message)
  return self:place(file, line, column) .. ": " .. message
end

--- The place alone: file:line[:column], or file.xlsx:Feuille1!C17 in a workbook's sheet.
function Report:place(file, line, column)
  local sheet = self.sheet_of and self.sheet_of[file]
  if sheet and line and line > 0 then
    local cell = (column and require("ctg.workbook").column_name(column) or "") .. line
    return file .. ":" .. require("ctg.import_workbook").sheet_ref(sheet) .. "!" .. cell
  end
  return located(file, line, column, ""):sub(1, -3)
end

function Report:error(file, line, column, message)
  self.error_count = self.error_count + 1
  if #self.errors < import.MAX_LISTED then self.errors[#self.errors + 1] = self:where(file, line, column, message) end
end

function Report:warning(file, line, column, message)
  self.warning_count = self.warning_count + 1
  if #self.warnings < import.MAX_LISTED then self.warnings[#self.warnings + 1] = self:where(file, line, column, message) end
end

--- Whether another warning would still be listed (past MAX_LISTED they are only counted: a
--- message that costs a search need not be written then).
function Report:lists_warnings()
  return #self.warnings < import.MAX_LISTED
end

-- ---- what a file is ---------------------------------------------------------------------

--- "plan", "observations" or "csv"; nil and a message when it cannot be told.
function import.detect(path)
  local ext = (path:match("%.([%w]+)$") or ""):lower()
  if ext == "lua" then return "plan" end
  if ext == "csv" then return "csv" end
  if ext == "xlsx" or ext == "ods" then return "workbook" end
  -- JSON is YAML's flow style: `ctg export observations --format json` reads back the same way
  if ext ~= "yaml" and ext ~= "yml" and ext ~= "json" then
    return nil, msg.text("import.unknown-type")
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

-- The line of a plan file that names its id (its `plan "ID"` declaration, or `id: ID`), 0
-- when none does: where an error about the plan as a whole points.
local function line_of(path, id)
  local n = 0
  for line in io.lines(path) do
    n = n + 1
    if line:find(id, 1, true) then return n end
  end
  return 0
end

-- The territories a plan covers, in words: its root territories' titles and codes. o: a
-- plan's outline (ctg.rows.outline: its roots and territories).
local function covered(o)
  local titles = {}
  for _, t in ipairs(o.territories) do titles[t.code] = t.title end
  local out = {}
  for i, code in ipairs(o.roots) do out[i] = (titles[code] or code) .. " (" .. code .. ")" end
  return #out > 0 and table.concat(out, ", ") or msg.text("import.no-territory")
end

-- Two CTGs of a CAF's portfolio can be given the same id by their authors: importing the
-- second would silently make it "version 2" of the first, and every report of the first
-- would switch plans. A plan whose id is stored is a new version of that convention when it
-- covers the same territories (an avenant, a corrected file, a new build keep them); one that
-- covers others is refused, unless --new-version says it really is one (a city's CTG that
-- becomes intercommunal). Returns the message of the refusal, or nil.
local function other_convention(d, p, opts)
  if opts.new_version then return nil end
  local stored = d:plan_version(p.id)
  if not stored then return nil end
  -- the stored version's outline, not the plan rebuilt: a plan of 2 000 territories is slow to
  -- rebuild, its outline is kept with the version
  local old, new = d:plan_outline(p.id), rows.outline(p)
  local a, b = {}, {}
  for i, code in ipairs(old.roots) do a[i] = code end
  for i, code in ipairs(new.roots) do b[i] = code end
  table.sort(a)
  table.sort(b)
  if table.concat(a, "\0") == table.concat(b, "\0") then return nil end
  return msg.text("portfolio.same-id", { id = p.id, version = stored.version, file = stored.file or "?",
    stored = covered(old), new = covered(new) })
end

local function import_plan(d, path, opts, report)
  local p, findings, has_error, amendment = load.check(path, { db = d })
  if has_error then
    for _, f in ipairs(findings) do
      if f.severity == "error" then report:error(f.file or path, f.line, f.column, f.message) end
    end
    return
  end
  local effective = opts.effective_for and opts.effective_for[path] or opts.effective
  local dates = { label = opts.label, effective = effective, council_date = opts.council_date, signed = opts.signed }
  if amendment then
    -- an avenant: the resulting plan, stored with the avenant's own label and dates
    for _, r in ipairs(p.rules) do
      if r.check then
        report:error(path, 0, nil, msg.text("import.amendment-lua-rule", { rule = tostring(r.name) }))
        return
      end
    end
    dates = { label = opts.label or amendment.label, effective = effective or amendment.effective,
              council_date = opts.council_date or amendment.council_date, signed = opts.signed or amendment.signed,
              amends = amendment.base_version and amendment.base_version.id, amendment = true }
    if not dates.amends then
      -- amended from a file: the stored version with the same content, if any
      local base = d:query("SELECT id FROM plan_version WHERE plan_id = ? AND content = ? ORDER BY id DESC LIMIT 1",
        p.id, require("ctg.export").yaml(amendment.base))[1]
      dates.amends = base and base.id
    end
    if not dates.effective then
      report:error(path, 0, nil, msg.text("import.amendment-no-date"))
      return
    end
  end
  local refused = not amendment and other_convention(d, p, opts)
  if refused then
    report:error(path, line_of(path, p.id), nil, refused)
    return
  end
  local version, is_new, clash = d:store_plan(p, { label = dates.label, date = opts.date, file = path, by = opts.by,
    effective = dates.effective, council_date = dates.council_date, signed = dates.signed, amends = dates.amends,
    amendment = dates.amendment, in_force = opts.settle })
  if clash then
    report:warning(path, 0, nil, msg.text("import.version-clash", { version = version.version,
      date = require("ctg.date").french(version.effective), other = clash.version }))
  end
  report.plan_id = report.plan_id == nil and p.id or (report.plan_id == p.id and p.id or false)
  report.files[#report.files + 1] = { file = path, kind = "plan", plan = p.id, version = version.version, new = is_new,
    effective = version.effective }
  if opts.hashes and opts.hashes[path] then
    -- ctg build: the plan file's fingerprint and commit, so that an unchanged file is not read again
    d:finish_import(d:begin_import(version.id, path, nil, opts.by, opts.hashes[path], opts.commit), 0)
  end
  -- nothing disappears silently: indicators the version in force at the plan's end no longer
  -- has, while observations of them are stored
  local timeline = require("ctg.timeline")
  local last_p, last_v = d:plan(p.id)
  for _, x in ipairs(timeline.dropped_indicators(d, last_v, last_p)) do
    report:warning(path, 0, nil, timeline.dropped_text(x, last_v))
  end
end

-- ---- progress on a terminal ---------------------------------------------------------

--- A progress line writer: :due(count, now) gives the line to show ("obs.yaml : 120 000
--- lignes…") when PROGRESS_SECONDS have passed since the last one, else nil; so a terminal
--- gets a few lines a second whatever the speed of the import.
function import.progress(path, every)
  return { path = path, every = every or import.PROGRESS_SECONDS, shown = false,
    due = function(self, count, now)
      if self.last and now - self.last < self.every then return nil end
      local first = self.last == nil
      self.last = now
      if first then return nil end -- the clock starts with the file: short imports print nothing
      self.shown = true
      return msg.text("import.progress", { file = self.path, n = require("ctg.fmt").number(count) })
    end }
end

-- ---- observation rows (shared by YAML and CSV) ----------------------------------------

-- The state of one observation file being imported.
local Sink = {}
Sink.__index = Sink

local function new_sink(d, path, opts, report)
  local sink = setmetatable({ d = d, path = path, opts = opts, report = report, count = 0, bad = 0 }, Sink)
  if opts.progress then
    sink.progress = import.progress(path)
    sink.progress:due(0, require("ctg.sys").clock())
  end
  return sink
end

-- Resolve the plan and open the import record, once, before the first row.
function Sink:start(plan_id, source)
  if self.import_id or self.failed then return not self.failed end
  -- the plan's outline (what checking rows needs of it), not the plan: a plan of 2 000
  -- territories takes longer to rebuild from its source than thousands of rows to store
  local ok, p, version = pcall(self.d.plan_outline, self.d, plan_id)
  if not ok then
    self.report:error(self.path, self.plan_line or 1, nil, plan_id and
      msg.text("import.unknown-plan", { plan = plan_id }) or tostring(p))
    self.failed = true
    return false
  end
  self.plan, self.version = p, version
  self.checker = rows.checker(p)
  self.checkers = { [version.id] = self.checker }
  self.versions = #self.d.store:query("SELECT id FROM plan_version WHERE plan_id = ?", p.id)
  self.d:keep_outlines(p.id)
  self.source = source
  self.import_id = self.d:begin_import(version.id, self.path, source, self.opts.by,
    self.opts.hashes and self.opts.hashes[self.path], self.opts.commit)
  -- the rows are read natively (no Lua table a row) when one judge serves them all: the plan
  -- has one version, or every version would judge indicator rows alike; otherwise each row
  -- is judged against the version in force during its period
  -- (opts.table_rows: every row as a table, for the tests that compare both ways)
  if not self.opts.table_rows and (self.versions == 1 or self:versions_agree()) then
    self.judge = self:bound(self.checker)
  end
  return true
end

-- The checker's judge, bound to this import.
function Sink:bound(checker)
  local judge = checker:judge()
  if checker.bound_to ~= self.import_id then
    judge:bind(self.d.store, self.import_id)
    checker.bound_to = self.import_id
  end
  return judge
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
    local c = rows.checker((self.d:plan_outline(self.plan.id, last)))
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

-- What of a judge's spec decides a verdict (not the resolver function, a new closure each time).
local function judged_part(checker)
  local spec = checker:judge_spec()
  spec.territory = nil
  -- a territory's title can name it: titles count too
  local titles = {}
  for code, list in pairs(checker:folded()) do titles[code] = #list == 1 and list[1].code or #list end
  spec.titles = titles
  return spec
end

-- Whether every stored version of the plan would judge indicator rows alike (same
-- indicators, kinds, dimensions, territories, steps, years): then which version is in force
-- for a row's period does not matter.
function Sink:versions_agree()
  local spec = judged_part(self.checker)
  for _, v in ipairs(self.d.store:query("SELECT version FROM plan_version WHERE plan_id = ?", self.plan.id)) do
    if not same(spec, judged_part(rows.checker((self.d:plan_outline(self.plan.id, { version = v.version }))))) then
      return false
    end
  end
  return true
end

-- The numbers of the stored versions of the plan that declare indicator id (error messages).
function Sink:versions_with(id)
  local out = {}
  for _, v in ipairs(self.d.store:query("SELECT version FROM plan_version WHERE plan_id = ? ORDER BY version", self.plan.id)) do
    local o = self.d:plan_outline(self.plan.id, { version = v.version })
    for _, i in ipairs(o.indicators) do
      if i.id == id then out[#out + 1] = tostring(v.version) break end
    end
  end
  return out
end

function Sink:stored(n)
  self.count = self.count + (n or 1)
  local line = self.progress and self.progress:due(self.count, require("ctg.sys").clock())
  if line then
    io.stderr:write("\r", line)
    io.stderr:flush()
  end
end

-- "the same observation as line 12 (tps_accueillies, 2024, montferrand)", in French.
function Sink:duplicate(record, dup, line)
  self.bad = self.bad + 1
  local key = dup.subject .. ", " .. dup.period .. (dup.territory ~= "" and ", " .. dup.territory or "") ..
    (dup.dims ~= "" and ", " .. dup.dims or "")
  -- through a mapping, the usual cause is a long table (a row per age and sex): sums are not
  -- made, and the message says what to read instead
  self.report:error(self.path, line, nil, msg.text(self.mapping and "import.duplicate-mapped" or "import.duplicate",
    { same = msg.text("import.same." .. record), line = dup.line, key = key }))
end

-- Report a verdict of the judge on the indicator row at line (row: its fields when known,
-- for the version message); column_of(field) gives a CSV column.
function Sink:verdict(checker, verdict, line, column_of, row)
  local errors = checker:worded(verdict.errors)
  if #errors > 0 and self.versions > 1 and row then
    -- known to another version, not to the one in force during the row's period: say so
    local others = self:versions_with(tostring(row.indicator))
    local v = checker.version or self.version
    for _, e in ipairs(errors) do
      if e.field == "indicator" and #others > 0 then
        e.message = msg.text("import.other-version", { indicator = tostring(row.indicator), version = v.version,
          period = tostring(row.period or row.year), since = require("ctg.date").french_after(v.effective, "depuis le"),
          versions = msg.text(#others > 1 and "import.other-version.many" or "import.other-version.one",
            { list = table.concat(others, ", ") }) })
      end
    end
  end
  for _, w in ipairs(checker:worded(verdict.warnings)) do
    self.report:warning(self.path, line, column_of and column_of(w.field), w.message)
  end
  if #errors > 0 then
    self.bad = self.bad + 1
    for _, e in ipairs(errors) do self.report:error(self.path, line, column_of and column_of(e.field), e.message) end
  elseif verdict.duplicate then
    self:duplicate("value", verdict.duplicate, line)
  end
end

-- Check a row of the given record kind, given as a Lua table, and store it; errors and
-- warnings are located. Indicator rows go to the judge of the version in force.
-- (cell_column: the column of the observation's cell, for its provenance and the preview)
function Sink:row(record, row, line, column_of, cell_column)
  local checker = self:checker_for(row)
  if record == "observation" then
    local revision, verdict = self:bound(checker):put(row, line, cell_column)
    if verdict then self:verdict(checker, verdict, line, column_of, row) end
    if revision then
      self:stored()
      self:note_cell(line, cell_column or (column_of and (column_of("value") or column_of("numerator"))))
    end
    return
  end
  local checked, errors, warnings = checker[record](checker, row)
  for _, w in ipairs(warnings or {}) do self.report:warning(self.path, line, column_of and column_of(w.field), w.message) end
  if not checked then
    self.bad = self.bad + 1
    for _, e in ipairs(errors) do self.report:error(self.path, line, column_of and column_of(e.field), e.message) end
    return
  end
  local revision, first_line = self.d:put_row(self.plan.id, checked, self.import_id, line)
  if not revision then
    self:duplicate(checked.record, { line = first_line, subject = checked.subject, period = checked.period,
      territory = checked.territory or "", dims = checked.dims or "" }, line)
    return
  end
  self:stored()
end

-- Read the rest of a native reader's rows (yaml.observations, csv.observations: next(judge)
-- gives stored, status, line, info) until it ends; on_status handles the statuses that are
-- the reader's own.
function Sink:drain(next_batch, column_of, on_status)
  while true do
    local stored, status, line, info = next_batch(self.judge, import.BATCH)
    self:stored(stored)
    if status == "end" then return end
    if status == "verdict" then
      self:verdict(self.checker, info, line, column_of)
    elseif status ~= "budget" then
      self.bad = self.bad + 1
      on_status(status, line, info)
    end
  end
end

-- The place of the first stored observations (file:line:column, or a workbook's cell), in
-- the order they were stored: the preview of --dry-run shows where each comes from.
import.PREVIEW = 10
function Sink:note_cell(line, column)
  self.cells = self.cells or {}
  if #self.cells < import.PREVIEW then
    self.cells[#self.cells + 1] = self.report:place(self.path, line, column)
  end
end

function Sink:finish()
  if self.progress and self.progress.shown then io.stderr:write("\n") end
  if self.import_id then self.d:finish_import(self.import_id, self.count) end
  -- the account of the file: nothing read is dropped without being counted
  self.report.files[#self.report.files + 1] = { file = self.path, kind = "observations", rows = self.count,
    plan = self.plan and self.plan.id, import_id = self.import_id,
    encoding = self.encoding, read = self.read or (self.count + self.bad), skipped = self.skipped or 0,
    outside = self.outside or 0, outside_names = self.outside_names or {}, outside_more = self.outside_more,
    missing = self.missing or 0,
    empty = self.empty or 0, bad = self.bad, mapping = self.mapping, record = self.record_kind, cells = self.cells or {},
    sheet = self.report.sheet_of and self.report.sheet_of[self.path], value_column = self.value_column,
    compiled = self.compiled, native = self.native }
end

-- ---- YAML observation files -------------------------------------------------------------

local TOP_KEYS = { "plan", "source", "observations", "progress", "meetings", "funding" }
local LISTS = { "observations", "progress", "meetings", "funding" }

local function hint_or_allowed(key, allowed)
  local hint = require("ctg.suggest").closest(tostring(key), allowed)
  return hint and msg.text("rows.hint", { hint = hint }) or msg.text("import.allowed", { list = table.concat(allowed, ", ") })
end

-- A top-level key that is not a list of rows: the header (plan, source) or a mistake.
local function header_key(sink, report, path, key, value, line)
  if key == "plan" then
    if type(value) ~= "string" then report:error(path, line, nil, msg.text("import.plan-type")) else sink.plan_id = value end
    sink.plan_line = line
  elseif key == "source" then
    if type(value) ~= "string" or value == "" then report:error(path, line, nil, msg.text("import.source-type"))
    else sink.source_text = value end
  elseif rows.SECTIONS[key] then
    if type(value) ~= "table" and value ~= nil then report:error(path, line, nil, msg.text("import.section-type", { key = key })) end
  else
    report:error(path, line, nil, msg.text("import.unknown-key", { key = tostring(key), hint = hint_or_allowed(key, TOP_KEYS) }))
  end
end

-- One item of a top-level list (index: its place in the list); the rest of an observation
-- list is read natively when one judge serves the file.
local function list_item(sink, report, path, stream, key, value, line, index)
  local record = rows.SECTIONS[key]
  if not record then
    if index == 1 then
      report:error(path, line, nil, msg.text("import.unknown-list", { key = tostring(key), hint = hint_or_allowed(key, LISTS) }))
    end
  elseif not sink.plan_id or not sink.source_text then
    if not sink.missing_header then
      sink.missing_header = true
      report:error(path, line, nil, msg.text("import.header-first"))
    end
  elseif type(value) ~= "table" then
    sink.bad = sink.bad + 1
    report:error(path, line, nil, msg.text("import.row-mapping"))
  elseif sink:start(sink.plan_id, sink.source_text) then
    sink:row(record, value, line)
    if record == "observation" and sink.judge then
      sink:drain(function(judge, budget) return require("ctg.yaml").observations(stream, judge, budget) end, nil,
        function(_, at) report:error(path, at, nil, msg.text("import.row-mapping")) end)
    end
  end
end

local function import_yaml(d, path, opts, report)
  local sink = new_sink(d, path, opts, report)
  local ok, err = pcall(function()
    local iter, stream, _, closing = require("ctg.yaml").stream(path)
    local _ <close> = closing
    while true do
      local key, value, line, index = iter(stream)
      if key == nil then break end
      if index == nil then header_key(sink, report, path, key, value, line)
      else list_item(sink, report, path, stream, key, value, line, index) end
    end
  end)
  if not ok then
    -- a YAML syntax error: "path:LINE:COLUMN: problem"
    local text = tostring(err)
    local line, column, rest = text:match("^.-:(%d+):(%d+): (.*)$")
    if line then report:error(path, tonumber(line), tonumber(column), rest) else report:error(path, 0, nil, text) end
  elseif not sink.plan_id and not sink.missing_header and report.error_count == 0 then
    report:error(path, 1, nil, msg.text("import.missing-plan"))
  elseif not sink.source_text and sink.plan_id and not sink.missing_header and report.error_count == 0 then
    report:error(path, 1, nil, msg.text("import.missing-source"))
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

-- The header's row keys, or nil after reporting what is wrong with it.
local function csv_header(fields, line, path, opts, report)
  local keys, seen = {}, {}
  for i, name in ipairs(fields) do
    local n = name:gsub("^%s+", ""):gsub("%s+$", "")
    local key = HEADER_ALIASES[n:lower()] or n
    if n == "" then report:error(path, line, i, msg.text("import.csv-empty-column")) end
    if seen[key] then report:error(path, line, i, msg.text("import.csv-twice", { name = n, other = seen[key] })) end
    seen[key] = i
    keys[i] = key
  end
  for _, required in ipairs({ "indicator", "period" }) do
    if not seen[required] then report:error(path, line, nil, msg.text("import.csv-no-column", { name = required })) end
  end
  -- a file without territories would silently revise the city's figures
  if not seen.territory and not opts.territory then report:error(path, line, nil, msg.text("import.csv-no-territory")) end
  if report.error_count > 0 then return nil end
  return keys, seen
end

-- "the row has 3 fields, the header has 4", agreeing with n.
local function width_message(n, header)
  local one = n == 1 or (n == 0 and msg.lang() == "fr")
  return msg.text(one and "import.csv-width.one" or "import.csv-width.many", { n = n, header = header })
end

--- The CSV reader's problems in the user's language (ctg.csv_words, shared with ctg.csv.read).
import.csv_words = require("ctg.csv_words").translate

-- ---- workbooks (.xlsx, .ods) ---------------------------------------------------------------

-- A row of cells (wb:row) as a row table, converted as the native reader does: numbers in
-- numeric columns (text there read as a French, else international, number), a year as an
-- integer, the rest text; nil and the bad cells when some cannot be.
local NUMERIC = { value = true, numerator = true, denominator = true, respondents = true }
local function workbook_row(cells, types, keys)
  local row, bad, errors = {}, {}, {}
  local csv = require("ctg.csv")
  for j, key in ipairs(keys) do
    local v, t = cells[j], types[j]
    if v ~= nil and key then
      if t == "error" then
        errors[#errors + 1] = { column = j, key = key, text = v }
      elseif NUMERIC[key] then
        if not (t == "text" and v:match("^%s*$")) then -- a blank cell is absent
          local trimmed = t == "text" and v:gsub("^%s+", ""):gsub("%s+$", "")
          local n = t == "number" and v or (trimmed and (csv.number(trimmed, "french") or csv.number(trimmed, "intl")))
          if n == nil then bad[#bad + 1] = { column = j, key = key, text = tostring(v) }
          else row[key] = math.tointeger(n) or n end
        end
      else
        local s = t == "number" and (math.tointeger(v) and tostring(math.tointeger(v)) or string.format("%.17g", v))
          or t == "bool" and tostring(v) or v:gsub("^%s+", ""):gsub("%s+$", "")
        if s ~= "" then
          row[key] = key == "period" and s:match("^%d%d%d%d$") and math.tointeger(tonumber(s)) or s
        end
      end
    end
  end
  return row, bad, errors
end

-- Read one sheet (selected) of ctg's long format into the sink.
local function workbook_values(wb, sink, path, opts, report, sheet_name, plan_id)
  local wbi = require("ctg.import_workbook")
  local cells, row = wb:row()
  if not cells then
    report:error(path, 0, nil, msg.text("import.workbook.empty", { sheet = sheet_name }))
    return
  end
  local keys, index_of = wbi.header(cells, row, path, function(names, at, file)
    return csv_header(names, at, file, opts, report)
  end)
  if not keys or not sink:start(opts.plan or plan_id, opts.source or (path:match("[^/]+$") or path)) then return end
  local function column_of(field) return index_of[field] end
  sink.value_column = index_of.value or index_of.numerator
  local function on_status(status, at, info)
    if status == "width" then
      report:error(path, at, info, msg.text("import.workbook.width"))
    else -- "number" or "error": the cells that say why
      for _, cell in ipairs(info) do
        if status == "error" then
          report:error(path, at, cell.column, msg.text(cell.text:match("^=") and "import.workbook.formula"
            or "import.workbook.error-cell", { text = cell.text, key = cell.key }))
        else
          report:error(path, at, cell.column, msg.text("import.csv-number", { key = cell.key, text = cell.text,
            hint = msg.text("import.csv-number.french") }))
        end
      end
    end
  end
  if sink.judge then
    sink:drain(function(judge, budget) return wb:observations(judge, keys, opts.territory, budget) end,
      column_of, on_status)
    return
  end
  -- several versions judge differently: each row as a table, to the version in force
  for row_cells, at, types in wb.row, wb do
    local extra
    for j = #keys + 1, row_cells.n do if row_cells[j] ~= nil then extra = extra or j end end
    local r, bad, errors = workbook_row(row_cells, types, keys)
    if extra then on_status("width", at, extra) sink.bad = sink.bad + 1
    elseif #errors > 0 then on_status("error", at, errors) sink.bad = sink.bad + 1
    elseif #bad > 0 then on_status("number", at, bad) sink.bad = sink.bad + 1
    else
      if r.territory == nil and not index_of.territory then r.territory = opts.territory end
      sink:row("observation", r, at, column_of)
    end
  end
end

-- The progress, meetings and funding sheets of ctg's export, row by row.
local function workbook_records(wb, sink, path, report, spec, plan_id, opts)
  local head = wb:row()
  if not head then return end
  for j, name in ipairs(spec.columns) do
    if head[j] ~= name then
      report:error(path, 1, j, msg.text("import.workbook.export-column", { name = name, got = tostring(head[j] or "") }))
      return
    end
  end
  if not sink:start(opts.plan or plan_id, opts.source or (path:match("[^/]+$") or path)) then return end
  local function column_of(field) return spec.fields[field] end
  for cells, at, types in wb.row, wb do
    local errors = {}
    for j = 1, cells.n do if types[j] == "error" then errors[#errors + 1] = j end end
    if #errors > 0 then
      sink.bad = sink.bad + 1
      for _, j in ipairs(errors) do
        report:error(path, at, j, msg.text(cells[j]:match("^=") and "import.workbook.formula"
          or "import.workbook.error-cell", { text = cells[j] }))
      end
    else
      sink:row(spec.record, spec.row(cells), at, column_of)
    end
  end
end

local function import_workbook(d, path, opts, report)
  local wbi = require("ctg.import_workbook")
  local wb, code, detail = require("ctg.workbook").open(path)
  if not wb then
    report:error(path, 0, nil, wbi.words(code, detail))
    return
  end
  local _ <close> = wb
  local sheets = wb:sheets()
  report.sheet_of = report.sheet_of or {}
  local sink = new_sink(d, path, opts, report)
  local ok, err = pcall(function()
    -- ctg's own export, unless a sheet is asked for: every sheet it wrote
    local plan_id = not opts.sheet and wbi.export_plan(wb, sheets)
    if plan_id then
      for i, name in ipairs(sheets) do
        local spec = wbi.EXPORT_SHEETS[name]
        if i > 1 and (spec or name == "Valeurs des indicateurs") then
          assert(wb:select(i))
          report.sheet_of[path] = name
          if spec then workbook_records(wb, sink, path, report, spec, plan_id, opts)
          else workbook_values(wb, sink, path, opts, report, name, plan_id) end
        end
      end
      return
    end
    local index, why = wbi.choose_sheet(sheets, opts.sheet)
    if not index then
      report:error(path, 0, nil, why)
      return
    end
    local selected, scode, sdetail = wb:select(index)
    if not selected then
      report:error(path, 0, nil, wbi.words(scode, sdetail))
      return
    end
    report.sheet_of[path] = sheets[index]
    workbook_values(wb, sink, path, opts, report, sheets[index])
  end)
  if not ok then
    if type(err) == "table" and err.code then
      report:error(path, err.row ~= 0 and err.row or 0, nil, wbi.words(err.code, err.detail))
    else
      report.sheet_of[path] = nil
      error(err, 0)
    end
  end
  sink:finish()
  report.sheet_of[path] = nil
end

-- The plan the first row of a CSV names in its plan column (index), or nil: a CSV exported by
-- ctg export observations says its plan on every row. Read by a reader of its own (in the
-- file's encoding), stopped after that row.
local function plan_in_csv(path, index, encoding)
  local n = 0
  -- luacheck: ignore 512 (the loop is left after the first row: leaving it closes the reader)
  for fields in require("ctg.csv").rows(path, encoding) do
    n = n + 1
    if n == 2 then
      local cell = fields[index] and fields[index]:gsub("^%s+", ""):gsub("%s+$", "")
      return cell ~= "" and cell or nil
    end
  end
end

-- A cell of the plan column that names another plan than the one the file is imported into.
local function other_plan(sink, report, path, at, cell)
  report:error(path, at, cell.column, msg.text("import.csv-plan", { text = cell.text, plan = sink.version.plan_id }))
end

-- ---- CSV of meetings or funding ----------------------------------------------------------

-- The columns of a plain CSV of meetings or of funding: header names (English or French,
-- lower case, accents optional) to row keys, as the YAML rows name them; the required ones
-- first, in the order the messages list them.
local RECORD_CSV = {
  meeting = { required = { "committee", "date" }, columns = "instance;date[;note;source]",
    names = { committee = "committee", instance = "committee", date = "date", note = "note", commentaire = "note",
              comment = "note", source = "source" } },
  funding = { required = { "funder", "year", "amount" }, columns = "financeur;annee;montant[;action;note;source]",
    names = { funder = "funder", financeur = "funder", year = "year", annee = "year", amount = "amount",
              montant = "amount", action = "action", note = "note", commentaire = "note", comment = "note",
              source = "source" } },
}

local function record_column(name)
  return require("ctg.suggest").unaccent((name:gsub("^%s+", ""):gsub("%s+$", ""))):lower()
end

-- The record a CSV header is for: "meeting" (a committee column), "funding" (a funder
-- column), or nil (indicator values).
local function csv_record_kind(fields)
  for _, name in ipairs(fields) do
    local n = record_column(name)
    if RECORD_CSV.meeting.names[n] == "committee" then return "meeting" end
    if RECORD_CSV.funding.names[n] == "funder" then return "funding" end
  end
end

-- The row keys of a meetings or funding header, or nil after reporting what is wrong.
local function record_header(kind, fields, line, path, report)
  local spec, what = RECORD_CSV[kind], msg.text("import.csv-record." .. kind)
  local keys, seen, allowed = {}, {}, {}
  for n in pairs(spec.names) do allowed[#allowed + 1] = n end
  table.sort(allowed)
  for i, name in ipairs(fields) do
    local n = record_column(name)
    local key = spec.names[n]
    if n == "" then report:error(path, line, i, msg.text("import.csv-empty-column"))
    elseif not key then
      report:error(path, line, i, msg.text("import.csv-record-column", { name = name, what = what,
        hint = hint_or_allowed(n, allowed) }))
    elseif seen[key] then report:error(path, line, i, msg.text("import.csv-twice", { name = name, other = seen[key] }))
    else seen[key] = i end
    keys[i] = key
  end
  for _, required in ipairs(spec.required) do
    if not seen[required] then
      report:error(path, line, nil, msg.text("import.csv-record-no-column", { name = required, what = what,
        columns = spec.columns }))
    end
  end
  if report.error_count > 0 then return nil end
  return keys, seen
end

-- Whether an amount's text stands for exactly 2^53 (its digits, blanks and a euro sign
-- aside, a decimal part of zeros allowed): the one number from 2^53 on a double holds exactly.
local function exact_limit(text)
  local digits = text:gsub("[%s\u{a0}\u{202f}€]", "")
  local whole = digits:match("^%+?(%d+)$") or digits:match("^%+?(%d+)[,.]0*$")
  return whole ~= nil and whole:gsub("^0+", "") == "9007199254740992"
end

-- One CSV row of meetings or funding as the row table the checker reads (the YAML row's):
-- a French date "15/06/2023" as 2023-06-15, an amount in the file's dialect ("1 300 000 €"),
-- a year as an integer. Returns the row, or nil and the bad cells ({column, message}), named
-- as the header names them (names: the header's fields).
local function record_row(fields, keys, names, dialect)
  local csv, date = require("ctg.csv"), require("ctg.date")
  local row, bad = {}, {}
  for i, text in ipairs(fields) do
    local trimmed, key = text:gsub("^%s+", ""):gsub("%s+$", ""), keys[i]
    if trimmed ~= "" then
      if key == "amount" then
        local n = csv.number(trimmed, dialect)
        if n == nil then
          bad[#bad + 1] = { column = i, message = msg.text("import.csv-number", { key = names[i], text = trimmed,
            hint = msg.text("import.csv-number." .. dialect) }) }
        elseif math.abs(n) >= rows.EXACT and not exact_limit(trimmed) then
          -- 9 007 199 254 740 993 € reads as 2^53: the text says it is not
          bad[#bad + 1] = { column = i, message = rows.too_big(names[i], n, trimmed) }
        else row[key] = math.tointeger(n) or n end
      elseif key == "year" and trimmed:match("^%d%d%d%d$") then
        row[key] = math.tointeger(tonumber(trimmed))
      elseif key == "date" then
        row[key] = date.from_french(trimmed)
        local ok, why = date.parse(row[key])
        -- a French date is named as the file writes it, not as it was rewritten
        if not ok and row[key] ~= trimmed then
          bad[#bad + 1] = { column = i, message = (why:gsub('"' .. row[key]:gsub("%p", "%%%0") .. '"',
            (string.format("%q", trimmed):gsub("%%", "%%%%")))) }
        end
      else
        row[key] = trimmed
      end
    end
  end
  if #bad > 0 then return nil, bad end
  return row
end

-- The rows of a meetings or funding CSV (its header read: fields at line), into the sink.
local function import_record_csv(kind, iter, fields, line, dialect, sink, path, opts, report)
  if opts.territory then
    report:error(path, 0, nil, msg.text("import.csv-record-territory", { what = msg.text("import.csv-record." .. kind) }))
    return
  end
  local keys, index_of = record_header(kind, fields, line, path, report)
  if not keys or not sink:start(opts.plan or report.plan_id, opts.source or (path:match("[^/]+$") or path)) then return end
  local function column_of(field) return index_of[field] end
  local names = {}
  for i, name in ipairs(fields) do names[i] = (name:gsub("^%s+", ""):gsub("%s+$", "")) end
  for row_fields, at in iter do
    if #row_fields ~= #keys then
      sink.bad = sink.bad + 1
      report:error(path, at, nil, width_message(#row_fields, #keys))
    else
      local row, bad = record_row(row_fields, keys, names, dialect)
      if row then sink:row(kind, row, at, column_of)
      else
        sink.bad = sink.bad + 1
        for _, cell in ipairs(bad) do report:error(path, at, cell.column, cell.message) end
      end
    end
  end
end

local function import_csv(d, path, opts, report)
  local csv = require("ctg.csv")
  local sink = new_sink(d, path, opts, report)
  local ok, err = pcall(function()
    local dialect, encoding = csv.dialect(path, opts.encoding)
    -- the summary says when the file was converted
    if encoding ~= "UTF-8" then sink.encoding = encoding end
    local iter, _, _, reader = csv.rows(path, opts.encoding)
    local _ <close> = reader
    local fields, line = iter()
    if not fields then
      report:error(path, 1, nil, msg.text("import.csv-empty"))
      return
    end
    local record = csv_record_kind(fields)
    if record then return import_record_csv(record, iter, fields, line, dialect, sink, path, opts, report) end
    local keys, index_of = csv_header(fields, line, path, opts, report)
    -- a CSV names no plan: --plan, else the plan imported by the same command, else the
    -- database's only plan (a database holding several asks which: never the last one)
    if not keys or not sink:start(opts.plan or (index_of.plan and plan_in_csv(path, index_of.plan, opts.encoding)) or report.plan_id,
                                  opts.source or (path:match("[^/]+$") or path)) then return end
    local function column_of(field) return index_of[field] end
    sink.value_column = index_of.value or index_of.numerator
    local function batch(judge, budget)
      return csv.observations(reader, judge, keys, opts.territory, budget, sink.version.plan_id)
    end
    local function on_status(status, at, info)
      if status == "width" then
        report:error(path, at, nil, width_message(info, #keys))
      else -- "number": cells that are not numbers in the file's dialect
        for _, cell in ipairs(info) do
          if cell.key == "plan" then other_plan(sink, report, path, at, cell)
          else
            report:error(path, at, cell.column, msg.text("import.csv-number", { key = cell.key, text = cell.text,
              hint = msg.text("import.csv-number." .. dialect) }))
          end
        end
      end
    end
    if sink.judge then
      sink:drain(batch, column_of, on_status)
    else
      -- several versions judge differently: each row as a table, to the version in force
      for row_fields, at in iter do
        if #row_fields ~= #keys then on_status("width", at, #row_fields) sink.bad = sink.bad + 1
        else
          local row, bad = {}, {}
          for i, text in ipairs(row_fields) do
            local trimmed = text:gsub("^%s+", ""):gsub("%s+$", "")
            local key = keys[i]
            if trimmed ~= "" then
              if key == "plan" then
                if trimmed ~= sink.version.plan_id then bad[#bad + 1] = { column = i, key = key, text = trimmed } end
              elseif key == "value" or key == "numerator" or key == "denominator" or key == "respondents" then
                local n = csv.number(trimmed, dialect)
                if n == nil then bad[#bad + 1] = { column = i, key = key, text = trimmed } else row[key] = math.tointeger(n) or n end
              elseif key == "period" and trimmed:match("^%d%d%d%d$") then
                row[key] = math.tointeger(tonumber(trimmed))
              else
                row[key] = trimmed
              end
            end
          end
          if #bad > 0 then on_status("number", at, bad) sink.bad = sink.bad + 1
          else
            if row.territory == nil and not index_of.territory then row.territory = opts.territory end
            sink:row("observation", row, at, column_of)
          end
        end
      end
    end
  end)
  if not ok then
    local text = tostring(err)
    local line, column, rest = text:match("^.-:(%d+):(%d+): (.*)$")
    if line then report:error(path, tonumber(line), tonumber(column), import.csv_words(rest))
    else report:error(path, 0, nil, import.csv_words((text:gsub("^" .. path:gsub("%p", "%%%0") .. ":%s*", "")))) end
  end
  sink:finish()
end

-- ---- files read through a mapping (ctg.source) ----------------------------------------------

local function import_mapped(d, path, mapping, opts, report)
  local sink = new_sink(d, path, opts, report)
  sink.mapping, sink.record_kind = mapping.id, mapping.record
  local ok, err = pcall(require("ctg.source_rows").run, mapping, path, sink, opts, report)
  if not ok then
    if type(err) == "table" and err.message then
      -- the mapping's skip function failed or went over a limit: located at the row
      report:error(path, err.line, nil, err.message)
    elseif type(err) == "table" and err.code then
      report:error(path, err.row ~= 0 and err.row or 0, nil, require("ctg.import_workbook").words(err.code, err.detail))
    else
      local text = tostring(err)
      local line, column, rest = text:match("^.-:(%d+):(%d+): (.*)$")
      if line then report:error(path, tonumber(line), tonumber(column), import.csv_words(rest, mapping))
      else report:error(path, 0, nil, import.csv_words((text:gsub("^" .. path:gsub("%p", "%%%0") .. ":%s*", "")), mapping)) end
    end
  end
  sink:finish()
  if report.sheet_of then report.sheet_of[path] = nil end
end

-- Each mapping given (opts.using) must read at least one of the files: one that reads none
-- is an option accepted and ignored.
local function unused_mappings(paths, using, report)
  -- the mapping files in the order given: the same command prints its errors in the same order
  local by_file, used, order = {}, {}, {}
  for _, m in ipairs(using) do
    if not by_file[m.file] then
      by_file[m.file] = {}
      order[#order + 1] = m.file
    end
    table.insert(by_file[m.file], m)
  end
  for _, path in ipairs(paths) do
    for _, m in ipairs(using) do
      if require("ctg.source").matches(m, path) then used[m.file] = true end
    end
  end
  for _, file in ipairs(order) do
    local list = by_file[file]
    if not used[file] then
      local globs = {}
      for _, m in ipairs(list) do
        for _, g in ipairs(m.files) do globs[#globs + 1] = "« " .. g .. " »" end
      end
      report:error(file, list[1].line, nil, msg.text("source.unused", { globs = table.concat(globs, ", ") }))
    end
  end
end

-- ---- the preview of --dry-run ---------------------------------------------------------------

-- The first observations each file gave and the counts per indicator, read back from the
-- database inside the transaction, before it is undone.
local function preview(d, report)
  for _, f in ipairs(report.files) do
    if f.kind == "observations" and f.import_id then
      -- a part of a ratio (a numerator or a denominator alone, from its own file) is an
      -- observation the file gives too: shown as « 85 / ? »
      local records = require("ctg.db").INDICATOR_RECORDS
      f.first = d.store:query([[SELECT subject, period, territory, dims, value, numerator, denominator, missing, text,
        line FROM observation WHERE import_id = ? AND ]] .. records .. [[ ORDER BY id LIMIT ?]], f.import_id, import.PREVIEW)
      -- where each comes from: the cell noted as it was stored (a mapping's), else the row
      -- and the value column of a plain file (read natively, no row seen here)
      f.places = {}
      local saved = report.sheet_of and report.sheet_of[f.file]
      report.sheet_of = report.sheet_of or {}
      report.sheet_of[f.file] = f.sheet
      for i, o in ipairs(f.first) do f.places[i] = f.cells[i] or report:place(f.file, o.line, f.value_column) end
      report.sheet_of[f.file] = saved
      f.per_indicator = d.store:query([[SELECT subject, count(*) AS n FROM observation WHERE import_id = ?
        AND ]] .. records .. [[ GROUP BY subject ORDER BY subject]], f.import_id)
    end
  end
end

-- ---- the command ------------------------------------------------------------------------

-- Undo the transaction if one is still open: SQLite already rolled back after a full disk or
-- an out-of-memory error, and "cannot rollback - no transaction is active" must never
-- replace the real cause.
local function rollback(d)
  if d.store:in_transaction() then pcall(d.store.exec, d.store, "ROLLBACK") end
end

--- The fingerprint recorded for a data file that left the project (its rows withdrawn): no
--- file's, so that the file brought back is read again.
import.GONE = "absent"

-- ctg build's files read anew (opts.settle): unchanged rows are no revisions, rows gone from
-- their file are withdrawn (DB:settle_file); each file's entry gets its counts. A file that
-- left the project (opts.gone) is an import of no row: every row it gave is withdrawn.
local function settle(d, report, opts)
  for _, f in ipairs(report.files) do
    if f.kind == "observations" and f.import_id then
      f.unchanged, f.withdrawn = d:settle_file(f.import_id, f.file)
      f.changed = f.rows - f.unchanged
    end
  end
  for _, file in ipairs(opts.gone or {}) do
    local id = d:begin_import(d:last_import_version(file), file, nil, opts.by, import.GONE, opts.commit)
    local _, withdrawn = d:settle_file(id, file)
    d:finish_import(id, 0)
    report.files[#report.files + 1] = { file = file, kind = "gone", rows = 0, changed = 0, withdrawn = withdrawn }
  end
end

--- Import files into database d in one transaction. opts: dry_run, label, date, by, source,
--- plan and encoding (for CSV: a name ctg.csv knows, default "auto"), sheet (a workbook's),
--- progress, using (mappings of ctg.source: each file read through the one whose `files`
--- matches its name); for ctg build: mapping_of (path -> the mapping the project chose for
--- it: the other files are read as they are), settle (a file read anew replaces its earlier
--- rows: see DB:settle_file), gone (data files that left the project: their rows withdrawn),
--- hashes (file -> fingerprint) and commit, recorded with each import. Returns the report: {files, errors, error_count, warnings, warning_count, stored =
--- bool}.
function import.run(d, paths, opts)
  opts = opts or {}
  local report = new_report(opts)
  -- SQLite's default page cache: schema 4 has no index to keep in memory while rows are
  -- appended (a 32 MB cache, for the indexes of schema 2, only made the import heavier)
  d.store:begin_write()
  d.store:begin_bulk()
  local checks = require("ctg.import_checks")
  local after = checks.mark(d) -- the rows of this import come after it
  local ok, err = pcall(function()
    if opts.using then unused_mappings(paths, opts.using, report) end
    for _, path in ipairs(paths) do
      local f = io.open(path, "rb")
      if not f then
        report:error(path, 0, nil, msg.text("import.cannot-open"))
      else
        local size = f:seek("end")
        f:close()
        local kind, why = import.detect(path)
        if size == 0 then
          report:error(path, 0, nil, msg.text("import.empty-file"))
        elseif not kind then
          report:error(path, 0, nil, why)
        elseif kind == "plan" and require("ctg.source").is_mapping_file(path) then
          report:error(path, 0, nil, msg.text("source.mapping-imported", { file = path }))
        elseif kind == "plan" then
          import_plan(d, path, opts, report)
        elseif opts.mapping_of and opts.mapping_of[path] then
          import_mapped(d, path, opts.mapping_of[path], opts, report)
        elseif opts.using then
          local mapping, no = require("ctg.source").choose(opts.using, path)
          if mapping then import_mapped(d, path, mapping, opts, report)
          else report:error(path, 0, nil, no) end
        elseif opts.sheet and kind ~= "workbook" then
          -- an option accepted and ignored would be a silent fallback
          report:error(path, 0, nil, msg.text("import.sheet-not-workbook"))
        elseif opts.encoding and kind ~= "csv" then
          report:error(path, 0, nil, msg.text("import.encoding-not-csv"))
        elseif kind == "csv" then
          import_csv(d, path, opts, report)
        elseif kind == "workbook" then
          import_workbook(d, path, opts, report)
        else
          import_yaml(d, path, opts, report)
        end
      end
    end
  end)
  d.store:end_bulk()
  if ok and opts.settle and report.error_count == 0 then ok, err = pcall(settle, d, report, opts) end
  -- once every row is stored, from the rows themselves: parts without their other part
  -- (errors), implausible values (warnings)
  if ok and report.error_count == 0 then ok, err = pcall(checks.run, d, report, after) end
  if not ok then
    rollback(d)
    error(err, 0)
  end
  if report.error_count == 0 and opts.dry_run then
    local pok, perr = pcall(preview, d, report)
    if not pok then
      rollback(d)
      error(perr, 0)
    end
  end
  if report.error_count > 0 or opts.dry_run then
    rollback(d)
    report.stored = false
  else
    -- a commit can fail too (disk full): its cause is the error, the transaction is undone
    -- commit_write keeps the data fingerprint of the plans written (obs_fingerprint)
    local committed, cerr = pcall(d.store.commit_write, d.store)
    if not committed then
      rollback(d)
      error(cerr, 0)
    end
    report.stored = true
  end
  return report
end

return import
