-- ctg.msg.check — words of the plan checks that other messages embed.
local fr = {
  -- the keys plan.labels accepts (French first, English accepted)
  ["check.levels"] = "{french} (ou en anglais {english})",
  ["check.target-outside"] = "l'indicateur {id} a une cible pour {period}, hors de la période du plan ({first}-{last}) " ..
    "et de son année de renouvellement ({renewal}) : corrigez l'année, ou fixez cette cible dans la convention suivante",
  ["check.cumulative-target"] = "l'indicateur {id} a une cible cumulée (cibles = {cumul = …}) mais ses valeurs ne " ..
    "s'additionnent pas d'une année sur l'autre ({kind}, dans le temps : {time}) : une cible cumulée est le total " ..
    "d'un flux (un comptage avec cumul = \"somme\") ; écrivez une cible par année, cibles = {[2026] = …}",
  ["check.start-without-cumulative"] = "l'indicateur {id} a un début (debut) mais pas de cible cumulée : debut " ..
    "dit d'où part le total d'une cible cumulée (cibles = {cumul = …})",
  ["check.rollup-qualitative"] = "l'indicateur {id} est qualitatif : ses appréciations ne s'agrègent pas sur les " ..
    "territoires, agregation n'a pas de sens (retirez-le)",
  ["check.kind.count"] = "comptage", ["check.kind.ratio"] = "taux", ["check.kind.evolution"] = "évolution",
  ["check.kind.score"] = "score", ["check.kind.qualitative"] = "qualitatif",
  ["check.time.sum"] = "somme", ["check.time.last"] = "dernier", ["check.time.mean"] = "moyenne", ["check.time.max"] = "max",
}

local en = {
  ["check.levels"] = "{english} (or in French {french})",
  ["check.target-outside"] = "indicator {id} has a target for {period}, outside the plan's period ({first}-{last}) " ..
    "and its renewal year ({renewal}): correct the year, or set this target in the next convention",
  ["check.cumulative-target"] = "indicator {id} has a cumulative target (targets = {cumulative = …}) but its values " ..
    "do not add up from year to year ({kind}, over time: {time}): a cumulative target is the total of a flow (a " ..
    "count with time = \"sum\"); write one target a year, targets = {[2026] = …}",
  ["check.start-without-cumulative"] = "indicator {id} has a start but no cumulative target: start says where the " ..
    "running total of a cumulative target (targets = {cumulative = …}) begins",
  ["check.rollup-qualitative"] = "indicator {id} is qualitative: its assessments are not rolled up over territories, " ..
    "rollup means nothing (remove it)",
  ["check.kind.count"] = "count", ["check.kind.ratio"] = "ratio", ["check.kind.evolution"] = "evolution",
  ["check.kind.score"] = "score", ["check.kind.qualitative"] = "qualitative",
  ["check.time.sum"] = "sum", ["check.time.last"] = "last", ["check.time.mean"] = "mean", ["check.time.max"] = "max",
}

return { fr = fr, en = en }
