-- Specs for ctg.report (the document builder) and its renderers ctg.render.html, .markdown
-- and .csv. Run: ctg tests/lua/run.lua tests/lua/report_spec.lua
-- Golden files live in tests/fixtures/report/; CTG_UPDATE_GOLDEN=1 rewrites them (then review
-- the diff before committing).
local t = ...
local report = require("ctg.report")
local html = require("ctg.render.html")
local markdown = require("ctg.render.markdown")
local csv = require("ctg.render.csv")
local csvw = require("ctg.csvw")

local root = arg[0]:match("^(.*)/tests/lua/[^/]*$") or "."
local GOLDEN = root .. "/tests/fixtures/report/"

local S = "\u{202F}"   -- NARROW NO-BREAK SPACE (digit groups, before % and €), as ctg.fmt writes it
local NB = "\u{00A0}"  -- NO-BREAK SPACE (before ":")
local BOM = "\239\187\191"

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local function write(path, text)
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
end

--- Compares text with a golden file (rewritten when CTG_UPDATE_GOLDEN is set).
local function golden(name, text)
  local path = GOLDEN .. name
  if os.getenv("CTG_UPDATE_GOLDEN") then write(path, text) end
  local expected = read(path)
  if text ~= expected then
    local i = 1
    while text:sub(i, i) == expected:sub(i, i) do i = i + 1 end
    t.ok(false, name .. " differs from the golden file at byte " .. i .. ": got "
         .. string.format("%q", text:sub(math.max(1, i - 40), i + 40)) .. ", expected "
         .. string.format("%q", expected:sub(math.max(1, i - 40), i + 40)))
  end
end

