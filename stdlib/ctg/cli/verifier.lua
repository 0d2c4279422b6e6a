-- ctg verifier [--db FICHIER] [--format text|json] (English alias: verify): the whole
-- invariant check of a database (ctg.db.verify), printed as a French report. Exit 0 when the
-- database is as ctg wrote it, 3 when something was altered outside ctg (or the file is not
-- a ctg database). The database is opened raw and read-only: described as it is, never
-- upgraded nor changed.
local args = require("ctg.cli.args")
local msg = require("ctg.msg")
local verify = require("ctg.db.verify")

local USAGE = "ctg verifier [--db FICHIER] [--format text|json]"

-- "3 constats" / "1 constat"
local function count_text(n, key)
  return msg.text(n == 1 and key .. ".one" or key, { n = require("ctg.fmt").number(n) })
end

local function print_text(path, report)
  local fmt = require("ctg.fmt")
  if report.foreign then
    print(msg.text("verify." .. report.foreign, { path = path, version = tostring(report.version),
      known = tostring(report.known) }))
    return
  end
  print(msg.text(report.counts and "verify.title" or "verify.title.bare", { path = path,
    version = tostring(report.version),
    revisions = report.counts and fmt.number(report.counts.revisions) or "",
    imports = report.counts and fmt.number(report.counts.imports) or "" }))
  local width = 0
  for _, c in ipairs(report.checks) do width = math.max(width, utf8.len(msg.text("verify.check." .. c.key))) end
  for _, c in ipairs(report.checks) do
    local label = msg.text("verify.check." .. c.key)
    local state = c.skipped and msg.text(c.skipped_key or "verify.skipped", { version = tostring(report.version) })
      or #c.findings == 0 and "ok" or count_text(#c.findings, "verify.count")
    print("  " .. label .. string.rep(" ", width - utf8.len(label)) .. "  " .. state)
  end
  if report.altered == 0 then
    print(msg.text("verify.clean"))
    return
  end
  print(msg.text("verify.altered", { findings = count_text(report.altered, "verify.findings") }))
  for _, c in ipairs(report.checks) do
    for _, f in ipairs(c.findings or {}) do print("  - " .. f) end
    if c.findings and #c.findings >= verify.LISTED then print("  " .. msg.text("verify.more", { n = tostring(verify.LISTED) })) end
  end
  print(msg.text("verify.advice"))
end

return function(argv, host)
  local opts = args.parse(argv, { command = "verifier", usage = USAGE, max = 0,
    options = { format = { values = { "text", "json" }, default = "text" } } })
  local path = args.db_path(opts, host)
  local ok, s = pcall(require("ctg.store").open, path, { raw = true, readonly = true })
  if not ok then args.fail(args.db_exit(s), tostring(s)) end
  local done, report = pcall(verify.run, s)
  s:close()
  if not done then args.fail(args.db_exit(report), tostring(report)) end
  if opts.format == "json" then
    io.stdout:write(require("ctg.json").encode({ path = path, schema = report.version, known = report.known,
      foreign = report.foreign, counts = report.counts, altered = report.altered, checks = report.checks },
      { indent = 2, empty_object = true }), "\n")
  else
    print_text(path, report)
  end
  return (report.foreign or report.altered > 0) and args.EXIT.DATA or args.EXIT.OK
end
