-- ctg.msg.portfolio — one database, several plans (a CAF follows many CTGs): which plan a
-- reading command reads (--plan), a plan id imported twice by different conventions, an
-- option that would have no effect, and the portfolio report (scripts/portefeuille.lua).
local fr = {
  -- ctg.cli.args.plan_id
  ["portfolio.several"] = "{command} : la base {path} contient {n} plans ({ids}) : précisez lequel avec --plan ID{all}",
  ["portfolio.several.all"] = ", ou --plan all pour un rapport qui les compare (scripts/portefeuille.lua)",
  ["portfolio.unknown"] = "{command} : --plan '{id}' n'est pas un plan de la base{hint} ; plans enregistrés : {ids}",
  ["portfolio.unknown.none"] = "{command} : --plan '{id}' : la base {path} ne contient aucun plan (ctg import plan.lua)",
  ["portfolio.store-several"] = "la base {path} contient {n} plans ({ids}) : dites lequel (ctg.evaluate(plan, db), " ..
    "db:plan(\"ID\"), --plan ID)",
  ["portfolio.all-not-here"] = "{command} : --plan all ne vaut que pour ctg report (un rapport qui compare les plans) ; " ..
    "ici, un plan à la fois : {ids}",
  ["portfolio.one-plan"] = "ce rapport porte sur plusieurs plans (--plan all) : ctx.{key} n'existe pas ; lisez " ..
    "ctx.evaluations (un élément par plan), ou lancez-le avec --plan ID",
  -- ctg import of a plan whose id another convention already uses
  ["portfolio.same-id"] = "le plan « {id} » de la base (version {version}, {file}) couvre {stored} ; celui-ci couvre " ..
    "{new} : ce n'est pas une nouvelle version de la même convention mais une autre CTG portant le même identifiant. " ..
    "Donnez-lui son propre identifiant, ou, s'il s'agit bien d'une nouvelle version, importez-le avec --new-version",
  -- options that would have no effect (ctg.cli.args.no_effect)
  ["portfolio.no-effect"] = "{command} : l'option {option} n'a pas d'effet {context} ; retirez-la",
  ["portfolio.ctx.output"] = "pour une sortie {format} (elle règle les fichiers CSV seulement)",
  ["portfolio.ctx.plan-file"] = "sur un fichier de plan ({file}) : elle choisit un plan de la base",
  ["portfolio.ctx.files"] = "quand les deux plans comparés sont des fichiers : elle choisit les versions d'un plan de la base (ctg diff --plan ID 1 2)",
  ["portfolio.ctx.observations"] = "sur un fichier d'observations ({file}) : elle date une version de plan",
  ["portfolio.ctx.no-csv"] = "sans fichier CSV ni classeur à importer (elle dit le territoire des lignes d'un CSV sans colonne territoire)",
  ["portfolio.ctx.no-plan-file"] = "sans fichier de plan à importer : elle s'applique à une version de plan",
  ["portfolio.ctx.no-csv-plan"] = "sans fichier CSV ni classeur à importer (un fichier YAML d'observations nomme son plan dans sa clé plan:)",
  ["portfolio.ctx.plan-export"] = "sur l'export d'un plan (YAML ou JSON ; elle règle le CSV des observations)",
  ["portfolio.explain-all"] = "eval : --explain explique une seule valeur : --{option} all n'a pas de sens avec lui ; " ..
    "donnez une seule valeur (ou retirez --explain pour le tableau)",
  ["portfolio.two-outputs"] = "{command} : -o {o} et --output {output} nomment deux sorties ; l'option est la même, " ..
    "n'en donnez qu'une",
  ["portfolio.history-indicator"] = "history : --indicator ID est obligatoire (voir 'ctg help history')",
  ["portfolio.ctx.explain"] = "avec --explain (qui explique un seul indicateur, en texte)",
  ["portfolio.ctx.format"] = "avec --format {format} (elle règle le CSV seulement)",
}

local en = {
  ["portfolio.several"] = "{command}: the database {path} holds {n} plans ({ids}): say which with --plan ID{all}",
  ["portfolio.several.all"] = ", or --plan all for a report that compares them (scripts/portefeuille.lua)",
  ["portfolio.unknown"] = "{command}: --plan '{id}' is not a plan of the database{hint}; stored plans: {ids}",
  ["portfolio.unknown.none"] = "{command}: --plan '{id}': the database {path} holds no plan (ctg import plan.lua)",
  ["portfolio.store-several"] = "the database {path} holds {n} plans ({ids}): say which (ctg.evaluate(plan, db), " ..
    "db:plan(\"ID\"), --plan ID)",
  ["portfolio.all-not-here"] = "{command}: --plan all is for ctg report only (a report comparing the plans); " ..
    "here, one plan at a time: {ids}",
  ["portfolio.one-plan"] = "this report spans several plans (--plan all): ctx.{key} does not exist; read " ..
    "ctx.evaluations (one item a plan), or run it with --plan ID",
  ["portfolio.same-id"] = "the plan '{id}' in the database (version {version}, {file}) covers {stored}; this one covers " ..
    "{new}: it is not a new version of the same convention but another CTG with the same id. " ..
    "Give it its own id, or, if it really is a new version, import it with --new-version",
  ["portfolio.no-effect"] = "{command}: option {option} has no effect {context}; remove it",
  ["portfolio.ctx.output"] = "for a {format} output (it sets the CSV files only)",
  ["portfolio.ctx.plan-file"] = "on a plan file ({file}): it picks a plan of the database",
  ["portfolio.ctx.files"] = "when both plans compared are files: it picks the versions of a plan of the database (ctg diff --plan ID 1 2)",
  ["portfolio.ctx.observations"] = "on an observation file ({file}): it dates a plan version",
  ["portfolio.ctx.no-csv"] = "without a CSV file or workbook to import (it gives the territory of the rows of a CSV without a territory column)",
  ["portfolio.ctx.no-plan-file"] = "without a plan file to import: it applies to a plan version",
  ["portfolio.ctx.no-csv-plan"] = "without a CSV file or workbook to import (a YAML observation file names its plan in its plan: key)",
  ["portfolio.ctx.plan-export"] = "on a plan's export (YAML or JSON; it sets the observations' CSV)",
  ["portfolio.explain-all"] = "eval: --explain explains one value: --{option} all makes no sense with it; " ..
    "give one value (or remove --explain for the table)",
  ["portfolio.two-outputs"] = "{command}: -o {o} and --output {output} name two outputs; they are the same option, " ..
    "give only one",
  ["portfolio.history-indicator"] = "history: --indicator ID is required (see 'ctg help history')",
  ["portfolio.ctx.explain"] = "with --explain (which explains one indicator, as text)",
  ["portfolio.ctx.format"] = "with --format {format} (it sets the CSV only)",
}

return { fr = fr, en = en }
