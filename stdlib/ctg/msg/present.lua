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
  ["explain.target"] = "  cible : {target} en {period} — {status}",
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
  ["explain.target"] = "  target: {target} in {period} — {status}",
  ["explain.no-data"] = "  no data: {places}",
  ["explain.observations"] = "  observations:",
  ["explain.none"] = "    (none)",
  ["explain.missing"] = "missing: {reason}",
}

return { fr = fr, en = en }
