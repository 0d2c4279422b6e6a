-- ctg.report — the document a report script builds for the comité de pilotage: plain Lua
-- data (sections, paragraphs, key figures, tables, charts, findings, lists, provenance),
-- turned into text by ctg.render.html, ctg.render.markdown and ctg.render.csv.
--
--   local doc = report.new { title = "Bilan annuel 2023", date = "2024-03-01" }
--   local s = doc:section("Axe 1 — Une ville bienveillante", { page_break = true })
--   s:paragraph("…"):figures { { label = "Financement CAF", value = "1 620 000 €", status = "ok" } }
--   doc:provenance { plan = "…", plan_hash = "…", … }
--
-- Every block method appends a block and returns its owner (the section, or the document)
-- so calls chain; `section` returns the new sub-section. Arguments are checked here, once,
-- with errors naming the block (a table by its caption and name, a row by its number), and
-- copied, so that changing the caller's tables afterwards does not change the document.
-- The renderers share the French vocabulary defined below (status and severity labels).
local fmt = require("ctg.fmt")

local report = {}

--- Deepest section level: level 1 is rendered as <h2> (the title is <h1>), level 5 as <h6>.
report.MAX_LEVEL = 5

--- Text labels of the status of a key figure (colour is never the only carrier of meaning).
report.STATUS_LABELS = { ok = "Conforme", warning = "Attention", critical = "Critique" }

--- What each status means, printed as a legend under every block that uses statuses.
report.STATUS_MEANINGS = {
  ok = "l'engagement du plan est tenu (cible, plancher, nombre de réunions)",
  warning = "l'engagement risque de ne pas être tenu, ou la donnée manque",
  critical = "l'engagement n'est pas tenu",
}

--- Text labels of the severity of a finding.
report.SEVERITY_LABELS = { critical = "Critique", error = "Erreur", warning = "Attention", info = "Info" }

--- Gantt chart: the actual status of a step in a year.
report.ACTUAL_LABELS = { planned = "prévue", started = "commencée", done = "terminée", dropped = "abandonnée" }

--- Chart kinds and value formats.
report.CHART_KINDS = { "line", "bars", "stacked", "gantt" }
report.FORMATS = { "number", "percent", "points", "euros" }

--- Keys of the provenance, in the order the renderers print them; all required but `date`,
--- `as_of`, `known_at` (dates), `arguments` and `amendments` (lists of text), and `commit`
--- (the git commit of the project a report was built from by ctg build, "… (modifié)" when
--- its work tree had changes).
report.PROVENANCE_KEYS = { "plan", "plan_hash", "observations_hash", "script", "script_hash",
                           "ctg_version", "period", "date", "as_of", "known_at", "arguments", "amendments",
                           "commit" }

---------------------------------------------------------------------------- errors

local getinfo = debug and debug.getinfo
local SOURCE = getinfo and getinfo(1, "S").source

--- Raises "report: <msg>" (or "report.<where>: <msg>"), located at the first caller outside this module.
local function fail(msg)
  local level = 2
  while getinfo do
    local info = getinfo(level, "S")
    if not info or info.source ~= SOURCE then break end
    level = level + 1
  end
  error("report: " .. msg, level)
end

--- A readable rendering of a bad value for error messages.
local function describe(v)
  local t = type(v)
  if t == "string" then return string.format("string %q", v) end
  if t == "number" or t == "boolean" then return t .. " " .. tostring(v) end
  return t
end

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    if type(a) == type(b) and (type(a) == "string" or type(a) == "number") then return a < b end
    return type(a) < type(b)
  end)
  return keys
end

--- Rejects keys outside `allowed` (a list), so that a misspelt option is not silently ignored.
local function check_keys(where, t, allowed)
  local ok = {}
  for _, k in ipairs(allowed) do ok[k] = true end
  for _, k in ipairs(sorted_keys(t)) do
    if not ok[k] then
      fail(where .. ": unknown field " .. (type(k) == "string" and string.format("%q", k) or describe(k))
           .. " (expected " .. table.concat(allowed, ", ") .. ")")
    end
  end
end

--- A non-empty, valid UTF-8 string (or nil when optional); returns it.
local function check_text(where, v, optional)
  if v == nil and optional then return nil end
  if type(v) ~= "string" then fail(where .. ": expected a string, got " .. describe(v)) end
  if v == "" and not optional then fail(where .. ": expected a non-empty string") end
  if not utf8.len(v) then fail(where .. ": not valid UTF-8 text") end
  return v
