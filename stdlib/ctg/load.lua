-- ctg.load — read a plan file (.lua or .yaml), build it, lint it.
local dsl = require("ctg.dsl")

local load = {}

function load.collect(path)
  local ext = path:match("%.([%w]+)$")
  ext = ext and ext:lower()
  if ext == "lua" then return dsl.collect_lua(path) end
  if ext == "yaml" or ext == "yml" then return require("ctg.plan_yaml").collect(path) end
  return { decls = {}, path = path, findings = { { severity = "error", code = "format", file = path, line = 0,
    message = require("ctg.msg").text("check.unknown-format") } } }
end

--- Load and check a plan file: returns plan (nil when it could not be built at all),
--- the findings (errors, then warnings and notes), whether any is an error, and for an
--- avenant (a file starting with amendment "ID" { … }) what it amends and changes (see
--- ctg.amend). opts.db: the database an avenant without `amends` file applies to.
function load.check(path, opts)
  local ctx = load.collect(path)
  local info
  if ctx.amendment and not ctx.aborted then
    ctx, info = require("ctg.amend").apply(ctx, opts, load.collect)
    if not info then return nil, ctx.findings, true end
  elseif ctx.removals and not ctx.aborted then
    local r = ctx.removals[1]
    ctx.findings[#ctx.findings + 1] = { severity = "error", code = "amendment", file = r.file, line = r.line,
      message = "remove { … } ne s'emploie que dans un avenant (un fichier qui commence par amendment \"ID\" { … })" }
  end
  local p, findings, has_error = dsl.build(ctx)
  if p and info then p.amendment = info end
  if not p then return nil, findings, true end
  if not has_error then
    for _, f in ipairs(require("ctg.lint").run(p)) do findings[#findings + 1] = f end
  end
  return p, findings, has_error, info
end

--- "file:line: message" for a finding.
function load.format_finding(f)
  local where = f.file or "?"
  if f.line and f.line > 0 then
    where = where .. ":" .. f.line
    if f.column then where = where .. ":" .. f.column end
  end
  return where .. ": " .. f.message
end

--- Load a plan or raise an error listing its errors (for scripts and the REPL).
function load.plan(path)
  local p, findings, has_error = load.check(path)
  if has_error then
    local lines = {}
    for _, f in ipairs(findings) do
      if f.severity == "error" then lines[#lines + 1] = load.format_finding(f) end
    end
    error(table.concat(lines, "\n"), 0)
  end
  return p, findings
end

return load
