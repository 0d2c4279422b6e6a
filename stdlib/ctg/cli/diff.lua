-- ctg diff OLD NEW [--format text|json]: what an amendment changed.
local args = require("ctg.cli.args")
local load = require("ctg.load")
local msg = require("ctg.msg")

local function load_or_fail(path)
  local p, findings, has_error = load.check(path)
  if has_error then
    args.print_errors(findings)
    args.fail(args.EXIT.DATA, require("ctg.msg").text("cli.diff.has-errors", { path = path }))
  end
  return p
end

return function(argv, host)
  local opts, pos, given = args.parse(argv, { command = "diff", usage = "ctg diff ANCIEN NOUVEAU [--plan ID] [--format text|json]  (ANCIEN, NOUVEAU : fichiers de plan, versions enregistrées PLAN-ID@N, PLAN-ID@DATE, ou avec --plan ID : N, DATE)",
    options = { plan = { value = true }, format = { values = { "text", "json" }, default = "text" } }, min = 2, max = 2 })
  local d
  local function get_db()
    d = d or args.open_db_readonly(opts, host)
    return d
  end
  -- a version number or a date (2, @2, 2023-07-01) names a version of the plan --plan names,
  -- else of the database's only plan (a database of several asks which)
  local plan_used = false
  local function plan_of(spec)
    -- a file that exists is a file, even with an @ in its name
    local f = io.open(spec, "rb")
    if f then f:close() return load_or_fail(spec) end
    if spec:match("^.+@[^@]+$") then return args.stored_plan(spec, get_db, "diff") end
    if spec:match("^@?%d+$") or spec:match("^@?%d%d%d%d%-") then
      plan_used = true
      local id = args.plan_id("diff", opts, get_db())
      if not id then d:close(); args.fail(args.EXIT.DATA, msg.text("store.no-plan-any", { path = d.path })) end
      return args.stored_plan(id .. "@" .. spec:gsub("^@", ""), get_db, "diff")
    end
    return load_or_fail(spec)
  end
  local a, b = plan_of(pos[1]), plan_of(pos[2])
  if not plan_used then
    if d then d:close() end
    args.no_effect("diff", given, "plan", msg.text("portfolio.ctx.files"))
  end
  if d then d:close() end
  local diff = require("ctg.diff")
  local changes = diff.plans(a, b)
  if opts.format == "json" then
    local list = {}
    for i, c in ipairs(changes) do
      list[i] = { change = c.change, kind = c.kind, code = c.code, field = c.field, old = c.old, new = c.new, title = c.title }
    end
    -- each side names its plan: a portfolio's database holds several
    local doc = { old = pos[1], new = pos[2], old_plan = a.id, new_plan = b.id, changes = list }
    io.stdout:write(require("ctg.json").encode(doc, { indent = 2, order = function(t)
      if t == doc then return { "old", "new", "old_plan", "new_plan", "changes" } end
      if t.change then return { "change", "kind", "code", "field", "old", "new", "title" } end
    end }), "\n")
  else
    io.stdout:write(diff.text(changes), "\n")
  end
  return args.EXIT.OK
end
