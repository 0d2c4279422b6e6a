--- ctg.fmt — French formatting of numbers, percentages, amounts, dates and periods.
--
-- Conventions (every report read by the comité de pilotage goes through here):
--   * digits of the integer part are grouped by three with U+202F NARROW NO-BREAK SPACE;
--     the decimal part is not grouped; the decimal separator is ",";
--   * "%" and "€" are preceded by U+202F;
--   * negative values use the ASCII hyphen-minus "-"; zero (including -0 and any value
--     that rounds to zero) never carries a sign;
--   * nil, NaN and ±inf are "not available" and print as fmt.NA ("n.d.");
--   * any other non-number (including numeric strings such as "12") is an error.
--
-- Rounding: half away from zero, applied to the decimal digits of the SHORTEST decimal
-- string that reads back as the same double (the first of %.15g, %.16g, %.17g that
-- round-trips; DBL_DIG = 15 makes this the shortest round-trip form, as in Python's repr).
-- That string is the number as it was written in the source or the data, so 2.675 (stored
-- as 2.67499999999999982236431605997495353221893310546875) rounds to "2,68", 1.005 to
-- "1,01" and 0.125 to "0,13", which is what a reader checking by hand expects. Integers
-- (math.type "integer") are used digit for digit, so values beyond 2^53 print exactly.
-- Percentages multiply by 100 by moving the decimal point of that string, never in
-- floating point (0.145 → "14,5 %", and "15 %" with 0 decimals).
local fmt = {}

--- The text printed for a value that is not available (nil, NaN, ±inf).
fmt.NA = "n.d."

local NNBSP = "\u{202F}"
local MAX_DECIMALS = 10

local MONTHS = require("ctg.date").MONTHS

--- A readable rendering of a bad argument for error messages: 'string "12"', "number 11", "table".
local function describe(v)
  local t = type(v)
  if t == "string" then return t .. " " .. string.format("%q", v) end
  if t == "number" or t == "boolean" then return t .. " " .. tostring(v) end
  return t
end

local blame = require("ctg.blame")
local SOURCE = blame.source()

--- Raises "fmt.<name>: <msg>", located at the first caller outside this module.
local function fail(name, msg)
  blame.raise(SOURCE, "fmt." .. name .. ": " .. msg)
end

--- Checks a value argument: returns "na" for nil/NaN/±inf, "ok" for a finite number, else raises.
local function check_value(name, x)
  if x == nil then return "na" end
  if type(x) ~= "number" then
    fail(name, "expected a number or nil, got " .. describe(x))
  end
  if x ~= x or x == math.huge or x == -math.huge then return "na" end
  return "ok"
end

--- Checks an optional decimals argument: nil or an integer in 0..MAX_DECIMALS; returns it as an integer or nil.
local function check_decimals(name, d)
  if d == nil then return nil end
  local n = type(d) == "number" and math.tointeger(d) or nil
  if not n or n < 0 or n > MAX_DECIMALS then
    fail(name, "decimals must be an integer from 0 to " .. MAX_DECIMALS .. ", got " .. describe(d))
  end
  return n
end

--- True when a finite number has no fractional part.
local function is_integral(x)
  return math.type(x) == "integer" or x == math.floor(x)
end

--- Decomposes a finite number into (negative, digits, point): |x| = 0.digits × 10^point, digits without leading zeros (or "0").
local function decimal_of(x)
  local s
  if math.type(x) == "integer" then
    s = string.format("%d", x)
  else
    for p = 15, 17 do
      s = string.format("%." .. p .. "g", x)
      if tonumber(s) == x then break end
    end
  end
  local neg = s:sub(1, 1) == "-"
  if neg then s = s:sub(2) end
  local mantissa, exp = s:match("^([%d.]+)[eE]([-+]?%d+)$")
  if not mantissa then mantissa, exp = s, "0" end
  local int, frac = mantissa:match("^(%d*)%.?(%d*)$")
  local digits, point = int .. frac, #int + tonumber(exp)
  local lead = #digits:match("^0*")
  if lead == #digits then return neg, "0", 1 end
  return neg, digits:sub(lead + 1), point - lead
end

--- Adds one to a string of decimal digits ("" counts as 0).
local function increment(digits)
  local i = #digits
  while i >= 1 and digits:sub(i, i) == "9" do i = i - 1 end
  if i == 0 then return "1" .. string.rep("0", #digits) end
  return digits:sub(1, i - 1) .. string.char(digits:byte(i) + 1) .. string.rep("0", #digits - i)
end

--- Groups an integer digit string by three from the right with U+202F.
local function group(int)
  local head = #int % 3
  local parts = {}
  if head > 0 then parts[1] = int:sub(1, head) end
  for i = head + 1, #int, 3 do parts[#parts + 1] = int:sub(i, i + 2) end
  return table.concat(parts, NNBSP)
end

--- Rounds |x| × 10^shift half away from zero to `decimals` places; returns (sign, text): sign is -1, 0 or 1, text is unsigned and grouped.
local function fixed(x, decimals, shift)
  local neg, digits, point = decimal_of(x)
  point = point + (shift or 0)
  local keep = point + decimals -- digits of |x| × 10^decimals before its decimal point
  local n -- round(|x| × 10^decimals) as a digit string
  if keep >= #digits then
    n = digits .. string.rep("0", keep - #digits)
  elseif keep < 0 then
    n = "0" -- the first digit lies below the rounding digit: less than one half
  else
    n = digits:sub(1, keep)
    if digits:byte(keep + 1) >= 53 then n = increment(n) end -- "5"…"9": half or more
  end
  if n == "" then n = "0" end
  n = string.rep("0", decimals + 1 - #n) .. n
  local int = n:sub(1, #n - decimals):gsub("^0+(%d)", "%1")
  local text = group(int)
  if decimals > 0 then text = text .. "," .. n:sub(-decimals) end
  local sign = n:find("[1-9]") and (neg and -1 or 1) or 0
  return sign, text
end

--- Shared body of percent, points and change: ratio × 10^shift with "%", default 1 decimal without a trailing ",0".
local function percent_like(name, x, decimals, shift, plus)
  local status = check_value(name, x)
  local d = check_decimals(name, decimals)
  if status == "na" then return fmt.NA end
  local sign, text = fixed(x, d or 1, shift)
  if d == nil then text = text:gsub(",0$", "") end
  local prefix = sign < 0 and "-" or (plus and sign > 0 and "+" or "")
  return prefix .. text .. NNBSP .. "%"
end

--- Formats a number: fmt.number(1600000) → "1 600 000"; decimals default to 0 for integral values, else 1.
function fmt.number(x, decimals)
  local status = check_value("number", x)
  local d = check_decimals("number", decimals)
  if status == "na" then return fmt.NA end
  if d == nil then d = is_integral(x) and 0 or 1 end
  local sign, text = fixed(x, d)
  return (sign < 0 and "-" or "") .. text
end

--- Formats a ratio as a percentage: fmt.percent(0.135) → "13,5 %"; default 1 decimal, a trailing ",0" dropped unless decimals are given.
function fmt.percent(ratio, decimals)
  return percent_like("percent", ratio, decimals, 2, false)
end

--- Formats a value already in percent: fmt.points(13.5) → "13,5 %"; same defaults as fmt.percent.
function fmt.points(x, decimals)
  return percent_like("points", x, decimals, 0, false)
end

--- Formats a ratio as a signed change: fmt.change(0.125) → "+12,5 %", -0.03 → "-3 %", 0 → "0 %"; defaults as fmt.percent.
function fmt.change(ratio, decimals)
  return percent_like("change", ratio, decimals, 2, true)
end

--- Formats an amount in euros: fmt.euros(1600000) → "1 600 000 €"; decimals default to 0 for integral values, else 2.
function fmt.euros(x, decimals)
  local status = check_value("euros", x)
  local d = check_decimals("euros", decimals)
  if status == "na" then return fmt.NA end
  if d == nil then d = is_integral(x) and 0 or 2 end
  local sign, text = fixed(x, d)
  return (sign < 0 and "-" or "") .. text .. NNBSP .. "€"
end

--- Parses "YYYY-MM-DD" or "YYYY-MM" through ctg.date (the one date parser); returns year,
--- month, day (day nil for a month) or nil when invalid or a bare year.
local function parse_date(s)
  local d = type(s) == "string" and require("ctg.date").parse(s)
  if not d or not d.month then return nil end
  return d.year, d.month, d.day
end

--- Formats an ISO date: "2021-03-19" → "19 mars 2021", "2021-03-01" → "1er mars 2021", "2021-03" → "mars 2021".
function fmt.date(s)
  if type(s) ~= "string" then
    fail("date", "expected a string YYYY-MM-DD or YYYY-MM, got " .. describe(s))
  end
  local y, m, d = parse_date(s)
  if not y then
    fail("date", string.format("invalid date %q (expected an existing date YYYY-MM-DD or a month YYYY-MM)", s))
  end
  local month = MONTHS[m] .. " " .. string.format("%04d", y)
  if not d then return month end
  return (d == 1 and "1er" or tostring(d)) .. " " .. month
end

--- Formats a period: 2022 or "2022" → "2022", school year "2021-2022" kept, month "2022-09" → "septembre 2022".
function fmt.period(p)
  local forms = " (expected a year YYYY, a school year YYYY-YYYY or a month YYYY-MM)"
  if type(p) == "number" then
    local y = math.tointeger(p)
    if not y or y < 1000 or y > 9999 then fail("period", "invalid year " .. describe(p) .. forms) end
    return string.format("%d", y)
  end
  if type(p) ~= "string" then fail("period", "expected a year or a string, got " .. describe(p) .. forms) end
  local bad = string.format("invalid period %q", p) .. forms
  if p:match("^%d%d%d%d$") then return p end
  local y1, y2 = p:match("^(%d%d%d%d)%-(%d%d%d%d)$")
  if y1 then
    if tonumber(y2) ~= tonumber(y1) + 1 then
      fail("period", bad .. ": a school year spans two consecutive years")
    end
    return p
  end
  local y, m = parse_date(p)
  if y and p:match("^%d%d%d%d%-%d%d$") then return MONTHS[m] .. " " .. p:sub(1, 4) end
  fail("period", bad)
end

-- ---- French collation: the order of a French index or directory ------------------------

--- The sort key of a text in French order: letters compared without their case and accents
--- first (« Étigny » before « Villeneuve », « élan » beside « Elan »; hyphens, apostrophes
--- and runs of spaces count as one space: « Saint-Hilaire » as « saint hilaire »), then
--- with their accents, then byte for byte, so that two different texts never tie and the
--- same inputs always give the same order. Compare keys with < (a key is a string).
function fmt.sort_key(s)
  if type(s) ~= "string" then
    blame.raise(SOURCE, require("ctg.msg").text("analysis.argument-bad", { fn = "ctg.fmt.sort_key",
      expected = require("ctg.msg").text("analysis.expect.text"), got = describe(s) }))
  end
  local suggest = require("ctg.suggest")
  local lower = s:gsub("[%s%-'%.]+", " "):lower()
  return suggest.fold(s) .. "\0" .. lower .. "\0" .. s
end

--- a before b in French order, as table.sort wants it: table.sort(names, ctg.fmt.compare).
--- Numbers come first, by value; texts then, by fmt.sort_key; nil (a missing value) last;
--- booleans false before true between texts and nil.
function fmt.compare(a, b)
  local ta, tb = type(a), type(b)
  if ta ~= tb then
    local RANK = { number = 1, string = 2, boolean = 3, ["nil"] = 4 }
    return (RANK[ta] or 5) < (RANK[tb] or 5)
  end
  if ta == "number" then return a < b end
  if ta == "string" then return a ~= b and fmt.sort_key(a) < fmt.sort_key(b) end
  if ta == "boolean" then return not a and b end
  return false
end

return fmt
