-- ctg.msg.present — the words of ctg.present: statuses of a value against its target and of
-- a step, the chart axes, and the explanation of a value (ev:explain, ctg eval --explain).
local fr = {
  ["status.achieved"] = "atteint", ["status.on-track"] = "en bonne voie", ["status.behind"] = "en retard",
  ["status.not-available"] = "non disponible", ["status.receding"] = "en recul", ["status.not-achieved"] = "non atteint",
  ["step-status.planned"] = "prévue", ["step-status.started"] = "en cours", ["step-status.done"] = "terminée",
  ["step-status.dropped"] = "abandonnée",
  ["present.score-share"] = "{value} ({share} satisfaits)",
  ["present.axis.score"] = "score sur {max}",
  ["present.axis.score-unknown"] = "score (échelle non précisée dans le plan)",
  ["present.axis.evolution"] = "évolution en %",
  ["present.axis.percent"] = "en %",
  ["present.axis.per-100"] = "pour 100",
  -- the explanation of a value
  ["explain.where"] = "  période {period}, territoire {territory}",
  ["explain.formula"] = "  formule : {formula}",
  ["explain.value"] = "  valeur : {value}{reason}{numerator}{denominator}",
  ["explain.numerator"] = "   numérateur {n}",
  ["explain.denominator"] = "   dénominateur {n}",
  ["explain.target"] = "  cible : {target} en {period}, {kind} — {status}",
  ["explain.target.yearly"] = "annuelle", ["explain.target.cumulative"] = "cumulée",
  ["explain.verdict"] = "  statut : {verdict}",
  ["explain.partial"] = "  agrégat partiel : {partial}",
  ["explain.published"] = "  chiffre publié pour ce territoire : {value} ({source}), affiché à côté de l'agrégat de ses membres ({rollup})",
  ["present.partial"] = "{with} sur {members} territoires ; manque {missing}",
  ["present.partial.item"] = "{place} : {reason}",
  ["present.partial-label"] = "partiel : {partial}",
  ["present.published-label"] = "publié : {value} ({source})",
  ["present.verdict.total"] = "{total} cumulés depuis {from}",
  ["present.verdict.higher"] = "plus haut vaut mieux", ["present.verdict.lower"] = "plus bas vaut mieux",
  ["present.verdict.met"] = "{status} : {value} {op} {target}, la cible de {due} ({direction})",
  ["present.verdict.no_baseline"] = "{status} : {value} contre une cible de {target} en {due} ({direction}) ; " ..
    "aucune valeur de référence avant {period} pour mesurer une progression : jugé sur la cible seule",
  ["present.verdict.moved_away"] = "{status} : {value} contre {base} en {base_period}, en s'éloignant de la cible " ..
    "de {target} en {due} ({direction})",
  ["present.verdict.straight_path"] = "{status} : {progress} du chemin de {base} ({base_period}) à {target} ({due}) " ..
    "parcouru pour {expected} du temps écoulé ; {value} en {period} ({direction})",
  ["present.verdict.due_passed"] = "{status} : l'échéance de {due} est passée sans atteindre {target} ; {value} en " ..
    "{period}, {progress} du chemin depuis {base} ({base_period}) ({direction})",
  ["present.verdict.no_value"] = "{status} : cible de {target} en {due}, valeur non disponible ({reason})",
  ["present.verdict.gaps"] = " — total sans {n} année(s) sans donnée",
  ["present.verdict.source"] = " — cible fixée par {source}",
  ["explain.no-data"] = "  sans donnée : {places}",
  ["explain.observations"] = "  observations :",
  ["explain.none"] = "    (aucune)",
  ["explain.missing"] = "manquant : {reason}",
}

local en = {
  ["status.achieved"] = "achieved", ["status.on-track"] = "on track", ["status.behind"] = "behind",
  ["status.not-available"] = "not available", ["status.receding"] = "receding", ["status.not-achieved"] = "not achieved",
  ["step-status.planned"] = "planned", ["step-status.started"] = "started", ["step-status.done"] = "done",
  ["step-status.dropped"] = "dropped",
  ["present.score-share"] = "{value} ({share} satisfied)",
  ["present.axis.score"] = "score out of {max}",
  ["present.axis.score-unknown"] = "score (scale not given in the plan)",
  ["present.axis.evolution"] = "change in %",
  ["present.axis.percent"] = "in %",
  ["present.axis.per-100"] = "per 100",
  ["explain.where"] = "  period {period}, territory {territory}",
  ["explain.formula"] = "  formula: {formula}",
  ["explain.value"] = "  value: {value}{reason}{numerator}{denominator}",
  ["explain.numerator"] = "   numerator {n}",
  ["explain.denominator"] = "   denominator {n}",
  ["explain.target"] = "  target: {target} in {period}, {kind} — {status}",
  ["explain.target.yearly"] = "yearly", ["explain.target.cumulative"] = "cumulative",
  ["explain.verdict"] = "  status: {verdict}",
  ["explain.partial"] = "  partial roll-up: {partial}",
  ["explain.published"] = "  figure published for this territory: {value} ({source}), shown beside the roll-up of its members ({rollup})",
  ["present.partial"] = "{with} of {members} territories; missing {missing}",
  ["present.partial.item"] = "{place}: {reason}",
  ["present.partial-label"] = "partial: {partial}",
  ["present.published-label"] = "published: {value} ({source})",
  ["present.verdict.total"] = "{total} in total since {from}",
  ["present.verdict.higher"] = "higher is better", ["present.verdict.lower"] = "lower is better",
  ["present.verdict.met"] = "{status}: {value} {op} {target}, the target of {due} ({direction})",
  ["present.verdict.no_baseline"] = "{status}: {value} against a target of {target} in {due} ({direction}); " ..
    "no baseline before {period} to measure progress from: judged on the target alone",
  ["present.verdict.moved_away"] = "{status}: {value} against {base} in {base_period}, moving away from the target " ..
    "of {target} in {due} ({direction})",
  ["present.verdict.straight_path"] = "{status}: {progress} of the way from {base} ({base_period}) to {target} ({due}) " ..
    "for {expected} of the time elapsed; {value} in {period} ({direction})",
  ["present.verdict.due_passed"] = "{status}: the due date {due} has passed without reaching {target}; {value} in " ..
    "{period}, {progress} of the way from {base} ({base_period}) ({direction})",
  ["present.verdict.no_value"] = "{status}: target of {target} in {due}, value not available ({reason})",
  ["present.verdict.gaps"] = " — total without {n} year(s) lacking data",
  ["present.verdict.source"] = " — target set by {source}",
  ["explain.no-data"] = "  no data: {places}",
  ["explain.observations"] = "  observations:",
  ["explain.none"] = "    (none)",
  ["explain.missing"] = "missing: {reason}",
}

return { fr = fr, en = en }
