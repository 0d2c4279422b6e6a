-- ctg.msg.core — the first messages of the catalogue: findings of ctg check, severities,
-- revisions (ctg history, ev:explain), plan-file field errors and plan findings (ctg.lint).
local fr = {
  ["check.finding"] = "{severity} : {finding} [{code}]",
  ["check.summary"] = "{errors} {errors_word}, {warnings} {warnings_word}, {notes} {notes_word}",
  ["severity.error"] = "erreur", ["severity.warning"] = "attention", ["severity.info"] = "info",
  ["severity.critical"] = "critique",
  -- observations and their revisions (ctg history, ev:explain)
  ["obs.revision"] = "révision {revision} : {value} — {source}, {file}:{line}, importé {at} par {by}",
  ["obs.withdrawn"] = "révision {revision} : retirée (la ligne a été ôtée de {file}) — importé {at} par {by}",
  ["obs.commit"] = ", commit {commit}",
  -- a part of a ratio imported alone (its other part from another file, or not yet)
  ["obs.part.numerator"] = "numérateur : {n}",
  ["obs.part.denominator"] = "dénominateur : {n}",
  ["history.none"] = "aucune observation de l'indicateur {indicator}{period}{territory}",
  ["history.none.period"] = " pour {period}",
  ["history.none.territory"] = " sur {territory}",
  -- plan files (ctg.dsl, ctg.plan_yaml): {where} is « l'action 1 » after dans, « de l'action 1 »
  -- (schema.the.KIND, schema.of.KIND) in the other two
  ["plan.unknown-field"] = "champ inconnu '{field}' dans {where}{hint}",
  ["plan.unknown-field.hint"] = " (vouliez-vous dire '{hint}' ?)",
  ["plan.unknown-field.allowed"] = " (champs possibles : {names})",
  ["plan.empty"] = "le champ '{field}' {where} ne doit pas être vide",
  ["plan.missing-field"] = "champ obligatoire '{field}' absent {where}",
  -- plan findings (ctg.lint), by finding code
  ["lint.step-code-letter"] = "l'étape {letter} de l'action {action} est codée « {code} » : la lettre {code_letter} " ..
    "de son code ne correspond pas à sa lettre {letter} (ainsi imprimé dans le document ; vérifiez lequel est juste)",
  ["lint.action-no-sheet"] = "l'action {action} n'est couverte par aucune fiche action",
  ["lint.action-no-indicator"] = "l'action {action} n'a pas d'indicateur (sa fiche {sheet} n'en déclare aucun)",
  ["lint.action-no-pilot"] = "l'action {action} n'a pas de pilote (ni l'action ni sa fiche n'en nomment)",
  ["lint.action-two-sheets"] = "l'action {action} est couverte par deux fiches : {first} et {second}",
  ["lint.sheet-mixed-objectives"] = "la fiche {sheet} couvre des actions d'objectifs différents ({objectives})",
  ["lint.target-no-direction"] = "l'indicateur {id} a une cible mais pas de sens : son statut le suppose « plus " ..
    "haut vaut mieux » ; écrivez sens = \"hausse\" ou sens = \"baisse\"",
  ["lint.flow-target-unsaid"] = "l'indicateur {id} est un flux (additionné dans le temps) et sa cible de {value} en " ..
    "{period} ne dit pas si elle vaut pour l'année ou depuis le début du plan : écrivez cibles = {annuel = {…}} " ..
    "(la valeur de l'année) ou cibles = {cumul = {…}} (le total depuis la première année) ; d'ici là elle est lue " ..
    "comme annuelle",
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
  -- what the C core reports (host/core/error.h), raised by its binding (host/lua/error.c)
  ["core.nomem"] = "mémoire insuffisante",
  ["core.spec"] = "erreur interne de ctg : {detail} (signalez-la avec la commande lancée)",
  ["core.write"] = "impossible d'écrire les valeurs : {detail}",
}

local en = {
  ["check.finding"] = "{severity}: {finding} [{code}]",
  ["check.summary"] = "{errors} {errors_word}, {warnings} {warnings_word}, {notes} {notes_word}",
  ["severity.error"] = "error", ["severity.warning"] = "warning", ["severity.info"] = "info",
  ["severity.critical"] = "critical",
  ["obs.revision"] = "revision {revision}: {value} — {source}, {file}:{line}, imported {at} by {by}",
  ["obs.withdrawn"] = "revision {revision}: withdrawn (the row was removed from {file}) — imported {at} by {by}",
  ["obs.commit"] = ", commit {commit}",
  ["obs.part.numerator"] = "numerator: {n}",
  ["obs.part.denominator"] = "denominator: {n}",
  ["history.none"] = "no observation of {indicator}{period}{territory}",
  ["history.none.period"] = " for {period}",
  ["history.none.territory"] = " in {territory}",
  ["plan.unknown-field"] = "unknown field '{field}' in {where}{hint}",
  ["plan.unknown-field.hint"] = " (did you mean '{hint}'?)",
  ["plan.unknown-field.allowed"] = " (allowed: {names})",
  ["plan.empty"] = "field '{field}' {where} must not be empty",
  ["plan.missing-field"] = "missing required field '{field}' {where}",
  ["lint.step-code-letter"] = "step {letter} of action {action} is coded '{code}': its code's letter {code_letter} " ..
    "does not match its letter {letter} (as printed in the document; check which is right)",
  ["lint.action-no-sheet"] = "action {action} is covered by no sheet (fiche action)",
  ["lint.action-no-indicator"] = "action {action} has no indicator (its sheet {sheet} declares none)",
  ["lint.action-no-pilot"] = "action {action} has no pilot (neither the action nor its sheet names one)",
  ["lint.action-two-sheets"] = "action {action} is covered by sheets {first} and {second}",
  ["lint.sheet-mixed-objectives"] = "sheet {sheet} covers actions of different objectives ({objectives})",
  ["lint.target-no-direction"] = "indicator {id} has a target but no direction: its status assumes \"higher is " ..
    "better\"; write direction = \"higher\" or direction = \"lower\"",
  ["lint.flow-target-unsaid"] = "indicator {id} is a flow (summed over time) and its target of {value} in {period} " ..
    "does not say whether it is for the year or since the plan's start: write targets = {yearly = {…}} (the year's " ..
    "value) or targets = {cumulative = {…}} (the total since the first year); until then it is read as yearly",
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
  ["core.nomem"] = "out of memory",
  ["core.spec"] = "ctg internal error: {detail} (please report it with the command run)",
  ["core.write"] = "cannot write the values: {detail}",
}

return { fr = fr, en = en }