--- A chart renderer stub: a tiny, fixed SVG naming the chart (tests never depend on ctg.svg).
local stub_calls = {}
local function stub_svg(spec)
  stub_calls[#stub_calls + 1] = spec
  return '<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 640 300" width="640" height="300"'
         .. ' aria-labelledby="stub-' .. spec.id .. '-t"><title id="stub-' .. spec.id .. '-t">'
         .. html.escape(spec.title) .. '</title><rect x="0" y="0" width="640" height="300" fill="#eef2f7"/>'
         .. '<text x="320" y="150" text-anchor="middle" font-size="16">' .. spec.kind .. " #" .. spec.id
         .. "</text></svg>"
end

--- The representative document of the golden files.
local function sample()
  local doc = report.new {
    title = "Bilan annuel 2023",
    subtitle = "Convention Territoriale Globale de Clermont-Ferrand 2021-2025",
    date = "2024-03-01",
    organisation = "Ville de Clermont-Ferrand – CAF du Puy-de-Dôme",
  }
  doc:paragraph("Ce bilan rend compte de la troisième année de la convention. Les valeurs"
                .. " « n.d. » ne sont pas disponibles à la date du bilan.")
  local axe = doc:section("Axe 1 — Une ville bienveillante pour les familles", { page_break = true })
  axe:paragraph("L'offre d'accueil du jeune enfant progresse, sans atteindre encore la cible de 2025.")
     :figures {
       { label = "Financement CAF 2023", value = "1" .. S .. "620" .. S .. "000" .. S .. "€",
         note = "plancher" .. NB .. ": 1" .. S .. "600" .. S .. "000" .. S .. "€", status = "ok" },
       { label = "Places pour 100 enfants", value = "14,6", note = "cible 2025" .. NB .. ": 16", status = "warning" },
       { label = "Comités de pilotage tenus", value = "1 sur 2", status = "critical" },
       { label = "Actions engagées", value = "12 sur 18" },
     }
  local obj = axe:section("Objectif 1-1 — Accueillir les jeunes enfants")
  obj:table {
    caption = "Indicateurs de l'action 7", name = "action-7-indicateurs",
    columns = { "Indicateur", "2022", "2023", "Cible", "Statut" },
    align = { "left", "right", "right", "right", "left" },
    rows = {
      { "Places pour 100 enfants", "14,1", "14,6", "16", "en retrait" },
      { "Taux d'occupation | crèches", "71" .. S .. "%", "73,5" .. S .. "%", "", "n.d." },
      { "Familles accompagnées", "1" .. S .. "250", "-3", "", "à suivre ; \"prioritaire\"" },
    },
    raw = {
      { "places_100", 14.09, 14.6, 16, "en retrait" },
      { "taux_occupation", 0.71, 0.735, nil, nil },
      { "familles", 1250, -3, nil, "à suivre ; \"prioritaire\"" },
    },
  }
  obj:chart {
    kind = "line", title = "Places pour 100 enfants", desc = "De 13,5 en 2020 à 14,6 en 2023 ; 2022 non disponible.",
    x = { "2020", "2021", "2022", "2023" }, format = "number", decimals = 1, y_label = "places pour 100 enfants",
    series = { { name = "Ville", values = { ["2020"] = 13.5, ["2021"] = 13.7, ["2023"] = 14.6 } },
               { name = "Département", values = { { category = "2020", value = 15.2 }, { category = "2021", value = 15.4 },
                                                  { category = 2022, value = 15.5 }, { category = "2023", value = 15.9 } } } },
  }
  obj:findings {
    { severity = "critical", message = "Le comité de pilotage ne s'est réuni qu'une fois en 2023 (2 attendus)." },
    { severity = "warning", message = "Places pour 100 enfants : 14,6 pour une cible de 16 en 2025." },
    { severity = "info", message = "Le taux d'occupation 2023 n'est pas encore transmis." },
    { severity = "error", message = "La règle « financement_plancher » n'a pas pu être évaluée pour 2021." },
  }
  obj:section("Action 7 — Créer des places en crèche")
     :list { "Ouverture de la crèche Saint-Jacques (24 places) en septembre 2023.",
             "Étude des besoins des quartiers nord : *lancée* [voir annexe]." }
  local axe2 = doc:section("Axe 2 — Accompagner les parents", { page_break = true })
  axe2:chart { kind = "bars", title = "Familles accompagnées par secteur", desc = "Le secteur Sud n'a pas transmis.",
               categories = { { key = "nord", label = "Nord" }, { key = "sud", label = "Sud" }, { key = "centre", label = "Centre" } },
               values = { nord = 420, centre = 380 }, format = "number" }
  axe2:chart { kind = "stacked", title = "Avancement des actions", desc = "Étapes par état.",
               categories = { "Action 1", "Action 2" },
               stacks = { { name = "terminées", values = { ["Action 1"] = 1, ["Action 2"] = 0 } },
                         { name = "en cours", values = { ["Action 1"] = 2, ["Action 2"] = 1 } } } }
  axe2:chart { kind = "gantt", title = "Calendrier de l'action 1", desc = "Étapes prévues et réalisées.",
               years = { 2021, 2022, 2023, 2024, 2025 },
               rows = { { label = "1-A Mettre en place un groupe de travail", planned = { 2022, 2023 },
                          actual = { [2022] = "started", [2023] = "done" } },
                        { label = "1-B Former les professionnels" } } }
  doc:provenance { plan = "ctg-clermont-2021-2025 v1", plan_hash = "b9f1c2d3e4f5a6b7",
                   observations_hash = "0a1b2c3d4e5f6789", script = "scripts/bilan-annuel.lua",
                   script_hash = "77aa88bb99cc00dd", ctg_version = "0.1.0", period = "2023", date = "2024-03-01" }
  return doc
end

local function count(s, pattern)
  local n = 0
  for _ in s:gmatch(pattern) do n = n + 1 end
  return n
end

---------------------------------------------------------------------------- builder

t.test("builder: new keeps the metadata; a document starts empty", function()
  local doc = report.new { title = "Bilan", subtitle = "CTG", date = "2024-03-01", organisation = "Ville" }
  t.eq(doc.meta, { title = "Bilan", subtitle = "CTG", date = "2024-03-01", organisation = "Ville" })
  t.eq(doc.blocks, {})
  t.ok(report.provenance_of(doc) == nil)
  t.ok(report.is_document(doc))
end)

t.test("builder: new rejects a missing title, a bad date, an unknown field", function()
  t.raises(function() report.new {} end, "report: new: title: expected a string, got nil")
  t.raises(function() report.new { title = "" } end, "report: new: title: expected a non-empty string")
  t.raises(function() report.new { title = "B", date = "2024-02-30" } end, 'invalid date "2024-02-30"')
  t.raises(function() report.new { title = "B", titel = "x" } end, 'unknown field "titel"')
  t.raises(function() report.new { title = "B\255" } end, "not valid UTF-8")
end)

t.test("builder: block methods chain on their owner, section returns the sub-section", function()
  local doc = report.new { title = "B" }
  t.ok(doc:paragraph("a"):list { "x" } == doc)
  local s = doc:section("Axe 1")
  t.ok(s ~= doc)
  t.ok(s:paragraph("p"):figures { { label = "l", value = "v" } }:findings {} == s)
  local sub = s:section("Objectif")
  local subsub = sub:section("Action")
  t.eq({ s.level, sub.level, subsub.level }, { 1, 2, 3 })
  t.ok(s.blocks[4] == sub and sub.blocks[1] == subsub)
  t.eq(#doc.blocks, 3)
end)

t.test("builder: blocks are the plain tables of the spec", function()
  local doc = report.new { title = "B" }
  local s = doc:section("Axe", { page_break = true })
  s:paragraph("Texte")
   :figures { { label = "L", value = "1", note = "n", status = "ok" } }
   :table { caption = "C", name = "c", columns = { "a", "b" }, align = { "left", "right" },
            rows = { { "x", "1" } }, raw = { { "x", 1 } } }
   :chart { kind = "bars", title = "T", categories = { "a", "b" }, values = { a = 1 } }
   :findings { { severity = "info", message = "m" } }
   :list { "i" }
  t.eq(doc.blocks[1], {
    type = "section", title = "Axe", level = 1, page_break = true, blocks = {
      { type = "paragraph", text = "Texte" },
      { type = "figures", items = { { label = "L", value = "1", note = "n", status = "ok" } } },
      { type = "table", caption = "C", name = "c", columns = { "a", "b" }, align = { "left", "right" },
        rows = { { "x", "1" } }, raw = { { "x", 1 } } },
      { type = "chart", chart = { kind = "bars", title = "T", categories = { "a", "b" }, values = { 1, n = 2 } } },
      { type = "findings", items = { { severity = "info", message = "m" } } },
      { type = "list", items = { "i" } },
    } })
  t.eq(doc:section("Sans saut").page_break, false)
end)

t.test("builder: arguments are copied, later changes by the caller do not reach the document", function()
  local doc = report.new { title = "B" }
  local rows = { { "x", "1" } }
  local spec = { kind = "line", title = "T", x = { "2022", "2023" }, series = { { name = "s", values = { ["2022"] = 1, ["2023"] = 2 } } } }
  doc:table { caption = "C", columns = { "a", "b" }, rows = rows }
  doc:chart(spec)
  rows[1][2] = "changed"
  spec.series[1].values["2022"] = 99
  t.eq(doc.blocks[1].rows, { { "x", "1" } })
  t.eq(doc.blocks[2].chart.series[1].values, { 1, 2, n = 2 })
end)

t.test("builder: a table row with the wrong number of cells names the table and the row", function()
  local doc = report.new { title = "B" }
  local msg = t.raises(function()
    doc:table { caption = "Indicateurs de l'action 7", name = "action-7", columns = { "Indicateur", "2022", "2023" },
                rows = { { "a", "1", "2" }, { "b", "1" } } }
  end, [[table "Indicateurs de l'action 7" (action-7): row 2 has 2 cells, expected 3 (one per column: Indicateur, 2022, 2023)]])
  t.ok(msg:find("report_spec.lua", 1, true), "the error points at the caller: " .. msg)
  t.raises(function()
    doc:table { caption = "T", columns = { "a", "b" }, rows = { { "a", "b", "c" } } }
  end, 'table "T": row 1 has 3 cells, expected 2')
  t.raises(function()
    doc:table { caption = "T", columns = { "a", "b" }, rows = { { "a", 12 } } }
  end, 'table "T": row 1, column 2 (b): expected a string (an already formatted cell), got number 12')
  t.raises(function()
    doc:table { caption = "T", columns = { "a", "b" }, rows = { { "a", nil } } }
  end, 'table "T": row 1 has 1 cells, expected 2')
end)

t.test("builder: table misuse: caption, align, raw, names", function()
  local doc = report.new { title = "B" }
  local cols = { "a", "b" }
  t.raises(function() doc:table { columns = cols, rows = {} } end, "table: caption: expected a string, got nil")
  t.raises(function() doc:table { caption = "T", columns = {}, rows = {} } end, 'table "T": columns: expected a non-empty list')
  t.raises(function() doc:table { caption = "T", columns = cols, align = { "left" }, rows = {} } end,
           'table "T": align has 1 entries, expected 2')
  t.raises(function() doc:table { caption = "T", columns = cols, align = { "left", "droite" }, rows = {} } end,
           'table "T": align[2]: expected left, right, center, got string "droite"')
  t.raises(function() doc:table { caption = "T", columns = cols, rows = { { "a", "b" } }, raw = {} } end,
           'table "T": raw has 0 rows, expected 1')
  t.raises(function() doc:table { caption = "T", columns = cols, rows = { { "a", "b" } }, raw = { { "a", true } } } end,
           'table "T": raw row 1, column 2 (b): expected a number, a string or nil, got boolean true')
  t.raises(function() doc:table { caption = "T", name = "../x", columns = cols, rows = {} } end,
           "name must be a file stem")
  t.raises(function() doc:table { caption = "T", columns = cols, rows = {}, colums = cols } end, 'unknown field "colums"')
  doc:table { caption = "T", name = "t", columns = cols, rows = {} }
  local s = doc:section("S")
  t.raises(function() s:table { caption = "U", name = "t", columns = cols, rows = {} } end,
           'table "U" (t): name "t" is already used by another table')
  t.eq(#doc.blocks, 2, "a rejected block is not appended")
end)

t.test("builder: sections: at most five levels, options checked", function()
  local doc = report.new { title = "B" }
  local s = doc:section("1")
  for i = 2, 5 do s = s:section(tostring(i)) end
  t.eq(s.level, 5)
  t.raises(function() s:section("6") end, 'section "6": level 6 is too deep (at most 5 levels below the title)')
  t.raises(function() doc:section("X", { page_break = "yes" }) end, 'section "X": page_break must be a boolean')
  t.raises(function() doc:section("X", { pagebreak = true }) end, 'unknown field "pagebreak"')
  t.raises(function() doc:section() end, "section title: expected a string, got nil")
end)

t.test("builder: figures, findings, lists and charts are checked", function()
  local doc = report.new { title = "B" }
  t.raises(function() doc:figures {} end, "figures: expected a non-empty list")
  t.raises(function() doc:figures { { label = "L", value = 12 } } end, "figures[1].value: expected a string, got number 12")
  t.raises(function() doc:figures { { label = "L", value = "1", status = "bad" } } end,
           'figures[1].status: expected ok, warning, critical or nil, got string "bad"')
  t.raises(function() doc:findings { { severity = "fatal", message = "m" } } end,
           'findings[1].severity: expected critical, error, warning, info, got string "fatal"')
  t.raises(function() doc:list {} end, "list: expected a non-empty list")
  t.raises(function() doc:chart { kind = "pie", title = "T" } end, 'chart "T": kind: expected line, bars, stacked, gantt')
  t.raises(function() doc:chart { kind = "bars", title = "T", categories = { "a" }, values = { 1, 2 } } end,
           'chart "T": values: key number 1 is not a category (expected one of: a;')
  t.raises(function() doc:chart { kind = "bars", title = "T", categories = { "a", "b" }, values = { a = 1, c = 2 } } end,
           'chart "T": values: key string "c" is not a category (expected one of: a, b;')
  t.raises(function() doc:chart { kind = "bars", title = "T", categories = { "a" }, values = { a = "1" } } end,
           'chart "T": values["a"]: expected a number or nil, got string "1"')
  t.raises(function() doc:chart { kind = "bars", title = "T", categories = { "a" },
                                  values = { { category = "a", value = 1 }, { category = "a", value = 2 } } } end,
           'chart "T": values: category "a" has two values')
  t.raises(function() doc:chart { kind = "bars", title = "T", categories = { "a", "a" }, values = {} } end,
           'chart "T": categories: key "a" is given twice')
  t.raises(function() doc:chart { kind = "bars", title = "T", categories = { "a" }, values = {}, colour = "red" } end,
           'chart "T": unknown field "colour"')
  t.raises(function() doc:chart { kind = "bars", title = "T", categories = { "a" } } end,
           'chart "T": give values (one bar per category) or series')
  t.raises(function() doc:chart { kind = "line", title = "T", x = { "a" }, series = { { name = "s", values = {} } },
                                  lines = { { value = "x", label = "Cible" } } } end,
           'chart "T": line chart: lines[1].value must be a finite number')
  t.raises(function() doc:chart { kind = "bars", title = "T", categories = { "a" }, values = {}, format = "euro" } end,
           'chart "T": format: expected number, percent, points, euros or nil, got string "euro"')
  t.raises(function() doc:chart { kind = "gantt", title = "T", years = { 2022 }, rows = { { label = "x", actual = { [2022] = "fini" } } } } end,
           'chart "T": rows[1].actual[2022]: expected planned, started, done, dropped, got string "fini"')
  t.raises(function() doc.paragraph("x") end, "call the block methods with ':'")
  doc:chart { kind = "line", title = "T", x = { 2022, 2023, 2024 }, series = { { name = "s", values = { [2022] = 0 / 0, [2023] = math.huge, [2024] = 3 } } } }
  t.eq(doc.blocks[1].chart.x, { "2022", "2023", "2024" }, "years as labels")
  t.eq(doc.blocks[1].chart.series[1].values, { nil, nil, 3, n = 3 }, "NaN and inf are not available")
  doc:chart { kind = "bars", title = "G", categories = { { key = "fourmies", label = "Fourmies" }, { key = "trelon", label = "Trélon" } },
              series = { { name = "2025", values = { fourmies = 55.8 } }, { name = "2027", values = { trelon = 60, fourmies = 58 } } } }
  t.eq(doc.blocks[2].chart.categories, { "Fourmies", "Trélon" }, "labels shown")
  t.eq(doc.blocks[2].chart.series[2].values, { 58, 60, n = 2 }, "grouped values by key, in category order")
end)

t.test("builder: provenance set once, all fields but the date required", function()
  local doc = report.new { title = "B" }
  local p = { plan = "p v1", plan_hash = "h1", observations_hash = "h2", script = "s.lua", script_hash = "h3",
              ctg_version = "0.1.0", period = 2023 }
  t.ok(doc:provenance(p) == doc)
  t.eq(doc.provenance, { plan = "p v1", plan_hash = "h1", observations_hash = "h2", script = "s.lua",
                         script_hash = "h3", ctg_version = "0.1.0", period = "2023" })
  t.raises(function() doc:provenance(p) end, "provenance is already set")
  local other = report.new { title = "B" }
  t.raises(function() other:provenance { plan = "p" } end, "provenance.plan_hash: expected a string, got nil")
  p.date = "2024-13-01"
  t.raises(function() other:provenance(p) end, 'provenance.date: invalid date "2024-13-01"')
  t.raises(function() doc:section("S"):provenance(p) end, "provenance: call it on the document")
end)

---------------------------------------------------------------------------- HTML

local function render_html(doc) return html.render(doc, { svg = stub_svg }) end

t.test("html: one self-contained French document: doctype, lang, charset, title, CSS, no script, no network", function()
  local out = render_html(sample())
  t.eq(out:sub(1, 32), '<!DOCTYPE html>\n<html lang="fr">')
  t.ok(out:find('<meta charset="utf-8">', 1, true))
  t.ok(out:find("<title>Bilan annuel 2023</title>", 1, true))
  t.eq(count(out, "<style>"), 1)
  t.ok(not out:lower():find("<script", 1, true), "no script")
  t.ok(not out:find("<link", 1, true) and not out:find("@import", 1, true) and not out:find("url(", 1, true)
       and not out:find("@font-face", 1, true), "no external resource")
  local rest = out:gsub('xmlns="http://www%.w3%.org/2000/svg"', "")
  t.ok(not rest:lower():find("http", 1, true), "no http but the SVG namespace")
  t.ok(out:find('"DejaVu Sans", "Liberation Sans", Arial, sans-serif', 1, true), "offline font stack")
  t.eq(out:sub(-8), "</html>\n")
end)

t.test("html: print CSS: A4 page, page breaks, rows and figures kept whole, header repeated, plain links", function()
  local out = render_html(sample())
  t.ok(out:find("@page { size: A4 portrait;", 1, true))
  t.ok(out:find('@bottom-right { content: "page " counter(page) " / " counter(pages);', 1, true), "page N / total")
  t.ok(out:find('@top-left { content: "Bilan annuel 2023";', 1, true), "the title in the page margin")
  local hostile = html.render(report.new { title = 'a"b\\c</style><script>' }, { svg = stub_svg })
  t.ok(hostile:find('@top-left { content: "a\\22 b\\5c c\\3c /style>\\3c script>";', 1, true), "a CSS string cannot escape")
  t.ok(not hostile:find("</style><script>", 1, true))
  local print_css = out:match("@media print {(.-)\n}\n")
  t.ok(print_css, "a print block")
  t.ok(print_css:find(".page-break { break-before: page;", 1, true))
  t.ok(print_css:find("tr, caption", 1, true) and print_css:find("break-inside: avoid", 1, true))
  t.ok(print_css:find("thead { display: table-header-group; }", 1, true))
  t.ok(print_css:find("a { color: inherit; text-decoration: none; }", 1, true))
  t.eq(count(out, '<section class="section level%-1 page%-break">'), 2, "both axes start a page")
  t.eq(count(out, '<section class="section level%-2">'), 1)
  t.ok(out:find("font-variant-numeric: tabular-nums", 1, true))
end)

t.test("html: headings: one h1, levels never skipped, sections as h2, h3, h4", function()
  local out = render_html(sample())
  t.eq(count(out, "<h1[ >]"), 1)
  local levels = {}
  for n in out:gmatch("<h(%d)[ >]") do levels[#levels + 1] = tonumber(n) end
  t.eq(levels[1], 1)
  for i = 2, #levels do
    t.ok(levels[i] <= levels[i - 1] + 1, "heading h" .. levels[i] .. " after h" .. levels[i - 1])
  end
  t.ok(out:find('<h2 id="sec%-axe%-1%-une%-ville%-bienveillante%-pour%-les%-familles">Axe 1 — Une ville'))
  t.ok(out:find('<h3 id="sec%-objectif%-1%-1%-accueillir%-les%-jeunes%-enfants">'))
  t.ok(out:find('<h4 id="sec%-action%-7%-creer%-des%-places%-en%-creche">'))
end)

t.test("html: tables have a caption and column header cells; numbers right-aligned", function()
  local out = render_html(sample())
  t.eq(count(out, "<table[ >]"), 1)
  t.eq(count(out, "<table[^>]*>\n<caption>"), 1, "caption first in every table")
  t.ok(out:find("<caption>Indicateurs de l&#39;action 7</caption>", 1, true))
  t.eq(count(out, '<th scope="col"'), 5)
  t.ok(out:find('<th scope="col" class="num">2022</th>', 1, true))
  t.ok(out:find('<tr><th scope="row">Places pour 100 enfants</th><td class="num">14,1</td>', 1, true))
  t.ok(out:find("<td>à suivre ; &quot;prioritaire&quot;</td>", 1, true))
  -- without `align`, columns of numbers are right-aligned, the first column never
  local doc = report.new { title = "B" }
  doc:table { caption = "C", columns = { "Année", "Montant", "Note" },
              rows = { { "2022", "1" .. S .. "600" .. S .. "€", "ok" }, { "2023", "n.d.", "" } } }
  local o2 = render_html(doc)
  t.ok(o2:find('<tr><th scope="col">Année</th><th scope="col" class="num">Montant</th><th scope="col">Note</th></tr>', 1, true))
end)

t.test("html: every text and attribute is escaped", function()
  local doc = report.new { title = [[<b> & "quotes"]], subtitle = "l'été <i>", organisation = "A&B" }
  doc:section([[<script>alert('x')</script>]]):paragraph([[1 < 2 & "3" > '0']])
     :table { caption = "<c>", name = "n", columns = { "<th>" }, rows = { { "<td>&amp;" } } }
     :figures { { label = "<l>", value = "\"v\"", note = "'n'" } }
     :findings { { severity = "info", message = "<m>" } }
     :list { "<li>" }
     :chart { kind = "bars", title = "<t>", desc = "\"d\"", categories = { "<a>" }, values = { ["<a>"] = 1 } }
  local out = html.render(doc, { svg = stub_svg })
  t.ok(out:find("<title>&lt;b&gt; &amp; &quot;quotes&quot;</title>", 1, true))
  t.ok(out:find("<h1>&lt;b&gt; &amp; &quot;quotes&quot;</h1>", 1, true))
  t.ok(out:find("<p>1 &lt; 2 &amp; &quot;3&quot; &gt; &#39;0&#39;</p>", 1, true))
  t.ok(out:find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", 1, true))
  t.ok(out:find("<td>&lt;td&gt;&amp;amp;</td>", 1, true) or out:find("<th scope=\"row\">&lt;td&gt;&amp;amp;</th>", 1, true))
  t.ok(not out:find("<b>", 1, true) and not out:find("<script", 1, true) and not out:find("<m>", 1, true)
       and not out:find("<t>", 1, true))
  t.ok(out:find('<span class="chart-title">&lt;t&gt;</span>', 1, true))
  -- ids come from titles but are plain ASCII: nothing to escape inside attributes
  for id in out:gmatch(' id="([^"]*)"') do t.ok(id:match("^[%w-]+$"), "id " .. id) end
end)

t.test("html: table of contents: the level-1 sections, anchors unique and matching the ids", function()
  local doc = sample()
  doc:section("Axe 1 — Une ville bienveillante pour les familles") -- same title: a distinct id
  local out = render_html(doc)
  local nav = out:match('<nav class="toc" aria%-labelledby="sommaire">(.-)</nav>')
  t.ok(nav, "a table of contents")
  local hrefs = {}
  for h in nav:gmatch('href="#([^"]+)"') do hrefs[#hrefs + 1] = h end
  t.eq(hrefs, { "sec-axe-1-une-ville-bienveillante-pour-les-familles", "sec-axe-2-accompagner-les-parents",
                "sec-axe-1-une-ville-bienveillante-pour-les-familles-2" })
  local ids = {}
  for id in out:gmatch(' id="([^"]+)"') do
    t.ok(not ids[id], "id " .. id .. " is unique")
    ids[id] = true
  end
  for _, h in ipairs(hrefs) do t.ok(ids[h], "anchor #" .. h .. " has its target") end
  local none = render_html(report.new { title = "Sans section" })
  t.ok(not none:find("<nav", 1, true), "no table of contents without sections")
end)

t.test("html: key figures and findings carry a text label, not colour alone", function()
  local out = render_html(sample())
  t.ok(out:find('<div class="figure status-ok">\n<dt>Financement CAF 2023</dt>\n<dd class="value">1' .. S .. '620', 1, true))
  t.ok(out:find('<dd><span class="label">Conforme</span></dd>', 1, true))
  t.ok(out:find('<dd><span class="label">Attention</span></dd>', 1, true))
  t.ok(out:find('<dd><span class="label">Critique</span></dd>', 1, true))
  t.ok(out:find('<div class="figure">\n<dt>Actions engagées</dt>', 1, true), "no status, no label")
  for _, sev in ipairs({ { "critical", "Critique" }, { "warning", "Attention" }, { "info", "Info" }, { "error", "Erreur" } }) do
    t.ok(out:find('<li class="finding severity-' .. sev[1] .. '"><strong class="label">' .. sev[2], 1, true), sev[2])
  end
  local empty = report.new { title = "B" }
  empty:findings {}
  t.ok(render_html(empty):find('<p class="findings-none">Aucun constat.</p>', 1, true))
end)

t.test("html: charts: inline SVG from the renderer with a numbered copy of the spec, an error on failure", function()
  stub_calls = {}
  local doc = sample()
  local out = render_html(doc)
  t.eq(#stub_calls, 4)
  t.eq({ stub_calls[1].id, stub_calls[2].id, stub_calls[3].id, stub_calls[4].id }, { 1, 2, 3, 4 })
  t.eq(stub_calls[1].kind, "line")
  t.ok(doc.blocks[2].blocks[3].blocks[2].chart.id == nil, "the document is not changed")
  t.eq(count(out, "<svg "), 4)
  t.ok(out:find('<figure class="chart">\n<figcaption><span class="chart-title">Places pour 100 enfants</span>'
                .. '<span class="chart-desc">De 13,5 en 2020', 1, true))
  -- a chart that cannot be drawn fails the rendering: never a placeholder in the report
  t.raises(function() html.render(sample(), { svg = function() error("boom") end }) end,
           "chart « Places pour 100 enfants » cannot be drawn")
  t.raises(function() html.render(sample(), { svg = function() return "<svg><script>alert(1)</script></svg>" end }) end,
           "something else than a plain <svg>")
  t.raises(function() html.render(sample(), { svg = { render = function() return 42 end } }) end, "returned no text")
end)

t.test("html: provenance footer: plan, hashes, script, version, period, date", function()
  local out = render_html(sample())
  local footer = out:match('<footer class="provenance" aria%-labelledby="provenance">(.-)</footer>')
  t.ok(footer, "a footer")
  t.ok(footer:find('<h2 id="provenance">Provenance</h2>', 1, true))
  for _, item in ipairs({
    "<dt>Plan</dt><dd>ctg-clermont-2021-2025 v1</dd>",
    "<dt>Empreinte du plan</dt><dd><code>b9f1c2d3e4f5a6b7</code></dd>",
    "<dt>Empreinte des observations</dt><dd><code>0a1b2c3d4e5f6789</code></dd>",
    "<dt>Script</dt><dd><code>scripts/bilan-annuel.lua</code></dd>",
    "<dt>Empreinte du script</dt><dd><code>77aa88bb99cc00dd</code></dd>",
    "<dt>Version de ctg</dt><dd>0.1.0</dd>",
    "<dt>Période</dt><dd>2023</dd>",
    '<dt>Date</dt><dd><time datetime="2024-03-01">1er mars 2024</time></dd>',
  }) do t.ok(footer:find(item, 1, true), item) end
  t.ok(out:find('<div><dt>Édité le\u{00A0}:</dt> <dd><time datetime="2024-03-01">1er mars 2024</time></dd></div>', 1, true))
  local bare = render_html(report.new { title = "B" })
  t.ok(bare:find("Provenance non renseignée", 1, true))
end)

t.test("html: deterministic: the same document renders to the same bytes", function()
  local a, b = render_html(sample()), render_html(sample())
  t.ok(a == b, "two documents built alike")
  local doc = sample()
  t.ok(render_html(doc) == render_html(doc), "one document rendered twice")
  golden("sample.html", a)
end)

---------------------------------------------------------------------------- Markdown

t.test("markdown: the sample document matches its golden file", function()
  golden("sample.md", markdown.render(sample()))
end)

t.test("markdown: pipe tables: alignment row, '|' escaped in cells, empty cells", function()
  local doc = report.new { title = "B" }
  doc:table { caption = "T", columns = { "Nom", "Valeur", "État" }, align = { "left", "right", "center" },
              rows = { { "a | b", "-3", "" }, { "*x*", "1,5", "ok" } } }
  local out = markdown.render(doc)
  t.ok(out:find("\n**T**\n\n| Nom | Valeur | État |\n| :--- | ---: | :---: |\n| a \\| b | -3 | |\n| \\*x\\* | 1,5 | ok |\n", 1, true), out)
  local plain = report.new { title = "B" }
  plain:table { caption = "T", columns = { "Nom", "Note" }, rows = { { "a", "b" } } }
  t.ok(markdown.render(plain):find("| :--- | :--- |", 1, true), "default alignment: left")
end)

t.test("markdown: plain text never turns into markup", function()
  t.eq(markdown.escape("*gras* _ital_ snake_case [lien](x) <b> `code` #1 a|b"),
       "\\*gras\\* \\_ital\\_ snake_case \\[lien\\](x) \\<b> \\`code\\` \\#1 a\\|b")
  t.eq(markdown.escape("- pas une liste"), "\\- pas une liste")
  t.eq(markdown.escape("2023. Bilan"), "2023\\. Bilan")
  t.eq(markdown.escape("&amp; et & seul"), "\\&amp; et & seul")
  t.eq(markdown.escape("-3", true), "-3", "a table cell is not a line start")
end)

---------------------------------------------------------------------------- CSV

t.test("csv: French dialect golden file: BOM, ';', CRLF, decimal comma from raw numbers", function()
  local files, names = csv.render(sample())
  t.eq(names, { "action-7-indicateurs" })
  local text = files["action-7-indicateurs"]
  t.eq(text:sub(1, 3), BOM)
  -- 14.09 shown as "14,1": the file holds the number as the report shows it
  t.ok(text:find("\r\nplaces_100;14,1;14,6;16;en retrait\r\n", 1, true))
  t.ok(text:find("\r\nfamilles;1250;-3;;\"à suivre ; \"\"prioritaire\"\"\"\r\n", 1, true), "raw -3 stays a number; ';' and quotes quoted")
  golden("action-7-indicateurs.csv", text)
end)

t.test("csv: intl dialect: ',', '.', no BOM, LF", function()
  local files = csv.render(sample(), { dialect = "intl" })
  t.eq(files["action-7-indicateurs"],
       "Indicateur,2022,2023,Cible,Statut\n"
       .. "places_100,14.1,14.6,16,en retrait\n"
       .. "taux_occupation,0.71,0.735,,\n"
       .. "familles,1250,-3,,\"à suivre ; \"\"prioritaire\"\"\"\n")
  t.raises(function() csv.render(sample(), { dialect = "excel" }) end, 'unknown CSV dialect "excel"')
end)

t.test("csv: formula injection neutralised in text, not in raw numbers", function()
  local doc = report.new { title = "B" }
  doc:table { caption = "T", columns = { "a", "b", "c", "d", "e" },
              rows = { { "=1+1", "+33", "-2", "@SUM(A1)", "\tx" } } }
  doc:table { caption = "R", name = "raw", columns = { "=cols", "n", "neg", "text" },
              rows = { { "x", "1,5", "-2", "-2" } }, raw = { { "x", 1.5, -2, "-2" } } }
  local files, names = csv.render(doc)
  t.eq(names, { "table-1", "raw" })
  t.eq(files["table-1"], BOM .. "a;b;c;d;e\r\n'=1+1;'+33;'-2;'@SUM(A1);'\tx\r\n")
  t.eq(files.raw, BOM .. "'=cols;n;neg;text\r\nx;1,5;-2;'-2\r\n")
  t.eq(csvw.safe_cell(-0.5, "intl"), "-0.5")
  t.eq(csvw.safe_cell(0 / 0, "french"), "")
  t.eq(csvw.safe_cell("a;b", "french"), '"a;b"')
  t.eq(csvw.safe_cell("a,b", "intl"), '"a,b"')
  t.eq(csvw.safe_cell('=HYPERLINK("x")', "intl"), '"\'=HYPERLINK(""x"")"')
end)

t.test("csv: default names table-N by rank; a clash is an error; the existing csvw API is unchanged", function()
  local doc = report.new { title = "B" }
  doc:table { caption = "A", columns = { "x" }, rows = {} }
  doc:section("S"):table { caption = "B", name = "table-1", columns = { "x" }, rows = {} }
  t.raises(function() csv.render(doc) end, 'two tables are named "table-1"')
  t.eq(csvw.document({ "a", "b" }, { { 1.5, "x;y" } }, "french"), BOM .. "a;b\r\n1,5;\"x;y\"\r\n")
  -- every CSV ctg writes neutralises formula-like text (one function: csvw.neutralise)
  t.eq(csvw.document({ "a" }, { { "=1" } }, "intl"), "a\n'=1\n")
end)

t.test("csv and markdown: deterministic", function()
  t.ok(markdown.render(sample()) == markdown.render(sample()))
  local a, b = csv.render(sample()), csv.render(sample())
  t.eq(a, b)
end)
