-- ctg.render.html — a report as one self-contained HTML file for the comité de pilotage:
-- inline CSS, inline SVG charts, no script, no network, no web font; readable on screen,
-- printable on A4, accessible (headings in order, captions, header cells, text labels next to
-- every colour), in French.
--
--   local text = require("ctg.render.html").render(doc, { svg = optional_renderer })
--
-- opts.svg: the chart renderer, a function(spec) -> svg text or a table with .render (tests
-- inject a stub); by default ctg.svg. When it fails, rendering fails (a report never goes out
-- with a placeholder instead of a chart). Each chart spec it receives is a copy with `id` set to
-- the chart's rank in the document (1, 2, …) unless the spec has its own.
--
-- The output depends on the document only: same document, same bytes.
local fmt = require("ctg.fmt")
local report = require("ctg.report")

local html = {}

local ESC = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;" }

--- Escapes &, <, >, " and ' (text and attribute values alike).
function html.escape(s)
  return (tostring(s):gsub("[&<>\"']", ESC))
end
local esc = html.escape

-- French typography: a no-break space before ":".
local COLON = "\u{00A0}:"

html.CSS = [[
:root {
  --ink: #1d2330; --muted: #4a5466; --blue: #1b365d; --blue-2: #24508a; --line: #c8d1dd;
  --soft: #f2f5f9; --head: #e4eaf3;
  --ok: #1e6b35; --warning: #8a5000; --critical: #a51d1d; --info: #1f4e99; --error: #5b2a86;
  --neutral: #5f6b7a;
}
* { box-sizing: border-box; }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 100%;
  line-height: 1.55; color: var(--ink); background: #fff; }
/* the text column of an A4 portrait page (210 mm - 2 × 16 mm ≈ 680 px): what one reads on
   screen is what prints */
body { max-width: calc(680px + 3rem); margin: 0 auto; padding: 2.5rem 1.5rem 3rem; overflow-wrap: break-word; }
h1, h2, h3, h4, h5, h6 { color: var(--blue); line-height: 1.25; margin: 2rem 0 .75rem; }
h1 { font-size: 2.1rem; margin: 0 0 .5rem; }
h2 { font-size: 1.55rem; margin-top: 3rem; padding-bottom: .35rem; border-bottom: 2px solid var(--blue); }
h3 { font-size: 1.25rem; }
h4 { font-size: 1.1rem; }
h5, h6 { font-size: 1rem; }
p { margin: 0 0 1rem; }
a { color: var(--blue-2); }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: .85em; overflow-wrap: anywhere; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.doc-header { border-top: .5rem solid var(--blue); padding-top: 1.5rem; margin-bottom: 2rem; }
.doc-organisation { margin-bottom: .75rem; color: var(--muted); font-size: .85rem; letter-spacing: .06em; text-transform: uppercase; }
.doc-subtitle { font-size: 1.2rem; color: var(--blue-2); margin-bottom: .5rem; }
.doc-meta { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; margin: .75rem 0 0; padding: 0; color: var(--ink); font-size: .95rem; }
.doc-meta div { margin: 0; }
.doc-meta dt { display: inline; color: var(--muted); }
.doc-meta dd { display: inline; margin: 0; font-weight: bold; }
.toc { margin: 0 0 2.5rem; padding: 1rem 1.5rem; border: 1px solid var(--line); border-left: .35rem solid var(--blue); background: var(--soft); }
.toc h2 { margin: 0 0 .5rem; padding: 0; border: 0; font-size: 1.1rem; }
.toc ol { margin: 0; padding-left: 1.5rem; }
.toc li { margin: .2rem 0; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(12.5rem, 1fr)); gap: 1rem; margin: 0 0 1.5rem; padding: 0; }
.figure { margin: 0; padding: .8rem 1rem; border: 1px solid var(--line); border-left: .4rem solid var(--neutral); background: #fff; }
.figure dt { color: var(--muted); font-size: .9rem; }
.figure dd { margin: 0; }
.figure .value { margin: .15rem 0; color: var(--blue); font-size: 1.5rem; font-weight: bold; font-variant-numeric: tabular-nums; }
.figure .note { color: var(--muted); font-size: .85rem; }
.label { display: inline-block; padding: 0 .45rem; border: 1px solid currentColor; border-radius: .2rem; font-size: .8rem; font-weight: bold; line-height: 1.5; white-space: nowrap; }
.legend { margin: -.75rem 0 1.5rem; color: var(--muted); font-size: .85rem; }
.legend .label { margin-right: .3rem; }
.legend span.item { display: inline; margin-right: .8rem; }
.legend .label.status-ok { color: var(--ok); } .legend .label.status-warning { color: var(--warning); } .legend .label.status-critical { color: var(--critical); }
.figure .label { margin-top: .45rem; }
.status-ok { border-left-color: var(--ok); } .status-ok .label { color: var(--ok); }
.status-warning { border-left-color: var(--warning); } .status-warning .label { color: var(--warning); }
.status-critical { border-left-color: var(--critical); } .status-critical .label { color: var(--critical); }
.table-wrap { margin: 0 0 1.5rem; }
/* fixed layout: the widths of <colgroup> hold, long text wraps, nothing pushes the last
   column off the page */
table { width: 100%; border-collapse: collapse; font-size: .85rem; table-layout: fixed; }
caption { caption-side: top; padding: 0 0 .5rem; color: var(--blue); font-weight: bold; text-align: left; }
table.dense { font-size: .72rem; }
th, td { padding: .35rem .45rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; overflow-wrap: anywhere; }
thead th { border-bottom: 2px solid var(--blue); background: var(--head); color: var(--blue); }
tbody th { font-weight: normal; }
tbody tr:nth-child(even) { background: var(--soft); }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.center { text-align: center; }
.empty { color: var(--muted); font-style: italic; text-align: center; }
.table-notes { margin: 0 0 1.5rem; padding-left: 1.75rem; font-size: .85rem; }
.table-notes li { margin: .2rem 0; }
.table-notes-title { margin: -1rem 0 .25rem; font-size: .85rem; font-weight: bold; color: var(--muted); }
.chart { margin: 0 0 1.75rem; padding: .75rem; border: 1px solid var(--line); }
/* small multiples: two per row */
.chart-grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: .75rem; margin: 0 0 1.75rem; }
.chart-grid .chart { margin: 0; padding: .4rem; min-width: 0; }
.chart.small .chart-desc { font-size: .8rem; }
.chart.small .chart-title { font-size: .9rem; }
.chart figcaption { margin-bottom: .75rem; }
.chart-title { display: block; color: var(--blue); font-weight: bold; }
.chart-desc { display: block; color: var(--muted); font-size: .9rem; }
/* drawn at their printed size: never scaled up, scaled down only to fit */
.chart svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
.findings { margin: 0 0 1.5rem; padding: 0; list-style: none; }
.finding { margin: 0 0 .5rem; padding: .5rem .8rem; border: 1px solid var(--line); border-left: .4rem solid var(--neutral); }
.finding .label { margin-right: .5rem; }
.severity-critical { border-left-color: var(--critical); } .severity-critical .label { color: var(--critical); }
.severity-error { border-left-color: var(--error); } .severity-error .label { color: var(--error); }
.severity-warning { border-left-color: var(--warning); } .severity-warning .label { color: var(--warning); }
.severity-info { border-left-color: var(--info); } .severity-info .label { color: var(--info); }
.findings-none { color: var(--muted); }
.list { margin: 0 0 1rem; padding-left: 1.5rem; }
.list li { margin: .2rem 0; }
.provenance { margin-top: 3.5rem; padding-top: 1rem; border-top: 2px solid var(--blue); color: var(--muted); font-size: .85rem; }
.provenance h2 { margin: 0 0 .5rem; padding: 0; border: 0; font-size: 1.1rem; }
.provenance dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
.provenance dl div { display: contents; }
.provenance dt { font-weight: bold; }
.provenance dd { margin: 0; min-width: 0; }
@media (max-width: 40rem) {
  body { padding: 1.25rem 1rem 2rem; }
  h1 { font-size: 1.7rem; }
  h2 { font-size: 1.35rem; }
  .provenance dl { grid-template-columns: 1fr; }
  .provenance dd { margin-bottom: .4rem; }
}
@media print {
  html { font-size: 10pt; }
  body { max-width: none; margin: 0; padding: 0; }
  a { color: inherit; text-decoration: none; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }
  h2 { margin-top: 2rem; }
  p, li { orphans: 3; widows: 3; }
  .page-break { break-before: page; page-break-before: always; }
  .page-break > h2 { margin-top: 0; }
  .figure, .chart, .finding, .toc, tr, caption, .provenance, .legend, .table-notes li { break-inside: avoid; page-break-inside: avoid; }
  /* a section title stays with what follows it, a caption with its table */
  .section > h3, .section > h4, .section > h5, .section > h6, .section > h2 { break-after: avoid; page-break-after: avoid; }
  caption { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  .table-wrap { overflow: visible; }
  thead th { break-after: avoid; }
  /* and with its first rows: a heading, a caption and a lone row never end a page */
  thead, tbody tr:first-child, tbody tr:nth-child(2) { break-after: avoid; page-break-after: avoid; }
  .table-wrap { break-before: auto; }
  .chart-grid { break-inside: auto; }
  .chart-grid .chart { break-inside: avoid; }
  .figures { display: grid; grid-template-columns: repeat(3, 1fr); }
  .doc-header { border-top-width: .3rem; }
}
]]

