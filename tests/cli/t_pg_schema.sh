# ctg's schema for PostgreSQL (host/store/postgres_schema.c, issue 28 point 2) on the tests'
# own server: applied with psql under the advisory lock (twice at once, and again: a no-op;
# a database of a newer schema refused), the same tables and columns as SQLite's, rows of a
# real ctg database loaded into both give the same views, and the roles of `ctg help store`:
# the reader cannot write, the analyst cannot change a value nor delete.
pg_start || return 77
PG="psql -X -q -v ON_ERROR_STOP=1"
q() { psql -X -A -t -v ON_ERROR_STOP=1 "$@"; }
SA="$ROOT/tests/fixtures/sud-avesnois"
AV=ctg-sud-avesnois-2023-2027
"$CTG" -e 'io.write(require("ctg.pg_schema").script())' > schema.sql
"$CTG" -e 'local pg = require("ctg.pg_schema"); io.write(pg.reader, pg.analyst)' > roles.sql
# a second database on the same server (PG_URL names the database ctg)
url_of() { printf '%s\n' "$PG_URL" | sed "s|postgresql:///ctg?|postgresql:///$1?|"; }
newdb() { q "$PG_URL" -c "CREATE DATABASE $1" >/dev/null; url_of "$1"; }

t "the schema applies with psql, in one transaction under the advisory lock; ctg_schema says SQLite's version"
run $PG "$PG_URL" -o /dev/null -f schema.sql
expect_rc 0
run q "$PG_URL" -c "SELECT max(version) FROM ctg_schema"
expect_out_eq "$("$CTG" -e 'print(require("ctg.store").schema_version())')"
grep -q "^SELECT pg_advisory_xact_lock($("$CTG" -e 'print(require("ctg.pg_schema").lock_key)'));" schema.sql || _fail "no advisory lock"
[ "$(head -1 schema.sql)" = "BEGIN;" ] && [ "$(tail -1 schema.sql)" = "COMMIT;" ] || _fail "not one transaction"

t "applied again: nothing changes (each migration guarded by the version)"
q "$PG_URL" -c "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace" > before.txt
run $PG "$PG_URL" -o /dev/null -f schema.sql
expect_rc 0
q "$PG_URL" -c "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace" > after.txt
cmp -s before.txt after.txt || _fail "objects changed: $(cat before.txt) -> $(cat after.txt)"
run q "$PG_URL" -c "SELECT count(*) FROM ctg_schema"
expect_out_eq "$("$CTG" -e 'print(#require("ctg.pg_schema").migrations)')"

t "two clients migrating at once: the second waits for the lock, then finds the schema there"
U2=$(newdb two)
# a client holds the lock 2 s; the migration started meanwhile waits for it
psql -X -q "$U2" -c "BEGIN; SELECT pg_advisory_xact_lock($("$CTG" -e 'print(require("ctg.pg_schema").lock_key)')); SELECT pg_sleep(2); COMMIT;" >/dev/null 2>&1 &
holder=$!
sleep 0.5
$PG "$U2" -o /dev/null -f schema.sql > a.out 2>&1 & a=$!
start=$(date +%s%N)
$PG "$U2" -o /dev/null -f schema.sql > b.out 2>&1; rb=$?
wait $a; ra=$?
waited=$(( ($(date +%s%N) - start) / 1000000 ))
wait $holder
[ "$ra" = 0 ] && [ "$rb" = 0 ] || _fail "a migration failed: $ra $rb: $(cat a.out b.out | grep -v NOTICE | head -3)"
[ "$waited" -ge 1000 ] || _fail "the migration did not wait for the lock (${waited} ms)"
[ "$(q "$U2" -c 'SELECT count(*) FROM ctg_schema')" = "$("$CTG" -e 'print(#require("ctg.pg_schema").migrations)')" ] || _fail "ctg_schema: $(q "$U2" -c 'SELECT * FROM ctg_schema')"

