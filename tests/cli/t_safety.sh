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

t "export observations, written a row at a time: a failure midway keeps the good earlier file, leaves no temporary"
"$CTG" export observations --format csv -o obs.csv
good=$(cksum < obs.csv)
[ "$(wc -l < obs.csv)" -gt 100 ] || _fail "obs.csv holds $(wc -l < obs.csv) lines"
cp "$CTG_DB" journal-obs.db && sqlite3 journal-obs.db "PRAGMA journal_mode = DELETE" >/dev/null
# 4 KB: the first chunk (64 kB) already fails; the file is written after the database is read
out=$( (trap '' XFSZ; ulimit -f 4; "$CTG" export observations --db journal-obs.db --format json -o obs.csv) 2>"$TMP/.err"); rc=$?; err=$(cat "$TMP/.err")
expect_rc 5; expect_err "impossible d'écrire obs.csv : fichier trop grand"
[ "$(cksum < obs.csv)" = "$good" ] || _fail "the earlier obs.csv was replaced"
[ -z "$(ls -A | grep '^\.obs\.csv')" ] || _fail "a temporary file was left: $(ls -A)"
out=$("$CTG" export observations 2>"$TMP/.err" >/dev/full); rc=$?; err=$(cat "$TMP/.err")
expect_rc 5; expect_err "impossible d'écrire la sortie standard : plus de place sur le disque"
run "$CTG" export observations -o "$TMP/no-such-dir/obs.yaml"
expect_rc 5; expect_err "impossible d'écrire $TMP/no-such-dir/obs.yaml : "
[ -e "$TMP/no-such-dir" ] && _fail "the directory was created"

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
ln -sf "$TMP/victim.txt" outdir/r.xlsx.tmp
run "$CTG" report "$ROOT/scripts/tableau-de-bord.lua" -o outdir/r.xlsx --as-of 2024-06-01
expect_rc 0
[ "$(cat victim.txt)" = "precious" ] || _fail "the symlink's target was written by the xlsx writer"
[ -s outdir/r.xlsx ] && [ -L outdir/r.xlsx.tmp ] || _fail "no xlsx written, or the planted link was replaced"

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
print(d:query("PRAGMA user_version")[1].user_version == require("ctg.store").schema_version())
print(d:put{indicator = "tps_accueillies", period = 2024, territory = "clermont-ferrand", value = 1})
print(d:query("SELECT value FROM current_observation WHERE subject = ? AND period = ?", "tps_accueillies", "2024")[1].value)'
expect_rc 0; expect_no_out "ACCEPTED"; expect_out "PRAGMA optimize	refused"; expect_out "SAVEPOINT s	refused"
expect_out_eq "$(printf 'PRAGMA optimize\trefused\nATTACH DATABASE ? AS x\trefused\nSAVEPOINT s\trefused\nBEGIN\trefused\nPRAGMA user_version = 7\trefused\nPRAGMA journal_mode = DELETE\trefused\nDELETE FROM observation\trefused\nCREATE TABLE t (x)\trefused\ntrue\n1\n1.0')"
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
    expect_rc 0; expect_out "Indicateurs, période 2023 : Clermont-Ferrand"; expect_out "agents_formes  66"
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

# ---- sandboxes ----------------------------------------------------------------------------

t "a plan that replaces string.format and table.concat changes its own copies, never ctg's figures"
{ cat "$ROOT/tests/fixtures/plans/mini.lua"; cat <<'LUA'
string.format = function() return "12,0 %" end
table.concat = function() return "12,0 %" end
math.floor = function() return 12 end
rule "sur mesure" { check = function(ctx) string.format = function() return "12,0 %" end end }
LUA
} > evil_plan.lua
run "$CTG" -e 'local p = ctg.load("evil_plan.lua")
print(ctg.fmt.percent(9 / 14), string.format("%d/%d", 9, 14), table.concat({"a", "b"}, "-"), math.floor(2.5))'
expect_rc 0; expect_out_eq "64,3${NB}%	9/14	a-b	2"
run "$CTG" check evil_plan.lua
expect_rc 0; expect_out "0 erreur,"

