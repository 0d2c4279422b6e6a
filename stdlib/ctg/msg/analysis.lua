-- ctg.msg.analysis — the words of what analysts call in their scripts: tables of values
-- (ev:table, db:query, ctg.table), ctg.stats, ctg.csv; their mistakes are errors at the
-- script's line, with a suggestion where one exists.
local fr = {
  -- the console's help(t) and help(ctg)
  ["repl.obj.Table"] = "{kind} : un tableau de lignes (ev:table, db:query, ctg.csv.read) ; ctg help tables dit tout",
  ["repl.obj.Table.uses"] = "t:columns(), t:column(\"value\")      les colonnes, les valeurs d'une colonne\n" ..
    "t:sort{par = \"value\", decroissant = true}   trier (ordre français pour les textes)\n" ..
    "t:filter{period = \"2024\"}, t:head(5)   garder des lignes\n" ..
    "t:group{par = \"period\", moyenne = \"value\"}   regrouper : somme, moyenne, mediane, quantile…\n" ..
    "t:write(\"valeurs.csv\")               écrire en .csv, .xlsx ou .json",
  ["repl.module.tables"] = "tableaux de valeurs, statistiques, fichiers CSV",
  ["analysis.options-type"] = "{fn} attend une table d'options, pas {got}",
  ["analysis.option-unknown"] = "{fn} : option inconnue '{key}'{hint}",
  ["analysis.option-bad"] = "{fn} : l'option '{key}' attend {expected}, pas {got}",
  ["analysis.hint"] = " (vouliez-vous dire '{name}' ?)",
  ["analysis.hint-list"] = " (possibles : {names})",
  ["analysis.column-unknown"] = "{fn} : colonne inconnue '{name}'{hint}",
  ["analysis.argument-bad"] = "{fn} attend {expected}, pas {got}",
  ["analysis.indicator-unknown"] = "{fn} : indicateur inconnu '{name}'{hint}",
  ["analysis.territory-unknown"] = "{fn} : territoire inconnu '{name}'{hint}",
  ["analysis.period-bad"] = "{fn} : période invalide {got} (une année 2023, une année scolaire 2022-2023 ou un mois 2023-09)",
  ["analysis.dimension-unknown"] = "{fn} : dimension inconnue '{name}'{hint}",
  ["analysis.aggregate-unknown"] = "{fn} : calcul inconnu '{name}'{hint}",
  ["analysis.write-format"] = "{fn} : format de fichier inconnu pour {path} (attendu : .csv, .xlsx ou .json)",
  ["analysis.write-failed"] = "{fn} : {why}",
  ["analysis.write-sandbox"] = "{fn} : un script partagé n'écrit pas de fichier (ctg report -o écrit le rapport ; " ..
    "pour vos propres scripts, --trust donne tout Lua)",
  ["analysis.read-failed"] = "{fn} : {why}",
  ["analysis.csv.header-empty"] = "la colonne {i} de l'en-tête n'a pas de nom",
  ["analysis.csv.header-twice"] = "la colonne « {name} » est deux fois dans l'en-tête",
  ["analysis.csv.width"] = "{n} cellules, l'en-tête en a {m}",
  ["analysis.not-list"] = "{fn} attend une liste de nombres, pas {got}",
  ["analysis.not-number"] = "{fn} : l'élément {i} n'est pas un nombre ({got})",
  ["analysis.quantile-range"] = "{fn} : p doit être un nombre de 0 à 1 (0,5 pour la médiane, 0,9 pour le 9e décile), pas {got}",
  ["analysis.weights-length"] = "{fn} : {n} valeurs mais {m} poids (un poids par valeur)",
  ["analysis.weight-negative"] = "{fn} : le poids {i} est négatif ({got})",
  ["analysis.rows"] = "({n} {rows})",
  ["analysis.rows.none"] = "(aucune ligne)",
  ["analysis.rows.more"] = "… {n} {rows} de plus (t:write(\"fichier.csv\") les écrit toutes)",
  ["analysis.col.indicator"] = "Indicateur", ["analysis.col.period"] = "Période",
  ["analysis.col.territory"] = "Territoire", ["analysis.col.territory_title"] = "Nom du territoire",
  ["analysis.col.value"] = "Valeur", ["analysis.col.numerator"] = "Numérateur",
  ["analysis.col.denominator"] = "Dénominateur", ["analysis.col.target"] = "Cible", ["analysis.col.status"] = "Statut",
  ["analysis.col.reason"] = "Motif", ["analysis.col.note"] = "Note",
  ["analysis.col.missing_territories"] = "Territoires sans donnée", ["analysis.col.count"] = "Lignes",
  ["analysis.col.partial"] = "Partiel", ["analysis.col.missing"] = "Manquants",
  ["analysis.col-short.numerator"] = "Num.", ["analysis.col-short.denominator"] = "Dénom.",
  ["analysis.col.agg.sum"] = "somme", ["analysis.col.agg.mean"] = "moyenne", ["analysis.col.agg.median"] = "médiane",
  ["analysis.col.agg.min"] = "minimum", ["analysis.col.agg.max"] = "maximum",
  ["analysis.col.agg.quantile"] = "quantile {p} %", ["analysis.col.agg.missing"] = "sans valeur",
}

