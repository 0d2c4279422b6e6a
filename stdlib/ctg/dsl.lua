-- ctg.dsl — the plan vocabulary: runs a plan file (Lua) in its own environment, collects its
-- declarations, and builds the plan (ctg.plan) from them. The same builder serves plans read
-- from YAML (ctg.plan_yaml), so both formats are checked by the one schema.
--
-- A declaration is recorded as
--   { kind = "action", fields = {number = 3, title = …}, children = {decl…},
--     file = "plan.lua", line = 42, field_lines = {…}?, parent = decl? }
-- Mistakes are collected as findings ({severity, code, message, file, line}) rather than
-- raised, so that `ctg check` lists every problem of a file in one run.
local schema = require("ctg.schema")
local suggest = require("ctg.suggest")
local sandbox = require("ctg.sandbox")
local msg = require("ctg.msg")

local dsl = {}

local Decl = {}
Decl.__index = Decl

local function finding(ctx, severity, code, file, line, message)
  ctx.findings[#ctx.findings + 1] = { severity = severity, code = code, message = message,
                                       file = file, line = line }
end

-- The line of field `name` of a Lua declaration. Lua gives no position for a table key, so
-- the key is looked for in the source, from the declaration's line up to the next
-- declaration's (its children bound it); nil when not found there.
local function source_field_line(ctx, decl, name)
  local lines = ctx.source_lines
  if not lines or decl.file ~= ctx.path or not decl.line or decl.line < 1 then return nil end
  local written = tostring(decl.spelled and decl.spelled[name] or name)
  local stop = #lines
  for _, d in ipairs(ctx.decls) do
    if d ~= decl and d.file == decl.file and d.line and d.line > decl.line and d.line - 1 < stop then stop = d.line - 1 end
  end
  local pattern = "%f[%w_]" .. written:gsub("%p", "%%%0") .. "%s*=[^=]"
  for i = decl.line, stop do
    if (lines[i] .. " "):find(pattern) then return i end
  end
end

--- The line a field of a declaration is written on (YAML: recorded; Lua: searched), else
--- the declaration's own line.
function dsl.field_line(ctx, decl, fname)
  if fname and decl.field_lines and decl.field_lines[fname] then return decl.field_lines[fname] end
  return fname and source_field_line(ctx, decl, fname) or decl.line
end

local function decl_error(ctx, decl, code, message, fname)
  finding(ctx, "error", code, decl.file, dsl.field_line(ctx, decl, fname), message)
end

--- "action 3", "step 5-E", "sheet 1+2": how messages name a declaration.
function dsl.describe(kind, fields)
  local def = schema.kinds[kind]
  local code = fields[def.code]
  if kind == "step" and fields.code then code = fields.code end
  if kind == "sheet" and fields.actions then code = dsl.sheet_code(fields.actions) end
  if code == nil then return kind end
  return kind .. " " .. tostring(code)
end