end

--- A string that may be empty (table cells), valid UTF-8.
local function check_cell_text(where, v)
  if type(v) ~= "string" then fail(where .. ": expected a string (an already formatted cell), got " .. describe(v)) end
  if not utf8.len(v) then fail(where .. ": not valid UTF-8 text") end
  return v
end

local function check_table(where, v)
  if type(v) ~= "table" then fail(where .. ": expected a table, got " .. describe(v)) end
  return v
end

--- A list (keys 1..n, no hole); `nonempty` requires at least one element. Returns its length.
local function check_list(where, v, nonempty)
  check_table(where, v)
  local n = #v
  for _, k in ipairs(sorted_keys(v)) do
    if math.type(k) ~= "integer" or k < 1 or k > n then
      fail(where .. ": expected a list (keys 1.." .. n .. "), found key " .. describe(k))
    end
  end
  if nonempty and n == 0 then fail(where .. ": expected a non-empty list") end
  return n
end

--- Highest positive integer key of a list that may have holes (nil = not available); other keys rejected.
local function holey_length(where, v, skip_n)
  local n = 0
  for _, k in ipairs(sorted_keys(v)) do
    if not (skip_n and k == "n") then
      if math.type(k) ~= "integer" or k < 1 then fail(where .. ": unexpected key " .. describe(k)) end
      if k > n then n = k end
    end
  end
  return n
end

local function one_of(where, v, set, optional)
  if v == nil and optional then return nil end
  for _, s in ipairs(set) do if v == s then return v end end
  fail(where .. ": expected " .. table.concat(set, ", ") .. (optional and " or nil" or "") .. ", got " .. describe(v))
end

--- A finite number, or nil for not available (NaN and ±inf become nil: a gap, never a zero).
local function check_value(where, v)
  if v == nil then return nil end
  if type(v) ~= "number" then fail(where .. ": expected a number or nil, got " .. describe(v)) end
  if v ~= v or v == math.huge or v == -math.huge then return nil end
  return v
end

---------------------------------------------------------------------------- blocks

-- The method tables stay out of reach of code from others: a document's metatable is hidden
-- (__metatable) and its __index is not the method table, so a script can neither read nor
-- change Doc's methods (doc.__index is nil) nor dress a table of its own as a document.
local Doc, Section = {}, {}
local DOC_MT = { __index = Doc, __metatable = false }
local SECTION_MT = { __index = Section, __metatable = false }
local rawmeta = debug and debug.getmetatable or getmetatable

-- Documents made by report.new: the one proof that a value is a document.
local documents = setmetatable({}, { __mode = "k" })

-- Per-document state kept off the plain data: the owner document of each section and the
-- table names already used (CSV file stems must be unique).
local owner = setmetatable({}, { __mode = "k" })
local state = setmetatable({}, { __mode = "k" })

local function doc_of(x)
  if rawmeta(x) == DOC_MT and documents[x] then return x end
  if rawmeta(x) == SECTION_MT and owner[x] then return owner[x] end
  fail("call the block methods with ':' on a document or a section (doc:paragraph(…), not doc.paragraph(…))")
end

