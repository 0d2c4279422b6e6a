-- The judge of observation rows (host/lua/judge.c through ctg.rows), its words in both
-- languages, and the progress of an import on a terminal.
local t = ...
local root = arg[0]:match("^(.*)/tests/lua/[^/]*$") or "."
local PLAN = root .. "/examples/clermont-ferrand/plan.lua"

local function checker() local rows = require("ctg.rows") return rows.checker(rows.outline(ctg.load(PLAN))) end

-- The codes and fields of the judge's errors on row.
local function codes(row)
  local out, verdict = checker():judge():check(row)
  t.eq(out, nil)
  local list = {}
  for i, e in ipairs(verdict.errors) do list[i] = e.code .. ":" .. e.field end
  return list
end

t.test("the judge normalises a right row as ctg.rows always did", function()
  local out = checker():judge():check({ indicator = "agents_formes", period = "2022", territory = "Nord",
    categorie = "accueil", value = 12, note = 3 })
  t.eq(out, { record = "value", subject = "agents_formes", period = "2022", territory = "nord",
    dims = "categorie=accueil", value = 12, note = "3" })
  -- no territory: the root; a float that is a whole number stays as it was given
  out = checker():judge():check({ indicator = "tps_accueillies", period = 2023, value = 4.0 })
  t.eq(out.territory, "clermont-ferrand"); t.eq(math.type(out.value), "float")
  -- dimension values with the characters the dimension text escapes
  out = checker():judge():check({ indicator = "agents_formes", period = 2022, categorie = "a;b=c%", value = 1 })
  t.eq(out.dims, "categorie=a%3Bb%3Dc%25")
  t.eq(require("ctg.rows").decode_dims(out.dims), { categorie = "a;b=c%" })
end)

t.test("each rule has its code and its field", function()
  t.eq(codes({ period = 2022, value = 1 }), { "missing-indicator:indicator" })
  t.eq(codes({ indicator = "nope", period = 2022, value = 1 }), { "unknown-indicator:indicator" })
  t.eq(codes({ indicator = "tps_accueillies", value = 1 }), { "missing-period:period" })
  t.eq(codes({ indicator = "tps_accueillies", period = "2022-13", value = 1 }), { "bad-period:period" })
  t.eq(codes({ indicator = "tps_accueillies", period = 2036, value = 1 }), { "period-outside:period" })
  t.eq(codes({ indicator = "tps_accueillies", period = 2022, territory = "zzz", value = 1 }), { "territory:territory" })
  t.eq(codes({ indicator = "tps_accueillies", period = 2022, value = 0 / 0 }), { "not-finite:value" })
  t.eq(codes({ indicator = "tps_accueillies", period = 2022, value = "3" }), { "not-number:value" })
  t.eq(codes({ indicator = "tps_accueillies", period = 2022, value = 2 ^ 60 }), { "too-big:value" })
  t.eq(codes({ indicator = "tps_accueillies", period = 2022, value = -1 }), { "negative:value" })
  t.eq(codes({ indicator = "tps_accueillies", period = 2022, value = 1.5 }), { "count-whole:value" })
  t.eq(codes({ indicator = "tps_accueillies", period = 2022, value = 1, text = 3 }), { "text-type:text" })
  t.eq(codes({ indicator = "tps_accueillies", period = 2022, missing = "" }), { "missing-type:missing" })
  t.eq(codes({ indicator = "tps_accueillies", period = 2022, value = 1, note = {} }), { "note-type:note" })
  t.eq(codes({ indicator = "tps_accueillies", period = 2022, value = 1, categorie = "x" }), { "no-dimension:categorie" })
  t.eq(codes({ indicator = "places_100", period = 2022, numerator = 1, value = 3 }), { "ratio-both:value" })
  t.eq(codes({ indicator = "places_100", period = 2022, denominator = 1, text = "x" }), { "ratio-both:text" })
  t.eq(codes({ indicator = "tps_accueillies", period = 2022, numerator = 1 }), { "kind-ratio:numerator" })
  -- several errors of one row, in the order of its fields
  t.eq(codes({ indicator = "nope", period = 1800, value = "x" }),
    { "unknown-indicator:indicator", "bad-period:period", "not-number:value" })
end)

t.test("a ratio's numerator alone or denominator alone is a part: its own record, no error", function()
  local j = checker():judge()
  local out, verdict = j:check({ indicator = "places_100", period = 2022, numerator = 7 })
  t.eq(verdict, nil)
  t.eq({ out.record, out.numerator, out.denominator }, { "numerator", 7, nil })
  out = j:check({ indicator = "places_100", period = "2022", denominator = 40 })
  t.eq({ out.record, out.numerator, out.denominator }, { "denominator", nil, 40 })
  out = j:check({ indicator = "places_100", period = 2022, numerator = 7, denominator = 40 })
  t.eq(out.record, "value")
end)

