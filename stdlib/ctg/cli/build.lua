-- ctg build [DOSSIER] [--check]
-- Builds a CTG project (ctg.project): checks the plan, imports what changed since the last
-- build into the project's database (a fresh one when the plan or an imported data file was
-- edited, so that the result depends only on the files), runs the rules, renders every
-- report of ctg.yaml into the output folder and prints a short French summary. --check only
-- verifies, in a temporary database, writing nothing (for the CI of a CTG repository).
local args = require("ctg.cli.args")
local project = require("ctg.project")
local sys = require("ctg.sys")

local USAGE = "ctg build [DOSSIER] [--check]"

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
local function import(path, files, plan, p)
  -- a plan without any date takes effect at the start of its period, not on the day of the
  -- build: the build depends on the files only
  local effective
  if files[1] == p.plan and not (plan.effective or plan.signed or plan.council_date) then
    effective = tostring(plan.period[1])
  end
  local ok, report
  do
    local d = args.open_db({ db = path }, nil, "write")
    ok, report = pcall(require("ctg.import").run, d, files, { effective = effective, by = "ctg build" })
    d:close()
  end
  -- statements still referenced by Lua keep SQLite's connection open (sqlite3_close_v2)
  -- until they are collected: collect them (the database is out of scope), so that the WAL
  -- is folded into the file before it is renamed
  collectgarbage()
  collectgarbage()
  if not ok then return nil, { tostring(report) } end
  if report.error_count > 0 then
    local errors = {}
    for _, e in ipairs(report.errors) do errors[#errors + 1] = e end
    if report.error_count > #report.errors then
      errors[#errors + 1] = "… et " .. plural(report.error_count - #report.errors, "autre erreur", "autres erreurs")
    end
    return nil, errors
  end
  local rows = 0
  for _, f in ipairs(report.files) do rows = rows + (f.rows or 0) end
  return rows
end

-- Bring the project's database up to date (or build a temporary one for --check); returns
-- the database path and a sentence saying what was done.
local function update_database(p, plan, current, check)
  local files = {}
  for _, d in ipairs(current.data) do files[#files + 1] = d.file end
  local todo, why
  if check then
    todo, why = "fresh", require("ctg.msg").text("project.db.temporary")
  else
    todo, why = project.plan_import(project.state(p.database), current)
  end
  local msg = require("ctg.msg")
  -- the file ctg.yaml names as the base is replaced or written only if it is one of ctg's
  if not check then
    local replaceable, refusal = project.database_target(p.database)
    if not replaceable then fail_data({ refusal }, "build : rien n'a été construit") end
  end
  if todo == "none" then return p.database, msg.text("project.db.up-to-date") end
  local target, list = p.database, why
  if todo == "fresh" then
    -- built aside and renamed over the old one: a failed import leaves the old base whole
    target = check and os.tmpname() or p.database .. ".tmp"
    remove_db(target)
    list = { p.plan }
    for _, f in ipairs(files) do list[#list + 1] = f end
  end
  local rows, errors = import(target, list, plan, p)
  if not rows then
    if todo == "fresh" then remove_db(target) end
    fail_data(errors, "build : l'import des données a échoué : rien n'a été importé, " ..
      (check and "" or "la base et les rapports de " .. p.output .. "/ sont ceux de la construction précédente"))
  end
  if check then return target, msg.plural("project.db.checked", #list - 1, { rows = msg.plural("project.rows", rows) }) end
  if todo == "fresh" then
    remove_db(p.database)
    local ok, err = os.rename(target, p.database)
    if not ok then args.fail(args.EXIT.DATA, "build : " .. tostring(err)) end
  end
  project.save_state(p.database, current)
  local n = #list - (todo == "fresh" and 1 or 0)
  if todo == "fresh" then
    return p.database, msg.plural("project.db.recreated", n, { why = why, rows = msg.plural("project.rows", rows) })
  end
  return p.database, msg.plural("project.db.new", n, { rows = msg.plural("project.rows", rows) })
end

-- The rules at each period the reports use (the default period when there is none).
local function run_rules(database, periods)
  local timeline = require("ctg.timeline")
  local d = args.open_db_readonly({ db = database })
  local out = {}
  if #periods == 0 then periods = { false } end
  for _, period in ipairs(periods) do
    local ok, ev = pcall(timeline.evaluate, d, { period = period or nil, max_cells = require("ctg.eval").DOCUMENT_CELLS })
    if not ok then d:close(); args.fail(args.EXIT.DATA, "build : " .. tostring(ev)) end
    local counts = { critical = 0, warning = 0, info = 0, error = 0 }
    for _, f in ipairs(require("ctg.rules").run(ev)) do counts[f.severity] = (counts[f.severity] or 0) + 1 end
    out[#out + 1] = { period = ev.period, counts = counts }
  end
  d:close()
  return out
end

-- Run every report of the project, then write them all: a script that fails leaves every
-- output of the previous build in place. Returns the files written (none with check).
local function render_reports(p, database, commit, check)
  local output = require("ctg.output")
  local docs = {}
  local d = args.open_db_readonly({ db = database })
  for _, r in ipairs(p.reports) do
    local source = project.read(r.script)
    local stem = r.script:match("([^/]+)%.lua$") or r.script:match("[^/]+$")
    for _, period in ipairs(r.periods) do
      local ok, doc = pcall(require("ctg.reporting").run, d, r.script, source, { period = period, args = r.args, commit = commit })
      if not ok then
        d:close()
        -- only ctg's own errors carry an exit code (ctg.cli.args.fail), read raw
        local code, text = args.error_parts(doc)
        args.fail(code, "build : le rapport " .. r.script .. " (" .. period .. ") a échoué : " ..
          text .. " ; rien n'a été écrit, les rapports de " .. p.output .. "/ sont ceux de la construction précédente")
      end
      docs[#docs + 1] = { doc = doc, out = p.output .. "/" .. stem .. "-" .. period, formats = r.formats }
    end
  end
  d:close()
  local written = {}
  if check then return written end
  make_dirs(p.output)
  for _, x in ipairs(docs) do
    for _, format in ipairs(x.formats) do
      for _, f in ipairs(output.write(x.doc, x.out .. "." .. format, { command = "build" })) do written[#written + 1] = f end
    end
  end
  return written
end

return function(argv)
  local opts, pos = args.parse(argv, { command = "build", usage = USAGE, max = 1,
    options = { check = { flag = true } } })
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
  local current = { ctg_version = args.version(), plan = { file = p.plan, hash = project.fingerprint(p.plan) }, data = {} }
  local data_files, link_errors = project.data_files(p)
  if #link_errors > 0 then
    fail_data(link_errors, "build : " .. project.FILE .. " a " .. plural(#link_errors, "erreur") .. " : rien n'a été construit")
  end
  for _, f in ipairs(data_files) do
    current.data[#current.data + 1] = { file = f, hash = project.fingerprint(f) }
  end
  local database, done = update_database(p, plan, current, opts.check)
  local periods, seen = {}, {}
  for _, r in ipairs(p.reports) do
    for _, period in ipairs(r.periods) do
      if not seen[period] then seen[period] = true; periods[#periods + 1] = period end
    end
  end
  table.sort(periods)
  local rules = run_rules(database, periods)
  local commit = project.commit(".")
  local built_ok, written = pcall(render_reports, p, database, commit, opts.check)
  if opts.check then remove_db(database) end
  if not built_ok then error(written, 0) end
  -- the summary, through the catalogue (msg/project.lua; the rules' counts as ctg rules says them)
  local msg = require("ctg.msg")
  local title = p.name and "« " .. p.name .. " »" or root
  print(msg.text(opts.check and "project.check.title" or "project.build.title", { title = title,
    commit = commit and msg.text("project.commit", { commit = commit:sub(1, 12),
      modified = commit:find("modifié") and msg.text("project.modified") or "" }) or "" }))
  print(msg.text("project.plan-line", { file = p.plan, plan = plan.id, warnings = msg.plural("project.warnings", warnings) }))
  print(msg.text("project.data-line", { files = msg.plural("project.files", #current.data),
    database = opts.check and "" or msg.text("project.database", { database = database }), done = done }))
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
    print(msg.text("project.reports-written", { files = msg.plural("project.files", #written), output = p.output }))
    for _, f in ipairs(written) do print("           " .. f) end
  end
  if opts.check and critical then args.fail(args.EXIT.RULES, msg.text("project.critical")) end
  return args.EXIT.OK
end
