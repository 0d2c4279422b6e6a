-- ctg.msg — the message catalogue: every sentence ctg writes for a person, by key, in French
-- (the users' language) and in English for international users (CTG_LANG=en). A message
-- names its placeholders ({path}, {n}): msg.text("check.summary", {errors = 0, …}).
-- Machine-readable outputs (JSON keys, finding codes, exit codes) never go through here.
local msg = {}

local fr = {
  ["check.summary"] = "{errors} {errors_word}, {warnings} {warnings_word}, {notes} {notes_word}",
  ["severity.error"] = "erreur", ["severity.warning"] = "attention", ["severity.info"] = "info",
  ["severity.critical"] = "critique",
}

local en = {
  ["check.summary"] = "{errors} {errors_word}, {warnings} {warnings_word}, {notes} {notes_word}",
  ["severity.error"] = "error", ["severity.warning"] = "warning", ["severity.info"] = "info",
  ["severity.critical"] = "critical",
}

-- Singular and plural of the words counted in summaries.
local words = {
  fr = { axes = { "axe", "axes" }, objectives = { "objectif", "objectifs" }, actions = { "action", "actions" },
         steps = { "étape", "étapes" }, sheets = { "fiche", "fiches" }, indicators = { "indicateur", "indicateurs" },
         stakes = { "enjeu", "enjeux" }, committees = { "instance", "instances" },
         territories = { "territoire", "territoires" }, groups = { "groupe", "groupes" },
         errors = { "erreur", "erreurs" }, warnings = { "avertissement", "avertissements" },
         notes = { "note", "notes" } },
  en = { axes = { "axis", "axes" }, objectives = { "objective", "objectives" }, actions = { "action", "actions" },
         steps = { "step", "steps" }, sheets = { "sheet", "sheets" }, indicators = { "indicator", "indicators" },
         stakes = { "stake", "stakes" }, committees = { "committee", "committees" },
         territories = { "territory", "territories" }, groups = { "group", "groups" },
         errors = { "error", "errors" }, warnings = { "warning", "warnings" }, notes = { "note", "notes" } },
}

msg.catalogues = { fr = fr, en = en }

--- The language of the messages: "en" when CTG_LANG (or opts) says so, else "fr".
function msg.lang()
  local l = os.getenv("CTG_LANG")
  return (l and l:lower():match("^en")) and "en" or "fr"
end

--- The message key with its placeholders filled from vars; an unknown key is a bug, said so.
function msg.text(key, vars)
  local cat = msg.catalogues[msg.lang()]
  local template = cat[key] or fr[key]
  if not template then error("ctg.msg: no message '" .. tostring(key) .. "'", 2) end
  return (template:gsub("{([%w_]+)}", function(name)
    local v = vars and vars[name]
    if v == nil then error("ctg.msg: message '" .. key .. "' needs {" .. name .. "}", 3) end
    return tostring(v)
  end))
end

--- The word counted by key (axes, indicators, errors…) agreeing with n: French counts 0 and 1
--- in the singular, English only 1.
function msg.count_word(key, n)
  local lang = msg.lang()
  local w = words[lang][key]
  if not w then error("ctg.msg: no counted word '" .. tostring(key) .. "'", 2) end
  local singular = lang == "fr" and n <= 1 or n == 1
  return singular and w[1] or w[2]
end

--- "n word" agreeing: msg.count(3, "axes") == "3 axes", msg.count(1, "stakes") == "1 enjeu".
function msg.count(n, key) return n .. " " .. msg.count_word(key, n) end

--- The severity word of a finding (erreur, attention, info, critique).
function msg.severity(s) return msg.text("severity." .. s) end

return msg
