-- ctg.msg — the message catalogue: every sentence ctg writes for a person, by key, in French
-- (the users' language) and in English for international users (CTG_LANG=en). A message
-- names its placeholders ({path}, {n}): msg.text("check.summary", {errors = 0, …}).
-- Machine-readable outputs (JSON keys, finding codes, exit codes) never go through here.
local msg = {}

local fr = {
  ["check.finding"] = "{severity} : {finding} [{code}]",
  ["check.summary"] = "{errors} {errors_word}, {warnings} {warnings_word}, {notes} {notes_word}",
  ["severity.error"] = "erreur", ["severity.warning"] = "attention", ["severity.info"] = "info",
  ["severity.critical"] = "critique",
  -- observations and their revisions (ctg history, ev:explain)
  ["obs.revision"] = "révision {revision} : {value} — {source}, {file}:{line}, importé le {at} par {by}",
  ["history.none"] = "aucune observation de l'indicateur {indicator}{period}{territory}",
  ["history.none.period"] = " pour {period}",
  ["history.none.territory"] = " sur {territory}",
  -- plan files (ctg.dsl, ctg.plan_yaml)
  ["plan.unknown-field"] = "champ inconnu '{field}' dans {where}{hint}",
  ["plan.unknown-field.hint"] = " (vouliez-vous dire '{hint}' ?)",
  ["plan.unknown-field.allowed"] = " (champs possibles : {names})",
  ["plan.empty"] = "le champ '{field}' de {where} ne doit pas être vide",
  ["plan.missing-field"] = "champ obligatoire '{field}' absent de {where}",
  -- plan findings (ctg.lint), by finding code
  ["lint.step-code-letter"] = "l'étape {letter} de l'action {action} est codée « {code} » : la lettre {code_letter} " ..
    "de son code ne correspond pas à sa lettre {letter} (ainsi imprimé dans le document ; vérifiez lequel est juste)",
  ["lint.action-no-sheet"] = "l'action {action} n'est couverte par aucune fiche action",
  ["lint.action-no-indicator"] = "l'action {action} n'a pas d'indicateur (sa fiche {sheet} n'en déclare aucun)",
  ["lint.action-no-pilot"] = "l'action {action} n'a pas de pilote (ni l'action ni sa fiche n'en nomment)",
  ["lint.action-two-sheets"] = "l'action {action} est couverte par deux fiches : {first} et {second}",
  ["lint.sheet-mixed-objectives"] = "la fiche {sheet} couvre des actions d'objectifs différents ({objectives})",
  ["lint.ratio-incomplete"] = "l'indicateur {id} (taux) n'a {missing} : il ne peut pas être calculé " ..
    "tant que les deux ne sont pas définis",
  ["lint.ratio-missing.both"] = "ni numérateur ni dénominateur",
  ["lint.ratio-missing.numerator"] = "pas de numérateur",
  ["lint.ratio-missing.denominator"] = "pas de dénominateur",
  ["lint.evolution-no-baseline"] = "l'indicateur {id} (évolution) n'a pas de période de référence",
  ["lint.fields-for-kind"] = "l'indicateur {id} est de nature {kind} mais donne des champs de taux " ..
    "(numérateur, dénominateur, échelle)",
  ["lint.stake-unnamed"] = "les enjeux de progrès {numbers} sont numérotés (la liste va jusqu'à {max}) " ..
    "mais jamais nommés dans le plan",
  ["lint.stake-unreferenced"] = "l'enjeu {number} n'est servi par aucune fiche",
  ["lint.calendar-unknown"] = "{unknown} étapes sur {total} n'ont pas d'années prévues (calendrier inconnu) : " ..
    "le retard ne peut pas être vérifié pour elles",
}

local en = {
  ["check.finding"] = "{severity}: {finding} [{code}]",
  ["check.summary"] = "{errors} {errors_word}, {warnings} {warnings_word}, {notes} {notes_word}",
  ["severity.error"] = "error", ["severity.warning"] = "warning", ["severity.info"] = "info",
  ["severity.critical"] = "critical",
  ["obs.revision"] = "revision {revision}: {value} — {source}, {file}:{line}, imported {at} by {by}",
  ["history.none"] = "no observation of {indicator}{period}{territory}",
  ["history.none.period"] = " for {period}",
  ["history.none.territory"] = " in {territory}",
  ["plan.unknown-field"] = "unknown field '{field}' in {where}{hint}",
  ["plan.unknown-field.hint"] = " (did you mean '{hint}'?)",
  ["plan.unknown-field.allowed"] = " (allowed: {names})",
  ["plan.empty"] = "field '{field}' of {where} must not be empty",
  ["plan.missing-field"] = "missing required field '{field}' in {where}",
  ["lint.step-code-letter"] = "step {letter} of action {action} is coded '{code}': its code's letter {code_letter} " ..
    "does not match its letter {letter} (as printed in the document; check which is right)",
  ["lint.action-no-sheet"] = "action {action} is covered by no sheet (fiche action)",
  ["lint.action-no-indicator"] = "action {action} has no indicator (its sheet {sheet} declares none)",
  ["lint.action-no-pilot"] = "action {action} has no pilot (neither the action nor its sheet names one)",
  ["lint.action-two-sheets"] = "action {action} is covered by sheets {first} and {second}",
  ["lint.sheet-mixed-objectives"] = "sheet {sheet} covers actions of different objectives ({objectives})",
  ["lint.ratio-incomplete"] = "ratio indicator {id} has {missing}: it cannot be computed from data until both are defined",
  ["lint.ratio-missing.both"] = "no numerator nor denominator",
  ["lint.ratio-missing.numerator"] = "no numerator",
  ["lint.ratio-missing.denominator"] = "no denominator",
  ["lint.evolution-no-baseline"] = "evolution indicator {id} has no baseline period",
  ["lint.fields-for-kind"] = "indicator {id} is a {kind} but gives ratio fields (numerator, denominator, scale)",
  ["lint.stake-unnamed"] = "enjeux de progrès {numbers} are numbered (the list goes up to {max}) but never named in the plan",
  ["lint.stake-unreferenced"] = "enjeu {number} is served by no sheet",
  ["lint.calendar-unknown"] = "{unknown} of {total} steps have no planned years (calendar unknown): " ..
    "calendar slippage cannot be checked for them",
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

-- How messages name each kind of declaration ("l'étape 5-E", "step 5-E").
local kinds = {
  fr = { plan = "plan", territory = "territoire", group = "groupe", committee = "instance", funding = "financement",
         axis = "axe", objective = "objectif", action = "action", step = "étape", stake = "enjeu",
         sheet = "fiche", indicator = "indicateur", rule = "règle" },
}

msg.catalogues = { fr = fr, en = en }

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
