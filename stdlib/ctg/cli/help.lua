-- ctg help TOPIC: documentation generated from the code it documents.
local args = require("ctg.cli.args")
local suggest = require("ctg.suggest")
local msg = require("ctg.msg")

local topics = {}

-- The vocabulary is shown in the messages' language: French names first (the one a French
-- analyst types), the other one in parentheses; English first with CTG_LANG=en.
local function english_first() return msg.lang() == "en" end

-- The name to show first of a French / English pair.
local function first(french, english)
  if english_first() or not french then return english end
  return french
end

-- "nature (kind)": a name in the messages' language, the other one after it when it differs.
local function both(french, english)
  if not french or french == english then return english end
  if english_first() then return english .. " (" .. french .. ")" end
  return french .. " (" .. english .. ")"
end

-- "comptage (count), taux (ratio), evolution, …": an enumerated field's values.
local function values_text(f)
  local fr = {}
  for french, english in pairs(f.french_values or {}) do fr[english] = french end
  local out = {}
  for i, v in ipairs(f.type.values) do out[i] = both(fr[v], tostring(v)) end
  return table.concat(out, ", ")
end

-- "action(numero, titre) { … }": how a declaration is written, in its first-shown names.
local function shape_of(schema, name)
  local k = schema.kinds[name]
  local word = first(k.french, name)
  if name == "sheet" then return word .. " { … }" end
  local code_field = k.fields[k.code]
  local code = first(code_field.french, k.code)
  if not k.title then return word .. " \"" .. code .. "\" { … }" end
  return word .. "(" .. code .. ", " .. first(k.fields[k.title].french, k.title) .. ") { … }"
end

