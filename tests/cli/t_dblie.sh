# A database that lies is refused (issue 25, point 6): its schema checked on every open, every
# row's references and numbers before a read through the joining views, the whole check on
# demand (ctg verifier). Each database is the Sud-Avesnois plan's (intercommunal: funders,
# committees, communes), altered with the sqlite3 command line as a hand would, and compared
# whole before and after each command.
SA="$ROOT/tests/fixtures/sud-avesnois"
BASE="$TMP/sa.db"
"$CTG" --db "$BASE" import "$SA/plan.lua" "$SA"/data/2023.yaml "$SA"/data/2024.yaml >/dev/null || echo "FAIL setup: import"
dump() { sqlite3 "$1" .dump | cksum; }
# alter NAME SQL: a copy of the base named NAME.db, altered by SQL; its dump kept in $altered
alter() { cp "$BASE" "$TMP/$1.db"; sqlite3 "$TMP/$1.db" "$2" || echo "FAIL setup: $1"; altered=$(dump "$TMP/$1.db"); }
unchanged() { [ "$(dump "$TMP/$1.db")" = "$altered" ] || _fail "$1.db changed"; }
REFUSED="ctg refuse une base modifiée hors de lui plutôt que d'en tirer des chiffres faux"
# the id of a row: ROW RECORD [SUBJECT]: the first latest row of that record (and subject)
row_of() {
  sqlite3 "$BASE" "SELECT min(r.id) FROM obs_revision r JOIN obs_record k ON k.id = r.record
    JOIN obs_subject s ON s.id = r.subject WHERE r.latest = 1 AND k.name = '$1' ${2:+AND s.name = '$2'}"
}

# ---- on open: the schema as ctg's migrations wrote it ------------------------------------------

t "a view obs_current redefined to hide a commune's rows is refused on open by every command, exit 3"
alter hide "DROP VIEW current_observation; DROP VIEW obs_current;
  CREATE VIEW obs_current AS SELECT * FROM obs_revision WHERE latest = 1 AND withdrawn = 0 AND territory <> 2;
  CREATE VIEW current_observation AS SELECT r.id, p.plan_id, k.name AS record, s.name AS subject, e.period,
    t.code AS territory, d.dims, r.revision, r.value, r.numerator, r.denominator, r.text, r.missing, r.status, r.note,
    r.source, r.import_id, r.line, r.withdrawn FROM obs_current r JOIN obs_plan p ON p.id = r.plan
    JOIN obs_record k ON k.id = r.record JOIN obs_subject s ON s.id = r.subject JOIN obs_period e ON e.id = r.period
    JOIN obs_territory t ON t.id = r.territory JOIN obs_dims d ON d.id = r.dims"
for cmd in "eval --period 2024" "rules --period 2024" "plans" "history --indicator projets_jeunes" "export observations"; do
  # shellcheck disable=SC2086
  run "$CTG" --db "$TMP/hide.db" $cmd
  expect_rc 3
  expect_err "hide.db : base altérée : la définition de la vue current_observation n'est pas celle que ctg a écrite (schéma 7)"
  expect_err "$REFUSED"; expect_err "ctg verifier --db $TMP/hide.db"
  expect_out_eq ""
done
run "$CTG" --db "$TMP/hide.db" import "$SA/data/2024.yaml"
expect_rc 3; expect_err "base altérée : la définition de la vue current_observation"
unchanged hide

t "a view returning other values (obs_current doubling every value): refused, named, the database as it was"
alter double "DROP VIEW current_observation; DROP VIEW obs_current;
  CREATE VIEW obs_current AS SELECT id, plan, record, latest, subject, period, territory, dims, value * 2 AS value,
    numerator, denominator, missing, text, revision, status, note, source, import_id, line, withdrawn
    FROM obs_revision WHERE latest = 1 AND withdrawn = 0"
run "$CTG" --db "$TMP/double.db" eval --period 2024
expect_rc 3; expect_err "base altérée : il manque la vue current_observation, que ctg crée au schéma 7"
sqlite3 "$TMP/double.db" "CREATE VIEW current_observation AS SELECT * FROM obs_current"
altered=$(dump "$TMP/double.db")
run "$CTG" --db "$TMP/double.db" eval --period 2024
expect_rc 3; expect_err "base altérée : la définition de la vue current_observation n'est pas celle que ctg a écrite"
unchanged double

