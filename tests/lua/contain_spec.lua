-- Specs for the containment of code from others (issue 25): sandbox.plain, documents that
-- only report.new makes, exit errors only ctg makes, avenant chains, terminal text.
-- Run: ctg tests/lua/run.lua tests/lua/contain_spec.lua
local t = ...
local sandbox = require("ctg.sandbox")

t.test("sandbox.plain: metatables dropped, read raw, cycles and shared tables kept", function()
  local calls = 0
  local mt = { __index = function() calls = calls + 1 return "lu" end,
               __pairs = function() calls = calls + 1 return next, {}, nil end,
               __len = function() calls = calls + 1 return 99 end }
  local inner = setmetatable({ 1, 2, x = "y" }, mt)
  local v = { a = inner, b = inner, f = print }
  v.self = v
  local p = sandbox.plain(v)
  t.eq(calls, 0, "no metamethod ran")
  t.eq(getmetatable(p.a), nil)
  t.eq(#p.a, 2); t.eq(p.a.x, "y"); t.eq(p.a.missing, nil)
  t.ok(p.a == p.b, "a shared table stays shared")
  t.ok(p.self == p, "a cycle stays a cycle")
  t.ok(p.f == print, "functions stay")
  t.ok(p ~= v and p.a ~= inner, "copies, not the originals")
  local ok, err = pcall(sandbox.plain, { io.stdout })
  t.eq(ok, false); t.ok(tostring(err):find("userdata ne peut pas sortir du bac à sable", 1, true), tostring(err))
end)

t.test("sandbox.plain reads a frozen view through to ctg's data; keep() keeps ctg's own tables", function()
  local data = { n = 3 }
  local view = sandbox.frozen(data, "x")
  t.ok(sandbox.plain({ v = view }).v == data)
  local own = setmetatable({}, { __index = function() error("read") end })
  local p = sandbox.plain({ own }, function(x) return x == own end)
  t.ok(p[1] == own)
end)

t.test("setmetatable in the sandbox refuses __gc, even as a placeholder", function()
  local g = sandbox.globals("un script de rapport")
  t.ok(g.setmetatable({}, { __index = {} }))
  for _, gc in ipairs({ function() end, false }) do
    local ok, err = pcall(g.setmetatable, {}, { __gc = gc })
    t.eq(ok, false); t.ok(tostring(err):find("__gc n'est pas permis dans un script de rapport", 1, true), tostring(err))
  end
end)

t.test("report.is_document: only what report.new made; the method table is out of reach", function()
  local report = require("ctg.report")
  local doc = report.new { title = "x" }
  t.ok(report.is_document(doc))
  t.eq(doc.__index, nil)
  t.eq(getmetatable(doc), false)
  local fake = setmetatable({ meta = { title = "x" }, blocks = {} }, debug.getmetatable(doc))
  t.eq(report.is_document(fake), false)
  t.eq(report.is_document({ meta = {}, blocks = {} }), false)
  t.ok(report.check_document(doc))
  rawset(doc, "blocks", setmetatable({}, {}))
  local ok, why = report.check_document(doc)
  t.eq(ok, nil); t.ok(why:find("document.blocks", 1, true), why)
end)

t.test("exit errors: only ctg.cli.args.fail makes one", function()
  local args = require("ctg.cli.args")
  local ok, e = pcall(args.fail, 3, "msg")
  t.eq(ok, false); t.ok(args.is_exit_error(e)); t.eq(tostring(e), "msg")
  t.eq(args.is_exit_error({ exit = 0, message = "x" }), false)
  t.eq(args.is_exit_error(setmetatable({ exit = 0 }, { __tostring = function() return "x" end })), false)
  local code, text = args.error_parts({ exit = 0, message = "x" })
  t.eq(code, 1); t.ok(text:find("table", 1, true))
  code, text = args.error_parts(e)
  t.eq(code, 3); t.eq(text, "msg")
end)

t.test("amend.file_key: one key for one file, whatever the spelling", function()
  local amend = require("ctg.amend")
  t.eq(amend.file_key("a/./b.lua"), "a/b.lua")
  t.eq(amend.file_key("a//b.lua"), "a/b.lua")
  t.eq(amend.file_key("x/../a/b.lua"), "a/b.lua")
  t.eq(amend.file_key("/p/q/../r.lua"), "/p/r.lua")
  t.eq(amend.file_key("../a.lua"), "../a.lua")
end)

t.test("terminal text: controls escaped, French text kept", function()
  local sys = require("ctg.sys")
  t.eq(sys.terminal_text("Crèche 13,5\u{202F}%\n"), "Crèche 13,5\u{202F}%\n")
  t.eq(sys.terminal_text("a\27[2Jb\u{202E}c\u{85}"), "a\\x1b[2Jb\\u{202e}c\\u{85}")
  t.eq(sys.terminal_unsafe("ok\t"), false)
  t.eq(sys.terminal_unsafe("\u{2066}"), true)
end)
