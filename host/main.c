/* ctg — the command line. One function per subcommand, dispatched from `commands`. */
#define _GNU_SOURCE /* fopencookie: a stdout that remembers why a write failed */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <lauxlib.h>
#include <lualib.h>
#include <yaml.h>

#include "args.h"
#include "bigmem.h"
#include "ctg.h"
#include "repl.h"
#include "store/engines.h"

struct command {
    const char *name;
    int (*run)(lua_State *L, int argc, char **argv, int first);
    const char *summary;
    const char *usage; /* shown by `ctg help NAME` and `ctg NAME --help` */
};

static int cmd_repl(lua_State *L, int argc, char **argv, int first);
static int cmd_help(lua_State *L, int argc, char **argv, int first);
static int cmd_check(lua_State *L, int argc, char **argv, int first);
static int cmd_export(lua_State *L, int argc, char **argv, int first);
static int cmd_diff(lua_State *L, int argc, char **argv, int first);
static int cmd_import(lua_State *L, int argc, char **argv, int first);
static int cmd_plans(lua_State *L, int argc, char **argv, int first);
static int cmd_history(lua_State *L, int argc, char **argv, int first);
static int cmd_eval(lua_State *L, int argc, char **argv, int first);
static int cmd_rules(lua_State *L, int argc, char **argv, int first);
static int cmd_report(lua_State *L, int argc, char **argv, int first);
static int cmd_init(lua_State *L, int argc, char **argv, int first);
static int cmd_build(lua_State *L, int argc, char **argv, int first);
static int cmd_livraisons(lua_State *L, int argc, char **argv, int first);
static int cmd_verifier(lua_State *L, int argc, char **argv, int first);
static int cmd_dump(lua_State *L, int argc, char **argv, int first);
static int cmd_restore(lua_State *L, int argc, char **argv, int first);

/* ctg verifier's usage, shared by its English alias */
#define VERIFIER_HELP \
     "usage : ctg verifier [--db FICHIER] [--format text|json]\n" \
     "\n" \
     "Vérifie toute la base, telle qu'elle est, sans la changer ni la mettre à jour : l'intégrité du\n" \
     "fichier (SQLite), les tables, vues et index tels que les migrations de ctg les ont créés, les\n" \
     "lignes fixes de obs_record, chaque identifiant de dictionnaire et d'import résolu, des nombres\n" \
     "dans value, numerator et denominator, des révisions numérotées de 1 à n par clé avec une seule\n" \
     "en vigueur (la dernière), les imports, versions de plan et livraisons référencés, et\n" \
     "l'empreinte des données de chaque plan, recalculée de ses observations, égale à celle\n" \
     "enregistrée à ses imports. Chaque constat nomme la table, la ligne et la colonne (les 20\n" \
     "premiers de chaque vérification). À chaque ouverture, ctg vérifie déjà le schéma, et avant\n" \
     "de lire par les vues jointes, chaque identifiant et chaque nombre : une base ainsi modifiée\n" \
     "hors de ctg est refusée (code 3). Un nombre remplacé par un autre nombre ne se voit qu'à\n" \
     "l'empreinte, que seuls ctg verifier et ctg dump recalculent (ils lisent tout) : lancez\n" \
     "ctg verifier avant un rapport qui engage, et programmez-le avec la sauvegarde.\n" \
     "Alias anglais : ctg verify.\n" \
     "\n" \
     "Codes de sortie : 0 base intacte, 2 usage, 3 base altérée, abîmée ou qui n'est pas de ctg.\n"

