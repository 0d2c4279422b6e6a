--- ctg.svg — the charts of the report, as self-contained, accessible, reproducible SVG.
--
--   local svg = require("ctg.svg")
--   local text = svg.render { kind = "line", title = "…", x = { "2021", "2022" },
--                             series = { { name = "Ville", values = { 13.5, 14.6 } } } }
--
-- spec.kind is "line", "bars", "stacked" or "gantt" (fields: see the report model, section
-- "Builder API"). Optional fields beyond it: spec.id (the id prefix, when the caller
-- numbers its charts), spec.show_title = false (when the page already captions the chart),
-- spec.orientation = "vertical" | "horizontal" (bars and stacked; chosen from the labels
-- when absent), series[i].values.n / stacks[i].values.n (the length, when a trailing value
-- is nil: Lua cannot see a trailing nil).
--
-- Why it is written the way it is:
--   * the same spec gives the same bytes: no pairs() order reaches the output, no counter
--     lives in the module, every coordinate goes through num() (at most 2 decimals);
--   * the report is read on screen, printed and read aloud: role="img", <title> and <desc>
--     first and named by aria-labelledby, a colour-blind-safe palette, and shapes or
--     patterns wherever colour carries meaning;
--   * a value that is not available is never drawn as zero: a line breaks, a bar is
--     replaced by "n.d.";
--   * every number shown goes through ctg.fmt (French conventions, U+202F separators).
local fmt = require("ctg.fmt")

local svg = {}

-- The width of the text column of an A4 page (a "normal" chart) or of one cell of the
-- two-column grid of small multiples (size = "small"): the SVG is drawn at the size it is
-- printed, so that its 11 px text stays at least 10 px on paper. Line charts and vertical
-- bars have a fixed height (stable layout). Set per chart by svg.render (never reentrant).
local SIZES = { normal = { width = 640, height = 300 }, small = { width = 310, height = 230 } }
local WIDTH, PLOT_HEIGHT = SIZES.normal.width, SIZES.normal.height
local FONT = "DejaVu Sans, Arial, sans-serif"
local NNBSP = "\u{202F}"
local ELLIPSIS = "…"
-- French punctuation in the descriptions, as in the renderers: a no-break space before
-- ":" and a narrow one before ";"
local COLON = "\u{00A0}: "
local SEMICOLON = "\u{202F}; "
local MAX_SERIES = 8     -- one colour and one marker shape each; more is unreadable anyway

-- Okabe & Ito (2008), distinguishable with every common colour-vision deficiency. Ordered
-- so that the first colours contrast well with white and with each other; the yellow,
-- nearly invisible on white, comes last.
local PALETTE = { "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#f0e442" }
-- One marker shape per series, so that lines stay apart in grey print and for readers
-- who cannot tell the colours apart.
local SHAPES = { "circle", "square", "triangle", "diamond", "triangle-down", "ring", "box", "cross" }

local CRITICAL = "#b2182b" -- a bar that breaks its floor (with "▼" before its value)
local INK = "#222222"    -- text
local MUTED = "#555555"  -- secondary text (axis labels, "n.d.")
local AXIS = "#333333"
local GRID = "#dddddd"
local PLANNED_FILL = "#cfe2f3"
local HATCH_INK = "#8c8c8c"

-- Status colours, shared by the gantt markers and by stacked charts whose stacks are
-- statuses, so that "terminé" is the same green everywhere in the report.
local STATUS = {
  planned = { colour = "#555555", label = "non commencé" },
  started = { colour = "#0072b2", label = "commencé" },
  done = { colour = "#009e73", label = "terminé" },
  dropped = { colour = "#d55e00", label = "abandonné" },
}
local STATUS_ORDER = { "planned", "started", "done", "dropped" }

local FORMATS = { number = true, percent = true, points = true, euros = true }

-- Lines across the plot, by kind: a target (what the plan aims at), a floor (what must not
-- be broken: bars below it are marked), a reference (the value of a whole the bars are
-- parts of, e.g. the EPCI's rate behind its communes' bars). Each has its own dash pattern
-- as well as its colour, so that they stay apart in grey print.
local LINE_COLOUR = { floor = CRITICAL, target = "#1b365d", reference = "#000000" }
local LINE_DASH = { floor = "6 4", target = "6 4", reference = "2 3" }

-- The most bars a chart of categories draws in one figure: 40 fit an A4 page with their
-- title and axis (compact rows below); svg.parts cuts a longer chart into parts.
svg.MAX_BARS = 40
-- Beyond this many categories, horizontal bars use compact rows (one line of label).
local COMPACT_FROM = 16

-- ---------------------------------------------------------------- errors

local blame = require("ctg.blame")
local SOURCE = blame.source()

