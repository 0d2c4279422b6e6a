-- ctg.grid — a text table that fits a terminal: columns as wide as their widest cell, then,
-- when the whole is wider than the terminal, the columns marked flexible are narrowed and
-- their cells wrapped on several lines (words kept whole; a word longer than its column is
-- cut with "…"). Used by ctg eval and the REPL's query results.
local grid = {}

--- The width a terminal gives a person: 100 columns (what ctg promises to fit).
grid.WIDTH = 100

local SEP = "  "

local function width(s) return utf8.len(s) or #s end

-- The first n characters of s (UTF-8 aware).
local function prefix(s, n)
  if width(s) <= n then return s end
  local stop = utf8.offset(s, n + 1)
  return stop and s:sub(1, stop - 1) or s
end

--- s cut into lines of at most w characters, at spaces; a longer word is cut with "…".
function grid.wrap(s, w)
  local lines, cur = {}, ""
  for word in tostring(s):gmatch("%S+") do
    if width(word) > w then word = prefix(word, w - 1) .. "…" end
    if cur == "" then cur = word
    elseif width(cur) + 1 + width(word) <= w then cur = cur .. " " .. word
    else lines[#lines + 1] = cur; cur = word end
  end
  lines[#lines + 1] = cur
  return lines
end

-- Narrows the flexible columns, widest first, until the row fits total (or all reach min).
local function fit(w, flexible, total, min)
  local function sum()
    local n = width(SEP) * (#w - 1)
    for _, x in ipairs(w) do n = n + x end
    return n
  end
  while sum() > total do
    local widest
    for i in pairs(flexible) do
      if w[i] > min and (not widest or w[i] > w[widest]) then widest = i end
    end
    if not widest then return end
    w[widest] = w[widest] - 1
  end
end

--- s on one line of at most w characters: cut with "…" when longer (the console's grids).
function grid.cut(s, w)
  s = tostring(s):gsub("%s+", " ")
  if width(s) <= w then return s end
  return prefix(s, math.max(w - 1, 0)) .. "…"
end

--- The table as text (no trailing newline). header: list of titles; lines: list of rows
--- (nil cells are empty); opts.flexible: set of column indexes that may narrow; opts.width:
--- the terminal width (grid.WIDTH); opts.min: narrowest a flexible column gets (8);
--- opts.cut: a cell too long for its column is cut with "…" on one line rather than wrapped.
function grid.render(header, lines, opts)
  opts = opts or {}
  local n = #header
  local w = {}
  for i, h in ipairs(header) do w[i] = width(h) end
  for _, l in ipairs(lines) do
    for i = 1, n do w[i] = math.max(w[i], width(tostring(l[i] or ""))) end
  end
  fit(w, opts.flexible or {}, opts.width or grid.WIDTH, opts.min or 8)
  -- cut cells can be narrower still: many columns in a narrow terminal keep a letter and "…"
  if opts.cut then fit(w, opts.flexible or {}, opts.width or grid.WIDTH, 2) end
  local out = {}
  local function row(cells)
    local wrapped, height = {}, 1
    for i = 1, n do
      local text = cells[i] == nil and "" or tostring(cells[i])
      wrapped[i] = opts.cut and { grid.cut(text, w[i]) } or grid.wrap(text, w[i])
      height = math.max(height, #wrapped[i])
    end
    for k = 1, height do
      local parts = {}
      for i = 1, n do
        local c = wrapped[i][k] or ""
        parts[i] = c .. string.rep(" ", w[i] - width(c))
      end
      out[#out + 1] = (table.concat(parts, SEP):gsub("%s+$", ""))
    end
  end
  row(header)
  local rule = {}
  for i = 1, n do rule[i] = string.rep("─", w[i]) end
  out[#out + 1] = table.concat(rule, SEP)
  for _, l in ipairs(lines) do row(l) end
  return table.concat(out, "\n")
end

return grid
