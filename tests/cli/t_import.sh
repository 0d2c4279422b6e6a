# ctg import / plans / history / export observations, and every way an import can fail.
PLAN="$ROOT/examples/clermont-ferrand/plan.lua"
DATA="$ROOT/examples/clermont-ferrand/data"
export CTG_DB="$TMP/ctg.db"

# obs FILE ROW…: an observation file for the example plan with the given rows
obs() {
  f=$1; shift
  { echo "plan: ctg-clermont-2021-2025"; echo 'source: "test"'; echo "observations:"
    for r in "$@"; do echo "  - $r"; done; } > "$f"
}
# snapshot: everything the database holds, as text
snapshot() { { "$CTG" plans 2>&1; "$CTG" export observations 2>&1; } | grep -v '^$'; }

t "the plan imports as version 1; unchanged content makes no new version"
run "$CTG" import "$PLAN"
expect_rc 0; expect_out "plan ctg-clermont-2021-2025 enregistré comme version 1"
[ -f "$TMP/ctg.db" ] || _fail "CTG_DB was not used"
run "$CTG" import "$PLAN"
expect_rc 0; expect_out "plan ctg-clermont-2021-2025 inchangé (version 1)"

t "a changed plan is a new version with its label and date"
sed 's/meetings_per_year = 1,/meetings_per_year = 2,/' "$PLAN" > avenant.lua
run "$CTG" import avenant.lua --label "Avenant n°1" --date 2022-06-30
expect_rc 0; expect_out "enregistré comme version 2"
run "$CTG" plans
expect_rc 0; expect_out "ctg-clermont-2021-2025 v1"; expect_out "ctg-clermont-2021-2025 v2"; expect_out "« Avenant n°1 »"
expect_out "(en vigueur le 30 juin 2022,"
expect_out "à la fin du plan (31 décembre 2025) : version 2"

t "re-importing the original convention after its avenant changes nothing: the avenant stays in force"
run "$CTG" import "$PLAN"
expect_rc 0; expect_out "inchangé (version 1)"
run "$CTG" plans
expect_out "à la fin du plan (31 décembre 2025) : version 2"
run "$CTG" plans --format json
expect_out '"plan_end_version": 2'; expect_out '"effective": "2021-03-05"'; expect_no_out '"signed": "2021-03-19"'
expect_out '"council_date": "2021-03-05"'

t "the same file with another explicit effective date is a new version"
run "$CTG" import "$PLAN" --effective 2025-01-01
expect_rc 0; expect_out "enregistré comme version 3 (en vigueur le 1er janvier 2025)"
run "$CTG" plans
expect_out "à la fin du plan (31 décembre 2025) : version 3"

t "the example data import: YAML files and the French CSV"
run "$CTG" import "$DATA"/2020.yaml "$DATA"/2021.yaml "$DATA"/2022.yaml "$DATA"/2023.yaml "$DATA"/2023-petite-enfance.csv
expect_rc 0; expect_out "2022.yaml : 136 lignes importées"; expect_out "2023-petite-enfance.csv : 14 lignes importées"

t "a correction is a second revision, shown by ctg history with its provenance"
run "$CTG" import "$DATA"/corrections-2022.yaml
expect_rc 0
run "$CTG" history --indicator agents_formes --period 2022
expect_rc 0
expect_out "révision 1 : 12 — Données illustratives"; expect_out "2022.yaml:"
expect_out "révision 2 : 14 — Correction du tableau de bord 2022 (fictif)"; expect_out "corrections-2022.yaml:"
expect_out "importé le "; expect_out " par "; expect_no_out "imported"
run "$CTG" history --indicator agents_formes --period 2030
expect_rc 0; expect_out "aucune observation de l'indicateur agents_formes pour 2030"
CTG_LANG=en run "$CTG" history --indicator agents_formes --period 2022
expect_out "revision 2: 14 — Correction du tableau de bord 2022 (fictif)"; expect_out ", imported "
run "$CTG" export observations --indicator agents_formes --period 2022 --format csv
expect_out "agents_formes;2022;clermont-ferrand;accueil;14;"; expect_no_out ";accueil;12;"