t "a database of a newer schema: refused, nothing changed"
U3=$(newdb newer)
$PG "$U3" -o /dev/null -f schema.sql 2>/dev/null
q "$U3" -c "INSERT INTO ctg_schema VALUES (99)" >/dev/null
run $PG "$U3" -o /dev/null -f schema.sql
[ "$rc" -ne 0 ] || _fail "a newer schema was accepted"
expect_err "base au schéma 99, plus récent que celui de ce ctg ($("$CTG" -e 'print(require("ctg.pg_schema").version)'))"
[ "$(q "$U3" -c 'SELECT max(version) FILTER (WHERE version < 99) || $$,$$ || count(*) FROM ctg_schema')" = \
  "$("$CTG" -e 'local pg = require("ctg.pg_schema"); print(pg.version .. "," .. #pg.migrations + 1)')" ] || _fail "ctg_schema changed"

t "the same tables and views as SQLite's, each with the same columns in the same order"
"$CTG" -e 'ctg.open("empty.db", {create = true}):close()'
sqlite3 empty.db "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name" > lite-tables.txt
q "$PG_URL" -c "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'ctg_schema' ORDER BY table_name COLLATE \"C\"" > pg-tables.txt
cmp -s lite-tables.txt pg-tables.txt || _fail "tables differ: $(diff lite-tables.txt pg-tables.txt)"
while read -r name; do
  a=$(sqlite3 empty.db "SELECT group_concat(name, ',') FROM pragma_table_info('$name')")
  b=$(q "$PG_URL" -c "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = '$name'")
  [ "$a" = "$b" ] || _fail "$name: SQLite $a, PostgreSQL $b"
done < lite-tables.txt
[ "$(wc -l < lite-tables.txt)" -ge 13 ] || _fail "only $(wc -l < lite-tables.txt) tables and views"
run q "$PG_URL" -c "SELECT string_agg(id || '=' || name, ',' ORDER BY id) FROM obs_record"
expect_out_eq "$(sqlite3 empty.db "SELECT group_concat(id || '=' || name, ',') FROM (SELECT * FROM obs_record ORDER BY id)")"

t "rows of a ctg database (two imports, corrections, parts) loaded into both: the views give the same rows"
"$CTG" --db s.db import "$SA/plan.lua" "$SA/data/2023.yaml" "$SA/data/2024.yaml" "$SA/data/2024-communes.csv" >/dev/null || _fail "import"
printf 'indicateur;periode;territoire;numerateur\ntaux_couverture;2024;anor;44\ntaux_couverture;2025;baives;5\n' > fix.csv
printf 'indicateur;periode;territoire;valeur\nfamilles_allocataires;2024;ccsa;6100\nplaces_creees;2024;ccsa;5\n' > fix2.csv
"$CTG" --db s.db import --plan $AV fix.csv fix2.csv >/dev/null || _fail "corrections"
[ "$(sqlite3 s.db 'SELECT count(*) FROM obs_revision WHERE latest = 0')" -ge 2 ] || _fail "no superseded revision"
[ "$(sqlite3 s.db 'SELECT count(*) FROM obs_revision WHERE record = 5')" -ge 1 ] || _fail "no part"
"$CTG" dump s.dump --db s.db >/dev/null
# the dump's rows as INSERTs (strings quoted the SQL way, NULL, numbers as read)
cat > inserts.lua <<'FIN'
local dump = require("ctg.db.dump")
local info = dump.check(arg[1], require("ctg.store").schema_version())
local f = assert(io.open(arg[1], "rb"))
f:read("l")
local function literal(x)
  if x == nil then return "NULL" end
  if type(x) == "string" then return "'" .. x:gsub("'", "''") .. "'" end
  if math.type(x) == "float" then return string.format("%.17g", x) end
  return tostring(x)
