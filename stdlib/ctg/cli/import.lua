-- ctg import FILE… [--dry-run] [--label L] [--effective D] [--council-date D] [--signed D] [--by NAME] [--source S] [--plan ID]
--   [--territory T] [--encoding E] [--sheet NAME|N] [--using MAPPING.lua]…
-- Every observation file ends with its account (rows read, observations stored, rows skipped
-- by a mapping's rule, rows outside the plan, missing values); --dry-run also prints the
-- first observations each file gives, with the cell each comes from, and counts per indicator.
local args = require("ctg.cli.args")
local msg = require("ctg.msg")

-- Options that act on some kinds of file only are refused when no file of that kind is
-- imported (exit 2): `--date` on an observation file would otherwise be accepted and ignored.
local function refuse_useless(given, files)
  local import = require("ctg.import")
  local kinds, first = {}, {}
  for _, path in ipairs(files) do
    local f = io.open(path, "rb")
    if f then
      f:close()
      local kind = import.detect(path)
      if kind then kinds[kind] = true; first[kind] = first[kind] or path end
    end
  end
  if not kinds.plan then
    local obs = first.observations or first.csv
    for _, k in ipairs({ "date", "label", "effective", "council_date", "signed", "new_version" }) do
      args.no_effect("import", given, k, obs and msg.text("portfolio.ctx.observations", { file = obs })
        or msg.text("portfolio.ctx.no-plan-file"))
    end
  end
  if not kinds.csv and not kinds.workbook then
    args.no_effect("import", given, "territory", msg.text("portfolio.ctx.no-csv"))
    args.no_effect("import", given, "plan", msg.text("portfolio.ctx.no-csv-plan"))
    args.no_effect("import", given, "source", msg.text("portfolio.ctx.no-csv-plan"))
  end
end

-- --encoding: the names users write, to the names ctg.csv knows (lower case)
local fmt = require("ctg.fmt")

local account = require("ctg.cli.account")

-- A stored number as it is, in French (fmt.number rounds to one decimal: a preview shows
-- what will be stored).
local function exact(x)
  local i = math.tointeger(x)
  if i then return fmt.number(i) end
  return (string.format("%.12g", x):gsub("%.", ","))
end

-- An observation of the preview, in one line: indicator, period, territory, value, origin.
local function preview_line(o, place)
  local value
  if o.missing then value = msg.text("import.preview.missing", { reason = o.missing })
  elseif o.numerator or o.denominator then
    value = (o.numerator and exact(o.numerator) or "?") .. " / " .. (o.denominator and exact(o.denominator) or "?")
  elseif o.value then value = exact(o.value)
  else value = o.text and ("« " .. o.text .. " »") or "" end
  local dims = o.dims ~= "" and " [" .. o.dims .. "]" or ""
  return "    " .. o.subject .. dims .. " · " .. o.period .. " · " .. o.territory .. " · " .. value .. "  ← " .. place
end

local function print_preview(f)
  if not f.first or #f.first == 0 then return end
  print(msg.text("import.preview.first", { n = #f.first }))
  for i, o in ipairs(f.first) do print(preview_line(o, f.places[i])) end
  print(msg.text("import.preview.per-indicator"))
  for _, r in ipairs(f.per_indicator) do print("    " .. r.subject .. " : " .. fmt.number(r.n)) end
end

-- The mappings of the --using files, or exit 3 with their located errors.
local function load_mappings(files)
  if not files then return nil end
  local source, all = require("ctg.source"), {}
  for _, file in ipairs(files) do
    local readable = io.open(file, "rb")
    if not readable then
      args.fail(args.EXIT.DATA, "import : --using " .. file .. " : " .. msg.text("import.cannot-open"))
    end
    readable:close()
    if not source.is_mapping_file(file) then
      args.fail(args.EXIT.DATA, msg.text("source.not-mapping", { file = file }))
    end
    local ok, list = pcall(source.load, file)
    if not ok then
      io.stderr:write(msg.text("import.error", { text = tostring(list) }), "\n")
      args.fail(args.EXIT.DATA, msg.text("source.using-failed", { file = file }))
    end
    for _, m in ipairs(list) do all[#all + 1] = m end
  end
  return all
end

local ENCODINGS = { "auto", "utf-8", "windows-1252", "iso-8859-15", "utf-16", "utf-16le", "utf-16be" }
local ENCODING_ALIASES = { utf8 = "utf-8", cp1252 = "windows-1252", win1252 = "windows-1252",
  ["iso8859-15"] = "iso-8859-15", latin9 = "iso-8859-15", ["latin-9"] = "iso-8859-15" }

return function(argv, host)
  local opts, pos, given = args.parse(argv, { command = "import",
    usage = "ctg import FICHIER… [--dry-run] [--label TEXTE] [--effective DATE] [--council-date DATE] [--signed DATE] [--date DATE] [--new-version] [--by NOM] [--source TEXTE] [--plan ID] [--territory CODE] [--encoding ENCODAGE] [--sheet NOM|N] [--using CORRESPONDANCE.lua]…",
    options = { dry_run = { flag = true }, label = { value = true }, date = { value = true },
                effective = { value = true }, council_date = { value = true }, signed = { value = true },
                by = { value = true }, source = { value = true }, plan = { value = true },
                territory = { value = true }, new_version = { flag = true }, encoding = { value = true },
                sheet = { value = true }, using = { value = true, repeated = true } }, min = 1 })
  refuse_useless(given, pos)
  -- a mapping says the sheet, the encoding and the territory of what it reads
  for _, k in ipairs({ "sheet", "encoding", "territory" }) do
    if given.using and given[k] then args.no_effect("import", given, k, msg.text("source.ctx-using")) end
  end
  local encoding = opts.encoding and opts.encoding:lower()
  if encoding then
    encoding = ENCODING_ALIASES[encoding] or encoding
    args.choose("import", "--encoding", encoding, ENCODINGS, "cli.what.encoding")
  end
  -- a plan version's dates: one parser (ctg.date), a bad date is a usage error
  for _, k in ipairs({ "date", "effective", "council_date", "signed" }) do
    if opts[k] then
      local ok, why = require("ctg.date").parse(opts[k])
      if not ok then args.fail(args.EXIT.USAGE, "import : --" .. k:gsub("_", "-") .. " : " .. why) end
    end
  end
  local using = load_mappings(opts.using)
  local d = args.open_db(opts, host, "write")
  local import = require("ctg.import")
  local stderr_tty = require("ctg.sys").isatty(2)
  local ok, report = pcall(import.run, d, pos, { dry_run = opts.dry_run, label = opts.label, date = opts.date,
    effective = opts.effective or opts.date, council_date = opts.council_date, signed = opts.signed,
    by = opts.by, source = opts.source, plan = opts.plan, territory = opts.territory, encoding = encoding, sheet = opts.sheet,
    progress = stderr_tty, new_version = opts.new_version, using = using })
  if not ok then
    d:close()
    args.fail(args.db_exit(report), tostring(report))
  end
  for _, w in ipairs(report.warnings) do io.stderr:write(msg.text("import.warning", { text = w }), "\n") end
  if report.warning_count > #report.warnings then
    io.stderr:write(msg.text("import.more-warnings", { n = report.warning_count - #report.warnings }), "\n")
  end
  if report.error_count > 0 then
    for _, e in ipairs(report.errors) do io.stderr:write(msg.text("import.error", { text = e }), "\n") end
    if report.error_count > #report.errors then
      io.stderr:write(msg.text("import.more-errors", { n = report.error_count - #report.errors }), "\n")
    end
    d:close()
    args.fail(args.EXIT.DATA, msg.text("import.failed", { count = msg.count(report.error_count, "errors") }))
  end
  for _, f in ipairs(report.files) do
    if f.kind == "plan" then
      local vars = { file = f.file, plan = f.plan, version = f.version,
                     since = require("ctg.date").french_after(f.effective, "le") }
      if not f.new then print(msg.text("import.plan-unchanged", vars))
      else print(msg.text(opts.dry_run and "import.plan-checked" or "import.plan-stored", vars)) end
    else
      local one = f.rows == 1 or (f.rows == 0 and msg.lang() == "fr")
      print(msg.text((opts.dry_run and "import.rows-checked" or "import.rows-imported") .. (one and ".one" or ".many"),
        { file = f.file, n = require("ctg.fmt").number(f.rows) }) ..
        (f.encoding and msg.text("import.converted", { encoding = f.encoding }) or ""))
      print(account(f, opts.dry_run))
      if opts.dry_run then print_preview(f) end
    end
  end
  if opts.dry_run then print(msg.text("import.dry-run")) end
  d:close()
  return args.EXIT.OK
end
