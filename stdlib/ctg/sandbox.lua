-- ctg.sandbox — the environments code from others runs in (plan files, custom rules, report
-- scripts), in the manner of Redis scripts and Nmap NSE: an allow-list of globals, private
-- copies of string, table, math and utf8 (a script that replaces string.format changes its
-- own copy, never ctg's), no process, no file, no bytecode, no debug library. What is left
-- out is a located error at the script's line naming what is not allowed:
--   script.lua:4: io.open n'est pas permis dans un script de rapport : …
-- Reading goes through ctg's API (the plan, a read-only database view, ctx.read_csv).
-- Time and memory are bounded by ctg.limits (sandbox.run).
local limits = require("ctg.limits")
local suggest = require("ctg.suggest")

local sandbox = {}

-- Pure functions every environment gets.
local BASE = { "assert", "error", "ipairs", "next", "pairs", "pcall", "print", "rawequal", "rawget",
  "rawlen", "rawset", "select", "tonumber", "tostring", "type", "xpcall", "_VERSION" }

-- Libraries copied per environment, minus what lets code out.
local LIBRARIES = { string = { dump = true }, table = {}, math = {}, utf8 = {} }
local OS_ALLOWED = { clock = true, date = true, time = true, difftime = true }

-- Why a name is left out, for the error message.
local WHY = {
  io = "les fichiers se lisent par l'API de ctg (ctx.read_csv pour un CSV à côté du script)",
  os = "ni commande, ni fichier : seuls os.clock, os.date, os.time et os.difftime restent",
  require = "les modules de ctg sont dans ctx (ctx.report, ctx.fmt, ctx.present, ctx.svg)",
  load = "pas de code chargé à l'exécution", loadfile = "pas de code chargé à l'exécution",
  dofile = "pas de code chargé à l'exécution", loadstring = "pas de code chargé à l'exécution",
  debug = "la bibliothèque debug donne accès à tout ctg",
  package = "pas de module natif", collectgarbage = "la mémoire est gérée par ctg",
  coroutine = "pas de coroutine dans un script partagé",
  getmetatable = "seules les métatables posées par le script sont visibles",
  dump = "pas de bytecode",
  __gc = "un finaliseur s'exécuterait après le script, hors de ses limites",
}

local TRUST_HINT = " (pour vos propres scripts, --trust donne tout Lua)"

--- The message for a name that code from others may not use.
function sandbox.refusal(name, what)
  local why = WHY[name:match("[^.]+$")] or WHY[name:match("^[^.]+")]
  return name .. " n'est pas permis dans " .. what .. (why and " : " .. why or "") .. TRUST_HINT
end

-- A copy of a library whose missing entries raise at the caller's line.
local function library_copy(name, lib, without, what)
  local copy = {}
  for k, v in pairs(lib) do
    if not (without and without[k]) then copy[k] = v end
  end
  return setmetatable(copy, { __index = function(_, key)
    if type(key) == "string" and lib[key] ~= nil then error(sandbox.refusal(name .. "." .. key, what), 2) end
    return nil
  end })
end

-- getmetatable/setmetatable that only show the metatables the script set itself: ctg's
-- classes and the string metatable (whose __index is ctg's own string library) stay hidden.
local function metatable_functions(what)
  local own = setmetatable({}, { __mode = "k" })
  local function set(t, mt)
    -- a finalizer would run whenever the collector passes, after the run and its limits
    if type(mt) == "table" and rawget(mt, "__gc") ~= nil then
      error(sandbox.refusal("__gc", what), 2)
    end
    local r = setmetatable(t, mt)
    if mt ~= nil then own[mt] = true end
    return r
  end
  local function get(v)
    local mt = getmetatable(v)
    if mt ~= nil and own[mt] then return mt end
    return nil
  end
  return set, get
end

--- print for code from others: to stderr, each line after the place that printed it
--- ("script.lua:4: …"), so that a script can neither write into a command's output nor pass
--- for ctg ("rapport écrit", "build terminé").
function sandbox.print(...)
  local n = select("#", ...)
  local parts = {}
  for i = 1, n do parts[i] = tostring((select(i, ...))) end
  local info = debug.getinfo(2, "Sl")
  local where = info and info.currentline > 0 and (info.short_src .. ":" .. info.currentline .. ": ") or ""
  local text = table.concat(parts, "\t")
  io.stderr:write(where, (text:gsub("\n", "\n" .. where)), "\n")
end

--- A fresh table of the globals code from others may use; what names the code in errors
--- ("un script de rapport"). Libraries are private copies.
function sandbox.globals(what)
  local g = {}
  for _, name in ipairs(BASE) do g[name] = _G[name] end
  for name, without in pairs(LIBRARIES) do g[name] = library_copy(name, _G[name], without, what) end
  local os_copy = {}
  for k in pairs(OS_ALLOWED) do os_copy[k] = os[k] end
  g.os = setmetatable(os_copy, { __index = function(_, key)
    if type(key) == "string" then error(sandbox.refusal("os." .. key, what), 2) end
  end })
  g.setmetatable, g.getmetatable = metatable_functions(what)
  g.print = sandbox.print
  return g
end

--- Is name one of the globals left out on purpose (io, os.execute's os, require, load…)?
function sandbox.refused(name)
  return type(name) == "string" and (WHY[name] ~= nil or _G[name] ~= nil)
end

--- An environment: the globals plus extra names (the vocabulary of a plan file, ctx …);
--- reading an unknown name is an error at the caller's line, with a suggestion for a typo
--- and the reason for a name left out on purpose. Assignments stay in the environment.
function sandbox.environment(what, extra)
  local base = sandbox.globals(what)
  for k, v in pairs(extra or {}) do base[k] = v end
  local names = {}
  for name in pairs(base) do names[#names + 1] = name end
  table.sort(names)
  return setmetatable({}, { __index = function(_, key)
    local v = base[key]
    if v ~= nil then return v end
    if sandbox.refused(key) then error(sandbox.refusal(key, what), 2) end
    local hint = type(key) == "string" and suggest.closest(key, names)
    error("nom inconnu '" .. tostring(key) .. "'" .. (hint and " (vouliez-vous dire '" .. hint .. "' ?)" or ""), 2)
  end })
end

--- A read-only view of a table (a module given to scripts): reading goes through, writing
--- is an error at the caller's line.
function sandbox.readonly(t, name)
  return setmetatable({}, {
    __index = t,
    __newindex = function(_, key)
      error((name or "ce module") .. " est en lecture seule (le script ne peut pas changer " ..
        tostring(key) .. ")", 2)
    end,
    __pairs = function() return next, t, nil end,
    __len = function() return #t end,
    __metatable = false,
  })
end

--- A deep read-only view of v for code from others (what a custom rule receives: the plan,
--- values): tables are read through proxies that refuse writes, at any depth; functions
--- (methods) are called with the originals and their results are viewed in turn, so
--- p:indicator("x") works while p:indicator("x").scale = 1 is an error. Userdata (ctg's
--- native objects, which have mutating methods) stay hidden.
local originals = setmetatable({}, { __mode = "k" }) -- read-only view -> what it shows

--- What a read-only view made by sandbox.frozen shows (x itself for any other value).
function sandbox.original(x)
  return originals[x] or x
end

function sandbox.frozen(v, name)
  name = name or "ces données"
  local proxies = setmetatable({}, { __mode = "k" })   -- original -> proxy
  local wrap
  local function unwrap_all(n, ...)
    local t = table.pack(...)
    for i = 1, n do
      if originals[t[i]] then t[i] = originals[t[i]] end
    end
    return table.unpack(t, 1, n)
  end
  local function wrap_all(...)
    local t = table.pack(...)
    for i = 1, t.n do t[i] = wrap(t[i]) end
    return table.unpack(t, 1, t.n)
  end
  local function refuse(_, key)
    error(name .. " sont en lecture seule (le code ne peut pas changer " .. tostring(key) .. ")", 2)
  end
  wrap = function(x)
    local kind = type(x)
    if kind == "userdata" then return nil end
    if kind ~= "table" and kind ~= "function" then return x end
    local p = proxies[x]
    if p then return p end
    if kind == "function" then
      p = function(...) return wrap_all(x(unwrap_all(select("#", ...), ...))) end
    else
      p = setmetatable({}, {
        __index = function(_, k) return wrap(x[k]) end,
        __newindex = refuse,
        __len = function() return #x end,
        __pairs = function()
          local k
          return function()
            local value
            k, value = next(x, k)
            if k ~= nil then return wrap(k), wrap(value) end
          end
        end,
        __tostring = function() return tostring(x) end,
        __metatable = false,
      })
    end
    proxies[x], originals[p] = p, x
    return p
  end
  return wrap(v)
end

-- How many runs of code from others are under way (nested: a rule in a report).
local depth = 0

--- Run fn(...) within the time and memory limits (ctg.limits); what names it in the error
--- ("le plan", "la règle « x »"). handler: the message handler (nil: ctg's own). An error
--- the code raises comes back as text (or as ctg's own exit error), turned into text within
--- the limits.
function sandbox.run(what, handler, fn, ...)
  depth = depth + 1
  local results = table.pack(pcall(limits.run, what, handler, fn, ...))
  depth = depth - 1
  if not results[1] then error(results[2], 0) end
  return table.unpack(results, 2, results.n)
end

--- Whether code from others is running (then ctg's functions that write files refuse: a
--- table's t:write called from a shared report script).
function sandbox.active() return depth > 0 end

--- A copy of v made of plain data, read raw (next, no metamethod) and without metatables,
--- so that ctg can read what code from others returned after its run without running any
--- of its code (__index, __pairs, __len, __eq, __tostring…). Shared tables and cycles are
--- kept as they are. keep(t) -> true keeps a table of ctg's own as it is (a declaration);
--- a read-only view made by sandbox.frozen is read through to the data it shows. Functions
--- stay (they only run within the limits again); userdata and coroutines are refused.
function sandbox.plain(v, keep)
  local copies = {}
  local function copy(x)
    local kind = type(x)
    if kind == "userdata" or kind == "thread" then
      error("une valeur de type " .. kind .. " ne peut pas sortir du bac à sable", 0)
    end
    if kind ~= "table" then return x end
    if copies[x] then return copies[x] end
    if keep and keep(x) then copies[x] = x return x end
    local shown = sandbox.original(x)
    if shown ~= x then
      -- ctg's own data behind a read-only view: kept as ctg made it
      copies[x] = shown
      return shown
    end
    local t = {}
    copies[x] = t
    for k, value in next, x do
      t[copy(k)] = copy(value)
    end
    return t
  end
  return copy(v)
end

--- sandbox.run whose results are made plain (sandbox.plain) before the limits end.
function sandbox.run_plain(what, handler, fn, ...)
  -- (fn is an argument: the watchdog names its file)
  return sandbox.run(what, handler, function(f, ...)
    local results = table.pack(f(...))
    for i = 1, results.n do results[i] = sandbox.plain(results[i]) end
    return table.unpack(results, 1, results.n)
  end, fn, ...)
end

return sandbox
