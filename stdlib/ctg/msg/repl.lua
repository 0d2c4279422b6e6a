-- ctg.msg.repl — the REPL's own words (ctg.repl, host/repl.c): its error lines, the name
-- of the input in locations, query results, and Lua's common messages put in French.
local fr = {
  -- the guide: banner, help(), help(x), summaries (ctg.repl)
  ["repl.banner"] = "ctg {version} ({lua}) — help() pour commencer, quit pour sortir ; Tab complète, Ctrl-C interrompt",
  ["repl.guide"] = [[
ctg — l'aide de la console (help(x) décrit x : help(ctg), help(ev), help(ctg.load)…)

  p = ctg.load("plan.lua")            charger un plan (.lua ou .yaml) ; erreur s'il en a
  p, constats = ctg.check("plan.lua") vérifier un plan sans erreur levée
  db = ctg.open()                     ouvrir la base (--db, sinon $CTG_DB, sinon ./ctg.db)
  ev = ctg.evaluate(p, db, {period = 2023})   évaluer (p = nil : la version en vigueur)
  ev:value("places_100")              une valeur ; {territory = "nord"} pour un territoire
  ev:explain("places_100")            comment elle est calculée, observations et révisions
  db:query("select * from import")    une requête SQL en lecture, affichée en tableau (à la
                                      largeur du terminal, les cellules longues coupées par …)
  db:plan("ID@1"), ctg.diff("ID@1", "ID@2")   une version enregistrée, ce qu'un avenant a changé
  x = 1; x                            des instructions puis une expression : elle s'affiche
  ctg.report(…) n'existe pas ici : un rapport se produit par
      ctg report scripts/bilan-annuel.lua --period 2023 -o bilan.html   (dans le terminal)
  quit  (ou exit, ou Ctrl-D)          quitter]],
  ["repl.fn.load"] = "ctg.load(chemin) : charge un plan (.lua ou .yaml) et le renvoie ; lève une erreur qui liste " ..
    "ses erreurs s'il en a. Exemple : p = ctg.load(\"examples/clermont-ferrand/plan.lua\")",
  ["repl.fn.check"] = "ctg.check(chemin) : charge un plan et renvoie plan, constats (erreurs et avertissements), " ..
    "a_des_erreurs ; ne lève pas d'erreur pour les fautes du plan.",
  ["repl.fn.diff"] = "ctg.diff(a, b) : les changements entre deux plans chargés (ajouts, retraits, modifications).",
  ["repl.fn.export"] = "ctg.export(p, \"yaml\"|\"json\") : le plan en texte YAML (défaut) ou JSON.",
  ["repl.fn.open"] = "ctg.open([chemin], {create = true}) : ouvre une base ; défaut --db, puis $CTG_DB, puis " ..
    "./ctg.db ; un fichier absent est une erreur, sauf avec create = true (un script qui écrit). " ..
    "local db <close> = ctg.open() la ferme en fin de bloc.",
  ["repl.fn.evaluate"] = "ctg.evaluate(p, db, {period = 2023, territory = …, as_of = …, known_at = …}) : évalue le " ..
    "plan sur la base ; p = nil prend la version en vigueur. Noms français acceptés (periode, territoire, au, " ..
    "connu_au). Renvoie une évaluation : help(ev).",
  ["repl.fn.explain"] = "ctg.explain(ev, id, opts) : comme ev:explain(id, opts).",
  ["repl.obj.Plan"] = "{kind} : un plan chargé",
  ["repl.obj.Plan.uses"] = "p.id, p.title, p.period           identifiant, titre, période\n" ..
    "p.indicators, p.actions, p.territories   les listes du plan\n" ..
    "p:indicator(id), p:action(n)      un élément par son identifiant\n" ..
    "p:place(code)                     un territoire ou un groupe\n" ..
    "p:root(), p:territory(nom)        le territoire racine, un territoire (objets)\n" ..
    "t:children(), g:members()         les territoires d'un territoire, d'un groupe\n" ..
    "p.axes[1]:indicators()            les indicateurs d'un axe, d'un objectif, d'une action\n" ..
    "p:counts()                        le nombre d'éléments de chaque sorte",
  ["repl.obj.Evaluation"] = "{kind} : une évaluation (ctg.evaluate)",
  ["repl.obj.Evaluation.uses"] = "ev:value(id, {period = …, territory = …})   la valeur d'un indicateur\n" ..
    "ev:explain(id, opts)              comment elle est calculée\n" ..
    "ev:series(id, opts)               la série annuelle\n" ..
    "ev:breakdown(id, dim, opts)       la valeur par modalité d'une dimension\n" ..
    "ev:findings()                     les constats des règles\n" ..
    "ev:periods_with_data(id)          les périodes où l'indicateur a des données\n" ..
    "ev.plan, ev.period, ev.territory  le plan évalué, la période, le territoire",
  ["repl.obj.Database"] = "{kind} : une base de données (ctg.open)",
  ["repl.obj.Database.uses"] = "db:query(sql, …)                  une requête en lecture, résultat en tableau\n" ..
    "db:plans()                        les plans et versions enregistrés\n" ..
    "db:history({indicator = …})       les révisions des observations\n" ..
    "db:observations{indicator = …}    les observations courantes, une à une\n" ..
    "db:plan(\"ID@1\")                   une version enregistrée du plan\n" ..
    "db:close()                        fermer la base",
  ["repl.obj.Value"] = "{kind} : une valeur calculée (ev:value)",
  ["repl.obj.Value.uses"] = "v.value, v.numerator, v.denominator   la valeur et ses termes\n" ..
    "v.status, v.reason                statut (cible) ou motif d'indisponibilité\n" ..
    "v.period, v.territory, v.sources  d'où elle vient ; ev:explain(v.indicator) détaille",
  ["repl.obj.Explanation"] = "{kind} : une explication (ev:explain) ; print(x) l'affiche en entier",
  ["repl.obj.Explanation.uses"] = "",
  ["repl.modules"] = "ctg — les fonctions de la console (help(ctg.load) pour l'une d'elles) :",
  ["repl.module.load"] = "charger ou vérifier un plan",
  ["repl.module.open"] = "ouvrir une base de données",
  ["repl.module.evaluate"] = "évaluer les indicateurs, expliquer une valeur",
  ["repl.module.diff"] = "comparer deux plans, exporter un plan",
  ["repl.module.fmt"] = "nombres, pourcentages, euros et dates à la française",
  ["repl.help.methods"] = "ses {n} méthodes : {list}",
  ["repl.help.method"] = "{call} — méthode d'un objet {kind} : {text}",
  ["repl.help.method-undocumented"] = "help({var}) décrit l'objet et liste ses méthodes",
  ["repl.help.node"] = "{what}",
  ["repl.method.Database.query"] = "db:query(sql, …) : le SQL du moteur (SQLite), pour qui en a besoin : une requête en " ..
    "lecture, paramètres liés (?) ; le résultat s'affiche en tableau.",
  ["repl.method.Database.step_progress"] = "db:step_progress{jusqu_a = 2023, plan = …} : l'avancement des étapes, " ..
    "la période la plus ancienne d'abord ({step, period, status}).",
  ["repl.method.Database.funding_totals"] = "db:funding_totals{plan = …} : les financements reçus par financeur et " ..
    "période ({funder, period, total}).",
  ["repl.method.Database.meetings_per_year"] = "db:meetings_per_year{plan = …} : les réunions tenues par instance et " ..
    "année ({committee, year, held}).",
  ["repl.method.Database.meetings_held"] = "db:meetings_held(plan, instance, année) : les dates des réunions de l'instance cette année-là.",
  ["repl.method.Database.funding_received"] = "db:funding_received(plan, financeur, année) : le total versé cette année " ..
    "et le nombre de versements.",
  ["repl.method.Database.step_started_by"] = "db:step_started_by(plan, étape, année) : true si l'étape est commencée " ..
    "ou faite cette année ou avant.",
  ["repl.method.Database.observations"] = "db:observations{indicator = …, period = …, territory = …} : les observations " ..
    "courantes, une à une (for r in db:observations{…} do … end) ; noms français acceptés (indicateur, periode, territoire).",
  ["repl.method.Database.history"] = "db:history{indicator = …} : toutes les révisions des observations, avec leur provenance.",
  ["repl.method.Database.plans"] = "db:plans() : les plans et leurs versions enregistrés (tableau).",
  ["repl.method.Database.plan"] = "db:plan([\"ID\" ou \"ID@N\" ou \"ID@AAAA-MM-JJ\"]) : le plan enregistré — la version " ..
    "qui s'applique en dernier, la version N, ou celle en vigueur à la date ; renvoie le plan et sa version.",
  ["repl.method.Database.plan_version"] = "db:plan_version(id, date) : la ligne de la version en vigueur à la date.",
  ["repl.method.Database.put"] = "db:put{indicator = …, period = …, territory = …, value = …} : enregistre une " ..
    "observation (vérifiée comme à l'import) ; renvoie sa révision.",
  ["repl.method.Database.transaction"] = "db:transaction(function() … end) : tout ou rien.",
  ["repl.method.Database.known_at"] = "db:known_at(\"AAAA-MM-JJ\") : lire désormais les données telles que connues ce jour-là.",
  ["repl.method.Database.periods_with_data"] = "db:periods_with_data(id) : les périodes où l'indicateur a des données.",
  ["repl.method.Database.close"] = "db:close() : ferme la base.",
  ["repl.method.Database.each_observation"] = "db:each_observation{…} : les observations une à une, sans tout garder en mémoire.",
  ["repl.method.Database.first_import_day"] = "db:first_import_day() : le jour de la première importation.",
  ["repl.method.Evaluation.value"] = "ev:value(id, {period = …, territory = …}) : la valeur d'un indicateur ; " ..
    "territoire par code, nom, code INSEE ou objet (p:root()).",
  ["repl.method.Evaluation.series"] = "ev:series(id, {territory = …}) : la série annuelle, de la première année de données à la période.",
  ["repl.method.Evaluation.breakdown"] = "ev:breakdown(id, dimension, {period = …}) : la valeur par modalité d'une dimension.",
  ["repl.method.Evaluation.explain"] = "ev:explain(id, opts) : comment la valeur est calculée, observations et révisions.",
  ["repl.method.Evaluation.findings"] = "ev:findings() : les constats des règles à la période évaluée.",
  ["repl.method.Evaluation.periods_with_data"] = "ev:periods_with_data(id, {territory = …}) : les périodes où " ..
    "l'indicateur a des données (le territoire et ceux qui le composent).",
  ["repl.method.Plan.root"] = "p:root() : le territoire racine (objet : .code, .title, :children()).",
  ["repl.method.Plan.territory"] = "p:territory(code ou nom ou code INSEE) : un territoire, nil s'il n'existe pas.",
  ["repl.method.Plan.place"] = "p:place(code) : un territoire ou un groupe, et sa sorte.",
  ["repl.method.Plan.indicator"] = "p:indicator(id) : un indicateur.",
  ["repl.help.function"] = "une fonction ; help() pour le guide de la console",
  ["repl.help.table-fields"] = "une table ; ses champs : {fields}",
  ["repl.help.table-items.one"] = "une table de {n} élément",
  ["repl.help.table-items.many"] = "une table de {n} éléments",
  ["repl.help.nil"] = "nil : rien (une variable jamais affectée ?)",
  ["repl.help.value"] = "une valeur de type {type} : {value}",
  ["repl.summary.evaluation"] = "<Evaluation> {plan}, période {period}, territoire {territory} : {n} indicateurs, " ..
    "dont {missing} sans valeur\n  ev:value(id), ev:explain(id) ; help(ev) pour le reste",
  ["repl.summary.plan"] = "<Plan> {plan} — {title}\n  {counts} ; help(p) pour le reste",
  ["repl.cut"] = "… {n} lignes de plus : print(require(\"ctg.pretty\").format(x, {width = 100})) pour tout voir, " ..
    "help(x) pour ce qu'on peut en faire",
  ["repl.error"] = "erreur : {message}",
  ["repl.input"] = "[saisie]",
  ["repl.rows"] = "({n} {rows})",
  ["repl.rows.none"] = "(aucune ligne)",
  ["repl.eof"] = "la fin de la saisie",
  -- Lua's messages (ctg.repl's LUA_MESSAGES)
  ["repl.lua.close"] = "« {token} » attendu pour fermer « {opener} » de la ligne {line}, près de {near}",
  ["repl.lua.expected"] = "« {token} » attendu près de {near}",
  ["repl.lua.unexpected"] = "symbole inattendu près de {near}",
  ["repl.lua.syntax"] = "erreur de syntaxe près de {near} : une valeur seule n'est pas une instruction " ..
    "(x = 1 l'affecte ; x = 1; x l'affecte puis l'affiche)",
  ["repl.lua.unfinished-string"] = "texte non terminé près de {near} (il manque le guillemet fermant)",
  ["repl.lua.malformed-number"] = "nombre mal écrit près de {near}",
  ["repl.lua.call-named"] = "appel impossible : {kind} « {name} » {type}, pas une fonction",
  ["repl.lua.call"] = "appel impossible : la valeur {type}, pas une fonction",
  ["repl.lua.index-named"] = "lecture d'un champ impossible : {kind} « {name} » {type}, pas une table",
  ["repl.lua.index"] = "lecture d'un champ impossible : la valeur {type}, pas une table",
  ["repl.lua.arith-named"] = "calcul impossible : {kind} « {name} » {type}, pas un nombre",
  ["repl.lua.arith"] = "calcul impossible : la valeur {type}, pas un nombre",
  ["repl.lua.concat-named"] = "concaténation impossible : {kind} « {name} » {type}, pas un texte",
  ["repl.lua.concat"] = "concaténation impossible : la valeur {type}, pas un texte",
  ["repl.lua.interrupted"] = "interrompu (Ctrl-C)",
  ["repl.lua.error-object"] = "l'erreur levée n'est pas un texte (la valeur {type})",
  ["repl.type.nil"] = "vaut nil", ["repl.type.number"] = "est un nombre", ["repl.type.string"] = "est un texte",
  ["repl.type.boolean"] = "est un booléen", ["repl.type.table"] = "est une table",
  ["repl.type.function"] = "est une fonction", ["repl.type.userdata"] = "est un objet",
  ["repl.type.thread"] = "est une coroutine",
  ["repl.kind.global"] = "la variable globale", ["repl.kind.local"] = "la variable locale",
  ["repl.kind.field"] = "le champ", ["repl.kind.method"] = "la méthode", ["repl.kind.upvalue"] = "la variable",
  ["repl.kind.constant"] = "la constante",
}