t "export -> import into a fresh database -> export is identical (YAML, CSV, JSON)"
for fmt in yaml csv json; do
  "$CTG" export observations --format $fmt -o "first.$fmt"
  rm -f fresh.db*
  "$CTG" --db fresh.db import "$PLAN" >/dev/null
  "$CTG" --db fresh.db import "first.$fmt" >/dev/null || _fail "re-import of $fmt failed"
  "$CTG" --db fresh.db export observations --format $fmt -o "second.$fmt"
  cmp -s "first.$fmt" "second.$fmt" || _fail "$fmt export differs after a round trip"
done

t "ctg help import is French"
run "$CTG" help import
expect_rc 0; expect_out "usage : ctg import FICHIER"; expect_out "Toute la commande est une seule transaction"
expect_out "CSV :  indicateur;periode;territoire;valeur"; expect_out "Codes de sortie : 0 importé"; expect_no_out "Exit codes"

t "a French CSV export names its columns in French, an international one in English; both read back"
run "$CTG" export observations --indicator agents_formes --format csv
expect_rc 0
[ "$(printf '%s' "$out" | head -1 | tr -d '\r')" = "$(printf '\357\273\277')indicateur;periode;territoire;categorie;valeur;numerateur;denominateur;texte;manquant;note;source;plan" ] ||
  _fail "French header: $(printf '%s' "$out" | head -1)"
run "$CTG" export observations --indicator agents_formes --format csv --csv-dialect intl
expect_rc 0
[ "$(printf '%s' "$out" | head -1)" = "indicator,period,territory,categorie,value,numerator,denominator,text,missing,note,source,plan" ] ||
  _fail "international header: $(printf '%s' "$out" | head -1)"
for d in french intl; do
  "$CTG" export observations --format csv --csv-dialect $d -o "first-$d.csv"
  rm -f fresh.db*
  "$CTG" --db fresh.db import "$PLAN" >/dev/null
  "$CTG" --db fresh.db import "first-$d.csv" >/dev/null || _fail "re-import of the $d CSV failed"
  "$CTG" --db fresh.db export observations --format csv --csv-dialect $d -o "second-$d.csv"
  cmp -s "first-$d.csv" "second-$d.csv" || _fail "$d CSV export differs after a round trip"
done

t "--db after the subcommand, and an international CSV"
printf 'indicator,period,territory,numerator,denominator\nplaces_100,2024,clermont-ferrand,801,5350\n' > intl.csv
rm -f other.db*
run "$CTG" import "$PLAN" --db other.db
expect_rc 0
run "$CTG" import intl.csv --db other.db --source "Tableau 2024"
expect_rc 0; expect_out "intl.csv : 1 ligne importée"
run "$CTG" export observations --db other.db --format json
expect_out '"numerator": 801,'; expect_out '"source": "Tableau 2024"'

t "--dry-run checks and stores nothing"
before=$(snapshot)
obs dry.yaml "{indicator: places_100, period: 2025, territory: nord, numerator: 1, denominator: 10}"
run "$CTG" import dry.yaml --dry-run
expect_rc 0; expect_out "dry.yaml : 1 ligne vérifiée"; expect_out "essai (--dry-run) : rien n'a été enregistré"
[ "$(snapshot)" = "$before" ] || _fail "a dry run changed the database"

t "every row error is listed with file:line, nothing is stored"
before=$(snapshot)
obs bad.yaml \
  "{indicator: places_10, period: 2022, territory: nord, numerator: 1, denominator: 5}" \
  "{indicator: places_100, period: 2022, territory: nord, value: 13.5, numerator: 1, denominator: 5}" \
  "{indicator: tps_accueillies, period: 2022, territory: sud, numerator: 1, denominator: 5}" \
  "{indicator: places_100, period: 2022, territory: Nrod, numerator: 1, denominator: 5}" \
  "{indicator: projets_lieux_ressources, period: 2022, territory: nord, step: 4-Z, value: 3}" \
  "{indicator: tps_accueillies, period: 2009, territory: sud, value: 3}" \
  "{indicator: tps_accueillies, period: 2024, territory: sud, value: douze}" \
  "{indicator: tps_accueillies, period: 2024, territory: nord, value: -2}" \
  "{indicator: tps_accueillies, period: 2024, territory: montferrand, value: 2}" \
  "{indicator: tps_accueillies, period: 2024, territory: montferrand, value: 3}" \
  "{indicator: agents_formes, period: 2024, territory: nord, categori: accueil, value: 3}"
