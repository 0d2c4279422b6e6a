-- ctg.amend — an avenant written as what it changes. A file that starts with
--
--   amendment "PLAN-ID" { amends = "convention.lua",   -- or absent / a version number: the
--                         label = "Avenant n°1",       --   version stored in the database
--                         council_date = "2023-06-12", signed = "2023-07-01", effective = "2023-07-01" }
--
-- holds only the declarations the avenant adds or changes, and what it removes:
--   * a declaration whose code exists in the amended plan replaces the fields it gives
--     (its nested declarations merge the same way); a new code is added;
--   * remove { action = 7, indicator = "x", step = "5-E", rule = {"a", "b"}, … } removes.
-- The result is the whole plan, built and checked by ctg.dsl like any plan file; its header
-- lists the avenant (label and dates) in `amendments`, so the YAML export of a version is the
-- whole resulting plan, and reports can show the avenants in force.
local schema = require("ctg.schema")
local suggest = require("ctg.suggest")
local date = require("ctg.date")

local amend = {}

local HEADER_FIELDS = { "amends", "label", "council_date", "signed", "effective", "period", "note" }

-- an error finding of the avenant (shared with the words that collect it)
local finding = require("ctg.amend_words").finding

-- ---- identifying declarations --------------------------------------------------------

--- The code a declaration is known by ("7", "5-E", "1+2", "places_100"); nil when it has none.
local function code_of(decl)
  local f = decl.fields
  if decl.kind == "sheet" then
    if f.code ~= nil then return tostring(f.code) end
    if type(f.actions) == "table" then return require("ctg.dsl").sheet_code(f.actions) end
    return nil
  end
  if decl.kind == "step" then
    if f.code ~= nil then return tostring(f.code) end
    local action = decl.parent
    if action and action.fields.number ~= nil and f.letter ~= nil then
      return tostring(action.fields.number) .. "-" .. tostring(f.letter)
    end
    return nil
  end
  local key = schema.kinds[decl.kind] and schema.kinds[decl.kind].code
  return key and f[key] ~= nil and tostring(f[key]) or nil
end
amend.code_of = code_of

local function find(base, kind, code)
  for _, d in ipairs(base.decls) do
    if not d.removed and d.kind == kind and code_of(d) == code then return d end
  end
end

