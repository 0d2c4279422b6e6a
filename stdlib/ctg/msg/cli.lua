-- ctg.msg.cli — the command line's own sentences: usage errors of every subcommand
-- (ctg.cli.args and stdlib/ctg/cli/*.lua), the errors of `ctg help`, and the few summary
-- lines the subcommands share. Option names (--period) stay as they are in both languages.
local fr = {
  -- ctg.cli.args.parse: every subcommand's options and arguments
  ["cli.usage"] = "{command} : {what} (voir 'ctg help {command}')",
  ["cli.unknown-option"] = "option inconnue '{option}'{hint}",
  ["cli.hint"] = " (vouliez-vous dire '{hint}' ?)",
  ["cli.flag-value"] = "l'option '--{name}' ne prend pas de valeur",
  ["cli.needs-value"] = "l'option '--{name}' attend une valeur",
  ["cli.bad-value"] = "l'option '--{name}' prend l'une des valeurs {values} (reçu '{value}')",
  ["cli.missing-argument"] = "argument manquant : {usage}",
  ["cli.unexpected-argument"] = "argument en trop '{arg}' : {usage}",
  -- ctg.cli.args.choose: a value the plan does not have
  ["cli.choose"] = "{command} : {option} '{value}' n'est pas {what}{hint} ; valeurs possibles : {list}",
  ["cli.choose.none"] = "aucune dans ce plan",
  ["cli.choose.more"] = ", … ({n} en tout)",
  ["cli.what.indicator"] = "un indicateur du plan",
  ["cli.what.territory"] = "un territoire du plan",
  ["cli.what.encoding"] = "un encodage de fichier",
  -- ctg.cli.args.stored_plan: PLAN-ID@N, PLAN-ID@DATE
  ["cli.no-plan"] = "{command} : aucun plan « {id} » dans la base{known}",
  ["cli.no-plan.known"] = " (plans enregistrés : {ids})",
  ["cli.no-version"] = "{command} : le plan {id} n'a pas de version {at} (versions enregistrées : {versions})",
  ["cli.bad-at"] = "{command} : {spec} : après @, un numéro de version ({id}@2) ou une date ({id}@2023-07-01) ; {why}",
  -- shared lines
  ["cli.error-line"] = "erreur : {finding}",
  ["cli.changes"] = "{added}, {removed}, {changed}",
  -- ctg help
  ["cli.help.unknown"] = "help : pas d'aide sur '{name}'{hint}",
  ["cli.help.topics"] = " (sujets : {topics} ; ou le nom d'une sous-commande)",
  -- ctg help vocabulary: the frame around the schema's words (msg/vocabulary.lua)
  ["cli.vocabulary.intro"] = "Le vocabulaire des plans : les déclarations qu'un fichier de plan (.lua ou .yaml) emploie.\n" ..
    "Chacune s'écrit nom(code, \"titre\") { champ = valeur, …, déclarations contenues… } ;\n" ..
    "fiche { … } ne prend qu'une table. Chaque nom a une forme française (donnée en premier) et\n" ..
    "une forme anglaise (entre parenthèses) : les deux sont acceptées, en Lua comme en YAML, et\n" ..
    "une clé accentuée aussi ([\"période\"] = …) ; un export écrit toujours les noms anglais.",
  ["cli.vocabulary.yaml"] = "  — en YAML : {plural}",
  ["cli.vocabulary.parent"] = "  se déclare dans : {kinds}{top}",
  ["cli.vocabulary.top-level"] = ", ou au premier niveau",
  ["cli.vocabulary.children"] = "  contient : {kinds}",
  ["cli.vocabulary.required"] = ", obligatoire",
  ["cli.vocabulary.values"] = "valeurs : {values}",
  ["cli.vocabulary.keys"] = "clés : {keys}",
  ["cli.vocabulary.amendment"] = "{word} \"ID-DU-PLAN\" { … }  ({other}) — un avenant écrit comme ses changements (ctg help time)",
  ["cli.vocabulary.amendment-header"] = "  en-tête : {keys}, note",
  ["cli.vocabulary.remove"] = "{word} { action = 7, indicateur = \"x\", … }  ({other}) — dans un avenant, ce qu'il retire",
  ["cli.vocabulary.shapes"] = "Toutes les formes de convention : ctg help shapes.",
  ["cli.help.luals-only"] = "help : --format luals ne s'applique qu'à « ctg help vocabulary » (les définitions pour l'éditeur)",
  -- ctg diff, ctg export, ctg rules, ctg report
  ["cli.diff.has-errors"] = "diff : {path} comporte des erreurs (voir 'ctg check {path}')",
  ["cli.export.has-errors"] = "export : {path} comporte des erreurs : rien n'est exporté (voir 'ctg check {path}')",
  ["cli.export.xlsx-to-file"] = "export : un classeur s'écrit dans un fichier : donnez -o observations.xlsx",
  ["cli.export.failed"] = "export : {err}",
  ["xlsx.no-library"] = "xlsx : impossible d'ouvrir la bibliothèque {library} ({why}) : installez le paquet " ..
    "Debian libxlsxwriter (make deps), ou choisissez un autre format (.html, .csv)",
  ["cli.export.plan-format"] = "export : un plan s'exporte en yaml ou en json ({format} est pour 'ctg export observations')",
  ["cli.export.filter"] = "export : --{option} filtre des observations : ctg export observations --{option} …",
  ["cli.rules.has-errors"] = "rules : {path} comporte des erreurs : aucune règle n'a été vérifiée",
  ["cli.report.no-output"] = "report : donnez le fichier de sortie avec -o (rapport.html, .md, .csv, .xlsx ou .pdf)",
  ["cli.pdf.no-chromium"] = "{command} : un PDF demande Chromium (apt-get install chromium) ; écrivez le .html et imprimez-le",
  ["cli.pdf.failed"] = "{command} : Chromium n'a pas pu imprimer {out}",
  ["cli.report.bad-extension"] = "report : extension de sortie inconnue '.{ext}' dans {out} (employez .html, .md, " ..
    ".csv, .xlsx ou .pdf)",
  ["cli.report.bad-date"] = "report : --date attend une date AAAA-MM-JJ (reçu '{date}')",
  ["cli.report.no-script"] = "report : impossible de lire le script {script}",
  ["cli.report.stock-hint"] = " ; le script fourni avec ctg s'appelle par son nom : ctg report {name} -o …",
  ["cli.report.no-dir"] = "report : le répertoire {dir} n'existe pas (créez-le ou choisissez un autre -o)",
}

local en = {
  ["cli.usage"] = "{command}: {what} (try 'ctg help {command}')",
  ["cli.unknown-option"] = "unknown option '{option}'{hint}",
  ["cli.hint"] = " (did you mean '{hint}'?)",
  ["cli.flag-value"] = "option '--{name}' takes no value",
  ["cli.needs-value"] = "option '--{name}' needs a value",
  ["cli.bad-value"] = "option '--{name}' must be one of {values} (got '{value}')",
  ["cli.missing-argument"] = "missing argument: {usage}",
  ["cli.unexpected-argument"] = "unexpected argument '{arg}': {usage}",
  ["cli.choose"] = "{command}: {option} '{value}' is not {what}{hint}; allowed values: {list}",
  ["cli.choose.none"] = "none in this plan",
  ["cli.choose.more"] = ", … ({n} in all)",
  ["cli.what.indicator"] = "an indicator of the plan",
  ["cli.what.territory"] = "a territory of the plan",
  ["cli.what.encoding"] = "a file encoding",
  ["cli.no-plan"] = "{command}: no plan '{id}' in the database{known}",
  ["cli.no-plan.known"] = " (stored plans: {ids})",
  ["cli.no-version"] = "{command}: plan {id} has no version {at} (stored versions: {versions})",
  ["cli.bad-at"] = "{command}: {spec}: after @, a version number ({id}@2) or a date ({id}@2023-07-01); {why}",
  ["cli.error-line"] = "error: {finding}",
  ["cli.changes"] = "{added}, {removed}, {changed}",
  ["cli.help.unknown"] = "help: no help on '{name}'{hint}",
  ["cli.help.topics"] = " (topics: {topics}; or a subcommand name)",
  ["cli.vocabulary.intro"] = "The plan vocabulary: the declarations a plan file (.lua or .yaml) uses.\n" ..
    "Each is written name(code, \"title\") { field = value, …, nested declarations… };\n" ..
    "sheet { … } takes only a table. Every name has an English form (given first) and a French\n" ..
    "one (in parentheses): both are accepted, in Lua as in YAML, and an accented key too\n" ..
    "([\"période\"] = …); an export always writes the English names.",
  ["cli.vocabulary.yaml"] = "  — in YAML: {plural}",
  ["cli.vocabulary.parent"] = "  declared inside: {kinds}{top}",
  ["cli.vocabulary.top-level"] = ", or at the top level",
  ["cli.vocabulary.children"] = "  holds: {kinds}",
  ["cli.vocabulary.required"] = ", required",
  ["cli.vocabulary.values"] = "values: {values}",
  ["cli.vocabulary.keys"] = "keys: {keys}",
  ["cli.vocabulary.amendment"] = "{word} \"PLAN-ID\" { … }  ({other}) — an avenant written as its changes (ctg help time)",
  ["cli.vocabulary.amendment-header"] = "  header: {keys}, note",
  ["cli.vocabulary.remove"] = "{word} { action = 7, indicator = \"x\", … }  ({other}) — in an avenant, what it removes",
  ["cli.vocabulary.shapes"] = "Every shape of convention (in French): ctg help shapes.",
  ["cli.help.luals-only"] = "help: --format luals applies only to 'ctg help vocabulary' (the editor's definitions)",
  ["cli.diff.has-errors"] = "diff: {path} has errors (see 'ctg check {path}')",
  ["cli.export.has-errors"] = "export: {path} has errors: nothing exported (see 'ctg check {path}')",
  ["cli.export.xlsx-to-file"] = "export: a workbook goes to a file: give -o observations.xlsx",
  ["cli.export.failed"] = "export: {err}",
  ["xlsx.no-library"] = "xlsx: cannot open the library {library} ({why}): install the Debian package " ..
    "libxlsxwriter (make deps), or choose another format (.html, .csv)",
  ["cli.export.plan-format"] = "export: a plan exports as yaml or json ({format} is for 'ctg export observations')",
  ["cli.export.filter"] = "export: --{option} filters observations: ctg export observations --{option} …",
  ["cli.rules.has-errors"] = "rules: {path} has errors: no rule was checked",
  ["cli.report.no-output"] = "report: give the output file with -o (report.html, .md, .csv, .xlsx or .pdf)",
  ["cli.pdf.no-chromium"] = "{command}: PDF needs Chromium (apt-get install chromium); write .html and print it instead",
  ["cli.pdf.failed"] = "{command}: Chromium could not print {out}",
  ["cli.report.bad-extension"] = "report: unknown output extension '.{ext}' in {out} (use .html, .md, .csv, .xlsx or .pdf)",
  ["cli.report.bad-date"] = "report: --date must be a date YYYY-MM-DD (got '{date}')",
  ["cli.report.no-script"] = "report: cannot read the script {script}",
  ["cli.report.stock-hint"] = "; the script shipped with ctg is called by its name: ctg report {name} -o …",
  ["cli.report.no-dir"] = "report: the directory {dir} does not exist (create it or choose another -o)",
}

return { fr = fr, en = en }
