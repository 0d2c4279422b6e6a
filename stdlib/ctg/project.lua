-- ctg.project — a CTG kept as a versioned project: its project file (ctg.yaml) read and
-- checked with located errors, its avenants checked against the plan, the data files it
-- names, their fingerprints, and the git commit the outputs come from (what each build read
-- is kept in the database: ctg.db, DB:build_hash).
--
--   nom: CTG de Trélon                 (name)
--   plan: plan.lua
--   avenants: [avenant-1.lua]          (amendments) avenants written as changes, applied in
--                                                   order, each from its own effective date
--   donnees: [donnees]                 (data)     files or folders, imported in this order
--   sources: [sources/cnaf.lua]        (sources)  mapping files (ctg help sources): each data file
--                                                   whose name a mapping's `files` matches is read
--                                                   through that mapping
--   base: ctg.db                       (database) the project's database (not in git)
--   sortie: sortie                     (output)   where the reports are written
--   rapports:                          (reports)
--     - script: rapports/bilan-annuel.lua
--       periodes: [2025, 2026]         (periods)
--       formats: [html, md]            html, md, csv, xlsx, pdf
--       arguments: [...]               (args)     extra words given to the script
local suggest = require("ctg.suggest")
local sys = require("ctg.sys")

local project = {}

project.FILE = "ctg.yaml"
project.FORMATS = { "html", "md", "csv", "xlsx", "pdf" }
--- Extensions of the data files taken from a data folder (workbooks too: a mapping reads
--- them, and ctg's own long format imports from a workbook as from its CSV).
project.DATA_EXT = { csv = true, yaml = true, yml = true, xlsx = true, ods = true }

-- Keys of the project file and of a report entry: French name -> English one (the one the
-- code uses); the English names are accepted too.
local TOP = { nom = "name", plan = "plan", donnees = "data", base = "database", sortie = "output",
              rapports = "reports", avenants = "amendments", sources = "sources" }
local REPORT = { script = "script", periodes = "periods", formats = "formats", arguments = "args" }


-- Why a path ctg.yaml names is not a file ctg reads: missing, or a folder, a named pipe, a
-- device (a pipe would block the build, a device feed it anything).
local function not_a_file(path)
  local kind = sys.kind(path)
  return require("ctg.msg").text(kind == nil and "contain.project.missing" or kind == "directory"
    and "contain.project.folder" or "contain.project.special")
end
local function english_of(map)
  local out = {}
  for fr, en in pairs(map) do out[en] = fr end
  return out
end

-- The English name of key k in map (French, English, or accented French), or nil.
local function key_of(map, k)
  if type(k) ~= "string" then return nil end
  if map[k] then return map[k] end
  if english_of(map)[k] then return k end
  return map[suggest.unaccent(k)]
end

local function names_of(map)
  local out = {}
  for fr in pairs(map) do out[#out + 1] = fr end
  table.sort(out)
  return out
end

--- The folder holding the project file: dir itself or the nearest parent that has one ("..",
--- "../.." …); nil when there is none (the walk stops at 32 levels, past any real root).
function project.find(dir)
  local path = dir or "."
  for _ = 1, 32 do
    if sys.kind(path) ~= "directory" then return nil end
    if sys.kind(path .. "/" .. project.FILE) == "file" then return path end
    path = path == "." and ".." or path .. "/.."
  end
  return nil
end

local read = require("ctg.files").read_file
project.read = read

-- A list value: a list as is, a single scalar as a list of one.
local function as_list(v)
  if type(v) == "table" then return v end
  return { v }
end

-- The entries of a list of files ctg.yaml names (avenants, sources), each {path, line}: a
-- text naming a regular file; not_text(item) and not_file(item) word the others (err).
local function file_list(v, at, lines, err, not_text, not_file)
  local out = {}
  for i, item in ipairs(v == nil and {} or as_list(v)) do
    local line = type(v) == "table" and (lines[v] or {})[i] or at
    if type(item) ~= "string" or item == "" then err(line, not_text(item))
    elseif sys.kind(item) ~= "file" then err(line, not_file(item))
    else out[#out + 1] = { path = item, line = line } end
  end
  return out
end

--- Read and check the project file of the current folder. Returns the project
--- {name, plan, data = {…entries}, database, output, reports = {{script, periods, formats,
--- args, line}}} or nil and the list of errors "ctg.yaml:LINE: …" (French).
function project.load(path)
  path = path or project.FILE
  local errors = {}
  local function err(line, msg) errors[#errors + 1] = path .. ":" .. (line or 1) .. ": " .. msg end
  local text = read(path)
  if not text then return nil, { path .. ": illisible" } end
  local ok, doc, lines = pcall(require("ctg.yaml").decode, text, path)
  if not ok then return nil, { (tostring(doc):gsub("^.-" .. path:gsub("%p", "%%%0") .. ":", path .. ":")) } end
  if type(doc) ~= "table" or doc[1] ~= nil then
    return nil, { path .. ":1: le fichier de projet est une table de clés : " .. table.concat(names_of(TOP), ", ") }
  end
  local where = lines[doc] or {}
  local p = { data = {}, reports = {}, amendments = {}, sources = {}, database = "ctg.db", output = "sortie" }
  local keys = {}
  for k in pairs(doc) do keys[#keys + 1] = tostring(k) end
  table.sort(keys)
  for _, k in ipairs(keys) do
    local v = doc[k]
    local name = key_of(TOP, k)
    if not name then
      local hint = suggest.closest(k, names_of(TOP))
      err(where[k], "clé inconnue « " .. k .. " »" .. (hint and " (vouliez-vous dire « " .. hint .. " » ?)" or
        " (clés : " .. table.concat(names_of(TOP), ", ") .. ")"))
    elseif name == "reports" then
      if type(v) ~= "table" or (next(v) ~= nil and v[1] == nil) then
        err(where[k], "« " .. k .. " » est une liste de rapports : - script: rapports/bilan-annuel.lua")
      else
        for i, r in ipairs(v) do
          local line = (lines[v] or {})[i]
          local entry = project.check_report(r, line, lines, err)
          if entry then p.reports[#p.reports + 1] = entry end
        end
      end
    elseif name == "amendments" then
      -- `avenants:` left empty (as ctg init writes it) is no avenant
      p.amendments = file_list(v, where[k], lines, err, function(item)
        return "« " .. k .. " » nomme les fichiers des avenants (texte), pas " .. require("ctg.schema").describe(item)
      end, function(item) return "l'avenant « " .. item .. " » " .. not_a_file(item) end)
    elseif name == "sources" then
      -- `sources:` left empty is no mapping
      p.sources = file_list(v, where[k], lines, err, function(item)
        return require("ctg.msg").text("project.sources.not-text", { key = k, what = require("ctg.schema").shown(item) })
      end, function(item) return require("ctg.msg").text("project.sources.missing", { path = item, why = not_a_file(item) }) end)
    elseif name == "data" then
      for i, item in ipairs(as_list(v)) do
        local line = type(v) == "table" and (lines[v] or {})[i] or where[k]
        if type(item) ~= "string" or item == "" then
          err(line, "« " .. k .. " » nomme des fichiers ou des dossiers de données (texte), pas " .. require("ctg.schema").describe(item))
        elseif not sys.kind(item) then
          err(line, "le fichier ou dossier de données « " .. item .. " » est introuvable")
        else
          p.data[#p.data + 1] = { path = item, line = line }
        end
      end
    else
      if type(v) ~= "string" or v == "" then
        err(where[k], "« " .. k .. " » attend un texte" .. (name == "name" and "" or " (un chemin relatif au projet)"))
      else
        p[name] = v
      end
    end
  end
  -- every path stays inside the project: a cloned project names no file outside it
  local root = path:match("^(.*)/[^/]*$") or "."
  local function inside(name, line, key)
    if type(name) ~= "string" then return true end
    local fine, reason = sys.check_inside(root, name)
    if not fine then
      err(line, require("ctg.msg").text("contain.project." .. reason, { key = key, path = name }))
      return false
    end
    return true
  end
  for _, k in ipairs(keys) do
    local name = key_of(TOP, k)
    if name == "plan" or name == "database" or name == "output" then
      if not inside(p[name], where[k], k) then p[name] = nil end
    end
  end
  local data = p.data
  p.data = {}
  for _, entry in ipairs(data) do
    if inside(entry.path, entry.line, "donnees") then p.data[#p.data + 1] = entry end
  end
  local sources = p.sources
  p.sources = {}
  for _, entry in ipairs(sources) do
    if inside(entry.path, entry.line, "sources") then p.sources[#p.sources + 1] = entry end
  end
  local reports = p.reports
  p.reports = {}
  for _, r in ipairs(reports) do
    if inside(r.script, r.line, "script") then p.reports[#p.reports + 1] = r end
  end
  if #errors > 0 then return nil, errors end
  if not p.plan then
    if doc.plan == nil then err(1, "il manque « plan: plan.lua », le fichier du plan") end
  elseif sys.kind(p.plan) ~= "file" then
    err(where.plan, "le plan « " .. p.plan .. " » " .. not_a_file(p.plan))
  end
  if #errors > 0 then return nil, errors end
  return p
end

--- Check one report entry of the project file; returns {script, periods, formats, args,
--- line} or nil (its errors go to err(line, message)).
function project.check_report(r, line, lines, err)
  if type(r) ~= "table" or r[1] ~= nil then
    err(line, "un rapport s'écrit « - script: rapports/x.lua » suivi de periodes: et formats:")
    return nil
  end
  local where = lines[r] or {}
  local entry = { line = line, formats = { "html" }, args = {} }
  local bad = false
  local keys = {}
  for k in pairs(r) do keys[#keys + 1] = tostring(k) end
  table.sort(keys)
  for _, k in ipairs(keys) do
    local v, at = r[k], where[k] or line
    local name = key_of(REPORT, k)
    if not name then
      local hint = suggest.closest(k, names_of(REPORT))
      err(at, "clé inconnue « " .. k .. " » dans un rapport" .. (hint and " (vouliez-vous dire « " .. hint .. " » ?)" or
        " (clés : " .. table.concat(names_of(REPORT), ", ") .. ")"))
      bad = true
    elseif name == "script" then
      if type(v) ~= "string" or v == "" then
        err(at, "« " .. k .. " » attend le chemin du script (rapports/x.lua)"); bad = true
      elseif sys.kind(v) ~= "file" then
        err(at, "le script « " .. v .. " » " .. not_a_file(v)); bad = true
      else
        entry.script = v
      end
    elseif name == "periods" then
      entry.periods = {}
      for _, x in ipairs(as_list(v)) do
        local period = require("ctg.schema").types.period.check(x)
        if period == nil then
          err(at, "période « " .. tostring(x) .. " » invalide : une année (2025), une année scolaire (\"2025-2026\") ou un mois (\"2025-09\")")
          bad = true
        else
          entry.periods[#entry.periods + 1] = tostring(period)
        end
      end
    elseif name == "formats" then
      entry.formats = {}
      for _, x in ipairs(as_list(v)) do
        local known = false
        for _, f in ipairs(project.FORMATS) do if x == f then known = true end end
        if not known then
          local hint = suggest.closest(tostring(x), project.FORMATS)
          err(at, "format « " .. tostring(x) .. " » inconnu" .. (hint and " (vouliez-vous dire « " .. hint .. " » ?)" or "") ..
            " : " .. table.concat(project.FORMATS, ", "))
          bad = true
        else
          entry.formats[#entry.formats + 1] = x
        end
      end
    elseif name == "args" then
      for _, x in ipairs(as_list(v)) do entry.args[#entry.args + 1] = tostring(x) end
    end
  end
  if r.script == nil then err(line, "il manque « script: » (le script du rapport)"); bad = true end
  if not entry.periods then
    err(line, "il manque « periodes: » (les années du rapport, par exemple [2025])"); bad = true
  end
  if bad then return nil end
  return entry
end

--- The data files of the project, in import order: each entry as given, a folder's data
--- files (.csv, .yaml, .xlsx, .ods) in name order, its sub-folders too. Returns the list of
--- paths, and the errors (French): a symbolic link met on the way (never followed), a named
--- pipe, a device or a socket (neither read nor skipped).
function project.data_files(p)
  local out, errors = {}, {}
  local function walk(path)
    -- a link inside a data folder could lead out of the project: refused, never followed
    if sys.lkind(path) == "symlink" then
      errors[#errors + 1] = require("ctg.msg").text("contain.project.data-link", { file = project.FILE, path = path })
      return
    end
    local kind = sys.kind(path)
    if kind == "file" then
      out[#out + 1] = path
    elseif kind == "directory" then
      local names = assert(sys.list(path))
      table.sort(names)
      for _, name in ipairs(names) do
        local full = path:gsub("/$", "") .. "/" .. name
        local ext = (name:match("%.(%w+)$") or ""):lower()
        -- hidden files are not data, nor the lock file Excel keeps beside an open workbook
        -- ("~$classeur.xlsx": a few bytes of its own, no workbook); a named pipe or a device
        -- among the data files is refused (below), never skipped
        local skipped = name:sub(1, 1) == "." or name:sub(1, 2) == "~$"
        local sub = sys.kind(full)
        if not skipped and (sub == "directory" or project.DATA_EXT[ext] or sub == "other") then walk(full) end
      end
    elseif kind == "other" then
      -- a FIFO would block the build, a device feed it anything: refused, not skipped
      errors[#errors + 1] = require("ctg.msg").text("contain.project.data-special", { file = project.FILE, path = path })
    end
  end
  for _, entry in ipairs(p.data) do walk(entry.path) end
  return out, errors
end

--- Fingerprint of a file's bytes (nil when it cannot be read).
function project.fingerprint(path)
  local text = read(path)
  if not text then return nil end
  return string.format("%016x", require("ctg.timeline").fnv1a64(text))
end

-- ---- mappings ----------------------------------------------------------------------------

--- The mappings of the project's `sources:` files, each file loaded and checked by
--- ctg.source: the list of {mapping, path (its file), line (its line of ctg.yaml), hash (its
--- file's fingerprint)}, in the order of ctg.yaml then of each file; or nil and the errors
--- (French, located: the mapping file's own "file:line: …", or ctg.yaml's line). An id
--- declared by two files is an error: the account and the provenance name mappings by id.
function project.load_mappings(p)
  local source, msg = require("ctg.source"), require("ctg.msg")
  local out, errors, seen = {}, {}, {}
  for _, entry in ipairs(p.sources or {}) do
    local ok, list = pcall(source.load, entry.path)
    if not ok and not source.is_mapping_file(entry.path) then
      -- a plan or any other file named by mistake: said as such, not as its first unknown name
      errors[#errors + 1] = project.FILE .. ":" .. (entry.line or 1) .. ": " ..
        msg.text("project.sources.not-mapping", { path = entry.path })
    else
      if not ok then
        -- source.load raises its errors as "file:line: message" lines
        for line in tostring(list):gmatch("[^\n]+") do errors[#errors + 1] = line end
      else
        local hash = project.fingerprint(entry.path)
        for _, m in ipairs(list) do
          local before = seen[m.id]
          if before then
            errors[#errors + 1] = project.FILE .. ":" .. (entry.line or 1) .. ": " .. msg.text("project.sources.same-id",
              { id = m.id, first = before.file .. ":" .. (before.line or 1), second = entry.path .. ":" .. (m.line or 1) })
          else
            seen[m.id] = { file = entry.path, line = m.line }
            out[#out + 1] = { mapping = m, path = entry.path, line = entry.line, hash = hash }
          end
        end
      end
    end
  end
  if #errors > 0 then return nil, errors end
  return out
end

--- The mapping of `mappings` (project.load_mappings) whose `files` pattern matches the name
--- of the data file at path: the entry, false when none does; nil and the error (French)
--- when two do (the file would be read twice, or by the wrong one: never chosen silently).
function project.mapping_for(mappings, path)
  if #mappings == 0 then return false end
  local source = require("ctg.source")
  local list, entry_of = {}, {}
  for _, m in ipairs(mappings) do
    list[#list + 1] = m.mapping
    entry_of[m.mapping] = m
  end
  local mapping, why = source.choose(list, path)
  if mapping then return entry_of[mapping] end
  for _, m in ipairs(list) do
    if source.matches(m, path) then return nil, path .. " : " .. why end
  end
  return false
end

--- The fingerprint ctg build keeps for a data file read through a mapping: the file's and
--- its mapping file's, so that a change of either makes the next build read the file again.
function project.fingerprint_with(path, mapping)
  local own = project.fingerprint(path)
  if not own or not mapping then return own end
  return own .. "+" .. mapping.hash
end

-- ---- avenants -----------------------------------------------------------------------------

-- A path as the project names it: "./a/../b.lua" -> "b.lua" (relative to the project).
local function normalize(path)
  local parts = {}
  for part in path:gmatch("[^/]+") do
    if part == ".." and #parts > 0 and parts[#parts] ~= ".." then parts[#parts] = nil
    elseif part ~= "." then parts[#parts + 1] = part end
  end
  return table.concat(parts, "/")
end

--- Check the avenants of project p against its plan (p.plan checked, as the built plan
--- `plan`): each is an avenant (amendment "ID" { … }) of that plan, names the file it amends
--- (the plan, or an avenant listed before it: the build never depends on what the database
--- holds), and takes effect after the version it amends. Returns the list {path, line,
--- effective, label} in order, or nil and the errors "ctg.yaml:LINE: …" (msg/project.lua).
function project.check_amendments(p, plan)
  local load, date, msg = require("ctg.load"), require("ctg.date"), require("ctg.msg")
  local errors, out = {}, {}
  -- the catalogue's sentence (msg/project.lua), at the avenant's line of ctg.yaml
  local function err(a, key, vars)
    vars.file = a.path
    errors[#errors + 1] = project.FILE .. ":" .. (a.line or 1) .. ": " .. msg.text("project.avenant." .. key, vars)
  end
  -- the effective date of each file of the chain: the plan's (as ctg build stores it)
  local plan_date = plan.effective or plan.signed or plan.council_date or tostring(plan.period[1])
  local position, dates = { [normalize(p.plan)] = 0 }, { [normalize(p.plan)] = plan_date }
  for i, a in ipairs(p.amendments) do position[normalize(a.path)] = position[normalize(a.path)] or i end
  for i, a in ipairs(p.amendments) do
    local ctx = load.collect(a.path)
    local header = ctx.amendment
    if not header and require("ctg.source").is_mapping_file(a.path) then
      -- a mapping listed one key too high in ctg.yaml: say where it goes
      err(a, "a-mapping", {})
    elseif not header then
      err(a, "not-one", { plan = plan.id, base = p.plan })
    else
      local amends = header.fields.amends
      local target = type(amends) == "string" and normalize(((a.path:match("^(.*)/[^/]*$") or ".") .. "/" .. amends))
      local at = target and position[target]
      if header.plan_id ~= plan.id then
        err(a, "other-plan", { other = tostring(header.plan_id), plan = plan.id })
      elseif type(amends) ~= "string" then
        err(a, "no-file", { base = p.plan })
      elseif at == nil then
        err(a, "unknown-file", { amends = amends, base = p.plan })
      elseif at >= i then
        err(a, at == i and "itself" or "later", { amends = amends })
      else
        local info = select(4, load.check(a.path))
        local effective = info and info.effective or header.fields.effective or header.fields.signed or header.fields.council_date
        local base = dates[target]
        local e, b = effective and date.parse(effective), base and date.parse(base)
        if not e then
          err(a, "no-date", {})
        elseif b and e < b then
          err(a, "before", { date = require("ctg.present").date_after(effective, "le"), amends = amends,
            base = require("ctg.present").date_after(base, "le") })
        else
          dates[normalize(a.path)] = effective
          out[#out + 1] = { path = a.path, line = a.line, effective = e:iso(), label = info and info.label }
        end
      end
    end
  end
  if #errors > 0 then return nil, errors end
  return out
end

--- May ctg build write into the file at path, the project's base? Yes when nothing is there,
--- or when it is a regular file (not a symbolic link) holding a SQLite database with ctg's
--- schema (its user_version set and ctg's tables). Returns true, or nil and the reason (French).
function project.database_target(path)
  local msg = require("ctg.msg")
  local kind = sys.lkind(path)
  if kind == nil then return true end
  if kind ~= "file" then return nil, msg.text("contain.project.db-not-file", { path = path }) end
  local f = io.open(path, "rb")
  local head = f and f:read(100) or ""
  if f then f:close() end
  -- (the schema version is read through SQLite: a file whose last writer left its pages in
  -- the write-ahead log, ctg.db-wal, has version 0 in its header until a checkpoint)
  if head:sub(1, 16) ~= "SQLite format 3\0" or not require("ctg.db").holds_ctg_tables(path) then
    return nil, msg.text("contain.project.db-foreign", { path = path })
  end
  return true
end

-- ---- git ----------------------------------------------------------------------------------

--- The text of path at commit in the git repository of dir (nil when git cannot give it):
--- read with the project's configuration neutralised (ctg.git.show).
function project.git_show(dir, commit, path)
  return require("ctg.git").show(dir or ".", commit, path)
end

--- The git commit of the project folder, "modifié" appended when its work tree has changes
--- (tracked or untracked files that .gitignore does not exclude), "état non vérifié" when
--- the repository's configuration is not plain enough to run git on it (ctg.git); nil
--- outside a repository. Nothing the project configures runs.
function project.commit(dir)
  local git = require("ctg.git")
  dir = dir or "."
  local gitdir = git.dir(dir)
  local head = gitdir and git.head(gitdir)
  if not head then return nil end
  local plain = git.config_is_plain(gitdir)
  if not plain then return head .. " " .. require("ctg.msg").text("contain.git.unchecked") end
  if git.dirty(dir) then return head .. " (modifié)" end
  return head
end

return project