-- A declaration in a sentence of the messages' language: form "the" (« l'action 3 »), "of"
-- (« de l'action 3 ») or "a" (« une action », no code).
function dsl.named(form, kind, fields)
  local code = ""
  if form ~= "a" then
    local described = dsl.describe(kind, fields)
    code = described:sub(#kind + 1)
  end
  return msg.text("schema." .. form .. "." .. kind, form ~= "a" and { code = code } or nil)
end

-- The names of kinds as a plan written in lang ("fr" or "en") spells them: etape/indicateur.
local function kind_names(kinds, lang, sep)
  local out = {}
  for i, k in ipairs(kinds) do out[i] = lang == "fr" and schema.kinds[k].french or k end
  return table.concat(out, sep)
end

function dsl.sheet_code(actions)
  local parts = {}
  for i, a in ipairs(actions) do parts[i] = tostring(a) end
  return table.concat(parts, "+")
end

-- ---- collecting declarations from a Lua plan file -------------------------------------

-- Where in the user's file the vocabulary function was called from.
local function caller_location(level)
  local info = debug.getinfo(level + 1, "Sl")
  if not info then return "?", 0 end
  local src = info.source:sub(1, 1) == "@" and info.source:sub(2) or info.short_src
  return src, info.currentline
end

-- decl { fields…, children… }: fields in the hash part, children in the array part.
function Decl:__call(body)
  local ctx = self.ctx
  if self.has_body then
    decl_error(ctx, self, "syntax", msg.text("schema.second-table", { the = dsl.named("the", self.kind, self.fields) }))
    return self
  end
  self.has_body = true
  if type(body) ~= "table" or getmetatable(body) == Decl then
    decl_error(ctx, self, "syntax", msg.text("schema.not-a-table", { the = dsl.named("the", self.kind, self.fields),
      got = schema.shown(body) }))
    return self
  end
  for k, v in pairs(body) do
    if math.type(k) == "integer" then
      if getmetatable(v) ~= Decl then
        local children = schema.kinds[self.kind].children
        decl_error(ctx, self, "syntax", msg.text(children and "schema.not-a-declaration" or "schema.not-a-field", {
          the = dsl.named("the", self.kind, self.fields), got = schema.shown(v),
          children = children and kind_names(children, dsl.language(ctx, self), "/") }))
      end
    elseif type(k) ~= "string" then
      decl_error(ctx, self, "syntax", msg.text("schema.bad-key", { key = schema.shown(k),
        the = dsl.named("the", self.kind, self.fields) }))
    else
      dsl.set_field(ctx, self, k, v)
    end
  end
  for _, child in ipairs(body) do
    if getmetatable(child) == Decl then
      child.parent = self
      self.children[#self.children + 1] = child
    end
  end
  return self
end

--- Count a word written in one language, for the declaration and for its file: messages
--- suggest names in the language the plan is written in.
function dsl.count_word(ctx, decl, lang)
  decl.words = decl.words or { fr = 0, en = 0 }
  decl.words[lang] = decl.words[lang] + 1
  ctx.words = ctx.words or { fr = 0, en = 0 }
  ctx.words[lang] = ctx.words[lang] + 1
end

--- "fr" when the declaration (else its file) is written with more French names than
--- English ones, "en" otherwise.
function dsl.language(ctx, decl)
  local w = decl.words
  if not w or w.fr == w.en then w = ctx.words end
  if w and w.fr > w.en then return "fr" end
  return "en"
end

--- Record field k = v of a declaration under its English name (a French or accented name is
--- translated; an unknown one is kept for check_fields to report), remembering how it was
--- written for messages. Giving a field twice, in either language, is an error.
function dsl.set_field(ctx, decl, k, v, line)
  local name = schema.field_named(decl.kind, k) or k
  if decl.fields[name] ~= nil then
    -- the two spellings in a fixed order: pairs() visits a table's keys in no set order
    local a, b = decl.spelled and decl.spelled[name] or name, k
    if a > b then a, b = b, a end
    decl_error(ctx, decl, "duplicate-field", msg.text("schema.duplicate-field", { field = name,
      of = dsl.named("of", decl.kind, decl.fields),
      spellings = a ~= b and msg.text("schema.duplicate-field.spellings", { a = a, b = b }) or "" }), name)
    return
  end
  decl.fields[name] = v
  local f = schema.kinds[decl.kind].fields[name]
  if name ~= k then
    decl.spelled = decl.spelled or {}
    decl.spelled[name] = k
    dsl.count_word(ctx, decl, "fr")
  elseif f and f.french and f.french ~= name then
    dsl.count_word(ctx, decl, "en")
  end
  if line and decl.field_lines then decl.field_lines[name] = line end
end

local function new_decl(ctx, kind, file, line)
  local d = setmetatable({ ctx = ctx, kind = kind, fields = {}, children = {}, file = file, line = line }, Decl)
  ctx.decls[#ctx.decls + 1] = d
  return d
end

-- The vocabulary function for one kind: kind(code, title) or kind { fields } for sheets.
local function vocabulary_function(ctx, kind, lang, fname)
  local def = schema.kinds[kind]
  return function(...)
    local file, line = caller_location(2)
    local d = new_decl(ctx, kind, file, line)
    if lang then dsl.count_word(ctx, d, lang) end
    local n = select("#", ...)
    local code, title = ...
    if kind == "sheet" then
      if n ~= 1 then
        decl_error(ctx, d, "syntax", msg.text("schema.sheet-one-table", { name = fname }))
      else
        d(code)
      end
      return d
    end
    if n == 0 then
      decl_error(ctx, d, "syntax", msg.text(def.title and "schema.needs-code" or "schema.needs-name", { name = fname }))
      return d
    end
    d.fields[def.code] = code
    if n >= 2 then
      if def.title and type(title) ~= "table" then
        d.fields[def.title] = title
      else
        decl_error(ctx, d, "syntax", msg.text(def.title and "schema.code-and-title" or "schema.name-only",
          { name = fname, code = tostring(code) }))
      end
    end
    if n > 2 then
      decl_error(ctx, d, "syntax", msg.text("schema.too-many-arguments", { name = fname, code = tostring(code), n = n }))
    end
    return d
  end
end

-- Names a plan file may use besides the vocabulary: pure functions only.
local SAFE_GLOBALS = { "ipairs", "pairs", "next", "select", "tonumber", "tostring", "type",
  "assert", "error", "pcall", "print", "rawequal", "rawget", "rawlen", "string", "table",
  "math", "utf8" }

local WHAT = "un fichier de plan"

-- A fresh environment per plan file: vocabulary + safe globals, with private copies of the
-- libraries (a plan that replaces string.format changes its own copy, never ctg's); its
-- custom rules keep it. Assignments stay in it; reading an unknown global is an error with
-- a suggestion (a typo such as acton(…)), a name left out on purpose says why.
local function environment(ctx)
  local base = {}
  local safe = sandbox.globals(WHAT)
  for _, name in ipairs(SAFE_GLOBALS) do base[name] = safe[name] end
  for _, kind in ipairs(schema.order) do
    base[kind] = vocabulary_function(ctx, kind, schema.kinds[kind].french ~= kind and "en" or nil, kind)
  end
  for french, kind in pairs(schema.kind_aliases) do base[french] = vocabulary_function(ctx, kind, "fr", french) end
  -- amendment "ID" { … } and remove { … }: an avenant written as its changes (ctg.amend_words)
  for name, fn in pairs(require("ctg.amend_words").vocabulary(ctx)) do base[name] = fn end
  local names = {}
  for name in pairs(base) do names[#names + 1] = name end
  return setmetatable({}, { __index = function(_, key)
    if base[key] ~= nil then return base[key] end
    if sandbox.refused(key) then error(sandbox.refusal(key, WHAT), 2) end
    local hint = type(key) == "string" and suggest.closest(key, names)
    error(msg.text("schema.unknown-name", { name = tostring(key),
      hint = hint and msg.text("schema.hint", { hint = hint }) or "" }), 2)
  end })
end

-- The line of each built plan's header declaration (for warnings on the header's fields).
local header_lines = setmetatable({}, { __mode = "k" })

--- The line of plan p's `plan "ID" { … }` declaration, or nil (a plan read from YAML).
function dsl.header_line(p)
  return header_lines[p]
end

--- Make the field values of every declaration of ctx plain data (sandbox.plain), keeping the
--- declarations themselves (ctg's own tables).
function dsl.plain_fields(ctx)
  local function is_decl(t) return debug.getmetatable(t) == Decl end
  for _, d in ipairs(ctx.decls) do
    local fields = {}
    for k, v in next, d.fields do fields[#fields + 1] = { k, v } end
    for _, kv in ipairs(fields) do d.fields[kv[1]] = nil end
    for _, kv in ipairs(fields) do d.fields[sandbox.plain(kv[1], is_decl)] = sandbox.plain(kv[2], is_decl) end
  end
end

-- "plan.lua:12: message" -> file, line, message (for Lua syntax and runtime errors)
local function split_location(text, default_file)
  local file, line, rest = tostring(text):match("^(.-):(%d+): (.*)$")
  if file then return file, tonumber(line), rest end
  return default_file, 0, tostring(text)
end

--- Run a plan file; returns the context with its declarations and findings.
function dsl.collect_lua(path, text)
  local ctx = { decls = {}, findings = {}, path = path }
  if not text then
    local f, err = io.open(path, "rb")
    if not f then
      finding(ctx, "error", "io", path, 0, msg.text("schema.cannot-read", { err = tostring(err) }))
      return ctx
    end
    text = f:read("a")
    f:close()
  end
  ctx.source_lines = {}
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do ctx.source_lines[#ctx.source_lines + 1] = line end
  local chunk, err = load(text, "@" .. path, "t", environment(ctx))
  if not chunk then
    local file, line, what = split_location(err, path)
    finding(ctx, "error", "syntax", file, line, what)
    ctx.aborted = true
    return ctx
  end
  -- within the time and memory limits: `while true do end` is stopped, with its line
  -- the values the plan gave its fields are copied as plain data within the limits: building
  -- the plan afterwards reads them without running any of the plan's code (__index, __pairs…)
  -- (the chunk is an argument: the watchdog names its file)
  local ok, rerr = pcall(sandbox.run, "le plan", nil, function(plan_chunk)
    plan_chunk()
    dsl.plain_fields(ctx)
  end, chunk)
  if not ok then
    local file, line, what = split_location(rerr, path)
    finding(ctx, "error", "runtime", file, line, what)
    ctx.aborted = true
  end
  return ctx
end

-- ---- building the plan from declarations ---------------------------------------------

-- Check one declaration's fields against the schema; returns the node table (mistakes go to
-- ctx.findings).
local function check_fields(ctx, decl)
  local def = schema.kinds[decl.kind]
  local node = {}
  -- the declaration named in the messages' language: « l'étape 5-E », « de l'étape 5-E »
  -- (worded only for a message: a plan of 2 000 territories has no error to word)
  local function the() return dsl.named("the", decl.kind, decl.fields) end
  local function of() return dsl.named("of", decl.kind, decl.fields) end
  local lang = dsl.language(ctx, decl)
  local other = lang == "fr" and "en" or "fr"
  local names = schema.field_names(decl.kind, lang)
  local spelled = decl.spelled or {}
  local keys, all_strings = {}, true
  for k in pairs(decl.fields) do
    keys[#keys + 1] = k
    all_strings = all_strings and type(k) == "string"
  end
  if all_strings then table.sort(keys) else table.sort(keys, function(a, b) return tostring(a) < tostring(b) end) end
  for _, k in ipairs(keys) do
    local v = decl.fields[k]
    local f = def.fields[k]
    local written = spelled[k] or k
    if not f then
      -- a name of the plan's language if one is close, else one of the other language
      local hint = suggest.closest(k, names) or suggest.closest(k, schema.field_names(decl.kind, other))
      decl_error(ctx, decl, "unknown-field", msg.text("plan.unknown-field", { field = tostring(k), where = the(),
        hint = hint and msg.text("plan.unknown-field.hint", { hint = hint }) or
          msg.text("plan.unknown-field.allowed", { names = table.concat(names, ", ") }) }), k)
    else
      local checked, want = f.type.check(v)
      if checked == nil and lang == "fr" and f.french_values then
        local fr = schema.field_values(f, "fr")
        for i, x in ipairs(fr) do fr[i] = tostring(x) end
        want = msg.text("schema.want.enum", { values = table.concat(fr, ", ") })
      end
      if checked == nil then
        decl_error(ctx, decl, "bad-type", msg.text("schema.bad-type", { field = written,
          of = of(), want = want, got = schema.shown(v) }), k)
      elseif f.nonempty and type(checked) == "string" and not checked:find("%S") then
        decl_error(ctx, decl, "empty", msg.text("plan.empty", { field = written, where = of() }), k)
      else
        node[k] = checked
      end
    end
  end
  for _, f in ipairs(def.field_list) do
    if f.required and decl.fields[f.name] == nil then
      decl_error(ctx, decl, "missing-field", msg.text("plan.missing-field",
        { field = lang == "fr" and f.french or f.name, where = of() }))
    end
  end
  return node
end

dsl.check_fields = check_fields

local Builder = {}
Builder.__index = Builder

local function contains(list, x)
  for _, v in ipairs(list or {}) do if v == x then return true end end
  return false
end

-- A declaration is misplaced unless its kind may go inside the parent's kind.
local function misplaced(ctx, decl, parent_decl)
  local pdef = schema.kinds[parent_decl.kind]
  if contains(pdef.children, decl.kind) then return false end
  decl_error(ctx, decl, "misplaced", msg.text(pdef.children and "schema.misplaced" or "schema.misplaced-nothing", {
    the = dsl.named("the", decl.kind, decl.fields), inside = dsl.named("the", parent_decl.kind, parent_decl.fields),
    children = pdef.children and kind_names(pdef.children, dsl.language(ctx, decl), msg.text("schema.or")) }))
  return true
end

-- The fields of an action that belong to its own fiche, moved off the action into a sheet
-- node "<number>" (so that every reader of sheets sees it); nil when the action has none.
local function own_sheet(node, decl)
  local sheet, has = { actions = { node.number }, indicators = {} }, false
  for _, name in ipairs(schema.ACTION_SHEET_FIELDS) do
    if node[name] ~= nil then
      sheet[name], node[name], has = node[name], nil, true
    end
  end
  for _, child in ipairs(decl.children) do
    if child.kind == "indicator" then has = true end
  end
  if not has or node.number == nil then return nil end
  sheet.code = dsl.sheet_code(sheet.actions)
  return sheet
end

-- The name of a field in the messages' language (« pilotes » in French), for ctg.model's words.
local function field_word(kind, name)
  local f = schema.kinds[kind] and schema.kinds[kind].fields[name]
  return msg.lang() == "fr" and f and f.french or name
end

--- A mistake ctg.model found, said in the messages' language from its words ({key = …, kind,
--- code, …}: see host/lua/plan_tree.c); english, its own message, when it gives no words.
function dsl.model_message(words, english)
  if type(words) ~= "table" then return english end
  local function the(kind, code) return msg.text("schema.the." .. kind, { code = code and " " .. code or "" }) end
  local k = words.key
  local v = { the = words.kind and the(words.kind, words.code), file = words.file, line = words.line,
              first = words.first, last = words.last, year = words.year, value = words.value }
  if k == "outside" then
    return msg.text("schema.outside", { the = v.the, parents = dsl.named("a", words.parent_kind) })
  elseif k == "unknown-parent" or k == "code-not-in-parent" then
    v.parent = the(words.parent_kind, words.parent_code)
    v.of = msg.text("schema.of." .. words.kind, { code = "" })
    v.code, v.prefix = words.code, words.parent_code
  elseif k == "empty-code" then
    v.a = dsl.named("a", words.kind)
  elseif k == "bad-reference" or k == "unknown-reference" then
    v.field = field_word(words.kind, words.field)
    v.a = dsl.named("a", words.target_kind)
    v.target = words.target and the(words.target_kind, words.target)
  elseif k == "bad-period" or k == "outside-period" then
    v.what = msg.text("schema.model.what." .. words.what:gsub(" ", "-"))
  end
  return msg.text("schema.model." .. k, v)
end

-- Add a model node; a refusal (duplicate, unknown parent) becomes a finding at its line.
function Builder:model_add(kind, code, node, parent_code, decl, parent_kind)
  local index, err, words = self.model:add(kind, code, node, parent_code, decl.file, decl.line, parent_kind)
  if not index then
    local file, line, what = split_location(err, decl.file)
    finding(self.ctx, "error", "model", file, line, dsl.model_message(words, what))
  end
  return index
end

-- Add a declaration (and its children, depth first) to the model.
function Builder:add(decl, parent_node, parent_decl)
  local ctx = self.ctx
  local kind = decl.kind
  local def = schema.kinds[kind]
  local node = check_fields(ctx, decl)
  local parent_code, parent_kind
  if parent_node then
    if misplaced(ctx, decl, parent_decl) then return end
    parent_kind = parent_decl.kind
    parent_code = parent_node.code or parent_node[schema.kinds[parent_kind].code]
    if kind == "indicator" then parent_code = parent_node.code end
  end
  if kind == "step" and node.letter and parent_node then
    node.code = node.code or (tostring(parent_node.number) .. "-" .. node.letter)
  elseif kind == "sheet" and node.actions then
    local derived = dsl.sheet_code(node.actions)
    if node.code and node.code ~= derived then
      decl_error(ctx, decl, "bad-code", msg.text("schema.bad-sheet-code", { code = node.code, derived = derived }), "code")
    end
    node.code = derived
  elseif kind == "indicator" then
    if parent_node then
      if node.sheet and node.sheet ~= parent_node.code then
        decl_error(ctx, decl, "bad-reference", msg.text("schema.indicator-sheet", { id = tostring(node.id),
          sheet = parent_node.code, named = node.sheet }), "sheet")
      end
      node.sheet = parent_node.code
    else
      parent_code = node.sheet -- nil: a plan-wide indicator
    end
  elseif def.parent and not parent_node then
    local parents = {}
    for i, k in ipairs(def.parent) do parents[i] = dsl.named("a", k) end
    decl_error(ctx, decl, "misplaced", msg.text("schema.outside", { the = dsl.named("the", kind, decl.fields),
      parents = table.concat(parents, msg.text("schema.or")) }))
    return
  end
  local sheet = kind == "action" and own_sheet(node, decl)
  local code = kind == "step" and node.code or kind == "sheet" and node.code or node[def.code]
  if code == nil then return end -- already reported as a missing field
  if not self:model_add(kind, code, node, parent_code, decl, parent_kind) then return end
  -- an indicator declared outside its sheet (the YAML form) still belongs to its list
  if kind == "indicator" and not parent_node and parent_code then
    local s = self.model:get("sheet", parent_code)
    if s then s.indicators[#s.indicators + 1] = node end
  end
  if sheet and not self:model_add("sheet", sheet.code, sheet, nil, decl) then sheet = nil end
  local sheet_decl = sheet and { kind = "sheet", fields = { actions = sheet.actions }, file = decl.file, line = decl.line }
  for _, child_kind in ipairs(def.children or {}) do
    if not (kind == "action" and child_kind == "indicator") then node[schema.plural(child_kind)] = {} end
  end
  for _, child in ipairs(decl.children) do
    if kind == "action" and child.kind == "indicator" then
      if sheet then
        local child_node = self:add(child, sheet, sheet_decl)
        if child_node then sheet.indicators[#sheet.indicators + 1] = child_node end
      end
    else
      local child_node = self:add(child, node, decl)
      if child_node then
        local list = node[schema.plural(child.kind)]
        list[#list + 1] = child_node
      end
    end
  end
  return node
end

--- Build the plan from collected declarations; returns plan (or nil) and the findings.
function dsl.build(ctx)
  local model = require("ctg.model")
  local plan_decls = {}
  for _, d in ipairs(ctx.decls) do
    if d.kind == "plan" then plan_decls[#plan_decls + 1] = d end
  end
  -- a file that did not run to its end leaves half-made declarations: report only why
  if ctx.aborted then return nil, ctx.findings, true end
  if #plan_decls == 0 then
    if #ctx.findings == 0 or ctx.decls[1] then
      finding(ctx, "error", "no-plan", ctx.path, 1, msg.text("schema.no-plan"))
    end
    return nil, ctx.findings, true
  end
  for i = 2, #plan_decls do
    decl_error(ctx, plan_decls[i], "duplicate", msg.text("schema.second-plan", { line = plan_decls[1].line }))
  end
  local header = check_fields(ctx, plan_decls[1])
  if #plan_decls[1].children > 0 then
    decl_error(ctx, plan_decls[1], "misplaced", msg.text("schema.inside-plan"))
  end
  -- without a valid period the model skips the year checks rather than flag every year
  local period = header.period or {}
  local b = setmetatable({ ctx = ctx, model = model.new(period[1], period[2]) }, Builder)
  for _, d in ipairs(ctx.decls) do
    if d.kind ~= "plan" and not d.parent then b:add(d) end
  end
  for _, f in ipairs(b.model:validate()) do
    if f.file == "" then f.file, f.line = plan_decls[1].file, plan_decls[1].line end
    f.message, f.words = dsl.model_message(f.words, f.message), nil
    ctx.findings[#ctx.findings + 1] = f
  end
  local has_error = false
  for _, f in ipairs(ctx.findings) do
    if f.severity == "error" then has_error = true end
  end
  local plan = require("ctg.plan").wrap(header, b.model, ctx.path)
  header_lines[plan] = plan_decls[1] and plan_decls[1].line
  if not has_error then
    for _, f in ipairs(require("ctg.crosscheck").run(plan)) do
      if f.at then -- at the line of the field it is about, when the declaration is found
        local code_field = schema.kinds[f.at.kind].code
        for _, d in ipairs(ctx.decls) do
          if d.kind == f.at.kind and d.file == f.file and tostring(d.fields[code_field]) == tostring(f.at.code) then
            f.line = dsl.field_line(ctx, d, f.at.field)
            break
          end
        end
        f.at = nil
      end
      ctx.findings[#ctx.findings + 1] = f
      has_error = true
    end
  end
  return plan, ctx.findings, has_error
end

return dsl
