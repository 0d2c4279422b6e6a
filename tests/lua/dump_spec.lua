-- ctg.db.dump's rows: every value a database holds written as JSON and read back the same —
-- its kind too (an integer, a float with no fraction, a string with any byte, null) — and the
-- lines that are not rows refused. (The whole round trip, commands and refusals: t_dump.sh.)
local t = ...
local dump = require("ctg.db.dump")

-- a database with one table of every kind of value, dumped to a string
local function dumped(rows)
  local db = ctg.open(t.tmpdir() .. "/d.db", { create = true })
  local s = db.store
  s:exec("CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, r REAL, x TEXT)")
  for _, r in ipairs(rows) do s:execute("INSERT INTO t VALUES (?, ?, ?, ?)", r[1], r[2], r[3], r[4]) end
  local parts = {}
  local counts = dump.write(s, { write = function(_, text) parts[#parts + 1] = text end }, "test")
  db:close()
  return table.concat(parts), counts
end

t.test("values: integers, floats (4.0 stays a float), null, strings with quotes, controls, UTF-8", function()
  local text, counts = dumped({
    { 1, 42, 4.0, 'il a dit "oui"\\n\t' },
    { 2, -9007199254740993, 0.1, "Féron — « 13,5 % »\1\31" },
    { 3, nil, 1e300, "" },
  })
  t.eq(counts.t, 3)
  local section = text:match("table t %[\"id\",\"i\",\"r\",\"x\"%]\n(.-)end ")
  t.ok(section, "the section of t")
  local lines = {}
  for line in section:gmatch("[^\n]+") do
    if line:sub(1, 6) == "table " then break end
    lines[#lines + 1] = line
  end
  t.eq(lines[1], '[1,42,4.0,"il a dit \\"oui\\"\\\\n\\t"]')
  local r1 = dump.decode_row(lines[1], 4)
  t.eq(math.type(r1[3]), "float")
  t.eq(r1[4], 'il a dit "oui"\\n\t')
  local r2 = dump.decode_row(lines[2], 4)
  t.eq(r2[2], -9007199254740993)
  t.eq(math.type(r2[2]), "integer")
  t.eq(r2[3], 0.1)
  t.eq(r2[4], "Féron — « 13,5 % »\1\31")
  local r3, n = dump.decode_row(lines[3], 4)
  t.eq(n, 4)
  t.eq(r3[2], nil)
  t.eq(r3[3], 1e300)
  t.eq(r3[4], "")
end)

t.test("decode_row: JSON escapes another writer may use (\\/, \\u00e9, a surrogate pair)", function()
  local r = dump.decode_row('["a\\/b","\\u00e9t\\u00e9","\\ud83d\\ude00"]', 3)
  t.eq(r[1], "a/b")
  t.eq(r[2], "été")
  t.eq(r[3], "😀")
end)

t.test("decode_row: not a row of ncols values -> nil", function()
  t.eq(dump.decode_row("[1,2]", 3), nil)
  t.eq(dump.decode_row("[1,2,3,4]", 3), nil)
  t.eq(dump.decode_row("[1,2", 2), nil)
  t.eq(dump.decode_row('["abc', 1), nil)
  t.eq(dump.decode_row("[1,2] x", 2), nil)
  t.eq(dump.decode_row("[1;2]", 2), nil)
  t.eq(dump.decode_row("[true]", 1), nil)
  t.eq(dump.decode_row('["\\x"]', 1), nil)
  t.eq(dump.decode_row("1,2", 2), nil)
  t.eq(select(2, dump.decode_row("[]")), 0)
end)

t.test("a table keyed without an id (a composite key) is dumped in the order of all its columns", function()
  local db = ctg.open(t.tmpdir() .. "/k.db", { create = true })
  local s = db.store
  s:exec("CREATE TABLE k (plan INTEGER NOT NULL, import_id INTEGER NOT NULL, hash INTEGER NOT NULL, " ..
    "PRIMARY KEY (plan, import_id)) WITHOUT ROWID")
  for _, r in ipairs({ { 2, 1, -9223372036854775807 - 1 }, { 1, 3, 7 }, { 1, 2, 9223372036854775807 } }) do
    s:execute("INSERT INTO k VALUES (?, ?, ?)", r[1], r[2], r[3])
  end
  local parts = {}
  dump.write(s, { write = function(_, text) parts[#parts + 1] = text end }, "test")
  db:close()
  local section = table.concat(parts):match('table k %["plan","import_id","hash"%]\n(.-)table ')
    or table.concat(parts):match('table k %["plan","import_id","hash"%]\n(.-)end ')
  t.eq(section, "[1,2,9223372036854775807]\n[1,3,7]\n[2,1,-9223372036854775808]\n")
  local row = dump.decode_row("[2,1,-9223372036854775808]", 3)
  t.eq(row[3], math.mininteger)
end)
