-- ctg.msg — the message catalogue: every sentence ctg writes for a person, by key, in French
-- (the users' language) and in English for international users (CTG_LANG=en). A message
-- names its placeholders ({path}, {n}): msg.text("check.summary", {errors = 0, …}).
-- Machine-readable outputs (JSON keys, finding codes, exit codes) never go through here.
--
-- The sentences live in one module a domain, stdlib/ctg/msg/DOMAIN.lua, each returning
-- {fr = {key = template}, en = {…}} with keys prefixed by their domain's subject; a key
-- given by two domains is a bug, raised when the catalogue is first used. Add a domain by
-- adding its file and its name to msg.DOMAINS. tests/lua/msg_spec.lua checks that every key
-- has both languages with the same placeholders.
local msg = {}

--- The domains of the catalogue, in the order they are merged.
msg.DOMAINS = {
  "core", "schema", "vocabulary", "repl", "store", "import", "cli",
  "rules", "present", "check", "plans", "project", "portfolio", "api", "analysis", "contain", "source", "verify",
  "kinds",
  "dump",
}

-- Singular and plural of the words counted in summaries.
local words = {
  fr = { axes = { "axe", "axes" }, objectives = { "objectif", "objectifs" }, actions = { "action", "actions" },
         steps = { "étape", "étapes" }, sheets = { "fiche", "fiches" }, indicators = { "indicateur", "indicateurs" },
         stakes = { "enjeu", "enjeux" }, committees = { "instance", "instances" },
         territories = { "territoire", "territoires" }, groups = { "groupe", "groupes" },
         errors = { "erreur", "erreurs" }, warnings = { "avertissement", "avertissements" },
         notes = { "note", "notes" }, rows = { "ligne", "lignes" },
         added = { "ajout", "ajouts" }, removed = { "retrait", "retraits" },
         changed = { "modification", "modifications" } },
  en = { axes = { "axis", "axes" }, objectives = { "objective", "objectives" }, actions = { "action", "actions" },
         steps = { "step", "steps" }, sheets = { "sheet", "sheets" }, indicators = { "indicator", "indicators" },
         stakes = { "stake", "stakes" }, committees = { "committee", "committees" },
         territories = { "territory", "territories" }, groups = { "group", "groups" },
         errors = { "error", "errors" }, warnings = { "warning", "warnings" }, notes = { "note", "notes" },
         rows = { "row", "rows" },
         added = { "added", "added" }, removed = { "removed", "removed" }, changed = { "changed", "changed" } },
}

-- How messages name each kind of declaration ("l'étape 5-E", "step 5-E").
local kinds = {
  fr = { plan = "plan", territory = "territoire", group = "groupe", committee = "instance", funding = "financement",
         axis = "axe", objective = "objectif", action = "action", step = "étape", stake = "enjeu",
         sheet = "fiche", indicator = "indicateur", rule = "règle" },
}

-- The merged catalogue of every domain, built on first use (loading it costs nothing to a
-- run that prints no message).
local merged
local function catalogues()
  if merged then return merged end
  local out, owner = { fr = {}, en = {} }, {}
  for _, domain in ipairs(msg.DOMAINS) do
    local cat = require("ctg.msg." .. domain)
    for _, lang in ipairs({ "fr", "en" }) do
      for key, template in pairs(cat[lang] or {}) do
        if owner[lang .. key] then
          error("ctg.msg: message '" .. key .. "' given by " .. owner[lang .. key] .. " and " .. domain, 0)
        end
        owner[lang .. key] = domain
        out[lang][key] = template
      end
    end
  end
  merged = out
  return merged
end

--- Both catalogues, merged: {fr = {key = template}, en = {…}} (msg_spec checks them).
function msg.catalogues() return catalogues() end

--- The word for a kind of declaration in the messages' language (the kind itself in English).
function msg.kind(kind)
  local k = kinds[msg.lang()]
  return k and k[kind] or kind
end

--- The language of the messages: "en" when CTG_LANG (or opts) says so, else "fr".
function msg.lang()
  local l = os.getenv("CTG_LANG")
  return (l and l:lower():match("^en")) and "en" or "fr"
end

--- The message key with its placeholders filled from vars; an unknown key is a bug, said so.
function msg.text(key, vars)
  local all = catalogues()
  local template = all[msg.lang()][key] or all.fr[key]
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
  return msg.singular(n) and w[1] or w[2]
end

--- Whether n takes the singular in the messages' language (French: 0 and 1; English: 1).
function msg.singular(n)
  if msg.lang() == "fr" then return n <= 1 end
  return n == 1
end

--- The message key .. ".one" or key .. ".many", as n agrees, with n among its vars: for the
--- sentences whose several words agree with a count ("1 donnée manquante", "3 données
--- manquantes").
function msg.plural(key, n, vars)
  local v = { n = n }
  for k, x in pairs(vars or {}) do v[k] = x end
  return msg.text(key .. (msg.singular(n) and ".one" or ".many"), v)
end

--- "n word" agreeing: msg.count(3, "axes") == "3 axes", msg.count(1, "stakes") == "1 enjeu".
function msg.count(n, key) return n .. " " .. msg.count_word(key, n) end

--- The severity word of a finding (erreur, attention, info, critique).
function msg.severity(s) return msg.text("severity." .. s) end

return msg
