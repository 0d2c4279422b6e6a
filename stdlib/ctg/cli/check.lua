-- ctg check PLAN [--format text|json]: summary and findings of a plan file, or of a mapping
-- file (one whose declarations are `source "id" { … }`: ctg.source).
local args = require("ctg.cli.args")
local load = require("ctg.load")

local msg = require("ctg.msg")

local COUNT_ORDER = { "axes", "objectives", "actions", "steps", "sheets", "indicators", "stakes",
                      "committees", "territories", "groups" }

local function tally(findings)
  local n = { error = 0, warning = 0, info = 0 }
  for _, f in ipairs(findings) do n[f.severity] = (n[f.severity] or 0) + 1 end
  return n
end

-- The levels a plan may name itself (plan.labels), by the key of their count.
local LEVEL_OF = { axes = "axis", objectives = "objective", actions = "action", steps = "step" }

-- The counts of a plan in words, each level by the name the plan gives it ("5 thématiques,
-- 8 fiches"), and the lines that explain a name the plan gives a level when ctg counts
-- something else under that word (axes labelled « Enjeu » beside the plan's stakes, actions
-- labelled « Fiche » beside the sheets): that other count takes its full name (« enjeux de
-- progrès », « fiches descriptives »).
local function count_lines(p)
  local present = require("ctg.present")
  local c, words, labelled = p:counts(), {}, {}
  for _, k in ipairs(COUNT_ORDER) do
    local level = LEVEL_OF[k]
    local own = level and type(p.labels) == "table" and p.labels[level]
    if own then
      local one = present.level_lower(p, level)
      words[k] = { one, present.plural(one) }
      labelled[#labelled + 1] = { key = k, word = one:match("^[^%s]+"), label = own }
    end
  end
  local notes = {}
  for _, l in ipairs(labelled) do
    for _, k in ipairs(COUNT_ORDER) do
      if k ~= l.key and not words[k] and msg.count_word(k, 1) == l.word then
        words[k] = { msg.text("check.long." .. k .. ".one"), msg.text("check.long." .. k .. ".many") }
        notes[#notes + 1] = msg.text("check.label-clash", { label = l.label, levels = msg.count_word(l.key, 2),
          n = c[l.key], others = words[k][2], m = c[k], what = msg.text("check.what." .. k) })
      end
    end
  end
  local parts = {}
  for _, k in ipairs(COUNT_ORDER) do
    local w = words[k]
    parts[#parts + 1] = w and (c[k] .. " " .. (msg.singular(c[k]) and w[1] or w[2])) or msg.count(c[k], k)
  end
  local out = { "  " .. table.concat(parts, ", ") }
  for _, n in ipairs(notes) do out[#out + 1] = "  " .. n end
  return out
end

local function print_text(path, p, findings)
  local out = {}
  if p and p.id then
    out[#out + 1] = path .. ": " .. p.id .. " — " .. tostring(p.title) ..
      (p.period and " (" .. p.period[1] .. "-" .. p.period[2] .. ")" or "")
    for _, line in ipairs(count_lines(p)) do out[#out + 1] = line end
  end
  for _, f in ipairs(findings) do
    out[#out + 1] = msg.text("check.finding", { severity = msg.severity(f.severity),
      finding = load.format_finding(f), code = f.code })
  end
  local n = tally(findings)
  out[#out + 1] = msg.text("check.summary", { errors = n.error, errors_word = msg.count_word("errors", n.error),
    warnings = n.warning, warnings_word = msg.count_word("warnings", n.warning),
    notes = n.info, notes_word = msg.count_word("notes", n.info) })
  io.stdout:write(table.concat(out, "\n"), "\n")
end

local function print_json(p, findings)
  local json = require("ctg.json")
  local counts = p and p.id and p:counts() or {}
  local list = {}
  for i, f in ipairs(findings) do
    list[i] = { severity = f.severity, code = f.code, message = f.message, file = f.file, line = f.line }
  end
  -- the plan's id first (absent when the file does not declare one): every JSON names its plan
  local doc = { plan = p and p.id or nil, counts = counts, findings = list }
  io.stdout:write(json.encode(doc, { indent = 2, order = function(t)
    if t == doc then return { "plan", "counts", "findings" } end
    if t == counts then return COUNT_ORDER end
    if t.severity then return { "severity", "code", "message", "file", "line" } end
  end }), "\n")
end

-- What an avenant changes, printed after the summary of the resulting plan.
local function print_amendment(info, p)
  local timeline, diff = require("ctg.timeline"), require("ctg.diff")
  local lines = { msg.text("plans.check-avenant", { avenant = timeline.amendment_text(info),
    base = info.base_version and msg.text("plans.check-base-version", { n = info.base_version.version }) or
      msg.text("plans.check-base-file", { source = info.base.source }) }) }
  local changes = diff.plans(info.base, p)
  for _, l in ipairs(diff.format_text(changes)) do lines[#lines + 1] = "  " .. l end
  local n = { added = 0, removed = 0, changed = 0 }
  for _, c in ipairs(changes) do n[c.change] = n[c.change] + 1 end
  lines[#lines + 1] = "  " .. args.changes_line(n)
  io.stdout:write(table.concat(lines, "\n"), "\n")
end

-- A mapping file: each source and the files it reads, then its errors; exit 3 on an error.
local function check_mapping(path, format)
  local mappings, errors = require("ctg.source").check(path)
  if format == "json" then
    local list = {}
    for i, m in ipairs(mappings or {}) do list[i] = { id = m.id, title = m.title, files = m.files, line = m.line } end
    local findings = {}
    for i, e in ipairs(errors) do findings[i] = { severity = "error", message = e.message, file = e.file, line = e.line } end
    local doc = { sources = list, findings = findings }
    io.stdout:write(require("ctg.json").encode(doc, { indent = 2, order = function(t)
      if t == doc then return { "sources", "findings" } end
      if t.severity then return { "severity", "message", "file", "line" } end
      if t.id then return { "id", "title", "files", "line" } end
    end }), "\n")
  else
    local out = {}
    for _, m in ipairs(mappings or {}) do
      out[#out + 1] = msg.text("check.source", { file = path, line = m.line, id = m.id, title = m.title,
        files = table.concat(m.files or {}, ", "), record = msg.text("source.record." .. m.record) })
    end
    for _, e in ipairs(errors) do
      out[#out + 1] = msg.text("check.finding", { severity = msg.severity("error"),
        finding = load.format_finding(e), code = "source" })
    end
    out[#out + 1] = msg.text("check.summary", { errors = #errors, errors_word = msg.count_word("errors", #errors),
      warnings = 0, warnings_word = msg.count_word("warnings", 0), notes = 0, notes_word = msg.count_word("notes", 0) })
    io.stdout:write(table.concat(out, "\n"), "\n")
  end
  return #errors > 0 and args.EXIT.DATA or args.EXIT.OK
end

-- `ctg check` alone, in a project: its plan (as ctg.yaml names it), then each mapping file of
-- its `sources:`; paths relative to the project's folder. Exit 3 when one has an error.
local function check_project(format)
  local project, sys = require("ctg.project"), require("ctg.sys")
  if format == "json" then args.fail(args.EXIT.USAGE, msg.text("project.check.json-one-file")) end
  local root = project.find(".")
  if not root then args.fail(args.EXIT.USAGE, msg.text("project.check.no-project", { file = project.FILE })) end
  local ok, err = sys.chdir(root)
  if not ok then args.fail(args.EXIT.USAGE, "check : " .. err) end
  local p, errors = project.load()
  if not p then
    for _, e in ipairs(errors) do io.stderr:write(msg.text("import.error", { text = e }), "\n") end
    args.fail(args.EXIT.DATA, msg.plural("project.check.yaml-bad", #errors, { file = project.FILE }))
  end
  local plan, findings, has_error = load.check(p.plan)
  print_text(p.plan, plan, findings)
  local code = has_error and args.EXIT.DATA or args.EXIT.OK
  for _, s in ipairs(p.sources) do
    if check_mapping(s.path, "text") ~= args.EXIT.OK then code = args.EXIT.DATA end
  end
  return code
end

return function(argv, host)
  local opts, pos = args.parse(argv, { command = "check", usage = "ctg check [PLAN|CORRESPONDANCE.lua] [--format text|json]",
    options = { format = { values = { "text", "json" }, default = "text" } }, min = 0, max = 1 })
  local path = pos[1]
  if not path then return check_project(opts.format) end
  if require("ctg.source").is_mapping_file(path) then return check_mapping(path, opts.format) end
  -- an avenant without `amends` file applies to the version stored in the database: read it
  -- (read-only: checking never creates nor changes a database)
  local d
  local function open_db()
    local ok, db = pcall(require("ctg.db").open, opts.db or (host and host.db), { readonly = true })
    d = ok and db or nil
    return d
  end
  local p, findings, has_error, info = load.check(path, { open_db = open_db })
  if d then d:close() end
  if opts.format == "json" then print_json(p, findings) else
    print_text(path, p, findings)
    if info and p and not has_error then print_amendment(info, p) end
  end
  return has_error and args.EXIT.DATA or args.EXIT.OK
end
