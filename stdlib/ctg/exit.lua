-- ctg.exit — the one way a command stops with an exit code, and how an error value is read
-- back into its code and text. It sits in the lowest layer so that the modules a command
-- calls (reports, timeline, project, output) stop it without requiring the command line
-- (ctg.cli.args re-exports these for the subcommands).
local msg = require("ctg.msg")

local exit = {}

--- The documented exit codes (ctg --help).
exit.EXIT = { OK = 0, SCRIPT = 1, USAGE = 2, DATA = 3, RULES = 4, OUTPUT = 5, BUSY = 6 }

--- Stop the command: the host prints "ctg: message" and exits with code.
--- The error is ctg's own (ctg.sys.exit_error: a private metatable), so that nothing a
--- script raises can choose an exit code; exit.is_exit_error tells one.
function exit.fail(code, message)
  error(require("ctg.sys").exit_error(code, message), 0)
end

--- Is e an error raised by exit.fail (not a table a script made to look like one)?
function exit.is_exit_error(e)
  return require("ctg.sys").is_exit_error(e)
end

--- The exit code and text of any error value, read without its metamethods: ctg's own
--- errors keep their code, anything else is a script error (exit 1).
function exit.error_parts(e)
  if exit.is_exit_error(e) then return rawget(e, "exit"), tostring(rawget(e, "message")) end
  local kind = type(e)
  if kind == "string" or kind == "number" then return exit.EXIT.SCRIPT, tostring(e) end
  return exit.EXIT.SCRIPT, msg.text("contain.error-object", { type = kind })
end

return exit
