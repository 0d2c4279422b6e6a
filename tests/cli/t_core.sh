# The C core under its binding: what reaches the analyst when the engine's store fails under it.
cd "$TMP" || exit 1
SA="$ROOT/tests/fixtures/sud-avesnois"

# sud-avesnois with one breakdown of its own (ages of the children in leisure centres)
copy_with "$SA/plan.lua" plan.lua \
  'indicator "enfants_alsh" { label = "Enfants accueillis en accueil de loisirs", kind = "count", time = "sum" }' \
  'indicator "enfants_alsh" { label = "Enfants accueillis en accueil de loisirs", kind = "count", time = "sum", by = {"age"} }'
cat > ages.yaml <<'YAML'
plan: ctg-sud-avesnois-2023-2027
source: "Tranches d'âge (test)"
observations:
  - {indicator: enfants_alsh, period: 2025, territory: fourmies, value: 210, age: "3-5"}
  - {indicator: enfants_alsh, period: 2025, territory: fourmies, value: 190, age: "6-11"}
YAML
"$CTG" --db clean.db import plan.lua "$SA"/data/2023.yaml "$SA"/data/2024.yaml ages.yaml > /dev/null \
  || echo "FAIL t_core.sh: the import failed"

# value.lua DB [TABLE] [DIM]: an evaluation holding one window at a time; TABLE dropped by
# another program after it is built; then the last count of the plan (in another window
# than the first), or with DIM the breakdown of enfants_alsh
cat > value.lua <<'LUA'
local d = require("ctg.db").open(arg[1])
local p = d:plan()
local ev = require("ctg.eval").new(p, d, { max_cells = 1 })
if arg[2] and arg[2] ~= "" then assert(os.execute("sqlite3 " .. arg[1] .. " 'DROP TABLE " .. arg[2] .. "'")) end
local r
if arg[3] then
  r = ev:value("enfants_alsh", { period = "2025", territory = "fourmies", dim = "age", dim_value = arg[3] })
else
  local last
  for i = #p.indicators, 2, -1 do if p.indicators[i].kind == "count" then last = p.indicators[i] break end end
  r = ev:value(last.id, { period = "2024" })
end
print(r.value, ev.engine:windows())
LUA

t "the engine reads a window again from its own store: a value past the first window"
cp clean.db a.db
run "$CTG" value.lua a.db
expect_rc 0
case "$out" in *"	1") ;; *) _fail "expected one window read again: $out";; esac

t "a read failure while the engine reads a window: the store's French message, not a stack slot's type"
cp clean.db b.db
run "$CTG" value.lua b.db obs_period
expect_rc 1
expect_err "b.db : impossible de lire les observations (SQLite : no such table: obs_period)"
expect_no_err "bad self"
expect_no_err "ctg.Store expected"

t "a breakdown read on first use from the engine's store"
cp clean.db c.db
run "$CTG" value.lua c.db "" 6-11
expect_rc 0
case "$out" in "190	"*) ;; *) _fail "expected 190 children aged 6-11: $out";; esac

t "a read failure while the engine reads a breakdown: the store's French message"
cp clean.db d.db
run "$CTG" value.lua d.db obs_dims 6-11
expect_rc 1
expect_err "d.db : impossible de lire les observations (SQLite : no such table: obs_dims)"
expect_no_err "bad self"

t "a store closed before the engine reads: said in French"
cat > closed.lua <<'LUA'
local d = require("ctg.db").open(arg[1])
local p = d:plan()
local ev = require("ctg.eval").new(p, d, { max_cells = 1 })
d.store:close()
ev:value(p.indicators[#p.indicators].id, { period = "2024" })
LUA
cp clean.db e.db
run "$CTG" closed.lua e.db
expect_rc 1
expect_err "la base est fermée"
expect_no_err "bad self"

t "a judge spec the core refuses: said through the catalogue as ctg's own error, exit 1"
cat > spec.lua <<'LUA'
local store = require("ctg.store")
local spec = { earliest = 2018, first = 2020, last = 2025, latest = 2030, plan_id = "p", territories = { "a" },
  city = arg[1], territory = function() end, indicators = { n = { kind = "count", rows = "value", whole = true } } }
local ok, err = pcall(store.judge, spec)
print(ok, err)
LUA
run "$CTG" spec.lua a
expect_rc 0
expect_out "true"
run "$CTG" spec.lua b
expect_out "false	erreur interne de ctg : judge spec: the city b is not a territory (signalez-la avec la commande lancée)"
run env CTG_LANG=en "$CTG" spec.lua b
expect_out "false	ctg internal error: judge spec: the city b is not a territory (please report it with the command run)"

t "the engine's CSV rows that cannot be written: the catalogue's sentence and exit 5, not English"
if [ -w /dev/full ]; then
  out=$("$CTG" --db clean.db eval --territory all --period all --format csv 2>"$TMP/.err" >/dev/full); rc=$?
  err=$(cat "$TMP/.err")
  expect_rc 5
  expect_err "impossible d'écrire les valeurs : plus de place sur le disque"
  expect_no_err "cannot write"
fi
