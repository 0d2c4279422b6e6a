-- ctg init DIR [--nom "…"] [--epci | --commune] [--debut ANNÉE] [--force]  (module ctg.cli.init_project:
-- a file named init.lua would be the package ctg.cli itself)
-- Writes a CTG project (ctg.skeleton) into DIR: a plan that checks as it is, a data
-- template, report scripts, ctg.yaml, .gitignore, README.md and the editor definitions.
-- Refuses a folder that is not empty unless --force.
local args = require("ctg.cli.args")
local sys = require("ctg.sys")

local USAGE = "ctg init DOSSIER [--nom \"Nom du territoire\"] [--epci | --commune] [--debut ANNÉE] [--force]"

-- mkdir -p: every missing folder of path.
local function make_dirs(path)
  local so_far = path:sub(1, 1) == "/" and "" or nil
  for part in path:gmatch("[^/]+") do
    so_far = so_far and so_far .. "/" .. part or part
    local ok, err = sys.mkdir(so_far)
    if not ok then args.fail(args.EXIT.USAGE, "init : impossible de créer le dossier " .. so_far .. " (" .. err .. ")") end
  end
end

return function(argv)
  local opts, pos = args.parse(argv, { command = "init", usage = USAGE, min = 1, max = 1,
    options = { nom = { value = true }, name = { value = true }, epci = { flag = true }, commune = { flag = true },
                debut = { value = true }, start = { value = true }, force = { flag = true } } })
  local dir = pos[1]
  if opts.epci and opts.commune then
    args.fail(args.EXIT.USAGE, "init : --epci ou --commune, pas les deux (la racine du territoire est l'une ou l'autre)")
  end
  local name = opts.nom or opts.name
  if opts.nom and opts.name and opts.nom ~= opts.name then
    args.fail(args.EXIT.USAGE, "init : --nom et --name donnent deux noms ; n'en donnez qu'un")
  end
  if opts.debut and opts.start and opts.debut ~= opts.start then
    args.fail(args.EXIT.USAGE, "init : --debut et --start donnent deux années ; n'en donnez qu'une")
  end
  if name and not name:find("%S") then args.fail(args.EXIT.USAGE, "init : --nom ne peut pas être vide") end
  name = name or (dir:gsub("/+$", ""):match("[^/]+$") or dir)
  local start = opts.debut or opts.start
  local first = start and tonumber(start)
  if start and not (first and math.type(first) == "integer" and first >= 1900 and first <= 2196) then
    args.fail(args.EXIT.USAGE, "init : --debut attend la première année de la convention, par exemple 2025 (reçu « " .. start .. " »)")
  end
  -- the period starts this year by default: the only input of a new project the clock gives
  first = first or tonumber(os.date("!%Y"))
  local kind = sys.kind(dir)
  if kind and kind ~= "directory" then
    args.fail(args.EXIT.USAGE, "init : " .. dir .. " existe et n'est pas un dossier")
  end
  if kind == "directory" and not opts.force then
    local entries = assert(sys.list(dir))
    if #entries > 0 then
      table.sort(entries)
      local shown = {}
      for i = 1, math.min(3, #entries) do shown[i] = entries[i] end
      args.fail(args.EXIT.USAGE, "init : le dossier " .. dir .. " n'est pas vide (" .. table.concat(shown, ", ") ..
        (#entries > 3 and ", …" or "") .. ") ; choisissez un nouveau dossier, ou --force pour y écrire le projet " ..
        "(les fichiers du même nom sont remplacés)")
    end
  end
  make_dirs(dir)
  local files = require("ctg.skeleton").files({ name = name, shape = opts.commune and "commune" or "epci", first = first })
  local root = dir:gsub("/+$", "")
  for _, f in ipairs(files) do
    local path = root .. "/" .. f.path
    if f.text then args.write_output(path, f.text) else make_dirs(path) end
  end
  local msg = require("ctg.msg")
  print(msg.text("project.created", { name = name, root = root, first = first, last = first + 4,
    shape = msg.text(opts.commune and "project.shape.commune" or "project.shape.epci") }))
  for _, f in ipairs(files) do
    if f.text then print("  " .. f.path) end
  end
  print(msg.text("project.next", { root = root }))
  return args.EXIT.OK
end
