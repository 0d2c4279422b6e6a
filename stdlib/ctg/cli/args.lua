-- ctg.cli.args — option parsing shared by the subcommands written in Lua, and the one way
-- a subcommand stops with an exit code (ctg.cli.args.fail).
local suggest = require("ctg.suggest")
local msg = require("ctg.msg")

local args = {}

-- The exit codes and the way a command stops live in ctg.exit (lowest layer: the modules
-- a command calls stop it too); the subcommands reach them here.
local exit = require("ctg.exit")
args.EXIT = exit.EXIT
args.fail = exit.fail
args.is_exit_error = exit.is_exit_error
args.error_parts = exit.error_parts

--- The version of this ctg.
function args.version() return require("ctg.sys").version end

--- Parse argv against spec = { command = "check", options = { format = {values = {…},
--- default = "text"}, o = {value = true}, dry_run = {flag = true} }, min = 1, max = 1,
--- usage = "ctg check PLAN …" }; {value = true, repeated = true}: a list of every value given.
--- "--dry-run" maps to dry_run. Returns opts, positionals,
--- and the set of the options given on the command line (a default is not given: an option
--- the context makes useless is refused only when the user wrote it, see args.no_effect).
function args.parse(argv, spec)
  local opts, pos, given = {}, {}, {}
  local names = {}
  for name in pairs(spec.options or {}) do names[#names + 1] = "--" .. name:gsub("_", "-") end
  local function usage(key, vars)
    args.fail(args.EXIT.USAGE, msg.text("cli.usage", { command = spec.command, what = msg.text(key, vars) }))
  end
  local i = 1
  while i <= #argv do
    local a = argv[i]
    if a == "--" then
      for j = i + 1, #argv do pos[#pos + 1] = argv[j] end
      break
    elseif a:sub(1, 1) == "-" and a ~= "-" then
      local name, value = a:match("^%-%-?([^=]+)=(.*)$")
      name = name or a:match("^%-%-?(.+)$")
      local key = name:gsub("-", "_")
      local o = (spec.options or {})[key]
      -- accepted after any subcommand, like before it
      if key == "db" or key == "timeout" or key == "max_memory" then o = { value = true } end
      if not o then
        local hint = suggest.closest("--" .. name, names)
        usage("cli.unknown-option", { option = a, hint = hint and msg.text("cli.hint", { hint = hint }) or "" })
      end
      if o.flag then
        if value then usage("cli.flag-value", { name = name }) end
        opts[key], given[key] = true, true
      else
        if not value then
          i = i + 1
          value = argv[i]
          if value == nil then usage("cli.needs-value", { name = name }) end
        end
        if o.values then
          local ok = false
          for _, v in ipairs(o.values) do if v == value then ok = true end end
          if not ok then
            usage("cli.bad-value", { name = name, values = table.concat(o.values, ", "), value = value })
          end
        end
        if o.repeated then
          -- an option given several times (--using A --using B): the list of its values
          opts[key] = opts[key] or {}
          opts[key][#opts[key] + 1] = value
          given[key] = true
        else
          opts[key], given[key] = value, true
        end
      end
    else
      pos[#pos + 1] = a
    end
    i = i + 1
  end
  for key, o in pairs(spec.options or {}) do
    if opts[key] == nil and o.default ~= nil then opts[key] = o.default end
  end
  if opts.timeout or opts.max_memory then
    local ok, err = require("ctg.limits").apply(opts.timeout, opts.max_memory)
    if not ok then args.fail(args.EXIT.USAGE, msg.text("cli.usage", { command = spec.command, what = err })) end
  end
  if #pos < (spec.min or 0) then usage("cli.missing-argument", { usage = spec.usage }) end
  if spec.max and #pos > spec.max then usage("cli.unexpected-argument", { arg = pos[spec.max + 1], usage = spec.usage }) end
  return opts, pos, given
end

--- Refuse an option the user gave that would have no effect in this context (exit 2): an
--- option accepted and ignored lets a person believe a figure was filtered, dated or
--- formatted as asked. context: the French words saying why ("avec --format json").
function args.no_effect(command, given, key, context)
  if given[key] then
    args.fail(args.EXIT.USAGE, msg.text("portfolio.no-effect", { command = command,
      option = "--" .. key:gsub("_", "-"), context = context }))
  end
end

--- One output given twice (-o and --output name the same thing): a usage error rather than
--- one of the two files silently never written.
function args.one_output(command, given, opts)
  if given.o and given.output and opts.o ~= opts.output then
    args.fail(args.EXIT.USAGE, msg.text("portfolio.two-outputs", { command = command, o = opts.o, output = opts.output }))
  end
end

--- The ids of the plans stored in d, sorted (ctg.db.plan_ids).
function args.plan_ids(d) return require("ctg.db").plan_ids(d) end

--- The plan a reading command reads: --plan ID when given (an id the database does not hold
--- is a usage error naming the closest one); else the database's only plan; a database holding
--- several plans without --plan is a usage error listing them (never the last one silently).
--- nil when the database holds no plan (the command says so in its own words). allow_all:
--- "--plan all" is accepted (ctg report, a report comparing the plans) and returned as "all".
function args.plan_id(command, opts, d, allow_all)
  local ids = args.plan_ids(d)
  local function stop(key, vars)
    d:close()
    args.fail(args.EXIT.USAGE, msg.text(key, vars))
  end
  if opts.plan == "all" then
    if allow_all then return ids[1] and "all" or nil end
    stop("portfolio.all-not-here", { command = command, ids = table.concat(ids, ", ") })
  end
  if opts.plan then
    for _, id in ipairs(ids) do if id == opts.plan then return id end end
    if #ids == 0 then stop("portfolio.unknown.none", { command = command, id = opts.plan, path = d.path }) end
    local hint = suggest.closest(opts.plan, ids)
    -- a plan id is long: the one id that contains what was typed (ctg-sud) is the hint too
    if not hint then
      for _, id in ipairs(ids) do
        if id:find(opts.plan, 1, true) then hint = hint == nil and id or false end
      end
      hint = hint or nil
    end
    stop("portfolio.unknown", { command = command, id = opts.plan, ids = table.concat(ids, ", "),
      hint = hint and msg.text("cli.hint", { hint = hint }) or "" })
  end
  if #ids > 1 then
    stop("portfolio.several", { command = command, path = d.path, n = #ids, ids = table.concat(ids, ", "),
      all = allow_all and msg.text("portfolio.several.all") or "" })
  end
  return ids[1]
end

--- Check an option's value against the values the plan allows: a usage error (exit 2)
--- naming the closest one and the allowed values, rather than an empty result.
--- choose(command, "--by", value, {"step", …}, what): what names the kind of value, as a key
--- of the catalogue ("cli.what.indicator": « un indicateur du plan ») or as a text.
function args.choose(command, option, value, allowed, what)
  for _, v in ipairs(allowed) do if v == value then return value end end
  local hint = suggest.closest(value, allowed)
  local shown = {}
  for i = 1, math.min(#allowed, 12) do shown[i] = allowed[i] end
  local list = #allowed == 0 and msg.text("cli.choose.none") or
    table.concat(shown, ", ") .. (#allowed > 12 and msg.text("cli.choose.more", { n = #allowed }) or "")
  if what:match("^cli%.what%.") then what = msg.text(what) end
  args.fail(args.EXIT.USAGE, msg.text("cli.choose", { command = command, option = option, value = tostring(value),
    what = what, hint = hint and msg.text("cli.hint", { hint = hint }) or "", list = list }))
end

--- Is id an indicator of plan p, or one with observations of p in d (an indicator an avenant
--- dropped keeps its history; another plan's indicator is not p's)?
function args.known_indicator(d, p, id)
  if p:indicator(id) then return true end
  return d:has_indicator_rows(p.id, id)
end

--- The ids of p's indicators, in plan order.
function args.indicator_ids(p)
  local ids = {}
  for _, ind in ipairs(p.indicators) do ids[#ids + 1] = ind.id end
  return ids
end

--- Check --territory against the codes of p's territories and groups (exit 2 otherwise).
function args.check_territory(command, p, code)
  local codes = args.territory_codes(p)
  for _, c in ipairs(codes) do if c == code then return code end end
  args.choose(command, "--territory", code, codes, "cli.what.territory")
end

--- The codes of p's territories and groups.
function args.territory_codes(p)
  local codes = {}
  for _, t in ipairs(p.territories) do codes[#codes + 1] = t.code end
  for _, g in ipairs(p.groups or {}) do codes[#codes + 1] = g.code end
  return codes
end

--- The exit code of a database error: 6 when the database stayed locked by another program
--- (its own code, so that a script can retry), else 3.
function args.db_exit(err)
  local text = tostring(err)
  if text:find("database is locked", 1, true) or text:find("database table is locked", 1, true) then
    return args.EXIT.BUSY
  end
  return args.EXIT.DATA
end

--- The database path of --db after the subcommand, else before it, else $CTG_DB, else
--- ./ctg.db; a FIFO or a device would block SQLite or feed it anything: a database is a
--- regular file (exit 3 otherwise).
function args.db_path(opts, host)
  local resolved = require("ctg.db").resolve_path(opts.db or (host and host.db))
  local kind = require("ctg.sys").kind(resolved)
  if kind ~= nil and kind ~= "file" then
    args.fail(args.EXIT.DATA, msg.text("contain.db-not-file", { path = resolved }))
  end
  return resolved
end

--- Open the database named by --db after the subcommand, else before it, else $CTG_DB,
--- else ./ctg.db; a failure is a data error with the database's own message. Read-only
--- unless mode is "write" (only imports write): a read never creates a database, and a
--- database in a directory one cannot write is still readable.
function args.open_db(opts, host, mode)
  local path = opts.db or (host and host.db)
  local resolved = args.db_path(opts, host)
  -- a PostgreSQL base is read and restored, not yet written by an import: refused by name
  -- before anything is opened or read (ctg help store)
  if mode == "write" and require("ctg.store").is_url(resolved) then
    args.fail(args.EXIT.DATA, resolved .. " : " .. msg.text("store.pg-import"))
  end
  local ok, d = pcall(require("ctg.db").open, path, { by = opts.by, readonly = mode ~= "write", create = mode == "write" })
  if not ok then args.fail(args.db_exit(d), tostring(d)) end
  return d
end

--- The stored plan named PLAN-ID@N (version N) or PLAN-ID@DATE (the version in force then);
--- get_db() gives the database. A missing plan or version is a data error naming what exists.
function args.stored_plan(spec, get_db, command)
  local id, at = spec:match("^(.+)@([^@]+)$")
  local d = get_db()
  local versions = d:version_numbers(id)
  if #versions == 0 then
    local ids = require("ctg.db").plan_ids(d)
    args.fail(args.EXIT.DATA, msg.text("cli.no-plan", { command = command, id = id,
      known = #ids > 0 and msg.text("cli.no-plan.known", { ids = table.concat(ids, ", ") }) or "" }))
  end
  local list = {}
  for i, number in ipairs(versions) do list[i] = tostring(number) end
  local selector
  if at:match("^%d+$") and #at < 4 then
    selector = { version = tonumber(at) }
    if not d:plan_version(id, selector) then
      args.fail(args.EXIT.DATA, msg.text("cli.no-version", { command = command, id = id, at = at,
        versions = table.concat(list, ", ") }))
    end
  else
    local ok, why = require("ctg.date").parse(at)
    if not ok then
      args.fail(args.EXIT.USAGE, msg.text("cli.bad-at", { command = command, spec = spec, id = id, why = why }))
    end
    selector = at
  end
  local ok, p = pcall(d.plan, d, id, selector)
  if not ok then args.fail(args.EXIT.DATA, tostring(p)) end
  return p
end

--- Open the database read-only (to read plans and data without ever creating or changing it).
function args.open_db_readonly(opts, host)
  return args.open_db(opts, host)
end

--- "erreur : file:line: message" for each error of a list of findings, on stderr (a command
--- refusing a plan or a rules file says why before it stops).
function args.print_errors(findings)
  local load = require("ctg.load")
  for _, f in ipairs(findings) do
    if f.severity == "error" then io.stderr:write(msg.text("cli.error-line", { finding = load.format_finding(f) }), "\n") end
  end
end

--- "2 ajouts, 1 retrait, 0 modification": the counts of a plan comparison (ctg diff, ctg check
--- of an avenant), from {added = n, removed = n, changed = n}.
function args.changes_line(n) return require("ctg.diff").changes_line(n) end

-- Whole-file reading and all-or-nothing writing: ctg.files, shared with ctg.output.
local files = require("ctg.files")
args.write_output = files.write_output
args.read_file = files.read_file

return args
