-- ctg.cli.account — the account of one observation file, in one line (rows read, observations
-- stored, rows skipped by a mapping's rule, rows outside the plan with the first names,
-- missing values): what ctg import prints after each file, and ctg build after each file it
-- read through a mapping.
local msg = require("ctg.msg")
local fmt = require("ctg.fmt")

-- The account of one observation file, in one line (dry_run: observations checked, not stored).
return function(f, dry_run)
  local n = fmt.number
  -- what the rows gave: observations, or the meetings, funding, step progress of a mapping
  local kind = (f.record and f.record ~= "observation") and ("." .. f.record) or ""
  local parts = { msg.text(msg.singular(f.read) and "import.account.read.one" or "import.account.read.many", { n = n(f.read) }),
    msg.text("import.account." .. (dry_run and "checked" or "stored") .. kind .. (msg.singular(f.rows) and ".one" or ".many"),
      { n = n(f.rows) }),
    msg.text("import.account.skipped", { n = n(f.skipped) }),
    msg.text("import.account.outside", { n = n(f.outside) }) ..
      (#f.outside_names > 0 and msg.text("import.account.names", { list = table.concat(f.outside_names, ", ") ..
        (f.outside_more and ", …" or "") }) or ""),
    msg.text("import.account.missing", { n = n(f.missing) }) }
  if f.empty > 0 then parts[#parts + 1] = msg.text("import.account.empty", { n = n(f.empty) }) end
  return msg.text("import.account", { file = f.file, mapping = f.mapping and msg.text("import.account.mapping",
    { id = f.mapping }) or "", parts = table.concat(parts, ", ") })
end
