-- ctg.date — the one date parser of ctg. Every date a person writes (plan dates, an avenant's
-- council_date / signed / effective, --as-of, --known-at, dates in vocabulary and observation
-- files) goes through date.parse, so that one rule decides what a date is.
--
-- A date keeps the precision it was written with: "2024" (a year), "2024-06" (a month) or
-- "2024-06-15" (a day). A partial date stands for a span of days (first() / last()); two
-- dates compare by their first day, a coarser date coming first when both start on the
-- same day ("2024" < "2024-01" < "2024-01-01" < "2024-01-02").
--
--   local date = require("ctg.date")
--   local d, why = date.parse("2024-02-30")   -- nil, "le 30 février 2024 n'existe pas (février 2024 a 29 jours)"
--   date.parse("2024-06"):french()            -- "juin 2024"
--   date.parse("2024"):last():iso()           -- "2024-12-31"
--   date.period("2021-2022")                  -- 2021-09-01, 2022-08-31 (a school year)
local date = {}

local MONTHS = { "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre" }
date.MONTHS = MONTHS

local FORMS = "attendu AAAA, AAAA-MM ou AAAA-MM-JJ, par exemple 2024, 2024-06 ou 2024-06-15"
local PERIOD_FORMS = "attendu une année AAAA, une année scolaire AAAA-AAAA ou un mois AAAA-MM"

local Date = { __name = "Date" }
Date.__index = Date

--- Whether year is a leap year of the proleptic Gregorian calendar.
function date.is_leap(year)
  return (year % 4 == 0 and year % 100 ~= 0) or year % 400 == 0
end

--- Number of days in a month.
function date.days_in(year, month)
  if month == 2 then return date.is_leap(year) and 29 or 28 end
  return (month == 4 or month == 6 or month == 9 or month == 11) and 30 or 31
end

local function make(year, month, day)
  local precision = day and "day" or month and "month" or "year"
  return setmetatable({ year = year, month = month, day = day, precision = precision }, Date)
end

local function describe(v)
  if type(v) == "string" then return string.format("%q", v) end
  return tostring(v)
end

--- Parses a date: "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a string), or a year as an integer.
--- A Date is returned as it is. Returns a Date, or nil and the reason in French.
function date.parse(v)
  if getmetatable(v) == Date then return v end
  if math.type(v) == "integer" then v = string.format("%d", v) end
  if type(v) ~= "string" then
    return nil, "une date est un texte (" .. FORMS .. "), pas " .. (type(v) == "number" and "le nombre " .. tostring(v) or "une valeur de type " .. type(v))
  end
  local y, m, d = v:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  if not y then y, m = v:match("^(%d%d%d%d)%-(%d%d)$") end
  if not y then y = v:match("^(%d%d%d%d)$") end
  if not y then return nil, "date " .. describe(v) .. " illisible (" .. FORMS .. ")" end
  y, m, d = tonumber(y), m and tonumber(m), d and tonumber(d)
  if y < 1000 then return nil, "date " .. describe(v) .. " : année " .. y .. " invalide (une année a quatre chiffres, de 1000 à 9999)" end
  if m and (m < 1 or m > 12) then
    return nil, "date " .. describe(v) .. " : le mois " .. string.format("%02d", m) .. " n'existe pas (un mois va de 01 à 12)"
  end
  if d and (d < 1 or d > date.days_in(y, m)) then
    return nil, string.format("date %s : le %d %s %d n'existe pas (%s %d a %d jours)", describe(v), d, MONTHS[m], y,
      MONTHS[m], y, date.days_in(y, m))
  end
  return make(y, m, d)
end

--- A date as French sources write it, "15/06/2023" (or "5/6/2023"), in the form parse
--- reads ("2023-06-15"); any other text is returned as it is, for parse to accept or to
--- say why not. A day or month out of range stays out of range ("31/02/2024" gives
--- "2024-02-31"), so that parse names it.
function date.from_french(text)
  if type(text) ~= "string" then return text end
  local d, m, y = text:match("^(%d%d?)/(%d%d?)/(%d%d%d%d)$")
  if not d then return text end
  return string.format("%s-%02d-%02d", y, tonumber(m), tonumber(d))
end

--- Like parse, but raises the French reason (prefixed by what, e.g. "--as-of") on a bad date.
function date.check(v, what)
  local d, why = date.parse(v)
  if not d then error((what and what .. " : " or "") .. why, 2) end
  return d
end