t "objects ctg did not create are refused: a trigger that rewrites imported values, an index, a table"
alter trig "CREATE TRIGGER soften AFTER INSERT ON obs_revision BEGIN UPDATE obs_revision SET value = value / 2 WHERE id = new.id; END"
run "$CTG" --db "$TMP/trig.db" import "$SA/data/2024.yaml"
expect_rc 3; expect_err "base altérée : le déclencheur soften ne fait pas partie du schéma 7 de ctg : un objet ajouté hors de ctg"
unchanged trig
alter idx "CREATE INDEX by_value ON obs_revision(value)"
run "$CTG" --db "$TMP/idx.db" rules --period 2024
expect_rc 3; expect_err "base altérée : l'index by_value ne fait pas partie du schéma 7 de ctg"
alter gone "DROP TABLE delivery"
run "$CTG" --db "$TMP/gone.db" plans
expect_rc 3; expect_err "base altérée : il manque la table delivery, que ctg crée au schéma 7"
unchanged gone
# SQLite's own statistics (ANALYZE) change how a query runs, never what it returns
alter stats "ANALYZE"
run "$CTG" --db "$TMP/stats.db" eval --period 2024
expect_rc 0; expect_out "Sud-Avesnois"

t "a column added to a table by hand is a definition ctg did not write"
alter column "ALTER TABLE obs_revision ADD COLUMN weight REAL DEFAULT 1"
run "$CTG" --db "$TMP/column.db" eval --period 2024
expect_rc 3; expect_err "base altérée : la définition de la table obs_revision n'est pas celle que ctg a écrite (schéma 7)"

t "the fixed rows of obs_record: a record kind renamed, added or removed is refused on open"
alter renamed "UPDATE obs_record SET name = 'réunion' WHERE id = 3"
run "$CTG" --db "$TMP/renamed.db" eval --period 2024
expect_rc 3; expect_err "base altérée : la table obs_record, ligne id 3, colonne name ne contient pas ce que ctg y écrit (meeting)"
unchanged renamed
alter added "INSERT INTO obs_record VALUES (7, 'bonus')"
run "$CTG" --db "$TMP/added.db" rules --period 2024
expect_rc 3; expect_err "base altérée : la table obs_record a une ligne id 7 que ctg n'y écrit jamais"
alter removed "DELETE FROM obs_record WHERE id = 4"
run "$CTG" --db "$TMP/removed.db" rules --period 2024
expect_rc 3; expect_err "base altérée : il manque à la table obs_record la ligne id 4 (funding), que ctg y écrit"

t "a script opening an altered database with ctg.open ends with exit 3 (the data's fault, not the script's)"
printf 'local d = ctg.open("%s")\nprint("lu")\n' "$TMP/hide.db" > opener.lua
run "$CTG" opener.lua
expect_rc 3; expect_err "base altérée : la définition de la vue current_observation"; expect_no_out "lu"
run env CTG_LANG=en "$CTG" --db "$TMP/hide.db" plans
expect_rc 3; expect_err "altered database: the definition of the view current_observation is not the one ctg wrote (schema 7)"

t "databases of older schemas, as ctg wrote them, pass and are upgraded; an altered one is refused before its migration"
for s in 1 2; do
  rm -f "old$s.db"; sqlite3 "old$s.db" < "$ROOT/tests/fixtures/schema$s/example.sql"
  run "$CTG" --db "old$s.db" eval --period 2022 --indicator agents_formes
  expect_rc 0; expect_out "agents_formes"
  [ "$(sqlite3 "old$s.db" 'PRAGMA user_version')" = 7 ] || _fail "schema $s not upgraded"
done
rm -f old1x.db; sqlite3 old1x.db < "$ROOT/tests/fixtures/schema1/example.sql"
sqlite3 old1x.db "DROP VIEW current_observation; CREATE VIEW current_observation AS SELECT * FROM observation WHERE territory <> 'nord'"
altered=$(dump old1x.db)
run "$CTG" --db old1x.db eval --period 2022
expect_rc 3; expect_err "base altérée : la définition de la vue current_observation n'est pas celle que ctg a écrite (schéma 1)"
[ "$(dump old1x.db)" = "$altered" ] || _fail "the schema-1 database was migrated"