run "$CTG" import bad.yaml
expect_rc 3
expect_err "erreur : bad.yaml:4: indicateur inconnu 'places_10' (vouliez-vous dire 'places_100' ?)"
expect_err "bad.yaml:5: l'indicateur places_100 est un taux : donnez numerator et denominator, ou value seule (un taux publié)"
expect_err "bad.yaml:6: l'indicateur tps_accueillies est de nature comptage : donnez value, pas numerator et denominator"
expect_err "bad.yaml:7: territoire inconnu 'Nrod' (vouliez-vous dire 'nord' ?)"
expect_err "bad.yaml:8: étape inconnue '4-Z' (vouliez-vous dire '4-A' ?)"
expect_err "bad.yaml:9: la période 2009 est à plus de 10 ans du plan (2021-2025) : probablement une faute de frappe ; une observation peut aller de 2011 à 2035 (diagnostic et référence avant le plan, renouvellement après)"
expect_err "bad.yaml:10: value doit être un nombre, reçu le texte \"douze\""
expect_err "bad.yaml:11: value ne doit pas être négatif, reçu -2"
expect_err "bad.yaml:13: la même observation que la ligne 12 (tps_accueillies, 2024, montferrand)"
expect_err "bad.yaml:14: l'indicateur agents_formes n'a pas de dimension 'categori' (vouliez-vous dire 'categorie' ?) (ses dimensions : categorie)"
expect_err "10 erreurs : rien n'a été importé (la base est inchangée)"
[ "$(snapshot)" = "$before" ] || _fail "a failed import changed the database"
CTG_LANG=en run "$CTG" import bad.yaml
expect_rc 3
expect_err "error: bad.yaml:4: unknown indicator 'places_10' (did you mean 'places_100'?)"
expect_err "bad.yaml:6: indicator tps_accueillies is a count: give value, not numerator and denominator"
expect_err "bad.yaml:13: the same observation as line 12 (tps_accueillies, 2024, montferrand): give it once"
expect_err "10 errors: nothing was imported (the database is unchanged)"
expect_no_err "erreur"
[ "$(snapshot)" = "$before" ] || _fail "a failed import changed the database"

t "a numerator above its denominator is a warning, not an error"
obs share.yaml "{indicator: taux_frequentation_passerelle, period: 2024, territory: clermont-ferrand, numerator: 12, denominator: 10}"
run "$CTG" import share.yaml --dry-run
expect_rc 0; expect_err "attention : share.yaml:4: le numérateur 12 dépasse le dénominateur 10 pour l'indicateur taux_frequentation_passerelle : est-ce bien une part ?"

t "CSV errors are located at line and column; French decimals are read"
printf '\357\273\277indicateur;periode;territoire;valeur\r\ntps_accueillies;2024;Nrod;3\r\nqualite_accueil;2024;clermont-ferrand;3,5\r\ntps_accueillies;2024;sud;abc\r\n' > fr.csv
run "$CTG" import fr.csv
expect_rc 3
expect_err "fr.csv:2:3: territoire inconnu 'Nrod' (vouliez-vous dire 'nord' ?)"
expect_err "fr.csv:4:4: value doit être un nombre (virgule décimale : 13,5), reçu 'abc'"
expect_no_err "fr.csv:3"

t "a CSV with a missing column or an extra one"
printf 'indicator;period;territory;value\ntps_accueillies;2024;sud\ntps_accueillies;2024;nord;3;9\n' > cols.csv
run "$CTG" import cols.csv
expect_rc 3
expect_err "cols.csv:2: la ligne a 3 champs, l'en-tête en a 4"
expect_err "cols.csv:3: la ligne a 5 champs, l'en-tête en a 4"
printf 'period;territory;value\n2024;sud;3\n' > nohead.csv
run "$CTG" import nohead.csv
expect_rc 3; expect_err "nohead.csv:1: l'en-tête n'a pas de colonne 'indicator'"

