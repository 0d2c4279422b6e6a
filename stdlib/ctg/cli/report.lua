-- ctg report SCRIPT -o OUT [--period P] [--date D] [--db FILE] [--csv-dialect french|intl]
-- Runs a report script (a Lua chunk that receives the report context and returns a
-- document built with ctg.report) and renders it by the extension of -o: .html, .md,
-- .csv (one file per table: OUT-<table>.csv), .xlsx (a workbook: provenance, then one sheet
-- per table), .pdf (the HTML printed by Chromium).
-- Nothing is written unless the whole report was built and rendered: a script error
-- leaves no partial file behind.
local args = require("ctg.cli.args")

local FORMATS = { html = true, md = true, csv = true, pdf = true, xlsx = true }

local function read_file(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local text = f:read("a")
  f:close()
  return text
end

-- Where the output goes: its directory must exist (no silent mkdir of a mistyped path).
local function check_output(path)
  local dir = path:match("^(.*)/[^/]*$")
  if dir and dir ~= "" then
    local probe = io.open(dir .. "/.ctg-write-test", "wb")
    if not probe then args.fail(args.EXIT.USAGE, "report: cannot write in " .. dir .. " (does the directory exist?)") end
    probe:close()
    os.remove(dir .. "/.ctg-write-test")
  end
end

-- Print HTML to PDF with headless Chromium, when it is installed.
local function html_to_pdf(html, out)
  local chromium
  for _, candidate in ipairs({ "chromium", "chromium-browser", "google-chrome" }) do
    local p = io.popen("command -v " .. candidate .. " 2>/dev/null")
    local found = p:read("l")
    p:close()
    if found and found ~= "" then chromium = found break end
  end
  if not chromium then
    args.fail(args.EXIT.USAGE, "report: PDF needs Chromium (apt-get install chromium); write .html and print it instead")
  end
  local tmp = os.tmpname()
  local html_path = tmp .. ".html"
  local f = assert(io.open(html_path, "wb"))
  f:write(html)
  f:close()
  local profile = tmp .. "-profile"
  local q = function(s) return "'" .. s:gsub("'", "'\\''") .. "'" end
  local cmd = table.concat({ q(chromium), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer",
    "--user-data-dir=" .. q(profile), "--print-to-pdf=" .. q(out .. ".tmp"), q("file://" .. html_path),
    ">/dev/null 2>&1" }, " ")
  local ok = os.execute(cmd)
  os.remove(html_path)
  os.remove(tmp)
  os.execute("rm -rf " .. q(profile))
  if not ok or not read_file(out .. ".tmp") then
    os.remove(out .. ".tmp")
    args.fail(args.EXIT.SCRIPT, "report: Chromium could not print " .. out)
  end
  assert(os.rename(out .. ".tmp", out))
end

return function(argv, host)
  local opts, pos = args.parse(argv, { command = "report",
    usage = "ctg report SCRIPT -o OUT.(html|md|csv|xlsx|pdf) [--period P] [--as-of DATE] [--known-at DATE] [--date YYYY-MM-DD] [--csv-dialect french|intl] [ARGS…]",
    options = { o = { value = true }, output = { value = true }, period = { value = true }, date = { value = true },
                as_of = { value = true }, known_at = { value = true }, csv_dialect = { values = { "french", "intl" }, default = "french" } },
    min = 1 })
  local script, out = pos[1], opts.o or opts.output
  if not out then args.fail(args.EXIT.USAGE, "report: give the output file with -o (report.html, .md, .csv, .xlsx or .pdf)") end
  local ext = (out:match("%.([%w]+)$") or ""):lower()
  if not FORMATS[ext] then
    args.fail(args.EXIT.USAGE, "report: unknown output extension '." .. ext .. "' in " .. out .. " (use .html, .md, .csv, .xlsx or .pdf)")
  end
  if opts.date and not require("ctg.schema").types.date.check(opts.date) then
    args.fail(args.EXIT.USAGE, "report: --date must be a date YYYY-MM-DD (got '" .. opts.date .. "')")
  end
  require("ctg.timeline").check_options(opts, "report")
  check_output(out)
  local source = read_file(script)
  if not source then args.fail(args.EXIT.USAGE, "report: cannot read the script " .. script) end
  local d = args.open_db(opts, host)
  local doc = require("ctg.reporting").run(d, script, source, {
    period = opts.period, date = opts.date, as_of = opts.as_of, known_at = opts.known_at, args = { table.unpack(pos, 2) } })
  d:close()
  if ext == "csv" then
    local files, names = require("ctg.render.csv").render(doc, { dialect = opts.csv_dialect })
    local stem = out:gsub("%.csv$", "")
    for _, name in ipairs(names) do
      args.write_output(stem .. "-" .. name .. ".csv", files[name])
      print(stem .. "-" .. name .. ".csv")
    end
  elseif ext == "xlsx" then
    local ok, err = pcall(require("ctg.render.xlsx").report, doc, out)
    if not ok then args.fail(args.EXIT.USAGE, "report: " .. tostring(err)) end
  elseif ext == "md" then
    args.write_output(out, require("ctg.render.markdown").render(doc))
  else
    local html = require("ctg.render.html").render(doc)
    if ext == "pdf" then html_to_pdf(html, out) else args.write_output(out, html) end
  end
  return args.EXIT.OK
end