local en = {
  ["repl.banner"] = "ctg {version} ({lua}) — help() to start, quit to leave; Tab completes, Ctrl-C interrupts",
  ["repl.guide"] = [[
ctg — the console's help (help(x) describes x: help(ctg), help(ev), help(ctg.load)…)

  p = ctg.load("plan.lua")            load a plan (.lua or .yaml); an error if it has any
  p, findings = ctg.check("plan.lua") check a plan without raising an error
  db = ctg.open()                     open the database (--db, else $CTG_DB, else ./ctg.db)
  ev = ctg.evaluate(p, db, {period = 2023})   evaluate (p = nil: the version in force)
  ev:value("places_100")              one value; {territory = "nord"} for a territory
  ev:explain("places_100")            how it is computed, observations and revisions
  db:query("select * from import")    a read-only SQL query, shown as a table
  db:plan("ID@1"), ctg.diff("ID@1", "ID@2")   a stored version, what an avenant changed
  x = 1; x                            statements then an expression: it is shown
  ctg.report(…) does not exist here: a report is made by
      ctg report scripts/bilan-annuel.lua --period 2023 -o bilan.html   (in the terminal)
  quit  (or exit, or Ctrl-D)          leave]],
  ["repl.fn.load"] = "ctg.load(path): loads a plan (.lua or .yaml) and returns it; raises an error listing " ..
    "its errors if it has any. Example: p = ctg.load(\"examples/clermont-ferrand/plan.lua\")",
  ["repl.fn.check"] = "ctg.check(path): loads a plan and returns plan, findings (errors and warnings), " ..
    "has_errors; raises no error for the plan's mistakes.",
  ["repl.fn.diff"] = "ctg.diff(a, b): the changes between two loaded plans (additions, removals, changes).",
  ["repl.fn.export"] = "ctg.export(p, \"yaml\"|\"json\"): the plan as YAML text (default) or JSON.",
  ["repl.fn.open"] = "ctg.open([path], {create = true}): opens a database; default --db, then $CTG_DB, then " ..
    "./ctg.db; a missing file is an error, unless create = true (a script that writes). " ..
    "local db <close> = ctg.open() closes it at the end of the block.",
  ["repl.fn.evaluate"] = "ctg.evaluate(p, db, {period = 2023, as_of = …, known_at = …}): evaluates the plan on the " ..
    "database; p = nil takes the version in force. Returns an evaluation: help(ev).",
  ["repl.fn.explain"] = "ctg.explain(ev, id, opts): like ev:explain(id, opts).",
  ["repl.obj.Plan"] = "{kind}: a loaded plan",
  ["repl.obj.Plan.uses"] = "p.id, p.title, p.period           identifier, title, period\n" ..
    "p.indicators, p.actions, p.territories   the plan's lists\n" ..
    "p:indicator(id), p:action(n)      one item by its identifier\n" ..
    "p:place(code)                     a territory or a group\n" ..
    "p:root(), p:territory(name)       the root territory, a territory (objects)\n" ..
    "t:children(), g:members()         the territories of a territory, of a group\n" ..
    "p.axes[1]:indicators()            the indicators of an axis, an objective, an action\n" ..
    "p:counts()                        how many items of each kind",
  ["repl.obj.Evaluation"] = "{kind}: an evaluation (ctg.evaluate)",
  ["repl.obj.Evaluation.uses"] = "ev:value(id, {period = …, territory = …})   an indicator's value\n" ..
    "ev:explain(id, opts)              how it is computed\n" ..
    "ev:series(id, opts)               the yearly series\n" ..
    "ev:breakdown(id, dim, opts)       the value by category of a dimension\n" ..
    "ev:findings()                     the rules' findings\n" ..
    "ev:periods_with_data(id)          the periods in which the indicator has data\n" ..
    "ev.plan, ev.period, ev.territory  the plan evaluated, the period, the territory",
  ["repl.obj.Database"] = "{kind}: a database (ctg.open)",
  ["repl.obj.Database.uses"] = "db:query(sql, …)                  a read-only query, its result as a table\n" ..
    "db:plans()                        the plans and versions stored\n" ..
    "db:history({indicator = …})       the observations' revisions\n" ..
    "db:observations{indicator = …}    the current observations, one at a time\n" ..
    "db:plan(\"ID@1\")                   a stored version of the plan\n" ..
    "db:close()                        close the database",
  ["repl.obj.Value"] = "{kind}: a computed value (ev:value)",
  ["repl.obj.Value.uses"] = "v.value, v.numerator, v.denominator   the value and its terms\n" ..
    "v.status, v.reason                status (target) or why it is not available\n" ..
    "v.period, v.territory, v.sources  where it comes from; ev:explain(v.indicator) details it",
  ["repl.obj.Explanation"] = "{kind}: an explanation (ev:explain); print(x) shows it whole",
  ["repl.obj.Explanation.uses"] = "",
  ["repl.modules"] = "ctg — the console's functions (help(ctg.load) for one of them):",
  ["repl.module.load"] = "load or check a plan",
  ["repl.module.open"] = "open a database",
  ["repl.module.evaluate"] = "evaluate the indicators, explain a value",
  ["repl.module.diff"] = "compare two plans, export a plan",
  ["repl.module.fmt"] = "numbers, percentages, euros and dates the French way",
  ["repl.help.methods"] = "its {n} methods: {list}",
  ["repl.help.method"] = "{call} — a method of a {kind} object: {text}",
  ["repl.help.method-undocumented"] = "help({var}) describes the object and lists its methods",
  ["repl.help.node"] = "{what}",
  ["repl.method.Database.query"] = "db:query(sql, …): the engine's own SQL (SQLite), for who needs it: a read-only " ..
    "query, bound parameters (?); the result prints as a grid.",
  ["repl.method.Database.step_progress"] = "db:step_progress{until_period = 2023, plan = …}: the progress of the steps, " ..
    "oldest period first ({step, period, status}).",
  ["repl.method.Database.funding_totals"] = "db:funding_totals{plan = …}: the funding received per funder and period " ..
    "({funder, period, total}).",
  ["repl.method.Database.meetings_per_year"] = "db:meetings_per_year{plan = …}: the meetings held per committee and " ..
    "year ({committee, year, held}).",
  ["repl.method.Database.meetings_held"] = "db:meetings_held(plan, committee, year): the dates of the committee's meetings that year.",
  ["repl.method.Database.funding_received"] = "db:funding_received(plan, funder, year): the total paid that year and " ..
    "the number of payments.",
  ["repl.method.Database.step_started_by"] = "db:step_started_by(plan, step, year): true when the step was started or " ..
    "done that year or before.",
  ["repl.method.Database.observations"] = "db:observations{indicator = …, period = …, territory = …}: the current " ..
    "observations one at a time (for r in db:observations{…} do … end); French names accepted (indicateur, periode, territoire).",
  ["repl.method.Database.history"] = "db:history{indicator = …}: every revision of the observations, with provenance.",
  ["repl.method.Database.plans"] = "db:plans(): the stored plans and versions (a grid).",
  ["repl.method.Database.plan"] = "db:plan([\"ID\" or \"ID@N\" or \"ID@YYYY-MM-DD\"]): the stored plan — the version " ..
    "that applies last, version N, or the one in force at the date; returns the plan and its version.",
  ["repl.method.Database.plan_version"] = "db:plan_version(id, date): the row of the version in force at the date.",
  ["repl.method.Database.put"] = "db:put{indicator = …, period = …, territory = …, value = …}: stores an " ..
    "observation (checked as an import is); returns its revision.",
  ["repl.method.Database.transaction"] = "db:transaction(function() … end): all or nothing.",
  ["repl.method.Database.known_at"] = "db:known_at(\"YYYY-MM-DD\"): from now on read the data as known that day.",
  ["repl.method.Database.periods_with_data"] = "db:periods_with_data(id): the periods in which the indicator has data.",
  ["repl.method.Database.close"] = "db:close(): closes the database.",
  ["repl.method.Database.each_observation"] = "db:each_observation{…}: the observations one at a time, never all in memory.",
  ["repl.method.Database.first_import_day"] = "db:first_import_day(): the day of the first import.",
  ["repl.method.Evaluation.value"] = "ev:value(id, {period = …, territory = …}): an indicator's value; " ..
    "territory by code, name, INSEE code or object (p:root()).",
  ["repl.method.Evaluation.series"] = "ev:series(id, {territory = …}): the yearly series, from the first year with data to the period.",
  ["repl.method.Evaluation.breakdown"] = "ev:breakdown(id, dimension, {period = …}): the value for each value of a dimension.",
  ["repl.method.Evaluation.explain"] = "ev:explain(id, opts): how the value is computed, observations and revisions.",
  ["repl.method.Evaluation.findings"] = "ev:findings(): the rules' findings at the evaluated period.",
  ["repl.method.Evaluation.periods_with_data"] = "ev:periods_with_data(id, {territory = …}): the periods in which " ..
    "the indicator has data (the territory and those it is made of).",
  ["repl.method.Plan.root"] = "p:root(): the root territory (an object: .code, .title, :children()).",
  ["repl.method.Plan.territory"] = "p:territory(code or name or INSEE code): a territory, nil when none.",
  ["repl.method.Plan.place"] = "p:place(code): a territory or a group, and its kind.",
  ["repl.method.Plan.indicator"] = "p:indicator(id): an indicator.",
  ["repl.help.function"] = "a function; help() for the console's guide",
  ["repl.help.table-fields"] = "a table; its fields: {fields}",
  ["repl.help.table-items.one"] = "a table of {n} item",
  ["repl.help.table-items.many"] = "a table of {n} items",
  ["repl.help.nil"] = "nil: nothing (a variable never assigned?)",
  ["repl.help.value"] = "a value of type {type}: {value}",
  ["repl.summary.evaluation"] = "<Evaluation> {plan}, period {period}, territory {territory}: {n} indicators, " ..
    "{missing} without a value\n  ev:value(id), ev:explain(id); help(ev) for the rest",
  ["repl.summary.plan"] = "<Plan> {plan} — {title}\n  {counts}; help(p) for the rest",
  ["repl.cut"] = "… {n} more lines: print(require(\"ctg.pretty\").format(x, {width = 100})) to see them all, " ..
    "help(x) for what can be done with it",
  ["repl.error"] = "error: {message}",
  ["repl.input"] = "[input]",
  ["repl.rows"] = "({n} {rows})",
  ["repl.rows.none"] = "(no rows)",
  ["repl.eof"] = "the end of the input",
  ["repl.lua.close"] = "'{token}' expected to close '{opener}' at line {line}, near {near}",
  ["repl.lua.expected"] = "'{token}' expected near {near}",
  ["repl.lua.unexpected"] = "unexpected symbol near {near}",
  ["repl.lua.syntax"] = "syntax error near {near}: a value alone is not a statement " ..
    "(x = 1 assigns it; x = 1; x assigns it, then shows it)",
  ["repl.lua.unfinished-string"] = "unfinished string near {near} (the closing quote is missing)",
  ["repl.lua.malformed-number"] = "malformed number near {near}",
  ["repl.lua.call-named"] = "cannot call: {kind} '{name}' {type}, not a function",
  ["repl.lua.call"] = "cannot call: the value {type}, not a function",
  ["repl.lua.index-named"] = "cannot read a field: {kind} '{name}' {type}, not a table",
  ["repl.lua.index"] = "cannot read a field: the value {type}, not a table",
  ["repl.lua.arith-named"] = "cannot compute: {kind} '{name}' {type}, not a number",
  ["repl.lua.arith"] = "cannot compute: the value {type}, not a number",
  ["repl.lua.concat-named"] = "cannot concatenate: {kind} '{name}' {type}, not a string",
  ["repl.lua.concat"] = "cannot concatenate: the value {type}, not a string",
  ["repl.lua.interrupted"] = "interrupted (Ctrl-C)",
  ["repl.lua.error-object"] = "the error raised is not a string (the value {type})",
  ["repl.type.nil"] = "is nil", ["repl.type.number"] = "is a number", ["repl.type.string"] = "is a string",
  ["repl.type.boolean"] = "is a boolean", ["repl.type.table"] = "is a table",
  ["repl.type.function"] = "is a function", ["repl.type.userdata"] = "is an object",
  ["repl.type.thread"] = "is a coroutine",
  ["repl.kind.global"] = "the global", ["repl.kind.local"] = "the local", ["repl.kind.field"] = "the field",
  ["repl.kind.method"] = "the method", ["repl.kind.upvalue"] = "the upvalue", ["repl.kind.constant"] = "the constant",
}

return { fr = fr, en = en }
