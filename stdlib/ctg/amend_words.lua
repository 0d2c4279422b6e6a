-- ctg.amend_words — the two words an avenant adds to the plan vocabulary, amendment "ID" { … }
-- and remove { … }: they record what the file says into the collecting context (ctx.amendment,
-- ctx.removals). The vocabulary (ctg.dsl) offers them; applying the avenant to the plan it
-- amends is ctg.amend's job, one layer up (it loads that plan).
local schema = require("ctg.schema")

local amend_words = {}

--- Record an error finding of the avenant into ctx.
function amend_words.finding(ctx, file, line, message, code)
  ctx.findings[#ctx.findings + 1] = { severity = "error", code = code or "amendment", file = file, line = line or 0,
                                       message = message }
end

-- the file and line of the plan text that called a word
local function caller(level)
  local info = debug.getinfo(level + 1, "Sl")
  if not info then return "?", 0 end
  return info.source:sub(1, 1) == "@" and info.source:sub(2) or info.short_src, info.currentline
end

--- The two words an amendment file adds to the plan vocabulary; they record into ctx.
function amend_words.vocabulary(ctx)
  local words = {}
  function words.amendment(plan_id)
    local file, line = caller(2)
    if ctx.amendment then
      amend_words.finding(ctx, file, line, "un second « amendment » (un avenant par fichier ; le premier est ligne " ..
        ctx.amendment.line .. ")")
    end
    local a = { plan_id = plan_id, fields = {}, file = file, line = line }
    ctx.amendment = ctx.amendment or a
    if type(plan_id) ~= "string" or plan_id == "" then
      amend_words.finding(ctx, file, line, "amendment attend l'identifiant du plan modifié : amendment \"ID-DU-PLAN\" { amends = …, effective = … }")
    end
    return function(fields)
      if type(fields) ~= "table" then
        amend_words.finding(ctx, file, line, "amendment \"" .. tostring(plan_id) .. "\" attend une table : { amends = …, label = …, effective = … }")
        return
      end
      a.fields = schema.amendment_keys(fields, "amendment") -- French keys (libelle, date_effet…) too
    end
  end
  function words.remove(what)
    local file, line = caller(2)
    ctx.removals = ctx.removals or {}
    if type(what) ~= "table" then
      amend_words.finding(ctx, file, line, "remove attend une table : remove { action = 7, indicator = \"x\" }")
      return
    end
    ctx.removals[#ctx.removals + 1] = { what = schema.amendment_keys(what, "remove"), file = file, line = line }
  end
  -- their French names (ctg.schema)
  words[schema.AMENDMENT.amendment], words[schema.AMENDMENT.remove] = words.amendment, words.remove
  return words
end

return amend_words