local function add_subtree(base, decl)
  base.decls[#base.decls + 1] = decl
  for _, c in ipairs(decl.children) do add_subtree(base, c) end
end

local function detach(base, decl)
  local list = decl.parent and decl.parent.children
  if list then
    for i, c in ipairs(list) do if c == decl then table.remove(list, i) break end end
  end
  local function mark(d)
    d.removed = true
    for _, c in ipairs(d.children) do mark(c) end
  end
  mark(decl)
  local kept = {}
  for _, d in ipairs(base.decls) do if not d.removed then kept[#kept + 1] = d end end
  base.decls = kept
end

-- ---- merging -----------------------------------------------------------------------------

-- An avenant's targets for an indicator change the years it names and keep the others: the
-- avenant wins for a year both give (ctg diff shows the old and new targets). Targets of
-- another kind (yearly for cumulative) replace them whole; a wrong value is left to the check.
local function merged_targets(old, new)
  local check = schema.types.indicator_targets.check
  local a, b = check(old), check(new)
  if not a or not b then return new end
  local list_a, kind_a = schema.target_list(a)
  local list_b, kind_b = schema.target_list(b)
  if kind_a ~= kind_b then return new end
  local map, same = {}, true
  for _, t in ipairs(list_a) do map[t.period] = t.value end
  for _, t in ipairs(list_b) do
    same = same and map[t.period] == t.value
    map[t.period] = t.value
  end
  if same then return old end
  if kind_a then return { [kind_a] = map } end
  return map
end

-- Merge one declaration of the amendment into the base (under parent, a base declaration,
-- when it is nested in the amendment). Records what it did in changes.
local function merge(base, decl, parent, changes)
  local code = code_of(decl)
  local target = code and find(base, decl.kind, code)
  if target then
    local names = {}
    for k, v in pairs(decl.fields) do
      if decl.kind == "indicator" and k == "targets" then v = merged_targets(target.fields.targets, v) end
      if v ~= target.fields[k] then
        target.fields[k] = v
        names[#names + 1] = k
      end
    end
    table.sort(names)
    if #names > 0 then changes[#changes + 1] = { change = "changed", kind = decl.kind, code = code, fields = names } end
    for _, child in ipairs(decl.children) do merge(base, child, target, changes) end
    return
  end
  -- a new indicator in an action that has a fiche of its own goes into that fiche
  if parent and decl.kind == "indicator" and parent.kind == "action" then
    parent = find(base, "sheet", tostring(parent.fields.number)) or parent
  end
  decl.parent = parent
  if parent then parent.children[#parent.children + 1] = decl end
  add_subtree(base, decl)
  changes[#changes + 1] = { change = "added", kind = decl.kind, code = code }
end

-- The base declarations a removal takes away with decl: a removed action takes its fiche
-- when the fiche covers it alone; a removed fiche takes its indicators.
local function consequences(base, decl, out, errors, r)
  out[#out + 1] = decl
  local function walk(d)
    if d.kind == "action" then
      local n = d.fields.number
      for _, s in ipairs(base.decls) do
        if not s.removed and s.kind == "sheet" and type(s.fields.actions) == "table" then
          local covers = false
          for _, a in ipairs(s.fields.actions) do if a == n then covers = true end end
          if covers and #s.fields.actions == 1 then
            consequences(base, s, out, errors, r)
          elseif covers then
            errors[#errors + 1] = { r.file, r.line, "remove : l'action " .. tostring(n) .. " est couverte par la fiche " ..
              code_of(s) .. " avec d'autres actions : redéclarez cette fiche sans elle, ou retirez-la aussi (remove { sheet = \"" ..
              code_of(s) .. "\" })" }
          end
        end
      end
    elseif d.kind == "sheet" then
      local code = code_of(d)
      for _, i in ipairs(base.decls) do
        if not i.removed and i.kind == "indicator" and i.parent == nil and tostring(i.fields.sheet) == code then
          out[#out + 1] = i
        end
      end
    end
    for _, c in ipairs(d.children) do
      if c.kind == "indicator" then out[#out + 1] = c end
      walk(c)
    end
  end
  walk(decl)
end

local REMOVABLE = {}
for _, k in ipairs(schema.order) do if k ~= "plan" then REMOVABLE[#REMOVABLE + 1] = k end end

-- Apply the remove { … } declarations; changes and errors (file, line, message) are recorded.
local function apply_removals(base, removals, changes, errors)
  for _, r in ipairs(removals or {}) do
    local keys = {}
    for k in pairs(r.what) do keys[#keys + 1] = k end
    table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
    for _, kind in ipairs(keys) do
      local codes = r.what[kind]
      if type(kind) ~= "string" or not schema.kinds[kind] or kind == "plan" then
        local hint = suggest.closest(tostring(kind), REMOVABLE)
        errors[#errors + 1] = { r.file, r.line, "remove : « " .. tostring(kind) .. " » n'est pas un genre de déclaration" ..
          (hint and " (vouliez-vous dire « " .. hint .. " » ?)" or " (attendu : " .. table.concat(REMOVABLE, ", ") .. ")") }
      else
        if type(codes) ~= "table" then codes = { codes } end
        for _, code in ipairs(codes) do
          local d = find(base, kind, tostring(code))
          if not d then
            errors[#errors + 1] = { r.file, r.line, "remove : " .. kind .. " " .. tostring(code) ..
              " n'existe pas dans le plan modifié (rien à retirer)" }
          else
            local gone = {}
            consequences(base, d, gone, errors, r)
            -- an indicator that goes must not be watched by a rule that stays
            local ids = {}
            for _, g in ipairs(gone) do if g.kind == "indicator" and g.fields.id then ids[tostring(g.fields.id)] = true end end
            for _, rule in ipairs(base.decls) do
              local watched = rule.kind == "rule" and not rule.removed and rule.fields.indicator
              if watched and ids[tostring(watched)] then
                local removed_too = false
                for _, g in ipairs(gone) do if g == rule then removed_too = true end end
                if not removed_too and not amend.rule_removed(removals, rule.fields.name) then
                  errors[#errors + 1] = { r.file, r.line, "remove : " .. kind .. " " .. tostring(code) .. " retire l'indicateur " ..
                    tostring(watched) .. ", encore utilisé par la règle « " .. tostring(rule.fields.name) ..
                    " » : retirez aussi la règle (remove { rule = \"" .. tostring(rule.fields.name) .. "\" }) ou gardez l'indicateur" }
                end
              end
            end
            for _, g in ipairs(gone) do
              if not g.removed then
                detach(base, g)
                changes[#changes + 1] = { change = "removed", kind = g.kind, code = code_of(g) }
              end
            end
          end
        end
      end
    end
  end
end

--- Whether the removals name rule `name`.
function amend.rule_removed(removals, name)
  for _, r in ipairs(removals or {}) do
    local list = r.what.rule
    if type(list) ~= "table" then list = { list } end
    for _, n in ipairs(list) do if n == name then return true end end
  end
  return false
end

-- ---- the amended plan ------------------------------------------------------------------

local function dir_of(path) return path:match("^(.*)/[^/]*$") end

--- How many files a chain of avenants may hold (avenant of an avenant of … a convention).
amend.MAX_CHAIN = 64

--- The same file under two spellings ("a/./b.lua", "a//b.lua", "x/../a/b.lua") gives the same key.
function amend.file_key(path)
  local parts = {}
  for part in tostring(path):gmatch("[^/]+") do
    if part == ".." and #parts > 0 and parts[#parts] ~= ".." then parts[#parts] = nil
    elseif part ~= "." then parts[#parts + 1] = part end
  end
  return (tostring(path):sub(1, 1) == "/" and "/" or "") .. table.concat(parts, "/")
end

-- The declarations of the plan the amendment applies to: a file, else a stored version.
-- Returns the base context and the stored version row (nil for a file), or nil.
local function base_of(ctx, a, opts, collect)
  local amends = a.fields.amends
  if type(amends) == "string" then
    local path = amends
    if not path:match("^/") and dir_of(a.file) then path = dir_of(a.file) .. "/" .. path end
    local kind = require("ctg.sys").kind(path)
    if kind ~= nil and kind ~= "file" then
      -- a FIFO would block the load, a device feed it without end
      finding(ctx, a.file, a.line, "amends : « " .. amends .. " » n'est pas un fichier ordinaire (un tube, un " ..
        "périphérique ou un dossier) : un avenant modifie le fichier d'un plan")
      return nil
    end
    local f = kind and io.open(path, "rb")
    if not f then
      finding(ctx, a.file, a.line, "amends : le fichier " .. amends .. " est introuvable (chemin relatif au fichier de l'avenant : " ..
        path .. ")")
      return nil
    end
    f:close()
    -- the files of the chain so far: an avenant that comes back to one of them (directly or
    -- through others) is a loop, reported instead of run again and again
    local chain = opts and opts.chain or { ctx.path or a.file }
    local key = amend.file_key(path)
    for _, seen in ipairs(chain) do
      if amend.file_key(seen) == key or #chain >= amend.MAX_CHAIN then
        local names = {}
        for i, x in ipairs(chain) do names[i] = x end
        names[#names + 1] = path
        finding(ctx, a.file, a.line, (#chain >= amend.MAX_CHAIN and amend.file_key(seen) ~= key
          and "amends : chaîne d'avenants trop longue (plus de " .. amend.MAX_CHAIN .. " fichiers) : "
          or "amends : les avenants forment une boucle : ") .. table.concat(names, " → "))
        return nil
      end
    end
    local base = collect(path)
    -- an avenant to an avenant: apply the one it amends first
    if base.amendment and not base.aborted then
      local next_opts = { chain = { table.unpack(chain) } }
      next_opts.chain[#next_opts.chain + 1] = path
      for k, v in pairs(opts or {}) do if k ~= "chain" then next_opts[k] = v end end
      local merged, info = amend.apply(base, next_opts, collect)
      if not info then
        for _, x in ipairs(merged.findings) do ctx.findings[#ctx.findings + 1] = x end
        return nil
      end
      return merged
    end
    return base
  end
  if amends ~= nil and math.type(amends) ~= "integer" then
    finding(ctx, a.file, a.line, "amends doit être le fichier du plan modifié (\"convention.lua\") ou le numéro d'une version de la base, pas " ..
      schema.describe(amends))
    return nil
  end
  local d = opts and (opts.db or (opts.open_db and opts.open_db()))
  if not d then
    finding(ctx, a.file, a.line, "l'avenant modifie la version du plan " .. a.plan_id ..
      " enregistrée dans la base : donnez la base (--db) ou le fichier du plan (amends = \"convention.lua\")")
    return nil
  end
  local v
  if amends then
    v = d:plan_version(a.plan_id, { version = amends })
  elseif d:plan_version(a.plan_id) then
    -- the version in force the day before the avenant takes effect (so that importing the
    -- same avenant again amends the same version)
    local eff = a.effective and date.parse(a.effective)
    v = d:plan_version(a.plan_id, eff and eff:day_before() or nil)
  end
  if not v then
    local known = {}
    for _, row in ipairs(d:plans()) do known[row.plan_id] = true end
    local ids = {}
    for id in pairs(known) do ids[#ids + 1] = id end
    table.sort(ids)
    local hint = suggest.closest(a.plan_id, ids)
    finding(ctx, a.file, a.line, amends and ("la version " .. amends .. " du plan " .. a.plan_id .. " n'est pas dans la base")
      or ("aucun plan « " .. a.plan_id .. " » dans la base" .. (hint and " (vouliez-vous dire « " .. hint .. " » ?)" or
        (#ids > 0 and " (plans enregistrés : " .. table.concat(ids, ", ") .. ")" or "")) ..
        " : importez d'abord la convention, ou donnez son fichier (amends = \"convention.lua\")"))
    return nil
  end
  return d:version_declarations(v), v
end

--- "Avenant n°1 (délibération du 12 juin 2023, signé le 1er juillet 2023, en vigueur le
--- 1er juillet 2023)": one amendment in a line of French, as the plan itself records it
--- (its `amendments`, exported and hashed: the same whatever the messages' language).
function amend.record(a)
  local parts = {}
  if a.council_date then parts[#parts + 1] = "délibération " .. date.french_after(a.council_date, "du") end
  if a.signed then parts[#parts + 1] = "signé " .. date.french_after(a.signed, "le") end
  if a.effective then parts[#parts + 1] = "en vigueur " .. date.french_after(a.effective, "le") end
  return (a.label or (a.version and "version " .. a.version or "avenant")) .. (#parts > 0 and " (" .. table.concat(parts, ", ") .. ")" or "")
end

--- Apply the amendment collected in ctx. Returns the merged context (to build with
--- ctg.dsl.build), or ctx itself with findings when it cannot be applied; and the info
--- {plan_id, label, council_date, signed, effective, base = built base plan, base_version,
--- changes}. collect(path): the reader of a plan file (ctg.load.collect, which loads a
--- plan and calls this: passed down so that the vocabulary layer does not require the
--- loader above it), for an `amends` that names a file.
function amend.apply(ctx, opts, collect)
  assert(type(collect) == "function", "amend.apply: collect (the plan file reader, ctg.load.collect) is required")
  local a = ctx.amendment
  for k in pairs(a.fields) do
    local ok = false
    for _, name in ipairs(HEADER_FIELDS) do if k == name then ok = true end end
    if not ok then
      local hint = suggest.closest(tostring(k), HEADER_FIELDS)
      finding(ctx, a.file, a.line, "champ inconnu « " .. tostring(k) .. " » dans amendment" ..
        (hint and " (vouliez-vous dire « " .. hint .. " » ?)" or " (attendu : " .. table.concat(HEADER_FIELDS, ", ") .. ")"))
    end
  end
  for _, k in ipairs({ "council_date", "signed", "effective" }) do
    if a.fields[k] ~= nil then
      local d, why = date.parse(a.fields[k])
      if not d then finding(ctx, a.file, a.line, k .. " : " .. why) else a[k] = d:iso() end
    end
  end
  if a.fields.label ~= nil and (type(a.fields.label) ~= "string" or a.fields.label == "") then
    finding(ctx, a.file, a.line, "label doit être le nom de l'avenant (un texte), par exemple \"Avenant n°1\"")
  end
  a.effective = a.effective or a.signed or a.council_date
  for _, d in ipairs(ctx.decls) do
    if d.kind == "plan" then
      finding(ctx, d.file, d.line, "un avenant ne redéclare pas le plan : ses dates et son nom vont dans amendment { … }")
    end
  end
  if #ctx.findings > 0 then return ctx end
  local base, base_version = base_of(ctx, a, opts, collect)
  if not base then return ctx end
  local dsl = require("ctg.dsl")
  local base_plan, base_findings, base_error = dsl.build(base)
  if base_error then
    for _, f in ipairs(base_findings) do if f.severity == "error" then ctx.findings[#ctx.findings + 1] = f end end
    finding(ctx, a.file, a.line, "le plan modifié a des erreurs : corrigez-le d'abord")
    return ctx
  end
  if base_plan.id ~= a.plan_id then
    finding(ctx, a.file, a.line, "l'avenant porte sur le plan « " .. tostring(a.plan_id) .. " », mais " ..
      tostring(a.fields.amends) .. " est le plan « " .. tostring(base_plan.id) .. " »")
    return ctx
  end
  base.findings = {}
  local changes, errors = {}, {}
  for _, d in ipairs(ctx.decls) do
    if not d.parent then merge(base, d, nil, changes) end
  end
  apply_removals(base, ctx.removals, changes, errors)
  for _, e in ipairs(errors) do finding(ctx, e[1], e[2], e[3]) end
  if #errors > 0 then return ctx end
  -- the header: the amended plan's, with this avenant listed (and a new period if given)
  local header
  for _, d in ipairs(base.decls) do if d.kind == "plan" then header = d end end
  local list = {}
  for _, x in ipairs(type(header.fields.amendments) == "table" and header.fields.amendments or {}) do list[#list + 1] = x end
  local info = { plan_id = a.plan_id, label = a.fields.label, council_date = a.council_date, signed = a.signed,
                 effective = a.effective, base = base_plan, base_version = base_version, changes = changes }
  list[#list + 1] = amend.record(info)
  header.fields.amendments = list
  if a.fields.period ~= nil then header.fields.period = a.fields.period end
  base.path = ctx.path
  base.amendment = a
  return base, info
end

return amend