t "a report script cannot run commands, write files, load bytecode or reach debug: a located French error"
for code in 'os.execute("touch pwned")' 'io.open("pwned", "w")' 'io.popen("touch pwned")' 'os.remove("victim.txt")' \
            'os.rename("victim.txt", "pwned")' 'require("ctg.store")' 'load(string.dump(function() end))' \
            'string.dump(function() end)' 'debug.getinfo(1)' 'package.loadlib("x", "y")' 'collectgarbage("stop")' \
            'getmetatable("").__index.format = nil' 'loadfile("x")'; do
  printf 'local ctx = ...\n%s\nreturn ctx.report.new{ title = "x" }\n' "$code" > hostile.lua
  run "$CTG" report hostile.lua -o hostile.html --as-of 2024-06-01
  case "$code" in
    getmetatable*) expect_rc 1; expect_err "hostile.lua:2:";;
    *) expect_rc 1; expect_err "hostile.lua:2: "; expect_err "n'est pas permis dans un script de rapport";;
  esac
  expect_no_err "stdlib/"
  [ ! -e pwned ] && [ -e victim.txt ] && [ ! -e hostile.html ] || _fail "$code had an effect"
done

t "a report script's own library changes stay in its environment"
cat > patcher.lua <<'LUA'
local ctx = ...
string.format = function() return "12,0 %" end
local ok = pcall(function() ctx.fmt.percent = function() return "12,0 %" end end)
return ctx.report.new{ title = "Patch " .. tostring(ok) .. " " .. ctx.fmt.percent(9 / 14) }
LUA
run "$CTG" report patcher.lua -o patcher.md --as-of 2024-06-01
expect_rc 0; grep -q "Patch false 64,3" patcher.md || _fail "the script changed ctg's module: $(head -3 patcher.md)"

t "ctx.read_csv reads a CSV beside the script, and nothing outside its directory"
mkdir -p scripts && printf 'a;b\n1;2\n' > scripts/beside.csv
cat > scripts/reader.lua <<'LUA'
local ctx = ...
local t = ctx.read_csv("beside.csv")
local ok, err = pcall(ctx.read_csv, "../victim.txt")
return ctx.report.new{ title = "Lu " .. t.header[2] .. "=" .. t.rows[1][2] .. " " .. tostring(ok) }
LUA
run "$CTG" report scripts/reader.lua -o reader.md --as-of 2024-06-01
expect_rc 0; grep -q "Lu b=2 false" reader.md || _fail "read_csv: $(head -3 reader.md)"

t "report --trust keeps full Lua for an analyst's own script"
printf 'local ctx = ...\nlocal f = io.open("trusted.txt", "w") f:write("ok") f:close()\nreturn ctx.report.new{ title = "x" }\n' > own.lua
run "$CTG" report own.lua --trust -o own.html --as-of 2024-06-01
expect_rc 0; [ "$(cat trusted.txt 2>/dev/null)" = "ok" ] || _fail "--trust did not give io"

t "load, loadfile, dofile and require accept text chunks only, even with full Lua"
run "$CTG" -e '
local f = io.open("bc.luac", "wb") f:write(string.dump(function() return 1 end)) f:close()
package.path = "./?.luac;" .. package.path
print(select(2, load(string.dump(function() end))))
print(select(2, load(string.dump(function() end), "x", "b")))
print(select(2, loadfile("bc.luac")))
print(pcall(dofile, "bc.luac"))
print(pcall(require, "bc"))'
expect_rc 0; expect_no_out "true"
expect_out "attempt to load a binary chunk (mode is 't')"
[ "$(printf '%s\n' "$out" | grep -c "binary chunk")" = 5 ] || _fail "not every loader refused bytecode"

# ---- limits -------------------------------------------------------------------------------

t "an endless plan is stopped at the time limit with its line, even through pcall"
printf 'plan "x" { title = "x", period = {2021, 2025} }\nwhile true do pcall(function() while true do end end) end\n' > endless.lua
run "$CTG" --timeout 1 check endless.lua
expect_rc 3; expect_out "endless.lua:2: le plan dépasse la limite de temps de 1 s"

t "an endless plan in an import: stopped, nothing stored, the lock released"
before=$(snapshot)
run "$CTG" import endless.lua --timeout 0.5
expect_rc 3; expect_err "le plan dépasse la limite de temps de 0,5 s"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"
run "$CTG" import "$EX/plan.lua"
expect_rc 0