--- Raises "svg: <kind> chart: <msg>", located at the first caller outside this module
--- (the report script's line, not ours).
local function fail(kind, msg)
  blame.raise(SOURCE, "svg: " .. (kind and kind .. " chart: " or "") .. msg)
end

--- A short description of a bad value for error messages.
local function describe(v)
  if type(v) == "string" then return string.format("string %q", v) end
  if type(v) == "number" or type(v) == "boolean" then return type(v) .. " " .. tostring(v) end
  return type(v)
end

-- ---------------------------------------------------------------- XML output

--- A coordinate: at most 2 decimals, no trailing zeros, never "-0" (byte-stable output).
local function num(x)
  if math.type(x) == "integer" then return string.format("%d", x) end
  local s = string.format("%.2f", x):gsub("0+$", ""):gsub("%.$", "")
  if s == "-0" then s = "0" end
  return s
end

local ESCAPES = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;" }

--- Escapes text and attribute values for XML; control characters, which XML 1.0 forbids,
--- become spaces.
local function esc(s)
  return (tostring(s):gsub("[&<>\"']", ESCAPES):gsub("[%z\1-\8\11\12\14-\31\127]", " "))
end

--- Attributes from an ordered list { name, value, name, value, … }: numbers through num(),
--- strings escaped, false skipped (a list, not a map, so the order is fixed).
local function attrs(list)
  local parts = {}
  for i = 1, #list, 2 do
    local v = list[i + 1]
    if v ~= false then
      parts[#parts + 1] = " " .. list[i] .. '="' .. (type(v) == "number" and num(v) or esc(v)) .. '"'
    end
  end
  return table.concat(parts)
end

--- Appends an empty element: <name a="…"/>.
local function empty(out, name, list)
  out[#out + 1] = "<" .. name .. attrs(list) .. "/>"
end

--- Appends an element with escaped text content.
local function element(out, name, list, content)
  out[#out + 1] = "<" .. name .. attrs(list) .. ">" .. esc(content) .. "</" .. name .. ">"
end

--- Appends a <text>. opts: size, anchor, weight, fill, style.
local function text(out, x, y, s, opts)
  opts = opts or {}
  element(out, "text", {
    "x", x, "y", y,
    "font-size", opts.size or 12,
    "text-anchor", opts.anchor or false,
    "font-weight", opts.weight or false,
    "font-style", opts.style or false,
    "fill", opts.fill or INK,
  }, s)
end

-- ---------------------------------------------------------------- text measurement

-- Advance widths of DejaVu Sans in em (the font the charts ask for first). The layout only
-- needs an estimate that errs on the wide side, so that labels never overlap or clip.
local ADVANCE = {
  [" "] = 0.32, ["!"] = 0.4, ['"'] = 0.46, ["#"] = 0.84, ["$"] = 0.64, ["%"] = 0.95, ["&"] = 0.78,
  ["'"] = 0.28, ["("] = 0.39, [")"] = 0.39, ["*"] = 0.5, ["+"] = 0.84, [","] = 0.32, ["-"] = 0.36,
  ["."] = 0.32, ["/"] = 0.34, [":"] = 0.34, [";"] = 0.34, ["<"] = 0.84, ["="] = 0.84, [">"] = 0.84,
  ["?"] = 0.53, ["@"] = 1.0, ["["] = 0.39, ["]"] = 0.39, ["_"] = 0.5, ["|"] = 0.34,
  A = 0.68, B = 0.69, C = 0.7, D = 0.77, E = 0.63, F = 0.58, G = 0.78, H = 0.75, I = 0.3, J = 0.3,
  K = 0.66, L = 0.56, M = 0.86, N = 0.75, O = 0.79, P = 0.6, Q = 0.79, R = 0.7, S = 0.64, T = 0.61,
  U = 0.73, V = 0.68, W = 0.99, X = 0.69, Y = 0.61, Z = 0.69,
  a = 0.61, b = 0.64, c = 0.55, d = 0.64, e = 0.62, f = 0.35, g = 0.64, h = 0.63, i = 0.28, j = 0.28,
  k = 0.58, l = 0.28, m = 0.97, n = 0.63, o = 0.61, p = 0.64, q = 0.64, r = 0.41, s = 0.52, t = 0.39,
  u = 0.63, v = 0.59, w = 0.82, x = 0.59, y = 0.59, z = 0.53,
}
local DIGIT_ADVANCE = 0.64
local OTHER_ADVANCE = 0.64      -- accented letters, €, …
local NARROW_ADVANCE = 0.33     -- U+202F and other spaces

--- Estimated width in px of a string at a font size (bold about 10 % wider).
local function text_width(s, size, bold)
  local em = 0
  for _, c in utf8.codes(s) do
    if c >= 48 and c <= 57 then
      em = em + DIGIT_ADVANCE
    elseif c < 128 then
      em = em + (ADVANCE[string.char(c)] or 0.6)
    elseif c == 0x202F or c == 0x00A0 or c == 0x2009 then
      em = em + NARROW_ADVANCE
    else
      em = em + OTHER_ADVANCE
    end
  end
  return em * size * (bold and 1.1 or 1)
end

local SEPARATORS = { [0x20] = true, [0x09] = true, [0x0A] = true, [0x2C] = true, [0x3B] = true, [0x3A] = true,
                     [0x2D] = true, [0x2013] = true, [0x2014] = true, [0xA0] = true, [0x202F] = true }

--- Shortens s with "…" until it fits maxw px; returns the text and whether it was cut.
local function truncate(s, size, maxw, bold)
  if text_width(s, size, bold) <= maxw then return s, false end
  local cps = {}
  for _, c in utf8.codes(s) do cps[#cps + 1] = c end
  for n = #cps - 1, 0, -1 do
    -- trailing separators go by code point (a byte class would cut "–" or "œ" in two)
    local k = n
    while k > 0 and SEPARATORS[cps[k]] do k = k - 1 end
    local head = k > 0 and utf8.char(table.unpack(cps, 1, k)) or ""
    if text_width(head .. ELLIPSIS, size, bold) <= maxw or n == 0 then
      return head .. ELLIPSIS, true
    end
  end
end

--- Wraps s on spaces into at most maxlines lines of maxw px, the last one truncated with
--- "…" if needed; returns the lines and whether anything was cut.
local function wrap(s, size, maxw, maxlines, bold)
  local words = {}
  for w in s:gmatch("%S+") do words[#words + 1] = w end
  if #words == 0 then return { "" }, false end
  local lines, current = {}, nil
  for i, w in ipairs(words) do
    if current and text_width(current .. " " .. w, size, bold) <= maxw then
      current = current .. " " .. w
    elseif current == nil then
      current = w
    else
      if #lines + 1 == maxlines then
        -- no room for another line: the rest goes on this one, cut to fit
        local rest = current .. " " .. table.concat(words, " ", i)
        local cut = truncate(rest, size, maxw, bold)
        lines[#lines + 1] = cut
        return lines, true
      end
      lines[#lines + 1] = current
      current = w
    end
  end
  local last, cut = truncate(current, size, maxw, bold)
  lines[#lines + 1] = last
  for i = 1, #lines - 1 do
    local l, c = truncate(lines[i], size, maxw, bold) -- a single over-long word
    lines[i] = l
    cut = cut or c
  end
  return lines, cut
end

-- ---------------------------------------------------------------- ids

--- The keys of a table in a fixed order (numbers, then strings…), so that validation
--- reports the same first problem on every run.
local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    local ta, tb = type(a), type(b)
    if ta ~= tb then return ta < tb end
    if ta == "number" or ta == "string" then return a < b end
    return false
  end)
  return keys
end

--- The spec in a canonical text form (keys sorted, floats with 17 digits), for hashing.
local function canonical(v, out, depth)
  local t = type(v)
  if t == "table" then
    if depth > 16 then fail(nil, "spec is nested too deeply (a cycle?)") end
    out[#out + 1] = "{"
    for _, k in ipairs(sorted_keys(v)) do
      if depth == 0 and k == "id" then goto continue end
      canonical(k, out, depth + 1)
      out[#out + 1] = "="
      canonical(v[k], out, depth + 1)
      out[#out + 1] = ","
      ::continue::
    end
    out[#out + 1] = "}"
  elseif t == "number" then
    out[#out + 1] = math.type(v) == "integer" and string.format("%d", v) or string.format("%.17g", v)
  elseif t == "string" then
    out[#out + 1] = string.format("%q", v)
  else
    out[#out + 1] = t == "boolean" and tostring(v) or t -- never an address
  end
end

--- FNV-1a, 64 bits (Lua integers wrap around, which is the arithmetic FNV wants).
local function fnv1a64(s)
  local h = 0xcbf29ce484222325
  for i = 1, #s do
    h = (h ~ s:byte(i)) * 0x100000001b3
  end
  return string.format("%016x", h)
end

--- The id prefix of a chart: spec.id when given, else a hash of the spec (title included),
--- so that ids are unique in a report without any counter in this module.
local function chart_id(spec)
  local id = spec.id
  if id == nil then
    local out = {}
    canonical(spec, out, 0)
    return "ctg-chart-" .. fnv1a64(table.concat(out)):sub(1, 12)
  end
  if math.type(id) == "integer" then return "ctg-chart-" .. string.format("%d", id) end
  if type(id) ~= "string" or not id:match("^[A-Za-z_][%w_.%-]*$") then
    fail(spec.kind, "id must be an integer or a name of letters, digits, '_', '-', '.' starting with a letter, got " .. describe(id))
  end
  return id
end

-- ---------------------------------------------------------------- validation

--- Checks that a text is a string of valid UTF-8 (the document must be).
local function check_text(kind, s, what)
  if type(s) ~= "string" then fail(kind, what .. " must be a string, got " .. describe(s)) end
  if not utf8.len(s) then fail(kind, what .. " is not valid UTF-8: " .. string.format("%q", s)) end
  return s
end

--- The number of entries of a list that may hold nils: values.n if given, else its
--- largest index. Raises on keys that are not list indices.
local function list_length(kind, values, what)
  local n = 0
  for _, k in ipairs(sorted_keys(values)) do
    if k ~= "n" then
      if math.type(k) ~= "integer" or k < 1 then fail(kind, what .. " has a key that is not a list index: " .. describe(k)) end
      if k > n then n = k end
    end
  end
  if values.n ~= nil then
    if math.type(values.n) ~= "integer" or values.n < n then
      fail(kind, what .. ".n must be an integer at least its largest index, got " .. describe(values.n))
    end
    n = values.n
  end
  return n
end

--- Checks a list of labels (strings, or integers such as years) with no holes; returns
--- them as strings.
local function check_labels(kind, list, what)
  if type(list) ~= "table" then fail(kind, what .. " must be a list of labels, got " .. describe(list)) end
  local n = list_length(kind, list, what)
  if n == 0 then fail(kind, what .. " is empty") end
  local labels = {}
  for i = 1, n do
    local v = list[i]
    if type(v) == "string" then
      labels[i] = check_text(kind, v, what .. " " .. i)
    elseif math.type(v) == "integer" then
      labels[i] = string.format("%d", v)
    else
      fail(kind, what .. " " .. i .. " must be a string, got " .. describe(v))
    end
  end
  return labels
end

--- Checks a list of values against the expected length; returns an array of n entries
--- where nil, NaN and ±inf (not available, as in ctg.fmt) are all false.
local function check_values(kind, values, n, what, against)
  if type(values) ~= "table" then fail(kind, what .. " values must be a list, got " .. describe(values)) end
  local len = list_length(kind, values, what .. " values")
  if len ~= n then
    local hint = len < n and " (if the last values are nil, set values.n = " .. n .. ": Lua cannot see a trailing nil)" or ""
    fail(kind, string.format("%s has %d values, %s has %d%s", what, len, against, n, hint))
  end
  local out = {}
  for i = 1, n do
    local v = values[i]
    if v == nil then
      out[i] = false
    elseif type(v) ~= "number" then
      fail(kind, what .. " value " .. i .. " must be a number or nil, got " .. describe(v))
    elseif v ~= v or v == math.huge or v == -math.huge then
      out[i] = false
    else
      out[i] = v
    end
  end
  return out
end

--- Checks the fields every chart shares: title, desc, format, decimals.
local function check_common(spec)
  local kind = spec.kind
  if type(spec.title) ~= "string" or spec.title:match("^%s*$") then
    fail(kind, "title must be a non-empty string (it is the chart's accessible name), got " .. describe(spec.title))
  end
  check_text(kind, spec.title, "title")
  if spec.desc ~= nil then check_text(kind, spec.desc, "desc") end
  if spec.format ~= nil and not FORMATS[spec.format] then
    fail(kind, "format must be \"number\", \"percent\", \"points\" or \"euros\", got " .. describe(spec.format))
  end
  local d = spec.decimals
  if d ~= nil and (math.type(d) ~= "integer" or d < 0 or d > 10) then
    fail(kind, "decimals must be an integer from 0 to 10, got " .. describe(d))
  end
  if spec.y_label ~= nil then check_text(kind, spec.y_label, "y_label") end
  local o = spec.orientation
  if o ~= nil and o ~= "vertical" and o ~= "horizontal" then
    fail(kind, "orientation must be \"vertical\" or \"horizontal\", got " .. describe(o))
  end
  if spec.size ~= nil and not SIZES[spec.size] then
    fail(kind, "size must be \"normal\" or \"small\", got " .. describe(spec.size))
  end
  for _, k in ipairs({ "y_min", "y_max" }) do
    local v = spec[k]
    if v ~= nil and (type(v) ~= "number" or v ~= v or v == math.huge or v == -math.huge) then
      fail(kind, k .. " must be a finite number, got " .. describe(v))
    end
  end
  if spec.y_min and spec.y_max and spec.y_min >= spec.y_max then
    fail(kind, "y_min (" .. tostring(spec.y_min) .. ") must be below y_max (" .. tostring(spec.y_max) .. ")")
  end
  if spec.lines ~= nil then
    if kind == "gantt" or kind == "stacked" then fail(kind, "lines (target, floor, reference) are drawn on line and bars charts only") end
    if type(spec.lines) ~= "table" then fail(kind, "lines must be a list of { value, label, kind }, got " .. describe(spec.lines)) end
    for i, l in ipairs(spec.lines) do
      if type(l) ~= "table" then fail(kind, "lines[" .. i .. "] must be a table, got " .. describe(l)) end
      if type(l.value) ~= "number" or l.value ~= l.value or l.value == math.huge or l.value == -math.huge then
        fail(kind, "lines[" .. i .. "].value must be a finite number, got " .. describe(l.value))
      end
      if type(l.label) ~= "string" or l.label == "" then
        fail(kind, "lines[" .. i .. "].label must be a non-empty string, got " .. describe(l.label))
      end
      check_text(kind, l.label, "lines[" .. i .. "].label")
      if l.kind ~= nil and not LINE_COLOUR[l.kind] then
        fail(kind, "lines[" .. i .. "].kind must be \"target\", \"floor\" or \"reference\", got " .. describe(l.kind))
      end
    end
  end
end

--- The floor of a chart (the first line of kind "floor"), or nil.
local function floor_of(spec)
  for _, l in ipairs(spec.lines or {}) do
    if l.kind == "floor" then return l.value end
  end
  return nil
end

-- ---------------------------------------------------------------- numbers shown

--- A data value as shown on the chart (never abbreviated): "13,5", "14,5 %", "1 620 000 €".
local function value_text(spec, v)
  if not v then return fmt.NA end
  local f = spec.format or "number"
  return fmt[f](v, spec.decimals)
end

-- ---------------------------------------------------------------- scales and ticks

--- A linear map from the domain [d0, d1] to the range [r0, r1].
local function linear(d0, d1, r0, r1)
  local k = (d1 == d0) and 0 or (r1 - r0) / (d1 - d0)
  return function(v) return r0 + (v - d0) * k end
end

--- m × 10^e as exactly as a double allows (dividing by 10^-e keeps 0.3 as 0.3).
local function scaled(i, m, e)
  if e >= 0 then return i * m * 10 ^ e end
  return i * m / 10 ^ (-e)
end

--- Nice ticks covering [lo, hi]: a step m × 10^e with m in {1, 2, 2.5, 5}, the smallest
--- that gives at most 6 ticks (so 4 to 6 on any real range). 2.5 is avoided where it adds
--- a decimal to the labels ("13,25" reads badly; 25, 250… are fine), unless no other step
--- gives 4 to 6 ticks. `unit` is the power of ten the labels are written in (-2 for
--- ratios shown as percentages). With `integer` (counts), steps are whole numbers, even if
--- that leaves fewer ticks. Returns the ticks, m and e.
local function nice_ticks(lo, hi, unit, integer)
  if lo == hi then
    if lo == 0 then hi = 1 else
      local pad = math.abs(lo) * 0.1
      lo, hi = lo - pad, hi + pad
    end
  end
  local e0 = math.floor(math.log(hi - lo, 10)) - 2
  local function first_fit(allow_any_quarter)
    for e = e0, e0 + 4 do
      for _, m in ipairs({ 1, 2, 2.5, 5 }) do
        local allowed = (m ~= 2.5 or allow_any_quarter or e - unit >= 1)
          and (not integer or (e >= 0 and (m ~= 2.5 or e >= 1)))
        if allowed then
          local step = scaled(1, m, e)
          local i0 = math.floor(lo / step + 1e-9)
          local i1 = math.ceil(hi / step - 1e-9)
          if i1 - i0 + 1 <= 6 then
            local ticks = {}
            for i = i0, i1 do ticks[#ticks + 1] = scaled(i, m, e) end
            return ticks, m, e
          end
        end
      end
    end
  end
  local ticks, m, e = first_fit(false)
  if #ticks < 4 and not integer then
    local t2, m2, e2 = first_fit(true)
    if #t2 >= 4 then ticks, m, e = t2, m2, e2 end
  end
  return ticks, m, e
end

--- The tick label maker for a format: every tick of an axis gets the same number of
--- decimals, those the step needs. Euros are abbreviated on axes only: "M€" when the
--- largest tick reaches 1 000 000, "k€" from 10 000 ("0,5 M€", "1,5 M€"; "250 k€").
local function tick_labeler(format, ticks, m, e)
  local function decimals(unit) return math.max(0, unit - e + (m == 2.5 and 1 or 0)) end
  if format == "percent" then
    local d = decimals(-2)
    return function(v) return fmt.percent(v, d) end
  elseif format == "points" then
    local d = decimals(0)
    return function(v) return fmt.points(v, d) end
  elseif format == "euros" then
    local top = 0
    for _, v in ipairs(ticks) do top = math.max(top, math.abs(v)) end
    local unit, suffix
    if top >= 1e6 then unit, suffix = 6, "M€" elseif top >= 1e4 then unit, suffix = 3, "k€" end
    if not unit then
      local d = decimals(0)
      return function(v) return fmt.euros(v, d) end
    end
    local d = decimals(unit)
    return function(v)
      if v == 0 then return fmt.euros(0) end
      return fmt.number(v / 10 ^ unit, d) .. NNBSP .. suffix
    end
  end
  local d = decimals(0)
  return function(v) return fmt.number(v, d) end
end

--- True when every value is a whole number and the format shows counts: the axis then
--- keeps whole steps (no "0,5 action").
local function integral_data(spec, lists)
  if (spec.format or "number") ~= "number" or (spec.decimals or 0) ~= 0 then return false end
  for _, list in ipairs(lists) do
    for _, v in ipairs(list) do
      if v and v ~= math.floor(v) then return false end
    end
  end
  return true
end

--- The value axis: domain, ticks and their labels for data between lo and hi.
--- zero_based: the axis includes 0 (bars always; lines unless the data are far from 0).
local function value_axis(spec, lo, hi, zero_based, integer)
  if lo == nil then lo, hi = 0, spec.y_max or 1 end -- no value at all: an empty but drawn axis
  if zero_based then
    lo, hi = math.min(lo, 0), math.max(hi, 0)
  end
  -- the declared scale (a score "sur 5": 0 to 5) and the reference lines stay in view
  if spec.y_min then lo = math.min(lo, spec.y_min) end
  if spec.y_max then hi = math.max(hi, spec.y_max) end
  for _, l in ipairs(spec.lines or {}) do lo, hi = math.min(lo, l.value), math.max(hi, l.value) end
  local unit = spec.format == "percent" and -2 or 0
  local ticks, m, e = nice_ticks(lo, hi, unit, integer)
  local label = tick_labeler(spec.format or "number", ticks, m, e)
  local labels, widest = {}, 0
  for i, v in ipairs(ticks) do
    labels[i] = label(v)
    widest = math.max(widest, text_width(labels[i], 11))
  end
  return { lo = ticks[1], hi = ticks[#ticks], ticks = ticks, labels = labels, width = widest }
end

-- ---------------------------------------------------------------- shapes and legend

--- A data marker centred on (cx, cy), radius about r. Filled shapes get a white outline
--- so that they stand out where lines cross.
local function marker(out, shape, cx, cy, r, colour)
  if shape == "circle" then
    empty(out, "circle", { "cx", cx, "cy", cy, "r", r, "fill", colour, "stroke", "#ffffff", "stroke-width", 1 })
  elseif shape == "ring" then
    empty(out, "circle", { "cx", cx, "cy", cy, "r", r - 0.5, "fill", "#ffffff", "stroke", colour, "stroke-width", 2 })
  elseif shape == "square" or shape == "box" then
    local s = r * 0.9
    local filled = shape == "square"
    empty(out, "rect", { "x", cx - s, "y", cy - s, "width", 2 * s, "height", 2 * s,
      "fill", filled and colour or "#ffffff", "stroke", filled and "#ffffff" or colour, "stroke-width", filled and 1 or 2 })
  elseif shape == "triangle" or shape == "triangle-down" then
    local k = shape == "triangle" and 1 or -1
    local d = string.format("M%s %sL%s %sL%s %sZ", num(cx), num(cy - k * r * 1.2), num(cx + r * 1.1), num(cy + k * r * 0.8),
      num(cx - r * 1.1), num(cy + k * r * 0.8))
    empty(out, "path", { "d", d, "fill", colour, "stroke", "#ffffff", "stroke-width", 1 })
  elseif shape == "diamond" then
    local a = r * 1.25
    local d = string.format("M%s %sL%s %sL%s %sL%s %sZ", num(cx), num(cy - a), num(cx + a), num(cy), num(cx), num(cy + a), num(cx - a), num(cy))
    empty(out, "path", { "d", d, "fill", colour, "stroke", "#ffffff", "stroke-width", 1 })
  elseif shape == "cross" then
    local a = r * 0.85
    local d = string.format("M%s %sL%s %sM%s %sL%s %s", num(cx - a), num(cy - a), num(cx + a), num(cy + a), num(cx - a), num(cy + a), num(cx + a), num(cy - a))
    empty(out, "path", { "d", d, "fill", "none", "stroke", colour, "stroke-width", 2.5, "stroke-linecap", "round" })
  end
end

--- A gantt status marker: outline circle (planned), half-filled circle (started, like ◐),
--- full circle (done), cross (dropped) — the shape alone tells the status.
local function status_marker(out, status, cx, cy, r)
  local colour = STATUS[status].colour
  if status == "planned" then
    empty(out, "circle", { "cx", cx, "cy", cy, "r", r, "fill", "#ffffff", "stroke", colour, "stroke-width", 1.5 })
  elseif status == "started" then
    empty(out, "circle", { "cx", cx, "cy", cy, "r", r, "fill", "#ffffff", "stroke", colour, "stroke-width", 1.5 })
    local d = string.format("M%s %sA%s %s 0 0 0 %s %sZ", num(cx), num(cy - r), num(r), num(r), num(cx), num(cy + r))
    empty(out, "path", { "d", d, "fill", colour })
  elseif status == "done" then
    empty(out, "circle", { "cx", cx, "cy", cy, "r", r, "fill", colour, "stroke", colour, "stroke-width", 1.5 })
  else
    marker(out, "cross", cx, cy, r, colour)
  end
end

--- Lays out and draws legend items from (x0, y) over maxw px, wrapping rows; returns the
--- y below the legend. item.kind: "line" (colour and marker), "box" (fill), "hatch"
--- (pattern id), "status".
local function legend(out, items, x0, y, maxw)
  local x, row_h, size = x0, 18, 12
  for _, item in ipairs(items) do
    local name = truncate(item.name, size, maxw - 22)
    local w = 22 + text_width(name, size)
    if x > x0 and x + w > x0 + maxw then
      x, y = x0, y + row_h
    end
    local cy = y - 4
    if item.kind == "dash" then
      empty(out, "line", { "x1", x, "y1", cy, "x2", x + 16, "y2", cy, "stroke", item.colour, "stroke-width", 2,
        "stroke-dasharray", item.dash or "5 3" })
    elseif item.kind == "line" then
      empty(out, "line", { "x1", x, "y1", cy, "x2", x + 16, "y2", cy, "stroke", item.colour, "stroke-width", 2 })
      marker(out, item.shape, x + 8, cy, 3.5, item.colour)
    elseif item.kind == "box" then
      empty(out, "rect", { "x", x + 2, "y", cy - 6, "width", 12, "height", 12, "fill", item.colour })
    elseif item.kind == "hatch" then
      empty(out, "rect", { "x", x + 1, "y", cy - 6, "width", 14, "height", 12, "fill", item.fill, "stroke", HATCH_INK, "stroke-width", 0.5 })
    elseif item.kind == "status" then
      status_marker(out, item.status, x + 8, cy, 5)
    end
    text(out, x + 20, y, name, { size = size })
    x = x + w + 14
  end
  return y + 10
end

--- Draws the visible title (bold, up to 2 lines) unless spec.show_title is false;
--- returns the y below it.
local function draw_title(out, spec, width)
  if spec.show_title == false then return 8 end
  local lines = wrap(spec.title, 13, width - 16, 2, true)
  local y = 20
  for i, line in ipairs(lines) do
    text(out, 8, y, line, { size = 13, weight = "bold", fill = "#111111" })
    if i < #lines then y = y + 17 end
  end
  return y + 12
end

-- ---------------------------------------------------------------- document

--- Wraps the chart body in the <svg> element, with <title> and <desc> first.
local function document(spec, id, width, height, body, desc, defs)
  local out = {}
  out[1] = "<svg" .. attrs({
    "xmlns", "http://www.w3.org/2000/svg", "role", "img",
    "viewBox", "0 0 " .. num(width) .. " " .. num(height),
    "width", width, "height", height,
    "aria-labelledby", id .. "-title " .. id .. "-desc",
    "font-family", FONT, "font-size", 12,
  }) .. ">"
  element(out, "title", { "id", id .. "-title" }, spec.title)
  element(out, "desc", { "id", id .. "-desc" }, spec.desc or desc)
  if defs then out[#out + 1] = "<defs>" .. defs .. "</defs>" end
  -- an opaque background: the chart stays legible on a dark page or a transparent viewer
  empty(out, "rect", { "width", width, "height", height, "fill", "#ffffff" })
  for _, line in ipairs(body) do out[#out + 1] = line end
  out[#out + 1] = "</svg>"
  return table.concat(out, "\n") .. "\n"
end

--- Horizontal grid lines and tick labels of a vertical value axis.
local function y_axis(out, axis, y_of, x0, x1)
  for i, v in ipairs(axis.ticks) do
    local y = y_of(v)
    empty(out, "line", { "x1", x0, "y1", y, "x2", x1, "y2", y, "stroke", v == 0 and AXIS or GRID, "stroke-width", 1 })
    text(out, x0 - 6, y + 4, axis.labels[i], { size = 11, anchor = "end", fill = MUTED })
  end
end

--- Vertical grid lines and tick labels (below y) of a horizontal value axis.
local function x_value_axis(out, axis, x_of, y0, y1)
  for i, v in ipairs(axis.ticks) do
    local x = x_of(v)
    empty(out, "line", { "x1", x, "y1", y0, "x2", x, "y2", y1, "stroke", v == 0 and AXIS or GRID, "stroke-width", 1 })
    text(out, x, y1 + 15, axis.labels[i], { size = 11, anchor = "middle", fill = MUTED })
  end
end

--- Category labels under a horizontal axis, centred on their slots; every `every`-th one
--- when they do not fit, wrapped on up to `lines` lines otherwise.
local function category_labels(out, labels, x_of, slot, y, lines)
  local widest = 0
  for _, s in ipairs(labels) do widest = math.max(widest, text_width(s, 11)) end
  local every = 1
  if lines == 1 then every = math.max(1, math.ceil((widest + 8) / slot)) end
  for i, s in ipairs(labels) do
    if (i - 1) % every == 0 then
      local wrapped, cut = wrap(s, 11, math.max(every * slot - 4, 20), lines)
      if cut then out[#out + 1] = "<g><title>" .. esc(s) .. "</title>" end
      for j, line in ipairs(wrapped) do
        text(out, x_of(i), y + (j - 1) * 13, line, { size = 11, anchor = "middle", fill = INK })
      end
      if cut then out[#out + 1] = "</g>" end
    end
  end
end

--- The y_label, above the value axis, left-aligned (easier to read than rotated text).
local function y_label(out, spec, y)
  if not spec.y_label then return y end
  text(out, 8, y + 2, truncate(spec.y_label, 11, WIDTH - 16), { size = 11, fill = MUTED, style = "italic" })
  return y + 12
end


--- The text of a reference line: "Plancher : 1 600 000 €".
local function reference_label(spec, l, maxw)
  return truncate(l.label .. COLON .. value_text(spec, l.value), 11, maxw)
end

--- Dashed reference lines (target, floor) across the plot of a vertical value axis; the
--- legend names them (a label over the plot would cover the bars' values).
local function reference_lines(out, spec, y_of, left, right)
  for _, l in ipairs(spec.lines or {}) do
    local y, colour = y_of(l.value), LINE_COLOUR[l.kind or "target"]
    empty(out, "line", { "x1", left, "y1", y, "x2", right, "y2", y, "stroke", colour, "stroke-width", 1.5,
      "stroke-dasharray", LINE_DASH[l.kind or "target"] })
  end
end

--- Legend items of the reference lines (drawn dashed, named with their value).
local function reference_items(spec, items)
  for _, l in ipairs(spec.lines or {}) do
    items[#items + 1] = { kind = "dash", name = reference_label(spec, l, WIDTH - 40), colour = LINE_COLOUR[l.kind or "target"],
                          dash = l.kind == "reference" and "2 2" or nil }
  end
  return items
end

--- The same across a horizontal value axis: vertical lines.
local function reference_lines_x(out, spec, x_of, y0, y1)
  for _, l in ipairs(spec.lines or {}) do
    local x, colour = x_of(l.value), LINE_COLOUR[l.kind or "target"]
    empty(out, "line", { "x1", x, "y1", y0 - 4, "x2", x, "y2", y1, "stroke", colour, "stroke-width", 1.5,
      "stroke-dasharray", LINE_DASH[l.kind or "target"] })
  end
end

-- ---------------------------------------------------------------- line

--- Validates a line spec; returns x labels and series { name, values, colour, shape }.
local function check_line(spec)
  local x = check_labels("line", spec.x, "x")
  if type(spec.series) ~= "table" or #spec.series == 0 then
    fail("line", "series must be a non-empty list of { name = …, values = { … } }, got " .. describe(spec.series))
  end
  if #spec.series > MAX_SERIES then fail("line", "at most " .. MAX_SERIES .. " series can be told apart, got " .. #spec.series) end
  local series = {}
  for i, s in ipairs(spec.series) do
    if type(s) ~= "table" then fail("line", "series " .. i .. " must be a table, got " .. describe(s)) end
    if s.name ~= nil then check_text("line", s.name, "series " .. i .. " name") end
    if s.name == nil and #spec.series > 1 then fail("line", "series " .. i .. " needs a name (the legend shows it)") end
    series[i] = {
      name = s.name or "",
      values = check_values("line", s.values, #x, "series " .. i, "x"),
      colour = PALETTE[i], shape = SHAPES[i],
    }
  end
  return x, series
end

--- The default description: every value, so that a screen reader gets the data.
local function describe_series(spec, x, series, lead)
  local parts = { lead }
  for _, s in ipairs(series) do
    local vals = {}
    for i, label in ipairs(x) do vals[i] = label .. COLON .. value_text(spec, s.values[i]) end
    parts[#parts + 1] = (s.name ~= "" and s.name .. " — " or "") .. table.concat(vals, SEMICOLON) .. "."
  end
  return table.concat(parts, " ")
end

--- Spreads end-of-line labels (sorted by y) so that they are at least `gap` px apart,
--- staying between top and bottom.
local function spread(labels, gap, top, bottom)
  table.sort(labels, function(a, b) if a.y ~= b.y then return a.y < b.y end return a.order < b.order end)
  for i = 2, #labels do
    if labels[i].y < labels[i - 1].y + gap then labels[i].y = labels[i - 1].y + gap end
  end
  local over = #labels > 0 and labels[#labels].y - bottom or 0
  if over > 0 then
    for i = #labels, 1, -1 do
      labels[i].y = labels[i].y - over
      if i > 1 and labels[i - 1].y > labels[i].y - gap then over = labels[i - 1].y - (labels[i].y - gap) else break end
    end
  end
  for _, l in ipairs(labels) do if l.y < top then l.y = top end end
end

local function render_line(spec, id)
  local x, series = check_line(spec)
  local lo, hi
  for _, s in ipairs(series) do
    for _, v in ipairs(s.values) do
      if v then lo, hi = math.min(lo or v, v), math.max(hi or v, v) end
    end
  end
  -- the axis always shows 0 (or the declared scale, y_min/y_max): a score going from 3,4
  -- to 3,9 must not look like a steep rise
  local zero_based = true
  local lists = {}
  for i, s in ipairs(series) do lists[i] = s.values end
  local axis = value_axis(spec, lo, hi, zero_based, integral_data(spec, lists))

  local body = {}
  local top = draw_title(body, spec, WIDTH)
  local items = {}
  if #series > 1 then
    for i, s in ipairs(series) do items[i] = { kind = "line", name = s.name, colour = s.colour, shape = s.shape } end
  end
  reference_items(spec, items)
  if #items > 0 then top = legend(body, items, 8, top + 4, WIDTH - 16) + 4 end
  top = y_label(body, spec, top)
  top = top + 8

  -- end labels: the last available value of each series
  local ends, right_room = {}, 0
  for i, s in ipairs(series) do
    for j = #x, 1, -1 do
      if s.values[j] then
        local label = value_text(spec, s.values[j])
        ends[#ends + 1] = { series = i, index = j, label = label, order = i }
        if j == #x then right_room = math.max(right_room, text_width(label, 11) + 10) end
        break
      end
    end
  end

  local left = 8 + axis.width + 8
  local right = WIDTH - 12 - right_room
  local bottom = PLOT_HEIGHT - 30
  local y_of = linear(axis.lo, axis.hi, bottom, top)
  local pad = math.min(24, (right - left) / (2 * #x))
  local x_of
  if #x == 1 then
    x_of = function() return (left + right) / 2 end
  else
    x_of = linear(1, #x, left + pad, right - pad)
  end
  y_axis(body, axis, y_of, left, right)
  if axis.lo ~= 0 then -- the bottom of the plot is not 0: draw the baseline anyway
    empty(body, "line", { "x1", left, "y1", bottom, "x2", right, "y2", bottom, "stroke", AXIS, "stroke-width", 1 })
  end
  local slot = #x == 1 and (right - left) or (x_of(2) - x_of(1))
  category_labels(body, x, x_of, slot, bottom + 16, 1)
  reference_lines(body, spec, y_of, left, right)
  -- a year without any value is a visible gap: "n.d." just above the axis
  for j = 1, #x do
    local known = false
    for _, s in ipairs(series) do if s.values[j] then known = true end end
    if not known and lo then
      text(body, x_of(j), bottom - 6, fmt.NA, { size = 11, anchor = "middle", style = "italic", fill = MUTED })
    end
  end

  for _, s in ipairs(series) do
    -- a nil breaks the path: each run of values is its own subpath ("M…L…")
    local d, pen = {}, false
    for j, v in ipairs(s.values) do
      if v then
        d[#d + 1] = (pen and "L" or "M") .. num(x_of(j)) .. " " .. num(y_of(v))
        pen = true
      else
        pen = false
      end
    end
    if #d > 0 then
      empty(body, "path", { "d", table.concat(d), "fill", "none", "stroke", s.colour, "stroke-width", 2,
        "stroke-linejoin", "round", "stroke-linecap", "round" })
    end
    for j, v in ipairs(s.values) do
      if v then marker(body, s.shape, x_of(j), y_of(v), 3.5, s.colour) end
    end
  end

  -- end labels: beside the last point when it is the last x, above it otherwise;
  -- those beside the plot are spread so that they never overlap
  local beside = {}
  for _, e in ipairs(ends) do
    e.x, e.y = x_of(e.index), y_of(series[e.series].values[e.index]) + 4
    if e.index == #x then beside[#beside + 1] = e end
  end
  spread(beside, 13, top, bottom + 4)
  for _, e in ipairs(ends) do
    if e.index == #x then
      text(body, e.x + 8, e.y, e.label, { size = 11, fill = INK })
    else
      text(body, e.x, e.y - 12, e.label, { size = 11, anchor = "middle", fill = INK })
    end
  end

  if not lo then -- an empty plot would read as "no change": say that nothing is known
    text(body, (left + right) / 2, (top + bottom) / 2, "aucune valeur disponible (n.d.)",
      { size = 12, anchor = "middle", style = "italic", fill = MUTED })
  end

  local desc = describe_series(spec, x, series, "Graphique en courbes.")
  return document(spec, id, WIDTH, PLOT_HEIGHT, body, desc)
end

-- ---------------------------------------------------------------- bars and stacked

--- Relative luminance (WCAG) of "#rrggbb".
local function luminance(hex)
  local function channel(i)
    local c = tonumber(hex:sub(i, i + 1), 16) / 255
    return c <= 0.03928 and c / 12.92 or ((c + 0.055) / 1.055) ^ 2.4
  end
  return 0.2126 * channel(2) + 0.7152 * channel(4) + 0.0722 * channel(6)
end

--- Black or white, whichever reads better on the fill.
local function ink_on(fill)
  local l = luminance(fill)
  return (1.05 / (l + 0.05) >= (l + 0.05) / 0.05) and "#ffffff" or "#000000"
end

--- The status a stack name stands for ("terminées" → done…), or nil.
local function status_of_name(name)
  local s = name:lower()
  if s:find("non commenc", 1, true) or s:find("à venir", 1, true) or s:find("prévu", 1, true) or s:find("planifi", 1, true) then return "planned" end
  if s:find("abandon", 1, true) then return "dropped" end
  if s:find("termin", 1, true) or s:find("réalis", 1, true) then return "done" end
  if s:find("en cours", 1, true) or s:find("commenc", 1, true) then return "started" end
  return nil
end

--- Stack colours: the status colours when every stack is a distinct status (so a stacked
--- chart of steps matches the gantt), else the palette in order.
local function stack_colours(stacks)
  local colours, seen = {}, {}
  for i, s in ipairs(stacks) do
    local st = s.status or status_of_name(s.name)
    if not st or seen[st] then
      for j = 1, #stacks do colours[j] = PALETTE[j] end
      return colours
    end
    seen[st] = true
    colours[i] = STATUS[st].colour
  end
  return colours
end

--- One bar: its segments ({ value, colour }), its total (a number, or false when a part is
--- unknown), the text of its value, and whether it breaks the chart's floor.
local function bar(segments, total, spec, floor)
  local marked = floor ~= nil and total and total < floor or false
  local label = value_text(spec, total)
  if marked then
    label = "▼ " .. label
    if #segments == 1 and spec.series == nil then segments[1].colour = CRITICAL end
  end
  return { segments = segments, total = total, label = label, marked = marked }
end

--- Validates a list of named value lists (bars' series, stacked's stacks).
local function check_named(kind, list, field, n)
  if type(list) ~= "table" or #list == 0 then
    fail(kind, field .. " must be a non-empty list of { name = …, values = { … } }, got " .. describe(list))
  end
  if #list > MAX_SERIES then fail(kind, "at most " .. MAX_SERIES .. " " .. field .. " can be told apart, got " .. #list) end
  local out = {}
  for j, s in ipairs(list) do
    local what = (field == "stacks" and "stack " or "series ") .. j
    if type(s) ~= "table" then fail(kind, what .. " must be a table, got " .. describe(s)) end
    if s.name == nil then fail(kind, what .. " needs a name (the legend shows it)") end
    check_text(kind, s.name, what .. " name")
    if s.status ~= nil and not STATUS[s.status] then fail(kind, what .. " status must be planned, started, done or dropped, got " .. describe(s.status)) end
    out[j] = { name = s.name, status = s.status, values = check_values(kind, s.values, n, what, "categories") }
  end
  return out
end

--- Validates bars/stacked; returns labels, groups and legend items: groups[i].bars is the
--- list of bars of category i (one, or one per series for grouped bars).
local function check_categories(spec)
  local kind = spec.kind
  local labels = check_labels(kind, spec.categories, "categories")
  local floor = floor_of(spec)
  local groups, items = {}, nil
  if kind == "bars" and spec.series ~= nil then
    if spec.values ~= nil then fail(kind, "give either values (one bar per category) or series (grouped bars), not both") end
    local series = check_named(kind, spec.series, "series", #labels)
    items = {}
    for j, s in ipairs(series) do items[j] = { kind = "box", name = s.name, colour = PALETTE[j] } end
    for i = 1, #labels do
      local bars = {}
      for j, s in ipairs(series) do
        local v = s.values[i]
        bars[j] = bar(v and { { value = v, colour = PALETTE[j] } } or {}, v, spec, floor)
      end
      groups[i] = { bars = bars }
    end
    groups.series = series
  elseif kind == "bars" then
    local values = check_values(kind, spec.values, #labels, "values", "categories")
    for i, v in ipairs(values) do
      groups[i] = { bars = { bar(v and { { value = v, colour = PALETTE[1] } } or {}, v, spec, floor) } }
    end
  else
    local stacks = check_named(kind, spec.stacks, "stacks", #labels)
    for j, s in ipairs(stacks) do
      for i, v in ipairs(s.values) do
        if v and v < 0 then fail(kind, "stack " .. j .. " value " .. i .. " is negative (" .. tostring(v) .. "): stacked bars add up parts") end
      end
    end
    local colours = stack_colours(stacks)
    items = {}
    for j, s in ipairs(stacks) do items[j] = { kind = "box", name = s.name, colour = colours[j] } end
    for i = 1, #labels do
      local segments, total = {}, 0
      for j, s in ipairs(stacks) do
        local v = s.values[i]
        if v then
          if v > 0 then segments[#segments + 1] = { value = v, colour = colours[j] } end
          if total then total = total + v end
        else
          total = false -- one part unknown: the total is not available either
        end
      end
      groups[i] = { bars = { bar(segments, total, spec, nil) } }
    end
    groups.stacks = stacks
  end
  for _, g in ipairs(groups) do
    for _, b in ipairs(g.bars) do
      if b.marked then
        items = items or {}
        items[#items + 1] = { kind = "box", name = "▼ sous le plancher", colour = CRITICAL }
        return labels, groups, items
      end
    end
  end
  return labels, groups, items
end

--- The value range of the bars (each total, or the largest segment sum when a part is
--- missing); nil when nothing is known.
local function group_range(groups)
  local lo, hi
  for _, g in ipairs(groups) do
    for _, b in ipairs(g.bars) do
      local sum = 0
      for _, s in ipairs(b.segments) do sum = sum + s.value end
      if #b.segments > 0 then lo, hi = math.min(lo or sum, sum), math.max(hi or sum, sum) end
    end
  end
  return lo, hi
end

--- Do the labels fit a vertical layout? Each value label within its bar's share of the
--- slot, and each category label on two lines, must fit.
local function fits_vertically(labels, groups, slot)
  for i, s in ipairs(labels) do
    local _, cut = wrap(s, 11, slot - 6, 2)
    if cut then return false end
    local share = slot / #groups[i].bars
    for _, b in ipairs(groups[i].bars) do
      if text_width(b.label, 11) > share - 4 then return false end
    end
  end
  return true
end

--- The segments of one vertical bar centred on cx, and its value label.
local function vertical_bar(body, spec, b, cx, bar_w, y_of)
  local base = y_of(0)
  local acc = 0
  for _, s in ipairs(b.segments) do
    local y0, y1 = y_of(acc), y_of(acc + s.value)
    acc = acc + s.value
    local y, h = math.min(y0, y1), math.abs(y1 - y0)
    local edge = b.marked and CRITICAL or (#b.segments > 1 and "#ffffff" or false)
    empty(body, "rect", { "x", cx - bar_w / 2, "y", y, "width", bar_w, "height", h, "fill", s.colour,
      "stroke", edge, "stroke-width", edge and (b.marked and 2 or 1) or false })
    if #b.segments > 1 and spec.kind == "stacked" and h >= 15 then
      local label = value_text(spec, s.value)
      if text_width(label, 11) <= bar_w - 4 then
        text(body, cx, y + h / 2 + 4, label, { size = 11, anchor = "middle", fill = ink_on(s.colour) })
      end
    end
  end
  local fill = b.marked and CRITICAL or (b.total and INK or MUTED)
  if #b.segments == 0 and not b.total then
    text(body, cx, base - 5, fmt.NA, { size = 11, anchor = "middle", fill = MUTED, style = "italic" })
  elseif b.total and b.total < 0 then
    text(body, cx, y_of(b.total) + 14, b.label, { size = 11, anchor = "middle", fill = fill })
  else
    -- a total with an unknown part is "n.d.", set apart like the other missing values
    element(body, "text", { "x", cx, "y", y_of(acc) - 5, "font-size", 11, "text-anchor", "middle",
      "font-weight", b.marked and "bold" or false, "font-style", (not b.total) and "italic" or false, "fill", fill,
      "stroke", "#ffffff", "stroke-width", 3, "paint-order", "stroke" }, b.label)
  end
end

local function draw_vertical(body, spec, labels, groups, axis, top)
  local n = #labels
  local left = 8 + axis.width + 8
  local right = WIDTH - 12
  local slot = (right - left) / n
  local two_lines = false
  for _, s in ipairs(labels) do
    if text_width(s, 11) > slot - 6 then two_lines = true end
  end
  local bottom = PLOT_HEIGHT - (two_lines and 38 or 26)
  local y_of = linear(axis.lo, axis.hi, bottom, top + 14) -- room above the tallest bar for its label
  y_axis(body, axis, y_of, left, right)
  local x_of = function(i) return left + (i - 0.5) * slot end
  for i, g in ipairs(groups) do
    local k = #g.bars
    local cluster = math.min(slot * (k > 1 and 0.86 or 0.62), 64 * k)
    local bar_w = cluster / k
    for j, b in ipairs(g.bars) do
      vertical_bar(body, spec, b, x_of(i) - cluster / 2 + (j - 0.5) * bar_w, bar_w, y_of)
    end
  end
  local base = y_of(0)
  empty(body, "line", { "x1", left, "y1", base, "x2", right, "y2", base, "stroke", AXIS, "stroke-width", 1 })
  reference_lines(body, spec, y_of, left, right)
  category_labels(body, labels, x_of, slot, bottom + 16, 2)
  return PLOT_HEIGHT
end

--- The segments of one horizontal bar centred on cy, and its value label.
local function horizontal_bar(body, spec, b, cy, bar_h, x_of)
  local base = x_of(0)
  local acc = 0
  for _, s in ipairs(b.segments) do
    local x0, x1 = x_of(acc), x_of(acc + s.value)
    acc = acc + s.value
    local x, w = math.min(x0, x1), math.abs(x1 - x0)
    local edge = b.marked and CRITICAL or (#b.segments > 1 and "#ffffff" or false)
    empty(body, "rect", { "x", x, "y", cy - bar_h / 2, "width", w, "height", bar_h, "fill", s.colour,
      "stroke", edge, "stroke-width", edge and (b.marked and 2 or 1) or false })
    if #b.segments > 1 and spec.kind == "stacked" then
      local label = value_text(spec, s.value)
      if text_width(label, 11) <= w - 6 then
        text(body, x + w / 2, cy + 4, label, { size = 11, anchor = "middle", fill = ink_on(s.colour) })
      end
    end
  end
  local fill = b.marked and CRITICAL or (b.total and INK or MUTED)
  if #b.segments == 0 and not b.total then
    text(body, base + 5, cy + 4, fmt.NA, { size = 11, fill = MUTED, style = "italic" })
  elseif b.total and b.total < 0 then
    text(body, x_of(b.total) - 5, cy + 4, b.label, { size = 11, anchor = "end", fill = fill })
  else
    text(body, x_of(acc) + 5, cy + 4, b.label, { size = 11, style = (not b.total) and "italic" or false,
      fill = fill, weight = b.marked and "bold" or false })
  end
end

local function draw_horizontal(body, spec, labels, groups, axis, top)
  local n = #labels
  local label_w = 0
  for _, s in ipairs(labels) do label_w = math.max(label_w, text_width(s, 12)) end
  label_w = math.min(label_w, WIDTH / 3)
  local value_w = 0
  for _, g in ipairs(groups) do
    for _, b in ipairs(g.bars) do value_w = math.max(value_w, text_width(b.label, 11)) end
  end
  local k = #groups[1].bars
  -- many single bars (the communes of an EPCI): compact rows, so that 40 of them fit an A4
  -- page with the title, the legend and the axis (svg.MAX_BARS)
  local compact = k == 1 and n > COMPACT_FROM
  local bar_h = k > 1 and 14 or (compact and 13 or (spec.kind == "stacked" and 20 or 18))
  local row_h = k > 1 and k * bar_h + 12 or (compact and 19 or 32)
  local left = 8 + label_w + 12
  local right = WIDTH - 14 - value_w - 8
  local first = top + 4
  local bottom = first + n * row_h
  local x_of = linear(axis.lo, axis.hi, left, right)
  x_value_axis(body, axis, x_of, first, bottom)
  for i, g in ipairs(groups) do
    local cy = first + (i - 0.5) * row_h
    local lines, cut = wrap(labels[i], 12, label_w, compact and 1 or 2)
    if cut then body[#body + 1] = "<g><title>" .. esc(labels[i]) .. "</title>" end
    for j, line in ipairs(lines) do
      text(body, 8, cy + 4 + (j - (#lines + 1) / 2) * 14, line, { size = 12 })
    end
    if cut then body[#body + 1] = "</g>" end
    for j, b in ipairs(g.bars) do
      horizontal_bar(body, spec, b, cy - k * bar_h / 2 + (j - 0.5) * bar_h, bar_h, x_of)
    end
  end
  local base = x_of(0)
  empty(body, "line", { "x1", base, "y1", first, "x2", base, "y2", bottom, "stroke", AXIS, "stroke-width", 1 })
  reference_lines_x(body, spec, x_of, first, bottom)
  return bottom + 28
end

local function render_categories(spec, id)
  local labels, groups, items = check_categories(spec)
  local lo, hi = group_range(groups)
  local lists = {}
  for _, g in ipairs(groups) do
    for _, b in ipairs(g.bars) do
      lists[#lists + 1] = { b.total or 0 }
      for _, s in ipairs(b.segments) do lists[#lists + 1] = { s.value } end
    end
  end
  local axis = value_axis(spec, lo, hi, true, integral_data(spec, lists))

  local body = {}
  local top = draw_title(body, spec, WIDTH)
  items = reference_items(spec, items or {})
  if #items > 0 then top = legend(body, items, 8, top + 4, WIDTH - 16) + 4 end
  top = y_label(body, spec, top)
  local orientation = spec.orientation
  if not orientation then
    local left = 8 + axis.width + 8
    orientation = fits_vertically(labels, groups, (WIDTH - 12 - left) / #labels) and "vertical" or "horizontal"
  end
  local height
  if orientation == "vertical" then
    height = draw_vertical(body, spec, labels, groups, axis, top)
  else
    height = draw_horizontal(body, spec, labels, groups, axis, top)
  end

  local parts = { spec.kind == "bars" and (groups.series and "Diagramme en barres groupées." or "Diagramme en barres.")
                  or "Barres empilées." }
  for _, l in ipairs(spec.lines or {}) do
    parts[#parts + 1] = l.label .. COLON .. value_text(spec, l.value) .. "."
  end
  for i, label in ipairs(labels) do
    local g = groups[i]
    local line
    if groups.stacks then
      local detail = {}
      for j, s in ipairs(groups.stacks) do detail[j] = s.name .. " " .. value_text(spec, s.values[i]) end
      line = label .. COLON .. "total " .. g.bars[1].label .. " (" .. table.concat(detail, ", ") .. ")"
    elseif groups.series then
      local detail = {}
      for j, s in ipairs(groups.series) do detail[j] = s.name .. " " .. g.bars[j].label end
      line = label .. COLON .. table.concat(detail, ", ")
    else
      line = label .. COLON .. g.bars[1].label
    end
    parts[#parts + 1] = line .. (g.bars[1].marked and " (sous le plancher)" or "") .. "."
  end
  return document(spec, id, WIDTH, height, body, table.concat(parts, " "))
end

-- ---------------------------------------------------------------- gantt

--- Validates a gantt spec; returns years (integers) and rows { label, planned = set or
--- false, actual = { [year] = status } }.
local function check_gantt(spec)
  local kind = "gantt"
  if type(spec.years) ~= "table" or #spec.years == 0 then fail(kind, "years must be a non-empty list of years, got " .. describe(spec.years)) end
  local years = {}
  for i, y in ipairs(spec.years) do
    if math.type(y) ~= "integer" then fail(kind, "year " .. i .. " must be an integer, got " .. describe(y)) end
    if i > 1 and y <= years[i - 1] then fail(kind, "years must be increasing (year " .. i .. " is " .. y .. ")") end
    years[i] = y
  end
  if type(spec.rows) ~= "table" or #spec.rows == 0 then fail(kind, "rows must be a non-empty list of { label = …, planned = …, actual = … }, got " .. describe(spec.rows)) end
  local rows = {}
  for i, r in ipairs(spec.rows) do
    if type(r) ~= "table" then fail(kind, "row " .. i .. " must be a table, got " .. describe(r)) end
    if type(r.label) ~= "string" or r.label == "" then fail(kind, "row " .. i .. " label must be a non-empty string, got " .. describe(r.label)) end
    check_text(kind, r.label, "row " .. i .. " label")
    local planned = false
    if r.planned ~= nil then
      if type(r.planned) ~= "table" then fail(kind, "row " .. i .. " planned must be a list of years or nil, got " .. describe(r.planned)) end
      planned = {}
      for j, y in ipairs(r.planned) do
        if math.type(y) ~= "integer" then fail(kind, "row " .. i .. " planned year " .. j .. " must be an integer, got " .. describe(y)) end
        planned[y] = true
      end
    end
    local actual = {}
    if r.actual ~= nil then
      if type(r.actual) ~= "table" then fail(kind, "row " .. i .. " actual must be a table { [year] = status }, got " .. describe(r.actual)) end
      for _, y in ipairs(sorted_keys(r.actual)) do -- drawn in the order of `years`
        local st = r.actual[y]
        if math.type(y) ~= "integer" then fail(kind, "row " .. i .. " actual has a key that is not a year: " .. describe(y)) end
        if not STATUS[st] then fail(kind, "row " .. i .. " actual[" .. y .. "] must be planned, started, done or dropped, got " .. describe(st)) end
        actual[y] = st
      end
    end
    rows[i] = { label = r.label, planned = planned, actual = actual, raw_planned = r.planned }
  end
  return years, rows
end

--- The default description: per row, the planned years and the statuses by year.
local function describe_gantt(years, rows)
  local parts = { string.format("Calendrier de %d étape%s, %d–%d.", #rows, #rows > 1 and "s" or "", years[1], years[#years]) }
  for _, r in ipairs(rows) do
    local p
    if r.planned then
      local ys = {}
      for _, y in ipairs(r.raw_planned) do ys[#ys + 1] = string.format("%d", y) end
      p = #ys > 0 and "prévu en " .. table.concat(ys, ", ") or "aucune année prévue"
    else
      p = "calendrier inconnu"
    end
    local st = {}
    for _, y in ipairs(years) do
      if r.actual[y] then st[#st + 1] = string.format("%d %s", y, STATUS[r.actual[y]].label) end
    end
    parts[#parts + 1] = r.label .. COLON .. p .. (#st > 0 and SEMICOLON .. table.concat(st, ", ") or "") .. "."
  end
  return table.concat(parts, " ")
end

local function render_gantt(spec, id)
  local years, rows = check_gantt(spec)
  local n = #years
  local min_label, min_col = 180, 46
  local width = math.max(WIDTH, 16 + min_label + n * min_col)
  local col_w = math.min(84, (width - 16 - 300) / n) -- labels get about 300 px when years allow
  if col_w < min_col then col_w = min_col end
  local label_w = width - 16 - n * col_w
  local x0 = 8 + label_w -- left edge of the year columns
  local hatch = id .. "-hatch"
  local row_h = 26

  local body = {}
  local top = draw_title(body, spec, width)
  -- header row: one column per year
  local header_y = top + 6
  for i, y in ipairs(years) do
    text(body, x0 + (i - 0.5) * col_w, header_y + 12, string.format("%d", y), { size = 12, anchor = "middle", weight = "bold" })
  end
  local first = header_y + 20
  empty(body, "line", { "x1", 8, "y1", first, "x2", width - 8, "y2", first, "stroke", AXIS, "stroke-width", 1 })

  -- background first: zebra rows (the eye follows a row across the years), then the
  -- column lines, so that neither crosses a bar, a marker or a label
  local bottom = first + #rows * row_h
  for i = 2, #rows, 2 do
    empty(body, "rect", { "x", 8, "y", first + (i - 1) * row_h, "width", width - 16, "height", row_h, "fill", "#f4f4f4" })
  end
  for j = 0, n do
    local x = x0 + j * col_w
    empty(body, "line", { "x1", x, "y1", header_y, "x2", x, "y2", bottom, "stroke", GRID, "stroke-width", 1 })
  end

  local any_unknown = false
  for i, r in ipairs(rows) do
    local y = first + (i - 1) * row_h
    local cy = y + row_h / 2
    local label = truncate(r.label, 12, label_w - 10)
    body[#body + 1] = "<g>"
    element(body, "title", {}, r.label)
    text(body, 12, cy + 4, label, { size = 12 })
    if r.planned then
      -- consecutive planned years form one bar
      local j = 1
      while j <= n do
        if r.planned[years[j]] then
          local k = j
          while k < n and r.planned[years[k + 1]] do k = k + 1 end
          empty(body, "rect", { "x", x0 + (j - 1) * col_w + 2, "y", y + 5, "width", (k - j + 1) * col_w - 4,
            "height", row_h - 10, "rx", 3, "fill", PLANNED_FILL, "stroke", "#7fa7c9", "stroke-width", 1 })
          j = k + 1
        else
          j = j + 1
        end
      end
    else
      any_unknown = true
      empty(body, "rect", { "x", x0 + 2, "y", y + 5, "width", n * col_w - 4, "height", row_h - 10,
        "fill", "url(#" .. hatch .. ")", "stroke", HATCH_INK, "stroke-width", 0.5 })
      -- the words go in the longest run of years without a marker, on a white patch
      local best_j, best_len, j = 1, 0, 1
      while j <= n do
        if not r.actual[years[j]] then
          local k = j
          while k < n and not r.actual[years[k + 1]] do k = k + 1 end
          if k - j + 1 > best_len then best_j, best_len = j, k - j + 1 end
          j = k + 1
        else
          j = j + 1
        end
      end
      local cx = x0 + (best_j - 1 + best_len / 2) * col_w
      if best_len == 0 then cx = x0 + n * col_w / 2 end
      local words = "calendrier inconnu"
      local tw = text_width(words, 11)
      empty(body, "rect", { "x", cx - tw / 2 - 4, "y", cy - 8, "width", tw + 8, "height", 16, "fill", "#ffffff" })
      text(body, cx, cy + 4, words, { size = 11, anchor = "middle", style = "italic", fill = INK })
    end
    for j, year in ipairs(years) do
      local st = r.actual[year]
      if st then status_marker(body, st, x0 + (j - 0.5) * col_w, cy, 6) end
    end
    body[#body + 1] = "</g>"
  end
  empty(body, "line", { "x1", 8, "y1", bottom, "x2", width - 8, "y2", bottom, "stroke", AXIS, "stroke-width", 1 })

  local items = { { kind = "box", name = "années prévues", colour = PLANNED_FILL } }
  if any_unknown then items[#items + 1] = { kind = "hatch", name = "calendrier inconnu", fill = "url(#" .. hatch .. ")" } end
  for _, st in ipairs(STATUS_ORDER) do items[#items + 1] = { kind = "status", name = STATUS[st].label, status = st } end
  local height = legend(body, items, 8, bottom + 24, width - 16) + 4

  local defs = '<pattern id="' .. esc(hatch) .. '" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">'
    .. '<rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="' .. HATCH_INK .. '" stroke-width="2"/></pattern>'
  return document(spec, id, width, height, body, describe_gantt(years, rows), any_unknown and defs or nil)
end

-- ---------------------------------------------------------------- entry point

local RENDER = { line = render_line, bars = render_categories, stacked = render_categories, gantt = render_gantt }

--- Renders a chart spec to an SVG document (a string ending with a newline).
function svg.render(spec)
  if type(spec) ~= "table" then fail(nil, "expected a chart spec (a table), got " .. describe(spec)) end
  local render = RENDER[spec.kind]
  if not render then
    fail(nil, "unknown chart kind " .. describe(spec.kind) .. " (expected \"line\", \"bars\", \"stacked\" or \"gantt\")")
  end
  check_common(spec)
  local size = SIZES[spec.size or "normal"]
  WIDTH, PLOT_HEIGHT = size.width, size.height
  return render(spec, chart_id(spec))
end

--- The figures a chart is printed as: { spec } for most charts; a chart of categories
--- (bars, stacked) with more than svg.MAX_BARS categories is cut into parts of at most that
--- many, as even as can be (45 communes: 23 and 22, never 40 and a lonely 5), each a copy of
--- the spec with its slice of categories and values, its title followed by « (suite) »
--- from the second part, and one value axis for all of them (y_min, y_max over every value
--- and line) so that parts read against the same scale. Parts are positional, as
--- svg.render takes them (values[i], values.n).
function svg.parts(spec)
  if type(spec) ~= "table" or (spec.kind ~= "bars" and spec.kind ~= "stacked") or type(spec.categories) ~= "table"
     or #spec.categories <= svg.MAX_BARS then
    return { spec }
  end
  local n = #spec.categories
  local count = math.ceil(n / svg.MAX_BARS)
  local size = math.ceil(n / count)
  local lo, hi = spec.y_min, spec.y_max
  local function extend(v)
    if type(v) == "number" and v == v and v ~= math.huge and v ~= -math.huge then
      lo, hi = math.min(lo or v, v), math.max(hi or v, v)
    end
  end
  local lists = {}
  if spec.values then lists[#lists + 1] = spec.values end
  for _, s in ipairs(spec.series or {}) do lists[#lists + 1] = s.values end
  local totals = {}
  for _, s in ipairs(spec.stacks or {}) do
    for i = 1, n do
      local v = s.values[i]
      if type(v) == "number" then totals[i] = (totals[i] or 0) + v end
    end
  end
  for i = 1, n do
    for _, list in ipairs(lists) do extend(list[i]) end
    extend(totals[i])
  end
  for _, l in ipairs(spec.lines or {}) do extend(l.value) end
  local function slice(values, first, last)
    local out = { n = last - first + 1 }
    for i = first, last do out[i - first + 1] = values[i] end
    return out
  end
  local function named(list, first, last)
    if not list then return nil end
    local out = {}
    for j, s in ipairs(list) do
      local copy = {}
      for k, v in pairs(s) do copy[k] = v end
      copy.values = slice(s.values, first, last)
      out[j] = copy
    end
    return out
  end
  local parts = {}
  for p = 1, count do
    local first, last = (p - 1) * size + 1, math.min(p * size, n)
    local part = {}
    for k, v in pairs(spec) do part[k] = v end
    part.categories = slice(spec.categories, first, last)
    part.categories.n = nil
    part.values = spec.values and slice(spec.values, first, last) or nil
    part.series, part.stacks = named(spec.series, first, last), named(spec.stacks, first, last)
    part.y_min, part.y_max = lo, hi
    part.orientation = spec.orientation or "horizontal"
    if p > 1 then
      part.title = spec.title .. " (suite)"
      if spec.id then part.id = (math.type(spec.id) == "integer" and "ctg-chart-" or "") .. spec.id .. "-" .. p end
    end
    parts[p] = part
  end
  return parts
end

return svg