--- The ISO form, as precise as written: "2024", "2024-06", "2024-06-15".
function Date:iso()
  if self.day then return string.format("%04d-%02d-%02d", self.year, self.month, self.day) end
  if self.month then return string.format("%04d-%02d", self.year, self.month) end
  return string.format("%04d", self.year)
end
Date.__tostring = Date.iso

--- The French form, as precise as written: "2024", "juin 2024", "19 mars 2021", "1er mars 2021".
function Date:french()
  if not self.month then return string.format("%04d", self.year) end
  local month = MONTHS[self.month] .. " " .. string.format("%04d", self.year)
  if not self.day then return month end
  return (self.day == 1 and "1er" or tostring(self.day)) .. " " .. month
end

--- The first day of the span a date stands for (a Date of day precision).
function Date:first() return make(self.year, self.month or 1, self.day or 1) end

--- The last day of the span a date stands for.
function Date:last()
  local m = self.month or 12
  return make(self.year, m, self.day or date.days_in(self.year, m))
end

--- The day before the first day of a date (a Date of day precision).
function Date:day_before()
  local f = self:first()
  if f.day > 1 then return make(f.year, f.month, f.day - 1) end
  if f.month > 1 then return make(f.year, f.month - 1, date.days_in(f.year, f.month - 1)) end
  return make(f.year - 1, 12, 31)
end

local RANK = { year = 0, month = 1, day = 2 }

-- Sort key of a date: its first day, then its precision (coarser first).
local function key(d)
  return ((d.year * 100 + (d.month or 1)) * 100 + (d.day or 1)) * 10 + RANK[d.precision]
end

--- Compares two dates (Dates or anything date.parse reads): -1, 0 or 1. Raises on a bad date.
function date.compare(a, b)
  local ka, kb = key(date.check(a)), key(date.check(b))
  return ka < kb and -1 or ka > kb and 1 or 0
end

function Date.__eq(a, b) return key(a) == key(b) end
function Date.__lt(a, b) return key(a) < key(b) end
function Date.__le(a, b) return key(a) <= key(b) end

--- ISO form of anything date.parse reads (nil and the reason when it is not a date).
function date.iso(v)
  local d, why = date.parse(v)
  if not d then return nil, why end
  return d:iso()
end