static const struct command commands[] = {
    {"repl", cmd_repl, "explorer plans et données dans la console Lua",
     "usage : ctg repl\n"
     "\n"
     "Lit des lignes de Lua, les évalue et affiche leurs résultats. Une expression affiche sa\n"
     "valeur (=expr aussi) ; un morceau inachevé continue à la ligne suivante. help() affiche un\n"
     "guide, help(x) décrit un objet de ctg ; quit ou exit quittent.\n"
     "Sur un terminal : édition de la ligne, historique dans $CTG_HISTORY ou ~/.ctg_history,\n"
     "complétion des noms et des champs par Tab, Ctrl-C interrompt, Ctrl-D quitte. Des lignes\n"
     "envoyées par un tube s'évaluent de même, sans invite ; le code de sortie est 1 si un\n"
     "morceau a échoué.\n"
     "\n"
     "  ctg> p = ctg.load(\"examples/clermont-ferrand/plan.lua\")\n"
     "  ctg> p:action(7)\n"},
    {"help", cmd_help, "l'aide d'une sous-commande ou d'un sujet",
     "usage : ctg help [SOUS-COMMANDE | SUJET]\n"
     "\n"
     "Sujets :\n"
     "  vocabulary    chaque déclaration et chaque champ qu'un fichier de plan peut employer\n"
     "                (--format luals : les définitions pour lua-language-server)\n"
     "  shapes        toutes les formes de convention, et un plan intercommunal en exemple\n"
     "  store         la base de données et son API Lua (ctg.open, db:observations, db:put, …)\n"
     "  observations  les formats des fichiers d'observations (YAML, CSV)\n"
     "  eval          l'évaluation et les règles depuis Lua (ctg.evaluate, ev:value, ev:findings)\n"
     "  time          dates, --as-of / --known-at, versions du plan, avenants\n"
     "  report        le guide des scripts de rapport (contexte, document, graphiques, exemple)\n"},
    {"check", cmd_check, "vérifier un plan : résumé et constats",
     "usage : ctg check [PLAN|CORRESPONDANCE.lua] [--format text|json]\n"
     "\n"
     "Charge PLAN (.lua ou .yaml) et affiche ses comptes et ses constats : les erreurs (le plan\n"
     "ne peut pas servir) et les avertissements (code d'une étape contraire à sa lettre, action\n"
     "sans indicateur ni pilote, enjeu jamais nommé ou jamais servi, …).\n"
     "\n"
     "Un avenant (fichier commençant par amendment \"ID\" { amends = …, effective = … }) est\n"
     "appliqué au plan qu'il modifie : le plan obtenu est vérifié et ses changements affichés.\n"
     "Un fichier de correspondance (ses déclarations sont source \"ID\" { … }, voir\n"
     "ctg help sources) est vérifié de même : chaque source, les fichiers qu'elle lit, ses erreurs.\n"
     "\n"
     "Sans nom, dans un projet (un dossier qui a un ctg.yaml, ou l'un de ses sous-dossiers) :\n"
     "vérifie le plan du projet puis chaque fichier de correspondances de sources: (en texte).\n"
     "\n"
     "Codes de sortie : 0 aucune erreur (avertissements permis), 3 le plan a des erreurs, 2 usage.\n"},
    {"export", cmd_export, "écrire un plan en YAML ou JSON, ou les observations",
     "usage : ctg export PLAN|PLAN-ID@N|PLAN-ID@DATE [--format yaml|json] [-o FICHIER]\n"
     "        ctg export observations [--format yaml|csv|json|xlsx] [--indicator ID] [--period P]\n"
     "                                [--territory T] [--known-at DATE] [--csv-dialect french|intl]\n"
     "                                [--plan ID] [-o FICHIER]\n"
     "\n"
     "Écrit le plan entier, clés dans un ordre fixe (UTF-8) ; le YAML se relit par\n"
     "`ctg check plan.yaml` comme le même plan. Par défaut : yaml, sur la sortie standard.\n"
     "Un avenant ou une version enregistrée (PLAN-ID@2) s'exporte comme le plan entier obtenu.\n"
     "\n"
     "export observations écrit les observations de la base (la dernière révision de chacune),\n"
     "filtrées par --indicator, --period, --territory ; --known-at DATE : telles qu'on les\n"
     "connaissait ce jour-là. Le CSV est par défaut au format français (« ; », virgule décimale,\n"
     "en-têtes indicateur;periode;territoire;valeur;…) et se réimporte par ctg import ;\n"
     "--csv-dialect intl écrit « , », le point décimal et les en-têtes anglais. --format xlsx\n"
     "écrit un classeur (-o obligatoire). Une base qui contient plusieurs plans demande\n"
     "--plan ID. Une option sans effet est refusée (code 2) : --plan ou --csv-dialect sur un\n"
     "plan, --csv-dialect hors CSV, -o et --output ensemble.\n"},
    {"diff", cmd_diff, "ce qu'un avenant a changé entre deux plans",
     "usage : ctg diff ANCIEN NOUVEAU [--plan ID] [--format text|json]\n"
     "        (ANCIEN, NOUVEAU : fichiers de plan, ou versions enregistrées PLAN-ID@N, PLAN-ID@DATE ;\n"
     "        avec --plan ID, un numéro de version ou une date de ce plan : ctg diff --plan ID 1 2)\n"
     "\n"
     "Liste les actions, étapes, indicateurs, enjeux, fiches, instances, territoires et\n"
     "financements ajoutés, retirés ou modifiés, champ par champ ; le JSON nomme le plan de\n"
     "chaque côté (old_plan, new_plan). Code de sortie 0 que les plans diffèrent ou non ; 3 si\n"
     "l'un des deux a des erreurs ; 2 pour --plan quand les deux côtés sont des fichiers.\n"},
    {"import", cmd_import, "enregistrer plans et observations dans la base",
     "usage : ctg import FICHIER... [--dry-run] [--label TEXT] [--effective DATE] [--signed DATE]\n"
     "                  [--council-date DATE] [--date DATE] [--new-version] [--by NAME]\n"
     "                  [--source TEXT] [--plan ID] [--territory CODE] [--encoding ENC]\n"
     "                  [--sheet NOM|N] [--using CORRESPONDANCE.lua]... [--db FILE]\n"
     "\n"
     "Un fichier de plan (.lua, ou .yaml écrit par ctg export) est enregistré comme une\n"
     "nouvelle version de son plan quand son contenu a changé (--label \"Avenant n°1\"\n"
     "--effective 2022-06-30 la décrivent ; --date vaut --effective quand celui-ci manque).\n"
     "Une version s'applique à partir de sa date d'effet (voir ctg help time) ; un avenant\n"
     "écrit comme ses changements est enregistré comme le plan entier obtenu, avec ses dates.\n"
     "Les fichiers d'observations (.yaml, lu au fil de l'eau ; .csv au format français ';' et\n"
     "virgule décimale, ou international ',' et '.', reconnu à l'en-tête) sont vérifiés ligne\n"
     "par ligne d'après le plan en vigueur. Toute la commande est une seule transaction : si\n"
     "une ligne d'un fichier est fausse, rien n'est enregistré et chaque erreur est donnée\n"
     "sous la forme FICHIER:LIGNE[:COLONNE]. Une valeur déjà enregistrée pour la même clé\n"
     "devient une nouvelle révision (voir ctg history). Une observation peut porter sur les\n"
     "dix ans qui précèdent le plan (diagnostic, référence) ou qui le suivent\n"
     "(renouvellement) ; une année plus lointaine est refusée, probable faute de frappe.\n"
     "\n"
     "Une base peut tenir plusieurs plans (le portefeuille d'une CAF). Un plan dont\n"
     "l'identifiant est déjà dans la base est une nouvelle version de cette convention s'il\n"
     "couvre les mêmes territoires racines ; sinon c'est une autre CTG qui porte le même\n"
     "identifiant, et l'import est refusé (code 3) : donnez-lui son identifiant, ou\n"
     "--new-version s'il s'agit bien d'une nouvelle version (une ville devenue EPCI).\n"
     "Une option sans effet sur les fichiers donnés est refusée (code 2) : --date, --label,\n"
     "--effective, --council-date, --signed, --new-version sans fichier de plan ; --plan,\n"
     "--territory, --source sans fichier CSV.\n"
     "\n"
     "YAML : plan: ID / source: TEXTE / observations: [{indicator, period, territory,\n"
     "       value | numerator+denominator | text | missing, <dimension>: valeur}]\n"
     "       progress: [{step, period, status}]  meetings: [{committee, date}]\n"
     "       funding: [{funder, year, amount, action?}]\n"
     "CSV :  indicateur;periode;territoire;valeur;numerateur;denominateur;texte;manquant;note;\n"
     "       source;<dimensions> (ou les noms anglais indicator;period;territory;value;…) ;\n"
     "       la note peut s'appeler commentaire. Un CSV sans colonne territoire est refusé,\n"
     "       sauf si --territory CODE donne le territoire de toutes ses lignes.\n"
     "       --source dit d'où viennent les chiffres ; --plan choisit le plan (défaut : la\n"
     "       colonne plan de la première ligne, comme l'écrit ctg export observations, sinon le\n"
     "       plan importé par la même commande, sinon le seul plan de la base ; une base de\n"
     "       plusieurs plans demande l'un des trois). Chaque cellule de la colonne plan doit\n"
     "       nommer ce plan.\n"
     "       Encodages : UTF-8, Windows-1252, ISO-8859-15, UTF-16 avec BOM, reconnus et\n"
     "       convertis (--encoding windows-1252… pour l'imposer).\n"
     "Classeurs .xlsx et .ods : une feuille au format du CSV (la première, ou --sheet NOM\n"
     "       ou --sheet N) ; un classeur écrit par ctg export se relit entier. Les erreurs\n"
     "       nomment la cellule : tableau.xlsx:Feuille1!C17. Voir ctg help observations.\n"
     "Fichiers tels qu'on les reçoit (open data CNAF et INSEE, tableaux de bord, tableaux des\n"
     "       partenaires) : --using CORRESPONDANCE.lua (répétable) lit chaque fichier par la\n"
     "       source dont le motif fichiers correspond à son nom ; voir ctg help sources.\n"
     "\n"
     "Chaque fichier d'observations finit par son bilan : lignes lues, observations\n"
     "enregistrées, lignes ignorées par la règle ignorer d'une source, lignes hors du plan\n"
     "(territoire ou période qu'il n'a pas : leur nombre et les premiers noms), valeurs\n"
     "manquantes. --dry-run montre en plus les premières observations de chaque fichier, chacune\n"
     "avec sa cellule (fichier:ligne:colonne, ou tableau.xlsx:Feuille!C17), et leur nombre par\n"
     "indicateur.\n"
     "\n"
     "  --dry-run   tout vérifier, ne rien enregistrer ; montrer les premières observations\n"
     "  --by NOM    qui importe (défaut : $USER)\n"
     "\n"
     "Codes de sortie : 0 importé, 3 erreurs dans les fichiers (rien n'est enregistré),\n"
     "2 usage, 6 base restée verrouillée par un autre programme (rien n'est enregistré ;\n"
     "réessayez).\n"},
    {"plans", cmd_plans, "les versions de plan enregistrées dans la base",
     "usage : ctg plans [--plan ID] [--format text|json] [--db FILE]\n"
     "\n"
     "Les versions de chaque plan de la base (--plan ID : d'un seul), avec leur date d'effet,\n"
     "de délibération et de signature, et pour chaque plan la version en vigueur aujourd'hui\n"
     "et à la fin du plan.\n"},
    {"history", cmd_history, "toutes les révisions des observations d'un indicateur",
     "usage : ctg history --indicator ID [--plan ID] [--period P] [--territory T]\n"
     "                   [--format text|json]\n"
     "\n"
     "Une correction est une nouvelle révision, jamais un remplacement : history liste chaque\n"
     "révision avec sa provenance (source, fichier:ligne, date de l'import et qui l'a fait).\n"
     "Une base qui contient plusieurs plans demande --plan ID ; le JSON nomme le plan de\n"
     "chaque révision (plan_id).\n"},
    {"eval", cmd_eval, "la valeur de chaque indicateur, ou le calcul de l'une",
     "usage : ctg eval [--plan ID] [--period P|all] [--indicator ID] [--territory T|all]\n"
     "                 [--by DIM] [--format table|csv|json] [--csv-dialect french|intl]\n"
     "                 [--as-of DATE] [--known-at DATE] [--db FICHIER]\n"
     "        ctg eval --explain ID [--plan ID] [--period P] [--territory T]\n"
     "\n"
     "Les valeurs de la période (défaut : la dernière année qui a des données) et du territoire\n"
     "(défaut : la racine ; `all` pour chaque territoire), aux formats français. Un taux vaut\n"
     "Σ numérateurs / Σ dénominateurs à chaque niveau d'agrégation, jamais une moyenne de taux ;\n"
     "un territoire sans chiffre propre est la somme de ses sous-territoires ; dans le temps, les\n"
     "valeurs se cumulent selon le cumul de l'indicateur (somme, dernier, moyenne, max). Une\n"
     "donnée manquante est « non disponible », avec sa raison ; un agrégat dont des membres\n"
     "manquent est « partiel » et dit lesquels. Avec des cibles, le statut est atteint, en bonne\n"
     "voie, en retard, en recul ou non atteint, selon le sens de l'indicateur et depuis la\n"
     "référence du territoire (la règle et un exemple : ctg help eval) ; la cible s'affiche même\n"
     "quand la valeur manque. La cible d'un comptage est le total du territoire du plan, pas\n"
     "celle de chacun de ses membres ; celle d'un taux, d'un score ou d'une évolution vaut pour\n"
     "chaque territoire. --by DIM ventile un indicateur selon l'une de ses dimensions.\n"
     "--explain montre la formule, le raisonnement du statut, et chaque observation et révision\n"
     "derrière une valeur avec sa provenance. Lignes JSON : indicator, period, territory,\n"
     "dimensions, value, numerator, denominator, status, status_rule, reason, target,\n"
     "target_period, target_kind, target_source, baseline_value, baseline_period, progress,\n"
     "expected_progress, cumulative_value, partial, members, with_data, missing,\n"
     "published_value…, sous \"values\", après la \"provenance\" (date de situation, version du\n"
     "plan, empreintes : voir ctg help time). Le CSV finit chaque ligne par l'identifiant du\n"
     "plan (colonne Plan).\n"
     "Une base qui contient plusieurs plans (le portefeuille d'une CAF) demande --plan ID :\n"
     "sans lui, eval s'arrête (code 2) et liste les plans ; de même rules, report, history,\n"
     "export observations. Une option sans effet est refusée (code 2) : --indicator, --by,\n"
     "--format, --csv-dialect ou « all » avec --explain ; --csv-dialect hors --format csv.\n"
     "L'API Lua : ctg help eval.\n"},
    {"rules", cmd_rules, "les constats des règles et des engagements du plan",
     "usage : ctg rules [--plan ID] [--period P] [--as-of DATE] [--known-at DATE]\n"
     "                  [--format text|json] [RÈGLES.lua...]\n"
     "\n"
     "Vérifie les règles que le plan déclare (et celles des fichiers RÈGLES.lua, qui ne\n"
     "contiennent que des déclarations regle \"…\" { … }) — seuil, tendance, cible, complétude,\n"
     "fonctions Lua personnalisées — et les engagements du plan lui-même : réunions de chaque\n"
     "instance par an, plancher du financement, étapes commencées l'année prévue, indicateurs\n"
     "en bonne voie vers leurs cibles.\n"
     "\n"
     "Codes de sortie : 0 aucun constat critique, 4 un constat critique (pour l'intégration\n"
     "continue), 1 une règle a échoué sur une erreur (les autres ont été vérifiées), 3 fichier\n"
     "de règles invalide.\n"},
    {"report", cmd_report, "écrire un rapport (HTML, Markdown, CSV, XLSX, PDF) par un script Lua",
     "usage : ctg report SCRIPT -o SORTIE.(html|md|csv|xlsx|pdf) [--plan ID|all] [--period P]\n"
     "                   [--as-of DATE] [--known-at DATE] [--date AAAA-MM-JJ]\n"
     "                   [--csv-dialect french|intl] [--trust] [ARGS...]\n"
     "\n"
     "Exécute SCRIPT (par exemple scripts/bilan-annuel.lua) et écrit le document qu'il rend, au\n"
     "format de l'extension de SORTIE. Le guide des scripts de rapport (le contexte, chaque\n"
     "méthode du document et chaque graphique, un exemple complet) : ctg help report\n"
     "\n"
     "Le script s'exécute dans un bac à sable : ni os.execute, ni io, ni require, ni load, ni\n"
     "debug ; ctx.db est en lecture seule ; ctx.read_csv(\"nom.csv\") lit un CSV posé à côté du\n"
     "script. --trust donne tout Lua à un script à vous. Limites : --timeout SECONDES (30),\n"
     "--max-memory Mo (512).\n"
     "\n"
     "Une base qui contient plusieurs plans demande --plan ID, ou --plan all pour un rapport\n"
     "qui les compare : scripts/portefeuille.lua met les CTG côte à côte par les indicateurs\n"
     "qui partagent une reference_nationale (ctg help vocabulary). --csv-dialect n'a d'effet\n"
     "que pour une sortie .csv (refusée sinon, code 2).\n"},
    {"init", cmd_init, "créer un projet CTG (plan, données, rapports, ctg.yaml) dans un dossier",
     "usage : ctg init DOSSIER [--nom \"Nom du territoire\"] [--epci | --commune] [--debut ANNÉE] [--force]\n"
     "\n"
     "Écrit dans DOSSIER un projet prêt pour git : plan.lua (un squelette commenté dans le\n"
     "vocabulaire français, qui se vérifie tel quel), donnees/observations.csv (le modèle CSV\n"
     "des observations), rapports/ (les quatre rapports fournis, appelés par des scripts\n"
     "courts, et un exemple de rapport à vous), ctg.yaml (ce que construit ctg build),\n"
     ".gitignore, README.md, .luarc.json et .ctg/ctg.lua (la complétion dans l'éditeur).\n"
     "\n"
     "  --nom, --name  le nom du territoire (défaut : le nom du dossier)\n"
     "  --epci         une intercommunalité et ses communes (défaut)\n"
     "  --commune      une commune et ses quartiers\n"
     "  --debut ANNÉE  la première année de la convention (défaut : l'année en cours)\n"
     "  --force        écrire dans un dossier qui n'est pas vide (les fichiers du même nom\n"
     "                 sont remplacés)\n"
     "\n"
     "Codes de sortie : 0 projet créé, 2 usage (dossier non vide sans --force).\n"},
    {"build", cmd_build, "construire un projet CTG : vérifier, importer, règles, rapports",
     "usage : ctg build [DOSSIER] [--check] [--adopt] [--known-at MOMENT]\n"
     "\n"
     "Dans le projet de DOSSIER (défaut : le dossier courant ou le plus proche parent qui a\n"
     "un ctg.yaml) : vérifie le plan et ses avenants, complète la base du projet, applique les\n"
     "règles, écrit chaque rapport de ctg.yaml dans le dossier de sortie (NOM-PÉRIODE.FORMAT),\n"
     "l'enregistre comme livraison (ctg livraisons) et résume ce qui a été fait.\n"
     "La base n'est jamais effacée ni recréée : un fichier nouveau ou modifié est lu (son\n"
     "empreinte et le commit git gardés avec son import) ; une ligne changée devient une\n"
     "révision (fichier, ligne, commit), une ligne ôtée d'un fichier un retrait (la clé n'a\n"
     "plus d'observation ; ctg history montre l'une et l'autre) ; un fichier inchangé n'est pas\n"
     "relu ; le plan et ses avenants ne font une nouvelle version que si leur contenu a changé.\n"
     "Chaque rapport suit la version du plan en vigueur à sa date de situation, avenants compris.\n"
     "Deux constructions du même commit donnent les mêmes octets ; la provenance de chaque\n"
     "rapport nomme le commit git du projet (« modifié » si le dossier a des changements non\n"
     "validés).\n"
     "Repartir de zéro : supprimer la base (ctg.db) et reconstruire. La base neuve ne tient que\n"
     "l'état actuel des fichiers : les révisions et retraits passés, les versions du plan\n"
     "remplacées et les livraisons sont perdus, et les rapports livrés ne se refont plus avec\n"
     "--known-at. Le premier ctg build d'un clone neuf part de même, et donne les mêmes chiffres.\n"
     "\n"
     "ctg.yaml : nom: …  plan: plan.lua  avenants: [avenant-1.lua]  donnees: [donnees]\n"
     "           sources: [sources/cnaf.lua]  base: ctg.db  sortie: sortie\n"
     "           rapports: [{script: rapports/x.lua, periodes: [2025], formats: [html, md]}]\n"
     "           (formats : html, md, csv, xlsx, pdf ; les clés anglaises sont acceptées aussi :\n"
     "           amendments, data…). Un avenant nomme le fichier qu'il modifie (amends =\n"
     "           \"plan.lua\" ou un avenant listé avant lui) et prend effet après lui.\n"
     "           Un dossier de données donne ses .csv, .yaml, .xlsx et .ods par nom ; chacun est\n"
     "           lu par la correspondance de sources: dont le motif fichiers reconnaît son nom\n"
     "           (ctg help sources), sinon tel quel ; deux correspondances pour un fichier : une\n"
     "           erreur. Changer une correspondance fait relire les fichiers qu'elle lit.\n"
     "\n"
     "  --check          tout vérifier dans une base temporaire sans rien écrire (intégration\n"
     "                   continue d'un dépôt de CTG)\n"
     "  --adopt          garder dans le projet les versions de plan que la base tient sans que\n"
     "                   le projet les ait (un avenant importé à la main) ; sans --adopt, la\n"
     "                   construction s'arrête et les nomme\n"
     "  --known-at MOMENT  refaire les rapports tels que les données étaient connues à ce moment\n"
     "                   (2024-03-15, ou 2024-03-15T10:30 en UTC pour deux imports du même jour),\n"
     "                   dans SORTIE/connues-au-MOMENT/ ; rien n'est importé ni enregistré\n"
     "\n"
     "Codes de sortie : 0 construit, 2 usage (pas de projet), 3 erreur dans ctg.yaml, le plan,\n"
     "un avenant ou une donnée, ou une version de plan étrangère au projet dans la base (rien\n"
     "n'est importé, les rapports précédents restent), 4 avec --check, une règle critique\n"
     "s'est déclenchée.\n"},
    {"livraisons", cmd_livraisons, "les rapports livrés par ctg build, chacun refait et comparé",
     "usage : ctg livraisons [DOSSIER] [--format text|json]\n"
     "\n"
     "Liste les rapports que ctg build a écrits (la table delivery de la base du projet : chemin,\n"
     "date, commit, date de situation, version du plan) et refait chacun tel qu'il a été livré :\n"
     "les données connues alors (jusqu'au dernier import qu'il a lu), la version du plan qu'il a\n"
     "suivie, son script tel qu'il était (repris de git au commit de la livraison s'il a changé\n"
     "depuis). L'empreinte du rendu, provenance à part (données connues au, commit), est comparée à\n"
     "celle enregistrée ; le fichier sur le disque à ses octets livrés.\n"
     "\n"
     "Codes de sortie : 0 chaque livraison se refait à l'identique, 2 usage (pas de projet, pas\n"
     "de base), 3 une livraison au moins ne se refait pas à l'identique.\n"},
    {"verifier", cmd_verifier, "vérifier que rien n'a été modifié dans la base hors de ctg", VERIFIER_HELP},
    /* the English name: found, not listed */
    {"verify", cmd_verifier, NULL, VERIFIER_HELP},
    {"dump", cmd_dump, "toute la base dans un fichier portable (sauvegarde, changement de moteur)",
     "usage : ctg dump FICHIER [--db BASE]\n"
     "\n"
     "Écrit toute la base dans FICHIER (- : la sortie standard) : chaque version de plan, chaque\n"
     "révision avec sa provenance, les imports, les livraisons, chaque table, ligne pour ligne avec\n"
     "ses identifiants. La base est lue d'un seul instantané, jamais modifiée ; le fichier est écrit\n"
     "entier ou pas du tout. La même base donne les mêmes octets. `ctg restore` le recharge.\n"
     "\n"
     "Le format (version 1), du texte UTF-8, une ligne par enregistrement :\n"
     "  ctg-dump 1 schema 7 ctg 0.8.0                  format, sa version, le schéma, le ctg qui l'a écrit\n"
     "  table plan_version [\"id\",\"plan_id\",…]        une table et ses colonnes, dans leur ordre\n"
     "  [1,\"ctg-clermont-2021-2025\",…]                une ligne : un tableau JSON, une valeur par colonne\n"
     "  end {\"plan_version\":2,…} sha256 EMPREINTE     les lignes de chaque table, puis le SHA-256 de\n"
     "                                                 tout ce qui précède (celui de sha256sum)\n"
     "Les tables viennent dans un ordre où chacune ne renvoie qu'aux précédentes (versions de plan,\n"
     "imports, dictionnaires, révisions, livraisons), les lignes dans l'ordre de leur identifiant.\n"
     "Comme sauvegarde planifiée : `ctg help store`.\n"
     "\n"
     "Codes de sortie : 0 écrit, 2 usage, 3 base absente, altérée ou qui n'est pas de ctg, 5 le\n"
     "fichier n'a pas pu être écrit (rien n'est remplacé), 6 base verrouillée.\n"},
    {"restore", cmd_restore, "recharger un dump (ctg dump) dans une base vide",
     "usage : ctg restore FICHIER [--db BASE]\n"
     "\n"
     "Charge le dump FICHIER (écrit par `ctg dump`) dans la base (--db, sinon $CTG_DB, sinon\n"
     "./ctg.db), qui doit être vide ou absente (elle est alors créée). Le fichier est d'abord vérifié\n"
     "en entier : sa première ligne (un dump de ctg, d'un format et d'un schéma que ce ctg lit), sa\n"
     "structure, sa ligne de fin (les lignes de chaque table, le SHA-256 de tout ce qui précède).\n"
     "Puis tout est chargé en une transaction, identifiants compris : exports, historiques,\n"
     "évaluations et rapports sont ceux de la base d'origine, `--known-at` compris.\n"
     "Un dump tronqué ou altéré, d'un autre schéma, qui n'est pas un dump, ou une base qui contient\n"
     "déjà des données : refusé avec la raison, rien n'est chargé (une base créée par la\n"
     "restauration est retirée). Un dump d'un schéma plus ancien se restaure avec le ctg qui l'a\n"
     "écrit ; la base s'ouvre ensuite avec celui-ci, qui la met à jour.\n"
     "\n"
     "Codes de sortie : 0 restauré, 2 usage, 3 dump refusé (absent, tronqué, altéré, d'un autre\n"
     "schéma, pas un dump) ou base non vide, 6 base verrouillée.\n"},
    {NULL, NULL, NULL, NULL},
};

