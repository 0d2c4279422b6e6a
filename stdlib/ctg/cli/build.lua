-- ctg build [DOSSIER] [--check] [--adopt] [--known-at MOMENT]
-- Builds a CTG project (ctg.project): checks the plan and its avenants, imports what changed
-- since the last build into the project's database — never recreated: a file whose bytes
-- changed is read anew, its changed rows become revisions and its removed rows withdrawals
-- (ctg.import, DB:settle_file), an unchanged file is not read (its fingerprint is stored with
-- its import) —, runs the rules, renders every report of ctg.yaml into the output folder,
-- records each one as a delivery, and prints a short French summary. --check only verifies,
-- in a temporary database, writing nothing (for the CI of a CTG repository); --known-at
-- rebuilds the reports as the data was known then, importing nothing.
local args = require("ctg.cli.args")
local project = require("ctg.project")
local sys = require("ctg.sys")

local USAGE = "ctg build [DOSSIER] [--check] [--adopt] [--known-at MOMENT]"

-- French: 0 and 1 take the singular
local function plural(n, one, many) return n .. " " .. (n <= 1 and one or (many or one .. "s")) end

local function fail_data(lines, message)
  for _, l in ipairs(lines or {}) do io.stderr:write("erreur : ", l, "\n") end
  args.fail(args.EXIT.DATA, message)
end

local function remove_db(path)
  for _, suffix in ipairs({ "", "-wal", "-shm", "-journal" }) do os.remove(path .. suffix) end
end

-- mkdir -p
local function make_dirs(path)
  local so_far = path:sub(1, 1) == "/" and "" or nil
  for part in path:gmatch("[^/]+") do
    so_far = so_far and so_far .. "/" .. part or part
    local ok, err = sys.mkdir(so_far)
    if not ok then args.fail(args.EXIT.USAGE, "build : impossible de créer le dossier " .. so_far .. " (" .. err .. ")") end
  end
end