--- Every declaration and field, straight from ctg.schema, in the messages' language.
function topics.vocabulary()
  local schema = require("ctg.schema")
  local function say(key, vars) return msg.text("cli.vocabulary." .. key, vars) end
  local out = { say("intro"), "" }
  local function names(kinds)
    local list = {}
    for i, k in ipairs(kinds) do list[i] = first(schema.kinds[k].french, k) end
    return table.concat(list, ", ")
  end
  for _, name in ipairs(schema.order) do
    local k = schema.kinds[name]
    local other = english_first() and k.french or name
    out[#out + 1] = shape_of(schema, name) .. (other and other ~= first(k.french, name) and "  (" .. other .. ")" or "") ..
      (name ~= "plan" and say("yaml", { plural = both(k.french_plural, k.plural) }) or "")
    out[#out + 1] = "  " .. k.doc()
    if k.parent then
      out[#out + 1] = say("parent", { kinds = names(k.parent), top = k.top_level and say("top-level") or "" })
    end
    if k.children then out[#out + 1] = say("children", { kinds = names(k.children) }) end
    for _, f in ipairs(k.field_list) do
      out[#out + 1] = string.format("  %-36s %s%s — %s", both(f.french, f.name), f.type.doc(),
        f.required and say("required") or "", f.doc())
      if f.french_values then out[#out + 1] = string.rep(" ", 39) .. say("values", { values = values_text(f) }) end
      if f.french_keys then
        local keys = {}
        for fr_key, en_key in pairs(f.french_keys) do keys[#keys + 1] = both(fr_key, en_key) end
        table.sort(keys)
        out[#out + 1] = string.rep(" ", 39) .. say("keys", { keys = table.concat(keys, ", ") })
      end
    end
    out[#out + 1] = ""
  end
  -- the two words of an avenant file (ctg.amend), with their French names
  local A = schema.AMENDMENT
  local header = {}
  for fr_key, en_key in pairs(A.fields) do header[#header + 1] = both(fr_key, en_key) end
  table.sort(header)
  local function pair(french, english)
    return { word = first(french, english), other = english_first() and french or english }
  end
  out[#out + 1] = say("amendment", pair(A.amendment, "amendment"))
  out[#out + 1] = say("amendment-header", { keys = table.concat(header, ", ") })
  out[#out + 1] = say("remove", pair(A.remove, "remove"))
  out[#out + 1] = ""
  -- the shapes of convention, written in French (ctg help shapes)
  out[#out + 1] = english_first() and say("shapes") or topics.shapes()
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
observation. Mesuré par make bench sur 200 000 observations générées par le générateur partagé
(../shared/bench/gen_from_plan.py : 23 indicateurs × 5 ans × 1 740 territoires sous la ville),
sur une machine de 2 cœurs, références mesurées dans le même passage (médianes de 3) :
  taille du fichier  8,9 Mo, soit environ 45 Mo par million d'observations, chaque révision et sa
                     provenance comprises (le plancher, une table de textes sans index : 10,1 Mo,
                     50 Mo par million ; le schéma 2, textes répétés et deux index : 27,6 Mo) ;
  ctg import         0,67 s, 1,22 × le plancher (libyaml vers une table sans index, une
                     transaction : 0,55 s) ; 20 Mo de mémoire au plus ;
  ctg eval           0,16 s pour la vue par défaut (la ville, dernière année), 0,35 × le GROUP BY
                     de sqlite3 sur les mêmes lignes (0,45 s, 8 Mo) ; 0,35 s (0,76 ×) pour
                     --period all --territory all (462 955 valeurs, agrégats compris) ; 41 Mo
                     de mémoire au plus pour l'une et l'autre ;
  1 000 000          (8 696 territoires) import 3,37 s, 1,29 × le plancher (2,62 s), 55 Mo au plus ;
                     --period all --territory all 1,90 s, 0,80 × sqlite3 (2,39 s), 151 Mo : une
                     ligne écrite par cellule, elle les garde toutes (72 octets l'une) ; la vue
                     par défaut 2,13 s, 86 Mo, dont le plan et ses territoires l'essentiel : au-delà
                     de 250 000 cellules le moteur relit les observations par fenêtres
                     d'indicateurs, et sa mémoire ne croît plus avec elles (make scale le vérifie :
                     le même pic pour un cinquième des observations sur le même plan, et tout
                     sous le plafond de 256 Mo).
SQLite n'est pas la limite : des fichiers de plusieurs Go, des dizaines de millions de lignes
lui conviennent. Le schéma 4 écrit une ligne par observation (des entiers et les valeurs), la
dernière révision marquée à l'import : l'évaluation lit les dernières valeurs sans chercher.

Un seul écrivain à la fois. Chaque ctg import est une transaction (BEGIN IMMEDIATE) ; en mode WAL
les lecteurs (eval, report, la REPL) lisent pendant un import l'état d'avant, sans attendre ; un
second import attend le verrou 5 s (CTG_BUSY_TIMEOUT_MS) puis échoue sans rien écrire. Le fichier
ne doit pas vivre sur un partage réseau (SMB, NFS) : les verrous de SQLite n'y sont pas sûrs.
Une équipe peut garder un fichier par poste et échanger par ctg export observations / ctg import
(l'export écrit une ligne à la fois : 200 000 observations en CSV en 2,3 s et 23 Mo, 1 000 000
en 18 s et 55 Mo).

Plusieurs analystes qui écrivent en même temps : PostgreSQL, tel quel
ctg resterait un client ; la base serait un serveur PostgreSQL (paquet Debian postgresql,
version 15 ou plus), pas un serveur écrit pour ctg. Ce qui changerait :
  ouverture      --db postgresql://hôte/base (ou $CTG_DB) choisit un second module C, sur libpq
                 (libpq-dev), derrière la même interface ctg.store : open, query, execute, exec,
                 in_transaction, put_observation, begin_bulk / end_bulk, schema_version. Les
                 paramètres restent liés ($1, $2 au lieu de ?), jamais du SQL construit.
  tables         les mêmes : plan_version, import, obs_revision et ses dictionnaires (obs_plan,
                 obs_subject, obs_period, obs_territory, obs_dims, sous contrainte UNIQUE), les
                 vues observation, current_observation, obs_current, aux types de PostgreSQL
                 (bigint GENERATED ALWAYS AS IDENTITY, text, double precision, timestamptz pour
                 imported_at) ; plusieurs écrivains ne peuvent pas tenir les clés en mémoire
                 comme un import SQLite seul : un index UNIQUE partiel sur la clé WHERE latest
                 garde une seule dernière révision par clé.
  version        une table schema_migration (PostgreSQL n'a pas PRAGMA user_version) ; les
                 migrations appliquées sous pg_advisory_xact_lock, toutes ou aucune.
  un import      une transaction READ COMMITTED : INSERT INTO import … RETURNING id ; les lignes
                 par COPY … FROM STDIN dans une table temporaire ; un INSERT … SELECT qui numérote
                 les révisions (max(revision) + 1 par clé), remet latest à 0 sur les révisions
                 remplacées et insère les nouvelles. Deux analystes qui corrigent la même clé au
                 même moment : l'index UNIQUE partiel fait échouer l'un des deux, dont ctg rejoue
                 la transaction ; les deux révisions restent.
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
  return [[La base de données — un fichier SQLite : --db FICHIER, sinon $CTG_DB, sinon ./ctg.db.

Elle garde chaque version de plan (ctg import plan.lua ; ctg plans) et chaque observation
jamais importée. Rien n'est écrasé : importer une valeur pour une clé qui en a déjà une (même
indicateur, période, territoire et dimensions) ajoute une révision ; les requêtes lisent la
dernière révision, et ctg history les liste toutes avec leur provenance (source,
fichier:ligne, date, auteur). Chaque ctg import est une transaction : toutes les lignes de
tous les fichiers, ou rien.

API Lua (scripts et console) :
  local db <close> = ctg.open([chemin])    ouvrir ou créer (chemin : $CTG_DB, puis ./ctg.db)
  db:plan([id])                            la version en vigueur du plan, comme objet plan
  db:plans()                               chaque version enregistrée : {plan_id, version, hash, label, …}
  for row in db:observations{indicator = "places_100", period = 2022, territory = "nord"} do
    -- row.indicator, row.period, row.territory, row.dimensions (table), row.value,
    -- row.numerator, row.denominator, row.text, row.missing (raison), row.revision,
    -- row.source, row.file, row.line, row.imported_at, row.imported_by
  end                                      filtres : indicator, period, territory, record
  db:history{indicator = …, period = …}    chaque révision, la plus ancienne d'abord
  db:put{indicator = "tps_accueillies", period = 2024, territory = "sud", value = 31}
                                           vérifiée comme une ligne importée ; rend la révision
  db:put{step = "3-C", period = 2024, status = "done"}     (aussi committee/date, funder/year/amount)
  db:transaction(function(db) … end)       validée au retour, annulée sur erreur (relancée)
  db:query("SELECT … WHERE period = ?", "2022")   SQL en lecture seule, paramètres liés seulement
  db:close()

Vues et tables pour db:query :
  current_observation  la dernière révision de chaque clé ; observation : toutes les révisions.
                 Colonnes : id, plan_id, record ('value' | 'progress' | 'meeting' | 'funding'),
                 subject (indicateur, étape, instance ou financeur), period, territory, dims
                 (« nom=valeur » triés), revision, value, numerator, denominator, text, missing,
                 status, note, source, import_id, line.
  import         file, source, imported_at, imported_by, rows ; plan_version : les versions.
Ce qui est stocké (schéma 4) :
  obs_revision   le journal de toutes les révisions, dans l'ordre d'import : la clé en entiers
                 (plan, record, subject, period, territory, dims), les valeurs et les textes, la
                 provenance (import_id, line), et latest = 1 sur la dernière révision de sa clé
                 (remis à 0 dans la transaction qui enregistre la suivante) ;
  obs_plan, obs_record, obs_subject, obs_period, obs_territory, obs_dims
                 les dictionnaires : chaque texte une fois, désigné par un petit entier ;
  obs_current    la vue des dernières révisions (latest = 1), en entiers : ce que lit
                 l'évaluation, sans recherche ;
  plan_version   chaque version du plan : son texte source, son export YAML, et son plan
                 résumé (outline : indicateurs, territoires, étapes… ce que demande la
                 vérification des lignes), pour qu'un import ne reconstruise pas le plan.
Aucun index sur les clés : un import charge une fois en mémoire les clés du plan et les
dictionnaires, et une clé nouvelle ne coûte aucune recherche. --known-at remplace, pour la
connexion, obs_current, observation et current_observation par les révisions importées jusqu'à
ce jour. Le schéma est versionné (PRAGMA user_version) : une base d'un ctg plus ancien est mise à
jour à l'ouverture, en une transaction (toutes les migrations ou aucune, chaque révision et sa
provenance gardées) ; une base d'un ctg plus récent est refusée.

]] .. store_at_scale()
end

--- The evaluation and the rules, from scripts.
function topics.eval()
  return [[L'évaluation — la valeur de chaque indicateur par période, territoire et valeur de dimension.

  local db <close> = ctg.open("ctg.db")
  local ev = ctg.evaluate(db:plan(), db, {period = 2023, territory = "clermont-ferrand"})
  local r = ev:value("places_100")                    -- la période et le territoire de l'évaluation
  local r = ev:value("places_100", {period = 2022, territory = "nord"})
  -- r.value, r.numerator, r.denominator, r.status ("achieved" | "on track" | "behind" |
  -- "not available" : atteint, en bonne voie, en retard, non disponible), r.reason (pourquoi
  -- non disponible), r.target, r.progress, r.change (evolution : +12,5 % vaut 0.125),
  -- r.share (score), r.text (qualitatif), r.sources (les territoires et périodes lus,
  -- listés quand on les lit), r.missing_territories (sous-territoires sans donnée)
  ev:series("places_100", {territory = "nord"})        -- un résultat par année
  ev:breakdown("projets_lieux_ressources", "step")     -- un résultat par valeur d'étape
  ev:explain("places_100", {period = 2022})            -- formule + observations + révisions
  ev:findings()                                        -- les constats des règles

Comment les valeurs se combinent :
  comptage     somme sur les territoires et les dimensions ; dans le temps selon le cumul de
               l'indicateur (somme pour les flux, dernier / moyenne / max pour les stocks)
  taux         Σ numérateurs / Σ dénominateurs × échelle à chaque niveau — jamais une moyenne
               de taux ; un taux publié seul (valeur sans ses chiffres) s'affiche pour son
               territoire, et un agrégat qui l'inclut est « non agrégeable » (il dit pour quel
               territoire)
  evolution    valeur / valeur de la période de référence (qui peut précéder le plan)
  score        moyenne pondérée par les répondants, Σ moyenne × répondants / Σ répondants (les
               respondents ou le denominator des lignes) ; sans effectifs, la moyenne des
               moyennes, et la valeur le signale ; share = Σ satisfaits / Σ réponses
  qualitatif   la dernière appréciation écrite, avec sa source et sa date
Un territoire sans chiffre propre est la somme de ses sous-territoires, un groupe la somme de
ses membres (--territory prend un code de groupe). Un chiffre annuel l'emporte sur des
chiffres mensuels. Une donnée manquante est non disponible, avec sa raison (pas de donnée,
dénominateur nul, référence manquante, période non commencée) — jamais 0, inf ni NaN.
Cibles : progress = (valeur − référence) / (cible − référence), juste aussi quand baisser vaut
mieux ou quand la cible est sous la référence ; « en bonne voie » quand progress ≥ la part du
temps écoulé entre la référence et la période de la cible.
Un seul moteur en C (ctg.model, host/rollup.c) calcule chaque valeur, pour ev:value, les
règles, les rapports et ctg eval ; ctg eval --format csv et json écrivent chaque valeur dès
qu'elle est calculée : --period all --territory all ne garde aucune valeur en mémoire.
Le moteur garde les sommes des observations par indicateur, période et territoire (ses
cellules) ; au-delà de 250 000 cellules (CTG_EVAL_CELLS en fixe une autre borne), il relit les
observations par fenêtres d'indicateurs, dans l'ordre du plan, quand une valeur en demande un
autre : sa mémoire reste la même quel que soit leur nombre, et les valeurs sont identiques.
La vue --period all --territory all, qui écrit une ligne par cellule, les garde toutes ; un
rapport, ctg rules et ctg build, qui parcourent les indicateurs plusieurs fois, jusqu'à
1 000 000 (une centaine de Mo).

Règles (regle "nom" { … } dans le plan, ou dans un fichier de règles donné à `ctg rules`) :
  seuil        {indicateur = "places_100", operateur = ">=", valeur = 15}   se déclenche quand ce
               n'est pas vrai
  tendance     {indicateur = "places_100", attendu = "hausse", periodes = 2}
  cible        {type = "cible", indicateur = "places_100"}
  completude   {type = "completude", indicateur = "tps_accueillies", territoires = {…}, depuis = 2021}
  personnalisee {verification = function(ctx) … return {message = "…", evidence = {…}} end}
               ctx:value(id, opts), ctx:series(id, opts), ctx:plan(), ctx:db(), ctx:period()
               (des vues en lecture seule : une règle enregistrée avec un plan tourne pour
               chaque utilisateur suivant, dans --timeout et --max-memory, et ne peut ni écrire
               la base ni changer le plan)
  gravite = "info" | "attention" (défaut) | "critique"
Toujours vérifiés, d'après le plan lui-même : les réunions tenues par instance et par an, le
plancher de financement par an (critique), les étapes commencées l'année prévue, les
indicateurs qui ont des cibles.]]
end

--- Observation files.
function topics.observations()
  return [[Les fichiers d'observations (ctg import FICHIER…)

YAML, lu au fil de l'eau (de toute taille) :
  plan: ctg-clermont-2021-2025                 le plan dont ce sont les chiffres
  source: "Direction Petite Enfance, tableau de bord 2022"
  observations:
    - {indicator: places_100, period: 2022, territory: nord, numerator: 45, denominator: 300}
    - {indicator: agents_formes, period: 2022, territory: clermont-ferrand, categorie: accueil, value: 12}
    - {indicator: evaluation_laep, period: 2022, text: "Deux associations…"}
    - {indicator: tps_accueillies, period: 2021-2022, territory: sud, missing: "comptage non réalisé"}
  progress:  [{step: 3-C, period: 2022, status: started}]    planned | started | done | dropped
  meetings:  [{committee: copil, date: 2022-06-14}]
  funding:   [{funder: caf, year: 2022, amount: 1650000, action: 7}]

Une ligne donne exactement l'un de : value (comptage, evolution, score ; le taux d'un taux
tel que publié, sans ses chiffres), numerator + denominator (taux ; un score peut les donner
comme réponses satisfaites / réponses, et ses répondants en respondents ou denominator),
text (qualitatif), missing (non disponible : la raison — n'écrivez jamais 0 pour un chiffre
manquant). Périodes : 2022, "2021-2022" (année scolaire), "2022-09" (mois) ; dates de
réunion "2024", "2024-06" ou "2024-06-15". Le territoire (un code, ou un titre quelles que
soient sa casse et ses accents : "TRELON" pour Trélon, quand un seul territoire le porte)
vaut par défaut le territoire racine. Toute autre clé est une dimension et doit être l'une
des dimensions (par) de l'indicateur. note et source sont facultatives.

CSV (valeurs d'indicateurs) : une ligne d'en-tête nomme les colonnes, en français ou en anglais —
  indicateur;periode;territoire;valeur;numerateur;denominateur;repondants;texte;manquant;note
  indicator;period;territory;value;numerator;denominator;respondents;text;missing;note;source;<dims>
  (la colonne note peut aussi s'intituler commentaire ou comment)
Format de tableur français (« ; », virgule décimale 13,5, milliers 1 250) ou international
(« , », « . »), reconnu à l'en-tête. --source et --plan donnent ce que donne l'en-tête YAML.

Encodages du CSV : UTF-8 (avec ou sans BOM), Windows-1252 (le « CSV (séparateur : point-virgule) »
d'Excel), ISO-8859-15, UTF-16 avec BOM (le « texte Unicode » d'Excel) : convertis en UTF-8 à la
lecture, et le bilan le dit (« converti depuis Windows-1252 »). L'encodage est reconnu sur tout
le fichier : de l'UTF-8 valide reste de l'UTF-8 ; sinon un octet de 0x80 à 0x9F désigne
Windows-1252 (€ y vaut 0x80, ’ 0x92, œ 0x9C) ; sans eux, l'un des octets 0xA4 0xA6 0xA8 0xB4
0xB8 0xBC 0xBD 0xBE désigne ISO-8859-15 (€ y vaut 0xA4, œ 0xBD) ; sinon Windows-1252 (les
deux s'accordent sur tous les autres octets). Un fichier qui mêle UTF-8 et un autre encodage est
refusé au premier octet fautif (ligne:colonne). --encoding utf-8 | windows-1252 | iso-8859-15 |
utf-16 impose l'encodage (les octets qu'il ne connaît pas sont des erreurs situées).

Classeurs (.xlsx d'Excel, .ods de LibreOffice) : une feuille au format long ci-dessus (mêmes
noms de colonnes, en français ou en anglais) s'importe comme son CSV. ctg lit les valeurs des
cellules, pas leur affichage : un nombre reste un nombre (une cellule au format % vaut sa
valeur enregistrée : 0,316 pour « 31,6 % »), une date devient 2024-03-15, une formule vaut son
dernier résultat calculé ; un nombre saisi comme texte (« 13,5 ») est lu comme dans un CSV
français. La première feuille par défaut ; --sheet NOM (casse et accents indifférents) ou
--sheet N (à partir de 1) en choisit une autre. Les lignes vides sont sautées. Les erreurs
nomment la cellule comme le tableur : tableau.xlsx:Feuille1!C17 (le nom entre apostrophes
s'il a des espaces : 'Données 2024'!C17). Un classeur écrit par ctg export observations
--format xlsx se relit entier (valeurs, avancement, réunions, financements) : exporter,
importer dans une base neuve et exporter redonne le même classeur. Refusés avec leur raison :
un classeur chiffré (enregistrez-le sans mot de passe), un ancien .xls, une archive zip qui
n'est pas un classeur (un .docx renommé), un fichier tronqué, une cellule en erreur (#DIV/0!)
ou une formule jamais calculée (classeur écrit par un programme qui ne calcule pas : ouvrez-le
et enregistrez-le). Le classeur est lu au fil de l'eau : la mémoire ne grandit pas avec le
nombre de lignes.]]
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
  local opts, pos = args.parse(argv, { command = "help", usage = "ctg help SUJET [--format text|luals]", min = 1, max = 1,
    options = { format = { values = { "text", "luals" }, default = "text" } } })
  local name = pos[1]
  if opts.format == "luals" then
    if name ~= "vocabulary" then
      args.fail(args.EXIT.USAGE, msg.text("cli.help.luals-only"))
    end
    io.stdout:write(require("ctg.luals").definitions())
    return args.EXIT.OK
  end
  local topic = topics[name]
  if not topic then
    local names = { "vocabulary", "shapes", "store", "observations", "eval", "time", "rules", "repl", "help", "check", "export", "diff",
                    "import", "plans", "history", "init", "build", "report" }
    local hint = suggest.closest(name, names)
    args.fail(args.EXIT.USAGE, msg.text("cli.help.unknown", { name = tostring(name),
      hint = hint and msg.text("cli.hint", { hint = hint }) or
        msg.text("cli.help.topics", { topics = "vocabulary, shapes, store, observations, eval, time, report" }) }))
  end
  io.stdout:write(topic(), "\n")
  return args.EXIT.OK
end
