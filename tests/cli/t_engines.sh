# The engine registry and the engines' open (issue 27 point 2, issue 28): a database's path
# selects its engine — postgresql://… or postgres://… PostgreSQL, anything else a SQLite
# file — whether it comes from --db, $CTG_DB or base: in ctg.yaml; a PostgreSQL address out of
# reach is said so and an import into one refused by name (nothing created: before, a SQLite
# open of "postgresql://…" failed on a missing folder; t_pg_read.sh reads a real server); and
# the refusals of open (a newer schema, another program's
# database, a schema altered by hand, a missing database read) reach the analyst through the
# interface as before, the database untouched.
SA="$ROOT/tests/fixtures/sud-avesnois"
NOENG="impossible de se connecter au serveur PostgreSQL : serveur injoignable"
NOIMPORT="l'import dans une base PostgreSQL n'est pas encore possible : importez dans SQLite puis ctg dump / ctg restore"
# a closed port of this machine: no name to resolve, no server
# the folder's entries, to tell "nothing created" (hidden ones included; the tests' own aside)
listing() { ls -A | grep -v -x -e .err -e home; }

t "--db postgresql://… : the PostgreSQL engine; a server out of reach said so, an import refused by name, exit 3, nothing created"
before=$(listing)
for cmd in "eval --plan sud-avesnois" "plans" "dump d.dump" "history --plan p --indicator i"; do
  # shellcheck disable=SC2086
  run "$CTG" --db "postgresql://analyste@127.0.0.1:1/ctg" $cmd
  expect_rc 3
  expect_err "postgresql://analyste@127.0.0.1:1/ctg : $NOENG"
done
run "$CTG" --db "postgresql://analyste@127.0.0.1:1/ctg" import "$SA/plan.lua"
expect_rc 3
expect_err "postgresql://analyste@127.0.0.1:1/ctg : $NOIMPORT"
[ "$(listing)" = "$before" ] || _fail "files created: $(listing)"

t "CTG_DB=postgres://… (the other scheme) selects the same engine"
before=$(listing)
run env CTG_DB=postgres://ctg@127.0.0.1:1/ctg "$CTG" plans
expect_rc 3
expect_err "postgres://ctg@127.0.0.1:1/ctg : $NOENG"
[ "$(listing)" = "$before" ] || _fail "files created: $(listing)"

t "base: postgresql://… in ctg.yaml: ctg build refuses it by name, the project left as it was"
"$CTG" init proj --nom "Val de Sambre" --debut 2025 >/dev/null 2>&1 || _fail "ctg init"
sed -i 's|^base: ctg.db|base: postgresql://ctg@127.0.0.1:1/valdesambre|' proj/ctg.yaml
grep -q '^base: postgresql://' proj/ctg.yaml || _fail "the base: line was not replaced"
before=$(cd proj && listing)
run sh -c "cd proj && '$CTG' build"
expect_rc 3
expect_err "postgresql://ctg@127.0.0.1:1/valdesambre : $NOIMPORT"
[ "$(cd proj && listing)" = "$before" ] || _fail "files created in the project: $(cd proj && listing)"

t "ctg.open in a script: the same failure, as the script's error"
run "$CTG" -e 'ctg.open("postgresql://ctg@127.0.0.1:1/d")'
[ "$rc" -ne 0 ] || _fail "ctg.open of a postgresql:// address succeeded"
expect_err "$NOENG"
run "$CTG" -e 'print(require("ctg.store").is_url("postgresql://h/d"), require("ctg.store").is_url("postgres://h"), require("ctg.store").is_url("./postgresql://x"), require("ctg.store").is_url("postgresql.db"), require("ctg.store").is_url("PostgreSQL://h"))'
expect_out_eq "true	true	false	false	false"

t "a file whose name only mentions postgresql is a SQLite file like any other"
mkdir -p "postgresql:"
run "$CTG" --db "postgresql:/copie.db" import "$SA/plan.lua" "$SA/data/2023.yaml"
expect_rc 0
[ "$(sqlite3 "postgresql:/copie.db" 'SELECT count(*) FROM obs_revision')" -gt 10 ] || _fail "no rows in the SQLite file"
run "$CTG" --db postgresql-2025.db import "$SA/plan.lua"
expect_rc 0
[ -f postgresql-2025.db ] || _fail "postgresql-2025.db not created"

t "in English with CTG_LANG=en"
run env CTG_LANG=en "$CTG" --db postgresql://ctg@127.0.0.1:1/d plans
expect_rc 3
expect_err "postgresql://ctg@127.0.0.1:1/d : cannot connect to the PostgreSQL server : server out of reach"
run env CTG_LANG=en "$CTG" --db postgresql://ctg@127.0.0.1:1/d import "$SA/plan.lua"
expect_rc 3
expect_err "importing into a PostgreSQL database is not possible yet"