t "a Windows-1252 CSV is converted (t_encodings.sh has the rest); declared UTF-8, it is refused with a hint"
printf 'indicator;period;territory;value;note\ntps_accueillies;2024;sud;3;r\351sum\351\n' > cp1252.csv
run "$CTG" import cp1252.csv --dry-run
expect_rc 0; expect_out "cp1252.csv : 1 ligne vérifiée (converti depuis Windows-1252)"
run "$CTG" import cp1252.csv --encoding utf-8
expect_rc 3; expect_err "cp1252.csv:2:"; expect_err "Windows-1252"; expect_err "--encoding windows-1252"

t "a truncated YAML file"
obs trunc.yaml "{indicator: tps_accueillies, period: 2024, territory: sud, value: 3}"
printf '  - {indicator: tps_accueillies, period: 2024, territ' >> trunc.yaml
run "$CTG" import trunc.yaml
expect_rc 3; expect_err "trunc.yaml:6:1: ',' ou '}' attendu (dans une table {…})"; expect_err "rien n'a été importé"

t "a YAML alias bomb is refused at the first alias, quickly"
{ echo "plan: ctg-clermont-2021-2025"; echo 'source: "x"'
  echo 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
  echo 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]'
  echo 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]'
  echo 'observations: [*c,*c,*c,*c,*c,*c,*c,*c,*c]'; } > bomb.yaml
run "$CTG" import bomb.yaml
expect_rc 3; expect_err "bomb.yaml:4:"; expect_err "les alias ne sont pas acceptés (*a)"

t "a 0-byte file"
: > empty.yaml
run "$CTG" import empty.yaml
expect_rc 3; expect_err "empty.yaml: fichier vide (0 octet)"

t "a file for another plan, and a file without source"
printf 'plan: ctg-lyon\nsource: "x"\nobservations:\n  - {indicator: a, period: 2022, value: 1}\n' > lyon.yaml
run "$CTG" import lyon.yaml
expect_rc 3; expect_err "lyon.yaml:1: le fichier est pour le plan 'ctg-lyon', qui n'est pas dans la base : importez d'abord le plan"
printf 'plan: ctg-clermont-2021-2025\nobservations:\n  - {indicator: tps_accueillies, period: 2024, territory: sud, value: 3}\n' > nosource.yaml
run "$CTG" import nosource.yaml
expect_rc 3; expect_err "nosource.yaml:3: 'plan:' et 'source:' doivent précéder les lignes"

t "progress, meetings and funding rows are checked too"
printf 'plan: ctg-clermont-2021-2025\nsource: "x"\nprogress:\n  - {step: 3-C, period: 2024, status: startd}\nmeetings:\n  - {committee: coptil, date: 2024-02-30}\nfunding:\n  - {funder: caf, year: 2024, amount: -5}\n' > suivi.yaml
run "$CTG" import suivi.yaml
expect_rc 3
expect_err "suivi.yaml:4: status doit être l'un de planned, started, done, dropped, reçu le texte \"startd\" (vouliez-vous dire 'started' ?)"
expect_err "suivi.yaml:6: instance inconnue 'coptil' (vouliez-vous dire 'copil' ?)"
expect_err "suivi.yaml:6: date \"2024-02-30\" : le 30 février 2024 n'existe pas (février 2024 a 29 jours)"
expect_err "suivi.yaml:8: amount doit être un montant en euros ≥ 0, reçu le nombre -5"

t "one bad file among good ones: nothing at all is stored"
before=$(snapshot)
obs good.yaml "{indicator: tps_accueillies, period: 2025, territory: sud, value: 4}"
run "$CTG" import good.yaml empty.yaml
expect_rc 3
[ "$(snapshot)" = "$before" ] || _fail "the good file was stored"

t "a database file that is not SQLite"
printf 'this is not a database, just text that is long enough to be read as a header......\n' > notdb.db
run "$CTG" --db notdb.db plans
expect_rc 3; expect_err "notdb.db : impossible d'ouvrir la base : ce fichier n'est pas une base ctg"

t "a database from a newer ctg is refused"
cp "$TMP/ctg.db" newer.db
"$CTG" -e 'local s = require("ctg.store").open("newer.db") s:exec("PRAGMA user_version = 99") s:close()' 2>/dev/null
run "$CTG" --db newer.db plans
expect_rc 3; expect_err "newer.db : base écrite par un ctg plus récent (schéma version 99, ce ctg connaît jusqu'à la version"
expect_err "mettez ctg à jour pour l'utiliser"

