-- Only ctg.db writes SQL (issue 27 point 2): every module of stdlib/ctg and every stock script
-- is read as text, and a string literal (quoted or long, not a comment) that holds SQL in a
-- file other than stdlib/ctg/db.lua and stdlib/ctg/db/ fails the test, named by file and line.
-- SQL is recognised by its keywords, upper case as SQL is written here, in the shape of a
-- statement: SELECT followed by what it selects, INSERT INTO, UPDATE … SET, DELETE FROM,
-- CREATE/DROP of an object, PRAGMA name, a literal that is a transaction's BEGIN, COMMIT or
-- ROLLBACK. A French sentence that names a keyword (« ni PRAGMA modifiant la base », « dans
-- l'ordre du SELECT) ») is no statement.
local t = ...

local root = (arg[0]:match("^(.*)/tests/lua/[^/]*$")) or "."

-- Where SQL may live.
local function sql_home(path)
  return path == "stdlib/ctg/db.lua" or path:match("^stdlib/ctg/db/") ~= nil
end

-- The shapes of a statement, tried on each line of a literal.
local LINE_SHAPES = {
  "%f[%w_]SELECT%s+[^%s%)%]]", "%f[%w_]INSERT%s+INTO%f[^%w_]", "%f[%w_]UPDATE%s+[%w_%.]+%s+SET%f[^%w_]",
  "%f[%w_]DELETE%s+FROM%f[^%w_]", "%f[%w_]CREATE%s+%u", "%f[%w_]DROP%s+%u",
  "%f[%w_]PRAGMA%s+[%a_]*_[%w_]*", "%f[%w_]PRAGMA%s+%a+%s*[%(=;]",
}
-- The shapes of a literal that is a statement on its own.
local WHOLE_SHAPES = { "^%s*SELECT%f[^%w_]", "^%s*BEGIN%f[^%w_]", "^%s*COMMIT%s*;?%s*$", "^%s*ROLLBACK%f[^%w_]",
                       "^%s*PRAGMA%s+%a+%s*;?%s*$" }

local function is_sql(line, whole)
  for _, p in ipairs(LINE_SHAPES) do if line:find(p) then return true end end
  if whole then
    for _, p in ipairs(WHOLE_SHAPES) do if line:find(p) then return true end end
  end
  return false
end

-- The string literals of a Lua source, comments skipped: a list of {text, line} (the line
-- where the text starts). The source is searched from one opening (a comment, a quote, a
-- long bracket) to the next; lines are found from the offsets of the newlines.
local function literals(src)
  local newlines = {}
  for p in src:gmatch("()\n") do newlines[#newlines + 1] = p end
  -- the line of offset p: one more than the newlines before it (a binary search)
  local function line_of(p)
    local lo, hi = 1, #newlines
    while lo <= hi do
      local mid = (lo + hi) // 2
      if newlines[mid] < p then lo = mid + 1 else hi = mid - 1 end
    end
    return lo
  end
  -- the long bracket opening at p: the offsets of its text and the end of its closing
  local function long_at(p)
    local eq = src:match("^%[(=*)%[", p)
    if not eq then return nil end
    local first = p + #eq + 2
    if src:sub(first, first) == "\n" then first = first + 1 end -- skipped by Lua too
    local s, e = src:find("]" .. eq .. "]", first, true)
    return first, (s or #src + 1) - 1, e or #src
  end
  local out, pos = {}, 1
  while true do
    local at, open = src:match("()([%-\"'%[])", pos)
    if not at then return out end
    pos = at + 1
    if open == "-" and src:sub(at + 1, at + 1) == "-" then
      local _, _, close = long_at(at + 2)
      pos = close and close + 1 or (src:find("\n", at, true) or #src) + 1
    elseif open == "[" then
      local first, last, close = long_at(at)
      if first then
        out[#out + 1] = { text = src:sub(first, last), line = line_of(first) }
        pos = close + 1
      end
    elseif open == '"' or open == "'" then
      -- up to the same quote not escaped, or the end of the line (an unfinished string)
      local e = at + 1
      while true do
        local c = src:find("[\\\n" .. open .. "]", e)
        if not c or src:sub(c, c) ~= "\\" then e = c or #src + 1 break end
        e = c + 2
      end
      out[#out + 1] = { text = src:sub(at + 1, e - 1), line = line_of(at) }
      pos = e + 1
    end
  end
end

-- "path:line: the line" for each line of src's literals that holds SQL.
local function sql_lines(path, src)
  local found = {}
  for _, lit in ipairs(literals(src)) do
    local k = 0
    for text in (lit.text .. "\n"):gmatch("([^\n]*)\n") do
      if is_sql(text, k == 0) then
        found[#found + 1] = string.format("%s:%d: %s", path, lit.line + k, text:match("^%s*(.-)%s*$"))
      end
      k = k + 1
    end
  end
  return found
end

t.test("a planted statement is found, at its line, in quoted and long strings", function()
  local src = table.concat({
    "local db = ...",                                                    -- 1
    'local r = db.store:query("SELECT id FROM obs_revision WHERE id = ?", 3)', -- 2
    "local s = [[",                                                      -- 3
    "  count the rows",                                                  -- 4
    "  DELETE FROM import WHERE id = 1]]",                               -- 5
    "db.store:exec('BEGIN IMMEDIATE')",                                  -- 6
    'db.store:exec("COMMIT")',                                           -- 7
    'local v = db.store:query("PRAGMA user_version")',                   -- 8
    'local u = [==[UPDATE plan_version SET outline = ?]==]',             -- 9
    'local c = "CREATE TEMP TABLE x (a)"',                               -- 10
    'local i = "INSERT INTO delivery (path) VALUES (?)"',                -- 11
    'local w = "SELECT" .. " name FROM obs_subject"',                    -- 12
    'db.store:exec("PRAGMA optimize")',                                  -- 13
  }, "\n")
  t.eq(sql_lines("planted.lua", src), {
    "planted.lua:2: SELECT id FROM obs_revision WHERE id = ?",
    "planted.lua:5: DELETE FROM import WHERE id = 1",
    "planted.lua:6: BEGIN IMMEDIATE",
    "planted.lua:7: COMMIT",
    "planted.lua:8: PRAGMA user_version",
    "planted.lua:9: UPDATE plan_version SET outline = ?",
    "planted.lua:10: CREATE TEMP TABLE x (a)",
    "planted.lua:11: INSERT INTO delivery (path) VALUES (?)",
    "planted.lua:12: SELECT",
    "planted.lua:13: PRAGMA optimize",
  })
end)

t.test("comments, French sentences naming a keyword and lower-case words are no SQL", function()
  local src = table.concat({
    "-- SELECT id FROM obs_revision: a comment",
    "--[[ INSERT INTO import",
    "]]",
    'local a = "ni PRAGMA modifiant la base, ni transaction"',
    'local b = "colonnes dans l\'ordre du SELECT) ; ctg.table"',
    'local c = "begin_bulk s\'appelle dans une transaction (BEGIN IMMEDIATE d\'abord)"',
    'local d = "select the rows, update the plan, delete nothing"',
    'local e = "PRAGMA changing the database"',
    'local f = "no writes, ATTACH, PRAGMA changing " .. "the database"',
  }, "\n")
  t.eq(sql_lines("clean.lua", src), {})
end)

t.test("ctg.db and its db/ folder are the home of SQL, and nothing else", function()
  t.eq(sql_home("stdlib/ctg/db.lua"), true)
  t.eq(sql_home("stdlib/ctg/db/records.lua"), true)
  t.eq(sql_home("stdlib/ctg/dbx.lua"), false)
  t.eq(sql_home("stdlib/ctg/cli/db.lua"), false)
  t.eq(sql_home("scripts/bilan-annuel.lua"), false)
end)

t.test("no module outside ctg.db and no stock script holds SQL", function()
  local files, found, home = t.lua_sources(root), {}, 0
  t.ok(#files > 40, "the stdlib was found under " .. root)
  for _, path in ipairs(files) do
    local f = assert(io.open(root .. "/" .. path))
    local src = f:read("a")
    f:close()
    local lines = sql_lines(path, src)
    if sql_home(path) then
      home = home + #lines
    else
      for _, l in ipairs(lines) do found[#found + 1] = l end
    end
  end
  -- the scanner sees the SQL where it lives: it is not blind
  t.ok(home > 50, "only " .. home .. " lines of SQL found in ctg.db and db/")
  if #found > 0 then error("SQL outside ctg.db (move it into a named operation of stdlib/ctg/db/):\n" ..
    table.concat(found, "\n"), 0) end
end)