end
local cur, ncols
for line in f:lines("l") do
  if line:sub(1, 4) == "end " then break end
  local name = line:match("^table ([%w_]+) ")
  if name then
    for _, t in ipairs(info.tables) do if t.name == name then cur = t end end
    ncols = #cur.columns
  elseif cur.name ~= "obs_record" then -- the schema writes its own
    local row, v = dump.decode_row(line, ncols), {}
    for i = 1, ncols do v[i] = literal(row[i]) end
    print("INSERT INTO " .. cur.name .. " (" .. table.concat(cur.columns, ", ") .. ") VALUES (" .. table.concat(v, ", ") .. ");")
  end
end
-- ids written as read do not move the identity sequences: set them past the last id
-- (obs_record's ids are fixed, obs_fingerprint has none: its key is (plan, import_id))
for _, t in ipairs(info.tables) do
  if t.name ~= "obs_record" and t.name ~= "obs_fingerprint" and t.rows > 0 then
    print("SELECT setval(pg_get_serial_sequence('" .. t.name .. "', 'id'), max(id)) FROM " .. t.name .. ";")
  end
end
FIN
"$CTG" inserts.lua s.dump > rows.sql || _fail "rows.sql"
[ "$(grep -c '^INSERT INTO obs_revision ' rows.sql)" = "$(sqlite3 s.db 'SELECT count(*) FROM obs_revision')" ] || _fail "rows.sql: $(head -3 rows.sql)"
run $PG "$PG_URL" -o /dev/null -f rows.sql
expect_rc 0
COLS="id, plan_id, record, subject, period, territory, dims, revision, %s, %s, %s, text, missing, status, note, source, import_id, line, withdrawn, column_number"
lite_cols=$(printf "$COLS" "CAST(round(value * 1e6) AS INTEGER)" "CAST(round(numerator * 1e6) AS INTEGER)" "CAST(round(denominator * 1e6) AS INTEGER)")
pg_cols=$(printf "$COLS" "round(value * 1e6)::bigint" "round(numerator * 1e6)::bigint" "round(denominator * 1e6)::bigint")
for view in observation current_observation; do
  sqlite3 -separator '|' s.db "SELECT $lite_cols FROM $view ORDER BY id" > "lite-$view.txt"
  q -F '|' "$PG_URL" -c "SELECT $pg_cols FROM $view ORDER BY id" > "pg-$view.txt"
  [ -s "lite-$view.txt" ] || _fail "$view is empty"
  cmp -s "lite-$view.txt" "pg-$view.txt" || _fail "$view differs: $(diff "lite-$view.txt" "pg-$view.txt" | head -4)"
done
[ "$(wc -l < lite-observation.txt)" -gt "$(wc -l < lite-current_observation.txt)" ] || _fail "no superseded row to tell the views apart"
a=$(sqlite3 s.db "SELECT group_concat(x, ';') FROM (SELECT record || ':' || count(*) || ':' || coalesce(CAST(round(sum(value)) AS INTEGER), '') AS x FROM obs_current GROUP BY record ORDER BY record)")
b=$(q "$PG_URL" -c "SELECT string_agg(record || ':' || n || ':' || coalesce(s::text, ''), ';' ORDER BY record) FROM (SELECT record, count(*) AS n, round(sum(value))::bigint AS s FROM obs_current GROUP BY record) x")
[ "$a" = "$b" ] || _fail "obs_current's sums: SQLite $a, PostgreSQL $b"
# the kept fingerprints (schema 7), signed 64-bit hashes, stored unchanged
a=$(sqlite3 -separator '|' s.db "SELECT plan, import_id, first_import, hash FROM obs_fingerprint ORDER BY 1, 2")
b=$(q -F '|' "$PG_URL" -c "SELECT plan, import_id, first_import, hash FROM obs_fingerprint ORDER BY 1, 2")
[ -n "$a" ] && [ "$a" = "$b" ] || _fail "obs_fingerprint: SQLite $a, PostgreSQL $b"

t "one latest revision per key, one row per key and revision: a second writer of the same key fails"
run q "$PG_URL" -c "INSERT INTO obs_revision (plan, record, latest, subject, period, territory, dims, revision, import_id, line, value)
  SELECT plan, record, 1, subject, period, territory, dims, revision + 1, import_id, 0, 1 FROM obs_current WHERE id = (SELECT min(id) FROM obs_current)"
[ "$rc" -ne 0 ] || _fail "two latest revisions of one key"
expect_err "obs_revision_latest"
run q "$PG_URL" -c "INSERT INTO obs_revision (plan, record, latest, subject, period, territory, dims, revision, import_id, line, value)
  SELECT plan, record, 0, subject, period, territory, dims, revision, import_id, 0, 1 FROM obs_current WHERE id = (SELECT min(id) FROM obs_current)"
[ "$rc" -ne 0 ] || _fail "two rows of one key and revision"
expect_err "obs_revision_key"

t "the reading role of ctg help store: reads everything, writes nothing"
run $PG "$PG_URL" -f roles.sql
expect_rc 0
q "$PG_URL" -c "CREATE ROLE lea LOGIN IN ROLE ctg_lecteur; CREATE ROLE paul LOGIN IN ROLE ctg_analyste" >/dev/null || _fail "roles"
LEA=$(printf '%s\n' "$PG_URL" | sed 's/user=ctg/user=lea/')
run q "$LEA" -c "SELECT count(*) FROM current_observation"
expect_rc 0; expect_out_eq "$(wc -l < lite-current_observation.txt | tr -d ' ')"
for sql in "INSERT INTO obs_revision (plan, record, latest, subject, period, territory, dims, revision, import_id, line) VALUES (1, 1, 0, 1, 1, 1, 1, 99, 1, 0)" \
           "INSERT INTO import (plan_version, file, imported_at, imported_by) VALUES (1, 'x', 'x', 'x')" \
           "UPDATE obs_revision SET value = 0" "UPDATE obs_revision SET latest = 0" "DELETE FROM obs_revision" \
           "CREATE TABLE mine (x int)"; do
  run q "$LEA" -c "$sql"
  [ "$rc" -ne 0 ] || _fail "the reader could: $sql"
  case "$err" in *"permission denied"*|*"droit refusé"*) ;; *) _fail "not refused for lack of rights: $sql: $err";; esac
