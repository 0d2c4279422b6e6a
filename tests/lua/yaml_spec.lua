-- Specs for ctg.yaml seen from Lua. Run: ctg tests/lua/run.lua tests/lua/yaml_spec.lua
-- (the C unit test tests/c/test_yaml.c covers each scalar rule and error position).
local t = ...
local yaml = require("ctg.yaml")

-- Strict equality: same types, same integer/float subtypes, NaN equal to NaN, -0.0 ~= 0.0.
local function same(a, b)
  if type(a) ~= type(b) then return false end
  if type(a) == "number" then
    if math.type(a) ~= math.type(b) then return false end
    if a ~= a then return b ~= b end
    if a == 0 and b == 0 then return 1 / a == 1 / b end
    return a == b
  end
  if type(a) ~= "table" then return a == b end
  for k, v in pairs(a) do if not same(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end

t.test("module: decode, encode and the null sentinel", function()
  t.eq(type(yaml.decode), "function")
  t.eq(type(yaml.encode), "function")
  t.eq(type(yaml.null), "userdata")
end)

t.test("decode: a plan-like document, with lines", function()
  local v, lines = yaml.decode("plan:\n  title: Plan\n  year: 2024\naxes:\n  - code: A1\n    weight: 0.5\n  - ~\n", "plan.yaml")
  t.eq(v, { plan = { title = "Plan", year = 2024 }, axes = { { code = "A1", weight = 0.5 }, yaml.null } })
  t.eq(math.type(v.plan.year), "integer")
  t.eq(lines[v], { [0] = 1, plan = 1, axes = 4 })
  t.eq(lines[v.plan], { [0] = 2, title = 2, year = 3 })
  t.eq(lines[v.axes], { [0] = 5, 5, 7 })
  t.eq(lines[v.axes[1]], { [0] = 5, code = 5, weight = 6 })
end)

t.test("decode: YAML 1.2 booleans, not YAML 1.1 ones", function()
  t.eq(yaml.decode("[true, False, yes, no, on, off]"), { true, false, "yes", "no", "on", "off" })
end)

t.test("decode: errors carry name, line and column", function()
  t.raises(function() yaml.decode("a: 1\nb:\n\tc: 3\n", "plan.yaml") end,
    "plan.yaml:3:1: caractère qui ne peut commencer aucune valeur")
  t.raises(function() yaml.decode("a: 1\na: 2\n", "p.yaml") end, 'p.yaml:2:1: clé "a" en double (déjà à la ligne 1)')
  t.raises(function() yaml.decode("a: &x [1]\nb: *x\n") end, "yaml:2:4: les alias ne sont pas acceptés (*x)")
  t.raises(function() yaml.decode("a\n---\nb\n") end, "yaml:2:1: plus d'un document (un seul attendu)")
  t.raises(function() yaml.decode(string.rep("- ", 201) .. "x") end, "imbrication de plus de 200 niveaux")
end)

t.test("encode: block style, sorted keys, quoted when ambiguous", function()
  t.eq(yaml.encode({ b = { 1, 2.0, "3" }, a = "yes", c = {}, d = "é" }),
    'a: "yes"\nb:\n- 1\n- 2.0\n- "3"\nc: []\nd: é\n')
  t.eq(yaml.encode({ x = yaml.null }), "x: null\n")
end)

t.test("encode: opts.order lists keys first, the rest follow sorted", function()
  local text = yaml.encode({ zeta = 1, alpha = 2, code = "C", title = "T" },
    { order = function() return { "code", "title" } end })
  t.eq(text, "code: C\ntitle: T\nalpha: 2\nzeta: 1\n")
end)

t.test("encode: a function is refused with its key path", function()
  t.raises(function() yaml.encode({ axes = { { title = print } } }) end,
    "cannot encode function at axes[1].title")
end)

-- ---------------------------------------------------------------- random round trip

-- Pieces chosen to hit every quoting rule: indicators, YAML keywords, numbers, breaks,
-- controls, Unicode line separators and non-ASCII text.
local PIECES = { "a", "Z", " ", "\n", "\n\n", ":", ": ", "#", " #", "-", "- ", "?", ",", "[", "]",
  "{", "}", "'", '"', "\\", "é", "日本", "\t", "\r", "\r\n", "\0", "\1", "\127", "\u{85}",
  "\u{2028}", "\u{feff}", "0", "12", ".", "e", "+", "-1", "0x", "inf", ".nan", "null", "~",
  "true", "yes", "No", "---", "...", "|", ">", "&", "*", "!", "%", "@", "`", "<<", "\u{1F600}" }

local function random_string()
  local parts = {}
  for i = 1, math.random(0, 6) do parts[i] = PIECES[math.random(#PIECES)] end
  return table.concat(parts)
end

local NUMBERS = { 0, -1, math.maxinteger, math.mininteger, 0.0, -0.0, 0.1, 1e300, 5e-324,
  2 ^ 53, 2 ^ 63, math.pi, 1 / 0, -1 / 0, 0 / 0 }

local function random_number()
  local r = math.random(3)
  if r == 1 then return math.random(-1000, 1000) end
  if r == 2 then return NUMBERS[math.random(#NUMBERS)] end
  return (math.random() - 0.5) * 10 ^ math.random(-30, 30)
end

local function random_scalar()
  local r = math.random(10)
  if r <= 5 then return random_string() end
  if r <= 8 then return random_number() end
  return math.random(2) == 1
end

local function random_value(depth)
  if depth > 4 or math.random(3) == 1 then return random_scalar() end
  local v = {}
  if math.random(2) == 1 then
    for i = 1, math.random(0, 4) do v[i] = random_value(depth + 1) end
  else
    for _ = 1, math.random(0, 4) do
      local k = random_scalar()
      if k == k then v[k] = random_value(depth + 1) end -- NaN cannot be a key
    end
  end
  return v
end

t.test("round trip: decode(encode(v)) equals v for 500 random values", function()
  math.randomseed(20240131)
  for i = 1, 500 do
    local v = random_value(0)
    local text = yaml.encode(v)
    local ok, back = pcall(yaml.decode, text)
    if not ok or not same(back, v) then
      error(string.format("value %d does not round-trip (%s):\n%s", i, ok and "differs" or back, text))
    end
  end
end)

t.test("decode: the reader's errors in English when the catalogue speaks English", function()
  local msg = require("ctg.msg")
  local lang = msg.lang
  msg.lang = function() return "en" end
  local ok, err = pcall(yaml.decode, "a: 1\na: 2\n", "p.yaml")
  local ok2, err2 = pcall(yaml.decode, "a: [1\n", "p.yaml")
  msg.lang = lang
  t.eq(ok, false); t.eq(err, 'p.yaml:2:1: duplicate key "a" (first at line 1)')
  t.eq(ok2, false); t.eq(err2, "p.yaml:2:1: did not find expected ',' or ']' (while parsing a flow sequence)")
end)
