-- ctg.blame — raise an error at the caller's line: the first stack frame outside the module
-- that detected the mistake, so that a script's bad argument is reported where the script
-- wrote it, not inside ctg's own modules.
local blame = {}

local getinfo = debug and debug.getinfo
local OWN = getinfo and getinfo(1, "S").source

--- Raise message at the first frame whose chunk is neither `source` (the calling module's
--- debug source) nor this module.
function blame.raise(source, message)
  local level = 2
  while getinfo do
    local info = getinfo(level, "S")
    if not info or (info.source ~= source and info.source ~= OWN) then break end
    level = level + 1
  end
  error(message, level)
end

--- The debug source of the calling chunk, to pass to raise.
function blame.source()
  return getinfo and getinfo(2, "S").source
end

return blame
