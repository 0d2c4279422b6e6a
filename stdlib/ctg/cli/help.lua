-- ctg help TOPIC: documentation generated from the code it documents.
local args = require("ctg.cli.args")
local suggest = require("ctg.suggest")

local topics = {}

--- Every declaration and field, straight from ctg.schema.
function topics.vocabulary()
  local schema = require("ctg.schema")
  local out = { "The plan vocabulary — declarations a plan file (.lua) may use.",
    "Each is written kind(code, \"title\") { field = value, … , children… }",
    "(sheet { … } takes only a table). The YAML form uses the same field names.", "" }
  for _, name in ipairs(schema.order) do
    local k = schema.kinds[name]
    local shape = name == "sheet" and "sheet { … }" or
      (k.title and name .. "(" .. k.code .. ", " .. k.title .. ") { … }" or name .. " \"" .. k.code .. "\" { … }")
    out[#out + 1] = shape
    out[#out + 1] = "  " .. k.doc
    if k.parent then out[#out + 1] = "  declared inside: " .. k.parent end
    if k.children then out[#out + 1] = "  contains: " .. k.children .. " declarations" end
    for _, f in ipairs(k.field_list) do
      out[#out + 1] = string.format("  %-18s %s%s — %s", f.name, f.type.doc, f.required and ", required" or "", f.doc or "")
    end
    out[#out + 1] = ""
  end
  return table.concat(out, "\n")
end

return function(argv)
  local name = argv[1]
  local topic = topics[name]
  if not topic then
    local names = { "vocabulary", "repl", "help", "check", "export", "diff" }
    local hint = suggest.closest(name, names)
    args.fail(args.EXIT.USAGE, "no help on '" .. tostring(name) .. "'" ..
      (hint and " (did you mean '" .. hint .. "'?)" or " (topics: vocabulary; or a subcommand name)"))
  end
  io.stdout:write(topic(), "\n")
  return args.EXIT.OK
end
