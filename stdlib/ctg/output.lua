-- ctg.output — a report document written to its file(s), chosen by the extension of the
-- output path: .html, .md, .csv (one file per table: OUT-<table>.csv), .xlsx (a provenance
-- sheet then one sheet per table), .pdf (the HTML printed by Chromium). Each file is written whole or not at all (ctg.files.write_output), so a
-- failed render never leaves a partial file. Shared by ctg report and ctg build.
local exit = require("ctg.exit")
local outfiles = require("ctg.files")

local output = {}

output.FORMATS = { html = true, md = true, csv = true, xlsx = true, pdf = true }

local read_file = outfiles.read_file

-- Print HTML to PDF with headless Chromium, when it is installed.
local function html_to_pdf(html, out, command)
  local chromium
  for _, candidate in ipairs({ "chromium", "chromium-browser", "google-chrome" }) do
    local p = io.popen("command -v " .. candidate .. " 2>/dev/null")
    local found = p:read("l")
    p:close()
    if found and found ~= "" then chromium = found break end
  end
  if not chromium then
    exit.fail(exit.EXIT.USAGE, require("ctg.msg").text("cli.pdf.no-chromium", { command = command }))
  end
  -- every file of the print lives beside ctg's own temporary name (os.tmpname: created
  -- exclusively), written without following a planted link; OUT is reached only at the end
  local tmp = os.tmpname()
  local html_path = tmp .. ".html"
  local written, werr = require("ctg.sys").write_file(html_path, html)
  if not written then
    os.remove(tmp)
    exit.fail(exit.EXIT.OUTPUT, werr)
  end
  local pdf_path = tmp .. ".pdf"
  local profile = tmp .. "-profile"
  local q = function(s) return "'" .. s:gsub("'", "'\\''") .. "'" end
  local cmd = table.concat({ q(chromium), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer",
    "--user-data-dir=" .. q(profile), "--print-to-pdf=" .. q(pdf_path), q("file://" .. html_path),
    ">/dev/null 2>&1" }, " ")
  local ok = os.execute(cmd)
  os.remove(html_path)
  os.remove(tmp)
  os.execute("rm -rf " .. q(profile))
  local pdf = ok and read_file(pdf_path)
  os.remove(pdf_path)
  if not pdf or pdf == "" then
    exit.fail(exit.EXIT.SCRIPT, require("ctg.msg").text("cli.pdf.failed", { command = command, out = out }))
  end
  outfiles.write_output(out, pdf)
end

--- The format of an output path (its extension, lower case), or nil when it is not one.
function output.format_of(out)
  local ext = (out:match("%.([%w]+)$") or ""):lower()
  return output.FORMATS[ext] and ext or nil, ext
end

--- Write doc to out in the format its extension names; opts.csv_dialect ("french"|"intl"),
--- opts.command (for messages), opts.script (the report's script, named if its rendering
--- outlives the limits). Returns the list of files written.
-- The text of doc in format ext (csv: its files and their names), rendered within the time
-- and memory limits of code from others: the renderers are ctg's, but what they render is
-- the script's (a title of sixty megabytes held a build for minutes). script names the
-- report in the limits' message.
local function rendered(doc, ext, opts)
  local what = require("ctg.msg").text("contain.render", { script = opts.script or "?" })
  return require("ctg.limits").run(what, nil, function()
    if ext == "csv" then return require("ctg.render.csv").render(doc, { dialect = opts.csv_dialect or "french" }) end
    if ext == "md" then return require("ctg.render.markdown").render(doc) end
    return require("ctg.render.html").render(doc)
  end)
end

function output.write(doc, out, opts)
  opts = opts or {}
  local ext = output.format_of(out)
  local written = {}
  if ext == "csv" then
    local files, names = rendered(doc, ext, opts)
    local stem = out:gsub("%.csv$", "")
    for _, name in ipairs(names) do
      outfiles.write_output(stem .. "-" .. name .. ".csv", files[name])
      written[#written + 1] = stem .. "-" .. name .. ".csv"
    end
  elseif ext == "xlsx" then
    local ok, err = pcall(require("ctg.render.xlsx").report, doc, out)
    if not ok then exit.fail(exit.EXIT.USAGE, (opts.command or "report") .. ": " .. tostring(err)) end
    written[1] = out
  elseif ext == "md" then
    outfiles.write_output(out, rendered(doc, ext, opts))
    written[1] = out
  else
    local html = rendered(doc, "html", opts)
    if ext == "pdf" then html_to_pdf(html, out, opts.command or "report") else outfiles.write_output(out, html) end
    written[1] = out
  end
  return written
end

--- The fingerprint of what file (written by output.write(doc, path)) says, its provenance
--- aside: doc rendered again in that file's format with the provenance's known-at and commit
--- left out (they change when a delivered report is rebuilt as known that day, the figures
--- do not); a workbook and a PDF by their document as HTML (their bytes also hold the
--- writer's own). ctg build records it with each report; ctg livraisons compares a rebuild.
function output.content_hash(doc, path, file)
  local report = require("ctg.report")
  local prov = {}
  for k, v in pairs(report.provenance_of(doc) or {}) do prov[k] = v end
  prov.known_at, prov.commit = nil, nil
  local neutral = report.with_provenance(doc, prov)
  local format = output.format_of(path)
  local text
  if format == "csv" then
    local files = require("ctg.render.csv").render(neutral, { dialect = "french" })
    local stem = path:gsub("%.csv$", "")
    text = files[file:sub(#stem + 2, -5)] or ""
  elseif format == "md" then
    text = require("ctg.render.markdown").render(neutral)
  else
    text = require("ctg.render.html").render(neutral)
  end
  return string.format("%016x", require("ctg.timeline").fnv1a64(text))
end

return output
