# The PostgreSQL engine reads what ctg restore loads (issue 28): a SQLite base dumped and
# restored into PostgreSQL gives byte for byte the same eval (table, CSV, JSON, --explain,
# --known-at between two corrections), history, export, plans and dump; the PostgreSQL base
# dumped and restored into a new SQLite file gives the same dump again. Bad inputs: a closed
# port, a wrong password, another program's database, a newer schema, an import (refused by
# name, nothing written), an empty database.
command -v faketime >/dev/null || { echo "faketime is missing: make deps"; exit 1; }
pg_start || return 77
ft() { ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" faketime "$@"; }
q() { psql -X -A -t -q -v ON_ERROR_STOP=1 "$@"; }
url_of() { printf '%s\n' "$PG_URL" | sed "s|postgresql:///ctg?|postgresql:///$1?|"; }
newdb() { q "$PG_URL" -c "CREATE DATABASE $1" >/dev/null; url_of "$1"; }
SA="$ROOT/tests/fixtures/sud-avesnois"
AV=ctg-sud-avesnois-2023-2027
BR=ctg-brumes-2024-2026

# a plan of our own: three communes of a valley, a rate whose places and children come from
# two files, a count; corrections of the places on two dates
cat > brumes.lua <<'LUA'
plan "ctg-brumes-2024-2026" {
  title = "Convention Territoriale Globale — Vallée des Brumes", period = {2024, 2026},
  signatories = {"Syndicat de la Vallée des Brumes", "Caisse d'Allocations Familiales"},
}
stake(1, "Accueillir les jeunes enfants près de chez eux")
territory("vallee", "Vallée des Brumes") { level = "epci" }
territory("amont", "Amont") { level = "commune", parent = "vallee" }
territory("aval", "Aval") { level = "commune", parent = "vallee" }
territory("gue", "Le Gué") { level = "commune", parent = "vallee" }
axis(1, "Petite enfance") { action(1, "Ouvrir des places") }
indicator "couverture" {
  label = "Couverture de l'accueil", kind = "ratio", scale = 100, unit = "%",
  numerator = "places", denominator = "enfants de moins de 3 ans", time = "last",
  direction = "higher", targets = {[2026] = 60},
}
indicator "assistantes" { label = "Assistantes maternelles", kind = "count", time = "last" }
LUA
printf 'indicateur;periode;territoire;numerateur\ncouverture;2024;amont;12\ncouverture;2024;aval;30\ncouverture;2024;gue;4\ncouverture;2025;amont;15\n' > places.csv
printf 'indicateur;periode;territoire;denominateur\ncouverture;2024;amont;40\ncouverture;2024;aval;51\ncouverture;2024;gue;19\ncouverture;2025;amont;41\n' > enfants.csv
printf 'indicateur;periode;territoire;valeur\nassistantes;2024;amont;7\nassistantes;2024;aval;11\nassistantes;2025;gue;2\n' > assistantes.csv
printf 'indicateur;periode;territoire;numerateur\ncouverture;2024;aval;33\n' > places-mai.csv
printf 'indicateur;periode;territoire;numerateur\ncouverture;2024;aval;35\ncouverture;2025;amont;16\n' > places-sept.csv

t "a SQLite base of two plans: parts from two files, corrections on two dates"
ft '2024-02-01 09:00:00' "$CTG" --db s.db import "$SA/plan.lua" "$SA/data/2023.yaml" >/dev/null || _fail "sud-avesnois"
ft '2025-03-01 09:00:00' "$CTG" --db s.db import "$SA/data/2024.yaml" >/dev/null || _fail "2024"
ft '2025-03-02 10:00:00' "$CTG" --db s.db import brumes.lua places.csv enfants.csv assistantes.csv >/dev/null || _fail "brumes"
[ "$(sqlite3 s.db "SELECT count(*) FROM plan_version")" = 2 ] || _fail "not two plans"
ft '2025-05-12 08:00:00' "$CTG" --db s.db import --plan $BR places-mai.csv >/dev/null || _fail "may"
ft '2025-09-20 16:45:00' "$CTG" --db s.db import --plan $BR places-sept.csv >/dev/null || _fail "september"
[ "$(sqlite3 s.db 'SELECT count(*) FROM obs_revision WHERE revision = 3')" = 1 ] || _fail "no third revision"
run "$CTG" dump s.dump --db s.db
expect_rc 0

t "ctg restore into PostgreSQL: every row, in one transaction"
PGDB=$(newdb lecture)
run "$CTG" restore s.dump --db "$PGDB"
expect_rc 0
expect_out "s.dump restauré dans $PGDB : "
[ "$(q "$PGDB" -c 'SELECT count(*) FROM obs_revision')" = "$(sqlite3 s.db 'SELECT count(*) FROM obs_revision')" ] \
  || _fail "not every revision restored"

# same COMMAND…: the command on both bases, the same exit code, stdout and stderr
same() {
  "$CTG" --db s.db "$@" > a.out 2> a.err; ra=$?
  "$CTG" --db "$PGDB" "$@" > b.out 2> b.err; rb=$?
  [ "$ra" = "$rb" ] || _fail "$*: exit $ra on SQLite, $rb on PostgreSQL"
  cmp -s a.out b.out || _fail "$*: stdout differs: $(diff a.out b.out | head -4)"
  cmp -s a.err b.err || _fail "$*: stderr differs: $(diff a.err b.err | head -4)"
  [ -s a.out ] || _fail "$*: no output"
}

t "eval on PostgreSQL as on SQLite: default view, every territory and period in CSV, JSON, --explain"
for p in $AV $BR; do
  same eval --plan $p
  same eval --plan $p --territory all --period all --format csv
  same eval --plan $p --format json
done
same eval --plan $BR --explain couverture --period 2024 --territory vallee
same eval --plan $AV --explain taux_couverture --period 2024 --territory ccsa
# the figure really comes from the parts: (12 + 35 + 4) / (40 + 51 + 19)
"$CTG" --db "$PGDB" eval --plan $BR --territory all --period 2024 --format csv > e.csv
grep -q "^couverture;2024;vallee;46,3636" e.csv || _fail "the valley's rate is not 51/110 = 46,4 %: $(grep vallee e.csv)"

t "--known-at between the two corrections: the May figure, on both engines"
same eval --plan $BR --territory all --period all --format csv --known-at 2025-06-01
same eval --plan $BR --explain couverture --period 2024 --territory aval --known-at 2025-06-01
same export observations --plan $BR --known-at 2025-06-01
"$CTG" --db "$PGDB" eval --plan $BR --explain couverture --period 2024 --territory aval --known-at 2025-06-01 > k.out
grep -q "33" k.out || _fail "known at June: not the May correction (33)"
grep -q "35" k.out && _fail "known at June: the September correction leaks"

t "history, export, plans, rules, a report and dump on PostgreSQL as on SQLite"
same history --indicator couverture --plan $BR
same history --indicator couverture --plan $BR --format json
same history --indicator taux_couverture --plan $AV
same export observations --plan $AV
same export observations --plan $BR
same plans
same rules --plan $AV
same rules --plan $AV --format json --known-at 2025-03-02
"$CTG" --db s.db report "$ROOT/scripts/bilan-annuel.lua" -o a.md --plan $AV >/dev/null 2>&1 || _fail "report on SQLite"
"$CTG" --db "$PGDB" report "$ROOT/scripts/bilan-annuel.lua" -o b.md --plan $AV >/dev/null 2>&1 || _fail "report on PostgreSQL"
cmp -s a.md b.md || _fail "the report differs: $(diff a.md b.md | head -4)"
"$CTG" dump p.dump --db "$PGDB" >/dev/null || _fail "dump of the PostgreSQL base"
cmp -s s.dump p.dump || _fail "the PostgreSQL base's dump differs: $(diff s.dump p.dump | head -4)"

t "the PostgreSQL base's dump restored into a new SQLite file: the same dump again"
run "$CTG" restore p.dump --db back.db
expect_rc 0
"$CTG" dump back.dump --db back.db >/dev/null
cmp -s s.dump back.dump || _fail "the round trip changed the dump"

t "an import into PostgreSQL is refused by name, exit 3, nothing written"
before=$(q "$PGDB" -c 'SELECT count(*) FROM obs_revision')/$(q "$PGDB" -c 'SELECT count(*) FROM import')
run "$CTG" --db "$PGDB" import --plan $BR places-sept.csv
expect_rc 3
expect_err "l'import dans une base PostgreSQL n'est pas encore possible : importez dans SQLite puis ctg dump / ctg restore"
[ "$(q "$PGDB" -c 'SELECT count(*) FROM obs_revision')/$(q "$PGDB" -c 'SELECT count(*) FROM import')" = "$before" ] \
  || _fail "the import wrote something"
# a script's write through ctg.open, too
run "$CTG" -e "local d = ctg.open('$PGDB'); d:transaction(function() end)"
expect_rc 1
expect_err "l'import dans une base PostgreSQL n'est pas encore possible"
CTG_LANG=en run "$CTG" --db "$PGDB" import --plan $BR places-sept.csv
expect_rc 3
expect_err "importing into a PostgreSQL database is not possible yet"

t "a server out of reach (a closed port): said so, exit 3"
run "$CTG" --db "postgresql://ctg@127.0.0.1:1/ctg" plans
expect_rc 3
expect_err "impossible de se connecter au serveur PostgreSQL : serveur injoignable (vérifiez l'hôte et le port"

t "a wrong password: said so, exit 3 (a role with a password, checked on TCP)"
PORT=$(printf '%s\n' "$PG_URL" | sed -n 's/.*[?&]port=\([^&]*\).*/\1/p')
DIR=$(printf '%s\n' "$PG_URL" | sed -n 's/.*[?&]host=\([^&]*\).*/\1/p')
q "$PG_URL" -c "CREATE ROLE marie LOGIN PASSWORD 'juste'"
# the test server trusts everyone: a password asked of marie on TCP, on this server only
{ echo "host all marie 127.0.0.1/32 scram-sha-256"; cat "$DIR/data/pg_hba.conf"; } > hba.conf
cat hba.conf > "$DIR/data/pg_hba.conf"
q "$PG_URL" -c "SELECT pg_reload_conf()" >/dev/null
run "$CTG" --db "postgresql://marie:faux@127.0.0.1:$PORT/lecture" plans
expect_rc 3
expect_err "impossible de se connecter au serveur PostgreSQL : le serveur a refusé l'utilisateur ou le mot de passe"
expect_err "password authentication failed"

t "another program's database (a table, no ctg_schema): refused, nothing written, exit 3"
OTHER=$(newdb autre)
q "$OTHER" -c "CREATE TABLE clients (id integer)"
for cmd in plans "restore s.dump"; do
  run "$CTG" --db "$OTHER" $cmd
  expect_rc 3
  expect_err "n'est pas une base de ctg : elle contient déjà la table clients"
done
[ "$(q "$OTHER" -c "SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public'")" = clients ] \
  || _fail "ctg wrote into another program's database"

t "a newer schema (ctg_schema at 99): refused on read and restore, exit 3"
NEWER=$(newdb recente)
"$CTG" restore s.dump --db "$NEWER" >/dev/null || _fail "restore"
q "$NEWER" -c "INSERT INTO ctg_schema VALUES (99)"
run "$CTG" --db "$NEWER" plans
expect_rc 3
expect_err "base écrite par un ctg plus récent (schéma version 99, ce ctg connaît jusqu'à la version"
run "$CTG" restore s.dump --db "$NEWER"
expect_rc 3
expect_err "schéma version 99"

t "an empty PostgreSQL database read: no ctg base there, ctg restore named, nothing created"
EMPTY=$(newdb vide)
run "$CTG" --db "$EMPTY" plans
expect_rc 3
expect_err "cette base PostgreSQL ne contient pas de base de ctg (une base s'y charge par ctg restore DUMP --db"
[ "$(q "$EMPTY" -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" = 0 ] || _fail "a read created tables"

t "a restore into a PostgreSQL base that holds data: refused, exit 3"
run "$CTG" restore s.dump --db "$PGDB"
expect_rc 3
expect_err "$PGDB"

t "a row altered by hand in PostgreSQL: named as on SQLite (its dangling reference), exit 3"
ALT=$(newdb alteree)
"$CTG" restore s.dump --db "$ALT" >/dev/null || _fail "restore"
cp s.db alt.db
row=$(sqlite3 alt.db "SELECT min(id) FROM obs_revision WHERE record = 5")
q "$ALT" -c "UPDATE obs_revision SET territory = 999 WHERE id = $row"
sqlite3 alt.db "UPDATE obs_revision SET territory = 999 WHERE id = $row"
"$CTG" --db alt.db history --indicator couverture --plan $BR > /dev/null 2> a.err; ra=$?
run "$CTG" --db "$ALT" history --indicator couverture --plan $BR
expect_rc 3
[ "$ra" = 3 ] || _fail "SQLite: exit $ra"
expect_err "la table obs_revision, ligne id $row, colonne territory ne contient pas ce que ctg y écrit (un identifiant de obs_territory)"
[ "$(sed "s|^ctg: alt.db : ||" a.err)" = "$(printf '%s\n' "$err" | sed "s|^ctg: $ALT : ||")" ] || _fail "not SQLite's words: $(cat a.err)"

t "a figure changed by hand in PostgreSQL: the kept fingerprint no longer matches, ctg dump refuses"
FIG=$(newdb chiffre)
"$CTG" restore s.dump --db "$FIG" >/dev/null || _fail "restore"
q "$FIG" -c "UPDATE obs_revision SET numerator = 99 WHERE id = $row"
run "$CTG" dump f.dump --db "$FIG"
expect_rc 3
expect_err "$BR"
[ ! -s f.dump ] || _fail "a dump was written"