t "a read-only database: a clear message, the data intact"
mkdir -p ro && cp "$TMP/ctg.db" ro/ro.db && chmod 555 ro && chmod 444 ro/ro.db && chmod 755 "$TMP"
case "$CTG" in
  *valgrind*) echo "     (read-only test not run under valgrind: it needs the binary itself)";;
  *)
    # root ignores file modes: run a copy of the binary as nobody (the checkout may not be
    # readable by nobody, the test directory is)
    cp "$CTG" "$TMP/ctg-copy" && chmod 755 "$TMP/ctg-copy"
    cp "$DATA"/2020.yaml "$TMP/ro-data.yaml" && chmod 644 "$TMP/ro-data.yaml"
    if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
      out=$(cd "$TMP" && setpriv --reuid=65534 --regid=65534 --clear-groups env CTG_DB="$TMP/ro/ro.db" "$TMP/ctg-copy" import "$TMP/ro-data.yaml" 2>&1); rc=$?
    else
      out=$(CTG_DB="$TMP/ro/ro.db" "$TMP/ctg-copy" import "$TMP/ro-data.yaml" 2>&1); rc=$?
    fi
    expect_rc 3; expect_out "le fichier ou son dossier est en lecture seule : vérifiez leurs droits";;
esac
chmod 755 ro

t "a database locked by another writer: waits, then a clear message"
export TMP_FLAG="$TMP/locked"
( "$CTG" -e '
    local s = require("ctg.store").open(os.getenv("CTG_DB"))
    s:exec("BEGIN IMMEDIATE")
    io.open(os.getenv("TMP_FLAG"), "w"):close()
    -- hold the lock until the test has seen the import fail (at most 60 s), however slow
    -- the machine (valgrind)
    local t = os.time()
    while os.time() - t < 60 and not io.open(os.getenv("TMP_FLAG") .. ".done") do end
    s:exec("ROLLBACK")' ) &
holder=$!
i=0; while [ ! -e "$TMP/locked" ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
obs locked.yaml "{indicator: tps_accueillies, period: 2025, territory: nord, value: 4}"
out=$(CTG_BUSY_TIMEOUT_MS=300 "$CTG" import locked.yaml 2>&1); rc=$?
touch "$TMP/locked.done"
wait $holder
expect_rc 6; expect_out "un autre programme écrit dans la base ; réessayez quand il aura fini"; expect_no_out "stdlib/"

t "rows read natively: a nested value, NaN, a repeated key, an item that is not a mapping"
obs native.yaml "{indicator: tps_accueillies, period: 2024, territory: sud, value: 1}" \
  "{indicator: tps_accueillies, period: 2024, territory: nord, value: [1, 2]}" \
  "{indicator: tps_accueillies, period: 2023, territory: nord, value: .nan}" \
  "12" \
  "{indicator: tps_accueillies, period: 2022, territory: nord, value: 2, note: {a: b}}" \
  "{indicator: places_100, period: 2022, territory: nord, numerator: 1, value: 4}"
run "$CTG" import native.yaml
expect_rc 3
expect_err "native.yaml:5: value doit être un nombre, reçu une table"
expect_err "native.yaml:6: value doit être un nombre fini, reçu NaN (.nan)"
expect_err "native.yaml:7: chaque ligne doit être un ensemble de clés et de valeurs"
expect_err "native.yaml:8: note doit être un texte, reçu une table"
expect_err "native.yaml:9: l'indicateur places_100 est un taux : donnez numerator et denominator, value seule (un taux publié), ou une seule part"
expect_err "5 erreurs : rien n'a été importé"
obs twice.yaml "{indicator: tps_accueillies, period: 2024, territory: sud, value: 1}" \
  "{indicator: tps_accueillies, period: 2024, value: 1, period: 2023}"
run "$CTG" import twice.yaml
expect_rc 3; expect_err "twice.yaml:5:"; expect_err "clé \"period\" en double (déjà à la ligne 5)"

t "an error on the last row of a 10 000-row file leaves the database unchanged (YAML and CSV)"
before=$(snapshot)
# 9 999 right rows (distinct keys: one training category each), then a wrong one
"$CTG" -e '
  local y = assert(io.open("last.yaml", "w"))
  local c = assert(io.open("last.csv", "w"))
  y:write("plan: ctg-clermont-2021-2025\nsource: \"x\"\nobservations:\n")
  c:write("indicateur;periode;territoire;categorie;valeur;note\n")
  for i = 1, 9999 do
    y:write(string.format("  - {indicator: agents_formes, period: %d, territory: sud, categorie: c%d, value: %d}\n", 2021 + i % 5, i, i))
    c:write(string.format("agents_formes;%d;sud;c%d;%d;ligne %d\n", 2021 + i % 5, i, i, i))
  end
  y:write("  - {indicator: agents_formes, period: 2024, territory: Atlantide, categorie: c0, value: 1}\n")
  c:write("agents_formes;2024;Atlantide;c0;1;fin\n")
  y:close() c:close()'
run "$CTG" import last.yaml
expect_rc 3; expect_err "last.yaml:10003: territoire inconnu 'Atlantide'"; expect_err "1 erreur : rien n'a été importé"
[ "$(snapshot)" = "$before" ] || _fail "the YAML import with a bad last row changed the database"
run "$CTG" import last.csv
expect_rc 3; expect_err "last.csv:10001:3: territoire inconnu 'Atlantide'"; expect_err "1 erreur : rien n'a été importé"
[ "$(snapshot)" = "$before" ] || _fail "the CSV import with a bad last row changed the database"
head -n 10000 last.csv > good.csv
rm -f big.db*; "$CTG" --db big.db import "$PLAN" >/dev/null
run "$CTG" --db big.db import good.csv
expect_rc 0; expect_out "good.csv : 9${NB}999 lignes importées"
run "$CTG" --db big.db export observations --indicator agents_formes --territory sud --format csv
expect_out "agents_formes;2022;sud;c9996;9996;;;;;ligne 9996;"

t "progress: a line on a terminal, nothing when stderr is not one"
# long enough for a few progress lines (valgrind runs ctg some 50 times slower)
case "$CTG" in *valgrind*) huge=20000;; *) huge=300000;; esac
"$CTG" "$ROOT/tests/bench/gen_observations.lua" "$PLAN" $huge huge.yaml 2>/dev/null
rm -f prog.db*; "$CTG" --db prog.db import "$PLAN" >/dev/null
run "$CTG" --db prog.db import huge.yaml --dry-run
expect_rc 0; expect_no_err "lignes…"; expect_no_err "huge.yaml :"
if command -v script >/dev/null; then
  script -qfec "exec '$CTG' --db prog.db import huge.yaml --dry-run" progress.log </dev/null >/dev/null 2>&1
  grep -q "huge.yaml : [0-9${NB}]* lignes…" progress.log || _fail "no progress line on a terminal: $(head -c 300 progress.log)"
  grep -q "lignes vérifiées" progress.log || _fail "no summary after the progress lines"
