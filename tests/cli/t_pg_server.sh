# The tests' own PostgreSQL server (tests/pg/server.sh, issue 28) and the runner's count of
# skipped files: a server started, reached with psql, stopped with its folder gone; two at once;
# one whose owner dies stopped by its watcher; no PostgreSQL here is a skip (77), never a pass.
SRV="$ROOT/tests/pg/server.sh"
dir_of() { printf '%s\n' "$1" | sed -n 's/.*[?&]host=\([^&]*\).*/\1/p'; }

t "a machine without PostgreSQL: exit 77 with the reason, no folder left behind"
mkdir -p tmpdir
TMPDIR="$TMP/tmpdir" PGBIN=/nonexistent run bash "$SRV" start
expect_rc 77
expect_err "PostgreSQL indisponible : pas d'initdb"
[ -z "$(ls tmpdir)" ] || _fail "left behind: $(ls tmpdir)"
PGBIN=/nonexistent run bash "$SRV" available
expect_rc 77

t "usage errors: exit 2"
run bash "$SRV" restart
expect_rc 2; expect_err "usage : tests/pg/server.sh"
mkdir -p not-a-server
run bash "$SRV" stop "$TMP/not-a-server"
expect_rc 2; expect_err "n'est pas un serveur de test"
[ -d not-a-server ] || _fail "a folder that is not a server was removed"

if ! bash "$SRV" available 2>/dev/null; then
  SKIP_REASON="pas de PostgreSQL sur cette machine (make deps)"; return 77
fi

t "start: a URL naming its own socket folder and port; psql reaches it; 127.0.0.1 only, fsync off"
u1=$(bash "$SRV" start --owner $$ 2>start.err)
rc=$?; out=$u1; err=$(cat start.err)
expect_rc 0
echo "$u1" >> "$TMP/.pg-servers"   # stopped by the runner if this file fails half-way
case "$u1" in "postgresql:///ctg?host=${TMPDIR:-/tmp}/ctg-pg."*"&port="*"&user=ctg") ;; *) _fail "URL: $u1";; esac
d1=$(dir_of "$u1")
[ -S "$d1/.s.PGSQL.$(printf '%s' "$u1" | sed 's/.*port=\([0-9]*\).*/\1/')" ] || _fail "no socket in $d1"
run psql -X -A -t "$u1" -c "SHOW listen_addresses" -c "SHOW fsync" -c "SELECT current_user || '@' || current_database()"
expect_rc 0
expect_out_eq "127.0.0.1
off
ctg@ctg"

t "a second server at the same time: another folder, another port, each its own data"
u2=$(bash "$SRV" start --owner $$ 2>/dev/null)
echo "$u2" >> "$TMP/.pg-servers"
d2=$(dir_of "$u2")
[ -n "$u2" ] && [ "$d2" != "$d1" ] || _fail "second URL: $u2"
[ "${u1##*port=}" != "${u2##*port=}" ] || _fail "same port: $u1 / $u2"
psql -X -q "$u1" -c "CREATE TABLE one (x int); INSERT INTO one VALUES (1)" >/dev/null 2>&1 || _fail "write to the first"
run psql -X -A -t "$u2" -c "SELECT count(*) FROM pg_tables WHERE tablename = 'one'"
expect_rc 0; expect_out_eq "0"
run psql -X -A -t "$u1" -c "SELECT x FROM one"
expect_out_eq "1"

t "stop: the server is gone, its folder too; the other one still answers"
run bash "$SRV" stop "$u1"
expect_rc 0
[ ! -e "$d1" ] || _fail "$d1 still there"
run psql -X -A -t "$u1" -c "SELECT 1"
[ "$rc" -ne 0 ] || _fail "the stopped server still answers"
run psql -X -A -t "$u2" -c "SELECT 2"
expect_rc 0; expect_out_eq "2"
run bash "$SRV" stop "$d2"
expect_rc 0
[ ! -e "$d2" ] || _fail "$d2 still there"

t "--owner: when the test that started it dies, its watcher stops the server and removes the folder"
sleep 30 & owner=$!
u3=$(bash "$SRV" start --owner $owner 2>/dev/null)
echo "$u3" >> "$TMP/.pg-servers"
d3=$(dir_of "$u3")
[ -d "$d3" ] || _fail "no server: $u3"
kill $owner; wait $owner 2>/dev/null
for _ in $(seq 1 20); do [ -e "$d3" ] || break; sleep 0.5; done
[ ! -e "$d3" ] || _fail "$d3 still there 10 s after its owner died"
run psql -X -A -t "$u3" -c "SELECT 1"
[ "$rc" -ne 0 ] || _fail "the server outlived its owner"

t "the runner: a file that returns 77 is counted skipped with its reason, never passed (both modes)"
mkdir -p fake/tests/cli fake/tests/pg
cp "$ROOT/tests/cli/run.sh" "$ROOT/tests/cli/lib.sh" fake/tests/cli/
cp "$SRV" fake/tests/pg/
printf 't "ok"\n[ 1 = 1 ] || _fail no\n' > fake/tests/cli/t_ok.sh
printf 't "before"\ntrue\nSKIP_REASON="pas de serveur ici"\nreturn 77\nt "never"\n_fail ran\n' > fake/tests/cli/t_skipme.sh
# pg_start's own skip: the reason server.sh gave
printf 'PGBIN=/nonexistent pg_start || return 77\nt "never"\n_fail ran\n' > fake/tests/cli/t_needpg.sh
CLI_JOBS=1 run bash fake/tests/cli/run.sh "$CTG" ok skipme needpg
expect_rc 0
expect_out "SKIP t_skipme.sh: pas de serveur ici"
expect_out "SKIP t_needpg.sh: tests/pg/server.sh: PostgreSQL indisponible : pas d'initdb"
expect_out "cli: 2 passed, 0 failed, 2 skipped"
expect_no_out "FAIL"
CLI_JOBS=2 run bash fake/tests/cli/run.sh "$CTG" ok skipme needpg
expect_rc 0
expect_out "cli: 2 passed, 0 failed, 2 skipped"

export OUTER
t "the runner: a test file that dies half-way (exit) after starting a server leaves none behind"
printf 'pg_start || return 77\necho "$PG_URL" > "$OUTER/died.url"\nexit 1\n' > fake/tests/cli/t_dies.sh
OUTER=$TMP; CLI_JOBS=1 run bash fake/tests/cli/run.sh "$CTG" dies
[ "$rc" -ne 0 ] || _fail "the runner succeeded"
u4=$(cat died.url 2>/dev/null)
[ -n "$u4" ] || _fail "the file did not start its server"
d4=$(dir_of "$u4")
[ -n "$d4" ] && [ ! -e "$d4" ] || _fail "$d4 left behind"
run psql -X -A -t "$u4" -c "SELECT 1"
[ "$rc" -ne 0 ] || _fail "the server still answers"