# ---- every read checks what it reads ----------------------------------------------------------

t "a meeting whose period no longer resolves is refused by ctg rules, never one meeting fewer"
id=$(row_of meeting)
alter meet "UPDATE obs_revision SET period = (SELECT max(id) + 9 FROM obs_period) WHERE id = $id"
for p in 2023 2024; do
  run "$CTG" --db "$TMP/meet.db" rules --period $p
  expect_rc 3
  expect_err "meet.db : la base a été modifiée hors de ctg : la table obs_revision, ligne id $id, colonne period ne contient pas ce que ctg y écrit (un identifiant de obs_period)"
  expect_no_out "réunion"
done
# a report reading values only: its provenance (the fingerprint of the observations) reads
# every current row through the joins, and refuses too
printf 'local ctx = ...\nlocal doc = ctx.report.new { title = "Valeurs" }\ndoc:paragraph(tostring(ctx.evaluation:value("projets_jeunes", { period = 2024 })))\nreturn doc\n' > valeurs.lua
run "$CTG" --db "$TMP/meet.db" report valeurs.lua -o valeurs.html --period 2024
expect_rc 3; expect_err "ligne id $id, colonne period"; [ ! -e valeurs.html ] || _fail "a report was written"
run "$CTG" --db "$BASE" report valeurs.lua -o valeurs.html --period 2024
expect_rc 0
unchanged meet

t "a funder whose dictionary entry was deleted: ctg rules refuses rather than forget a payment"
id=$(row_of funding caf)
alter fund "DELETE FROM obs_subject WHERE id = (SELECT subject FROM obs_revision WHERE id = $id)"
run "$CTG" --db "$TMP/fund.db" rules --period 2024
expect_rc 3; expect_err "la table obs_revision, ligne id $id, colonne subject ne contient pas ce que ctg y écrit (un identifiant de obs_subject)"
expect_no_out "plancher"
unchanged fund

t "a progress row of no territory, a dims id of no entry: history, exports and report scripts refuse too"
id=$(row_of progress)
alter prog "UPDATE obs_revision SET territory = 777 WHERE id = $id"
run "$CTG" --db "$TMP/prog.db" rules --period 2024
expect_rc 3; expect_err "ligne id $id, colonne territory ne contient pas ce que ctg y écrit (un identifiant de obs_territory)"
vid=$(row_of value projets_jeunes)
alter dims "UPDATE obs_revision SET dims = 4242 WHERE id = $vid"
run "$CTG" --db "$TMP/dims.db" history --indicator projets_jeunes
expect_rc 3; expect_err "ligne id $vid, colonne dims ne contient pas ce que ctg y écrit (un identifiant de obs_dims)"
run "$CTG" --db "$TMP/dims.db" export observations
expect_rc 3; expect_err "ligne id $vid, colonne dims"
run "$CTG" --db "$TMP/dims.db" report "$ROOT/scripts/calendrier.lua" -o "$TMP/cal.html" --period 2024
expect_rc 3; expect_err "ligne id $vid, colonne dims"
[ ! -e "$TMP/cal.html" ] || _fail "a report was written from an altered database"
unchanged dims

t "db:query through current_observation in a script, and a row whose import was deleted"
printf 'local d = ctg.open()\nlocal n = d:query("SELECT count(*) AS n FROM current_observation")[1].n\nprint(n)\n' > count.lua
run "$CTG" --db "$TMP/dims.db" count.lua
expect_rc 3; expect_err "colonne dims"; expect_out_eq ""
run "$CTG" --db "$BASE" count.lua
expect_rc 0; expect_out_eq "$(sqlite3 "$BASE" 'SELECT count(*) FROM obs_revision WHERE latest = 1 AND withdrawn = 0')"
imp=$(sqlite3 "$BASE" "SELECT max(import_id) FROM obs_revision")
first=$(sqlite3 "$BASE" "SELECT min(id) FROM obs_revision WHERE import_id = $imp")
alter noimport "DELETE FROM import WHERE id = $imp"
run "$CTG" --db "$TMP/noimport.db" history --indicator projets_jeunes
expect_rc 3; expect_err "ligne id $first, colonne import_id ne contient pas ce que ctg y écrit (un identifiant de import)"

