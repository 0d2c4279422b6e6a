-- Specs for ctg.fmt (French formatting). Run: ctg tests/lua/run.lua tests/lua/fmt_spec.lua
local t = ...
local fmt = require("ctg.fmt")

local S = "\u{202F}" -- NARROW NO-BREAK SPACE: digit groups, before "%" and "€"
local NA = "n.d."
local NAN, INF = 0 / 0, math.huge

-- Expected grouping written with "_" for readability: g("1_600_000") == "1\u{202F}600\u{202F}000".
local function g(s) return (s:gsub("_", S)) end

local NUMERIC = { "number", "percent", "points", "change", "euros" }

-- ---------------------------------------------------------------- module shape

t.test("module: a table with the documented API and NA", function()
  t.eq(type(fmt), "table")
  for _, name in ipairs({ "number", "percent", "points", "change", "euros", "date", "period" }) do
    t.eq(type(fmt[name]), "function", name)
  end
  t.eq(fmt.NA, "n.d.")
  t.eq(S, "\xE2\x80\xAF", "U+202F in UTF-8")
end)

t.test("module: loading defines no global", function()
  local before = {}
  for k in pairs(_G) do before[k] = true end
  local saved = package.loaded["ctg.fmt"]
  package.loaded["ctg.fmt"] = nil
  local again = require("ctg.fmt")
  package.loaded["ctg.fmt"] = saved
  t.eq(type(again), "table")
  for k in pairs(_G) do t.ok(before[k], "new global " .. tostring(k)) end
end)

-- ---------------------------------------------------------------- number: grouping

t.test("number: grouping at every length from 1 to 16 digits (integers)", function()
  local digits = "1234567890123456"
  local expected = {
    "1", "12", "123", "1_234", "12_345", "123_456", "1_234_567", "12_345_678",
    "123_456_789", "1_234_567_890", "12_345_678_901", "123_456_789_012",
    "1_234_567_890_123", "12_345_678_901_234", "123_456_789_012_345",
    "1_234_567_890_123_456",
  }
  for n = 1, 16 do
    local i = math.tointeger(tonumber(digits:sub(1, n)))
    t.eq(fmt.number(i), g(expected[n]), n .. " digits")
    t.eq(fmt.number(-i), "-" .. g(expected[n]), "-" .. n .. " digits")
  end
end)

t.test("number: grouping at every length from 1 to 15 digits (integral floats)", function()
  local digits = "987654321098765"
  for n = 1, 15 do
    local f = tonumber(digits:sub(1, n) .. ".0")
    t.eq(math.type(f), "float")
    local int = fmt.number(math.tointeger(f))
    t.eq(fmt.number(f), int, n .. " digits")
    t.eq(fmt.number(-f), "-" .. int, "-" .. n .. " digits")
  end
end)

t.test("number: zero (0 digits before grouping) and powers of ten", function()
  t.eq(fmt.number(0), "0")
  t.eq(fmt.number(0.0), "0")
  t.eq(fmt.number(10), "10")
  t.eq(fmt.number(100), "100")
  t.eq(fmt.number(1000), g("1_000"))
  t.eq(fmt.number(10000), g("10_000"))
  t.eq(fmt.number(100000), g("100_000"))
  t.eq(fmt.number(1000000), g("1_000_000"))
  t.eq(fmt.number(1600000), g("1_600_000"))
  t.eq(fmt.number(1600000), "1\u{202F}600\u{202F}000")
end)

t.test("number: the decimal part is not grouped and uses a comma", function()
  t.eq(fmt.number(1234.5678, 4), g("1_234,5678"))
  t.eq(fmt.number(0.1234567891, 10), "0,1234567891")
  t.eq(fmt.number(13.5, 1), "13,5")
  t.eq(fmt.number(-1234.5, 1), g("-1_234,5"))
  t.eq(fmt.number(1234567.25, 2), g("1_234_567,25"))
end)

-- ---------------------------------------------------------------- number: defaults

