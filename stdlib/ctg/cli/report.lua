-- ctg report SCRIPT -o OUT [--period P] [--date D] [--db FILE] [--csv-dialect french|intl]
-- Runs a report script (a Lua chunk that receives the report context and returns a
-- document built with ctg.report) and renders it by the extension of -o: .html, .md,
-- .csv (one file per table: OUT-<table>.csv), .xlsx (a workbook: provenance, then one sheet
-- per table), .pdf (the HTML printed by Chromium).
-- Nothing is written unless the whole report was built and rendered: a script error
-- leaves no partial file behind.
local args = require("ctg.cli.args")

local read_file = args.read_file
local msg = require("ctg.msg")

-- Where the output goes: its directory must exist (no silent mkdir of a mistyped path). Nothing
-- is opened there before the report is ready: the writes go through args.write_output.
local function check_output(path)
  local dir = path:match("^(.*)/[^/]*$")
  if dir and dir ~= "" and not require("ctg.sys").is_dir(dir) then
    args.fail(args.EXIT.USAGE, msg.text("cli.report.no-dir", { dir = dir }))
  end
end

return function(argv, host)
  local opts, pos, given = args.parse(argv, { command = "report",
    usage = "ctg report SCRIPT -o SORTIE.(html|md|csv|xlsx|pdf) [--plan ID|all] [--period P] [--as-of DATE] [--known-at DATE] [--date AAAA-MM-JJ] [--csv-dialect french|intl] [ARGS…]",
    options = { plan = { value = true }, o = { value = true }, output = { value = true }, period = { value = true }, date = { value = true },
                as_of = { value = true }, known_at = { value = true }, trust = { flag = true }, csv_dialect = { values = { "french", "intl" }, default = "french" } },
    min = 1 })
  args.one_output("report", given, opts)
  local script, out = pos[1], opts.o or opts.output
  if not out then args.fail(args.EXIT.USAGE, msg.text("cli.report.no-output")) end
  local output = require("ctg.output")
  local format, ext = output.format_of(out)
  if not format then
    args.fail(args.EXIT.USAGE, msg.text("cli.report.bad-extension", { ext = ext, out = out }))
  end
  if opts.date and not require("ctg.schema").types.date.check(opts.date) then
    args.fail(args.EXIT.USAGE, msg.text("cli.report.bad-date", { date = opts.date }))
  end
  -- the dialect of the CSV files: only a CSV output has any
  if format ~= "csv" then args.no_effect("report", given, "csv_dialect", msg.text("portfolio.ctx.output", { format = format })) end
  require("ctg.timeline").check_options(opts, "report")
  check_output(out)
  local source = read_file(script)
  local reporting = require("ctg.reporting")
  if not source and script:match("^[%w_-]+$") then
    -- a stock script by its name (ctg report bilan-annuel): the one compiled into ctg
    source, script = reporting.stock_source(script)
    script = source and script or pos[1]
  end
  if not source then
    local stock = script:match("([%w_-]+)%.lua$")
    local hint = stock and reporting.stock_source(stock) and msg.text("cli.report.stock-hint", { name = stock }) or ""
    args.fail(args.EXIT.USAGE, msg.text("cli.report.no-script", { script = script }) .. hint)
  end
  local d = args.open_db(opts, host)
  local plan_id = args.plan_id("report", opts, d, true)
  local doc = require("ctg.reporting").run(d, script, source, { plan = plan_id,
    period = opts.period, date = opts.date, as_of = opts.as_of, known_at = opts.known_at, trust = opts.trust, args = { table.unpack(pos, 2) } })
  d:close()
  local written = output.write(doc, out, { csv_dialect = opts.csv_dialect, command = "report", script = script })
  if format == "csv" then
    for _, name in ipairs(written) do print(name) end
  end
  return args.EXIT.OK
end
