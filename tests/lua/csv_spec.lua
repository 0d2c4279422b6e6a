-- Specs for ctg.csv seen from Lua. Run: ctg tests/lua/run.lua tests/lua/csv_spec.lua
-- (tests/c/test_csv.c covers the reader's rules in detail).
local t = ...
local csv = require("ctg.csv")

local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "tests/lua"
local fixtures = here .. "/../fixtures/csv/"

local function write(dir, name, text)
  local path = dir .. "/" .. name
  local f = assert(io.open(path, "wb"))
  assert(f:write(text))
  assert(f:close())
  return path
end

local function read_all(path)
  local rows, lines = {}, {}
  for fields, line in csv.rows(path) do
    rows[#rows + 1] = fields
    lines[#lines + 1] = line
  end
  return rows, lines
end

t.test("module: rows, dialect, number", function()
  t.eq(type(csv.rows), "function")
  t.eq(type(csv.dialect), "function")
  t.eq(type(csv.number), "function")
end)

t.test("rows: a French file (BOM, CRLF, quotes, a blank line), header first", function()
  local rows, lines = read_all(fixtures .. "french.csv")
  t.eq(rows, {
    { "indicateur", "période", "territoire", "valeur", "note" },
    { "places_100", "2022", "Nord", "13,5", "" },
    { "agents_formes", "2021-2022", "sud", "1 250", "deux lignes\net un ; point-virgule" },
    { "qualite_accueil", "2022", "sud", "3,8", 'il a dit "oui"' },
  })
  t.eq(lines, { 1, 2, 3, 6 })
end)

t.test("rows: an international file", function()
  local rows, lines = read_all(fixtures .. "intl.csv")
  t.eq(rows, {
    { "indicator", "period", "territory", "value", "note" },
    { "places_100", "2022", "nord", "13.5", "" },
    { "agents_formes", "2022", "sud", "1250", "a, b" },
  })
  t.eq(lines, { 1, 2, 3 })
end)

t.test("rows: breaking out of the loop closes the file", function()
  local path = fixtures .. "french.csv"
  local iter, s, c, closing = csv.rows(path)
  t.eq(type(closing), "userdata")
  -- the loop is left at its first row on purpose: breaking out is what is tested
  -- luacheck: ignore 512
  for fields, line in iter, s, c, closing do
    t.eq(fields[1], "indicateur")
    t.eq(line, 1)
    break
  end
  t.eq(iter(), nil) -- the reader was closed by the break
  -- no file descriptor is left open, even with the collector stopped
  -- count the descriptors open on the CSV file itself: a plain count also sees the pipe
  -- popen creates and closes meanwhile (a race that made this test flaky)
  local function open_fds()
    local p = assert(io.popen("for f in /proc/$PPID/fd/*; do readlink \"$f\"; done | grep -c 'french\\.csv$'"))
    local n = tonumber(p:read("a"))
    p:close()
    return n
  end
  collectgarbage("stop")
  local before = open_fds()
  for _ = 1, 50 do
    for _ in csv.rows(path) do break end
  end
  local after = open_fds()
  collectgarbage("restart")
  -- no more descriptors than before (an unrelated one may have been closed meanwhile)
  t.ok(after <= before, "file descriptors leaked: " .. before .. " before, " .. after .. " after")
end)

t.test("rows: the iterator ends with nil and stays ended", function()
  local iter = csv.rows(fixtures .. "intl.csv")
  local n = 0
  while iter() do n = n + 1 end
  t.eq(n, 3)
  t.eq(iter(), nil)
end)

t.test("rows: errors carry the file, line and column", function()
  local cp1252 = fixtures .. "cp1252.csv"
  t.raises(function() for _ in csv.rows(cp1252, "utf-8") do end end,
    cp1252 .. ":1:13: the file is not UTF-8 (it looks like Windows-1252, Excel's default): "
    .. 'save it as "CSV UTF-8" or convert it with iconv -f WINDOWS-1252 -t UTF-8')
  local unterminated = fixtures .. "unterminated.csv"
  local seen = {}
  local err = t.raises(function()
    for fields in csv.rows(unterminated) do seen[#seen + 1] = fields[1] end
  end, unterminated .. ":2:12: unterminated quoted field (opened here)")
  t.eq(seen, { "indicateur" }) -- the records before the error were delivered
  t.ok(err:find("^" .. unterminated:gsub("%p", "%%%0")), "no Lua position prefix: " .. err)
end)

t.test("rows: open errors", function()
  local dir = t.tmpdir()
  t.raises(function() csv.rows(dir .. "/missing.csv") end,
    dir .. "/missing.csv: cannot open: No such file or directory")
  local empty = write(dir, "empty.csv", "")
  t.raises(function() csv.rows(empty) end, empty .. ": empty file, expected a header line")
  t.raises(function() csv.rows() end, "bad argument #1 to 'rows'")
end)

t.test("rows: empty fields, tabs, last line without newline", function()
  local dir = t.tmpdir()
  t.eq(read_all(write(dir, "a.csv", "a;;b\n;\n")), { { "a", "", "b" }, { "", "" } })
  local rows, lines = read_all(write(dir, "b.tsv", "x\ty\n\n1.5\t\"q\""))
  t.eq(rows, { { "x", "y" }, { "1.5", "q" } })
  t.eq(lines, { 1, 3 })
end)

t.test("encodings: detected and converted, or declared", function()
  local cp1252 = fixtures .. "cp1252.csv"
  local dialect, encoding = csv.dialect(cp1252)
  t.eq(dialect, "french")
  t.eq(encoding, "Windows-1252")
  local got = {}
  for fields in csv.rows(cp1252) do got[#got + 1] = table.concat(fields, "|") end
  t.eq(got, { "indicateur|période|valeur", "places_100|2022|13,5" })
  t.eq(select(2, csv.dialect(cp1252, "iso-8859-15")), "ISO-8859-15")
  t.eq(select(2, csv.dialect(fixtures .. "french.csv")), "UTF-8")
  t.raises(function() csv.rows(cp1252, "ebcdic") end, "unknown encoding 'ebcdic'")
end)

t.test("dialect: from the header line", function()
  t.eq(csv.dialect(fixtures .. "french.csv"), "french")
  t.eq(csv.dialect(fixtures .. "intl.csv"), "intl")
  local dir = t.tmpdir()
  t.eq(csv.dialect(write(dir, "t.tsv", "a\tb\n1,5\t2\n")), "intl")
  t.raises(function() csv.dialect(dir .. "/nope.csv") end, "nope.csv: cannot open")
end)

t.test("number: French (default) and international", function()
  t.eq(csv.number("13,5"), 13.5)
  t.eq(csv.number("1 250,5", "french"), 1250.5)
  t.eq(csv.number("1\u{A0}250"), 1250)
  t.eq(math.type(csv.number("1 250")), "integer")
  t.eq(math.type(csv.number("1,0")), "float")
  t.eq(csv.number("13.5"), 13.5)
  t.eq(csv.number("1.250"), nil)
  t.eq(csv.number("12 %"), nil)
  t.eq(csv.number(""), nil)
  t.eq(csv.number("13.5", "intl"), 13.5)
  t.eq(csv.number("-1250.5", "intl"), -1250.5)
  t.eq(csv.number("1e3", "intl"), 1000.0)
  t.eq(math.type(csv.number("1e3", "intl")), "float")
  t.eq(math.type(csv.number(" 42 ", "intl")), "integer")
  t.eq(math.type(csv.number("99999999999999999999", "intl")), "float")
  t.eq(csv.number("13,5", "intl"), nil)
  t.eq(csv.number("1,250.5", "intl"), nil)
  t.raises(function() csv.number("1", "german") end, "bad argument #2 to 'number'")
end)

t.test("number: an amount with its euro sign, as a French spreadsheet shows it", function()
  t.eq(csv.number("1 300 000 €"), 1300000)
  t.eq(math.type(csv.number("1 300 000 €")), "integer")
  t.eq(csv.number("1 300 000,50 €"), 1300000.5)
  t.eq(csv.number("1\u{202F}300\u{A0}000\u{A0}€"), 1300000)
  t.eq(csv.number("75€"), 75)
  t.eq(csv.number("2500.75 €", "intl"), 2500.75)
  t.eq(csv.number("€"), nil)
  t.eq(csv.number(" € "), nil)
  t.eq(csv.number("€ 1 300"), nil)
  t.eq(csv.number("1 300 € €"), nil)
  t.eq(csv.number("1 30 000 €"), nil)
  t.eq(csv.number("12 $"), nil)
  t.raises(function() csv.number() end, "bad argument #1 to 'number'")
end)