-- Check the plan; returns the plan and its counts of warnings (errors stop the build).
local function check_plan(p)
  local load = require("ctg.load")
  local plan, findings, has_error = load.check(p.plan)
  local errors, warnings = {}, 0
  for _, f in ipairs(findings) do
    if f.severity == "error" then errors[#errors + 1] = load.format_finding(f) else warnings = warnings + 1 end
  end
  if has_error or not plan then
    fail_data(errors, "build : le plan " .. p.plan .. " a " .. plural(#errors, "erreur") ..
      " : rien n'a été construit (les rapports de " .. p.output .. "/ sont ceux de la construction précédente)")
  end
  return plan, warnings
end

-- Import files into database path (created when fresh); one transaction: all or nothing.
-- opts: settle, hashes, commit (see ctg.import); effective: the plan's date when it has none.
-- opts.mapping_of: file -> the project's mapping (ctg.source) whose `files` matches its name,
-- the other files read as they are; opts.unmatched: the data files none matches, with the
-- mappings tried (an error on such a file says which).
local function import(path, files, opts)
  local ok, report
  do
    local d = args.open_db({ db = path }, nil, "write")
    ok, report = pcall(require("ctg.import").run, d, files, { effective_for = opts.effective, by = "ctg build",
      settle = opts.settle, hashes = opts.hashes, commit = opts.commit, gone = opts.gone,
      mapping_of = opts.mapping_of })
    d:close()
  end
  -- statements still referenced by Lua keep SQLite's connection open (sqlite3_close_v2)
  -- until they are collected: collect them (the database is out of scope)
  collectgarbage()
  collectgarbage()
  if not ok then return nil, { tostring(report) } end
  if report.error_count > 0 then
    local errors = {}
    for _, e in ipairs(report.errors) do errors[#errors + 1] = e end
    if report.error_count > #report.errors then
      errors[#errors + 1] = "… et " .. plural(report.error_count - #report.errors, "autre erreur", "autres erreurs")
    end
    for _, u in ipairs(opts.unmatched or {}) do
      local failed = false
      for _, e in ipairs(report.errors) do
        if e:sub(1, #u.file + 1) == u.file .. ":" or e:sub(1, #u.file + 2) == u.file .. " :" then failed = true end
      end
      if failed then errors[#errors + 1] = require("ctg.msg").text("project.sources.none", { file = u.file, tried = u.tried }) end
    end
    return nil, errors
  end
  return report
end

-- The plan versions of the database the project does not have (a build that went on would
-- mix them into the project's reports without a word): the build stops, naming them, unless
-- --adopt; returns them (to adopt once the import succeeded).
local function check_versions(p, plan, opts)
  local d = args.open_db({ db = p.database }, nil, "write")
  local foreign = d:foreign_versions(plan.id)
  d:close()
  if #foreign == 0 or opts.adopt then return foreign end
  local present, msg = require("ctg.present"), require("ctg.msg")
  local lines = {}
  for _, v in ipairs(foreign) do
    lines[#lines + 1] = msg.text("project.foreign.line", { database = p.database, version = v.version, plan = v.plan_id,
      file = v.file or "?", at = present.moment(v.imported_at), by = tostring(v.imported_by),
      other = v.plan_id ~= plan.id and msg.text("project.foreign.other", { plan = plan.id }) or "" })
  end
  fail_data(lines, msg.plural("project.foreign", #foreign, { project = project.FILE, database = p.database }))
end

-- Record that the project keeps the versions (--adopt): an import of no row from each, by
-- "ctg build --adopt", with the commit; after the build's import, so that a failed import
-- leaves the database as it was.
local function adopt(p, foreign, commit)
  if #foreign == 0 then return end
  local d = args.open_db({ db = p.database }, nil, "write")
  d:transaction(function()
    for _, v in ipairs(foreign) do d:adopt_version(v, commit) end
  end)
  d:close()
end

-- What the earlier builds read that the project no longer has: the data files (their rows
-- are then withdrawn) and the plan files (the plan renamed, an avenant taken out of ctg.yaml:
-- a stored version does not go away, so the build stops).
local function left_files(d, plan_files, current)
  local keep = {}
  for _, f in ipairs(plan_files) do keep[f.file] = true end
  for _, f in ipairs(current.data) do keep[f.file] = true end
  local data, plans = {}, {}
  for _, r in ipairs(d:build_files()) do
    if not keep[r.file] then
      if r.is_plan then plans[#plans + 1] = r.file
      elseif r.hash ~= require("ctg.import").GONE then data[#data + 1] = r.file end
    end
  end
  return data, plans
end

-- The fingerprint of a file's last read by a build (nil: never read).
local function last_hash(d, file)
  local hash = d:build_hash(file)
  -- a file brought back after it left the project is new again
  return hash ~= require("ctg.import").GONE and hash or nil
end

-- Bring the project's database up to date (or build a temporary one for --check); returns
-- the database path, a sentence saying what was done, and the import's report (nil when
-- nothing was read). plan_files: the plan, then its avenants; hashes: each file's fingerprint.
local function update_database(p, plan, plan_files, current, opts, commit)
  local msg = require("ctg.msg")
  -- the file ctg.yaml names as the base is written only if it is one of ctg's
  if not opts.check then
    local writable, refusal = project.database_target(p.database)
    if not writable then fail_data({ refusal }, "build : rien n'a été construit") end
  end
  -- a plan without any date takes effect at the start of its period, not on the day of the
  -- build: the build depends on the files only
  local effective = {}
  if not (plan.effective or plan.signed or plan.council_date) then effective[p.plan] = tostring(plan.period[1]) end
  local hashes = {}
  for _, f in ipairs(plan_files) do hashes[f.file] = f.hash end
  for _, f in ipairs(current.data) do hashes[f.file] = f.hash end
  if opts.check then
    local target = os.tmpname()
    remove_db(target)
    local list = {}
    for _, f in ipairs(plan_files) do list[#list + 1] = f.file end
    for _, f in ipairs(current.data) do list[#list + 1] = f.file end
    local report, errors = import(target, list, { effective = effective, hashes = hashes, commit = commit,
                                                  mapping_of = current.mapping_of, unmatched = current.unmatched })
    if not report then
      remove_db(target)
      fail_data(errors, "build : l'import des données a échoué : rien n'a été importé")
    end
    local rows = 0
    for _, f in ipairs(report.files) do rows = rows + (f.rows or 0) end
    return target, msg.plural("project.db.checked", #current.data, { rows = msg.plural("project.rows", rows) }), report
  end
  -- a first build that fails leaves no database behind
  local fresh = sys.kind(p.database) ~= "file"
  local foreign = check_versions(p, plan, opts)
  -- what changed since the last build: the plan or an avenant (all of them are read again,
  -- in order: an avenant applies to the plan as it is now), new and edited data files
  local list, new, changed, gone = {}, 0, 0
  do
    local d = args.open_db_readonly({ db = p.database })
    local plans
    gone, plans = left_files(d, plan_files, current)
    if #plans > 0 then
      d:close()
      local lines = {}
      for _, f in ipairs(plans) do
        lines[#lines + 1] = msg.text("project.plan-left.line", { project = project.FILE, file = f, database = p.database })
      end
      fail_data(lines, msg.plural("project.plan-left", #plans, { project = project.FILE, database = p.database }))
    end
    local plan_changed = false
    for _, f in ipairs(plan_files) do
      if last_hash(d, f.file) ~= f.hash then plan_changed = true end
    end
    if plan_changed then for _, f in ipairs(plan_files) do list[#list + 1] = f.file end end
    for _, f in ipairs(current.data) do
      local before = last_hash(d, f.file)
      if before ~= f.hash then
        list[#list + 1] = f.file
        if before then changed = changed + 1 else new = new + 1 end
      end
    end
    d:close()
  end
  local adopted_text = #foreign > 0 and msg.plural("project.db.adopted", #foreign) or ""
  if #list == 0 and #gone == 0 then
    adopt(p, foreign, commit)
    return p.database, msg.text("project.db.up-to-date") .. adopted_text
  end
  local report, errors = import(p.database, list, { effective = effective, settle = true, hashes = hashes, commit = commit,
                                                    gone = gone, mapping_of = current.mapping_of, unmatched = current.unmatched })
  if not report then
    if fresh then remove_db(p.database) end
    fail_data(errors, "build : l'import des données a échoué : rien n'a été importé, la base et les rapports de " ..
      p.output .. "/ sont ceux de la construction précédente")
  end
  adopt(p, foreign, commit)
  local rows, revised, withdrawn, versions = 0, 0, 0, {}
  for _, f in ipairs(report.files) do
    if f.kind == "plan" then
      if f.new then versions[#versions + 1] = "v" .. f.version end
    elseif f.kind == "gone" then
      withdrawn = withdrawn + f.withdrawn
    else
      rows = rows + (f.rows or 0)
      revised = revised + (f.changed or f.rows or 0)
      withdrawn = withdrawn + (f.withdrawn or 0)
    end
  end
  local parts = {}
  if #versions > 0 then parts[#parts + 1] = msg.plural("project.db.versions", #versions, { list = table.concat(versions, ", ") }) end
  if new > 0 then parts[#parts + 1] = msg.plural("project.db.new", new) end
  if changed > 0 then parts[#parts + 1] = msg.plural("project.db.changed", changed) end
  if #gone > 0 then parts[#parts + 1] = msg.plural("project.db.gone", #gone) end
  if #parts == 0 then parts[1] = msg.text("project.db.plan-same") end
  return p.database, msg.text("project.db.appended", { what = table.concat(parts, ", "),
    rows = msg.plural("project.rows-read", rows), revisions = msg.plural("project.revisions", revised),
    withdrawals = msg.plural("project.withdrawals", withdrawn) }) .. adopted_text, report
end

-- The rules at each period the reports use (the default period when there is none).
local function run_rules(database, periods, known_at)
  local timeline = require("ctg.timeline")
  local d = args.open_db_readonly({ db = database })
  local out = {}
  if #periods == 0 then periods = { false } end
  for _, period in ipairs(periods) do
    local ok, ev = pcall(timeline.evaluate, d, { period = period or nil, known_at = known_at,
                                                max_cells = require("ctg.eval").DOCUMENT_CELLS })
    if not ok then d:close(); args.fail(args.EXIT.DATA, "build : " .. tostring(ev)) end
    local counts = { critical = 0, warning = 0, info = 0, error = 0 }
    for _, f in ipairs(require("ctg.rules").run(ev)) do counts[f.severity] = (counts[f.severity] or 0) + 1 end
    out[#out + 1] = { period = ev.period, counts = counts }
  end
  d:close()
  return out
end

-- Record the reports just written as deliveries, in one transaction: what a later ctg
-- livraisons needs to rebuild each and compare (see the table delivery, ctg help store).
local function record_deliveries(database, delivered, commit)
  local json = require("ctg.json")
  local d = args.open_db({ db = database }, nil, "write")
  d:transaction(function()
    for _, x in ipairs(delivered) do
      local prov = require("ctg.report").provenance_of(x.doc)
      d:record_delivery({ path = x.file, format = x.format, script = x.script, script_hash = prov.script_hash,
        period = prov.period, arguments = json.encode(x.args), file_hash = project.fingerprint(x.file),
        content_hash = x.content_hash, as_of = prov.as_of, plan_version = x.version_id, git_commit = commit })
    end
  end)
  d:close()
end

-- Run every report of the project, then write them all: a script that fails leaves every
-- output of the previous build in place. Returns the files written (none with check).
-- known_at: the reports as the data was known then, into OUTPUT/connues-au-MOMENT/.
local function render_reports(p, database, commit, opts)
  local output = require("ctg.output")
  local docs = {}
  local d = args.open_db_readonly({ db = database })
  for _, r in ipairs(p.reports) do
    local source = project.read(r.script)
    local stem = r.script:match("([^/]+)%.lua$") or r.script:match("[^/]+$")
    for _, period in ipairs(r.periods) do
      local ok, doc = pcall(require("ctg.reporting").run, d, r.script, source,
        { period = period, args = r.args, commit = commit, known_at = opts.known_at })
      if not ok then
        d:close()
        -- only ctg's own errors carry an exit code (ctg.cli.args.fail), read raw
        local code, text = args.error_parts(doc)
        args.fail(code, "build : le rapport " .. r.script .. " (" .. period .. ") a échoué : " ..
          text .. " ; rien n'a été écrit, les rapports de " .. p.output .. "/ sont ceux de la construction précédente")
      end
      docs[#docs + 1] = { doc = doc, stem = stem, period = period, formats = r.formats, script = r.script, args = r.args }
    end
  end
  local version_of = {}
  for _, x in ipairs(docs) do
    local prov = require("ctg.report").provenance_of(x.doc)
    local id, n = prov.plan:match("^(.*) v(%d+)$")
    version_of[x] = d:plan_version(id, { version = tonumber(n) }).id
  end
  d:close()
  local written = {}
  if opts.check then return written end
  local folder = p.output
  if opts.known_at then folder = p.output .. "/connues-au-" .. require("ctg.date").moment(opts.known_at).text:gsub(":", "-") end
  make_dirs(folder)
  local delivered = {}
  for _, x in ipairs(docs) do
    for _, format in ipairs(x.formats) do
      local out = folder .. "/" .. x.stem .. "-" .. x.period .. "." .. format
      for _, f in ipairs(output.write(x.doc, out, { command = "build", script = x.script })) do
        written[#written + 1] = f
        delivered[#delivered + 1] = { doc = x.doc, file = f, format = format, script = x.script, args = x.args,
          version_id = version_of[x], content_hash = output.content_hash(x.doc, out, f) }
      end
    end
  end
  -- a rebuild of the past is no delivery
  if not opts.known_at then record_deliveries(database, delivered, commit) end
  return written
end

-- The mappings of the project (sources:), checked, and each data file with the one that reads
-- it: returns the data entries {file, hash}, file -> mapping (import.run's mapping_of), and the
-- files no mapping matches, with the mappings tried. A mapping file with an error, or a data
-- file two mappings match, stops the build before anything is read.
local function data_with_mappings(p, files)
  local msg = require("ctg.msg")
  local data, mapping_of, unmatched = {}, {}, {}
  local mappings = {}
  if #p.sources > 0 then
    local errors
    mappings, errors = project.load_mappings(p)
    if not mappings then fail_data(errors, msg.plural("project.sources-bad", #errors)) end
  end
  local tried = {}
  for _, m in ipairs(mappings) do
    local globs = m.mapping.files
    tried[#tried + 1] = m.mapping.id .. " : " .. (type(globs) == "table" and table.concat(globs, ", ") or tostring(globs))
  end
  local errors = {}
  for _, f in ipairs(files) do
    local m, why = project.mapping_for(mappings, f)
    if m == nil then
      errors[#errors + 1] = why
    else
      data[#data + 1] = { file = f, hash = project.fingerprint_with(f, m) }
      if m then mapping_of[f] = m.mapping end
      if not m and #mappings > 0 then unmatched[#unmatched + 1] = { file = f, tried = table.concat(tried, " ; ") } end
    end
  end
  if #errors > 0 then fail_data(errors, msg.plural("project.sources-bad", #errors)) end
  return data, mapping_of, unmatched
end

return function(argv)
  local msg = require("ctg.msg")
  local opts, pos = args.parse(argv, { command = "build", usage = USAGE, max = 1,
    options = { check = { flag = true }, adopt = { flag = true }, known_at = { value = true } } })
  if opts.known_at then require("ctg.timeline").check_options({ known_at = opts.known_at }, "build") end
  if opts.check and (opts.known_at or opts.adopt) then
    args.fail(args.EXIT.USAGE, msg.text("project.usage.check-with", { option = opts.known_at and "known-at" or "adopt" }))
  end
  if opts.known_at and opts.adopt then args.fail(args.EXIT.USAGE, msg.text("project.usage.known-at-adopt")) end
  local start = pos[1] or "."
  local root = project.find(start)
  if not root then
    args.fail(args.EXIT.USAGE, "build : pas de projet ici (aucun " .. project.FILE .. " dans " .. start ..
      " ni dans ses dossiers parents) ; créez-en un avec ctg init DOSSIER")
  end
  -- from the project's folder, every path stored or printed is relative to the project
  local ok, err = sys.chdir(root)
  if not ok then args.fail(args.EXIT.USAGE, "build : " .. err) end
  local p, errors = project.load()
  if not p then fail_data(errors, "build : " .. project.FILE .. " a " .. plural(#errors, "erreur") .. " : rien n'a été construit") end
  local plan, warnings = check_plan(p)
  local amendments, aerrors = project.check_amendments(p, plan)
  if not amendments then fail_data(aerrors, msg.plural("project.avenants-bad", #aerrors)) end
  local plan_files = { { file = p.plan, hash = project.fingerprint(p.plan) } }
  for _, a in ipairs(amendments) do plan_files[#plan_files + 1] = { file = a.path, hash = project.fingerprint(a.path) } end
  local current = { data = {}, mapping_of = {}, unmatched = {} }
  local data_files, link_errors = project.data_files(p)
  if #link_errors > 0 then
    fail_data(link_errors, "build : " .. project.FILE .. " a " .. plural(#link_errors, "erreur") .. " : rien n'a été construit")
  end
  current.data, current.mapping_of, current.unmatched = data_with_mappings(p, data_files)
  local commit = project.commit(".")
  local database, done, report
  if opts.known_at then
    if sys.kind(p.database) ~= "file" then
      args.fail(args.EXIT.USAGE, msg.text("project.usage.known-at-no-base", { database = p.database }))
    end
    local date = require("ctg.date")
    database, done = p.database, msg.text("project.db.known-at", { moment = opts.known_at:find("T") and
      "le " .. date.french(opts.known_at) or date.french_after(opts.known_at, "le") })
  else
    database, done, report = update_database(p, plan, plan_files, current, opts, commit)
  end
  local periods, seen = {}, {}
  for _, r in ipairs(p.reports) do
    for _, period in ipairs(r.periods) do
      if not seen[period] then seen[period] = true; periods[#periods + 1] = period end
    end
  end
  table.sort(periods)
  local rules = run_rules(database, periods, opts.known_at)
  local built_ok, written = pcall(render_reports, p, database, commit, opts)
  if opts.check then remove_db(database) end
  if not built_ok then error(written, 0) end
  -- the summary, through the catalogue (msg/project.lua; the rules' counts as ctg rules says them)
  local title = p.name and "« " .. p.name .. " »" or root
  print(msg.text(opts.check and "project.check.title" or "project.build.title", { title = title,
    commit = commit and msg.text("project.commit", { commit = commit:sub(1, 12),
      modified = commit:find("modifié") and msg.text("project.modified") or "" }) or "" }))
  print(msg.text("project.plan-line", { file = p.plan, plan = plan.id, warnings = msg.plural("project.warnings", warnings) }))
  for _, a in ipairs(amendments) do
    print(msg.text("project.amendment-line", { file = a.path, label = a.label or a.path,
      date = require("ctg.date").french_after(a.effective, "le") }))
  end
  print(msg.text("project.data-line", { files = msg.plural("project.files", #current.data),
    database = opts.check and "" or msg.text("project.database", { database = database }), done = done }))
  -- each data file read: its account (rows read, stored, skipped by a mapping's rule, outside
  -- the plan with the first names, missing), as ctg import gives it
  local account = require("ctg.cli.account")
  -- what the import warned about (a rate that looks like a fraction, a published figure far
  -- from its members' roll-up): said as ctg import says it, never dropped by the build
  for _, w in ipairs(report and report.warnings or {}) do io.stderr:write(msg.text("import.warning", { text = w }), "\n") end
  if report and report.warning_count > #report.warnings then
    io.stderr:write(msg.text("import.more-warnings", { n = report.warning_count - #report.warnings }), "\n")
  end
  for _, f in ipairs(report and report.files or {}) do
    if f.kind == "observations" then
      print(msg.text("project.account-line", { file = f.file, account = (account(f):gsub("^%s*", "")),
        converted = f.encoding and msg.text("import.converted", { encoding = f.encoding }) or "" }))
    end
  end
  local critical = false
  for _, r in ipairs(rules) do
    local c = r.counts
    if c.critical > 0 then critical = true end
    print(msg.text("project.rules-line", { period = r.period, counts = msg.text("rules.cli.counts", {
      critical = msg.plural("rules.cli.critical", c.critical), warning = msg.plural("rules.cli.warning", c.warning),
      info = msg.plural("rules.cli.info", c.info), failed = c.error > 0 and msg.plural("rules.cli.failed", c.error) or "" }) }))
  end
  if opts.check then
    print(msg.plural("project.reports-checked", #p.reports))
  else
    local folder = written[1] and written[1]:match("^(.*)/[^/]*$") or p.output
    print(msg.text("project.reports-written", { files = msg.plural("project.files", #written), output = folder }))
    for _, f in ipairs(written) do print("           " .. f) end
  end
  if opts.check and critical then args.fail(args.EXIT.RULES, msg.text("project.critical")) end
  return args.EXIT.OK
end
