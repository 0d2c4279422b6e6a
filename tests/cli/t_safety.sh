# Code and files from others cannot harm: failed writes, read-only access, sandboxes, limits.
EX="$ROOT/examples/clermont-ferrand"
export CTG_DB="$TMP/ctg.db"
"$CTG" import "$EX/plan.lua" "$EX"/data/2022.yaml "$EX"/data/2023.yaml >/dev/null
snapshot() { "$CTG" -e 'local s = require("ctg.store").open(os.getenv("CTG_DB"), {readonly = true})
  local n = 0
  for _, r in ipairs(s:query("SELECT id, value, numerator, denominator, text, revision FROM observation ORDER BY id")) do
    n = n + 1 io.write(r.id, ":", tostring(r.value), ":", tostring(r.numerator), ":", tostring(r.revision), ";")
  end
  print(n) s:close()'; }
before=$(snapshot)

# ---- writes that fail -----------------------------------------------------------------

t "eval > /dev/full exits 5 with the cause"
out=$("$CTG" eval --as-of 2024-06-01 2>"$TMP/.err" >/dev/full); rc=$?; err=$(cat "$TMP/.err")
expect_rc 5; expect_err "impossible d'écrire la sortie standard : plus de place sur le disque"

t "print to a full stdout from a script exits 5 too"
out=$("$CTG" -e 'print("x")' 2>"$TMP/.err" >/dev/full); rc=$?; err=$(cat "$TMP/.err")
expect_rc 5; expect_err "plus de place sur le disque"

t "export -o that cannot be written completely keeps the good earlier file"
"$CTG" export "$EX/plan.lua" -o plan.yaml
good=$(cksum < plan.yaml)
# a file size limit makes write(2) fail with EFBIG, like a full disk, after 4 KB
out=$( (trap '' XFSZ; ulimit -f 4; "$CTG" export "$EX/plan.lua" --format json -o plan.yaml) 2>"$TMP/.err"); rc=$?; err=$(cat "$TMP/.err")
expect_rc 5; expect_err "impossible d'écrire plan.yaml : fichier trop grand"
[ "$(cksum < plan.yaml)" = "$good" ] || _fail "the earlier plan.yaml was replaced"
[ -z "$(ls -A | grep '^\.plan\.yaml')" ] || _fail "a temporary file was left: $(ls -A)"

t "report -o that cannot be written completely keeps the good earlier file"
"$CTG" report "$ROOT/scripts/tableau-de-bord.lua" -o tdb.html --as-of 2024-06-01 >/dev/null
good=$(cksum < tdb.html)
# (a copy in rollback-journal mode: reading it creates no 32 KB WAL index under the limit)
cp "$CTG_DB" journal.db && sqlite3 journal.db "PRAGMA journal_mode = DELETE" >/dev/null
out=$( (trap '' XFSZ; ulimit -f 4; "$CTG" report "$ROOT/scripts/tableau-de-bord.lua" --db journal.db -o tdb.html --as-of 2024-06-01) 2>"$TMP/.err"); rc=$?; err=$(cat "$TMP/.err")
expect_rc 5; expect_err "impossible d'écrire tdb.html"
[ "$(cksum < tdb.html)" = "$good" ] || _fail "the earlier tdb.html was replaced"

t "report -o never follows a planted symlink (OUT.tmp, DIR/.ctg-write-test)"
mkdir -p outdir && echo "precious" > victim.txt
ln -sf "$TMP/victim.txt" outdir/r.html.tmp; ln -sf "$TMP/victim.txt" outdir/.ctg-write-test
run "$CTG" report "$ROOT/scripts/tableau-de-bord.lua" -o outdir/r.html --as-of 2024-06-01
expect_rc 0
[ "$(cat victim.txt)" = "precious" ] || _fail "the symlink's target was written"
grep -q "<html" outdir/r.html || _fail "no report written"

# ---- read-only access -------------------------------------------------------------------

t "a read command never creates a database: a missing --db is an error with a hint"
run "$CTG" --db nosuch.db eval
expect_rc 3; expect_err "nosuch.db : base de données introuvable"; expect_err "ctg import plan.lua"
[ ! -e nosuch.db ] || _fail "nosuch.db was created"
run "$CTG" rules --db nosuch.db
expect_rc 3; [ ! -e nosuch.db ] || _fail "nosuch.db was created by rules"

t "db:query refuses PRAGMA optimize, ATTACH and SAVEPOINT; a later db:put still stores"
run "$CTG" -e '
local d = ctg.open(os.getenv("CTG_DB"))
for _, sql in ipairs({ "PRAGMA optimize", "ATTACH DATABASE ? AS x", "SAVEPOINT s", "BEGIN", "PRAGMA user_version = 7",
                      "PRAGMA journal_mode = DELETE", "DELETE FROM observation", "CREATE TABLE t (x)" }) do
  local ok, err = pcall(d.query, d, sql, sql:find("?", 1, true) and "attached.db" or nil)
  print(sql, ok and "ACCEPTED" or "refused")
end
print(d:query("PRAGMA user_version")[1].user_version)
print(d:put{indicator = "tps_accueillies", period = 2024, territory = "clermont-ferrand", value = 1})
print(d:query("SELECT value FROM current_observation WHERE subject = ? AND period = ?", "tps_accueillies", "2024")[1].value)'
expect_rc 0; expect_no_out "ACCEPTED"; expect_out "PRAGMA optimize	refused"; expect_out "SAVEPOINT s	refused"
expect_out_eq "$(printf 'PRAGMA optimize\trefused\nATTACH DATABASE ? AS x\trefused\nSAVEPOINT s\trefused\nBEGIN\trefused\nPRAGMA user_version = 7\trefused\nPRAGMA journal_mode = DELETE\trefused\nDELETE FROM observation\trefused\nCREATE TABLE t (x)\trefused\n1\n1\n1.0')"
[ ! -e attached.db ] || _fail "ATTACH created a file"
before=$(snapshot)

t "a database in a directory the user cannot write is still readable"
mkdir -p rodir && cp "$CTG_DB" rodir/ro.db && chmod 755 "$TMP"
case "$CTG" in
  *valgrind*) echo "     (read-only directory test not run under valgrind: it needs the binary itself)";;
  *)
    cp "$CTG" "$TMP/ctg-copy" && chmod 755 "$TMP/ctg-copy" rodir && chmod 644 rodir/ro.db && chmod 555 rodir
    if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
      out=$(cd "$TMP" && setpriv --reuid=65534 --regid=65534 --clear-groups "$TMP/ctg-copy" --db "$TMP/rodir/ro.db" eval --indicator agents_formes --period 2023 --as-of 2024-06-01 2>&1); rc=$?
    else
      out=$("$TMP/ctg-copy" --db "$TMP/rodir/ro.db" eval --indicator agents_formes --period 2023 --as-of 2024-06-01 2>&1); rc=$?
    fi
    expect_rc 0; expect_out "agents_formes  2023     clermont-ferrand  66"
    [ ! -e rodir/ro.db-wal ] || _fail "a WAL file appeared in the read-only directory";;
esac
chmod 755 rodir

t "a custom rule cannot write the database nor create a file through ATTACH"
cat > writer.lua <<'RULES'
rule "écrit" { check = function(ctx)
  local ok1 = pcall(function() ctx:db().store:exec("UPDATE observation SET value = 0") end)
  local ok2 = pcall(function() ctx:db().store:exec("ATTACH DATABASE 'planted.db' AS p") end)
  local ok3 = pcall(function() ctx:db():query("DELETE FROM observation") end)
  return (ok1 or ok2 or ok3) and "ÉCRITURE PERMISE" or "refusé"
end }
RULES
run "$CTG" rules writer.lua --period 2023 --as-of 2024-06-01
expect_no_out "ÉCRITURE PERMISE"
[ "$(snapshot)" = "$before" ] || _fail "the observations changed"
[ ! -e planted.db ] || _fail "ATTACH created planted.db"
