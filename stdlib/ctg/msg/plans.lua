-- ctg.msg.plans — plan versions and time (ctg.timeline, ctg plans, an avenant in ctg check):
-- versions in force, avenants, what was known at a date, indicators a version dropped. Dates
-- come in words from ctg.present (in French after their preposition: "le 5 mars 2021").
local fr = {
  ["plans.known-none"] = "aucune donnée n'était importée au {day}{first} : les résultats sont calculés sans observation",
  ["plans.known-first"] = " (première importation le {date})",
  ["plans.known-empty"] = " (la base ne contient aucune importation)",
  ["plans.council"] = "délibération {date}",
  ["plans.signed"] = "signé {date}",
  ["plans.effective"] = "en vigueur {date}",
  ["plans.version"] = "version {n}",
  ["plans.avenant"] = "avenant",
  ["plans.amends"] = "avenant à la version {n}",
  ["plans.dropped.one"] = "l'indicateur {indicator} a {n} observation mais n'est plus dans la version {version} du plan " ..
    "en vigueur{removed} : ses observations restent consultables (ctg history --indicator {indicator}, " ..
    "ctg export observations --indicator {indicator})",
  ["plans.dropped.many"] = "l'indicateur {indicator} a {n} observations mais n'est plus dans la version {version} du plan " ..
    "en vigueur{removed} : ses observations restent consultables (ctg history --indicator {indicator}, " ..
    "ctg export observations --indicator {indicator})",
  ["plans.removed-in"] = " (retiré par la version {n})",
  ["plans.none"] = "aucun plan dans la base : importez-en un (ctg import plan.lua)",
  ["plans.imported"] = "{file}  importé {at} par {by}",
  ["plans.in-force"] = "{plan} : en vigueur aujourd'hui ({today}) : version {today_version} ; à la fin du plan ({plan_end}) : " ..
    "version {plan_end_version}",
  ["plans.check-avenant"] = "avenant : {avenant}, modifie {base}",
  ["plans.check-base-version"] = "la version {n} enregistrée",
  ["plans.check-base-file"] = "le plan {source}",
  -- ctg diff's lines (ctg.diff.format_text)
  ["diff.changed"] = "~ {what} : {field} : {old} -> {new}",
  ["diff.none"] = "(aucun)",
}

local en = {
  ["plans.known-none"] = "no data had been imported by {day}{first}: the results are computed without observations",
  ["plans.known-first"] = " (first import on {date})",
  ["plans.known-empty"] = " (the database holds no import)",
  ["plans.council"] = "council decision {date}",
  ["plans.signed"] = "signed {date}",
  ["plans.effective"] = "effective {date}",
  ["plans.version"] = "version {n}",
  ["plans.avenant"] = "amendment",
  ["plans.amends"] = "amends version {n}",
  ["plans.dropped.one"] = "indicator {indicator} has {n} observation but is no longer in version {version} of the plan " ..
    "in force{removed}: its observations can still be read (ctg history --indicator {indicator}, " ..
    "ctg export observations --indicator {indicator})",
  ["plans.dropped.many"] = "indicator {indicator} has {n} observations but is no longer in version {version} of the plan " ..
    "in force{removed}: its observations can still be read (ctg history --indicator {indicator}, " ..
    "ctg export observations --indicator {indicator})",
  ["plans.removed-in"] = " (removed by version {n})",
  ["plans.none"] = "no plan in the database: import one (ctg import plan.lua)",
  ["plans.imported"] = "{file}  imported {at} by {by}",
  ["plans.in-force"] = "{plan}: in force today ({today}): version {today_version}; at the end of the plan ({plan_end}): " ..
    "version {plan_end_version}",
  ["plans.check-avenant"] = "amendment: {avenant}, changes {base}",
  ["plans.check-base-version"] = "stored version {n}",
  ["plans.check-base-file"] = "the plan {source}",
  ["diff.changed"] = "~ {what}: {field}: {old} -> {new}",
  ["diff.none"] = "(none)",
}

return { fr = fr, en = en }