t "a funding amount written as text is refused by every reader, not summed as 1"
id=$(row_of funding caf)
alter text "UPDATE obs_revision SET value = '1 200 000' WHERE id = $id"
run "$CTG" --db "$TMP/text.db" export observations
expect_rc 3; expect_err "ligne id $id, colonne value ne contient pas ce que ctg y écrit (un nombre)"
run "$CTG" --db "$TMP/text.db" rules --period 2024
expect_rc 3; expect_err "ligne id $id, colonne value"
unchanged text

# ---- ctg verifier: the whole check on demand -----------------------------------------------------

t "ctg verifier on an intact database: every check ok, exit 0, the database as it was"
before=$(dump "$BASE")
run "$CTG" verifier --db "$BASE"
expect_rc 0
expect_out "sa.db : schéma 7 ; révisions d'observations : $(sqlite3 "$BASE" 'SELECT count(*) FROM obs_revision') ; imports : 2"
expect_out "  intégrité du fichier (SQLite)"; expect_out "Base intacte : rien n'y a été modifié hors de ctg."
[ "$(printf '%s\n' "$out" | grep -c ' ok$')" = 7 ] || _fail "not seven checks ok: $out"
[ "$(dump "$BASE")" = "$before" ] || _fail "ctg verifier changed the database"
run "$CTG" verify --db "$BASE" --format json
expect_rc 0; expect_out '"altered": 0'; expect_out '"key": "revisions"'

t "ctg verifier names each alteration: table, row, column; exit 3; the database unchanged"
id=$(row_of meeting); vid=$(row_of value projets_jeunes); fid=$(row_of funding caf)
# keys with two revisions: the 2024 data imported a second time
cp "$BASE" "$TMP/two.db"; "$CTG" --db "$TMP/two.db" import "$SA/data/2024.yaml" >/dev/null
rid=$(sqlite3 "$TMP/two.db" "SELECT max(id) FROM obs_revision WHERE revision = 2")
[ -n "$rid" ] || _fail "setup: no second revision"
BASE2="$TMP/two.db"
check_alter() { # NAME SQL EXPECTED…: the altered copy is refused by ctg verifier with each EXPECTED
  name=$1; sql=$2; shift 2
  cp "$BASE2" "$TMP/$name.db"; sqlite3 "$TMP/$name.db" "$sql" || echo "FAIL setup: $name"
  altered=$(dump "$TMP/$name.db")
  run "$CTG" verifier --db "$TMP/$name.db"
  expect_rc 3; expect_out "Base altérée : "
  for e in "$@"; do expect_out "$e"; done
  unchanged "$name"
}
check_alter v-period "UPDATE obs_revision SET period = 999 WHERE id = $id" \
  "  - la table obs_revision, ligne id $id, colonne period ne contient pas ce que ctg y écrit (un identifiant de obs_period)"
check_alter v-import "DELETE FROM import WHERE id = 1" \
  "la table obs_revision, ligne id 1, colonne import_id ne contient pas ce que ctg y écrit (un identifiant de import)"
check_alter v-text "UPDATE obs_revision SET value = '1 200 000' WHERE id = $fid" \
  "la table obs_revision, ligne id $fid, colonne value ne contient pas ce que ctg y écrit (un nombre)"
check_alter v-flag "UPDATE obs_revision SET latest = 2 WHERE id = $vid" \
  "ligne id $vid, colonne latest ne contient pas ce que ctg y écrit (0 ou 1)"
check_alter v-two "UPDATE obs_revision SET latest = 1 WHERE id = (SELECT max(id) FROM obs_revision WHERE latest = 0)" \
  "colonne latest ne contient pas ce que ctg y écrit (une seule révision en vigueur par clé ; la ligne id"
