-- ctg livraisons [DOSSIER] [--format text|json]
-- The reports ctg build delivered (the table delivery, oldest first), each rebuilt as it was
-- delivered — the data as known then (up to the last import it read), the plan version it
-- used, its script as it was (from git when it changed since) — and its recorded content
-- fingerprint compared with the rebuild's (output.content_hash: provenance aside); the file
-- on disk is compared with the bytes written. Exit 3 when a delivery does not rebuild the same.
local args = require("ctg.cli.args")
local project = require("ctg.project")
local sys = require("ctg.sys")
local msg = require("ctg.msg")

local USAGE = "ctg livraisons [DOSSIER] [--format text|json]"

-- The script's text as it was delivered: the file now when its fingerprint is the one
-- recorded, else the file at the delivery's commit (git), else nil.
local function script_source(x)
  local function hash(text) return string.format("%016x", require("ctg.timeline").fnv1a64(text)) end
  local text = project.read(x.script)
  if text and hash(text) == x.script_hash then return text end
  local commit = x.git_commit and x.git_commit:match("^(%x+)$")
  text = commit and project.git_show(".", commit, x.script)
  if text and hash(text) == x.script_hash then return text end
  return nil
end

-- The output path ctg build gave output.write for delivery x (a CSV's files share one).
local function out_path(x)
  if x.format ~= "csv" then return x.path end
  local stem = x.script:match("([^/]+)%.lua$") or x.script:match("[^/]+$")
  return (x.path:match("^(.*)/[^/]*$") or ".") .. "/" .. stem .. "-" .. x.period .. ".csv"
end

-- Rebuild delivery x on d; returns its status ("same", "different", "script"), and the
-- rebuild's fingerprint.
local function check(d, x, cache)
  local source = script_source(x)
  if not source then return "script" end
  local key = table.concat({ x.script, x.period, x.arguments, x.known_at, x.known_import, x.plan_version }, "\30")
  local doc = cache[key]
  if not doc then
    local ok, result = pcall(require("ctg.reporting").run, d, x.script, source, { period = x.period,
      args = (require("ctg.yaml").decode(x.arguments, "arguments")), known_at = x.known_at:gsub("Z$", ""), known_import = x.known_import,
      plan = x.plan_id, version = x.version, commit = x.git_commit })
    if not ok then return "failed", nil, type(result) == "table" and result.message or tostring(result) end
    doc = result
    cache[key] = doc
  end
  local rebuilt = require("ctg.output").content_hash(doc, out_path(x), x.path)
  return rebuilt == x.content_hash and "same" or "different", rebuilt
end

return function(argv)
  local opts, pos = args.parse(argv, { command = "livraisons", usage = USAGE, max = 1,
    options = { format = { values = { "text", "json" }, default = "text" } } })
  local start = pos[1] or "."
  local root = project.find(start)
  if not root then
    args.fail(args.EXIT.USAGE, msg.text("deliveries.no-project", { project = project.FILE, dir = start }))
  end
  local ok, err = sys.chdir(root)
  if not ok then args.fail(args.EXIT.USAGE, "livraisons : " .. err) end
  local p, errors = project.load()
  if not p then
    for _, e in ipairs(errors) do io.stderr:write("erreur : ", e, "\n") end
    args.fail(args.EXIT.DATA, msg.text("deliveries.bad-project", { project = project.FILE }))
  end
  if sys.kind(p.database) ~= "file" then
    args.fail(args.EXIT.USAGE, msg.text("deliveries.no-base", { database = p.database }))
  end
  local d = args.open_db_readonly({ db = p.database })
  local list = d:deliveries()
  local cache, bad = {}, 0
  for _, x in ipairs(list) do
    x.status, x.rebuilt_hash, x.error = check(d, x, cache)
    local bytes = project.fingerprint(x.path)
    x.file = bytes == nil and "missing" or bytes == x.file_hash and "same" or "changed"
    if x.status ~= "same" then bad = bad + 1 end
  end
  d:close()
  if opts.format == "json" then
    local keys = { "path", "format", "script", "period", "as_of", "known_at", "plan_id", "version", "git_commit",
                   "delivered_at", "content_hash", "rebuilt_hash", "status", "file", "error" }
    local out = {}
    for i, x in ipairs(list) do
      out[i] = {}
      for _, k in ipairs(keys) do out[i][k] = x[k] end
    end
    io.stdout:write(require("ctg.json").encode(out, { indent = 2, order = function() return keys end }), "\n")
  else
    local present = require("ctg.present")
    print(msg.plural("deliveries.title", #list, { database = p.database }))
    for _, x in ipairs(list) do
      print(msg.text("deliveries.line", { path = x.path, at = present.moment(x.delivered_at),
        commit = x.git_commit and msg.text("obs.commit", { commit = x.git_commit:sub(1, 12) }) or "",
        as_of = present.date(x.as_of), plan = x.plan_id .. " v" .. x.version }))
      print("    " .. msg.text("deliveries.status." .. x.status, { known_at = present.moment(x.known_at),
        error = x.error or "" }) .. " ; " .. msg.text("deliveries.file." .. x.file))
    end
  end
  if bad > 0 then
    args.fail(args.EXIT.DATA, msg.plural("deliveries.bad", bad))
  end
  return args.EXIT.OK
end
