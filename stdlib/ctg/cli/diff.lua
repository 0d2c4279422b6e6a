-- ctg diff OLD NEW [--format text|json]: what an amendment changed.
local args = require("ctg.cli.args")
local load = require("ctg.load")

local function load_or_fail(path)
  local p, findings, has_error = load.check(path)
  if has_error then
    for _, f in ipairs(findings) do
      if f.severity == "error" then io.stderr:write("error: ", load.format_finding(f), "\n") end
    end
    args.fail(args.EXIT.DATA, path .. " has errors (see 'ctg check " .. path .. "')")
  end
  return p
end

return function(argv)
  local opts, pos = args.parse(argv, { command = "diff", usage = "ctg diff OLD NEW [--format text|json]",
    options = { format = { values = { "text", "json" }, default = "text" } }, min = 2, max = 2 })
  local a, b = load_or_fail(pos[1]), load_or_fail(pos[2])
  local diff = require("ctg.diff")
  local changes = diff.plans(a, b)
  if opts.format == "json" then
    local list = {}
    for i, c in ipairs(changes) do
      list[i] = { change = c.change, kind = c.kind, code = c.code, field = c.field, old = c.old, new = c.new, title = c.title }
    end
    local doc = { old = pos[1], new = pos[2], changes = list }
    io.stdout:write(require("ctg.json").encode(doc, { indent = 2, order = function(t)
      if t == doc then return { "old", "new", "changes" } end
      if t.change then return { "change", "kind", "code", "field", "old", "new", "title" } end
    end }), "\n")
  else
    local lines = diff.format_text(changes)
    local counts = { added = 0, removed = 0, changed = 0 }
    for _, c in ipairs(changes) do counts[c.change] = counts[c.change] + 1 end
    lines[#lines + 1] = string.format("%d added, %d removed, %d changed", counts.added, counts.removed, counts.changed)
    io.stdout:write(table.concat(lines, "\n"), "\n")
  end
  return args.EXIT.OK
end
