-- Specs for ctg.msg (the message catalogue). Run: ctg tests/lua/run.lua tests/lua/msg_spec.lua
local t = ...
local msg = require("ctg.msg")

local function placeholders(template)
  local names = {}
  for name in template:gmatch("{([%w_]+)}") do names[#names + 1] = name end
  table.sort(names)
  local out, last = {}, nil
  for _, n in ipairs(names) do if n ~= last then out[#out + 1] = n end last = n end
  return out
end

t.test("catalogue: every key in French and in English, with the same placeholders", function()
  local cat = msg.catalogues()
  local n = 0
  for key, fr in pairs(cat.fr) do
    n = n + 1
    t.ok(cat.en[key], "no English for '" .. key .. "'")
    t.eq(placeholders(cat.en[key]), placeholders(fr), "placeholders of '" .. key .. "'")
  end
  for key in pairs(cat.en) do t.ok(cat.fr[key], "no French for '" .. key .. "'") end
  t.ok(n >= 30, "the catalogue holds the messages (" .. n .. ")")
end)

t.test("catalogue: a key of every domain reachable through msg.text", function()
  for _, domain in ipairs(msg.DOMAINS) do
    local cat = require("ctg.msg." .. domain)
    local key = next(cat.fr)
    t.ok(key, "domain " .. domain .. " has messages")
    local vars = setmetatable({}, { __index = function() return "x" end })
    t.eq(type(msg.text(key, vars)), "string", key)
  end
end)

t.test("text: placeholders filled, an unknown key or a missing placeholder is an error", function()
  t.eq(msg.text("plan.unknown-field.hint", { hint = "title" }), " (vouliez-vous dire 'title' ?)")
  t.raises(function() msg.text("no.such.key") end, "no message 'no.such.key'")
  t.raises(function() msg.text("plan.unknown-field.hint", {}) end, "needs {hint}")
end)

t.test("count: French singular for 0 and 1", function()
  t.eq(msg.count(0, "errors"), "0 erreur")
  t.eq(msg.count(1, "stakes"), "1 enjeu")
  t.eq(msg.count(3, "axes"), "3 axes")
end)