t.test("a numerator above its denominator is stored with a warning", function()
  local out, verdict = checker():judge():check({ indicator = "places_100", period = 2022, numerator = 6, denominator = 5 })
  t.eq(out.numerator, 6)
  t.eq(verdict.warnings[1].code, "share")
end)

t.test("the judge's codes are worded in French, in English under CTG_LANG=en", function()
  local c = checker()
  local _, errors = c:observation({ indicator = "places_10", period = 2022, value = 1 })
  t.eq(errors[1].message, "indicateur inconnu 'places_10' (vouliez-vous dire 'places_100' ?)")
  _, errors = c:observation({ indicator = "tps_accueillies", period = 2022, value = "douze" })
  t.eq(errors[1].message, "value doit être un nombre, reçu le texte \"douze\"")
  _, errors = c:observation({ indicator = "tps_accueillies", period = 2022, value = 0 / 0 })
  t.eq(errors[1].message, "value doit être un nombre fini, reçu NaN (.nan)")
  local ok, en = pcall(function()
    local msg = require("ctg.msg")
    local lang = msg.lang
    msg.lang = function() return "en" end
    local _, e = c:observation({ indicator = "places_100", period = 2022, numerator = 1, value = 2 })
    msg.lang = lang
    return e[1].message
  end)
  t.ok(ok, en)
  t.eq(en, "indicator places_100 is a ratio: give numerator and denominator, value alone (a published rate), " ..
    "or one part alone (numerator alone, denominator alone) without value or text")
end)

t.test("every code of the judge has its message in both catalogues", function()
  local all = require("ctg.msg").catalogues()
  local source = assert(io.open(root .. "/host/core/judge.c")):read("a")
  local names = source:match("code_names%[%] = {(.-)};")
  local n = 0
  for code in names:gmatch('"([%w-]+)"') do
    n = n + 1
    local key = (code == "note-type" or code == "source-type") and "rows.field-text" or "rows." .. code
    if code ~= "territory" and code ~= "period-outside" then
      t.ok(all.fr[key] and all.en[key], "no message for " .. code)
    end
  end
  t.ok(n > 30, "the codes were read from the judge")
end)

t.test("progress: a line at most every PROGRESS_SECONDS, none for a short import", function()
  local import = require("ctg.import")
  local p = import.progress("obs.yaml", 0.25)
  t.eq(p:due(0, 100.0), nil)          -- the clock starts
  t.eq(p:due(4096, 100.1), nil)       -- too soon
  t.eq(p:due(8192, 100.3), "obs.yaml : 8\u{202F}192 lignes…")
  t.eq(p:due(12288, 100.4), nil)
  t.eq(p:due(120000, 100.6), "obs.yaml : 120\u{202F}000 lignes…")
  t.ok(p.shown)
  local quiet = import.progress("small.yaml", 0.25)
  t.eq(quiet:due(0, 5.0), nil)
  t.eq(quiet:due(20, 5.01), nil)
  t.ok(not quiet.shown)
end)

t.test("the CSV reader's problems are worded in French; an unknown one stays as written", function()
  local import = require("ctg.import")
  t.eq(import.csv_words("unterminated quoted field (opened here)"), "guillemet ouvert ici et jamais refermé")
  t.eq(import.csv_words("more than 16384 fields"), "plus de 16384 champs dans une ligne")
  t.eq(import.csv_words("the file is not UTF-8 (byte 0xFF): save it as \"CSV UTF-8\""),
    "le fichier n'est pas en UTF-8 (octet 0xFF) : enregistrez-le au format « CSV UTF-8 »")
  t.eq(import.csv_words("cannot open: No such file or directory"), "impossible d'ouvrir le fichier : No such file or directory")
  t.eq(import.csv_words("something new"), "something new")
  -- every message host/read/csv.c can write has its words
  local source = assert(io.open(root .. "/host/read/csv.c")):read("a")
  local n = 0
  for text in source:gmatch('fail_at%(r, [^"]-"([^"]+)') do
    n = n + 1
    local sample = text:gsub("%%02X", "FF"):gsub("%%d", "16384"):gsub("%%s", "x")
    t.ok(import.csv_words(sample) ~= sample, "no French words for: " .. text)
  end
  t.ok(n >= 10, "the messages were read from csv.c")
end)