--- A CSS string literal: quotes and backslashes escaped, "<" as an escape so that no text
-- can close the <style> element, line breaks as spaces.
local function css_string(s)
  return '"' .. s:gsub("[\r\n]+", " "):gsub('[\\"<]', function(c) return string.format("\\%x ", c:byte()) end) .. '"'
end

--- The printed page: A4 portrait, the report's title and edition date in the top margin,
-- "page N / total" in the bottom one (CSS page margin boxes).
function html.page_css(meta)
  local date = meta.date and ("Édité le " .. fmt.date(meta.date)) or ""
  local box = "font-family: \"DejaVu Sans\", Arial, sans-serif; font-size: 8pt; color: #4a5466;"
  return table.concat({
    "@page { size: A4 portrait; margin: 16mm 15mm 16mm;",
    "  @top-left { content: " .. css_string(meta.title) .. "; " .. box .. " }",
    "  @top-right { content: " .. css_string(date) .. "; " .. box .. " }",
    "  @bottom-right { content: \"page \" counter(page) \" / \" counter(pages); " .. box .. " }",
    "}", "" }, "\n")
end

---------------------------------------------------------------------------- identifiers

local ASCII = {}
for _, pair in ipairs({
  { "àâäáãåÀÂÄÁÃÅ", "a" }, { "çÇ", "c" }, { "éèêëÉÈÊË", "e" }, { "îïíìÎÏÍÌ", "i" }, { "ôöóòõÔÖÓÒÕ", "o" },
  { "ùûüúÙÛÜÚ", "u" }, { "ÿýŸÝ", "y" }, { "ñÑ", "n" }, { "œŒ", "oe" }, { "æÆ", "ae" },
}) do
  for _, c in utf8.codes(pair[1]) do ASCII[c] = pair[2] end