local function add(self, block)
  doc_of(self)
  local blocks = self.blocks
  blocks[#blocks + 1] = block
  return self
end

local function new_section(self, title, opts)
  local doc = doc_of(self)
  local level = rawmeta(self) == DOC_MT and 1 or self.level + 1
  local where = "section"
  check_text(where .. " title", title)
  if opts ~= nil then
    check_table(where .. string.format(" %q: options", title), opts)
    check_keys(where .. string.format(" %q", title), opts, { "page_break" })
    if opts.page_break ~= nil and type(opts.page_break) ~= "boolean" then
      fail(string.format("section %q: page_break must be a boolean, got %s", title, describe(opts.page_break)))
    end
  end
  if level > report.MAX_LEVEL then
    fail(string.format("section %q: level %d is too deep (at most %d levels below the title)",
                       title, level, report.MAX_LEVEL))
  end
  local s = setmetatable({ type = "section", title = title, level = level,
                           page_break = (opts and opts.page_break) or false, blocks = {} }, SECTION_MT)
  owner[s] = doc
  local blocks = self.blocks
  blocks[#blocks + 1] = s
  return s
end

--- Appends a sub-section (level of the owner + 1; a document's sections are level 1); returns it.
Doc.section, Section.section = new_section, new_section

--- Appends a paragraph of plain text (a blank line separates paragraphs in the renderers).
local function paragraph(self, text)
  doc_of(self)
  return add(self, { type = "paragraph", text = check_text("paragraph", text) })
end
Doc.paragraph, Section.paragraph = paragraph, paragraph

--- Appends key figures: { { label, value, note?, status? = "ok" | "warning" | "critical" }, … }.
local function figures(self, items)
  doc_of(self)
  local n = check_list("figures", items, true)
  local out = {}
  for i = 1, n do
    local where = "figures[" .. i .. "]"
    local it = check_table(where, items[i])
    check_keys(where, it, { "label", "value", "note", "status" })
    out[i] = { label = check_text(where .. ".label", it.label),
               value = check_text(where .. ".value", it.value),
               note = check_text(where .. ".note", it.note, true),
               status = one_of(where .. ".status", it.status, { "ok", "warning", "critical" }, true) }
  end
  return add(self, { type = "figures", items = out })
end
Doc.figures, Section.figures = figures, figures

--- Appends a table: { caption, name?, columns, align?, rows, raw? } (see the module header).
local function tbl(self, t)
  local doc = doc_of(self)
  check_table("table", t)
  local label = type(t.caption) == "string" and string.format("table %q", t.caption) or "table"
  if type(t.name) == "string" then label = label .. " (" .. t.name .. ")" end
  check_keys(label, t, { "caption", "name", "columns", "align", "rows", "raw", "notes" })
  check_text(label .. ": caption", t.caption)
  if t.name ~= nil then
    check_text(label .. ": name", t.name)
    if not t.name:match("^[%w][%w._-]*$") or t.name:match("%.%.") then
      fail(label .. ": name must be a file stem (letters, digits, '.', '_', '-'), got " .. describe(t.name))
    end
    local used = state[doc].names
    if used[t.name] then fail(label .. ": name " .. string.format("%q", t.name) .. " is already used by another table") end
    used[t.name] = true
  end
  local ncol = check_list(label .. ": columns", t.columns, true)
  local columns = {}
  for j = 1, ncol do columns[j] = check_cell_text(label .. ": column " .. j, t.columns[j]) end
  local align
  if t.align ~= nil then
    local na = check_list(label .. ": align", t.align)
    if na ~= ncol then fail(label .. ": align has " .. na .. " entries, expected " .. ncol .. " (one per column)") end
    align = {}
    for j = 1, ncol do
      align[j] = one_of(label .. ": align[" .. j .. "]", t.align[j], { "left", "right", "center" })
    end
  end
  local nrow = check_list(label .. ": rows", t.rows)
  local rows = {}
  for i = 1, nrow do
    local where = label .. ": row " .. i
    local r = check_table(where, t.rows[i])
    local n = holey_length(where, r)
    if n ~= ncol then
      fail(where .. " has " .. n .. " cells, expected " .. ncol .. " (one per column: "
           .. table.concat(columns, ", ") .. ")")
    end
    local row = {}
    for j = 1, ncol do row[j] = check_cell_text(where .. ", column " .. j .. " (" .. columns[j] .. ")", r[j]) end
    rows[i] = row
  end
  local raw
  if t.raw ~= nil then
    local nraw = check_list(label .. ": raw", t.raw)
    if nraw ~= nrow then fail(label .. ": raw has " .. nraw .. " rows, expected " .. nrow .. " (one per row)") end
    raw = {}
    for i = 1, nrow do
      local where = label .. ": raw row " .. i
      local r = check_table(where, t.raw[i])
      local n = holey_length(where, r)
      if n > ncol then fail(where .. " has " .. n .. " cells, expected at most " .. ncol .. " (one per column)") end
      local row = {}
      for j = 1, ncol do
        local v = r[j]
        if type(v) == "string" then
          check_cell_text(where .. ", column " .. j, v)
        elseif v ~= nil and type(v) ~= "number" then
          fail(where .. ", column " .. j .. " (" .. columns[j] .. "): expected a number, a string or nil, got " .. describe(v))
        end
        row[j] = v
      end
      raw[i] = row
    end
  end
  local notes
  if t.notes ~= nil then
    local nn = check_list(label .. ": notes", t.notes)
    notes = {}
    for i = 1, nn do notes[i] = check_text(label .. ": notes[" .. i .. "]", t.notes[i]) end
    if nn == 0 then notes = nil end
  end
  return add(self, { type = "table", caption = t.caption, name = t.name, columns = columns,
                     align = align, rows = rows, raw = raw, notes = notes })
end
Doc.table, Section.table = tbl, tbl

local function check_decimals(where, d)
  if d == nil then return nil end
  local n = type(d) == "number" and math.tointeger(d) or nil
  if not n or n < 0 or n > 10 then fail(where .. ": decimals must be an integer from 0 to 10, got " .. describe(d)) end
  return n
end

--- Positions of a chart (x of a line, categories of bars): labels, and the key each one is
-- given by in the value maps. An item is a label (a string, or a number such as a year: its
-- key is its text) or { key = …, label = … } (a territory code and its title).
local function check_positions(where, v)
  local n = check_list(where, v, true)
  local labels, index = {}, {}
  for i = 1, n do
    local x, key = v[i], nil
    if type(x) == "table" then
      check_keys(where .. "[" .. i .. "]", x, { "key", "label" })
      key = x.key
      if type(key) == "number" and math.tointeger(key) then key = string.format("%d", key) end
      check_text(where .. "[" .. i .. "].key", key)
      x = x.label
    end
    if type(x) == "number" then x = math.tointeger(x) and string.format("%d", x) or fmt.number(x) end
    labels[i] = check_text(where .. "[" .. i .. "]", x)
    key = key or labels[i]
    if index[key] then fail(where .. ": key " .. string.format("%q", key) .. " is given twice") end
    index[key] = i
  end
  return labels, index, n
end

--- The text of a value-map key: a string, or an integer (a year) as its digits.
local function key_text(k)
  if math.type(k) == "integer" then return string.format("%d", k) end
  if type(k) == "string" then return k end
  return nil
end

--- Values given by position key, as a positional list of n entries (nil = not available)
-- with its length in `n` (ctg.svg's convention). Accepted forms: a map { [key] = value }
-- or a list { { category = key, value = … } }; a key that is not a position is an error,
-- so that a missing value can never shift the following ones.
local function keyed_values(where, v, index, n)
  check_table(where, v)
  local out = { n = n }
  local function put(k, value, what)
    local key = key_text(k)
    local i = key and index[key]
    if not i then
      local keys = {}
      for name, j in pairs(index) do keys[j] = name end
      fail(where .. ": " .. what .. " " .. describe(k) .. " is not a category (expected one of: "
           .. table.concat(keys, ", ") .. "; values are given by category key, e.g. { [\"" .. keys[1] .. "\"] = 12 })")
    end
    if out[i] ~= nil then fail(where .. ": category " .. string.format("%q", key) .. " has two values") end
    out[i] = check_value(where .. "[" .. string.format("%q", key) .. "]", value)
  end
  local first = v[1]
  if type(first) == "table" then
    local count = check_list(where, v)
    for i = 1, count do
      local w = where .. "[" .. i .. "]"
      local item = check_table(w, v[i])
      check_keys(w, item, { "category", "value" })
      if item.category == nil then fail(w .. ": category is missing") end
      put(item.category, item.value, "category")
    end
  else
    for _, k in ipairs(sorted_keys(v)) do put(k, v[k], "key") end
  end
  return out
end

local function year(where, v)
  local y = type(v) == "number" and math.tointeger(v) or nil
  if not y then fail(where .. ": expected a year (an integer), got " .. describe(v)) end
  return y
end

-- Named value maps (a line chart's series, grouped bars' series, a stacked chart's stacks),
-- into out_list as positional lists.
local function check_named_series(where, field, list, index, n, out_list)
  local count = check_list(where .. ": " .. field, list, true)
  for i = 1, count do
    local w = where .. ": " .. field .. "[" .. i .. "]"
    local s = check_table(w, list[i])
    check_keys(w, s, { "name", "values", "status" })
    out_list[i].name = check_text(w .. ".name", s.name)
    out_list[i].values = keyed_values(w .. ".values", s.values, index, n)
  end
end

local CHART_CHECK = {}

function CHART_CHECK.line(where, c, out)
  local index, n
  out.x, index, n = check_positions(where .. ": x", c.x)
  check_named_series(where, "series", c.series, index, n, out.series)
end

function CHART_CHECK.bars(where, c, out)
  local index, n
  out.categories, index, n = check_positions(where .. ": categories", c.categories)
  if (c.values == nil) == (c.series == nil) then
    fail(where .. ": give values (one bar per category) or series (bars grouped by series: years, territories), not "
         .. (c.values == nil and "neither" or "both"))
  end
  if c.values ~= nil then
    out.values = keyed_values(where .. ": values", c.values, index, n)
  else
    check_named_series(where, "series", c.series, index, n, out.series)
  end
end

function CHART_CHECK.stacked(where, c, out)
  local index, n
  out.categories, index, n = check_positions(where .. ": categories", c.categories)
  check_named_series(where, "stacks", c.stacks, index, n, out.stacks)
end

function CHART_CHECK.gantt(where, c, out)
  local ny = check_list(where .. ": years", c.years, true)
  out.years = {}
  for i = 1, ny do
    out.years[i] = year(where .. ": years[" .. i .. "]", c.years[i])
    if i > 1 and out.years[i] <= out.years[i - 1] then fail(where .. ": years must be increasing") end
  end
  local nr = check_list(where .. ": rows", c.rows, true)
  for i = 1, nr do
    local w = where .. ": rows[" .. i .. "]"
    local r = check_table(w, c.rows[i])
    local row = out.rows[i]
    row.label = check_text(w .. ".label", r.label)
    row.planned, row.actual = nil, nil
    if r.planned ~= nil then
      local np = check_list(w .. ".planned", r.planned)
      row.planned = {}
      for k = 1, np do row.planned[k] = year(w .. ".planned[" .. k .. "]", r.planned[k]) end
    end
    if r.actual ~= nil then
      check_table(w .. ".actual", r.actual)
      row.actual = {}
      for _, k in ipairs(sorted_keys(r.actual)) do
        local y = year(w .. ".actual key", k)
        row.actual[y] = one_of(w .. ".actual[" .. y .. "]", r.actual[k], { "planned", "started", "done", "dropped" })
      end
    end
  end
end

--- Deep copy of plain data (extra chart fields for ctg.svg are kept as given).
local function copy(v)
  if type(v) ~= "table" then return v end
  local out = {}
  for _, k in ipairs(sorted_keys(v)) do out[k] = copy(v[k]) end
  return out
end

--- The fields a chart of each kind takes (beyond kind, title and the common ones).
report.CHART_FIELDS = {
  common = { "kind", "title", "desc", "id", "size", "format", "decimals", "show_title" },
  line = { "x", "series", "y_label", "y_min", "y_max", "lines" },
  bars = { "categories", "values", "series", "y_label", "y_min", "y_max", "lines", "orientation" },
  stacked = { "categories", "stacks", "y_label", "orientation" },
  gantt = { "years", "rows" },
}

--- Appends a chart: { kind = "line" | "bars" | "stacked" | "gantt", title, desc?, … } (see
-- `ctg help report`). The chart is drawn once here, so that a chart that cannot be drawn
-- fails the script at its line instead of leaving a hole in the report.
local function chart(self, c)
  doc_of(self)
  check_table("chart", c)
  local where = type(c.title) == "string" and string.format("chart %q", c.title) or "chart"
  one_of(where .. ": kind", c.kind, report.CHART_KINDS)
  local allowed = {}
  for _, k in ipairs(report.CHART_FIELDS.common) do allowed[#allowed + 1] = k end
  for _, k in ipairs(report.CHART_FIELDS[c.kind]) do allowed[#allowed + 1] = k end
  check_keys(where, c, allowed)
  local out = copy(c)
  check_text(where .. ": title", c.title)
  check_text(where .. ": desc", c.desc, true)
  check_text(where .. ": y_label", c.y_label, true)
  one_of(where .. ": format", c.format, report.FORMATS, true)
  one_of(where .. ": size", c.size, { "normal", "small" }, true)
  check_decimals(where, c.decimals)
  CHART_CHECK[c.kind](where, c, out)
  local ok, err = pcall(require("ctg.svg").render, out)
  if not ok then fail(where .. ": " .. tostring(err):gsub("^[^:]*:%d+: ", ""):gsub("^svg: ", "")) end
  return add(self, { type = "chart", chart = out })
end
Doc.chart, Section.chart = chart, chart

--- Appends findings: { { severity = "critical" | "error" | "warning" | "info", message }, … } (may be empty).
local function findings(self, items)
  doc_of(self)
  local n = check_list("findings", items)
  local out = {}
  for i = 1, n do
    local where = "findings[" .. i .. "]"
    local it = check_table(where, items[i])
    check_keys(where, it, { "severity", "message" })
    out[i] = { severity = one_of(where .. ".severity", it.severity, { "critical", "error", "warning", "info" }),
               message = check_text(where .. ".message", it.message) }
  end
  return add(self, { type = "findings", items = out })
end
Doc.findings, Section.findings = findings, findings

--- Appends a bulleted list of plain-text items.
local function list(self, items)
  doc_of(self)
  local n = check_list("list", items, true)
  local out = {}
  for i = 1, n do out[i] = check_text("list[" .. i .. "]", items[i]) end
  return add(self, { type = "list", items = out })
end
Doc.list, Section.list = list, list

---------------------------------------------------------------------------- document

local PROVENANCE_SET = {
  __call = function() fail("provenance is already set (doc:provenance is called once per document)") end,
}

--- Sets the provenance printed at the end of every rendering; returns the document.
-- After this call, doc.provenance is the provenance table.
function Doc:provenance(p)
  if not report.is_document(self) then fail("provenance: call it on the document, as doc:provenance{…}") end
  check_table("provenance", p)
  check_keys("provenance", p, report.PROVENANCE_KEYS)
  local out = {}
  for _, k in ipairs(report.PROVENANCE_KEYS) do
    if k == "period" then
      local v = p.period
      if type(v) == "number" and math.tointeger(v) then v = string.format("%d", v) end
      out.period = check_text("provenance.period", v)
    elseif k == "as_of" or k == "known_at" then
      if p[k] ~= nil then
        -- known_at may be a moment with its time (ctg.date.moment)
        local date = require("ctg.date")
        local d, why = (k == "known_at" and date.moment or date.parse)(check_text("provenance." .. k, p[k]))
        if not d then fail("provenance." .. k .. ": " .. why) end
        out[k] = k == "known_at" and d.text or d:iso()
      end
    elseif k == "arguments" or k == "amendments" then
      if p[k] ~= nil then
        check_table("provenance." .. k, p[k])
        local texts = {}
        for i = 1, #p[k] do texts[i] = check_text("provenance." .. k .. "[" .. i .. "]", p[k][i]) end
        out[k] = texts
      end
    elseif k == "commit" then
      if p.commit ~= nil then out.commit = check_text("provenance.commit", p.commit) end
    elseif k == "date" then
      if p.date ~= nil then
        check_text("provenance.date", p.date)
        local ok, err = pcall(fmt.date, p.date)
        if not ok then fail("provenance.date: " .. tostring(err):gsub("^.-fmt%.date: ", "")) end
        out.date = p.date
      end
    else
      out[k] = check_text("provenance." .. k, p[k])
    end
  end
  rawset(self, "provenance", setmetatable(out, PROVENANCE_SET))
  return self
end

--- On a section, provenance is a mistake worth a clear message.
function Section.provenance()
  fail("provenance: call it on the document, as doc:provenance{…}")
end

local function check_date(where, v)
  if v == nil then return nil end
  check_text(where, v)
  local ok, err = pcall(fmt.date, v)
  if not ok then fail(where .. ": " .. tostring(err):gsub("^.-fmt%.date: ", "")) end
  return v
end

--- A new document: { title, subtitle?, organisation?, date? (edition, "YYYY-MM-DD" or
-- "YYYY-MM"), period? (what the figures cover: "2023", "2021-2025"), as_of? (the date the
-- data are known at) }. The header of every rendering prints them (report.header_lines).
function report.new(meta)
  check_table("new", meta)
  check_keys("new", meta, { "title", "subtitle", "date", "organisation", "period", "as_of" })
  local m = { title = check_text("new: title", meta.title),
              subtitle = check_text("new: subtitle", meta.subtitle, true),
              organisation = check_text("new: organisation", meta.organisation, true),
              date = check_date("new: date", meta.date),
              as_of = check_date("new: as_of", meta.as_of) }
  local period = meta.period
  if type(period) == "number" and math.tointeger(period) then period = string.format("%d", period) end
  m.period = check_text("new: period", period, true)
  local doc = setmetatable({ meta = m, blocks = {} }, DOC_MT)
  state[doc] = { names = {} }
  documents[doc] = true
  return doc
end

--- True for a document built by report.new.
function report.is_document(x)
  return type(x) == "table" and rawmeta(x) == DOC_MT and documents[x] == true
end

--- Check that x, returned by code from others, is a document made by report.new and holds
--- plain data only: every table in it is a section made by this module or has no
--- metatable, so that the renderers, which run after the script and outside its limits,
--- call none of its code (no __index, __len, __pairs…). Read raw. Returns true, or nil and
--- the reason (French).
function report.check_document(x)
  if not report.is_document(x) then
    return nil, "le script doit renvoyer un document fait par ctx.report.new{…}, pas " ..
      (type(x) == "table" and "une table qui y ressemble" or "une valeur de type " .. type(x))
  end
  local seen = {}
  local function visit(t, where)
    if seen[t] then return true end
    seen[t] = true
    local mt = rawmeta(t)
    if mt ~= nil and not (mt == DOC_MT and t == x) and not (mt == SECTION_MT and owner[t] == x) then
      return nil, where
    end
    for k, v in next, t do
      if type(k) == "table" then return nil, where end
      -- (the root's provenance is not read: ctg puts its own, report.set_provenance)
      if t == x and k == "provenance" then v = nil end
      if type(v) == "table" then
        local ok, bad = visit(v, where .. "." .. tostring(k))
        if not ok then return nil, bad end
      elseif type(v) == "function" or type(v) == "userdata" or type(v) == "thread" then
        return nil, where .. "." .. tostring(k)
      end
    end
    return true
  end
  local ok, where = visit(x, "document")
  if not ok then
    return nil, "le document renvoyé par le script n'est plus fait de données simples (" .. where ..
      " : une table à métatable, une fonction ou une valeur native) ; construisez-le par ses méthodes " ..
      "(doc:section, :paragraph, :table…)"
  end
  return true
end

--- Put the provenance ctg computed on doc, replacing whatever the script left there: the
--- provenance is ctg's, never the script's.
function report.set_provenance(doc, p)
  rawset(doc, "provenance", nil)
  return Doc.provenance(doc, p)
end

--- The same document with another provenance (ctg build's fingerprint of a report's content,
--- its known-at and commit left out): its meta and blocks shared, a document for the renderers.
function report.with_provenance(doc, prov)
  local variant = setmetatable({ meta = rawget(doc, "meta"), blocks = rawget(doc, "blocks"), provenance = prov }, DOC_MT)
  documents[variant] = true
  return variant
end

---------------------------------------------------------------------------- helpers for renderers

--- The provenance table of a document, or nil when doc:provenance was not called.
function report.provenance_of(doc)
  local p = rawget(doc, "provenance")
  if type(p) == "table" then return p end
  return nil
end

--- Calls fn(block, parent_section_or_nil) for every block in document order (depth first).
function report.walk(doc, fn)
  local function visit(blocks, parent)
    for _, b in ipairs(blocks) do
      fn(b, parent)
      if b.type == "section" then visit(b.blocks, b) end
    end
  end
  visit(doc.blocks, nil)
end

--- Formats a chart value per its spec (format, decimals): fmt.number, percent, points or euros; nil → "n.d.".
function report.format_value(spec, v)
  local f = spec.format or "number"
  return fmt[f](v, spec.decimals)
end

--- The lines of the document header under its title, in order, as { label, text, date? }
-- (date: the ISO value of a date, for <time>): the period covered, the date the situation
-- is given at and the day the data were known at, the amendments (avenants) in force, the
-- edition date. The document's own fields come first, its provenance (set by `ctg report`)
-- fills the rest. Every renderer prints the header from this one list.
function report.header_lines(meta, prov)
  prov = prov or {}
  local out = {}
  local period = meta.period or prov.period
  if period then out[#out + 1] = { label = "Période", text = report.period_text(period) } end
  local as_of = meta.as_of or prov.as_of
  if as_of then out[#out + 1] = { label = "Situation au", text = fmt.date(as_of), date = as_of } end
  if prov.known_at then
    out[#out + 1] = { label = "Données connues au", date = prov.known_at,
                      text = prov.known_at:find("T") and require("ctg.date").french(prov.known_at) or fmt.date(prov.known_at) }
  end
  if prov.amendments and #prov.amendments > 0 then
    out[#out + 1] = { label = #prov.amendments > 1 and "Avenants en vigueur" or "Avenant en vigueur",
                      text = table.concat(prov.amendments, " ; ") }
  end
  if meta.date then out[#out + 1] = { label = "Édité le", text = fmt.date(meta.date), date = meta.date } end
  return out
end

--- The statuses used by a figures block, in the order ok, warning, critical.
function report.statuses_used(block)
  local seen = {}
  for _, it in ipairs(block.items) do if it.status then seen[it.status] = true end end
  local out = {}
  for _, st in ipairs({ "ok", "warning", "critical" }) do if seen[st] then out[#out + 1] = st end end
  return out
end

--- The columns of a table worth printing: those with at least one non-empty cell (all of
-- them when the table has no row), as a list of column numbers.
function report.visible_columns(block)
  local out = {}
  for j = 1, #block.columns do
    local used = #block.rows == 0 or j == 1
    for _, r in ipairs(block.rows) do
      if r[j] ~= "" then used = true break end
    end
    if used then out[#out + 1] = j end
  end
  return out
end

--- The number a raw cell holds as its table shows it: rounded to the decimals of the
-- displayed cell ("64,3 %" → 64.3), with how it is shown: { decimals, percent (the raw
-- value is a ratio shown ×100), suffix ("%", "€", or the unit after the number) }. A raw
-- number whose display is not a number ("n.d.", a word) is returned unchanged.
function report.displayed_number(display, raw)
  local shown = { decimals = nil, percent = false, suffix = nil }
  if type(display) ~= "string" then return raw, shown end
  local s = display:gsub("\u{202F}", ""):gsub("\u{00A0}", " ")
  local sign, int, dec, rest = s:match("^%s*([-+−]?)([%d ]+),?(%d*)%s*(.-)%s*$")
  if not int or not int:match("%d") then return raw, shown end
  int = int:gsub(" ", "")
  local value = tonumber(int .. (dec ~= "" and ("." .. dec) or ""))
  if sign == "-" or sign == "−" then value = -value end
  shown.decimals = #dec
  if rest:match("^%%") then shown.suffix = "%" elseif rest:match("^€") then shown.suffix = "€"
  elseif rest ~= "" and not rest:match("^%(") then shown.suffix = rest end
  if shown.suffix == "%" and math.abs(raw * 100 - value) < math.abs(raw - value) then
    shown.percent = true
    shown.decimals = shown.decimals + 2
  end
  local k = 10 ^ shown.decimals
  local rounded = math.floor(raw * k + 0.5) / k
  if shown.decimals == 0 then rounded = math.tointeger(rounded) or rounded end
  return rounded, shown
end

--- French text of a provenance period: "2023", "2021-2022", "septembre 2022" (any other text kept as is).
function report.period_text(p)
  local ok, s = pcall(fmt.period, p)
  if ok then return s end
  return p
end

-- A cell that reads as a number, an amount, a percentage or "n.d." (for default alignment).
local function numeric_cell(s)
  if s == "" or s == fmt.NA then return nil end
  s = s:gsub("\u{202F}", ""):gsub("\u{00A0}", ""):gsub(" ", "")
  s = s:gsub("€$", ""):gsub("%%$", ""):gsub("[kM]$", "")
  return s:match("^[-+]?%d+,?%d*$") ~= nil
end

--- Column alignments of a table block: its `align`, else "right" for columns (but the first)
-- whose non-empty cells all read as numbers, and "left" for the others.
function report.column_align(block)
  if block.align then return block.align end
  local out = {}
  for j = 1, #block.columns do
    local numeric = nil
    if j > 1 then
      for _, r in ipairs(block.rows) do
        local v = numeric_cell(r[j])
        if v == false then numeric = false break end
        if v then numeric = true end
      end
    end
    out[j] = numeric and "right" or "left"
  end
  return out
end

--- Splits paragraph text into paragraphs at blank lines; whitespace runs (newlines included) become one space.
function report.paragraphs(text)
  local out = {}
  local s = text:gsub("\r\n?", "\n")
  for part in (s .. "\n\n"):gmatch("(.-)\n[ \t]*\n") do
    part = part:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
    if part ~= "" then out[#out + 1] = part end
  end
  return out
end

return report
