-- Specs for ctg.svg (report charts). Run: ctg tests/lua/run.lua tests/lua/svg_spec.lua
local t = ...
local svg = require("ctg.svg")

local S = "\u{202F}" -- NARROW NO-BREAK SPACE, as in ctg.fmt
local function g(s) return (s:gsub("_", S)) end

-- ---------------------------------------------------------------- a tiny XML checker

local ENTITY = { amp = true, lt = true, gt = true, quot = true, ["#39"] = true }

--- Every "&" starts a known entity; no raw "<", ">", '"' (the module escapes them all).
local function check_escaped(s, where)
  for ent in s:gmatch("&([^;]*);?") do
    t.ok(ENTITY[ent], "unknown or bare entity &" .. ent .. " in " .. where)
  end
  t.ok(not s:find("[<>]"), "raw < or > in " .. where .. ": " .. s)
end

local DECODE = { amp = "&", lt = "<", gt = ">", quot = '"', ["#39"] = "'" }

--- Decodes the five entities the module writes.
local function unesc(s) return (s:gsub("&([^;]+);", DECODE)) end

--- Parses an SVG document into a tree { name, attrs, children, text } and checks it is
--- well-formed: one root, balanced tags, quoted attributes, escaped text, unique ids, no
--- script and no URL but the namespace.
local function parse(doc)
  t.eq(doc:sub(1, 4), "<svg", "starts with <svg")
  t.ok(not doc:lower():find("<script", 1, true), "no <script")
  local _, https = doc:gsub("http", "")
  t.eq(https, 1, "the only URL is the xmlns")
  t.ok(doc:find('xmlns="http://www.w3.org/2000/svg"', 1, true), "the SVG namespace")
  t.ok(not doc:find("href", 1, true), "no external reference")
  local root = { children = {} }
  local stack = { root }
  local ids = {}
  local pos = 1
  while pos <= #doc do
    local lt = doc:find("<", pos, true)
    local chunk = doc:sub(pos, (lt or #doc + 1) - 1)
    if chunk:find("%S") then
      t.ok(#stack > 1, "text outside the root element: " .. chunk)
      check_escaped(chunk, "text")
      local top = stack[#stack]
      top.text = (top.text or "") .. unesc(chunk)
    end
    if not lt then break end
    local gt = doc:find(">", lt, true)
    t.ok(gt, "unterminated tag")
    local tag = doc:sub(lt + 1, gt - 1)
    pos = gt + 1
    if tag:sub(1, 1) == "/" then
      local name = tag:sub(2)
      local open = table.remove(stack)
      t.eq(name, open.name, "closing tag matches")
    else
      local self_closing = tag:sub(-1) == "/"
      if self_closing then tag = tag:sub(1, -2) end
      local name, rest = tag:match("^([%a][%w:-]*)(.*)$")
      t.ok(name, "tag name in <" .. tag .. ">")
      local node = { name = name, attrs = {}, children = {} }
      local consumed = rest:gsub('%s+([%a][%w:-]*)="([^"]*)"', function(k, v)
        t.ok(node.attrs[k] == nil, "duplicate attribute " .. k)
        check_escaped(v, "attribute " .. k)
        node.attrs[k] = v
        return ""
      end)
      t.ok(not consumed:find("%S"), "unparsed attribute text in <" .. name .. ">: " .. consumed)
      if node.attrs.id then
        t.ok(not ids[node.attrs.id], "duplicate id " .. node.attrs.id)
        ids[node.attrs.id] = true
      end
      local parent = stack[#stack]
      parent.children[#parent.children + 1] = node
      if not self_closing then stack[#stack + 1] = node end
    end
  end
  t.eq(#stack, 1, "every element closed")
  t.eq(#root.children, 1, "one root element")
  return root.children[1], ids
end

--- All elements of a tree named `name`, in document order.
local function find_all(node, name, acc)
  acc = acc or {}
  if node.name == name then acc[#acc + 1] = node end
  for _, c in ipairs(node.children) do find_all(c, name, acc) end
  return acc
end

--- The text of every <text> element.
local function texts(root)
  local out = {}
  for _, n in ipairs(find_all(root, "text")) do out[#out + 1] = n.text or "" end
  return out
end

local function has_text(root, s)
  for _, x in ipairs(texts(root)) do if x == s then return true end end
  return false
end

--- Checks the accessible frame: role, <title> and <desc> first, aria-labelledby naming them.
local function check_frame(root)
  t.eq(root.name, "svg")
  t.eq(root.attrs.role, "img")
  t.eq(root.children[1].name, "title", "first child")
  t.eq(root.children[2].name, "desc", "second child")
  local tid, did = root.children[1].attrs.id, root.children[2].attrs.id
  t.ok(tid and did, "title and desc have ids")
  t.eq(root.attrs["aria-labelledby"], tid .. " " .. did)
  t.eq(root.attrs["font-family"], "DejaVu Sans, Arial, sans-serif")
  t.ok(root.attrs.viewBox:match("^0 0 %d+ %d+$"), "viewBox")
  t.eq(root.attrs.viewBox, "0 0 " .. root.attrs.width .. " " .. root.attrs.height)
  for _, n in ipairs(find_all(root, "text")) do
    local size = tonumber(n.attrs["font-size"])
    t.ok(size >= 11 and size <= 13, "font size 11–13 px")
  end
end

--- Coordinates: at most 2 decimals, no trailing zero, no "-0".
local function check_numbers(doc)
  for attr in doc:gmatch('="([^"]*)"') do
    for numtext in attr:gmatch("%-?%d+%.%d+") do
      t.ok(#numtext:match("%.(%d+)$") <= 2, "at most 2 decimals: " .. numtext)
      t.ok(not numtext:match("0$"), "no trailing zero: " .. numtext)
    end
    t.ok(not attr:match("^%-0$") and not attr:find("[%s,]%-0[%s,]") and not attr:find("[ML]%-0 "), "no -0 in " .. attr)
  end
end

local function render(spec)
  local doc = svg.render(spec)
  local root = parse(doc)
  check_frame(root)
  check_numbers(doc)
  return doc, root
end

-- ---------------------------------------------------------------- sample specs

local function line_spec()
  return { kind = "line", title = "Places pour 100 enfants", desc = "Évolution 2020–2023",
    x = { "2020", "2021", "2022", "2023" }, decimals = 1, y_label = "places pour 100 enfants",
    series = { { name = "Ville", values = { 13.5, 13.7, nil, 14.6 } } } }
end

local function bars_spec()
  return { kind = "bars", title = "Financement CAF", format = "euros",
    categories = { "2021", "2022", "2023" }, values = { 1250000, 1600000, nil, n = 3 } }
end

local function stacked_spec()
  return { kind = "stacked", title = "Avancement des étapes", categories = { "Action 1", "Action 2" },
    stacks = { { name = "terminées", values = { 1, 0 } }, { name = "en cours", values = { 2, 1 } },
               { name = "non commencées", values = { 3, 2 } } } }
end

local LONG = "1-B Recenser les besoins de garde en horaires atypiques auprès des familles monoparentales"

local function gantt_spec()
  return { kind = "gantt", title = "Calendrier de l'axe 1", years = { 2021, 2022, 2023, 2024, 2025 },
    rows = { { label = "1-A Mettre en place un groupe de travail", planned = { 2022, 2023 },
               actual = { [2022] = "started", [2023] = "done" } },
             { label = LONG, planned = { 2021, 2022 }, actual = { [2021] = "dropped" } },
             { label = "1-C Créer un lieu d'accueil", planned = nil } } }
end

-- ---------------------------------------------------------------- module

t.test("module: render is the API; loading defines no global", function()
  t.eq(type(svg.render), "function")
  local before = {}
  for k in pairs(_G) do before[k] = true end
  local saved = package.loaded["ctg.svg"]
  package.loaded["ctg.svg"] = nil
  local again = require("ctg.svg")
  package.loaded["ctg.svg"] = saved
  t.eq(type(again.render), "function")
  for _, spec in ipairs({ line_spec(), bars_spec(), stacked_spec(), gantt_spec() }) do again.render(spec) end
  for k in pairs(_G) do t.ok(before[k], "new global " .. tostring(k)) end
end)

-- ---------------------------------------------------------------- every kind: frame and well-formedness

for _, case in ipairs({ { "line", line_spec }, { "bars", bars_spec }, { "stacked", stacked_spec }, { "gantt", gantt_spec } }) do
  t.test(case[1] .. ": well-formed, accessible frame, deterministic", function()
    local spec = case[2]()
    local doc, root = render(spec)
    t.eq(root.children[1].text, spec.title)
    t.ok(root.children[2].text and #root.children[2].text > 0, "a description")
    t.eq(svg.render(case[2]()), doc, "same spec, same bytes")
    t.eq(doc:sub(-7), "</svg>\n")
  end)
end

t.test("frame: desc is spec.desc when given, else a summary of the data", function()
  local _, root = render(line_spec())
  t.eq(root.children[2].text, "Évolution 2020–2023")
  local spec = line_spec()
  spec.desc = nil
  _, root = render(spec)
  local desc = "Graphique en courbes. Ville — 2020 : 13,5 ; 2021 : 13,7 ; 2022 : n.d. ; 2023 : 14,6."
  desc = desc:gsub(" :", "\u{00A0}:"):gsub(" ;", S .. ";")
  t.eq(root.children[2].text, desc)
end)

-- ---------------------------------------------------------------- ids

t.test("ids: from spec.id, else a hash of the spec; no dependence on call order", function()
  local spec = line_spec()
  spec.id = "fig-3"
  local _, root = render(spec)
  t.eq(root.attrs["aria-labelledby"], "fig-3-title fig-3-desc")
  spec.id = 7 -- a counter, as the HTML renderer passes it
  _, root = render(spec)
  t.eq(root.attrs["aria-labelledby"], "ctg-chart-7-title ctg-chart-7-desc")

  local a, b = line_spec(), line_spec()
  b.title = "Autre titre"
  local first = svg.render(a)
  local other = svg.render(b)
  t.eq(svg.render(a), first, "rendering another chart in between changes nothing")
  local ida = first:match('<title id="([^"]+)"')
  local idb = other:match('<title id="([^"]+)"')
  t.ok(ida:match("^ctg%-chart%-%x+%-title$"), ida)
  t.ok(ida ~= idb, "different titles, different ids")
  -- two charts of one document: no id in common
  local _, ids1 = parse(first)
  local _, ids2 = parse(svg.render(gantt_spec()))
  for id in pairs(ids1) do t.ok(not ids2[id], "shared id " .. id) end
  t.raises(function() svg.render({ kind = "line", title = "x", id = "a b", x = { "1" }, series = { { values = { 1 } } } }) end,
    "svg: line chart: id must be")
end)

t.test("ids: the gantt hatch pattern id is prefixed by the chart id", function()
  local spec = gantt_spec()
  spec.id = "g1"
  local doc, root = render(spec)
  local patterns = find_all(root, "pattern")
  t.eq(#patterns, 1)
  t.eq(patterns[1].attrs.id, "g1-hatch")
  t.ok(doc:find('fill="url(#g1-hatch)"', 1, true), "rows use the pattern")
end)

-- ---------------------------------------------------------------- ticks and French labels

t.test("ticks: euros up to 1 600 000 on an axis in M€ with one decimal; values in full", function()
  local _, root = render(bars_spec())
  for _, label in ipairs({ "0 €", "0,5 M€", "1,0 M€", "1,5 M€", "2,0 M€" }) do
    t.ok(has_text(root, g(label:gsub(" ", "_"))), "tick " .. label)
  end
  t.ok(has_text(root, g("1_600_000_€")), "bar label not abbreviated")
  t.ok(has_text(root, g("1_250_000_€")))
end)

t.test("ticks: euros in tens of thousands in k€; below 10 000 in plain euros", function()
  local _, root = render({ kind = "bars", title = "k", format = "euros", categories = { "a", "b" }, values = { 42000, 85000 } })
  for _, label in ipairs({ "0_€", "20_k€", "40_k€", "60_k€", "80_k€", "100_k€" }) do t.ok(has_text(root, g(label)), label) end
  _, root = render({ kind = "bars", title = "p", format = "euros", categories = { "a", "b" }, values = { 4200, 7500 } })
  for _, label in ipairs({ "0_€", "2_000_€", "8_000_€" }) do t.ok(has_text(root, g(label)), label) end
end)

t.test("ticks: 4 to 6 nice ticks on every axis", function()
  local cases = { { 1, 7 }, { 0.3, 0.9 }, { 12, 4800 }, { 13.5, 14.6 }, { 3, 97 }, { 1e-3, 2.2e-3 }, { 5, 1234567 } }
  for _, c in ipairs(cases) do
    local _, root = render({ kind = "bars", title = "t", categories = { "a", "b" }, values = { c[1], c[2] }, decimals = 3 })
    local grid = 0
    for _, l in ipairs(find_all(root, "line")) do if l.attrs.x1 ~= l.attrs.x2 then grid = grid + 1 end end
    t.ok(grid >= 5 and grid <= 7, "4–6 ticks (plus baseline) for " .. c[1] .. "–" .. c[2] .. ": " .. grid)
  end
end)

t.test("ticks: 4 to 6 on a grid of ranges, in every format", function()
  local fracs = { 0.05, 0.3, 0.55, 0.62, 0.81, 0.93 }
  for p = -3, 6 do
    for _, a in ipairs(fracs) do
      for _, b in ipairs({ 0.97, 1.31, 2.2, 4.9, 7.7 }) do
        for _, f in ipairs({ "number", "percent", "points", "euros" }) do
          local lo, hi = a * 10 ^ p, b * 10 ^ p
          local doc = svg.render({ kind = "line", title = "t", format = f, decimals = 2, x = { "a", "b" }, series = { { values = { lo, hi } } } })
          local _, n = doc:gsub('text%-anchor="end" fill="#555555"', "")
          t.ok(n >= 4 and n <= 6, string.format("%d ticks for %s %g–%g", n, f, lo, hi))
        end
      end
    end
  end
end)

t.test("ticks: a line axis starts at 0 even when the values are far from it; y_max declares a scale", function()
  local _, root = render(line_spec()) -- 13,5 … 14,6: a rise of 1 point must not look steep
  for _, label in ipairs({ "0", "5", "10", "15" }) do t.ok(has_text(root, label), label) end
  _, root = render({ kind = "line", title = "t", x = { "a", "b", "c" }, series = { { values = { 12, 45, 98 } } } })
  for _, label in ipairs({ "0", "20", "40", "60", "80", "100" }) do t.ok(has_text(root, label), label) end
  _, root = render({ kind = "line", title = "score", x = { "a", "b" }, y_min = 0, y_max = 5, decimals = 1,
                     series = { { values = { 3.4, 3.9 } } } })
  for _, label in ipairs({ "0", "1", "2", "3", "4", "5" }) do t.ok(has_text(root, label), "score tick " .. label) end
  t.raises(function() svg.render({ kind = "line", title = "t", x = { "a" }, y_min = 5, y_max = 1, series = { { values = { 1 } } } }) end,
           "y_min (5) must be below y_max")
end)

t.test("line: a year without value shows n.d.; reference lines are drawn and labelled", function()
  local _, root = render({ kind = "line", title = "t", x = { "2020", "2021", "2022" }, format = "euros",
                           lines = { { value = 100, label = "Plancher", kind = "floor" } },
                           series = { { values = { nil, 120, 130, n = 3 } } } })
  t.ok(has_text(root, "n.d."), "the gap says n.d.")
  local found = false
  for _, x in ipairs(texts(root)) do if x:find("^Plancher\u{00A0}: 100") then found = true end end
  t.ok(found, "the floor line is labelled with its value")
end)

t.test("bars: grouped by series, a bar under the floor marked with ▼ and named in the legend", function()
  local _, root = render({ kind = "bars", title = "t", categories = { "Nord", "Sud" }, orientation = "vertical",
                           lines = { { value = 10, label = "Plancher", kind = "floor" } },
                           series = { { name = "2025", values = { 12, 8 } }, { name = "2027", values = { 14, 11 } } } })
  t.ok(has_text(root, "2025") and has_text(root, "2027"), "one legend entry per series")
  t.ok(has_text(root, "▼ 8"), "the bar under the floor is marked")
  t.ok(has_text(root, "▼ sous le plancher"), "the legend explains the mark")
  t.eq(#find_all(root, "rect") >= 5, true, "four bars and the background")
  t.raises(function() svg.render({ kind = "bars", title = "t", categories = { "a" }, values = { 1 },
                                   series = { { name = "x", values = { 1 } } } }) end, "either values")
end)

t.test("bars: a reference line (the whole the bars are parts of) is dotted, apart from the dashed target", function()
  local doc, root = render({ kind = "bars", title = "t", orientation = "horizontal", format = "points", decimals = 1,
    categories = { "Aubin", "Brice", "Claude" }, values = { 61.5, 48.2, 70.1 },
    lines = { { value = 55.2, label = "Val de Loue", kind = "reference" }, { value = 60, label = "Cible 2026", kind = "target" } } })
  local dashes = {}
  for _, l in ipairs(find_all(root, "line")) do
    if l.attrs["stroke-dasharray"] then dashes[#dashes + 1] = l.attrs.stroke .. " " .. l.attrs["stroke-dasharray"] end
  end
  -- drawn across the plot (reference dotted black, target dashed navy), then in the legend
  t.ok(table.concat(dashes, "|"):find("#000000 2 3|#1b365d 6 4", 1, true), "the two lines apart: " .. table.concat(dashes, "|"))
  t.ok(has_text(root, g("Val de Loue\u{00A0}: 55,2_%")), "the reference is named with its value in the legend")
  t.ok(has_text(root, g("Cible 2026\u{00A0}: 60,0_%")), "and the target")
  t.ok(doc:find("Val de Loue\u{00A0}: 55,2", 1, true), "the description says it too")
  t.raises(function() svg.render({ kind = "bars", title = "t", categories = { "a" }, values = { 1 },
    lines = { { value = 1, label = "x", kind = "mean" } } }) end, '"target", "floor" or "reference", got string "mean"')
end)

-- n categories "Commune 1"… with values 1..n (the 7th missing), as a chart of the communes of an EPCI
local function communes_spec(n)
  local cats, values = {}, { n = n }
  for i = 1, n do cats[i] = "Commune " .. i; values[i] = i ~= 7 and i or nil end
  return { kind = "bars", title = "Taux par commune", categories = cats, values = values, id = "c",
           lines = { { value = 2 * n, label = "Cible", kind = "target" } } }
end

t.test("bars: 40 communes fit an A4 page (compact rows, one line of label each)", function()
  local _, root = render(communes_spec(40))
  local height = tonumber(root.attrs.height)
  -- the text column of the A4 page is about 1 000 px high with the caption
  t.ok(height <= 900, "40 bars in at most 900 px, got " .. height)
  t.ok(has_text(root, "Commune 40") and has_text(root, "n.d."), "every label, and the missing value said")
  local _, few = render(communes_spec(12))
  t.ok(tonumber(few.attrs.height) >= 12 * 32, "a dozen bars keep their roomy rows")
end)

t.test("parts: beyond 40 bars a chart is cut into even parts with one axis, the title repeated", function()
  t.eq(#svg.parts(communes_spec(40)), 1, "40 bars: one figure")
  t.eq(#svg.parts(line_spec()), 1, "a line chart is never cut")
  local spec = communes_spec(45)
  local parts = svg.parts(spec)
  t.eq(#parts, 2, "45 bars: two figures")
  t.eq(#parts[1].categories, 23); t.eq(#parts[2].categories, 22)
  t.eq(parts[2].categories[1], "Commune 24", "the second part goes on where the first stops")
  t.eq(parts[2].values[1], 24); t.eq(parts[2].values.n, 22)
  t.eq(parts[1].title, "Taux par commune"); t.eq(parts[2].title, "Taux par commune (suite)")
  t.eq({ parts[1].y_min, parts[1].y_max }, { 1, 90 }, "one value range for every part, the lines included")
  t.eq({ parts[2].y_min, parts[2].y_max }, { 1, 90 })
  t.eq(parts[2].id, "c-2", "ids stay unique")
  t.eq(spec.title, "Taux par commune", "the spec itself is left as it was")
  t.eq(#spec.categories, 45)
  local _, a = render(parts[1])
  local _, b = render(parts[2])
  -- the same ticks on both axes, up to the target of 90: the parts read against one scale
  -- (above 45, no bar's value label is a number)
  local function ticks(root)
    local out = {}
    for _, x in ipairs(texts(root)) do if x:match("^%d+$") and tonumber(x) > 45 then out[#out + 1] = x end end
    return table.concat(out, " ")
  end
  t.eq(ticks(a), ticks(b))
  local c81 = communes_spec(81)
  local stacked = svg.parts({ kind = "stacked", title = "s", categories = c81.categories,
    stacks = { { name = "a", values = c81.values }, { name = "b", values = c81.values } } })
  t.eq(#stacked, 3, "81 stacked bars: three parts of 27")
  t.eq(stacked[3].stacks[2].values.n, 27)
  t.eq(stacked[3].stacks[2].values[27], 81)
end)

t.test("truncation never cuts a UTF-8 character (a label ending near – or œ)", function()
  local label = string.rep("Étape œuvre – cœur ", 8)
  local doc = svg.render({ kind = "gantt", title = "t", years = { 2021, 2022 }, rows = { { label = label } } })
  t.ok(utf8.len(doc), "the SVG is valid UTF-8")
  for i = 20, 60 do
    local l = string.rep("x", i) .. " – œ"
    t.ok(utf8.len(svg.render({ kind = "gantt", title = "t", years = { 2021 }, rows = { { label = l } } })), "cut at " .. i)
  end
end)

t.test("ticks: percent (ratios) and points (already percent)", function()
  local _, root = render({ kind = "line", title = "t", format = "percent", x = { "a", "b" }, series = { { values = { 0.12, 0.45 } } } })
  for _, label in ipairs({ "0_%", "10_%", "50_%" }) do t.ok(has_text(root, g(label)), label) end
  t.ok(has_text(root, g("45_%")), "last value")
  _, root = render({ kind = "line", title = "t", format = "points", x = { "a", "b" }, series = { { values = { 12, 45 } } } })
  for _, label in ipairs({ "0_%", "10_%", "50_%" }) do t.ok(has_text(root, g(label)), label) end
end)

t.test("ticks: counts keep whole steps (no 0,5 step)", function()
  local _, root = render({ kind = "stacked", title = "t", categories = { "a" }, stacks = { { name = "x", values = { 1 } }, { name = "y", values = { 1 } } } })
  for _, s in ipairs(texts(root)) do t.ok(not s:find(","), "no decimal tick: " .. s) end
  t.ok(has_text(root, "2"))
end)

t.test("ticks: large numbers grouped with U+202F", function()
  local _, root = render({ kind = "bars", title = "t", categories = { "a", "b" }, values = { 1200, 4800 } })
  t.ok(has_text(root, g("5_000")), "tick 5 000")
  t.ok(has_text(root, g("4_800")), "value 4 800")
end)

-- ---------------------------------------------------------------- line

t.test("line: a nil value breaks the line into two subpaths, never drawn as 0", function()
  local _, root = render(line_spec())
  local paths = find_all(root, "path")
  t.eq(#paths, 1)
  local d = paths[1].attrs.d
  local _, moves = d:gsub("M", "")
  t.eq(moves, 2, "two subpaths: " .. d)
  t.eq(#find_all(root, "circle"), 3, "a marker per available value")
end)

t.test("line: an isolated point is visible (a marker) and the last value is labelled", function()
  local _, root = render({ kind = "line", title = "t", x = { "a", "b", "c" }, series = { { values = { nil, 5, nil, n = 3 } } } })
  t.eq(#find_all(root, "circle"), 1, "one marker")
  t.ok(has_text(root, "5"), "its value labelled")
  _, root = render(line_spec())
  t.ok(has_text(root, "14,6"), "last value at the end of the line")
end)

t.test("line: a legend with several series, none with one; a marker shape per series", function()
  local spec = line_spec()
  local _, root = render(spec)
  t.ok(not has_text(root, "Ville"), "no legend for one series")
  spec.series[2] = { name = "Département", values = { 14, 14.2, 14.1, 14.5 } }
  _, root = render(spec)
  t.ok(has_text(root, "Ville") and has_text(root, "Département"), "legend")
  t.eq(#find_all(root, "rect") > 1, true, "squares mark the second series")
end)

t.test("line: with no value at all, the plot says so", function()
  local _, root = render({ kind = "line", title = "t", x = { "a", "b" }, series = { { values = { n = 2 } } } })
  t.ok(has_text(root, "aucune valeur disponible (n.d.)"))
  t.eq(#find_all(root, "path"), 0, "no line")
end)

t.test("line: NaN and infinities are not available, like nil", function()
  local spec = line_spec()
  spec.series[1].values = { 13.5, 0 / 0, math.huge, 14.6 }
  local _, root = render(spec)
  local _, moves = find_all(root, "path")[1].attrs.d:gsub("M", "")
  t.eq(moves, 2)
end)

-- ---------------------------------------------------------------- bars

t.test("bars: nil → no bar and an n.d. label; the others labelled", function()
  local _, root = render(bars_spec())
  local bars = 0
  for _, r in ipairs(find_all(root, "rect")) do if r.attrs.fill == "#0072b2" then bars = bars + 1 end end
  t.eq(bars, 2, "two bars for three categories")
  t.ok(has_text(root, "n.d."), "n.d. label")
end)

t.test("bars: long category labels switch to horizontal bars, labels kept whole when they fit", function()
  local cats = { "Saint-Jacques", "La Gauthière", "Croix-de-Neyrat", "Les Vergnes", "Fontaine du Bac", "Centre-ville historique et Jaude" }
  local _, root = render({ kind = "bars", title = "t", categories = cats, values = { 1250, 980, nil, 430, 2210, 15 } })
  for _, c in ipairs(cats) do t.ok(has_text(root, c), c) end
  t.ok(tonumber(root.attrs.height) > 200)
  local _, v = render({ kind = "bars", title = "t", categories = cats, values = { 1, 2, 3, 4, 5, 6 }, orientation = "vertical" })
  t.ok(#find_all(v, "title") > 1, "a truncated label keeps its full text in a <title>")
end)

t.test("bars: negative values go below the baseline", function()
  local doc, root = render({ kind = "bars", title = "t", categories = { "a", "b" }, values = { -3, 5 } })
  t.ok(has_text(root, "-3") and has_text(root, "5"))
  t.ok(has_text(root, "-4") or has_text(root, "-5"), "a negative tick")
  t.ok(not doc:find('height="-', 1, true), "no negative height")
end)

-- ---------------------------------------------------------------- stacked

t.test("stacked: legend, segments, totals; an unknown part makes the total n.d.", function()
  local _, root = render(stacked_spec())
  for _, name in ipairs({ "terminées", "en cours", "non commencées" }) do t.ok(has_text(root, name), name) end
  t.ok(has_text(root, "6"), "total of Action 1")
  t.ok(has_text(root, "3"), "total of Action 2")
  local spec = stacked_spec()
  spec.stacks[2].values = { 2, nil, n = 2 }
  _, root = render(spec)
  t.ok(has_text(root, "n.d."), "total n.d.")
  spec.orientation = "horizontal"
  local doc = render(spec)
  t.ok(doc:find("Action 2", 1, true))
end)

t.test("stacked: stacks named as statuses take the status colours (as in the gantt)", function()
  local doc = render(stacked_spec())
  t.ok(doc:find('fill="#009e73"', 1, true), "terminées in the 'done' green")
  t.ok(doc:find('fill="#0072b2"', 1, true), "en cours in the 'started' blue")
end)

-- ---------------------------------------------------------------- gantt

t.test("gantt: years as header columns, planned years shaded, status markers by shape", function()
  local _, root = render(gantt_spec())
  for y = 2021, 2025 do t.ok(has_text(root, tostring(y)), "header " .. y) end
  local planned = 0
  for _, r in ipairs(find_all(root, "rect")) do if r.attrs.fill == "#cfe2f3" then planned = planned + 1 end end
  t.eq(planned, 3, "two planned bars and the legend swatch")
  for _, label in ipairs({ "années prévues", "non commencé", "commencé", "terminé", "abandonné" }) do
    t.ok(has_text(root, label), "legend " .. label)
  end
end)

t.test("gantt: unknown planning is hatched with the words 'calendrier inconnu'", function()
  local doc, root = render(gantt_spec())
  t.ok(has_text(root, "calendrier inconnu"))
  t.eq(#find_all(root, "pattern"), 1)
  local _, uses = doc:gsub("url%(#[^)]+%-hatch%)", "")
  t.eq(uses, 2, "the row and the legend swatch")
  local spec = gantt_spec()
  table.remove(spec.rows, 3)
  doc = render(spec)
  t.ok(not doc:find("<pattern", 1, true), "no pattern when every calendar is known")
end)

t.test("gantt: a long label is cut with … and kept whole in the row's <title>", function()
  local _, root = render(gantt_spec())
  local cut
  for _, s in ipairs(texts(root)) do
    if s:sub(1, 10) == LONG:sub(1, 10) then cut = s end
  end
  t.ok(cut and cut ~= LONG and cut:sub(-3) == "…", "truncated: " .. tostring(cut))
  local found = false
  for _, grp in ipairs(find_all(root, "g")) do
    if grp.children[1].name == "title" and grp.children[1].text == LONG then found = true end
  end
  t.ok(found, "full label in a <title> child of the row group")
end)

t.test("gantt: the height grows with the rows", function()
  local spec = gantt_spec()
  local _, a = render(spec)
  for i = 1, 6 do spec.rows[#spec.rows + 1] = { label = "Étape " .. i, planned = { 2024 } } end
  local _, b = render(spec)
  t.ok(tonumber(b.attrs.height) > tonumber(a.attrs.height) + 100)
end)

-- ---------------------------------------------------------------- escaping

t.test("escaping: < & \" ' in titles, labels and series names", function()
  local nasty = [[Taux <moyen> & "global" d'accueil]]
  local spec = line_spec()
  spec.title, spec.desc = nasty, nasty
  spec.x[1] = "<2020>"
  spec.series[2] = { name = nasty, values = { 1, 2, 3, 4 } }
  local doc, root = render(spec)
  t.ok(doc:find("Taux &lt;moyen&gt; &amp; &quot;global&quot; d&#39;accueil", 1, true), "escaped")
  t.ok(not doc:find("<moyen>", 1, true))
  t.ok(not doc:find("<2020>", 1, true))
  t.eq(root.children[1].text, nasty, "decodes back to the title")
  t.ok(has_text(root, "<2020>") and has_text(root, nasty), "label and legend decode back")
  local g2 = gantt_spec()
  g2.rows[1].label = "A & <B>"
  doc = render(g2)
  t.ok(doc:find("A &amp; &lt;B&gt;", 1, true))
  doc = render({ kind = "bars", title = "t", categories = { "x&y" }, values = { 1 } })
  t.ok(doc:find("x&amp;y", 1, true))
end)

-- ---------------------------------------------------------------- errors

t.test("errors: malformed specs name the problem", function()
  t.raises(function() svg.render("line") end, "svg: expected a chart spec (a table)")
  t.raises(function() svg.render({ kind = "pie", title = "t" }) end, 'svg: unknown chart kind string "pie"')
  t.raises(function() svg.render({ title = "t" }) end, "svg: unknown chart kind nil")
  local spec = line_spec()
  spec.series[2] = { name = "B", values = { 1, 2, 3 } }
  t.raises(function() svg.render(spec) end, "svg: line chart: series 2 has 3 values, x has 4")
  spec.series[2] = { name = "B", values = { 1, 2, 3, 4, 5 } }
  t.raises(function() svg.render(spec) end, "svg: line chart: series 2 has 5 values, x has 4")
  spec.series[2] = { name = "B", values = { 1, "2", 3, 4 } }
  t.raises(function() svg.render(spec) end, 'series 2 value 2 must be a number or nil, got string "2"')
  spec.series[2] = { values = { 1, 2, 3, 4 } }
  t.raises(function() svg.render(spec) end, "series 2 needs a name")
  spec = line_spec(); spec.title = nil
  t.raises(function() svg.render(spec) end, "svg: line chart: title must be a non-empty string")
  spec = line_spec(); spec.format = "euro"
  t.raises(function() svg.render(spec) end, "format must be")
  spec = line_spec(); spec.decimals = 1.5
  t.raises(function() svg.render(spec) end, "decimals must be an integer")
  spec = line_spec(); spec.x = {}
  t.raises(function() svg.render(spec) end, "svg: line chart: x is empty")
  spec = bars_spec(); spec.values = { 1, 2 }
  t.raises(function() svg.render(spec) end, "svg: bars chart: values has 2 values, categories has 3 (if the last values are nil, set values.n = 3")
  spec = stacked_spec(); spec.stacks[1].values = { 1, -1 }
  t.raises(function() svg.render(spec) end, "svg: stacked chart: stack 1 value 2 is negative")
  spec = stacked_spec(); spec.stacks = {}
  t.raises(function() svg.render(spec) end, "stacks must be a non-empty list")
  spec = gantt_spec(); spec.rows[1].actual[2022] = "finished"
  t.raises(function() svg.render(spec) end, 'svg: gantt chart: row 1 actual[2022] must be planned, started, done or dropped, got string "finished"')
  spec = gantt_spec(); spec.years = { 2021, "2022" }
  t.raises(function() svg.render(spec) end, "svg: gantt chart: year 2 must be an integer")
  spec = gantt_spec(); spec.rows[2].planned = { "2022" }
  t.raises(function() svg.render(spec) end, "row 2 planned year 1 must be an integer")
  spec = gantt_spec(); spec.rows[1].label = nil
  t.raises(function() svg.render(spec) end, "row 1 label must be a non-empty string")
  spec = bars_spec(); spec.categories[2] = "caf\xE9"
  t.raises(function() svg.render(spec) end, "svg: bars chart: categories 2 is not valid UTF-8")
  spec = line_spec(); spec.series[1].values = { 1, 2, 3, 4, x = 5 }
  t.raises(function() svg.render(spec) end, 'series 1 values has a key that is not a list index: string "x"')
end)

t.test("escaping: control characters, forbidden in XML, become spaces", function()
  local _, root = render({ kind = "bars", title = "a\1b", categories = { "x\0y" }, values = { 1 } })
  t.eq(root.children[1].text, "a b")
  t.ok(has_text(root, "x y"))
end)

t.test("errors: located at the caller, not inside the module", function()
  local spec = line_spec()
  spec.series[1].values = { 1 }
  local msg = t.raises(function() svg.render(spec) end, "series 1 has 1 values")
  t.ok(msg:find("svg_spec.lua", 1, true), "points at the spec file: " .. msg)
end)

-- ---------------------------------------------------------------- samples

t.test("samples: one chart of each kind written to /tmp/svg-samples", function()
  os.execute("mkdir -p /tmp/svg-samples")
  for _, case in ipairs({ { "line", line_spec }, { "bars", bars_spec }, { "stacked", stacked_spec }, { "gantt", gantt_spec } }) do
    local f = assert(io.open("/tmp/svg-samples/spec-" .. case[1] .. ".svg", "w"))
    f:write(svg.render(case[2]()))
    f:close()
  end
end)
