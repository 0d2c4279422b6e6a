-- ctg help TOPIC: documentation generated from the code it documents.
local args = require("ctg.cli.args")
local suggest = require("ctg.suggest")

local topics = {}

-- "nature (kind)": a name French first, the English one after it when it differs.
local function both(french, english)
  if not french or french == english then return english end
  return french .. " (" .. english .. ")"
end

-- "comptage (count), taux (ratio), evolution, …": an enumerated field's values, French first.
local function values_text(f)
  local fr = {}
  for french, english in pairs(f.french_values or {}) do fr[english] = french end
  local out = {}
  for i, v in ipairs(f.type.values) do out[i] = both(fr[v], tostring(v)) end
  return table.concat(out, ", ")
end

--- Every declaration and field, straight from ctg.schema: French names first.
function topics.vocabulary()
  local schema = require("ctg.schema")
  local out = { "Le vocabulaire des plans : les déclarations qu'un fichier de plan (.lua ou .yaml) emploie.",
    "Chacune s'écrit nom(code, \"titre\") { champ = valeur, …, déclarations contenues… } ;",
    "fiche { … } ne prend qu'une table. Chaque nom a une forme française (donnée en premier) et",
    "une forme anglaise (entre parenthèses) : les deux sont acceptées, en Lua comme en YAML, et",
    "une clé accentuée aussi ([\"période\"] = …) ; un export écrit toujours les noms anglais.", "" }
  local function fr(kind) return schema.kinds[kind].french or kind end
  local function fr_list(kinds)
    local names = {}
    for i, k in ipairs(kinds) do names[i] = fr(k) end
    return table.concat(names, ", ")
  end
  for _, name in ipairs(schema.order) do
    local k = schema.kinds[name]
    local french = fr(name)
    local code_field, title_field = k.fields[k.code], k.title and k.fields[k.title]
    local code = code_field and code_field.french or k.code
    local shape = name == "sheet" and french .. " { … }" or
      (k.title and french .. "(" .. code .. ", " .. (title_field.french or k.title) .. ") { … }" or french .. " \"" .. code .. "\" { … }")
    out[#out + 1] = shape .. (french ~= name and "  (" .. name .. ")" or "") ..
      (name ~= "plan" and "  — en YAML : " .. both(k.french_plural, k.plural) or "")
    out[#out + 1] = "  " .. k.doc()
    if k.parent then out[#out + 1] = "  se déclare dans : " .. fr_list(k.parent) .. (k.top_level and ", ou au premier niveau" or "") end
    if k.children then out[#out + 1] = "  contient : " .. fr_list(k.children) end
    for _, f in ipairs(k.field_list) do
      out[#out + 1] = string.format("  %-36s %s%s — %s", both(f.french, f.name), f.type.doc(),
        f.required and ", obligatoire" or "", f.doc())
      if f.french_values then out[#out + 1] = string.rep(" ", 39) .. "valeurs : " .. values_text(f) end
      if f.french_keys then
        local keys = {}
        for fr_key, en_key in pairs(f.french_keys) do keys[#keys + 1] = both(fr_key, en_key) end
        table.sort(keys)
        out[#out + 1] = string.rep(" ", 39) .. "clés : " .. table.concat(keys, ", ")
      end
    end
    out[#out + 1] = ""
  end
  -- the two words of an avenant file (ctg.amend), with their French names
  local A = schema.AMENDMENT
  local header = {}
  for fr_key, en_key in pairs(A.fields) do header[#header + 1] = both(fr_key, en_key) end
  table.sort(header)
  out[#out + 1] = A.amendment .. " \"ID-DU-PLAN\" { … }  (amendment) — un avenant écrit comme ses changements (ctg help time)"
  out[#out + 1] = "  en-tête : " .. table.concat(header, ", ") .. ", note"
  out[#out + 1] = A.remove .. " { action = 7, indicateur = \"x\", … }  (remove) — dans un avenant, ce qu'il retire"
  out[#out + 1] = ""
  out[#out + 1] = topics.shapes()
  return table.concat(out, "\n")
end

--- Every shape of convention, and one intercommunal plan written in the vocabulary.
function topics.shapes()
  return [[Toutes les formes de convention

Territoires : un arbre de toute profondeur ; le niveau est un mot libre en minuscules
(region, departement, epci, commune, quartier, iris…) ; le territoire sans parent est la
racine (le territoire par défaut des lignes, des évaluations et des règles). insee donne le
code officiel (commune sur 5 caractères, EPCI par son SIREN). Une boucle de parents est une
erreur. Un groupe (QPV, REP+, villages ruraux) n'est pas un niveau de l'arbre : son code
s'emploie partout où s'emploie un code de territoire (ctg eval --territory, règles,
rapports) et un taux sur un groupe vaut Σ numérateurs / Σ dénominateurs de ses membres.
Les chiffres s'enregistrent sur les territoires, jamais sur un groupe.
Dans les fichiers d'observations (YAML, CSV), un territoire se nomme par son code ou par son
titre, sans égard à la casse ni aux accents ("Trélon", "TRELON", "trelon") ; un nom qui
désigne plusieurs territoires est refusé avec la liste des candidats.

Niveaux : seuls le plan et ses actions sont obligatoires. Une action se déclare dans un
objectif ou directement dans un axe ; les étapes sont facultatives. labels nomme les
niveaux comme le plan les nomme (défauts : Axe, Objectif, Action, Étape) ; les rapports et
les résumés n'emploient que ces mots et n'affichent que les niveaux que le plan a
(plan:label("axis"), plan:levels(), plan:has_level("objective") dans les scripts).
Une fiche est une action, sauf si l'on dit autrement : les champs d'une fiche (diagnostic,
public, followed_by, partners, …) et des indicator se donnent dans l'action, qui a alors sa
propre fiche (code "<numéro>") ; sheet { actions = {…} } reste pour une fiche couvrant
plusieurs actions. Un indicator déclaré au premier niveau est un indicateur de tout le plan.

Gouvernance : meetings_per_year vaut un entier ou une table {default = 1, [2027] = 3} ; la
règle des réunions prend le chiffre de l'année. followed_by qui a la forme d'un code
d'instance ("copil") doit en nommer une ; un texte libre reste permis. Un signataire est un
texte ou {name = "…", role = "…"}.

Dates : "2024", "2024-06" ou "2024-06-15", partout (council_date, signed, certified,
edition, dates de réunion, --date) ; elles restent aussi précises qu'écrites.

Taux publiés : une observation d'un taux peut ne donner que value (un taux publié par la
CNAF ou l'INSEE sans ses places ni ses enfants) ; il s'affiche pour son territoire, et un
agrégat qui l'inclut le dit (« non agrégeable : taux publié sans numérateur ni dénominateur
pour Moustier-en-Fagne ») au lieu de faire une moyenne.
Scores : une observation porte ses répondants (respondents: 30, ou denominator) ; un score
sur plusieurs territoires est la moyenne pondérée Σ moyenne × répondants / Σ répondants ;
sans effectifs, la moyenne des moyennes, et la valeur le signale.

Exemple : une communauté de communes, ses communes, des thématiques qui tiennent leurs fiches

  plan "ctg-sud-avesnois-2023-2027" {
    title = "Convention Territoriale Globale de la Communauté de communes du Sud-Avesnois",
    period = {2023, 2027}, council_date = "2023-06", signed = "2023-09",
    signatories = {{name = "Communauté de communes du Sud-Avesnois", role = "Président"},
                   "CAF du Nord"},
    labels = {axis = "Thématique", action = "Fiche"},
  }
  territory("ccsa", "Communauté de communes du Sud-Avesnois") { level = "epci", insee = "245900758" }
  territory("trelon", "Trélon") { level = "commune", parent = "ccsa", insee = "59601" }
  territory("moustier-en-fagne", "Moustier-en-Fagne") { level = "commune", parent = "ccsa" }
  group("villages", "Villages de la Fagne") { territories = {"moustier-en-fagne"} }
  committee("copil", "Comité de pilotage") { meetings_per_year = {default = 1, [2027] = 3} }
  indicator "taux_couverture" { label = "Taux de couverture", kind = "ratio", scale = 100,
    numerator = "places", denominator = "enfants de moins de 3 ans" }   -- de tout le plan
  axis(1, "Petite enfance") {
    action(1, "Développer l'accueil dans les villages") {
      diagnostic = "…", pilots = {"Coordinatrice petite enfance"}, followed_by = "copil",
      indicator "places_creees" { label = "Places créées", kind = "count" },
    },
  }
  rule "couverture" { indicator = "taux_couverture", op = ">=", value = 20,
                      territories = {"villages", "trelon"} }   -- ou territories = "all"

et un CSV qui nomme les communes par leur titre, avec un taux publié seul :
  indicateur;période;territoire;valeur;numérateur;dénominateur
  taux_couverture;2024;TRELON;;31;92
  taux_couverture;2024;Moustier-en-Fagne;18,2;;

Le plan complet : tests/fixtures/sud-avesnois/ (illustratif).]]
end

--- The store at scale (measured by make bench, issue 14) and how it would map onto
--- PostgreSQL when several analysts write at once.
local function store_at_scale()
  return [[À l'échelle — ce que tient un fichier (mesuré par make bench)

Un fichier SQLite tient tout : chaque version de plan, chaque import, chaque révision de chaque
observation. Mesuré par make bench sur 200 000 observations générées par le générateur partagé
(../shared/bench/gen_from_plan.py : 23 indicateurs × 5 ans × 1 740 territoires sous la ville),
sur une machine de 2 cœurs partagée et très chargée (charge ≈ 11 : les rapports, mesurés dans
le même passage, comptent plus que les secondes) :
  taille du fichier  27,6 Mo, soit environ 140 Mo par million d'observations (le plancher, une
                     table sans index ni dictionnaire : 10,1 Mo, 50 Mo par million) ;
  ctg import         19,6 s, 6,2 × le plancher (libyaml vers une table sans index, une
                     transaction : 3,2 s) ; 51 Mo de mémoire au plus ;
  ctg eval           5,8 s pour la vue par défaut (la ville, dernière année), 2,2 × le GROUP BY
                     de sqlite3 sur les mêmes lignes (2,6 s, 8 Mo) ; 66,6 s et 880 Mo pour
                     --period all --territory all (462 955 valeurs, agrégats compris).
SQLite n'est pas la limite : des fichiers de plusieurs Go, des dizaines de millions de lignes
lui conviennent. Ce qui coûte aujourd'hui : chaque observation répète en texte son plan, son
type, son indicateur, sa période, son territoire et ses dimensions, et l'évaluation construit
une table Lua par valeur avant d'écrire la première ligne (sa mémoire croît avec le nombre
d'observations). Le schéma qui vient (issue 14) : des identifiants entiers, la dernière révision
tenue à l'import, l'agrégation et les cumuls de territoires en C, les lignes écrites au fil.

Un seul écrivain à la fois. Chaque ctg import est une transaction (BEGIN IMMEDIATE) ; en mode WAL
les lecteurs (eval, report, la REPL) lisent pendant un import l'état d'avant, sans attendre ; un
second import attend le verrou 5 s (CTG_BUSY_TIMEOUT_MS) puis échoue sans rien écrire. Le fichier
ne doit pas vivre sur un partage réseau (SMB, NFS) : les verrous de SQLite n'y sont pas sûrs.
Une équipe peut garder un fichier par poste et échanger par ctg export observations / ctg import.

Plusieurs analystes qui écrivent en même temps : PostgreSQL, tel quel
ctg resterait un client ; la base serait un serveur PostgreSQL (paquet Debian postgresql,
version 15 ou plus), pas un serveur écrit pour ctg. Ce qui changerait :
  ouverture      --db postgresql://hôte/base (ou $CTG_DB) choisit un second module C, sur libpq
                 (libpq-dev), derrière la même interface ctg.store : open, query, execute, exec,
                 in_transaction, put_observation, begin_bulk / end_bulk, schema_version. Les
                 paramètres restent liés ($1, $2 au lieu de ?), jamais du SQL construit.
  tables         les mêmes : plan_version, import, observation, aux types de PostgreSQL (bigint
                 GENERATED ALWAYS AS IDENTITY, text, double precision, timestamptz pour
                 imported_at) ; les dictionnaires du nouveau schéma (indicateurs, territoires,
                 périodes, jeux de dimensions) sous contrainte UNIQUE ; la dernière révision dans
                 sa propre table (clé primaire : la clé de l'observation), tenue par l'import.
  version        une table schema_migration (PostgreSQL n'a pas PRAGMA user_version) ; les
                 migrations appliquées sous pg_advisory_xact_lock, toutes ou aucune.
  un import      une transaction READ COMMITTED : INSERT INTO import … RETURNING id ; les lignes
                 par COPY … FROM STDIN dans une table temporaire ; un INSERT … SELECT qui numérote
                 les révisions (max(revision) + 1 par clé), puis INSERT … ON CONFLICT DO UPDATE
                 sur la table des dernières révisions. Deux analystes qui corrigent la même clé
                 au même moment : la contrainte UNIQUE (clé, révision) fait échouer l'un des
                 deux, dont ctg rejoue la transaction ; les deux révisions restent.
  un plan        INSERT INTO plan_version sous UNIQUE (plan_id, version) : la même course se
                 règle de même, par la version suivante.
  les lectures   eval, report, rules : une transaction REPEATABLE READ, READ ONLY — un instantané,
                 valeurs et provenance du même état même si un import s'achève entre-temps.
                 --known-at reste un filtre sur import.imported_at.
  qui            imported_by = current_user de PostgreSQL (et non plus $USER) ; des rôles :
                 analyste (INSERT sur import et observation, SELECT), lecteur (SELECT) ; personne
                 n'a UPDATE ni DELETE sur observation : « rien n'est écrasé », garanti par le
                 serveur.
  sauvegarde     pg_dump plutôt qu'une copie du fichier ; ctg export observations reste l'échange.
Ce qui ne changerait pas : la REPL, les scripts, les rapports et les règles ne voient que ctg.db
et ctg.eval. Le chemin : que le SQL écrit aujourd'hui hors de ctg.store (ctg.db, ctg.import,
ctg.eval, ctg.rules, host/eval.c) passe d'abord derrière l'interface du store.]]
end

--- The database and its Lua API.
function topics.store()
  return [[The database — one SQLite file: --db FILE, else $CTG_DB, else ./ctg.db.

It holds every plan version (ctg import plan.lua; ctg plans) and every observation ever
imported. Nothing is overwritten: importing a value for a key that already has one (same
indicator, period, territory and dimensions) adds a revision; queries read the latest
revision, and ctg history lists them all with their provenance (source, file:line, when,
by whom). Each ctg import is one transaction: all rows of all files, or nothing.

Lua API (scripts and the REPL):
  local db <close> = ctg.open([path])      open or create (path: $CTG_DB, then ./ctg.db)
  db:plan([id])                            the current plan version, as a plan object
  db:plans()                               every stored version: {plan_id, version, hash, label, …}
  for row in db:observations{indicator = "places_100", period = 2022, territory = "nord"} do
    -- row.indicator, row.period, row.territory, row.dimensions (table), row.value,
    -- row.numerator, row.denominator, row.text, row.missing (reason), row.revision,
    -- row.source, row.file, row.line, row.imported_at, row.imported_by
  end                                      filters: indicator, period, territory, record
  db:history{indicator = …, period = …}    every revision, oldest first
  db:put{indicator = "tps_accueillies", period = 2024, territory = "sud", value = 31}
                                           checked like an imported row; returns the revision
  db:put{step = "3-C", period = 2024, status = "done"}     (also committee/date, funder/year/amount)
  db:transaction(function(db) … end)       commit on return, roll back on error (re-raised)
  db:query("SELECT … WHERE period = ?", "2022")   read-only SQL, bound parameters only
  db:close()

Tables and views for db:query: current_observation (latest revisions), observation (all
revisions; record = 'value' | 'progress' | 'meeting' | 'funding', subject = indicator,
step, committee or funder), import (file, source, imported_at, imported_by), plan_version.

]] .. store_at_scale()
end

--- The evaluation and the rules, from scripts.
function topics.eval()
  return [[Evaluation — the value of every indicator per period, territory and dimension value.

  local db <close> = ctg.open("ctg.db")
  local ev = ctg.evaluate(db:plan(), db, {period = 2023, territory = "clermont-ferrand"})
  local r = ev:value("places_100")                    -- the evaluation's period and territory
  local r = ev:value("places_100", {period = 2022, territory = "nord"})
  -- r.value, r.numerator, r.denominator, r.status ("achieved" | "on track" | "behind" |
  -- "not available"), r.reason (why not available), r.target, r.progress, r.change
  -- (evolution: +12,5 % is 0.125), r.share (score), r.text (qualitative), r.sources
  ev:series("places_100", {territory = "nord"})        -- one result per year
  ev:breakdown("projets_lieux_ressources", "step")     -- one result per step value
  ev:explain("places_100", {period = 2022})            -- formula + observations + revisions
  ev:findings()                                        -- the rules' findings

How values combine:
  count        sum over territories and dimensions; over time by the indicator's `time`
               (sum for flows, last / mean / max for stocks)
  ratio        Σnumerator / Σdenominator × scale at every level — never a mean of rates;
               a rate published alone (value, no figures) is shown for its territory, and
               a roll-up including it is "non agrégeable" (it says for which territory)
  evolution    value / value at the baseline period (which may precede the plan)
  score        mean weighted by respondents, Σ mean × respondents / Σ respondents (the
               rows' respondents or denominator); without counts the mean of means, and
               the value says so; share = Σ satisfied / Σ answers
  qualitative  the latest text assessment, with its source and date
A territory without its own figure is the sum of its sub-territories, a group the sum of
its members (--territory takes a group code). A yearly figure takes
precedence over monthly ones. Missing data is not available with its reason (no data, zero
denominator, missing baseline, period not started) — never 0, inf or NaN.
Targets: progress = (value − baseline) / (target − baseline), so it is right when lower is
better or the target is below the baseline; "on track" when progress ≥ the share of the
time elapsed between the baseline and the target's period.

Rules (rule "name" { … } in the plan or in a rules file given to `ctg rules`):
  threshold    {indicator = "places_100", op = ">=", value = 15}   fires when it does not hold
  trend        {indicator = "places_100", expect = "increase", periods = 2}
  target       {type = "target", indicator = "places_100"}
  completeness {type = "completeness", indicator = "tps_accueillies", territories = {…}, from = 2021}
  custom       {check = function(ctx) … return {message = "…", evidence = {…}} end}
               ctx:value(id, opts), ctx:series(id, opts), ctx:plan(), ctx:db(), ctx:period()
               (read-only views: a rule stored with a plan runs for every later user, within
               --timeout and --max-memory, and cannot write the database or change the plan)
  severity = "info" | "warning" (default) | "critical"
Always checked, from the plan itself: meetings held per committee per year, the funding
floor per year (critical), steps started in their planned year, indicators with targets.]]
end

--- Observation files.
function topics.observations()
  return [[Observation files (ctg import FILE…)

YAML, read as a stream (any size):
  plan: ctg-clermont-2021-2025                 the plan the figures are for
  source: "Direction Petite Enfance, tableau de bord 2022"
  observations:
    - {indicator: places_100, period: 2022, territory: nord, numerator: 45, denominator: 300}
    - {indicator: agents_formes, period: 2022, territory: clermont-ferrand, categorie: accueil, value: 12}
    - {indicator: evaluation_laep, period: 2022, text: "Deux associations…"}
    - {indicator: tps_accueillies, period: 2021-2022, territory: sud, missing: "comptage non réalisé"}
  progress:  [{step: 3-C, period: 2022, status: started}]    planned | started | done | dropped
  meetings:  [{committee: copil, date: 2022-06-14}]
  funding:   [{funder: caf, year: 2022, amount: 1650000, action: 7}]

A row gives exactly one of: value (count, evolution, score; a ratio's rate as published,
without its figures), numerator + denominator (ratio; a score may add them as satisfied
answers / answers, and its respondents as `respondents` or denominator), text
(qualitative), missing (not available: the reason — never write 0 for a missing figure).
Periods: 2022, "2021-2022" (school year), "2022-09" (month); meeting dates "2024",
"2024-06" or "2024-06-15". The territory (a code, or a title whatever its case and
accents: "TRELON" for Trélon, when only one territory has it) defaults to the root
territory. Any other key is a dimension and must be one of the indicator's `by`. note and
source are optional.

CSV (indicator values): a header line names the columns, English or French —
  indicator;period;territory;value;numerator;denominator;respondents;text;missing;note;source;<dims>
  indicateur;periode;territoire;valeur;numerateur;denominateur;repondants;texte;manquant;note
  (the note column may also be headed commentaire or comment)
French spreadsheet dialect (';', decimal comma 13,5, thousands 1 250, UTF-8 with or without
BOM) or international (',', '.'), detected from the header. Save Excel files as
"CSV UTF-8": Windows-1252 files are refused. --source and --plan give what the YAML header
gives.]]
end

--- Dates, versions and avenants (ctg help time).
function topics.time()
  return [[Le temps dans ctg : dates, versions du plan, avenants

Aucun résultat ne dépend de l'horloge. Une évaluation, une vérification de règles ou un
rapport est calculé « à la date » --as-of (défaut : le dernier jour de la période
demandée ; --period 2023 → 31 décembre 2023 ; --period all → la fin du plan). Une valeur
enregistrée est toujours montrée ; « période non commencée » ne dit que pourquoi rien n'est
enregistré pour une période postérieure à cette date.

Dates : AAAA, AAAA-MM ou AAAA-MM-JJ (2024, 2024-06, 2024-06-15), gardées telles qu'écrites ;
une date partielle vaut du premier au dernier jour qu'elle couvre.

--known-at DATE (eval, rules, report, export observations) : les données telles qu'elles
étaient connues ce jour-là ; les révisions importées après sont ignorées. Le rapport présenté
au COPIL le 15 mars 2024 se refait à l'identique : ctg report … --known-at 2024-03-15.

Chaque sortie JSON de eval et rules, et chaque rapport, porte sa provenance : date de
situation (as_of), known_at, période, plan et version, date d'effet, empreintes du plan et
des données, script, empreinte et arguments du script, avenants en vigueur, version de ctg.

Versions du plan : chacune a une date d'effet (effective ; défaut : signed, sinon
council_date, sinon le jour de l'import ; ctg import --effective/--signed/--council-date).
La version en vigueur à une date est la dernière entrée en vigueur ce jour-là ou avant
(à date d'effet égale, la plus récemment importée, avec un avertissement). Réimporter un
fichier plus ancien ne déplace jamais une version postérieure. ctg plans liste les versions,
leurs dates et celle en vigueur aujourd'hui et à la fin du plan. Une observation est vérifiée
contre la version en vigueur pendant sa période.

Avenant écrit comme ses changements (fichier .lua) :
  amendment "ctg-clermont-2021-2025" {
    amends = "plan.lua",          -- ou absent : la version de la base en vigueur la veille
    label = "Avenant n°1",        --   de son entrée en vigueur ; ou un numéro de version
    council_date = "2023-06-12", signed = "2023-07-03", effective = "2023-07-01",
  }
  action(7) { step("F", "Nouvelle étape") }              -- ajoute à l'action 7
  indicator "nouveau" { label = "…", sheet = "7", kind = "count" }   -- nouveau code : ajouté
  objective("2-1") { title = "Nouveau titre" }           -- code existant : champs remplacés
  remove { indicator = "ancien", step = {"5-E"}, rule = "règle" }
Retirer une action retire sa fiche propre et ses indicateurs (refusé si une règle les
utilise encore). ctg check avenant.lua vérifie le plan obtenu et affiche ses changements ;
ctg import avenant.lua l'enregistre comme nouvelle version, avec les dates de l'avenant ;
ctg export avenant.lua (ou PLAN-ID@N) écrit le plan entier obtenu.

ctg diff PLAN-ID@1 PLAN-ID@2 compare deux versions enregistrées (PLAN-ID@2023-07-01 : la
version en vigueur ce jour-là ; un fichier de plan peut remplacer l'une ou l'autre).
Un indicateur retiré par la version en vigueur alors qu'il a des observations est signalé
par import, eval et rules ; ses observations restent dans ctg history et ctg export observations.]]
end

--- The guide of report scripts: the context, every builder method and field, every chart
--- kind, the outputs, and a complete example (the tests run it).
function topics.report()
  local report = require("ctg.report")
  local kinds = {}
  for _, k in ipairs(report.CHART_KINDS) do kinds[#kinds + 1] = k end
  return [[
usage : ctg report SCRIPT -o SORTIE.(html|md|csv|xlsx|pdf) [--period P] [--as-of DATE]
                   [--known-at DATE] [--date AAAA-MM-JJ] [--csv-dialect french|intl] [ARGS…]

Exécute SCRIPT (par exemple scripts/bilan-annuel.lua) et écrit le document qu'il rend, au
format de l'extension de SORTIE. Rien n'est écrit si le script échoue (son fichier et sa
ligne sont donnés). Scripts fournis, à copier et adapter : scripts/bilan-annuel.lua (bilan
annuel), tableau-de-bord.lua (tous les indicateurs, deux années), calendrier.lua (Gantt des
étapes), couverture-enjeux.lua (enjeux × actions). Ils marchent sur tout plan valide : ils
nomment les niveaux comme le plan (plan:label) et omettent ce qu'il n'a pas.

SORTIES
  .html  un fichier autonome (CSS et graphiques SVG intégrés, ni script ni réseau), mis en
         page pour l'A4 portrait (colonne de 680 px) : à l'impression, titre et date en haut
         de page, « page N / total » en bas, en-têtes de tableaux répétés.
  .pdf   le HTML imprimé par Chromium (headless).
  .md    Markdown ; chaque graphique y devient le tableau de ses valeurs.
  .csv   un fichier par tableau : SORTIE-<nom>.csv ; les cellules de `raw` (nombres en
         nombres, arrondis comme affichés), dialecte français par défaut (;  13,5  BOM).
  .xlsx  un classeur : une feuille « Provenance », puis une feuille par tableau ; nombres en
         nombres avec formats français (# ##0, 0,0 %, € — le format vient de la cellule
         affichée), libellés, ligne d'en-tête figée, largeurs réglées, textes entiers.
L'en-tête de chaque rendu donne la période, la date de situation (--as-of, défaut : fin
de la période), la date de connaissance (--known-at), les avenants en vigueur et la date
d'édition (--date ; sans --date, aucune date du jour : le rapport se refait à l'octet près).
Chaque rendu se termine par sa provenance (plan et empreintes, script, version de ctg).

LE SCRIPT
Un morceau Lua : `local ctx = ...`, puis `return ctx.report.new { … }` garni de sections.
ctx contient :
  plan        le plan en vigueur : plan.title, plan.period ({2021, 2025}), plan.axes,
              plan.objectives, plan.actions, plan.steps, plan.indicators, plan.committees,
              plan.funding, plan.territories, plan.stakes, plan.vision (ou nil) ;
              plan:label("axis"|"objective"|"action"|"step") (« Thématique », « Fiche »…),
              plan:levels(), plan:root(), plan:territory(code), plan:place(code),
              plan:sheet_of(numéro), plan:plan_indicators(), plan:meetings_expected(c, année),
              plan:signatory_names() ; un axe : axis.number, .title, .objectives, .actions
              (actions directes) ; une action : a.number, .title, .steps, a:indicators().
  evaluation  ev:value(id, {period =, territory =, dim =, dim_value =}) -> {value,
              numerator, denominator, change, share, status ("achieved", "on track",
              "behind"), reason (pourquoi n.d.), target, target_period} ; ev:series(id) ;
              ev:breakdown(id, dim) ; ev:findings() -> {{severity, message}} ; ev.period,
              ev.territory (le territoire racine).
  db          la base : db:query(sql, …) -> lignes, par ex. sur current_observation
              (record = 'value' | 'progress' | 'meeting' | 'funding', subject, period, …).
  present     les valeurs comme le comité les lit : present.value(r, ind),
              present.number(x), present.level(plan, niveau), present.level_lower(plan,
              niveau), present.count(n, "étape", "étapes", true) (« aucune étape »),
              present.axis_actions(axis), present.plotted(r, ind), present.chart_format(ind),
              present.chart_axis(ind) (unité, échelle d'un score), present.STATUS,
              present.STEP_STATUS.
  fmt         formats français : fmt.number(x, d), fmt.percent(ratio, d), fmt.points(x, d),
              fmt.euros(x), fmt.date("2024-03-15"), fmt.NA (« n.d. »).
  report      ce module (report.new) ; svg : le moteur des graphiques ;
              stock("bilan-annuel") : le document d'un rapport fourni, à compléter.
  period      la période (--period, « 2023 ») ; date : --date ou nil ; args : les ARGS.
  read_csv    ctx.read_csv("fichier.csv") : {header = {…}, rows = {{…}}}, les textes d'un
              CSV posé à côté du script (ni chemin absolu, ni « .. »).

LE BAC À SABLE
Un script de rapport voyage (courriel, git) : il s'exécute dans un bac à sable. Il a les
fonctions pures de Lua et ses propres copies de string, table, math et utf8 (les changer ne
change rien pour ctg) ; ni os.execute, ni io, ni require, ni load, ni debug, ni bytecode ;
ctx.db et les modules de ctx sont en lecture seule. Un nom refusé est une erreur à la ligne
du script : « script.lua:4: io.open n'est pas permis dans un script de rapport : … ».
Limites : --timeout SECONDES (30 par défaut) et --max-memory Mo (512), qu'un pcall du
script ne peut pas contourner. Pour vos propres scripts : ctg report SCRIPT --trust -o …
donne tout Lua.

LE DOCUMENT
report.new { title, subtitle?, organisation?, date? (édition), period?, as_of? }
Chaque méthode ajoute un bloc et rend son propriétaire (les appels s'enchaînent) ;
section rend la sous-section créée. Sur un document ou une section :
  :section(titre, { page_break = true? })   une section (jusqu'à 5 niveaux)
  :paragraph(texte)                          une ligne vide sépare les paragraphes
  :figures { { label, value, note?, status? } }
                                             chiffres clés ; value est un texte déjà
                                             formaté ; status "ok" | "warning" | "critical"
                                             (Conforme, Attention, Critique : une légende
                                             les explique sous le bloc)
  :table { caption, name?, columns, align?, rows, raw?, notes? }
                                             rows : textes affichés, une cellule par colonne ;
                                             align : "left" | "right" | "center" par colonne
                                             (défaut : à droite les colonnes de nombres) ;
                                             raw : mêmes lignes en données (nombres, textes
                                             entiers) pour CSV et XLSX ; notes : textes entiers
                                             numérotés sous le tableau (« note 1 » dans une
                                             cellule) ; name : le nom du fichier CSV ; une
                                             colonne entièrement vide n'est pas imprimée
  :chart { kind, title, … }                  un graphique (ci-dessous)
  :findings { { severity, message } }        constats : "critical" | "error" | "warning" | "info"
  :list { texte, … }                         une liste à puces
Une erreur d'argument (champ inconnu, valeur mal formée, graphique impossible) arrête le
script à sa ligne : jamais de trou dans le rapport.

LES GRAPHIQUES (kind = ]] .. table.concat(kinds, ", ") .. [[)
Champs communs : title, desc? (une phrase pour qui ne voit pas le graphique), size?
("normal" ou "small" : deux petits graphiques par ligne), format? ("number", "percent"
(un ratio 0,135 -> 13,5 %), "points" (déjà en %), "euros"), decimals?, id?.
Les valeurs se donnent par clé de catégorie, jamais par position : une valeur absente ne
décale pas les autres, et une clé qui n'est pas une catégorie est une erreur.
  values = { ["2021"] = 12, ["2023"] = 14 }                      (une table clé -> valeur)
  values = { { category = "fourmies", value = 55.8 }, … }         (ou une liste)
Une catégorie est un libellé (« 2021 », ou le nombre 2021) ou { key = "fourmies", label =
"Fourmies" } (la clé sert aux valeurs, le libellé est affiché).
  line     x = { catégories }, series = { { name, values } } (8 au plus) ; y_label? (l'unité),
           y_min?, y_max? (l'échelle déclarée : un score « sur 5 » : y_min = 0, y_max = 5),
           lines? ; l'axe part de 0 ; une année sans valeur est une coupure marquée « n.d. »
  bars     categories, et values (une barre par catégorie) ou series = { { name, values } }
           (barres groupées : années ou territoires côte à côte) ; y_label?, y_min?, y_max?,
           orientation? ("vertical" | "horizontal", choisie sinon), lines?
  stacked  categories, stacks = { { name, values } } (barres empilées, parts ≥ 0)
  gantt    years = { 2021, … }, rows = { { label, planned? = { années }, actual? = { [année]
           = "planned" | "started" | "done" | "dropped" } } } (planned absent : « calendrier
           inconnu »)
  lines = { { value, label, kind = "target" | "floor" } } : lignes de cible ou de plancher,
  nommées dans la légende ; une barre sous le plancher est marquée ▼.

EXEMPLE COMPLET
-- début de l'exemple
local ctx = ...
local plan, ev, fmt = ctx.plan, ctx.evaluation, ctx.fmt
local doc = ctx.report.new { title = "Synthèse " .. ctx.period, subtitle = plan.title, date = ctx.date }
local s = doc:section("Indicateurs renseignés")
local rows, raw, x, values = {}, {}, {}, {}
for _, ind in ipairs(plan.indicators) do
  local r = ev:value(ind.id)
  rows[#rows + 1] = { ind.label, ctx.present.value(r, ind) }
  raw[#raw + 1] = { ind.label, r.value }
end
s:table { caption = "Valeurs " .. ctx.period, name = "valeurs", columns = { "Indicateur", ctx.period },
          rows = rows, raw = raw }
for y = plan.period[1], tonumber(ctx.period) do
  local n = 0
  for _, ind in ipairs(plan.indicators) do
    if ev:value(ind.id, { period = y }).value ~= nil then n = n + 1 end
  end
  x[#x + 1] = tostring(y)
  values[tostring(y)] = n
end
s:chart { kind = "bars", title = "Indicateurs renseignés par année", categories = x, values = values,
          y_label = "indicateurs", desc = "Nombre d'indicateurs ayant une valeur, par année." }
s:paragraph("Au total : " .. fmt.number(#plan.indicators, 0) .. " indicateurs.")
return doc
-- fin de l'exemple
(ctg report exemple.lua --period 2023 -o synthese.html)]]
end

return function(argv)
  local opts, pos = args.parse(argv, { command = "help", usage = "ctg help TOPIC [--format text|luals]", min = 1, max = 1,
    options = { format = { values = { "text", "luals" }, default = "text" } } })
  local name = pos[1]
  if opts.format == "luals" then
    if name ~= "vocabulary" then
      args.fail(args.EXIT.USAGE, "help : --format luals ne s'applique qu'à « ctg help vocabulary » (les définitions pour l'éditeur)")
    end
    io.stdout:write(require("ctg.luals").definitions())
    return args.EXIT.OK
  end
  local topic = topics[name]
  if not topic then
    local names = { "vocabulary", "shapes", "store", "observations", "eval", "time", "rules", "repl", "help", "check", "export", "diff",
                    "import", "plans", "history", "init", "build", "report" }
    local hint = suggest.closest(name, names)
    args.fail(args.EXIT.USAGE, "no help on '" .. tostring(name) .. "'" ..
      (hint and " (did you mean '" .. hint .. "'?)" or " (topics: vocabulary, store, observations, eval, time; or a subcommand name)"))
  end
  io.stdout:write(topic(), "\n")
  return args.EXIT.OK
end