static const struct command *find_command(const char *name)
{
    for (const struct command *c = commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

static int is_command(const char *word)
{
    return find_command(word) != NULL;
}

static void print_main_help(FILE *out)
{
    fprintf(out,
            "ctg %s — l'atelier de la Convention Territoriale Globale (Lua 5.4 embarqué)\n"
            "\n"
            "usage : ctg [OPTIONS] [SCRIPT [ARGS...]]\n"
            "        ctg [OPTIONS] SOUS-COMMANDE [ARGS...]\n"
            "        ctg [OPTIONS] -e CODE\n"
            "        ctg -                 exécuter un script lu sur l'entrée standard\n"
            "        ctg                   la console (sur un terminal, ou lignes envoyées par un tube)\n"
            "\n"
            "Sous-commandes :\n",
            CTG_VERSION);
    for (const struct command *c = commands; c->name; c++)
        if (c->summary)
            fprintf(out, "  %-10s %s\n", c->name, c->summary);
    fprintf(out,
            "\n"
            "Sujets d'aide : ctg help vocabulary | store | observations | sources | eval | time | shapes\n"
            "                | report\n"
            "\n"
            "Options :\n"
            "  -e CODE        exécuter un morceau de Lua (répétable ; avant SCRIPT si les deux)\n"
            "  --db FICHIER   la base de données (sinon $CTG_DB, sinon ./ctg.db)\n"
            "  --traceback    afficher la pile d'appels Lua avec une erreur\n"
            "  --timeout S    durée maximale d'un fichier de plan, d'une règle ou d'un script de\n"
            "                 rapport (30 s par défaut) ; --max-memory Mo sa mémoire (512, ou 2G)\n"
            "  -h, --help     cette aide ; `ctg help SOUS-COMMANDE` pour une sous-commande\n"
            "  -v, --version  versions de ctg, Lua, SQLite et libyaml\n"
            "\n"
            "Codes de sortie :\n"
            "  0  succès\n"
            "  1  erreur dans un script ou une expression\n"
            "  2  erreur d'usage (option ou sous-commande inconnue, argument manquant)\n"
            "  3  données invalides (un plan ou un fichier de données comporte des erreurs)\n"
            "  4  une règle de gravité « critique » s'est déclenchée\n"
            "  5  une sortie n'a pas pu être écrite (disque plein, droits) : rien n'est remplacé\n"
            "  6  la base est restée verrouillée par un autre programme (délai dépassé)\n"
            "\n"
            "Environnement :\n"
            "  CTG_DB       la base de données quand --db n'est pas donné\n"
            "  CTG_LANG     en : les messages en anglais (défaut : français)\n"
            "  CTG_PATH     lire la bibliothèque stdlib de ce dossier plutôt que celle embarquée\n"
            "  CTG_HISTORY  l'historique de la console (défaut ~/.ctg_history)\n"
            "  CTG_XLSX_LIBRARY  la bibliothèque libxlsxwriter à ouvrir pour écrire un classeur\n"
            "               (défaut " CTG_XLSX_SONAME ")\n"
            "  CTG_EVAL_CELLS  les cellules que garde l'évaluation avant de relire les observations\n"
            "               par fenêtres d'indicateurs (défaut 250 000 : sa mémoire bornée)\n"
            "  CTG_BUSY_TIMEOUT_MS  l'attente d'un import derrière un autre, en ms (défaut 5 s)\n");
}

static void print_version(void)
{
    printf("ctg %s\n%s\nSQLite %s\nlibyaml %s\n", CTG_VERSION, LUA_RELEASE, ctg_sqlite_library_version(),
           yaml_get_version_string());
}

/* A word that is neither a file nor a subcommand, and does not look like a path, is most
 * likely a mistyped subcommand: say so rather than "cannot open chek". */
static int looks_like_subcommand(const char *word)
{
    return strchr(word, '/') == NULL && strchr(word, '.') == NULL && access(word, F_OK) != 0;
}

/* Edit distance (insertions, deletions, substitutions) for the subcommand hint. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 31 || lb > 31)
        return 99;
    size_t row[32];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

static int unknown_subcommand(const char *word)
{
    const char *best = NULL;
    size_t best_distance = 3;
    for (const struct command *c = commands; c->name; c++) {
        size_t d = edit_distance(word, c->name);
        if (d < best_distance) {
            best = c->name;
            best_distance = d;
        }
    }
    if (best)
        fprintf(stderr,
                CTG_TEXT("ctg: sous-commande inconnue '%s' (vouliez-vous dire '%s' ?)\n",
                         "ctg: unknown subcommand '%s' (did you mean '%s'?)\n"),
                word, best);
    else
        fprintf(stderr,
                CTG_TEXT("ctg: sous-commande ou script inconnu '%s' (voir 'ctg --help')\n",
                         "ctg: unknown subcommand or script '%s' (try 'ctg --help')\n"),
                word);
    return CTG_EXIT_USAGE;
}

/* `ctg NAME --help` anywhere in the subcommand's arguments prints its usage. */
static int wants_help(int argc, char **argv, int first)
{
    for (int i = first; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return 0;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    }
    return 0;
}

static int cmd_repl(lua_State *L, int argc, char **argv, int first)
{
    if (first < argc) {
        fprintf(stderr,
                CTG_TEXT("ctg: repl ne prend pas d'argument (reçu '%s') ; voir 'ctg help repl'\n",
                         "ctg: repl takes no arguments (got '%s'); try 'ctg help repl'\n"),
                argv[first]);
        return CTG_EXIT_USAGE;
    }
    return ctg_repl_run(L);
}

static int cmd_help(lua_State *L, int argc, char **argv, int first)
{
    if (first >= argc) {
        print_main_help(stdout);
        return CTG_EXIT_OK;
    }
    const struct command *c = find_command(argv[first]);
    /* report scripts have a guide of their own, longer than a usage: the Lua help topic;
     * eval is a command and a topic (the evaluation from Lua): its usage, then the topic */
    if (c && strcmp(c->name, "eval") == 0) {
        fputs(c->usage, stdout);
        fputs("\n", stdout);
    } else if (c && strcmp(c->name, "report") != 0) {
        fputs(c->usage, stdout);
        return CTG_EXIT_OK;
    }
    return ctg_runtime_run_command(L, "ctg.cli.help", argc, argv, first);
}

static int cmd_check(lua_State *L, int argc, char **argv, int first)
{
    return ctg_runtime_run_command(L, "ctg.cli.check", argc, argv, first);
}

static int cmd_export(lua_State *L, int argc, char **argv, int first)
{
    return ctg_runtime_run_command(L, "ctg.cli.export", argc, argv, first);
}

static int cmd_diff(lua_State *L, int argc, char **argv, int first)
{
    return ctg_runtime_run_command(L, "ctg.cli.diff", argc, argv, first);
}

static int cmd_import(lua_State *L, int argc, char **argv, int first)
{
    return ctg_runtime_run_command(L, "ctg.cli.import", argc, argv, first);
}

static int cmd_plans(lua_State *L, int argc, char **argv, int first)
{
    return ctg_runtime_run_command(L, "ctg.cli.plans", argc, argv, first);
}

static int cmd_history(lua_State *L, int argc, char **argv, int first)
{
    return ctg_runtime_run_command(L, "ctg.cli.history", argc, argv, first);
}

static int cmd_eval(lua_State *L, int argc, char **argv, int first)
{
    return ctg_runtime_run_command(L, "ctg.cli.eval", argc, argv, first);
}

static int cmd_rules(lua_State *L, int argc, char **argv, int first)
{
    return ctg_runtime_run_command(L, "ctg.cli.rules", argc, argv, first);
}

static int cmd_report(lua_State *L, int argc, char **argv, int first)
{
    return ctg_runtime_run_command(L, "ctg.cli.report", argc, argv, first);
}

static int cmd_init(lua_State *L, int argc, char **argv, int first)
{
    return ctg_runtime_run_command(L, "ctg.cli.init_project", argc, argv, first);
}

static int cmd_build(lua_State *L, int argc, char **argv, int first)
{
    return ctg_runtime_run_command(L, "ctg.cli.build", argc, argv, first);
}

static int cmd_livraisons(lua_State *L, int argc, char **argv, int first)
{
    return ctg_runtime_run_command(L, "ctg.cli.livraisons", argc, argv, first);
}

static int cmd_verifier(lua_State *L, int argc, char **argv, int first)
{
    return ctg_runtime_run_command(L, "ctg.cli.verifier", argc, argv, first);
}

static int cmd_dump(lua_State *L, int argc, char **argv, int first)
{
    return ctg_runtime_run_command(L, "ctg.cli.dump", argc, argv, first);
}

static int cmd_restore(lua_State *L, int argc, char **argv, int first)
{
    return ctg_runtime_run_command(L, "ctg.cli.restore", argc, argv, first);
}

/* The global `arg` as lua.c builds it: arg[0] the script, arg[1..] its arguments,
 * negative indices the interpreter and its options. */
static void set_script_args(lua_State *L, int argc, char **argv, int script)
{
    lua_createtable(L, argc - script, script + 1);
    for (int i = 0; i < argc; i++) {
        lua_pushstring(L, argv[i]);
        lua_rawseti(L, -2, i - script);
    }
    lua_setglobal(L, "arg");
}

static int run_chunk(lua_State *L, int status, int nargs)
{
    /* the chunk (or its load error) lies below its nargs arguments */
    if (status == LUA_OK) {
        status = ctg_runtime_pcall(L, nargs, 0);
    } else if (nargs) {
        lua_pop(L, nargs);
    }
    return ctg_runtime_report(L, status);
}

static int run_exprs(lua_State *L, const struct ctg_invocation *inv)
{
    for (int i = 0; i < inv->nexprs; i++) {
        const char *code = inv->exprs[i];
        int status = luaL_loadbufferx(L, code, strlen(code), "=(command line)", "t");
        int rc = run_chunk(L, status, 0);
        if (rc != CTG_EXIT_OK)
            return rc;
    }
    return CTG_EXIT_OK;
}

/* Push the script's arguments (arg[1..n]) so the chunk also sees them as `...`. */
static int push_script_args(lua_State *L, int argc, char **argv, int script)
{
    luaL_checkstack(L, argc - script, "trop d'arguments pour le script");
    for (int i = script + 1; i < argc; i++)
        lua_pushstring(L, argv[i]);
    return argc - script - 1;
}

static int run_script(lua_State *L, int argc, char **argv, int script, int from_stdin)
{
    set_script_args(L, argc, argv, script);
    const char *path = from_stdin ? NULL : argv[script];
    int status = luaL_loadfilex(L, path, "t");
    int nargs = push_script_args(L, argc, argv, script);
    return run_chunk(L, status, nargs);
}

/* The errno of the first failed write to standard output (0: none). stdio keeps only an
 * error flag, and Lua's print and io.write results are not checked by every caller: this
 * is how the exit status still says "disk full" rather than nothing. */
static int stdout_errno;

static ssize_t stdout_write(void *cookie, const char *buf, size_t size)
{
    (void)cookie;
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(STDOUT_FILENO, buf + done, size - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (!stdout_errno)
                stdout_errno = errno;
            return done ? (ssize_t)done : -1;
        }
        done += (size_t)n;
    }
    return (ssize_t)size;
}

/* Replace stdout (before any Lua state exists: io.stdout is bound at luaopen_io) by a
 * stream over fd 1 that records write errors; buffering as glibc chooses for fd 1. */
static void install_checked_stdout(void)
{
    cookie_io_functions_t io = {.write = stdout_write};
    FILE *f = fopencookie(NULL, "w", io);
    if (!f)
        return;
    setvbuf(f, NULL, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF, BUFSIZ);
    stdout = f;
}

/* Output that could not be written is an error, never a silent success: `ctg eval >
 * /dev/full` exits non-zero and says why. */
static int check_stdout(int rc)
{
    errno = 0;
    int failed = fflush(stdout) != 0 || ferror(stdout);
    int err = stdout_errno ? stdout_errno : errno;
    if (fclose(stdout) != 0 && !failed) {
        failed = 1;
        err = stdout_errno ? stdout_errno : errno;
    }
    if (!failed)
        return rc;
    fprintf(stderr, "ctg: impossible d'écrire la sortie standard : %s\n",
            err ? ctg_errno_text(err) : "erreur d'écriture");
    return rc != CTG_EXIT_OK ? rc : CTG_EXIT_OUTPUT;
}

int main(int argc, char **argv)
{
    ctg_big_heap_policy();
    struct ctg_invocation inv;
    if (ctg_args_parse(argc, argv, is_command, &inv) != CTG_EXIT_OK) {
        fprintf(stderr, CTG_TEXT("ctg: %s (voir 'ctg --help')\n", "ctg: %s (try 'ctg --help')\n"), inv.error);
        return CTG_EXIT_USAGE;
    }
    if (inv.mode == CTG_MODE_HELP) {
        print_main_help(stdout);
        return CTG_EXIT_OK;
    }
    if (inv.mode == CTG_MODE_VERSION) {
        print_version();
        return CTG_EXIT_OK;
    }
    if (inv.mode == CTG_MODE_SCRIPT && looks_like_subcommand(argv[inv.first]))
        return unknown_subcommand(argv[inv.first]);
    if (inv.mode == CTG_MODE_COMMAND && wants_help(argc, argv, inv.first + 1)) {
        fputs(find_command(argv[inv.first])->usage, stdout);
        return CTG_EXIT_OK;
    }
    /* the REPL keeps the real stdout: libedit drives the terminal through its descriptor */
    if (inv.mode != CTG_MODE_REPL &&
        !(inv.mode == CTG_MODE_COMMAND && strcmp(argv[inv.first], "repl") == 0))
        install_checked_stdout();
    ctg_sqlite_setup();
    lua_State *L = ctg_runtime_new(&inv.opts);
    if (!L) {
        fprintf(stderr, CTG_TEXT("ctg: impossible de créer l'état Lua (mémoire épuisée)\n",
                                 "ctg: cannot create the Lua state (out of memory)\n"));
        return CTG_EXIT_SCRIPT;
    }
    int rc = run_exprs(L, &inv);
    if (rc == CTG_EXIT_OK) {
        switch (inv.mode) {
        case CTG_MODE_COMMAND:
            rc = find_command(argv[inv.first])->run(L, argc, argv, inv.first + 1);
            break;
        case CTG_MODE_SCRIPT:
            rc = run_script(L, argc, argv, inv.first, 0);
            break;
        case CTG_MODE_STDIN:
            rc = run_script(L, argc, argv, inv.first, 1);
            break;
        case CTG_MODE_REPL:
            rc = ctg_repl_run(L);
            break;
        default:
            break;
        }
    }
    ctg_runtime_close(L);
    return check_stdout(rc);
}