local en = {
  ["repl.obj.Table"] = "{kind}: a table of rows (ev:table, db:query, ctg.csv.read); ctg help tables says it all",
  ["repl.obj.Table.uses"] = "t:columns(), t:column(\"value\")      the columns, the values of one\n" ..
    "t:sort{by = \"value\", desc = true}   sort (French order for texts)\n" ..
    "t:filter{period = \"2024\"}, t:head(5)   keep rows\n" ..
    "t:group{by = \"period\", mean = \"value\"}   group: sum, mean, median, quantile…\n" ..
    "t:write(\"values.csv\")               write as .csv, .xlsx or .json",
  ["repl.module.tables"] = "tables of values, statistics, CSV files",
  ["analysis.options-type"] = "{fn} takes a table of options, not {got}",
  ["analysis.option-unknown"] = "{fn}: unknown option '{key}'{hint}",
  ["analysis.option-bad"] = "{fn}: option '{key}' takes {expected}, not {got}",
  ["analysis.hint"] = " (did you mean '{name}'?)",
  ["analysis.hint-list"] = " (possible: {names})",
  ["analysis.column-unknown"] = "{fn}: unknown column '{name}'{hint}",
  ["analysis.argument-bad"] = "{fn} takes {expected}, not {got}",
  ["analysis.indicator-unknown"] = "{fn}: unknown indicator '{name}'{hint}",
  ["analysis.territory-unknown"] = "{fn}: unknown territory '{name}'{hint}",
  ["analysis.period-bad"] = "{fn}: invalid period {got} (a year 2023, a school year 2022-2023 or a month 2023-09)",
  ["analysis.dimension-unknown"] = "{fn}: unknown dimension '{name}'{hint}",
  ["analysis.aggregate-unknown"] = "{fn}: unknown aggregate '{name}'{hint}",
  ["analysis.write-format"] = "{fn}: unknown file format for {path} (expected .csv, .xlsx or .json)",
  ["analysis.write-failed"] = "{fn}: {why}",
  ["analysis.write-sandbox"] = "{fn}: a shared script writes no file (ctg report -o writes the report; " ..
    "for your own scripts, --trust gives full Lua)",
  ["analysis.read-failed"] = "{fn}: {why}",
  ["analysis.csv.header-empty"] = "column {i} of the header has no name",
  ["analysis.csv.header-twice"] = "column '{name}' is twice in the header",
  ["analysis.csv.width"] = "{n} cells, the header has {m}",
  ["analysis.not-list"] = "{fn} takes a list of numbers, not {got}",
  ["analysis.not-number"] = "{fn}: item {i} is not a number ({got})",
  ["analysis.quantile-range"] = "{fn}: p must be a number from 0 to 1 (0.5 for the median, 0.9 for the 9th decile), not {got}",
  ["analysis.weights-length"] = "{fn}: {n} values but {m} weights (one weight per value)",
  ["analysis.weight-negative"] = "{fn}: weight {i} is negative ({got})",
  ["analysis.rows"] = "({n} {rows})",
  ["analysis.rows.none"] = "(no rows)",
  ["analysis.rows.more"] = "… {n} more {rows} (t:write(\"file.csv\") writes them all)",
  ["analysis.col.indicator"] = "Indicator", ["analysis.col.period"] = "Period",
  ["analysis.col.territory"] = "Territory", ["analysis.col.territory_title"] = "Territory name",
  ["analysis.col.value"] = "Value", ["analysis.col.numerator"] = "Numerator",
  ["analysis.col.denominator"] = "Denominator", ["analysis.col.target"] = "Target", ["analysis.col.status"] = "Status",
  ["analysis.col.reason"] = "Reason", ["analysis.col.note"] = "Note",
  ["analysis.col.missing_territories"] = "Territories without data", ["analysis.col.count"] = "Rows",
  ["analysis.col.partial"] = "Partial", ["analysis.col.missing"] = "Missing",
  ["analysis.col-short.numerator"] = "Num.", ["analysis.col-short.denominator"] = "Den.",
  ["analysis.col.agg.sum"] = "sum", ["analysis.col.agg.mean"] = "mean", ["analysis.col.agg.median"] = "median",
  ["analysis.col.agg.min"] = "minimum", ["analysis.col.agg.max"] = "maximum",
  ["analysis.col.agg.quantile"] = "quantile {p} %", ["analysis.col.agg.missing"] = "without value",
}

return { fr = fr, en = en }
