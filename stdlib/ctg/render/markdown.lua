-- ctg.render.markdown — a report as Markdown (GitHub/GitLab flavour), to read on a git forge
-- next to the scripts that produced it.
--
--   local text = require("ctg.render.markdown").render(doc)
--
-- Headings "#" (the title) then "##" for level-1 sections and so on; tables as pipe tables
-- (caption in bold above, "|" escaped in cells, alignment row from `align`); key figures and
-- findings as bullet lists, the status or severity in words; charts as "(graphique : title)",
-- their description and their values in a small table (no SVG); the provenance at the end.
-- Text is escaped so that it reads as written (no accidental emphasis, link, list or HTML).
-- The output depends on the document only: same document, same bytes.
local fmt = require("ctg.fmt")
local report = require("ctg.report")

local markdown = {}

-- French typography: a no-break space before ":".
local COLON = "\u{00A0}:"

local function alnum(c)
  return c ~= "" and (c:match("[%w]") ~= nil or c:byte() >= 128)
end

--- Escapes plain text for Markdown: \ ` * _ (outside words) [ ] < | ~ # and entity-like &
-- are backslash-escaped; so are, unless `inline` (a table cell), a leading -, +, =, > and
-- the "." or ")" of a leading "12." (which would start a list, a heading or a quote).
function markdown.escape(s, inline)
  local out = {}
  local n = #s
  for i = 1, n do
    local c = s:sub(i, i)
    if c:match("[\\`*%[%]<|~#]") then
      c = "\\" .. c
    elseif c == "_" then
      if not (alnum(s:sub(i - 1, i - 1)) and alnum(s:sub(i + 1, i + 1))) then c = "\\_" end
    elseif c == "&" then
      if s:find("^&#?%w+;", i) then c = "\\&" end
    end
    out[i] = c
  end
  local text = table.concat(out)
  if inline then return text end
  if text:match("^[-+=>]") then
    text = "\\" .. text
  else
    text = text:gsub("^(%d+)([.)])", "%1\\%2")
  end
  return text
end
local esc = markdown.escape

--- A table cell: escaped, line breaks as spaces.
local function cell(s)
  return esc((s:gsub("[\r\n]+", " ")), true)
end

local function code(s)
  if s:find("`", 1, true) then return esc(s, true) end
  return "`" .. s .. "`"
end

local ALIGN_ROW = { left = ":---", right = "---:", center = ":---:" }

local function pipe_row(cells)
  local parts = {}
  for j, c in ipairs(cells) do parts[j] = c == "" and " " or (" " .. c .. " ") end
  return "|" .. table.concat(parts, "|") .. "|"
end