done
[ "$(q "$PG_URL" -c 'SELECT count(*) FROM obs_revision')" = "$(wc -l < lite-observation.txt | tr -d ' ')" ] || _fail "the rows changed"

t "the analyst role: imports (INSERT, the latest flag), never changes a value nor deletes"
PAUL=$(printf '%s\n' "$PG_URL" | sed 's/user=ctg/user=paul/')
run q "$PAUL" -c "INSERT INTO import (plan_version, file, imported_at, imported_by) VALUES (1, 'paul.csv', '2026-01-01T00:00:00Z', 'paul') RETURNING id"
expect_rc 0
[ "$(echo "$out" | head -1)" -gt "$(sqlite3 s.db 'SELECT max(id) FROM import')" ] || _fail "the new import's id $out collides with restored ones"
run q "$PAUL" -c "UPDATE obs_revision SET latest = latest WHERE id = 1"
expect_rc 0
for sql in "UPDATE obs_revision SET value = 0 WHERE id = 1" "DELETE FROM obs_revision WHERE id = 1" "DELETE FROM import" "DROP TABLE delivery"; do
  run q "$PAUL" -c "$sql"
  [ "$rc" -ne 0 ] || _fail "the analyst could: $sql"
done

t "ctg help store documents the schema, the lock and the roles' SQL as the tests run it"
run "$CTG" help store
expect_rc 0
expect_out "pg_advisory_xact_lock"
expect_out "CREATE ROLE ctg_lecteur NOLOGIN;"
expect_out "GRANT SELECT ON ALL TABLES IN SCHEMA public TO ctg_lecteur;"
expect_out "GRANT UPDATE (latest) ON obs_revision TO ctg_analyste;"