end

--- An ASCII identifier from a title: "Axe 1 — Une ville bienveillante" → "axe-1-une-ville-bienveillante".
function html.slug(title)
  local out = {}
  for _, c in utf8.codes(title) do
    if ASCII[c] then out[#out + 1] = ASCII[c]
    elseif c < 128 then out[#out + 1] = string.char(c):lower()
    else out[#out + 1] = "-" end
  end
  local s = table.concat(out):gsub("[^a-z0-9]+", "-"):gsub("^%-+", ""):gsub("%-+$", "")
  if #s > 60 then s = s:sub(1, 60):gsub("%-[^-]*$", "") end
  return s
end

---------------------------------------------------------------------------- blocks

local function align_class(a)
  if a == "right" then return ' class="num"' end
  if a == "center" then return ' class="center"' end
  return ""
end

local function paragraphs(out, text, class)
  local attr = class and (' class="' .. class .. '"') or ""
  for _, p in ipairs(report.paragraphs(text)) do out[#out + 1] = "<p" .. attr .. ">" .. esc(p) .. "</p>" end
end

local render_blocks

local BLOCK = {}

function BLOCK.section(out, b, ctx)
  local h = "h" .. (b.level + 1)
  out[#out + 1] = '<section class="section level-' .. b.level .. (b.page_break and " page-break" or "") .. '">'
  out[#out + 1] = "<" .. h .. ' id="' .. esc(ctx.ids[b]) .. '">' .. esc(b.title) .. "</" .. h .. ">"
  render_blocks(out, b.blocks, ctx)
  out[#out + 1] = "</section>"
end

function BLOCK.paragraph(out, b)
  paragraphs(out, b.text)
end

--- The legend of the statuses a block uses: "Conforme : l'engagement du plan est tenu…".
local function status_legend(out, statuses)
  if #statuses == 0 then return end
  local items = {}
  for _, st in ipairs(statuses) do
    items[#items + 1] = '<span class="item"><span class="label status-' .. st .. '">' .. esc(report.STATUS_LABELS[st])
                        .. "</span>" .. esc(report.STATUS_MEANINGS[st]) .. ".</span>"
  end
  out[#out + 1] = '<p class="legend">' .. table.concat(items, " ") .. "</p>"
end

function BLOCK.figures(out, b)
  out[#out + 1] = '<dl class="figures">'
  for _, it in ipairs(b.items) do
    out[#out + 1] = '<div class="figure' .. (it.status and (" status-" .. it.status) or "") .. '">'
    out[#out + 1] = "<dt>" .. esc(it.label) .. "</dt>"
    out[#out + 1] = '<dd class="value">' .. esc(it.value) .. "</dd>"
    if it.note then out[#out + 1] = '<dd class="note">' .. esc(it.note) .. "</dd>" end
    if it.status then
      out[#out + 1] = '<dd><span class="label">' .. esc(report.STATUS_LABELS[it.status]) .. "</span></dd>"
    end
    out[#out + 1] = "</div>"
  end
  out[#out + 1] = "</dl>"
  status_legend(out, report.statuses_used(b))
end

-- Average advance of a character in `ch` (the width of "0"): most text is narrower.
local CH_PER_CHAR = 0.95
-- The same for the bold header, whose words must not break.
local HEAD_PER_CHAR = 1.2
-- The padding of a cell, in ch.
local PAD_CH = 1.8
-- The width of the page's text column in `ch` at the table's font size, roughly.
local LINE_CH = 78
-- How much longer the line of a dense table is (font .72rem instead of .85rem).
local DENSE_RATIO = 0.85 / 0.72

--- The longest run of a cell that cannot wrap (a word; numbers hold together with their
-- no-break spaces), in characters.
local function longest_word(s)
  local n = 0
  for w in s:gmatch("[^ \t\n]+") do n = math.max(n, utf8.len(w) or #w) end
  return n
end

--- Column widths in % for the visible columns, reckoned in `ch` over a line of LINE_CH: a
-- column of short cells (numbers, years, codes, short words) gets the width of its longest
-- cell, the same for every numeric column (years side by side line up); a long-text column
-- gets at least its longest word, and the line left over is shared among the long-text
-- columns in proportion to their average length. Nothing is narrower than its longest word
-- unless the columns cannot fit the line at all (then all shrink alike).
local function column_widths(b, cols, align)
  local width, weight, numeric_w = {}, {}, 0
  for _, j in ipairs(cols) do
    -- a header wraps between its words, never inside one
    local head = longest_word(b.columns[j]) * HEAD_PER_CHAR
    local longest, word, sum = utf8.len(b.columns[j]) > 14 and 0 or utf8.len(b.columns[j]) * HEAD_PER_CHAR, head, 0
    for _, r in ipairs(b.rows) do
      local len = utf8.len(r[j]) or #r[j]
      longest = math.max(longest, len * CH_PER_CHAR)
      word = math.max(word, longest_word(r[j]) * CH_PER_CHAR)
      sum = sum + len
    end
    if align[j] == "right" then
      -- a number with its words ("1 sur 2", "3,9 (80 % satisfaits)") holds together up to 11 ch
      numeric_w = math.max(numeric_w, math.min(math.max(longest, word, 4), 11), word)
      width[j] = "numeric"
    elseif longest <= 16 then
      width[j] = math.max(longest, word, 1) + PAD_CH
    else
      width[j] = word + PAD_CH
      weight[j] = math.max(#b.rows > 0 and sum / #b.rows or 10, 1)
    end
  end
  local used, weights = 0, 0
  for _, j in ipairs(cols) do
    if width[j] == "numeric" then width[j] = numeric_w + PAD_CH end
    used = used + width[j]
    weights = weights + (weight[j] or 0)
  end
  if weights == 0 and used <= LINE_CH then return nil end -- all short and they fit: the browser shares the line
  -- too many columns for the line: a smaller font (class "dense") gives a longer line
  local line, dense = LINE_CH, false
  if used > LINE_CH then line, dense = LINE_CH * DENSE_RATIO, true end
  local extra = math.max(line - used, 0)
  local total = used + extra
  local widths = {}
  for _, j in ipairs(cols) do
    local w = width[j] + (weight[j] and extra * weight[j] / weights or 0)
    widths[j] = string.format("%.1f%%", w / total * 100)
  end
  return widths, dense
end

function BLOCK.table(out, b)
  local align = report.column_align(b)
  local cols = report.visible_columns(b)
  out[#out + 1] = '<div class="table-wrap">'
  local widths, dense = column_widths(b, cols, align)
  local dense_class = dense and ' class="dense"' or ""
  out[#out + 1] = b.name and ('<table id="table-' .. esc(b.name) .. '"' .. dense_class .. ">") or ("<table" .. dense_class .. ">")
  out[#out + 1] = "<caption>" .. esc(b.caption) .. "</caption>"
  if widths then
    out[#out + 1] = "<colgroup>"
    for _, j in ipairs(cols) do
      out[#out + 1] = widths[j] and ('<col style="width:' .. widths[j] .. '">') or "<col>"
    end
    out[#out + 1] = "</colgroup>"
  end
  out[#out + 1] = "<thead>"
  local cells = {}
  for _, j in ipairs(cols) do
    cells[#cells + 1] = '<th scope="col"' .. align_class(align[j]) .. ">" .. esc(b.columns[j]) .. "</th>"
  end
  out[#out + 1] = "<tr>" .. table.concat(cells) .. "</tr>"
  out[#out + 1] = "</thead>"
  out[#out + 1] = "<tbody>"
  if #b.rows == 0 then
    out[#out + 1] = '<tr><td class="empty" colspan="' .. #cols .. '">Aucune donnée.</td></tr>'
  end
  for _, r in ipairs(b.rows) do
    cells = {}
    for _, j in ipairs(cols) do
      local class = align_class(align[j])
      if j == 1 then
        cells[#cells + 1] = '<th scope="row"' .. class .. ">" .. esc(r[j]) .. "</th>"
      else
        cells[#cells + 1] = "<td" .. class .. ">" .. esc(r[j]) .. "</td>"
      end
    end
    out[#out + 1] = "<tr>" .. table.concat(cells) .. "</tr>"
  end
  out[#out + 1] = "</tbody>"
  out[#out + 1] = "</table>"
  out[#out + 1] = "</div>"
  if b.notes then
    out[#out + 1] = '<p class="table-notes-title">Notes</p>'
    out[#out + 1] = '<ol class="table-notes">'
    for _, n in ipairs(b.notes) do out[#out + 1] = "<li>" .. esc(n) .. "</li>" end
    out[#out + 1] = "</ol>"
  end
end

--- The chart renderer: opts.svg (function or table with .render), else ctg.svg if it loads;
--- and how a chart is cut into figures that each fit a page (its .parts; one figure when the
--- renderer has none).
local function svg_renderer(opts)
  local s = opts.svg
  if s == nil then
    local ok, mod = pcall(require, "ctg.svg")
    if not ok then return nil end
    s = mod
  end
  local parts = type(s) == "table" and type(s.parts) == "function" and s.parts or function(spec) return { spec } end
  if type(s) == "table" then s = s.render end
  if type(s) ~= "function" then return nil end
  return s, parts
end

--- The spec given to the chart renderer: a copy (the document is never changed) numbered by
-- the chart's rank, with the title left to the <figcaption> (show_title = false), unless the
-- spec says otherwise. (The builder already gave every value list its length in `n`.)
local function svg_spec(spec, rank)
  local copy = {}
  for k, v in pairs(spec) do copy[k] = v end -- a shallow copy: key order does not matter
  if copy.id == nil then copy.id = rank end
  if copy.show_title == nil then copy.show_title = false end
  return copy
end

-- Runs the chart renderer; returns the SVG text. A chart that cannot be drawn is an error
-- (the builder already drew it once, so this happens only with a broken renderer): a report
-- never goes out with a hole where a figure should be.
local function chart_svg(ctx, spec)
  if not ctx.svg then error("render.html: no chart renderer (ctg.svg did not load)", 0) end
  local copy = svg_spec(spec, ctx.charts)
  local ok, text = pcall(ctx.svg, copy)
  if not ok then error("render.html: chart « " .. spec.title .. " » cannot be drawn: " .. tostring(text), 0) end
  if type(text) ~= "string" then error("render.html: chart « " .. spec.title .. " »: the renderer returned no text", 0) end
  text = text:gsub("^%s+", ""):gsub("%s+$", "")
  if text:sub(1, 4) ~= "<svg" or text:lower():find("<script", 1, true) then
    error("render.html: chart « " .. spec.title .. " »: the renderer returned something else than a plain <svg>", 0)
  end
  return text
end

-- A chart is one figure, never cut by a page break (print CSS); a chart too long for a page
-- (more than 40 bars) is several figures, each with its title and its axis.
function BLOCK.chart(out, b, ctx)
  ctx.charts = ctx.charts + 1
  local parts = ctx.parts and ctx.parts(b.chart) or { b.chart }
  for i, c in ipairs(parts) do
    if i > 1 and c.id == nil then c.id = "ctg-chart-" .. ctx.charts .. "-" .. i end -- ids stay unique
    out[#out + 1] = c.size == "small" and '<figure class="chart small">' or '<figure class="chart">'
    out[#out + 1] = '<figcaption><span class="chart-title">' .. esc(c.title) .. "</span>"
                    .. (c.desc and i == 1 and ('<span class="chart-desc">' .. esc(c.desc) .. "</span>") or "") .. "</figcaption>"
    out[#out + 1] = chart_svg(ctx, c)
    out[#out + 1] = "</figure>"
  end
end

function BLOCK.findings(out, b)
  if #b.items == 0 then
    out[#out + 1] = '<p class="findings-none">Aucun constat.</p>'
    return
  end
  out[#out + 1] = '<ul class="findings">'
  for _, it in ipairs(b.items) do
    out[#out + 1] = '<li class="finding severity-' .. it.severity .. '"><strong class="label">'
                    .. esc(report.SEVERITY_LABELS[it.severity]) .. '<span class="vh">' .. COLON .. "</span></strong> "
                    .. esc(it.message) .. "</li>"
  end
  out[#out + 1] = "</ul>"
end

function BLOCK.list(out, b)
  out[#out + 1] = '<ul class="list">'
  for _, it in ipairs(b.items) do out[#out + 1] = "<li>" .. esc(it) .. "</li>" end
  out[#out + 1] = "</ul>"
end

local function is_small_chart(b) return b and b.type == "chart" and b.chart.size == "small" end

-- Consecutive small charts go into one two-column grid (small multiples).
render_blocks = function(out, blocks, ctx)
  for i, b in ipairs(blocks) do
    if is_small_chart(b) and not is_small_chart(blocks[i - 1]) then out[#out + 1] = '<div class="chart-grid">' end
    BLOCK[b.type](out, b, ctx)
    if is_small_chart(b) and not is_small_chart(blocks[i + 1]) then out[#out + 1] = "</div>" end
  end
end

---------------------------------------------------------------------------- document

-- Ids of every section heading, unique, in document order ("sec-" + slug, "-2", "-3"… on repeats).
local function section_ids(doc)
  local ids, used = {}, {}
  report.walk(doc, function(b)
    if b.type ~= "section" then return end
    local base = "sec-" .. html.slug(b.title)
    if base == "sec-" then base = "sec" end
    local id, n = base, 1
    while used[id] do n = n + 1; id = base .. "-" .. n end
    used[id] = true
    ids[b] = id
  end)
  return ids
end

local function provenance(out, p)
  out[#out + 1] = '<footer class="provenance" aria-labelledby="provenance">'
  out[#out + 1] = '<h2 id="provenance">Provenance</h2>'
  if not p then
    out[#out + 1] = "<p>Provenance non renseignée" .. COLON .. " ce document ne peut pas être reproduit à l’identique.</p>"
    out[#out + 1] = "</footer>"
    return
  end
  out[#out + 1] = "<p>Document produit par ctg. Les mêmes plan, observations, script et version de ctg"
                  .. " redonnent ce document à l’identique.</p>"
  out[#out + 1] = "<dl>"
  local function item(label, value)
    out[#out + 1] = "<div><dt>" .. esc(label) .. "</dt><dd>" .. value .. "</dd></div>"
  end
  local function code(s) return "<code>" .. esc(s) .. "</code>" end
  item("Plan", esc(p.plan))
  item("Empreinte du plan", code(p.plan_hash))
  item("Empreinte des observations", code(p.observations_hash))
  item("Script", code(p.script))
  item("Empreinte du script", code(p.script_hash))
  item("Version de ctg", esc(p.ctg_version))
  item("Période", esc(report.period_text(p.period)))
  if p.date then item("Date", '<time datetime="' .. esc(p.date) .. '">' .. esc(fmt.date(p.date)) .. "</time>") end
  local date = require("ctg.date")
  if p.as_of then item("Situation au", '<time datetime="' .. esc(p.as_of) .. '">' .. esc(date.french(p.as_of)) .. "</time>") end
  if p.known_at then
    item("Données connues au", '<time datetime="' .. esc(p.known_at) .. '">' .. esc(date.french(p.known_at)) .. "</time>")
  end
  if p.arguments and #p.arguments > 0 then item("Arguments du script", code(table.concat(p.arguments, " "))) end
  if p.commit then item("Commit du projet", code(p.commit)) end
  out[#out + 1] = "</dl>"
  out[#out + 1] = "</footer>"
end

--- Renders a document (from ctg.report) as one HTML file; returns the text.
function html.render(doc, opts)
  opts = opts or {}
  local m = doc.meta
  local ctx = { ids = section_ids(doc), charts = 0 }
  ctx.svg, ctx.parts = svg_renderer(opts)
  local out = {
    "<!DOCTYPE html>",
    '<html lang="fr">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    "<title>" .. esc(m.title) .. "</title>",
    "<style>",
    html.CSS .. html.page_css(m) .. "</style>",
    "</head>",
    "<body>",
    '<header class="doc-header">',
  }
  if m.organisation then out[#out + 1] = '<p class="doc-organisation">' .. esc(m.organisation) .. "</p>" end
  out[#out + 1] = "<h1>" .. esc(m.title) .. "</h1>"
  if m.subtitle then out[#out + 1] = '<p class="doc-subtitle">' .. esc(m.subtitle) .. "</p>" end
  local lines = report.header_lines(m, report.provenance_of(doc))
  if #lines > 0 then
    out[#out + 1] = '<dl class="doc-meta">'
    for _, l in ipairs(lines) do
      local value = l.date and ('<time datetime="' .. esc(l.date) .. '">' .. esc(l.text) .. "</time>") or esc(l.text)
      out[#out + 1] = "<div><dt>" .. esc(l.label) .. COLON .. "</dt> <dd>" .. value .. "</dd></div>"
    end
    out[#out + 1] = "</dl>"
  end
  out[#out + 1] = "</header>"

  local toc = {}
  for _, b in ipairs(doc.blocks) do
    if b.type == "section" then
      toc[#toc + 1] = '<li><a href="#' .. esc(ctx.ids[b]) .. '">' .. esc(b.title) .. "</a></li>"
    end
  end
  if #toc > 0 then
    out[#out + 1] = '<nav class="toc" aria-labelledby="sommaire">'
    out[#out + 1] = '<h2 id="sommaire">Sommaire</h2>'
    out[#out + 1] = "<ol>"
    for _, li in ipairs(toc) do out[#out + 1] = li end
    out[#out + 1] = "</ol>"
    out[#out + 1] = "</nav>"
  end

  out[#out + 1] = "<main>"
  render_blocks(out, doc.blocks, ctx)
  out[#out + 1] = "</main>"
  provenance(out, report.provenance_of(doc))
  out[#out + 1] = "</body>"
  out[#out + 1] = "</html>"
  return table.concat(out, "\n") .. "\n"
end

return html
