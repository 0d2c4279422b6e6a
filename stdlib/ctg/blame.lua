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

-- Whether a debug source is one of ctg's own modules (embedded or under CTG_PATH) or C.
local function own_code(source)
  return source == "=[C]" or source:find("^@stdlib/ctg/") ~= nil or source:find("/stdlib/ctg/.-%.lua$") ~= nil
end

--- Raise message at the first frame that is not ctg's own code (any module of the stdlib,
--- or C): for the functions analysts call that go through several modules (ev:table, a
--- table's methods, ctg.stats), so that the error names the script's line whichever module
--- found the mistake.
function blame.raise_user(message)
  local level = 2
  while getinfo do
    local info = getinfo(level, "S")
    if not info or not own_code(info.source) then break end
    level = level + 1
  end
  error(message, level)
end

--- The debug source of the calling chunk, to pass to raise.
function blame.source()
  return getinfo and getinfo(2, "S").source
end

return blame
