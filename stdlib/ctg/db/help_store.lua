-- ctg.db.help_store — the text of `ctg help store`: the database, its Lua API, its tables and
-- views for db:query (the engine's own SQL, for analysts who need it), what is stored and
-- checked, the store at scale and the PostgreSQL outline. It shows SQL: it lives with the only
-- module that writes SQL (ctg.db); ctg.cli.help prints it.
local help_store = {}

--- The store at scale (measured by make bench, issue 14) and how it would map onto
--- PostgreSQL: what it reads and restores today, what it does not write yet.
function help_store.at_scale()
  local pg_schema = require("ctg.pg_schema")
  -- each line of the SQL at n spaces, as the text around it
  local function indent(sql, n)
    return (sql:gsub("[^\n]+", function(line) return string.rep(" ", n) .. line end))
  end
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
Une base de dizaines de CTG : une vue coûte ce qu'elle imprime, pas ce que tient le fichier.
Chaque transaction d'import note la plage de lignes qu'elle a écrites pour chaque plan (table
obs_fingerprint) ; l'évaluation lit un plan par ses plages (par rowid, sans index à tenir : un
index sur la clé coûterait à chaque import une insertion par ligne), et la vérification des
lignes que demande l'empreinte d'un rapport ou d'une sortie JSON ne lit que les lignes de son
plan. make bench le mesure : la vue par défaut d'un plan de 200 000 observations, seul dans sa
base puis parmi 1 800 000 observations de neuf autres plans (importées avant et après lui), doit
rester sous 1,5 fois son temps seul. Un seul plan dix fois plus grand (dix fois plus de
territoires) n'est pas la même mesure : le total de la ville y additionne dix fois plus de lignes.
ctg verifier signale une observation en vigueur hors de toutes les plages de son plan.
SQLite n'est pas la limite : des fichiers de plusieurs Go, des dizaines de millions de lignes
lui conviennent. Le schéma 5 écrit une ligne par observation (des entiers et les valeurs), la
dernière révision marquée à l'import : l'évaluation lit les dernières valeurs sans chercher.

Un seul écrivain à la fois. Chaque ctg import est une transaction (BEGIN IMMEDIATE) ; en mode WAL
les lecteurs (eval, report, la REPL) lisent pendant un import l'état d'avant, sans attendre ; un
second import attend le verrou 5 s (CTG_BUSY_TIMEOUT_MS) puis échoue sans rien écrire. Le fichier
ne doit pas vivre sur un partage réseau (SMB, NFS) : les verrous de SQLite n'y sont pas sûrs.
Une équipe peut garder un fichier par poste et échanger par ctg export observations / ctg import
(l'export écrit une ligne à la fois : 200 000 observations en CSV en 2,3 s et 23 Mo, 1 000 000
en 18 s et 55 Mo).

