-- ctg.msg.check — words of the plan checks that other messages embed.
local fr = {
  -- the keys plan.labels accepts (French first, English accepted)
  ["check.levels"] = "{french} (ou en anglais {english})",
  ["check.unknown-format"] = "format de plan inconnu : un fichier .lua ou .yaml est attendu",
  ["check.target-outside"] = "l'indicateur {id} a une cible pour {period}, hors de la période du plan ({first}-{last}) " ..
    "et de son année de renouvellement ({renewal}) : corrigez l'année, ou fixez cette cible dans la convention suivante",
  ["check.cumulative-target"] = "l'indicateur {id} a une cible cumulée (cibles = {cumul = …}) mais ses valeurs ne " ..
    "s'additionnent pas d'une année sur l'autre ({kind}, dans le temps : {time}) : une cible cumulée est le total " ..
    "d'un flux (un comptage avec cumul = \"somme\") ; écrivez une cible par année, cibles = {[2026] = …}",
  ["check.start-without-cumulative"] = "l'indicateur {id} a un début (debut) mais pas de cible cumulée : debut " ..
    "dit d'où part le total d'une cible cumulée (cibles = {cumul = …})",
  ["check.rollup-qualitative"] = "l'indicateur {id} est qualitatif : ses appréciations ne s'agrègent pas sur les " ..
    "territoires, agregation n'a pas de sens (retirez-le)",
  ["check.time.sum"] = "somme", ["check.time.last"] = "dernier", ["check.time.mean"] = "moyenne", ["check.time.max"] = "max",
  -- ctg check's summary when the plan names a level with a word ctg counts something else
  -- under (cli/check.lua): that other count takes its full name, and a line says why
  ["check.label-clash"] = "« {label} » : le nom que ce plan donne à ses {levels} ({n}) ; les {others} ({m}) " ..
    "sont autre chose : {what}",
  ["check.long.axes.one"] = "axe stratégique", ["check.long.axes.many"] = "axes stratégiques",
  ["check.long.objectives.one"] = "objectif opérationnel", ["check.long.objectives.many"] = "objectifs opérationnels",
  ["check.long.actions.one"] = "action du plan", ["check.long.actions.many"] = "actions du plan",
  ["check.long.steps.one"] = "étape d'action", ["check.long.steps.many"] = "étapes d'action",
  ["check.long.sheets.one"] = "fiche descriptive", ["check.long.sheets.many"] = "fiches descriptives",
  ["check.long.indicators.one"] = "indicateur d'évaluation", ["check.long.indicators.many"] = "indicateurs d'évaluation",
  ["check.long.stakes.one"] = "enjeu de progrès", ["check.long.stakes.many"] = "enjeux de progrès",
  ["check.long.committees.one"] = "instance de pilotage", ["check.long.committees.many"] = "instances de pilotage",
  ["check.long.territories.one"] = "territoire du plan", ["check.long.territories.many"] = "territoires du plan",
  ["check.long.groups.one"] = "groupe de territoires", ["check.long.groups.many"] = "groupes de territoires",
  ["check.what.axes"] = "les grandes parties du plan (axis)",
  ["check.what.objectives"] = "les objectifs qui regroupent des actions dans un axe (objective)",
  ["check.what.actions"] = "les actions numérotées du plan (action)",
  ["check.what.steps"] = "les étapes d'une action, avec leurs années (step)",
  ["check.what.sheets"] = "les fiches qui décrivent une ou plusieurs actions, avec leur diagnostic, leur public, " ..
    "leurs pilotes et leurs indicateurs (sheet)",
  ["check.what.indicators"] = "les indicateurs d'évaluation (indicator)",
  ["check.what.stakes"] = "les enjeux numérotés que les actions servent, mesurés par le rapport de couverture (stake)",
  ["check.what.committees"] = "les comités qui pilotent et suivent le plan (committee)",
  ["check.what.territories"] = "les territoires du plan (territory)",
  ["check.what.groups"] = "les ensembles de territoires, QPV ou villages (group)",
}

local en = {
  ["check.unknown-format"] = "unknown plan format: expected a .lua or .yaml file",
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
  ["check.time.sum"] = "sum", ["check.time.last"] = "last", ["check.time.mean"] = "mean", ["check.time.max"] = "max",
  ["check.label-clash"] = "'{label}': what this plan calls its {levels} ({n}); the {others} ({m}) are something " ..
    "else: {what}",
  ["check.long.axes.one"] = "strategic axis", ["check.long.axes.many"] = "strategic axes",
  ["check.long.objectives.one"] = "operational objective", ["check.long.objectives.many"] = "operational objectives",
  ["check.long.actions.one"] = "plan action", ["check.long.actions.many"] = "plan actions",
  ["check.long.steps.one"] = "action step", ["check.long.steps.many"] = "action steps",
  ["check.long.sheets.one"] = "action sheet", ["check.long.sheets.many"] = "action sheets",
  ["check.long.indicators.one"] = "evaluation indicator", ["check.long.indicators.many"] = "evaluation indicators",
  ["check.long.stakes.one"] = "progress stake", ["check.long.stakes.many"] = "progress stakes",
  ["check.long.committees.one"] = "steering committee", ["check.long.committees.many"] = "steering committees",
  ["check.long.territories.one"] = "plan territory", ["check.long.territories.many"] = "plan territories",
  ["check.long.groups.one"] = "group of territories", ["check.long.groups.many"] = "groups of territories",
  ["check.what.axes"] = "the main parts of the plan (axis)",
  ["check.what.objectives"] = "the objectives grouping actions in an axis (objective)",
  ["check.what.actions"] = "the plan's numbered actions (action)",
  ["check.what.steps"] = "the steps of an action, with their years (step)",
  ["check.what.sheets"] = "the sheets describing one or more actions: diagnosis, public, pilots, indicators (sheet)",
  ["check.what.indicators"] = "the evaluation indicators (indicator)",
  ["check.what.stakes"] = "the numbered stakes the actions serve, measured by the coverage report (stake)",
  ["check.what.committees"] = "the committees steering and following the plan (committee)",
  ["check.what.territories"] = "the plan's territories (territory)",
  ["check.what.groups"] = "sets of territories, QPV or villages (group)",
}

return { fr = fr, en = en }