else
  echo "     (no script(1): the terminal case is covered by import_spec's progress test)"
fi

t "kill -9 in the middle of a large import leaves no partial import"
before=$(snapshot)
# the import runs on a terminal (script) so that its progress line shows it is under way
: > killed.log
script -qfec "exec '$CTG' import huge.yaml" killed.log </dev/null >/dev/null 2>&1 &
holder=$!
i=0; while ! grep -q "lignes…" killed.log 2>/dev/null && [ $i -lt 1200 ]; do sleep 0.05; i=$((i + 1)); done
pid=$(ps -o pid= --ppid $holder | tr -d ' ')
grep -q "lignes…" killed.log && [ -n "$pid" ] || _fail "the import was not seen under way: the test proves nothing"
[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
wait $holder 2>/dev/null
[ "$(snapshot)" = "$before" ] || _fail "the killed import left rows behind"
run "$CTG" -e 'local s = require("ctg.store").open(os.getenv("CTG_DB")) print(s:query("PRAGMA integrity_check")[1].integrity_check) s:close()'
expect_out_eq "ok"

t "history needs --indicator"
run "$CTG" history
expect_rc 2; expect_err "history : --indicator ID est obligatoire"

t "export observations without a plan in the database"
"$CTG" -e 'ctg.open("none.db", { create = true }):close()'
run "$CTG" --db none.db export observations
expect_rc 3; expect_err "aucun plan dans none.db : importez-en un d'abord (ctg import plan.lua)"
