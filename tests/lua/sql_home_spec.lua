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
-- where the literal starts).
local function literals(src)
  local out, i, line, n = {}, 1, 1, #src
  local function count(a, b)
    local _, c = src:sub(a, b):gsub("\n", "")
    line = line + c
  end
  -- a long bracket at `at`: its end and its contents (a first newline is not part of it)
  local function long(at)
    local eq = src:match("^%[(=*)%[", at)
    if not eq then return nil end
    local s, e = src:find("]" .. eq .. "]", at + #eq + 2, true)
    return e or n, src:sub(at + #eq + 2, (s or n + 1) - 1)
  end
  local function quoted(at)
    local q, j = src:sub(at, at), at + 1
    while j <= n do
      local c = src:sub(j, j)
      if c == "\\" then j = j + 2
      elseif c == q or c == "\n" then return j, src:sub(at + 1, j - 1)
      else j = j + 1 end
    end
    return n, src:sub(at + 1)
  end
  while i <= n do
    local c = src:sub(i, i)
    if c == "\n" then line = line + 1; i = i + 1
    elseif src:sub(i, i + 1) == "--" then
      local e = long(i + 2)
      if e then count(i, e); i = e + 1 else i = src:find("\n", i, true) or n + 1 end
    elseif c == '"' or c == "'" then
      local e, text = quoted(i)
      out[#out + 1] = { text = text, line = line }
      count(i, e); i = e + 1
    elseif c == "[" and long(i) then
      local e, text = long(i)
      -- a newline right after the opening bracket is skipped by Lua: the text's first line
      -- is the next one
      local first = line
      if text:sub(1, 1) == "\n" then text = text:sub(2); first = first + 1 end
      out[#out + 1] = { text = text, line = first }
      count(i, e); i = e + 1
    else
      i = i + (src:match("^[%w_]+", i) or c):len()
    end
  end
  return out
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

-- Every Lua file of the stdlib and the stock scripts, relative to the root.
local function sources()
  local list = {}
  local p = io.popen("cd '" .. root .. "' && find stdlib/ctg scripts -name '*.lua' | sort")
  for path in p:lines() do list[#list + 1] = path end
  p:close()
  return list
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
  local files, found, home = sources(), {}, 0
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