Une base PostgreSQL : lue et restaurée aujourd'hui, pas encore importée
ctg est un client ; la base, un serveur PostgreSQL (paquet Debian postgresql, version 15 ou
plus), pas un serveur écrit pour ctg. Une adresse postgresql://hôte/base ou postgres://… (--db,
$CTG_DB ou base: dans ctg.yaml) choisit le moteur PostgreSQL (host/store/postgres.c, sur libpq),
tout autre chemin un fichier SQLite.
  ce qui marche  ctg restore DUMP --db postgresql://… charge le ctg dump d'une base SQLite dans
                 une base PostgreSQL vide (les tables créées par les migrations, toutes les
                 lignes en une transaction, ou aucune) ; puis eval (--explain, --known-at…),
                 history, export observations, plans, rules, report et ctg dump y lisent
                 exactement ce qu'ils lisent dans la base SQLite d'origine, octet pour octet.
  pas encore     ctg import et ctg build dans une base PostgreSQL : refusés par leur nom (code
                 3), rien n'est écrit ; ni plusieurs écrivains à la fois (ce qui suit, « un
                 import », est le plan), ni ctg verifier d'une base PostgreSQL.
  en attendant   l'équipe importe dans un fichier SQLite (un poste), puis ctg dump base.dump et
                 ctg restore base.dump --db postgresql://serveur/ctg-2026 dans une base neuve
                 (CREATE DATABASE) ; les autres lisent cette base, chacun avec son rôle de
                 lecture (ci-dessous). Une nouvelle restauration va dans une nouvelle base.
  connexion      un serveur injoignable, un mot de passe refusé, une base d'un autre programme
                 (des tables sans ctg_schema) ou d'un schéma plus récent : refusés avec leur
                 raison, code 3, rien n'est écrit. Le mot de passe : ~/.pgpass ou $PGPASSWORD
                 plutôt que dans l'adresse.
  tables         écrites (host/store/postgres_schema.c) : les mêmes tables, vues et colonnes
                 que celles de SQLite, dans le même ordre (un dump passe d'un moteur à l'autre) ;
                 identifiants bigint GENERATED BY DEFAULT AS IDENTITY, valeurs double
                 precision (les mêmes nombres que REAL), textes text ; les dates restent du
                 texte ISO 8601 (2024-03-15T10:30:00Z), comparées comme telles par --known-at,
                 imprimées octet pour octet ; latest et withdrawn des entiers 0/1. Plusieurs
                 écrivains ne peuvent pas tenir les clés en mémoire comme un import SQLite seul :
                 un index UNIQUE partiel sur la clé WHERE latest = 1 (obs_revision_latest) garde
                 une seule dernière révision par clé, un index UNIQUE sur la clé et la révision
                 (obs_revision_key) une seule ligne par révision.
  version        une table ctg_schema (PostgreSQL n'a pas PRAGMA user_version), aux numéros de
                 schéma de SQLite ; les migrations appliquées en une transaction sous
                 ]] .. "pg_advisory_xact_lock(" .. pg_schema.lock_key .. ")" .. [[, chacune si la base est en
                 dessous de sa version ; une base d'un schéma plus récent est refusée.
  un import      une transaction READ COMMITTED : INSERT INTO import … RETURNING id ; les lignes
                 par COPY … FROM STDIN dans une table temporaire ; un INSERT … SELECT qui numérote
                 les révisions (max(revision) + 1 par clé), remet latest à 0 sur les révisions
                 remplacées et insère les nouvelles. Deux analystes qui corrigent la même clé au
                 même moment : l'index UNIQUE partiel fait échouer l'un des deux, dont ctg rejoue
                 la transaction ; les deux révisions restent.
  un plan        INSERT INTO plan_version sous UNIQUE (plan_id, version) : la même course se
                 règle de même, par la version suivante.
  les lectures   eval, report, rules, history, export : une transaction REPEATABLE READ tenue de
                 l'ouverture à la fermeture, puis annulée — un instantané, valeurs et
                 provenance du même état même si une restauration s'achève entre-temps.
                 --known-at reste un filtre sur import.imported_at (des vues temporaires).
  qui            imported_by = current_user de PostgreSQL (et non plus $USER). Le rôle qui lit
                 tout et n'écrit rien, à créer par le propriétaire des tables après les
                 migrations (puis un rôle de connexion par personne) :
]] .. indent(pg_schema.reader, 18) .. [[
                 Le rôle qui importe : INSERT, et remettre latest à 0 sur une révision remplacée,
                 mais personne n'a UPDATE d'une valeur ni DELETE : « rien n'est écrasé », garanti
                 par le serveur :
]] .. indent(pg_schema.analyst, 18) .. [[
  sauvegarde     ctg dump et ctg restore, les mêmes sur les deux moteurs : un dump d'une base
                 SQLite se restaurera dans PostgreSQL, et inversement.
Ce qui ne changerait pas : la REPL, les scripts, les rapports et les règles ne voient que ctg.db
et ctg.eval. Côté Lua, seul ctg.db (et son dossier db/) écrit du SQL : ses opérations nommées
sont ce qu'un second moteur récrirait ; le noyau de l'évaluation lit déjà par l'interface de
moteur ; db:query reste le SQL du moteur choisi.]]
end