t.test("number: default decimals are 0 for integral values, 1 otherwise", function()
  t.eq(fmt.number(13), "13")
  t.eq(fmt.number(13.0), "13")
  t.eq(fmt.number(-13.0), "-13")
  t.eq(fmt.number(13.5), "13,5")
  t.eq(fmt.number(13.25), "13,3")     -- half away from zero
  t.eq(fmt.number(-13.25), "-13,3")
  t.eq(fmt.number(13.96), "14,0")     -- non-integral: one decimal, kept even when ",0"
  t.eq(fmt.number(0.04), "0,0")
  t.eq(fmt.number(1e15), g("1_000_000_000_000_000"))
end)

t.test("number: explicit decimals pad integers and integral floats", function()
  t.eq(fmt.number(5, 2), "5,00")
  t.eq(fmt.number(5.0, 3), "5,000")
  t.eq(fmt.number(-5, 1), "-5,0")
  t.eq(fmt.number(1600000, 2), g("1_600_000,00"))
  t.eq(fmt.number(0, 10), "0,0000000000")
  t.eq(fmt.number(13.5, 0), "14")
end)

-- ---------------------------------------------------------------- number: rounding

-- Rounding rule: half away from zero, applied to the digits of the shortest decimal string
-- that reads back as the same double (what the source or the data file said). Hence
-- 2.675 (the double is 2.67499999999999982…) gives "2,68" and 1.005 (1.00499999999999989…)
-- gives "1,01": a reader re-doing the rounding by hand on the published figure gets the same
-- result, which a binary-exact rounding (printf's "2.67", "1.00") would contradict.
t.test("number: half away from zero at 0 decimals", function()
  t.eq(fmt.number(0.5, 0), "1")
  t.eq(fmt.number(1.5, 0), "2")
  t.eq(fmt.number(2.5, 0), "3")      -- not banker's rounding (would give 2)
  t.eq(fmt.number(3.5, 0), "4")
  t.eq(fmt.number(-0.5, 0), "-1")
  t.eq(fmt.number(-1.5, 0), "-2")
  t.eq(fmt.number(-2.5, 0), "-3")
  t.eq(fmt.number(0.49, 0), "0")
  t.eq(fmt.number(0.4999999999999999, 0), "0")
  t.eq(fmt.number(1.4999999999999998, 0), "1")
  t.eq(fmt.number(999.5, 0), g("1_000"))
  t.eq(fmt.number(999999.5, 0), g("1_000_000"))
  t.eq(fmt.number(-999999.5, 0), g("-1_000_000"))
end)

t.test("number: half away from zero on the written decimal, not the binary value", function()
  t.eq(fmt.number(0.125, 2), "0,13")
  t.eq(fmt.number(-0.125, 2), "-0,13")
  t.eq(fmt.number(2.675, 2), "2,68")   -- double is 2.67499999999999982236431605997495353221893310546875
  t.eq(fmt.number(-2.675, 2), "-2,68")
  t.eq(fmt.number(1.005, 2), "1,01")   -- double is 1.00499999999999989341858963598497211933135986328125
  t.eq(fmt.number(1.045, 2), "1,05")
  t.eq(fmt.number(0.045, 2), "0,05")
  t.eq(fmt.number(1.15, 1), "1,2")
  t.eq(fmt.number(1.25, 1), "1,3")
  t.eq(fmt.number(1.35, 1), "1,4")
  t.eq(fmt.number(8.345, 2), "8,35")
  t.eq(fmt.number(1234.5675, 3), g("1_234,568"))
  t.eq(fmt.number(0.1 + 0.2, 2), "0,30")  -- 0.30000000000000004
  t.eq(fmt.number(0.1 + 0.2, 10), "0,3000000000")
end)

t.test("number: carries propagate through nines and add a digit group", function()
  t.eq(fmt.number(9.995, 2), "10,00")
  t.eq(fmt.number(99.95, 1), "100,0")
  t.eq(fmt.number(999.9996, 3), g("1_000,000"))
  t.eq(fmt.number(-9.96, 1), "-10,0")
  t.eq(fmt.number(0.96, 1), "1,0")
  t.eq(fmt.number(0.0000000005, 9), "0,000000001")
  t.eq(fmt.number(0.00000000005, 10), "0,0000000001")
  t.eq(fmt.number(0.000000000049, 10), "0,0000000000")
end)

t.test("number: non-tie values round to nearest", function()
  t.eq(fmt.number(2.6749, 2), "2,67")
  t.eq(fmt.number(2.6751, 2), "2,68")
  t.eq(fmt.number(-2.6749, 2), "-2,67")
  t.eq(fmt.number(1 / 3, 4), "0,3333")
  t.eq(fmt.number(2 / 3, 4), "0,6667")
  t.eq(fmt.number(-2 / 3, 1), "-0,7")
  t.eq(fmt.number(math.pi, 10), "3,1415926536")
end)

t.test("number: k / 10^d printed with d decimals gives back the digits of k", function()
  math.randomseed(20240601)
  for _ = 1, 3000 do
    local d = math.random(0, 10)
    local k = math.random(-999999999, 999999999)
    local x = k / 10 ^ d
    local s = string.format("%d", math.abs(k))
    s = string.rep("0", d + 1 - #s) .. s
    local int, frac = s:sub(1, #s - d), s:sub(#s - d + 1)
    local expected = fmt.number(math.tointeger(tonumber(int)))
    if d > 0 then expected = expected .. "," .. frac end
    if k < 0 then expected = "-" .. expected end
    t.eq(fmt.number(x, d), expected, string.format("%d / 10^%d", k, d))
  end
end)

-- ---------------------------------------------------------------- number: zero, sign, extremes

t.test("number: negative zero and values rounding to zero print without sign", function()
  t.eq(fmt.number(-0.0), "0")
  t.eq(fmt.number(-0.0, 2), "0,00")
  t.eq(fmt.number(-0.4, 0), "0")
  t.eq(fmt.number(-0.04), "0,0")
  t.eq(fmt.number(-0.004, 2), "0,00")
  t.eq(fmt.number(-0.0049999, 2), "0,00")
  t.eq(fmt.number(-0.005, 2), "-0,01")
  t.eq(fmt.number(-1e-300, 10), "0,0000000000")
  t.eq(fmt.number(5e-324, 10), "0,0000000000")
  t.eq(fmt.number(-5e-324), "0,0")
end)

t.test("number: the minus sign is ASCII hyphen-minus", function()
  local s = fmt.number(-1234.5, 1)
  t.eq(s:byte(1), 45)
  t.ok(not s:find("\u{2212}", 1, true), "no U+2212")
end)

t.test("number: integers beyond 2^53 are printed digit for digit", function()
  t.eq(fmt.number(9007199254740992), g("9_007_199_254_740_992"))
  t.eq(fmt.number(9007199254740993), g("9_007_199_254_740_993"))
  t.eq(fmt.number(math.maxinteger), g("9_223_372_036_854_775_807"))
  t.eq(fmt.number(math.mininteger), g("-9_223_372_036_854_775_808"))
  t.eq(fmt.number(math.maxinteger, 2), g("9_223_372_036_854_775_807,00"))
end)

t.test("number: large floats print their shortest decimal form", function()
  t.eq(fmt.number(1e20), g("100_000_000_000_000_000_000"))
  t.eq(fmt.number(1e23), g("100_000_000_000_000_000_000_000")) -- not 99 999 999 999 999 991 611 392
  t.eq(fmt.number(-1.5e18), g("-1_500_000_000_000_000_000"))
  t.eq(fmt.number(123456789012.345, 3), g("123_456_789_012,345"))
  local huge = fmt.number(1.7976931348623157e308)
  t.eq(#huge:gsub(S, ""), 309)
  t.eq(huge:sub(1, 3), "179")
end)

-- ---------------------------------------------------------------- not available

t.test("n.d.: nil, NaN, +inf, -inf for every numeric function", function()
  for _, name in ipairs(NUMERIC) do
    local f = fmt[name]
    t.eq(f(nil), NA, name .. "(nil)")
    t.eq(f(NAN), NA, name .. "(nan)")
    t.eq(f(-NAN), NA, name .. "(-nan)")
    t.eq(f(INF), NA, name .. "(inf)")
    t.eq(f(-INF), NA, name .. "(-inf)")
    t.eq(f(nil, 2), NA, name .. "(nil, 2)")
    t.eq(f(NAN, 0), NA, name .. "(nan, 0)")
  end
end)

t.test("n.d.: no output ever contains nan, inf or -0", function()
  local values = { 0, -0.0, 1e-320, -1e-320, 0.5, -0.5, 1e300, -1e300, 2.5, -0.004,
    math.maxinteger, math.mininteger, NAN, INF, -INF }
  for _, name in ipairs(NUMERIC) do
    for _, v in ipairs(values) do
      for d = 0, 10 do
        local s = fmt[name](v, d)
        t.ok(not s:lower():find("nan", 1, true), name .. " gave " .. s)
        t.ok(not s:lower():find("inf", 1, true), name .. " gave " .. s)
        t.ok(not s:find("^[-+]0[^,]") and not s:find("^[-+]0,0*$") and not s:find("^[-+]0,0*" .. S),
          name .. "(" .. tostring(v) .. ", " .. d .. ") gave signed zero " .. s)
      end
    end
  end
end)

-- ---------------------------------------------------------------- argument errors

t.test("errors: non-number values are rejected, numeric strings are not coerced", function()
  for _, name in ipairs(NUMERIC) do
    local f = fmt[name]
    local msg = t.raises(function() return f("12") end, "fmt." .. name)
    t.ok(msg:find('"12"', 1, true), "names the value: " .. msg)
    t.ok(msg:find("string", 1, true), "names the type: " .. msg)
    t.raises(function() return f("nan") end, '"nan"')
    t.raises(function() return f("") end, 'string ""')
    t.raises(function() return f(true) end, "boolean true")
    t.raises(function() return f({}) end, "got table")
    t.raises(function() return f(print) end, "got function")
  end
end)

t.test("errors: decimals must be an integer in 0..10", function()
  for _, name in ipairs(NUMERIC) do
    local f = fmt[name]
    t.eq(type(f(1, 0)), "string")
    t.eq(type(f(1, 10)), "string")
    t.eq(f(1, 2.0), f(1, 2), name .. ": integral float decimals")
    t.raises(function() return f(1, -1) end, "fmt." .. name .. ": decimals must be an integer from 0 to 10, got number -1")
    t.raises(function() return f(1, 11) end, "got number 11")
    t.raises(function() return f(1, 2.5) end, "got number 2.5")
    t.raises(function() return f(1, "2") end, 'got string "2"')
    t.raises(function() return f(1, true) end, "got boolean true")
    t.raises(function() return f(1, NAN) end, "decimals must be")
    t.raises(function() return f(1, INF) end, "decimals must be")
    t.raises(function() return f(nil, 11) end, "decimals must be")
  end
end)

t.test("errors: located at the caller, not inside the module", function()
  local function call() local s = fmt.number("12"); return s end
  local ok, err = pcall(call)
  t.ok(not ok)
  t.ok(tostring(err):find("fmt_spec.lua", 1, true), "location: " .. tostring(err))
end)

-- ---------------------------------------------------------------- percent, points

t.test("percent: the argument is a ratio; U+202F before %", function()
  t.eq(fmt.percent(0.135), "13,5" .. S .. "%")
  t.eq(fmt.percent(0.135), "13,5\u{202F}%")
  t.eq(fmt.percent(-0.135), "-13,5" .. S .. "%")
  t.eq(fmt.percent(0.1234), "12,3" .. S .. "%")
  t.eq(fmt.percent(0.00125), "0,1" .. S .. "%")
  t.eq(fmt.percent(12.5), g("1_250_%"))
  t.eq(fmt.percent(1000), g("100_000_%"))
end)

t.test("percent: default 1 decimal, a trailing ,0 dropped only when decimals are not given", function()
  t.eq(fmt.percent(1), "100" .. S .. "%")
  t.eq(fmt.percent(1.0), "100" .. S .. "%")
  t.eq(fmt.percent(0.5), "50" .. S .. "%")
  t.eq(fmt.percent(0.1), "10" .. S .. "%")
  t.eq(fmt.percent(0.9999), "100" .. S .. "%")   -- 99,99 rounds to 100,0
  t.eq(fmt.percent(0.9994), "99,9" .. S .. "%")
  t.eq(fmt.percent(0), "0" .. S .. "%")
  t.eq(fmt.percent(-0.0), "0" .. S .. "%")
  t.eq(fmt.percent(0.0004), "0" .. S .. "%")
  t.eq(fmt.percent(-0.0004), "0" .. S .. "%")
  t.eq(fmt.percent(0.10), "10" .. S .. "%")
  t.eq(fmt.percent(0.5, nil), "50" .. S .. "%")
  -- explicit decimals keep every digit
  t.eq(fmt.percent(0.5, 1), "50,0" .. S .. "%")
  t.eq(fmt.percent(1, 1), "100,0" .. S .. "%")
  t.eq(fmt.percent(0, 1), "0,0" .. S .. "%")
  t.eq(fmt.percent(-0.0004, 1), "0,0" .. S .. "%")
  t.eq(fmt.percent(0.5, 2), "50,00" .. S .. "%")
  t.eq(fmt.percent(0.135, 0), "14" .. S .. "%")
  t.eq(fmt.percent(0.12345, 3), "12,345" .. S .. "%")
end)

t.test("percent: x100 is done on the decimal digits, then rounded half away from zero", function()
  -- 0.145 * 100 == 14.499999999999998 and 0.12345 * 100 == 12.344999999999999 in binary
  t.eq(fmt.percent(0.145, 0), "15" .. S .. "%")
  t.eq(fmt.percent(-0.145, 0), "-15" .. S .. "%")
  t.eq(fmt.percent(0.12345, 2), "12,35" .. S .. "%")
  t.eq(fmt.percent(0.005, 0), "1" .. S .. "%")
  t.eq(fmt.percent(0.0005), "0,1" .. S .. "%")
  t.eq(fmt.percent(0.00049), "0" .. S .. "%")
  t.eq(fmt.percent(0.0105), "1,1" .. S .. "%")
  t.eq(fmt.percent(2 / 3, 2), "66,67" .. S .. "%")
end)

t.test("points: the argument is already in percent", function()
  t.eq(fmt.points(13.5), "13,5" .. S .. "%")
  t.eq(fmt.points(100), "100" .. S .. "%")
  t.eq(fmt.points(50.0), "50" .. S .. "%")
  t.eq(fmt.points(50, 1), "50,0" .. S .. "%")
  t.eq(fmt.points(13.5, 0), "14" .. S .. "%")
  t.eq(fmt.points(-2.25), "-2,3" .. S .. "%")
  t.eq(fmt.points(-0.04), "0" .. S .. "%")
  t.eq(fmt.points(99.96), "100" .. S .. "%")
  t.eq(fmt.points(1234.5), g("1_234,5_%"))
  t.eq(fmt.points(14.5, 0), "15" .. S .. "%")
end)

-- ---------------------------------------------------------------- change

t.test("change: signed percent of a ratio; zero unsigned", function()
  t.eq(fmt.change(0.125), "+12,5" .. S .. "%")
  t.eq(fmt.change(-0.03), "-3" .. S .. "%")
  t.eq(fmt.change(0), "0" .. S .. "%")
  t.eq(fmt.change(-0.0), "0" .. S .. "%")
  t.eq(fmt.change(0.0), "0" .. S .. "%")
  t.eq(fmt.change(1), "+100" .. S .. "%")
  t.eq(fmt.change(-1), "-100" .. S .. "%")
  t.eq(fmt.change(0.03), "+3" .. S .. "%")
  t.eq(fmt.change(12), g("+1_200_%"))
  t.eq(fmt.change(0.00001), "0" .. S .. "%")   -- rounds to zero: no "+"
  t.eq(fmt.change(-0.00001), "0" .. S .. "%")  -- rounds to zero: no "-"
  t.eq(fmt.change(0.0005), "+0,1" .. S .. "%")
  t.eq(fmt.change(-0.0005), "-0,1" .. S .. "%")
end)

t.test("change: explicit decimals", function()
  t.eq(fmt.change(0.125, 0), "+13" .. S .. "%")
  t.eq(fmt.change(-0.125, 0), "-13" .. S .. "%")
  t.eq(fmt.change(0.5, 1), "+50,0" .. S .. "%")
  t.eq(fmt.change(-0.03, 2), "-3,00" .. S .. "%")
  t.eq(fmt.change(0, 1), "0,0" .. S .. "%")
  t.eq(fmt.change(0.00001, 1), "0,0" .. S .. "%")
  t.eq(fmt.change(0.00001, 3), "+0,001" .. S .. "%")
  t.eq(fmt.change(-0.00001, 3), "-0,001" .. S .. "%")
end)

-- ---------------------------------------------------------------- euros

t.test("euros: U+202F before €, decimals 0 for integral values, 2 otherwise", function()
  t.eq(fmt.euros(1600000), g("1_600_000_€"))
  t.eq(fmt.euros(1600000), "1\u{202F}600\u{202F}000\u{202F}€")
  t.eq(fmt.euros(12.0), "12" .. S .. "€")
  t.eq(fmt.euros(12.5), "12,50" .. S .. "€")
  t.eq(fmt.euros(0.1 + 0.2), "0,30" .. S .. "€")
  t.eq(fmt.euros(1234.567), g("1_234,57_€"))
  t.eq(fmt.euros(1.005), "1,01" .. S .. "€")
  t.eq(fmt.euros(-1234.5), g("-1_234,50_€"))
  t.eq(fmt.euros(0), "0" .. S .. "€")
  t.eq(fmt.euros(-0.0), "0" .. S .. "€")
  t.eq(fmt.euros(-0.004), "0,00" .. S .. "€")
  t.eq(fmt.euros(9.999), "10,00" .. S .. "€")
end)

t.test("euros: explicit decimals", function()
  t.eq(fmt.euros(1600000, 2), g("1_600_000,00_€"))
  t.eq(fmt.euros(12.5, 0), "13" .. S .. "€")
  t.eq(fmt.euros(-12.5, 0), "-13" .. S .. "€")
  t.eq(fmt.euros(1234.5678, 3), g("1_234,568_€"))
  t.eq(fmt.euros(-0.4, 0), "0" .. S .. "€")
end)

-- ---------------------------------------------------------------- date

t.test("date: every month of the year", function()
  local months = { "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre" }
  for m, name in ipairs(months) do
    t.eq(fmt.date(string.format("2021-%02d-19", m)), "19 " .. name .. " 2021")
    t.eq(fmt.date(string.format("2021-%02d", m)), name .. " 2021")
  end
end)

t.test("date: 1er for the first of the month, no leading zero otherwise", function()
  t.eq(fmt.date("2021-03-19"), "19 mars 2021")
  t.eq(fmt.date("2021-03-01"), "1er mars 2021")
  t.eq(fmt.date("2022-01-01"), "1er janvier 2022")
  t.eq(fmt.date("2021-03-02"), "2 mars 2021")
  t.eq(fmt.date("2021-03-09"), "9 mars 2021")
  t.eq(fmt.date("2021-03-10"), "10 mars 2021")
  t.eq(fmt.date("2021-03-21"), "21 mars 2021")
  t.eq(fmt.date("2021-03-31"), "31 mars 2021")
  t.eq(fmt.date("2021-12-31"), "31 décembre 2021")
  t.eq(fmt.date("2021-08"), "août 2021")
end)

t.test("date: last day of every month, leap years", function()
  local last = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }
  for m = 1, 12 do
    t.eq(type(fmt.date(string.format("2021-%02d-%02d", m, last[m]))), "string")
    t.raises(function() return fmt.date(string.format("2021-%02d-%02d", m, last[m] + 1)) end,
      string.format('"2021-%02d-%02d"', m, last[m] + 1))
  end
  t.eq(fmt.date("2024-02-29"), "29 février 2024")   -- divisible by 4
  t.eq(fmt.date("2000-02-29"), "29 février 2000")   -- divisible by 400
  t.raises(function() return fmt.date("2023-02-29") end, '"2023-02-29"')
  t.raises(function() return fmt.date("1900-02-29") end, '"1900-02-29"') -- divisible by 100
  t.raises(function() return fmt.date("2100-02-29") end, '"2100-02-29"')
  t.raises(function() return fmt.date("2024-02-30") end, '"2024-02-30"')
end)

t.test("date: invalid strings are errors naming the value", function()
  local bad = { "2021-02-30", "2021-13-01", "2021-00-10", "2021-01-00", "2021-04-31", "2021-01-32",
    "2021-13", "2021-00", "hello", "", "2021", "2021-3-19", "2021-03-9", "21-03-19",
    "2021/03/19", "19/03/2021", "2021-03-19 ", " 2021-03-19", "2021-03-19T00:00",
    "20210319", "2021-03-1x", "+2021-03-19", "2021-03-", "2021--03" }
  for _, s in ipairs(bad) do
    local msg = t.raises(function() return fmt.date(s) end, string.format("%q", s))
    t.ok(msg:find("fmt.date", 1, true), msg)
    t.ok(msg:find("invalid date", 1, true), msg)
  end
end)

t.test("date: non-string arguments are errors", function()
  t.raises(function() return fmt.date(20210319) end, "fmt.date: expected a string YYYY-MM-DD or YYYY-MM, got number 20210319")
  t.raises(function() return fmt.date(nil) end, "got nil")
  t.raises(function() return fmt.date({ year = 2021 }) end, "got table")
end)

-- ---------------------------------------------------------------- period

t.test("period: year, school year, month", function()
  t.eq(fmt.period(2022), "2022")
  t.eq(fmt.period(2022.0), "2022")
  t.eq(fmt.period("2022"), "2022")
  t.eq(fmt.period("2021-2022"), "2021-2022")
  t.eq(fmt.period("1999-2000"), "1999-2000")
  t.eq(fmt.period("2022-09"), "septembre 2022")
  t.eq(fmt.period("2023-01"), "janvier 2023")
  t.eq(fmt.period("2023-08"), "août 2023")
  t.eq(fmt.period("2023-12"), "décembre 2023")
end)

t.test("period: invalid values are errors naming the value", function()
  local bad = { "2021-2023", "2022-2021", "2021-2021", "2022-13", "2022-00", "22", "20222",
    "2022-9", "2022-09-15", "2021/2022", "2021 - 2022", "hello", "", " 2022" }
  for _, s in ipairs(bad) do
    local msg = t.raises(function() return fmt.period(s) end, string.format("%q", s))
    t.ok(msg:find("fmt.period", 1, true), msg)
  end
  t.raises(function() return fmt.period(2022.5) end, "fmt.period: invalid year number 2022.5")
  t.raises(function() return fmt.period(999) end, "number 999")
  t.raises(function() return fmt.period(10000) end, "number 10000")
  t.raises(function() return fmt.period(NAN) end, "fmt.period")
  t.raises(function() return fmt.period(nil) end, "got nil")
  t.raises(function() return fmt.period({}) end, "got table")
end)
