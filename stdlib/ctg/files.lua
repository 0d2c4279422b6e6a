-- ctg.files — a command's files read whole and written all or nothing. Lowest layer: the
-- report writer (ctg.output) and the project (ctg.project) use them as the commands do.
local exit = require("ctg.exit")

local files = {}

--- Write text to -o FILE or to stdout; a failed write stops the command (exit 5) with its
--- cause. A file is written all or nothing (ctg.sys.write_file: a temporary beside it, never
--- through a symlink, renamed when complete), so an error never replaces a good earlier file.
function files.write_output(path, text)
  local sys = require("ctg.sys")
  local ok, err
  if not path or path == "-" then
    ok, err = sys.write_stdout(text)
  else
    ok, err = sys.write_file(path, text)
  end
  if not ok then exit.fail(exit.EXIT.OUTPUT, err) end
end

--- The whole content of a file, or nil when it cannot be opened (the caller says why in its
--- own words: a missing script, project file or build state are different mistakes).
function files.read_file(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local text = f:read("a")
  f:close()
  return text
end

return files
