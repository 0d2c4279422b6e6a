-- ctg.render.html — a report as one self-contained HTML file for the comité de pilotage:
-- inline CSS, inline SVG charts, no script, no network, no web font; readable on screen,
-- printable on A4, accessible (headings in order, captions, header cells, text labels next to
-- every colour), in French.
--
--   local text = require("ctg.render.html").render(doc, { svg = optional_renderer })
--
-- opts.svg: the chart renderer, a function(spec) -> svg text or a table with .render (tests
-- inject a stub); by default ctg.svg. When it is missing or fails, the chart is replaced by a
-- paragraph saying it is unavailable. Each chart spec it receives is a copy with `id` set to
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
body { max-width: 60rem; margin: 0 auto; padding: 2.5rem 1.5rem 3rem; }
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
.doc-date { color: var(--muted); }
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
.figure .label { margin-top: .45rem; }
.status-ok { border-left-color: var(--ok); } .status-ok .label { color: var(--ok); }
.status-warning { border-left-color: var(--warning); } .status-warning .label { color: var(--warning); }
.status-critical { border-left-color: var(--critical); } .status-critical .label { color: var(--critical); }
.table-wrap { margin: 0 0 1.5rem; overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-size: .95rem; }
caption { caption-side: top; padding: 0 0 .5rem; color: var(--blue); font-weight: bold; text-align: left; }
th, td { padding: .4rem .6rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--blue); background: var(--head); color: var(--blue); }
tbody th { font-weight: normal; }
tbody tr:nth-child(even) { background: var(--soft); }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.center { text-align: center; }
.empty { color: var(--muted); font-style: italic; text-align: center; }
.chart { margin: 0 0 1.75rem; padding: 1rem; border: 1px solid var(--line); }
.chart.small { display: inline-block; box-sizing: border-box; width: calc(50% - .5rem); margin-right: .5rem; vertical-align: top; padding: .6rem; }
.chart.small .chart-desc { font-size: .8rem; }
.chart figcaption { margin-bottom: .75rem; }
.chart-title { display: block; color: var(--blue); font-weight: bold; }
.chart-desc { display: block; color: var(--muted); font-size: .9rem; }
.chart svg { display: block; width: 100%; max-width: 48rem; height: auto; margin: 0 auto; }
.chart-unavailable { margin: 0; padding: 1rem; border: 1px dashed var(--neutral); color: var(--muted); text-align: center; }
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
@page { size: A4; margin: 18mm 16mm; }
@media print {
  html { font-size: 10pt; }
  body { max-width: none; margin: 0; padding: 0; }
  a { color: inherit; text-decoration: none; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }
  h2 { margin-top: 2rem; }
  p, li { orphans: 3; widows: 3; }
  .page-break { break-before: page; page-break-before: always; }
  .page-break > h2 { margin-top: 0; }
  .figure, .chart, .finding, .toc, tr, caption, .provenance { break-inside: avoid; page-break-inside: avoid; }
  caption { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  .table-wrap { overflow: visible; }
  .chart svg { max-height: 110mm; }
  .chart.small svg { max-height: 55mm; }
}
]]

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
end