--- A moment the data is known at (--known-at): a date ("2024-03-15", "2024-03", "2024": up to
--- the end of its last day) or a date and a time, UTC ("2024-03-15T10:30", seconds and a final
--- "Z" optional: up to the end of that minute or second), so that two imports of the same day
--- can be told apart. Returns {text = the ISO form as precise as written, bound = the last
--- second it covers "YYYY-MM-DDTHH:MM:SSZ" (what import times are compared with), day = its
--- Date}, or nil and the reason in French.
function date.moment(v)
  -- "2024-03-15 10:30", as people type it: the same moment as 2024-03-15T10:30
  if type(v) == "string" and v:match("^%d%d%d%d%-%d%d%-%d%d %d") then v = v:gsub(" ", "T", 1) end
  if type(v) == "string" and v:find("T", 1, true) then
    local day, h, m, sec = v:match("^(%d%d%d%d%-%d%d%-%d%d)T(%d%d):(%d%d):?(%d*)Z?$")
    if not day or (sec ~= "" and #sec ~= 2) then
      return nil, "moment " .. describe(v) .. " illisible (attendu une date AAAA-MM-JJ ou une date et une heure " ..
        "AAAA-MM-JJTHH:MM, par exemple 2024-03-15T10:30, en UTC)"
    end
    local d, why = date.parse(day)
    if not d then return nil, why end
    if tonumber(h) > 23 or tonumber(m) > 59 or (sec ~= "" and tonumber(sec) > 59) then
      return nil, "moment " .. describe(v) .. " : l'heure " .. v:sub(12, sec ~= "" and 19 or 16) .. " n'existe pas"
    end
    local text = day .. "T" .. h .. ":" .. m .. (sec ~= "" and ":" .. sec or "")
    return { text = text, bound = day .. "T" .. h .. ":" .. m .. ":" .. (sec ~= "" and sec or "59") .. "Z", day = d }
  end
  local d, why = date.parse(v)
  if not d then
    return nil, why:find("illisible", 1, true) and why:gsub("%)$", " ; ou une date et une heure AAAA-MM-JJTHH:MM, en UTC)") or why
  end
  return { text = d:iso(), bound = d:last():iso() .. "T23:59:59Z", day = d:last() }
end

--- French form of anything date.parse reads (nil and the reason when it is not a date); a
--- moment with its time (date.moment) as "15 mars 2024 à 10 h 30 UTC".
function date.french(v)
  if type(v) == "string" and v:find("T", 1, true) then
    local m, why = date.moment(v)
    if not m then return nil, why end
    local h, mi, sec = m.text:match("T(%d%d):(%d%d):?(%d*)$")
    return string.format("%s à %d h %s%s UTC", m.day:french(), tonumber(h), mi, sec ~= "" and " min " .. sec .. " s" or "")
  end
  local d, why = date.parse(v)
  if not d then return nil, why end
  return d:french()
end

-- "d'avril", "de juin": the elision before a month or a year that starts with a vowel.
local function de(word) return (word:match("^[aeiouyàâéèêîôû]") and "d'" or "de ") .. word end

--- The French form after a preposition, which a partial date changes: prep "le" gives
--- "le 19 mars 2021" / "en juin 2023" / "en 2023"; "du" gives "du 12 juin 2023" / "de juin
--- 2023" / "d'avril 2023" / "de 2023"; "depuis le" gives "depuis le 5 mars 2021" / "depuis
--- juin 2023". Nil and the reason when v is not a date.
function date.french_after(v, prep)
  local d, why = date.parse(v)
  if not d then return nil, why end
  local text = d:french()
  if d.day then return prep .. " " .. text end
  if prep == "le" then return "en " .. text end
  if prep == "du" then return de(text) end
  if prep == "depuis le" then return "depuis " .. text end
  error("date.french_after: unknown preposition '" .. tostring(prep) .. "'", 2)
end

--- A timestamp as ctg records imports ("2024-03-01T10:00:00Z", UTC; seconds and the zone
--- optional, a space for the T accepted): its day as a Date, its hour and minute. Nil and the
--- reason in French when ts is not one.
function date.timestamp(ts)
  if type(ts) ~= "string" then return nil, "horodatage " .. describe(ts) .. " illisible (attendu AAAA-MM-JJTHH:MM:SSZ)" end
  local day, h, m = ts:match("^(%d%d%d%d%-%d%d%-%d%d)[T ](%d%d):(%d%d)")
  local rest = day and ts:sub(17)
  if not day or not (rest == "" or rest:match("^:%d%d%.?%d*Z?$") or rest == "Z") then
    return nil, "horodatage " .. describe(ts) .. " illisible (attendu AAAA-MM-JJTHH:MM:SSZ)"
  end
  local d, why = date.parse(day)
  if not d then return nil, why end
  h, m = tonumber(h), tonumber(m)
  if h > 23 or m > 59 then return nil, "horodatage " .. describe(ts) .. " : heure " .. ts:sub(12, 16) .. " invalide" end
  return d, h, m
end

--- A timestamp in French after "le": "le 1er mars 2024 à 10 h 00 UTC" (import times are
--- recorded in UTC, said so rather than guessed in local time). Nil and the reason when ts is
--- not a timestamp.
function date.french_timestamp(ts)
  local d, h, m = date.timestamp(ts)
  if not d then return nil, h end
  return string.format("le %s à %d h %02d UTC", d:french(), h, m)
end

--- The first and last days of a period: a year (2023 or "2023"), a school year
--- ("2021-2022": 1 September 2021 to 31 August 2022) or a month ("2022-09"). Returns two
--- Dates of day precision, or nil and the reason in French.
function date.period(p)
  if math.type(p) == "integer" then p = string.format("%d", p) end
  if type(p) ~= "string" then return nil, "période " .. describe(p) .. " invalide (" .. PERIOD_FORMS .. ")" end
  local y1, y2 = p:match("^(%d%d%d%d)%-(%d%d%d%d)$")
  if y1 then
    y1, y2 = tonumber(y1), tonumber(y2)
    if y2 ~= y1 + 1 then
      return nil, "période " .. describe(p) .. " invalide (une année scolaire couvre deux années consécutives, par exemple 2021-2022)"
    end
    return make(y1, 9, 1), make(y2, 8, 31)
  end
  if not (p:match("^%d%d%d%d$") or p:match("^%d%d%d%d%-%d%d$")) then
    return nil, "période " .. describe(p) .. " invalide (" .. PERIOD_FORMS .. ")"
  end
  local d, why = date.parse(p)
  if not d then return nil, "période " .. describe(p) .. " invalide : " .. why:gsub("^date %S+ : ", "") end
  return d:first(), d:last()
end

--- Today (UTC), from the wall clock. Only for import timestamps and for saying which plan
--- version is in force today: never for a result (an evaluation takes its as-of date as input).
function date.today()
  return date.parse(os.date("!%Y-%m-%d"))
end

--- Whether v is a Date.
function date.is(v) return getmetatable(v) == Date end

return date