check_alter v-none "UPDATE obs_revision SET latest = 0 WHERE id = $vid" \
  "la table obs_revision, ligne id $vid, colonne latest ne contient pas ce que ctg y écrit (une révision en vigueur pour chaque clé ; aucune de cette clé ne l'est)"
check_alter v-old "UPDATE obs_revision SET latest = 1 - latest WHERE id IN ($rid, (SELECT id FROM obs_revision r
    WHERE revision = 1 AND EXISTS (SELECT 1 FROM obs_revision n WHERE n.id = $rid AND n.subject = r.subject
    AND n.period = r.period AND n.territory = r.territory AND n.dims = r.dims AND n.record = r.record)))" \
  "colonne latest ne contient pas ce que ctg y écrit (la dernière révision de la clé en vigueur ; la révision 1 l'est, la dernière est la 2)"
check_alter v-gap "UPDATE obs_revision SET revision = 3 WHERE id = $rid" \
  "la table obs_revision, ligne id $rid, colonne revision ne contient pas ce que ctg y écrit (les révisions de la clé numérotées de 1 à 2 sans trou ; trouvé"
check_alter v-schema "CREATE TRIGGER t1 AFTER INSERT ON import BEGIN SELECT 1; END; DROP VIEW observation" \
  "  - le déclencheur t1 ne fait pas partie du schéma 7 de ctg : un objet ajouté hors de ctg" \
  "  - il manque la vue observation, que ctg crée au schéma 7"
check_alter v-record "UPDATE obs_record SET name = 'valeur' WHERE id = 1" \
  "la table obs_record, ligne id 1, colonne name ne contient pas ce que ctg y écrit (value)"
check_alter v-fk "PRAGMA foreign_keys = OFF; UPDATE import SET plan_version = 99 WHERE id = 2" \
  "la table import, ligne id 2, renvoie à une ligne de plan_version qui n'existe pas"
check_alter v-many "UPDATE obs_revision SET period = 999" "(les 20 premiers de cette vérification ; d'autres peuvent suivre)"

t "ctg verifier: a damaged file, a database that is not ctg's, a newer one, an older one (described, not upgraded)"
rm -f damaged.db; sqlite3 "$BASE" "VACUUM INTO 'damaged.db'"
page=$(sqlite3 damaged.db "SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_obs_subject_1'")
# the index's keys, at the end of its page, changed from lower to upper case
python3 -c "
import sys
p = int(sys.argv[1]); f = open('damaged.db', 'r+b'); f.seek(p * 4096 - 300); d = f.read(300)
f.seek(p * 4096 - 300); f.write(bytes(x ^ 0x20 if 0x61 <= x <= 0x7a else x for x in d)); f.close()" "$page"
run "$CTG" verifier --db damaged.db
expect_rc 3; expect_out "  - SQLite trouve le fichier abîmé : row "; expect_out "missing from index sqlite_autoindex_obs_subject_1"
rm -f other.db; sqlite3 other.db "CREATE TABLE notes (x TEXT)"
run "$CTG" verifier --db other.db
expect_rc 3; expect_out "other.db n'est pas une base de ctg (aucun numéro de schéma"
cp "$BASE" newer.db; sqlite3 newer.db "PRAGMA user_version = 9"
run "$CTG" verifier --db newer.db
expect_rc 3; expect_out "newer.db est au schéma 9, écrit par un ctg plus récent (celui-ci connaît le schéma 7)"
rm -f s1.db; sqlite3 s1.db < "$ROOT/tests/fixtures/schema1/example.sql"
run "$CTG" verifier --db s1.db
expect_rc 0; expect_out "Base s1.db : schéma 1"; expect_out "vérifié après la mise à jour du schéma 1"
[ "$(sqlite3 s1.db 'PRAGMA user_version')" = 1 ] || _fail "ctg verifier upgraded the database"
sqlite3 s1.db "CREATE INDEX mine ON observation(value)"
run "$CTG" verifier --db s1.db
expect_rc 3; expect_out "  - l'index mine ne fait pas partie du schéma 1 de ctg"
run "$CTG" verifier --db nowhere.db
expect_rc 3; expect_err "nowhere.db : base de données introuvable"; [ ! -e nowhere.db ] || _fail "a database was created"
run "$CTG" verifier --db "$TMP"
expect_rc 3; expect_err "une base de données est un fichier ordinaire"
run "$CTG" verifier en-trop --db "$BASE"
expect_rc 2; expect_err "argument en trop 'en-trop'"
run env CTG_LANG=en "$CTG" verify --db "$TMP/v-period.db"
expect_rc 3; expect_out "Altered database: 1 finding."; expect_out "table obs_revision, row id $(row_of meeting), column period does not hold"

t "ctg verifier is documented: ctg --help lists it (not its English alias), ctg help verify and ctg help store"
run "$CTG" --help
expect_rc 0; expect_out "  verifier   vérifier que rien n'a été modifié dans la base hors de ctg"; expect_no_out "  verify "
run "$CTG" help verify
expect_rc 0; expect_out "usage : ctg verifier [--db FICHIER] [--format text|json]"; expect_out "Alias anglais : ctg verify."
run "$CTG" help store
expect_rc 0; expect_out "Une base modifiée hors de ctg (sqlite3, un autre programme) est refusée (code 3)"
expect_out "\`ctg verifier\` (alias verify)"

# ---- numbers a double cannot hold, refused from their text -------------------------------------

t "counts beyond 2^53: a ratio's numerator and denominator, a funding amount (CSV, YAML, db:put) refused, located"
cp "$BASE" big.db; before=$(dump big.db)
printf 'indicateur;periode;territoire;numerateur;denominateur\ntaux_couverture;2025;fourmies;9007199254740993;9007199254740999\ntaux_couverture;2025;trelon;3;4\n' > ratio.csv
run "$CTG" --db big.db import ratio.csv
expect_rc 3
expect_err "ratio.csv:2:4: numerator est trop grand pour être gardé exactement (au plus 9 007 199 254 740 992), reçu 9007199254740993"
expect_err "ratio.csv:2:5: denominator est trop grand pour être gardé exactement"; expect_no_err "ratio.csv:3:"
printf 'financeur;annee;montant\ncaf;2025;9 007 199 254 740 993 €\nccsa;2025;12 345 678 901 234 567,5 €\ndepartement;2025;9 007 199 254 740 992,00 €\n' > montants.csv
run "$CTG" --db big.db import montants.csv
expect_rc 3
expect_err "montants.csv:2:3: montant est trop grand pour être gardé exactement (au plus 9 007 199 254 740 992), reçu 9 007 199 254 740 993 €"
expect_err "montants.csv:3:3: montant est trop grand pour être gardé exactement"; expect_no_err "montants.csv:4:"
printf 'plan: ctg-sud-avesnois-2023-2027\nsource: essai\nfunding:\n  - {funder: caf, year: 2025, amount: 9007199254740993}\n  - {funder: ccsa, year: 2025, amount: 1.5e16}\n  - {funder: departement, year: 2025, amount: 9007199254740992}\n' > montants.yaml
run "$CTG" --db big.db import montants.yaml
expect_rc 3
expect_err "montants.yaml:4: amount est trop grand pour être gardé exactement (au plus 9 007 199 254 740 992), reçu 9007199254740993"
expect_err "montants.yaml:5: amount est trop grand"; expect_err "reçu 15000000000000000"; expect_no_err "montants.yaml:6:"
run "$CTG" --db big.db -e 'local d = ctg.open() d:put{funder = "caf", year = 2026, amount = 9007199254740993}'
expect_rc 1; expect_err "amount est trop grand pour être gardé exactement"; expect_err "reçu 9007199254740993"
[ "$(dump big.db)" = "$before" ] || _fail "a number beyond 2^53 reached the database"
# exactly 2^53 is a number a double holds: accepted
printf 'financeur;annee;montant\ndepartement;2025;9 007 199 254 740 992,00 €\n' > limite.csv
run "$CTG" --db big.db import limite.csv
expect_rc 0
[ "$(sqlite3 big.db "SELECT printf('%d', value) FROM obs_revision WHERE record = 4 AND period = (SELECT id FROM obs_period WHERE period = '2025')")" = 9007199254740992 ] || _fail "2^53 not stored exactly"