function BLOCK.table(out, b)
  local align = report.column_align(b)
  out[#out + 1] = '<div class="table-wrap">'
  out[#out + 1] = b.name and ('<table id="table-' .. esc(b.name) .. '">') or "<table>"
  out[#out + 1] = "<caption>" .. esc(b.caption) .. "</caption>"
  out[#out + 1] = "<thead>"
  local cells = {}
  for j, c in ipairs(b.columns) do
    local class = align_class(align[j])
    cells[j] = '<th scope="col"' .. class .. ">" .. esc(c) .. "</th>"
  end
  out[#out + 1] = "<tr>" .. table.concat(cells) .. "</tr>"
  out[#out + 1] = "</thead>"
  out[#out + 1] = "<tbody>"
  if #b.rows == 0 then
    out[#out + 1] = '<tr><td class="empty" colspan="' .. #b.columns .. '">Aucune donnée.</td></tr>'
  end
  for _, r in ipairs(b.rows) do
    cells = {}
    for j = 1, #b.columns do
      local class = align_class(align[j])
      if j == 1 then
        cells[j] = '<th scope="row"' .. class .. ">" .. esc(r[j]) .. "</th>"
      else
        cells[j] = "<td" .. class .. ">" .. esc(r[j]) .. "</td>"
      end
    end
    out[#out + 1] = "<tr>" .. table.concat(cells) .. "</tr>"
  end
  out[#out + 1] = "</tbody>"
  out[#out + 1] = "</table>"
  out[#out + 1] = "</div>"
end

--- The chart renderer: opts.svg (function or table with .render), else ctg.svg if it loads.
local function svg_renderer(opts)
  local s = opts.svg
  if s == nil then
    local ok, mod = pcall(require, "ctg.svg")
    if not ok then return nil end
    s = mod
  end
  if type(s) == "table" then s = s.render end
  if type(s) ~= "function" then return nil end
  return s
end

--- A copy of a list of values that may end with nil, with its length in `n` (ctg.svg's convention).
local function counted(values, n)
  local out = { n = n }
  for i = 1, n do out[i] = values[i] end
  return out
end

--- The spec given to the chart renderer: a copy (the document is never changed) numbered by
-- the chart's rank, with the lengths of value lists explicit and the title left to the
-- <figcaption> (show_title = false), unless the spec says otherwise.
local function svg_spec(spec, rank)
  local copy = {}
  for k, v in pairs(spec) do copy[k] = v end -- a shallow copy: key order does not matter
  if copy.id == nil then copy.id = rank end
  if copy.show_title == nil then copy.show_title = false end
  if spec.kind == "line" or spec.kind == "stacked" then
    local key, n = spec.kind == "line" and "series" or "stacks", #(spec.x or spec.categories)
    local list = {}
    for i, s in ipairs(spec[key]) do
      local c = {}
      for k, v in pairs(s) do c[k] = v end
      c.values = counted(s.values, n)
      list[i] = c
    end
    copy[key] = list
  elseif spec.kind == "bars" then
    copy.values = counted(spec.values, #spec.categories)
  end
  return copy
end

-- Runs the chart renderer; returns the SVG text, or nil when there is no renderer, it
-- fails, or its output is not a plain <svg> without script.
local function chart_svg(ctx, spec)
  if not ctx.svg then return nil end
  local copy = svg_spec(spec, ctx.charts)
  local ok, text = pcall(ctx.svg, copy)
  if not ok or type(text) ~= "string" then return nil end
  text = text:gsub("^%s+", ""):gsub("%s+$", "")
  if text:sub(1, 4) ~= "<svg" or text:lower():find("<script", 1, true) then return nil end
  return text
end

function BLOCK.chart(out, b, ctx)
  local c = b.chart
  ctx.charts = ctx.charts + 1
  out[#out + 1] = c.size == "small" and '<figure class="chart small">' or '<figure class="chart">'
  out[#out + 1] = '<figcaption><span class="chart-title">' .. esc(c.title) .. "</span>"
                  .. (c.desc and ('<span class="chart-desc">' .. esc(c.desc) .. "</span>") or "") .. "</figcaption>"
  local svg = chart_svg(ctx, c)
  if svg then
    out[#out + 1] = svg
  else
    out[#out + 1] = '<p class="chart-unavailable">Graphique indisponible' .. COLON .. " « " .. esc(c.title) .. " ».</p>"
  end
  out[#out + 1] = "</figure>"
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

render_blocks = function(out, blocks, ctx)
  for _, b in ipairs(blocks) do BLOCK[b.type](out, b, ctx) end
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
  out[#out + 1] = "</dl>"
  out[#out + 1] = "</footer>"
end

--- Renders a document (from ctg.report) as one HTML file; returns the text.
function html.render(doc, opts)
  opts = opts or {}
  local m = doc.meta
  local ctx = { ids = section_ids(doc), charts = 0, svg = svg_renderer(opts) }
  local out = {
    "<!DOCTYPE html>",
    '<html lang="fr">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    "<title>" .. esc(m.title) .. "</title>",
    "<style>",
    html.CSS .. "</style>",
    "</head>",
    "<body>",
    '<header class="doc-header">',
  }
  if m.organisation then out[#out + 1] = '<p class="doc-organisation">' .. esc(m.organisation) .. "</p>" end
  out[#out + 1] = "<h1>" .. esc(m.title) .. "</h1>"
  if m.subtitle then out[#out + 1] = '<p class="doc-subtitle">' .. esc(m.subtitle) .. "</p>" end
  if m.date then
    out[#out + 1] = '<p class="doc-date"><time datetime="' .. esc(m.date) .. '">' .. esc(fmt.date(m.date)) .. "</time></p>"
  end
  -- the amendments (avenants) in force for the plan version the report was computed with
  local prov = report.provenance_of(doc)
  if prov and prov.amendments and #prov.amendments > 0 then
    out[#out + 1] = '<p class="doc-amendments">Avenant' .. (#prov.amendments > 1 and "s" or "") .. " en vigueur : " ..
      esc(table.concat(prov.amendments, " ; ")) .. "</p>"
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
