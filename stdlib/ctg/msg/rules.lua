-- ctg.msg.rules — the findings of ctg.rules (the plan's rules and its commitments), the
-- rule files' errors and ctg rules' summary lines. Places are named by their titles and
-- dates written in words by the callers (ctg.present); the JSON keeps codes and ISO dates.
local fr = {
  ["rules.threshold.unverifiable"] = "{indicator} : seuil non vérifiable en {period}{place} ({reason})",
  ["rules.threshold.failed"] = "{indicator} vaut {value} en {period} ({place}) : attendu {op} {expected}",
  ["rules.message.place"] = "{message} ({place})",
  ["rules.trend.few.one"] = "{indicator} : pas assez de données pour juger la tendance ({n} période)",
  ["rules.trend.few.many"] = "{indicator} : pas assez de données pour juger la tendance ({n} périodes)",
  ["rules.trend.failed"] = "{indicator} n'est pas {expected} ({points})",
  ["rules.trend.increase"] = "en hausse", ["rules.trend.decrease"] = "en baisse", ["rules.trend.stable"] = "stable",
  ["rules.trend.point"] = "{period} : {value}",
  ["rules.target.behind"] = "{indicator} : {value} en {period}, cible {target} en {target_period} — {progress} " ..
    "du chemin parcouru depuis la référence ({expected} attendus)",
  ["rules.target.unmeasurable"] = "{indicator} : progression vers la cible non mesurable en {period} ({reason})",
  ["rules.target.verdict"] = "{indicator} — {verdict}",
  ["rules.partial"] = " — valeur partielle : {partial}",
  ["rules.threshold.partial"] = "{indicator} vaut {value} en {period} ({place}), {op} {expected} comme attendu, mais " ..
    "sur un agrégat partiel : {partial}",
  ["rules.published-gap-partial"] = "{indicator} en {period} ({place}) : {rollup_of} des {members} de ses {all} membres " ..
    "qui ont des chiffres (agrégat partiel) donne {rollup}, le chiffre publié pour ce territoire ({source}) {published} " ..
    "— un écart de plus d'un dixième ; vérifiez l'une des deux sources, ou le membre sans chiffre",
  ["rules.published-gap"] = "{indicator} en {period} ({place}) : {rollup_of} de ses {members} membres donne {rollup}, le " ..
    "chiffre publié pour ce territoire ({source}) {published} — un écart de plus d'un dixième ; vérifiez l'une des " ..
    "deux sources",
  ["rules.completeness.one"] = "{indicator} : {n} donnée manquante sur {expected} attendues ({first}-{last} × {places})",
  ["rules.completeness.many"] = "{indicator} : {n} données manquantes sur {expected} attendues ({first}-{last} × {places})",
  ["rules.failed"] = "la règle « {rule} » a échoué : {error}",
  ["rules.sandbox-name"] = "la règle « {rule} »",
  ["rules.unknown-indicator"] = "indicateur inconnu '{id}'{hint}",
  ["rules.hint"] = " (vouliez-vous dire '{hint}' ?)",
  ["rules.governance.one"] = "{committee} : {n} réunion en {year} pour {expected}{dates}",
  ["rules.governance.many"] = "{committee} : {n} réunions en {year} pour {expected}{dates}",
  ["rules.governance.expected.one"] = "{n} prévue", ["rules.governance.expected.many"] = "{n} prévues",
  ["rules.funding.none"] = "{funder} : aucun financement enregistré pour {year} (plancher {floor})",
  ["rules.funding.below"] = "{funder} : {amount} reçus en {year}, sous le plancher garanti de {floor} (écart {gap})",
  ["rules.slippage"] = "{level} {code} (« {title} ») prévue en {year} : non commencée",
  ["rules.slippage.unknown"] = "Calendrier inconnu pour {unknown} {level} sur {total} : le retard ne peut pas être " ..
    "vérifié pour elles",
  -- what makes a rule unable to run (rules.problem)
  ["rules.problem.what"] = "la règle « {rule} » ne dit pas quoi vérifier (type, expect, op/value ou check)",
  ["rules.problem.indicator"] = "la règle « {rule} » ({type}) n'a pas d'indicateur",
  ["rules.problem.threshold"] = "la règle « {rule} » (seuil) doit donner op et value",
  ["rules.problem.check"] = "la règle « {rule} » (personnalisee) n'a pas de fonction check",
  ["rules.problem.territories"] = "la règle « {rule} » ({type}) ne prend pas territories (seules les règles de " ..
    "type seuil et completude le prennent) : donnez territory",
  -- rule files (rules.load_file)
  ["rules.file.misplaced"] = "un fichier de règles ne déclare que des règles (trouvé : {kind})",
  ["rules.file.unknown-indicator"] = "la règle {rule} nomme l'indicateur {indicator}, qui n'est pas déclaré{hint}",
  -- ctg rules
  ["rules.cli.header.one"] = "Règles vérifiées pour {period} : {n} déclarée et les engagements du plan " ..
    "(instances, financement, calendrier, cibles)",
  ["rules.cli.header.many"] = "Règles vérifiées pour {period} : {n} déclarées et les engagements du plan " ..
    "(instances, financement, calendrier, cibles)",
  ["rules.cli.counts"] = "{critical}, {warning}, {info}{failed}",
  ["rules.cli.critical.one"] = "{n} critique", ["rules.cli.critical.many"] = "{n} critiques",
  ["rules.cli.warning.one"] = "{n} attention", ["rules.cli.warning.many"] = "{n} attention",
  ["rules.cli.info.one"] = "{n} info", ["rules.cli.info.many"] = "{n} info",
  ["rules.cli.failed.one"] = ", {n} règle en erreur", ["rules.cli.failed.many"] = ", {n} règles en erreur",
}

local en = {
  ["rules.threshold.unverifiable"] = "{indicator}: threshold cannot be checked in {period}{place} ({reason})",
  ["rules.threshold.failed"] = "{indicator} is {value} in {period} ({place}): expected {op} {expected}",
  ["rules.message.place"] = "{message} ({place})",
  ["rules.trend.few.one"] = "{indicator}: not enough data to judge the trend ({n} period)",
  ["rules.trend.few.many"] = "{indicator}: not enough data to judge the trend ({n} periods)",
  ["rules.trend.failed"] = "{indicator} is not {expected} ({points})",
  ["rules.trend.increase"] = "increasing", ["rules.trend.decrease"] = "decreasing", ["rules.trend.stable"] = "stable",
  ["rules.trend.point"] = "{period}: {value}",
  ["rules.target.behind"] = "{indicator}: {value} in {period}, target {target} in {target_period} — {progress} " ..
    "of the way from the baseline ({expected} expected)",
  ["rules.target.unmeasurable"] = "{indicator}: progress to the target cannot be measured in {period} ({reason})",
  ["rules.target.verdict"] = "{indicator} — {verdict}",
  ["rules.partial"] = " — partial value: {partial}",
  ["rules.threshold.partial"] = "{indicator} is {value} in {period} ({place}), {op} {expected} as expected, but over " ..
    "a partial roll-up: {partial}",
  ["rules.published-gap-partial"] = "{indicator} in {period} ({place}): {rollup_of} of the {members} of its {all} members " ..
    "with figures (a partial roll-up) gives {rollup}, the figure published for this territory ({source}) {published} " ..
    "— a gap of more than a tenth; check one of the two sources, or the member without figures",
  ["rules.published-gap"] = "{indicator} in {period} ({place}): {rollup_of} of its {members} members gives {rollup}, the " ..
    "figure published for this territory ({source}) {published} — a gap of more than a tenth; check one of the " ..
    "two sources",
  ["rules.completeness.one"] = "{indicator}: {n} missing value of {expected} expected ({first}-{last} × {places})",
  ["rules.completeness.many"] = "{indicator}: {n} missing values of {expected} expected ({first}-{last} × {places})",
  ["rules.failed"] = "rule '{rule}' failed: {error}",
  ["rules.sandbox-name"] = "rule '{rule}'",
  ["rules.unknown-indicator"] = "unknown indicator '{id}'{hint}",
  ["rules.hint"] = " (did you mean '{hint}'?)",
  ["rules.governance.one"] = "{committee}: {n} meeting in {year} against {expected}{dates}",
  ["rules.governance.many"] = "{committee}: {n} meetings in {year} against {expected}{dates}",
  ["rules.governance.expected.one"] = "{n} planned", ["rules.governance.expected.many"] = "{n} planned",
  ["rules.funding.none"] = "{funder}: no funding recorded for {year} (floor {floor})",
  ["rules.funding.below"] = "{funder}: {amount} received in {year}, below the guaranteed floor of {floor} (gap {gap})",
  ["rules.slippage"] = "{level} {code} ('{title}') planned in {year}: not started",
  ["rules.slippage.unknown"] = "Calendar unknown for {unknown} {level} of {total}: slippage cannot be checked for them",
  ["rules.problem.what"] = "rule '{rule}' does not say what to check (type, expect, op/value or check)",
  ["rules.problem.indicator"] = "rule '{rule}' ({type}) has no indicator",
  ["rules.problem.threshold"] = "rule '{rule}' (threshold) must give op and value",
  ["rules.problem.check"] = "rule '{rule}' (custom) has no check function",
  ["rules.problem.territories"] = "rule '{rule}' ({type}) does not take territories (only threshold and " ..
    "completeness do): give territory",
  ["rules.file.misplaced"] = "a rule file declares rules only (found {kind})",
  ["rules.file.unknown-indicator"] = "rule {rule} names indicator {indicator}, which is not declared{hint}",
  ["rules.cli.header.one"] = "Rules checked for {period}: {n} declared and the plan's commitments " ..
    "(committees, funding, calendar, targets)",
  ["rules.cli.header.many"] = "Rules checked for {period}: {n} declared and the plan's commitments " ..
    "(committees, funding, calendar, targets)",
  ["rules.cli.counts"] = "{critical}, {warning}, {info}{failed}",
  ["rules.cli.critical.one"] = "{n} critical", ["rules.cli.critical.many"] = "{n} critical",
  ["rules.cli.warning.one"] = "{n} warning", ["rules.cli.warning.many"] = "{n} warnings",
  ["rules.cli.info.one"] = "{n} info", ["rules.cli.info.many"] = "{n} info",
  ["rules.cli.failed.one"] = ", {n} rule failed", ["rules.cli.failed.many"] = ", {n} rules failed",
}

return { fr = fr, en = en }
