# The layout of host/ that issue 27 set: storage behind one engine interface (only the SQLite
# engine's files, named for it, call SQLite), a core that includes no Lua header and no
# engine's, directly or through a header it includes; and what that seam fixes: a read
# failure in a later window of an evaluation reaches the analyst as the store's French
# sentence, not as a stack slot mistaken for the store.
HOST="$ROOT/host"

t "only files with sqlite in their path call sqlite3_ (host/, its tools aside)"
calls=$(cd "$ROOT" && grep -rl 'sqlite3_' host --include='*.c' --include='*.h' | grep -v '^host/tools/' | sort)
[ -n "$calls" ] || _fail "no file calls sqlite3_: the grep itself is broken"
for f in $calls; do
  case "$f" in *sqlite*) ;; *) _fail "$f calls sqlite3_ outside the SQLite engine's files";; esac
done
# and the engine's files are the ones that do (the check would pass on an empty tree)
case "$calls" in *host/store/sqlite_engine.c*) ;; *) _fail "host/store/sqlite_engine.c not found calling sqlite3_";; esac

# includes FILE: the quoted includes of FILE resolved as the compiler does (its own folder,
# then host/), one path a line
includes() {
  dir=$(dirname "$1")
  sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$1" | while read -r inc; do
    if [ -f "$dir/$inc" ]; then echo "$dir/$inc"; elif [ -f "$HOST/$inc" ]; then echo "$HOST/$inc"; fi
  done
}
# forbidden FILE: the Lua or engine headers FILE includes, through any chain of quoted includes
forbidden() {
  seen=" "; todo="$1"
  while :; do
    # shellcheck disable=SC2086
    set -- $todo; [ $# -gt 0 ] || break
    f=$1; shift; todo="$*"
    case "$seen" in *" $f "*) continue;; esac
    seen="$seen$f "
    grep -Hn '^[[:space:]]*#[[:space:]]*include[[:space:]]*<\(lua\|lauxlib\|lualib\|sqlite3\|libpq-fe\)\.h>' "$f"
    todo="$todo $(includes "$f" | tr '\n' ' ')"
  done
}