--- The database and its Lua API: the text of ctg help store.
function help_store.text()
  return [[La base de données — un fichier SQLite : --db FICHIER, sinon $CTG_DB, sinon ./ctg.db.

Elle garde chaque version de plan (ctg import plan.lua ; ctg plans) et chaque observation
jamais importée. Rien n'est écrasé : importer une valeur pour une clé qui en a déjà une (même
indicateur, période, territoire et dimensions) ajoute une révision ; les requêtes lisent la
dernière révision, et ctg history les liste toutes avec leur provenance (source,
fichier:ligne, date, auteur). Chaque ctg import est une transaction : toutes les lignes de
tous les fichiers, ou rien.

API Lua (scripts et console) :
  local db <close> = ctg.open([chemin])    ouvrir (chemin : --db, puis $CTG_DB, puis ./ctg.db) ;
                                           un fichier absent est une erreur qui le nomme
  ctg.open(chemin, {create = true})        le créer s'il manque (un script qui écrit : db:put)
  db:plan([id])                            la version en vigueur du plan, comme objet plan
                                           (sans id : le seul plan de la base ; une base de
                                           plusieurs plans demande son id, erreur sinon)
  db:plan("ID@2"), db:plan("ID@2023-07-01")   la version 2, la version en vigueur ce jour-là
  db:periods_with_data("places_100")       les périodes où l'indicateur a des données
  db:plans()                               chaque version enregistrée : {plan_id, version, hash, label, …}
  for row in db:observations{indicator = "places_100", period = 2022, territory = "nord"} do
    -- row.indicator, row.period, row.territory, row.dimensions (table), row.value,
    -- row.numerator, row.denominator, row.text, row.missing (raison), row.revision,
    -- row.source, row.file, row.line, row.imported_at, row.imported_by
  end                                      filtres : indicator, period, territory, record, plan
                                           (indicateur, periode, territoire… ; vérifiés)
  db:history{indicator = …, period = …}    chaque révision, la plus ancienne d'abord
  db:put{indicator = "tps_accueillies", period = 2024, territory = "sud", value = 31}
                                           vérifiée comme une ligne importée ; rend la révision
  db:put{step = "3-C", period = 2024, status = "done"}     (aussi committee/date, funder/year/amount)
  db:transaction(function(db) … end)       validée au retour, annulée sur erreur (relancée)
  db:step_progress{jusqu_a = 2023, plan = "ID"}   l'avancement des étapes, la période la plus
                                           ancienne d'abord : {step, period, status} ; sans plan :
                                           tous les plans de la base
  db:funding_totals{plan = "ID"}           les financements reçus par financeur et période :
                                           {funder, period, total}
  db:meetings_per_year{plan = "ID"}        les réunions tenues par instance et année :
                                           {committee, year (« 2023 »), held}
  db:meetings_held(plan, instance, année)  les dates des réunions d'une instance cette année-là
  db:funding_received(plan, financeur, année)   {total (nil sans versement), payments}
  db:step_started_by(plan, étape, année)   true si l'étape est commencée ou faite cette année
                                           ou avant
  db:query("SELECT … WHERE period = ?", "2022")   le SQL du moteur (SQLite), pour qui en a
                                           besoin : lecture seule, paramètres liés seulement ; les
                                           opérations ci-dessus disent la même chose sans SQL, et
                                           les rapports fournis n'utilisent qu'elles
  db:close()

Vues et tables pour db:query :
  current_observation  la dernière révision de chaque clé ; observation : toutes les révisions.
                 Colonnes : id, plan_id, record ('value' | 'progress' | 'meeting' | 'funding' |
                 'numerator' | 'denominator' : une part d'un taux venue seule, voir plus bas),
                 subject (indicateur, étape, instance ou financeur), period, territory, dims
                 (« nom=valeur » triés), revision, value, numerator, denominator, text, missing,
                 status, note, source, import_id, line, withdrawn (1 : un retrait, dans
                 observation seulement), column_number (la colonne de la cellule d'où vient la
                 ligne, 1 = A, quand le lecteur la connaît ; sinon vide).
  import         file, source, imported_at, imported_by, rows, hash (empreinte du fichier lu
                 par ctg build ; « absent » : le fichier a quitté le projet, ses lignes sont
                 retirées), git_commit (le commit du projet) ; plan_version : les versions.
  delivery       chaque rapport écrit par ctg build (ctg livraisons) : path, format, script,
                 script_hash, period, arguments (JSON), file_hash (les octets écrits),
                 content_hash (le rendu sans sa provenance), as_of, known_at (l'instant des
                 données, AAAA-MM-JJTHH:MM:SSZ), plan_version, git_commit, delivered_at.
Ce qui est stocké (schéma 7) :
  obs_revision   le journal de toutes les révisions, dans l'ordre d'import : la clé en entiers
                 (plan, record, subject, period, territory, dims), les valeurs et les textes, la
                 provenance (import_id, line, col), et latest = 1 sur la dernière révision de sa clé
                 (remis à 0 dans la transaction qui enregistre la suivante) ; withdrawn = 1
                 sur un retrait (la ligne ôtée de son fichier de données, ctg build) : une
                 révision sans valeur, la dernière de sa clé, que obs_current ne montre pas ;
  obs_plan, obs_record, obs_subject, obs_period, obs_territory, obs_dims
                 les dictionnaires : chaque texte une fois, désigné par un petit entier ;
  obs_fingerprint
                 l'empreinte des données de chaque plan, tenue à l'import : un maillon par
                 transaction qui change ses observations en vigueur (plan, dernier et premier
                 import de la transaction, empreinte après eux), et la plage de lignes
                 d'obs_revision qu'elle a écrites (first_row, last_row) : l'évaluation lit un
                 plan par ces plages, pas les lignes des autres plans du fichier ;
  obs_current    la vue des dernières révisions (latest = 1) hors retraits, en entiers : ce que lit
                 l'évaluation, sans recherche ;
  plan_version   chaque version du plan : son texte source, son export YAML, et son plan
                 résumé (outline : indicateurs, territoires, étapes… ce que demande la
                 vérification des lignes), pour qu'un import ne reconstruise pas le plan.
Les parts d'un taux (schéma 6) : un numérateur seul ou un dénominateur seul (les places d'un
fichier, les enfants d'un autre) est une révision de record 'numerator' ou 'denominator', avec
sa source et son import ; l'évaluation apparie les deux parts d'une même clé (indicateur,
période, territoire, dimensions). Un index partiel (obs_revision_part, sur ces seules lignes)
dit si un plan a des parts : un plan qui n'en a pas ne paie rien de plus.
Aucun index sur les clés : un import charge une fois en mémoire les clés du plan et les
dictionnaires, et une clé nouvelle ne coûte aucune recherche. --known-at remplace, pour la
connexion, obs_current, observation et current_observation par les révisions importées jusqu'à
ce jour (ou cet instant : 2024-03-15T10:30, UTC), une clé dont la dernière révision connue est
un retrait n'ayant pas d'observation. Schéma 5 : le 4 plus withdrawn, import.hash,
import.git_commit et la table delivery (les lignes d'avant gardent withdrawn = 0 et NULL) ;
schéma 6 : le 5 plus les records numerator (5) et denominator (6), obs_revision.col
(column_number dans les vues ; NULL pour les lignes d'avant) et l'index obs_revision_part ;
schéma 7 : le 6 plus la table obs_fingerprint, dont la mise à jour calcule le premier maillon
de chaque plan à partir de ses observations en vigueur (sa plage : toutes les lignes d'avant).
Le schéma est versionné (PRAGMA user_version) : une base d'un ctg plus ancien est mise à jour
à l'ouverture, en une transaction (toutes les migrations ou aucune, chaque révision et sa
provenance gardées) ; une base d'un ctg plus récent est refusée.

Une base modifiée hors de ctg (sqlite3, un autre programme) est refusée (code 3), jamais lue en
une somme fausse, quand la modification touche sa structure, ses références ou ses types.
À chaque ouverture : chaque table, vue, index et déclencheur tel que les
migrations de ctg l'ont écrit, texte pour texte, et rien d'autre (une vue obs_current redéfinie
pour cacher des lignes est le mensonge le moins cher) ; les quatre lignes de obs_record ; une
base sans numéro de schéma qui a déjà des tables n'est pas de ctg. Avant la première lecture par
observation ou current_observation (réunions, financements, avancement, history, exports,
db:query) : chaque identifiant de dictionnaire et d'import résolu, des nombres dans value,
numerator et denominator (une jointure perdrait la ligne sans rien dire). L'évaluation vérifie
les lignes qu'elle lit. `ctg verifier` (alias verify) fait toute la vérification à la demande
et la décrit : intégrité SQLite, schéma, références, nombres, révisions 1 à n par clé avec une
seule en vigueur, la dernière, et l'empreinte des données enregistrée de chaque plan égale à
celle recalculée de ses observations en vigueur (un chiffre changé à la main la fait mentir) ;
code 0 base intacte, 3 altérée. Un nombre remplacé par un autre nombre ne se voit qu'ainsi :
l'évaluation et les rapports lisent l'empreinte enregistrée sans tout relire ; ctg verifier et
ctg dump (qui refuse alors d'écrire) la recalculent. Lancez ctg verifier avant un rapport qui
engage, et avec chaque sauvegarde.

Sauvegarder, changer de base : ctg dump et ctg restore
  ctg dump FICHIER écrit toute la base dans un fichier texte portable (chaque version de plan,
  chaque révision avec sa provenance, les imports, les livraisons, identifiants compris), lu
  d'un seul instantané pendant que d'autres importent ; sa dernière ligne porte le nombre de
  lignes de chaque table et le SHA-256 de tout ce qui précède (ctg help dump : le format).
  ctg restore FICHIER le recharge dans une base vide ou absente, en une transaction, après avoir
  vérifié tout le fichier : un dump tronqué, altéré ou d'un schéma plus récent est refusé
  (code 3), rien n'est chargé. Les exports, historiques, évaluations (--known-at compris) et
  rapports de la base restaurée sont ceux de l'originale, octet pour octet.
  C'est aussi la sauvegarde : une copie du fichier SQLite pendant un import peut être
  incohérente, un dump ne l'est jamais. Chaque nuit à 2 h, gardée par date (crontab -e ; le %
  s'écrit \% dans une crontab) :
    0 2 * * * ctg dump --db /srv/ctg/ctg.db /srv/sauvegardes/ctg-$(date +\%F).ctgdump
  ou compressée : ctg dump - --db /srv/ctg/ctg.db | gzip > /srv/sauvegardes/ctg.ctgdump.gz
  Pour vérifier une sauvegarde : ctg restore FICHIER --db /tmp/essai.db, puis ctg verifier.

]] .. help_store.at_scale()
end

return help_store
