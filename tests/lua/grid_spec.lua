-- Specs for ctg.grid (text tables that fit a terminal). Run: ctg tests/lua/run.lua tests/lua/grid_spec.lua
local t = ...
local grid = require("ctg.grid")

local function widest(text)
  local n = 0
  for line in (text .. "\n"):gmatch("(.-)\n") do n = math.max(n, utf8.len(line)) end
  return n
end

t.test("wrap: words kept whole, a word longer than the column cut with …", function()
  t.eq(grid.wrap("non disponible : aucune donnée", 14), { "non disponible", ": aucune", "donnée" })
  t.eq(grid.wrap("taux_frequentation_passerelle", 10), { "taux_freq…" })
  t.eq(grid.wrap("", 5), { "" })
  t.eq(grid.wrap("Évaluée à 3,9", 9), { "Évaluée à", "3,9" }, "accents count as one column")
end)

t.test("render: a narrow table is left as it is", function()
  t.eq(grid.render({ "A", "Bé" }, { { "x", 12 }, { "long", nil } }),
    "A     Bé\n────  ──\nx     12\nlong")
end)

t.test("render: flexible columns narrow and wrap until the table fits the width", function()
  local text = string.rep("mot ", 40)
  local out = grid.render({ "Indicateur", "Texte" }, { { "places_100", text } }, { flexible = { [2] = true }, width = 40 })
  t.eq(widest(out), 40)
  t.ok(out:find("places_100  mot mot", 1, true), out)
  t.ok(select(2, out:gsub("\n", "")) > 4, "the long cell takes several lines")
end)

t.test("render: columns not marked flexible keep their width even when too wide", function()
  local out = grid.render({ "Id" }, { { string.rep("x", 30) } }, { width = 10 })
  t.eq(widest(out), 30)
end)

t.test("render with cut: a long cell is cut with … on its one line; many columns fit a narrow width", function()
  t.eq(grid.cut("Saint-Étienne-du-Lac", 8), "Saint-É…")
  t.eq(grid.cut("court", 8), "court")
  t.eq(grid.cut("deux\nlignes", 20), "deux lignes", "a newline would break the grid")
  local flexible, header, row = {}, {}, {}
  for i = 1, 12 do flexible[i] = true; header[i] = "colonne" .. i; row[i] = string.rep("é", 15) end
  local out = grid.render(header, { row, row }, { flexible = flexible, width = 60, cut = true, min = 6 })
  t.eq(widest(out), 60)
  t.eq(select(2, out:gsub("\n", "")), 3, "a line per row, none wrapped")
  t.ok(out:find("é…", 1, true), out)
end)