t "a memory-hungry plan is stopped at the memory limit"
printf 'plan "x" { title = "x", period = {2021, 2025} }\nlocal s = string.rep("x", 2e9)\n' > hungry.lua
run "$CTG" check hungry.lua
expect_rc 3; expect_out "hungry.lua:2: le plan dépasse la limite de mémoire de 512 Mo"
printf 'plan "x" { title = "x", period = {2021, 2025} }\nlocal t = {}\nwhile true do pcall(function() for i = 1, 1e6 do t[#t + 1] = {i} end end) end\n' > growing.lua
run "$CTG" check growing.lua --max-memory 64
expect_rc 3; expect_out "le plan dépasse la limite de mémoire de 64 Mo"

t "an endless custom rule fails alone; the other findings still come"
printf 'rule "sans fin" { check = function(ctx) while true do end end }\n' > endless_rule.lua
run "$CTG" rules endless_rule.lua --timeout 1 --period 2023 --as-of 2024-06-01
expect_rc 4; expect_out "la règle « sans fin » a échoué : endless_rule.lua:1: la règle « sans fin » dépasse la limite de temps de 1 s"
expect_out "critique  CAF du Puy-de-Dôme"

t "an endless report script is stopped; no file written"
printf 'local ctx = ...\nwhile true do end\n' > endless_report.lua
run "$CTG" report endless_report.lua -o endless.html --timeout 1 --as-of 2024-06-01
expect_rc 1; expect_err "endless_report.lua:2: le script de rapport dépasse la limite de temps de 1 s"
[ ! -e endless.html ] || _fail "a file was written"

t "--timeout and --max-memory are checked: exit 2 with the allowed values"
run "$CTG" --timeout abc check x.lua
expect_rc 2; expect_err "--timeout attend un nombre de secondes"
run "$CTG" check x.lua --max-memory -5
expect_rc 2; expect_err "--max-memory attend une taille en Mo"

# ---- options ------------------------------------------------------------------------------

t "eval --by a dimension no indicator has: exit 2 with the allowed values"
run "$CTG" eval --by nope --period 2023
expect_rc 2; expect_err "eval : --by 'nope' n'est pas une dimension d'un indicateur ; valeurs possibles : action, categorie"
run "$CTG" eval --by step --indicator agents_formes --period 2023
expect_rc 2; expect_err "n'est pas une dimension de agents_formes ; valeurs possibles : categorie"

t "export observations and history with an unknown indicator or territory: exit 2 with a suggestion"
run "$CTG" export observations --indicator agent_formes
expect_rc 2; expect_err "--indicator 'agent_formes' n'est pas un indicateur du plan (vouliez-vous dire 'agents_formes' ?)"
run "$CTG" export observations --territory nrod --format csv
expect_rc 2; expect_err "--territory 'nrod' n'est pas un territoire du plan (vouliez-vous dire 'nord' ?) ; valeurs possibles : clermont-ferrand"
run "$CTG" history --indicator agent_formes
expect_rc 2; expect_err "history : --indicator 'agent_formes' n'est pas un indicateur du plan"
run "$CTG" history --indicator agents_formes --territory sudd
expect_rc 2; expect_err "history : --territory 'sudd' n'est pas un territoire du plan (vouliez-vous dire 'sud' ?)"

# ---- import errors ------------------------------------------------------------------------

t "a CSV without a territory column is refused unless --territory names one"
printf 'indicateur;periode;valeur\nagents_formes;2024;7\n' > no_territory.csv
before=$(snapshot)
run "$CTG" import no_territory.csv
expect_rc 3; expect_err "no_territory.csv:1: l'en-tête n'a pas de colonne 'territoire' (territory)"; expect_err "--territory CODE"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"
run "$CTG" import no_territory.csv --territory nord
expect_rc 0
run "$CTG" export observations --indicator agents_formes --period 2024 --format csv
expect_out "agents_formes;2024;nord;7"

t "a commentaire column is the note; formula-like notes are neutralised in every CSV written"
printf 'indicateur;periode;territoire;valeur;commentaire\nagents_formes;2024;sud;3;"=HYPERLINK(""http://x"";""clic"")"\noutils_crees;2024;sud;2;@SUM(A1)\n' > comment.csv
run "$CTG" import comment.csv
expect_rc 0
run "$CTG" export observations --period 2024 --territory sud --format csv
expect_rc 0; expect_out "'=HYPERLINK("; expect_out "'@SUM(A1)"; expect_no_out ";=HYPERLINK"
run "$CTG" export observations --period 2024 --territory sud --format yaml
expect_out 'note: =HYPERLINK("http://x";"clic")'

