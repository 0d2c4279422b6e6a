-- ctg export PLAN [--format yaml|json] [-o FILE]: the whole plan, keys in a fixed order.
local args = require("ctg.cli.args")
local load = require("ctg.load")

return function(argv)
  local opts, pos = args.parse(argv, { command = "export", usage = "ctg export PLAN [--format yaml|json] [-o FILE]",
    options = { format = { values = { "yaml", "json" }, default = "yaml" }, o = { value = true },
                output = { value = true } }, min = 1, max = 1 })
  local p, findings, has_error = load.check(pos[1])
  if has_error then
    for _, f in ipairs(findings) do
      if f.severity == "error" then io.stderr:write("error: ", load.format_finding(f), "\n") end
    end
    args.fail(args.EXIT.DATA, pos[1] .. " has errors: nothing exported (see 'ctg check " .. pos[1] .. "')")
  end
  local export = require("ctg.export")
  local text = opts.format == "json" and export.json(p) or export.yaml(p)
  args.write_output(opts.o or opts.output, text)
  return args.EXIT.OK
end
