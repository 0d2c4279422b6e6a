-- Specs for ctg.xlsx (the libxlsxwriter binding) and ctg.render.xlsx. Run:
-- ctg tests/lua/run.lua tests/lua/xlsx_spec.lua
local t = ...
local xlsx = require("ctg.xlsx")
local render = require("ctg.render.xlsx")
local report = require("ctg.report")

local function exists(path)
  local f = io.open(path, "rb")
  if f then f:close() end
  return f ~= nil
end

t.test("binding: a workbook is written on close only; a collected workbook leaves no file", function()
  local dir = t.tmpdir()
  local wb = xlsx.workbook(dir .. "/a.xlsx", { created = 0 })
  local ws = wb:sheet("Feuille")
  ws:write(0, 0, "texte"); ws:write(0, 1, 12.5, wb:format { num = "#,##0.0" }); ws:write(0, 2, nil); ws:write(0, 3, true)
  ws:column(0, 20); ws:freeze(1, 0)
  t.ok(not exists(dir .. "/a.xlsx"), "nothing before close")
  t.eq(wb:close(), true)
  t.ok(exists(dir .. "/a.xlsx"), "the file after close")
  local lost = xlsx.workbook(dir .. "/lost.xlsx")
  lost:sheet("x")
  lost = nil -- luacheck: ignore
  collectgarbage(); collectgarbage()
  t.ok(not exists(dir .. "/lost.xlsx"), "no file without close")
end)

t.test("binding: bad input is an error naming what is wrong", function()
  local dir = t.tmpdir()
  local wb = xlsx.workbook(dir .. "/b.xlsx")
  t.raises(function() wb:sheet("a/b") end, "bad sheet name 'a/b'")
  t.raises(function() wb:sheet(string.rep("x", 32)) end, "bad sheet name")
  local ws = wb:sheet("ok")
  t.raises(function() wb:sheet("OK") end, "bad sheet name 'OK'")
  t.raises(function() ws:write(-1, 0, 1) end, "row out of range")
  t.raises(function() ws:write(0, 0, {}) end, "number, string, boolean or nil")
  t.raises(function() ws:write(0, 0, 1, 99) end, "not a format of this workbook")
  t.raises(function() ws:write(0, 0, "a\0b") end, "NUL byte")
  t.raises(function() ws:column(0, 300) end, "width from 0 to 255")
  t.raises(function() wb:format { fill = -1 } end, "fill must be 0xRRGGBB")
  wb:close()
  t.raises(function() wb:close() end, "already closed")
  t.raises(function() ws:write(0, 0, 1) end, "already closed")
end)

t.test("render: number formats follow the displayed cell (ratio ×100, points, euros, decimals)", function()
  local function code(display, raw) local _, shown = report.displayed_number(display, raw); return render.number_format(shown) end
  t.eq(code("1\u{202F}620\u{202F}000\u{202F}€", 1620000), '#,##0" €"')
  t.eq(code("13,5\u{202F}%", 0.135), "#,##0.0\\ %")
  t.eq(code("13,5\u{202F}%", 13.5), '#,##0.0" %"')
  t.eq(code("3,25", 3.25), "#,##0.00")
  t.eq(code("12", 12), "#,##0")
end)

t.test("render: sheet names fit Excel (31 characters, cut on a character, unique, no [ ] : * ? / \\)", function()
  local used = {}
  t.eq(render.sheet_name("Indicateurs", used), "Indicateurs")
  t.eq(render.sheet_name("indicateurs", used), "indicateurs (2)")
  t.eq(render.sheet_name("a/b:c", used), "a b c")
  local long = render.sheet_name(string.rep("é", 40), used)
  t.eq(utf8.len(long), 31)
  t.eq(render.sheet_name("", used), "Tableau")
end)

t.test("render: a failing write leaves neither the target nor its temporary file", function()
  local dir = t.tmpdir()
  local ok = pcall(render.write, dir .. "/c.xlsx", { { name = "a", columns = { "x" }, rows = { { "a\0b" } } } })
  t.ok(not ok, "a bad cell fails")
  t.ok(not exists(dir .. "/c.xlsx") and not exists(dir .. "/c.xlsx.tmp"), "nothing left")
  t.raises(function() render.write(dir .. "/no/such/dir/d.xlsx", { { name = "a", columns = { "x" }, rows = {} } }) end,
           "impossible d'écrire")
end)