# ---- the refusals of the SQLite engine's open, through the interface ---------------------
"$CTG" --db base.db import "$SA/plan.lua" "$SA/data/2023.yaml" "$SA/data/2024.yaml" >/dev/null 2>&1 || _fail "setup import"
sums() { sha256sum "$1" | cut -d' ' -f1; }

t "ctg restore of a sound dump into a postgres:// address out of reach: said so, exit 3"
"$CTG" dump ok.dump --db base.db >/dev/null || _fail "dump"
before=$(listing)
run "$CTG" restore ok.dump --db postgres://ctg@127.0.0.1:1/base
expect_rc 3
expect_err "postgres://ctg@127.0.0.1:1/base : $NOENG"
[ "$(listing)" = "$before" ] || _fail "files created: $(listing)"

t "open: a schema newer than this ctg's, refused with both numbers, the file untouched"
cp base.db newer.db
sqlite3 newer.db 'PRAGMA user_version = 42'
h=$(sums newer.db)
run "$CTG" --db newer.db plans
[ "$rc" -ne 0 ] || _fail "a schema-42 database was opened"
expect_err "newer.db : base écrite par un ctg plus récent (schéma version 42, ce ctg connaît jusqu'à la version $("$CTG" -e 'print(require("ctg.store").schema_version())'))"
[ "$(sums newer.db)" = "$h" ] || _fail "newer.db changed"

t "open: another program's database (a table, no schema number), refused, exit 3, untouched"
sqlite3 autre.db 'CREATE TABLE factures (id INTEGER PRIMARY KEY, montant REAL); INSERT INTO factures VALUES (1, 12.5)'
h=$(sums autre.db)
run "$CTG" --db autre.db import "$SA/plan.lua"
expect_rc 3
expect_err "autre.db n'est pas une base de ctg"
expect_err "factures"
[ "$(sums autre.db)" = "$h" ] || _fail "autre.db changed"
[ "$(sqlite3 autre.db "SELECT count(*) FROM sqlite_master")" = 1 ] || _fail "ctg's tables were written among another program's"

t "open: a view redefined by hand, refused naming it, exit 3; ctg verifier lists it"
cp base.db vue.db
sqlite3 vue.db 'DROP VIEW obs_current; CREATE VIEW obs_current AS SELECT * FROM obs_revision WHERE latest = 1 AND withdrawn = 0 AND value < 100'
h=$(sums vue.db)
run "$CTG" --db vue.db eval --plan sud-avesnois --period 2024
expect_rc 3
expect_err "vue.db : "
expect_err "obs_current"
[ "$(sums vue.db)" = "$h" ] || _fail "vue.db changed"
run "$CTG" verifier --db vue.db
[ "$rc" -ne 0 ] || _fail "ctg verifier passes a redefined view"
expect_out "obs_current"

t "open read-only of a missing file: not found, nothing created"
run "$CTG" --db absente.db eval --plan sud-avesnois
expect_rc 3
expect_err "absente.db : base de données introuvable"
[ ! -e absente.db ] || _fail "absente.db was created"

t "ctg help store says which path selects which engine, what PostgreSQL does today and what not yet"
run "$CTG" help store
expect_rc 0
expect_out "Une adresse postgresql://hôte/base ou postgres://… (--db,"
expect_out "ctg restore DUMP --db postgresql://… charge le ctg dump"
expect_out "ctg import et ctg build dans une base PostgreSQL : refusés par leur nom (code"
expect_out "l'équipe importe dans un fichier SQLite (un poste), puis ctg dump base.dump et"

t "open's busy timeout: CTG_BUSY_TIMEOUT_MS=0 waits not at all (exit 6 at once), 1500 waits about that long"
"$CTG" --db verrou.db import "$SA/plan.lua" >/dev/null 2>&1 || _fail "setup verrou.db"
(echo "BEGIN IMMEDIATE; INSERT INTO obs_dims (dims) VALUES ('verrou');"; sleep 5; echo "ROLLBACK;") | sqlite3 verrou.db &
holder=$!
sleep 1
t0=$(date +%s%N)
CTG_BUSY_TIMEOUT_MS=0 run "$CTG" --db verrou.db import "$SA/data/2023.yaml"
t1=$(date +%s%N)
expect_rc 6
[ $(( (t1 - t0) / 1000000 )) -lt 1000 ] || _fail "a 0 ms timeout waited $(( (t1 - t0) / 1000000 )) ms"
CTG_BUSY_TIMEOUT_MS=1500 run "$CTG" --db verrou.db import "$SA/data/2023.yaml"
t2=$(date +%s%N)
expect_rc 6
[ $(( (t2 - t1) / 1000000 )) -ge 1400 ] || _fail "a 1500 ms timeout waited only $(( (t2 - t1) / 1000000 )) ms"
wait $holder
[ "$(sqlite3 verrou.db 'SELECT count(*) FROM obs_revision')" = 0 ] || _fail "rows written past the lock"
