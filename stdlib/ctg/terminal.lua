-- ctg.terminal — what reaches a terminal is safe to show: text from plans and data may hold
-- control characters (ESC sequences that move the cursor or retitle the window, C1
-- controls, bidirectional overrides that reverse what a person reads). On a terminal, ctg's
-- commands and the console write them escaped (\x1b, \u{202e}: ctg.sys.terminal_text);
-- written to a file or a pipe, the bytes stay as they are (each output format escapes
-- what it must: HTML, Markdown, CSV, XLSX).
local sys = require("ctg.sys")

local terminal = {}

local guarded = false

--- Escape s for a terminal (ctg.sys.terminal_text); other values are returned as they are.
function terminal.text(s)
  if type(s) == "string" then return sys.terminal_text(s) end
  return s
end

-- the arguments of a write, escaped; a lone "\r" or "\n" is ctg's own (a progress line)
local function escaped(...)
  local n = select("#", ...)
  local out = table.pack(...)
  for i = 1, n do
    local v = out[i]
    if type(v) == "string" and v ~= "\r" and v ~= "\n" then out[i] = sys.terminal_text(v) end
  end
  return table.unpack(out, 1, n)
end

--- From now on, print, io.write and writes to io.stdout and io.stderr escape control
--- characters when they go to a terminal. Once per process (ctg's commands and the REPL).
function terminal.guard()
  if guarded then return end
  guarded = true
  local out_tty, err_tty = sys.isatty(1), sys.isatty(2)
  if not (out_tty or err_tty) then return end
  local stdout, stderr = io.stdout, io.stderr
  local methods = getmetatable(stdout).__index
  local raw_write = methods.write
  methods.write = function(f, ...)
    if (f == stdout and out_tty) or (f == stderr and err_tty) then return raw_write(f, escaped(...)) end
    return raw_write(f, ...)
  end
  if out_tty then
    local raw_print = print
    _G.print = function(...)
      local n = select("#", ...)
      local t = table.pack(...)
      for i = 1, n do t[i] = sys.terminal_text(tostring(t[i])) end
      return raw_print(table.unpack(t, 1, n))
    end
    local raw_io_write = io.write
    rawset(io, "write", function(...)
      if io.output() == stdout then return methods.write(stdout, ...) end
      return raw_io_write(...)
    end)
  end
end

return terminal