--- A pipe table: header cells, alignments ("left" | "right" | "center" | nil), rows of text.
local function pipe_table(out, header, align, rows)
  local cells = {}
  for j, h in ipairs(header) do cells[j] = cell(h) end
  out[#out + 1] = pipe_row(cells)
  local marks = {}
  for j = 1, #header do marks[j] = ALIGN_ROW[align and align[j]] or "---" end
  out[#out + 1] = pipe_row(marks)
  for _, r in ipairs(rows) do
    cells = {}
    for j = 1, #header do cells[j] = cell(r[j] or "") end
    out[#out + 1] = pipe_row(cells)
  end
end

local BLOCK = {}
local render_blocks

-- Each block appends its lines to `out`; blocks are separated by one blank line.
function BLOCK.section(out, b)
  out[#out + 1] = string.rep("#", b.level + 1) .. " " .. esc(b.title, true)
  render_blocks(out, b.blocks)
end

function BLOCK.paragraph(out, b)
  local ps = report.paragraphs(b.text)
  for i, p in ipairs(ps) do
    if i > 1 then out[#out + 1] = "" end
    out[#out + 1] = esc(p)
  end
end

function BLOCK.figures(out, b)
  for _, it in ipairs(b.items) do
    local line = "- " .. esc(it.label) .. COLON .. " **" .. esc(it.value, true) .. "**"
    if it.note then line = line .. " (" .. esc(it.note, true) .. ")" end
    if it.status then line = line .. " — " .. report.STATUS_LABELS[it.status] end
    out[#out + 1] = line
  end
  local statuses = report.statuses_used(b)
  if #statuses > 0 then
    local parts = {}
    for _, st in ipairs(statuses) do parts[#parts + 1] = "*" .. report.STATUS_LABELS[st] .. "*" .. COLON .. " " .. esc(report.STATUS_MEANINGS[st], true) end
    out[#out + 1] = ""
    out[#out + 1] = table.concat(parts, " ; ") .. "."
  end
end

function BLOCK.table(out, b)
  out[#out + 1] = "**" .. esc(b.caption, true) .. "**"
  out[#out + 1] = ""
  -- only the columns with something in them, the texts of the notes in full below
  local cols, align = report.visible_columns(b), report.column_align(b)
  local header, aligns, rows = {}, {}, {}
  for k, j in ipairs(cols) do header[k], aligns[k] = b.columns[j], align[j] end
  for i, r in ipairs(b.rows) do
    rows[i] = {}
    for k, j in ipairs(cols) do rows[i][k] = r[j] end
  end
  pipe_table(out, header, aligns, rows)
  if #b.rows == 0 then
    out[#out + 1] = ""
    out[#out + 1] = "Aucune donnée."
  end
  if b.notes then
    out[#out + 1] = ""
    out[#out + 1] = "Notes" .. COLON
    out[#out + 1] = ""
    for i, n in ipairs(b.notes) do out[#out + 1] = i .. ". " .. esc(n, true) end
  end
end

-- The values of a chart as a small table: header, alignments, rows.
local CHART_TABLE = {}

function CHART_TABLE.line(c)
  local header, align = { c.x_label or "" }, { "left" }
  for i, s in ipairs(c.series) do header[i + 1] = s.name; align[i + 1] = "right" end
  local rows = {}
  for k, x in ipairs(c.x) do
    local r = { x }
    for i, s in ipairs(c.series) do r[i + 1] = report.format_value(c, s.values[k]) end
    rows[k] = r
  end
  return header, align, rows
end

function CHART_TABLE.bars(c)
  if c.series then return CHART_TABLE.stacked({ categories = c.categories, stacks = c.series, format = c.format,
                                                decimals = c.decimals, x_label = c.x_label }) end
  local rows = {}
  for k, x in ipairs(c.categories) do rows[k] = { x, report.format_value(c, c.values[k]) } end
  return { c.x_label or "", c.y_label or "Valeur" }, { "left", "right" }, rows
end

function CHART_TABLE.stacked(c)
  local header, align = { c.x_label or "" }, { "left" }
  for i, s in ipairs(c.stacks) do header[i + 1] = s.name; align[i + 1] = "right" end
  local rows = {}
  for k, x in ipairs(c.categories) do
    local r = { x }
    for i, s in ipairs(c.stacks) do r[i + 1] = report.format_value(c, s.values[k]) end
    rows[k] = r
  end
  return header, align, rows
end

function CHART_TABLE.gantt(c)
  local header, align = { "Étape", "Prévu" }, { "left", "left" }
  for i, y in ipairs(c.years) do header[i + 2] = string.format("%d", y); align[i + 2] = "center" end
  local rows = {}
  for k, row in ipairs(c.rows) do
    local planned = "calendrier inconnu"
    if row.planned then
      local ys = {}
      for i, y in ipairs(row.planned) do ys[i] = string.format("%d", y) end
      planned = #ys > 0 and table.concat(ys, ", ") or "aucune année"
    end
    local r = { row.label, planned }
    for i, y in ipairs(c.years) do
      local a = row.actual and row.actual[y]
      r[i + 2] = a and report.ACTUAL_LABELS[a] or ""
    end
    rows[k] = r
  end
  return header, align, rows
end

function BLOCK.chart(out, b)
  local c = b.chart
  out[#out + 1] = "(graphique" .. COLON .. " " .. esc(c.title, true) .. ")"
  if c.desc then
    out[#out + 1] = ""
    BLOCK.paragraph(out, { text = c.desc })
  end
  out[#out + 1] = ""
  pipe_table(out, CHART_TABLE[c.kind](c))
end

function BLOCK.findings(out, b)
  if #b.items == 0 then
    out[#out + 1] = "Aucun constat."
    return
  end
  for _, it in ipairs(b.items) do
    out[#out + 1] = "- **" .. report.SEVERITY_LABELS[it.severity] .. "**" .. COLON .. " " .. esc(it.message, true)
  end
end

function BLOCK.list(out, b)
  for _, it in ipairs(b.items) do out[#out + 1] = "- " .. esc(it) end
end

render_blocks = function(out, blocks)
  for _, b in ipairs(blocks) do
    out[#out + 1] = ""
    BLOCK[b.type](out, b)
  end
end

local function provenance(out, p)
  out[#out + 1] = ""
  out[#out + 1] = "## Provenance"
  out[#out + 1] = ""
  if not p then
    out[#out + 1] = "Provenance non renseignée" .. COLON .. " ce document ne peut pas être reproduit à l’identique."
    return
  end
  out[#out + 1] = "Document produit par ctg. Les mêmes plan, observations, script et version de ctg"
                  .. " redonnent ce document à l’identique."
  out[#out + 1] = ""
  local function item(label, value) out[#out + 1] = "- " .. label .. COLON .. " " .. value end
  item("Plan", esc(p.plan, true))
  item("Empreinte du plan", code(p.plan_hash))
  item("Empreinte des observations", code(p.observations_hash))
  item("Script", code(p.script))
  item("Empreinte du script", code(p.script_hash))
  item("Version de ctg", esc(p.ctg_version, true))
  item("Période", esc(report.period_text(p.period), true))
  if p.date then item("Date", fmt.date(p.date)) end
  if p.as_of then item("Situation au", esc(require("ctg.date").french(p.as_of), true)) end
  if p.known_at then item("Données connues au", esc(require("ctg.date").french(p.known_at), true)) end
  if p.arguments and #p.arguments > 0 then item("Arguments du script", code(table.concat(p.arguments, " "))) end
  if p.commit then item("Commit du projet", code(p.commit)) end
end

--- Renders a document (from ctg.report) as Markdown; returns the text.
function markdown.render(doc, opts)
  local _ = opts
  local m = doc.meta
  local out = { "# " .. esc(m.title, true) }
  if m.subtitle then
    out[#out + 1] = ""
    out[#out + 1] = esc(m.subtitle)
  end
  if m.organisation then
    out[#out + 1] = ""
    out[#out + 1] = esc(m.organisation)
  end
  -- one line per item (period, situation date, amendments, edition…)
  local lines = report.header_lines(m, report.provenance_of(doc))
  if #lines > 0 then out[#out + 1] = "" end
  for _, l in ipairs(lines) do out[#out + 1] = "- " .. l.label .. COLON .. " " .. esc(l.text, true) end
  render_blocks(out, doc.blocks)
  provenance(out, report.provenance_of(doc))
  return table.concat(out, "\n") .. "\n"
end

return markdown