t "host/core includes no Lua header and no engine's, directly or through a header"
[ -d "$HOST/core" ] || _fail "no host/core"
for f in "$HOST"/core/*.c "$HOST"/core/*.h; do
  bad=$(forbidden "$f")
  [ -z "$bad" ] || _fail "$(basename "$f") reaches: $bad"
done

t "the check itself catches a core file reaching lua.h through a header"
mkdir -p "$TMP/host/core"
printf '#include <lua.h>\n' > "$TMP/host/core/leak.h"
printf '#include "leak.h"\nint x;\n' > "$TMP/host/core/k.c"
bad=$(HOST="$TMP/host"; forbidden "$TMP/host/core/k.c")
case "$bad" in *"leak.h:1:#include <lua.h>"*) ;; *) _fail "a lua.h through leak.h not found: $bad";; esac

t "host/store (the engines, open and close included) includes no Lua header, directly or through a header"
n=0
for f in "$HOST"/store/*.c "$HOST"/store/*.h; do
  n=$((n + 1))
  bad=$(forbidden "$f" | grep -v '<\(sqlite3\|libpq-fe\)\.h>')
  [ -z "$bad" ] || _fail "$(basename "$f") reaches: $bad"
done
[ "$n" -ge 8 ] || _fail "only $n files in host/store"
# the check sees a Lua header behind the store's own headers (the catalogue's msg.h)
mkdir -p "$TMP/host/store"
printf '#include "msg.h"\n' > "$TMP/host/store/leaky.c"
printf '#include <lauxlib.h>\n' > "$TMP/host/msg.h"
bad=$(HOST="$TMP/host"; forbidden "$TMP/host/store/leaky.c" | grep -v '<\(sqlite3\|libpq-fe\)\.h>')
case "$bad" in *"msg.h:1:#include <lauxlib.h>"*) ;; *) _fail "lauxlib.h through msg.h not found: $bad";; esac

t "the kernel and the evaluation engine are in the core, their binding in host/lua"
for f in core/kernel.c core/kernel.h core/engine.c core/engine.h lua/kernel.c lua/engine.c; do
  [ -f "$HOST/$f" ] || _fail "host/$f not found"
done
# the engine's binding is the one that includes Lua (the check above would pass on a core
# that had given its Lua to nobody)
grep -q '^#include <lauxlib.h>' "$HOST/lua/engine.c" || _fail "host/lua/engine.c does not include lauxlib.h"
grep -q '^#include "core/engine.h"' "$HOST/lua/engine.c" || _fail "host/lua/engine.c does not include core/engine.h"

t "the check catches the engine reaching a Lua header through a binding's header (host/-relative)"
mkdir -p "$TMP/planted/core" "$TMP/planted/lua"
cp "$HOST"/core/*.c "$HOST"/core/*.h "$TMP/planted/core/"
cp "$HOST/lua/error.h" "$TMP/planted/lua/"
printf '#include "lua/error.h"\n' >> "$TMP/planted/core/engine.h"
bad=$(HOST="$TMP/planted"; forbidden "$TMP/planted/core/engine.c")
case "$bad" in *"error.h:"*"#include <lua.h>"*) ;; *) _fail "lua.h through engine.h and lua/error.h not found: $bad";; esac

t "host/store/engine.h, the interface, includes no Lua header and no engine's"
bad=$(forbidden "$HOST/store/engine.h")
[ -z "$bad" ] || _fail "engine.h reaches: $bad"

# ---- the read failure of a later window (issue 27: « bad self (ctg.Store expected, got
# ctg.Engine) ») --------------------------------------------------------------------------
# Sud-Avesnois (intercommunal), evaluated one indicator at a time (max_cells = 1): the first
# window is read with the evaluation, another indicator's in ev:value, after the view the
# kernel reads was dropped by another program.
SA="$ROOT/tests/fixtures/sud-avesnois"
"$CTG" --db "$TMP/sa.db" import "$SA/plan.lua" "$SA"/data/2023.yaml "$SA"/data/2024.yaml >/dev/null || echo "FAIL setup: import"
cat > "$TMP/window.lua" <<'FIN'
local path = os.getenv("DBF")
local db = ctg.open(path)
local ev = ctg.evaluate(nil, db, {period = 2024, max_cells = 1})
print("premier", ev:value("places_creees").value)
assert(os.execute("sqlite3 '" .. path .. "' 'DROP VIEW current_observation; DROP VIEW obs_current'"))
print("second", ev:value("projets_jeunes").value)
FIN

t "a later window that cannot be read names the database and SQLite's words, not a bad self"
DBF="$TMP/sa.db" run "$CTG" "$TMP/window.lua"
expect_rc 1
expect_out "premier	4"
expect_no_out "second"
expect_err "sa.db : impossible de lire les observations (SQLite : no such table: obs_current)"
expect_no_err "bad self"
expect_no_err "ctg.Engine"

t "the same failure in English with CTG_LANG=en"
rm -f "$TMP/sa.db"
"$CTG" --db "$TMP/sa.db" import "$SA/plan.lua" "$SA"/data/2023.yaml "$SA"/data/2024.yaml >/dev/null || echo "FAIL setup: import"
CTG_LANG=en DBF="$TMP/sa.db" run "$CTG" "$TMP/window.lua"
expect_rc 1
expect_err "sa.db : cannot read the observations (SQLite : no such table: obs_current)"
expect_no_err "bad self"

t "the fingerprint and known-at, engine operations, raise the store's sentence when the engine fails"
rm -f "$TMP/sa.db"
"$CTG" --db "$TMP/sa.db" import "$SA/plan.lua" "$SA"/data/2023.yaml "$SA"/data/2024.yaml >/dev/null || echo "FAIL setup: import"
cat > "$TMP/ops.lua" <<'FIN'
local path = os.getenv("DBF")
local d = ctg.open(path)   -- kept: its collection would close the store
local db = d.store
local h = db:observations_hash("ctg-sud-avesnois-2023-2027")
print("empreinte", #h, h == db:observations_hash("ctg-sud-avesnois-2023-2027"))
db:known_at("2020-01-01")
print("avant tout import", db:observations_hash("ctg-sud-avesnois-2023-2027") ~= h)
assert(os.execute("sqlite3 '" .. path .. "' 'DROP VIEW current_observation; DROP VIEW observation; " ..
  "DROP VIEW obs_current; DROP TABLE obs_revision'"))
print(pcall(db.known_at, db, "2024-12-31"))
print(pcall(db.observations_hash, db, "ctg-sud-avesnois-2023-2027"))
FIN
DBF="$TMP/sa.db" run "$CTG" "$TMP/ops.lua"
expect_rc 0
expect_out "empreinte	16	true"
expect_out "avant tout import	true"
expect_out "false	$TMP/sa.db : impossible de voir les données telles que connues à cette date"
expect_out "(SQLite : no such table: main.obs_revision)"
expect_out "false	$TMP/sa.db : impossible de lire les observations (SQLite : no such table: obs_current)"

t "a dictionary entry with an id ctg never writes is named by the kernel, exit 3, the database as it was"
rm -f "$TMP/sa.db"
"$CTG" --db "$TMP/sa.db" import "$SA/plan.lua" "$SA"/data/2023.yaml "$SA"/data/2024.yaml >/dev/null || echo "FAIL setup: import"
sqlite3 "$TMP/sa.db" "INSERT INTO obs_period VALUES (-3, '2099')"
before=$(sqlite3 "$TMP/sa.db" .dump | cksum)
run "$CTG" --db "$TMP/sa.db" eval --period 2024
expect_rc 3
expect_err "la base a été modifiée hors de ctg : la table obs_period, ligne id -3, colonne id ne contient pas ce que ctg y écrit (un identifiant entre 1 et 4${NB}294${NB}967${NB}294)"
expect_out_eq ""
[ "$(sqlite3 "$TMP/sa.db" .dump | cksum)" = "$before" ] || _fail "the database changed"