t "YAML: an encoding error at line:column, infinities, integers beyond 2^53 and duplicate keys refused"
printf 'plan: ctg-clermont-2021-2025\nsource: t\nobservations:\n  - {indicator: agents_formes, period: 2024, territory: nord, value: 1, note: "caf\xe9"}\n' > latin1.yaml
run "$CTG" import latin1.yaml
expect_rc 3; expect_err "latin1.yaml:4:84: le fichier n'est pas en UTF-8 : octet invalide (octet 0x22)"; expect_no_err "stdlib/"; expect_no_err "at byte"
printf 'plan: ctg-clermont-2021-2025\nsource: t\nobservations:\n  - {indicator: agents_formes, period: 2024, territory: nord, value: .inf}\n  - {indicator: agents_formes, period: 2024, territory: sud, value: 9007199254740993}\n' > numbers.yaml
run "$CTG" import numbers.yaml
expect_rc 3; expect_err "numbers.yaml:4: value doit être un nombre fini, reçu l'infini (.inf)"
expect_err "numbers.yaml:5: value est trop grand pour être gardé exactement (au plus 9 007 199 254 740 992), reçu 9007199254740993"
printf 'plan: ctg-clermont-2021-2025\nsource: t\nobservations:\n  - {indicator: agents_formes, period: 2024, territory: nord, value: 1}\nsource: u\n' > dupkey.yaml
run "$CTG" import dupkey.yaml
expect_rc 3; expect_err 'dupkey.yaml:5:1: clé "source" en double (déjà à la ligne 2)'

t "a transaction SQLite already rolled back (disk full) reports its cause, not the rollback's complaint"
run "$CTG" -e 'local d = ctg.open(os.getenv("CTG_DB"))
local ok, err = pcall(d.transaction, d, function() d.store:exec("ROLLBACK") error("database or disk is full", 0) end)
print(err)'
expect_rc 0; expect_out_eq "database or disk is full"

t "suggestions are computed only for names under 100 characters"
run "$CTG" -e "print(require('ctg.suggest').closest(('x'):rep(150), { ('x'):rep(149) }), require('ctg.suggest').closest('acton', { 'action' }))"
expect_out_eq "nil	action"

t "a custom rule cannot change ctg's figures: the plan, the values and ctx.fmt are read-only"
cat > tamper.lua <<'RULES'
rule "altère" { check = function(ctx)
  local tries = {
    function() ctx.fmt.percent = function() return "12,0 %" end end,
    function() ctx:plan():indicator("agents_formes").label = "falsifié" end,
    function() ctx:plan().indicators[1].kind = "count" end,
    function() local v = ctx:value("agents_formes", { period = 2023 }) v.value = 1e9 end,
    function() getmetatable(ctx:plan()).__index = nil end,
  }
  local allowed = 0
  for _, f in ipairs(tries) do if pcall(f) then allowed = allowed + 1 end end
  local v = ctx:value("agents_formes", { period = 2023 })
  return { message = "permis " .. allowed .. ", " .. ctx:plan():indicator("agents_formes").label .. " = " .. v.value,
           evidence = { value = v.value } }
end }
rule "après" { check = function(ctx) return "ensuite " .. ctx.fmt.percent(9 / 14) end }
RULES
run "$CTG" rules tamper.lua --period 2023 --as-of 2024-06-01
expect_out "permis 0, Nombre d'agents formés"; expect_out "= 66"; expect_out "ensuite 64,3${NB}%"
run "$CTG" rules tamper.lua --period 2023 --as-of 2024-06-01 --format json
expect_out '"value": 66'

t "the sandbox, --trust and the limits are documented in ctg help report and ctg --help"
run "$CTG" help report
expect_rc 0; expect_out "LE BAC À SABLE"; expect_out "--trust"; expect_out "ctx.read_csv"
run "$CTG" --help
expect_out "--timeout S"; expect_out "--max-memory"; expect_out "5  une sortie n'a pas pu être écrite"; expect_out "6  la base est restée verrouillée"
