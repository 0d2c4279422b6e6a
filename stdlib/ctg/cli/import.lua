-- ctg import FILE… [--dry-run] [--label L] [--effective D] [--council-date D] [--signed D] [--by NAME] [--source S] [--plan ID]
local args = require("ctg.cli.args")

return function(argv, host)
  local opts, pos = args.parse(argv, { command = "import",
    usage = "ctg import FILE… [--dry-run] [--label TEXT] [--effective DATE] [--council-date DATE] [--signed DATE] [--date DATE] [--by NAME] [--source TEXT] [--plan ID]",
    options = { dry_run = { flag = true }, label = { value = true }, date = { value = true },
                effective = { value = true }, council_date = { value = true }, signed = { value = true },
                by = { value = true }, source = { value = true }, plan = { value = true },
                territory = { value = true } }, min = 1 })
  -- a plan version's dates: one parser (ctg.date), a bad date is a usage error
  for _, k in ipairs({ "date", "effective", "council_date", "signed" }) do
    if opts[k] then
      local ok, why = require("ctg.date").parse(opts[k])
      if not ok then args.fail(args.EXIT.USAGE, "import : --" .. k:gsub("_", "-") .. " : " .. why) end
    end
  end
  local d = args.open_db(opts, host, "write")
  local import = require("ctg.import")
  local stderr_tty = require("ctg.sys").isatty(2)
  local ok, report = pcall(import.run, d, pos, { dry_run = opts.dry_run, label = opts.label, date = opts.date,
    effective = opts.effective or opts.date, council_date = opts.council_date, signed = opts.signed,
    by = opts.by, source = opts.source, plan = opts.plan, territory = opts.territory, progress = stderr_tty })
  if not ok then
    d:close()
    args.fail(args.db_exit(report), tostring(report))
  end
  for _, w in ipairs(report.warnings) do io.stderr:write("warning: ", w, "\n") end
  if report.warning_count > #report.warnings then
    io.stderr:write("warning: … and ", report.warning_count - #report.warnings, " more warnings\n")
  end
  if report.error_count > 0 then
    for _, e in ipairs(report.errors) do io.stderr:write("error: ", e, "\n") end
    if report.error_count > #report.errors then
      io.stderr:write("error: … and ", report.error_count - #report.errors, " more errors\n")
    end
    d:close()
    args.fail(args.EXIT.DATA, report.error_count .. " error" .. (report.error_count == 1 and "" or "s") ..
      ": nothing was imported (the database is unchanged)")
  end
  local verb = opts.dry_run and "checked" or "imported"
  for _, f in ipairs(report.files) do
    if f.kind == "plan" then
      if f.new then
        print(string.format("%s: plan %s %s as version %d (en vigueur %s)", f.file, f.plan,
          opts.dry_run and "checked" or "stored", f.version, require("ctg.date").french_after(f.effective, "le")))
      else
        print(string.format("%s: plan %s unchanged (version %d)", f.file, f.plan, f.version))
      end
    else
      print(string.format("%s: %d row%s %s", f.file, f.rows, f.rows == 1 and "" or "s", verb))
    end
  end
  if opts.dry_run then print("dry run: nothing was stored") end
  d:close()
  return args.EXIT.OK
end
