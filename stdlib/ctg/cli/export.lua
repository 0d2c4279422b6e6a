-- ctg export PLAN [--format yaml|json] [-o FILE]: the whole plan (a file, an avenant applied to what it
-- amends, or a stored version PLAN-ID@N / PLAN-ID@DATE), keys in a fixed order.
local args = require("ctg.cli.args")
local load = require("ctg.load")
local msg = require("ctg.msg")

-- ctg export observations [--format yaml|csv|json|xlsx] [--indicator X] [--period P] [--territory T]
local function export_observations(opts, host)
  local timeline = require("ctg.timeline")
  timeline.check_options({ known_at = opts.known_at }, "export observations")
  local d = args.open_db(opts, host)
  timeline.warn(timeline.know(d, opts.known_at))
  local ok, p = pcall(d.plan, d, args.plan_id("export observations", opts, d))
  if not ok then
    d:close()
    args.fail(args.EXIT.DATA, tostring(p))
  end
  if opts.indicator and not args.known_indicator(d, p, opts.indicator) then
    d:close()
    args.choose("export observations", "--indicator", opts.indicator, args.indicator_ids(p), "cli.what.indicator")
  end
  if opts.territory then args.check_territory("export observations", p, opts.territory) end
  local obs_export = require("ctg.obs_export")
  local filter = { indicator = opts.indicator, period = opts.period, territory = opts.territory }
  if opts.format ~= "xlsx" then
    -- a row at a time, into a temporary put in place at the end: nothing replaced on failure
    local out, err = require("ctg.sys").open_output(opts.o or opts.output)
    if not out then d:close(); args.fail(args.EXIT.OUTPUT, err) end
    obs_export.write(d, p.id, filter, opts.format, opts.csv_dialect, out)
    d:close()
    local ok_commit, err_commit = out:commit()
    if not ok_commit then args.fail(args.EXIT.OUTPUT, err_commit) end
    return args.EXIT.OK
  end
  -- a workbook is held whole by libxlsxwriter: its rows are gathered first
  local out = opts.o or opts.output
  if not out or out == "-" then d:close(); args.fail(args.EXIT.USAGE, msg.text("cli.export.xlsx-to-file")) end
  local sections = obs_export.collect(d, p.id, filter)
  d:close()
  local sheets = obs_export.sheets(p, sections, { known_at = opts.known_at, indicator = opts.indicator,
                                                  period = opts.period, territory = opts.territory })
  local xlsx = require("ctg.render.xlsx")
  local okw, err = pcall(xlsx.write, out, sheets, xlsx.epoch(opts.known_at and opts.known_at:match("^[^T]+")))
  if not okw then args.fail(args.EXIT.USAGE, msg.text("cli.export.failed", { err = tostring(err) })) end
  return args.EXIT.OK
end

-- The format an output file's extension names (-o observations.xlsx), nil for another one:
-- what --format says when it is not given.
local EXTENSION_FORMATS = { yaml = "yaml", yml = "yaml", json = "json", csv = "csv", xlsx = "xlsx" }
local function format_of(out)
  local ext = type(out) == "string" and out:match("%.([%w]+)$")
  return ext and EXTENSION_FORMATS[ext:lower()]
end

return function(argv, host)
  local opts, pos, given = args.parse(argv, { command = "export",
    usage = "ctg export PLAN [--format yaml|json] [-o FICHIER] | ctg export observations [--plan ID] [--format yaml|csv|json|xlsx] [--csv-dialect french|intl] [--indicator X] [--period P] [--territory T] [--known-at DATE]",
    options = { format = { values = { "yaml", "json", "csv", "xlsx" } }, o = { value = true },
                output = { value = true }, indicator = { value = true }, period = { value = true },
                territory = { value = true }, plan = { value = true }, known_at = { value = true },
                csv_dialect = { values = { "french", "intl" }, default = "french" } }, min = 1, max = 1 })
  args.one_output("export", given, opts)
  if pos[1] == "observations" then
    opts.format = opts.format or format_of(opts.o or opts.output) or "yaml"
    if opts.format ~= "csv" then
      args.no_effect("export", given, "csv_dialect", msg.text("portfolio.ctx.format", { format = opts.format }))
    end
    return export_observations(opts, host)
  end
  -- a plan file or a stored version names its plan: --plan would pick nothing
  args.no_effect("export", given, "plan", msg.text("portfolio.ctx.plan-file", { file = pos[1] }))
  args.no_effect("export", given, "csv_dialect", msg.text("portfolio.ctx.plan-export"))
  opts.format = opts.format or format_of(opts.o or opts.output) or "yaml"
  if opts.format == "csv" or opts.format == "xlsx" then
    args.fail(args.EXIT.USAGE, msg.text("cli.export.plan-format", { format = opts.format }))
  end
  for _, k in ipairs({ "indicator", "period", "territory", "known_at" }) do
    if opts[k] then args.fail(args.EXIT.USAGE, msg.text("cli.export.filter", { option = k:gsub("_", "-") })) end
  end
  local d
  local function get_db()
    d = d or args.open_db_readonly(opts, host)
    return d
  end
  local p, findings, has_error
  local f = io.open(pos[1], "rb")
  if f then f:close() end
  if not f and pos[1]:match("^.+@[^@]+$") then
    -- a stored version (PLAN-ID@N or PLAN-ID@DATE): the whole plan of that version
    p, findings, has_error = args.stored_plan(pos[1], get_db, "export"), {}, false
  else
    -- an avenant without `amends` file applies to the version stored in the database
    p, findings, has_error = load.check(pos[1], { open_db = function()
      local ok, db = pcall(require("ctg.db").open, opts.db or (host and host.db), { readonly = true })
      d = ok and db or nil
      return d
    end })
  end
  if d then d:close() end
  if has_error then
    args.print_errors(findings)
    args.fail(args.EXIT.DATA, msg.text("cli.export.has-errors", { path = pos[1] }))
  end
  local export = require("ctg.export")
  local text = opts.format == "json" and export.json(p) or export.yaml(p)
  args.write_output(opts.o or opts.output, text)
  return args.EXIT.OK
end
