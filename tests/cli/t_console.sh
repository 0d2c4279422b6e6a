# The console as a person uses it (issue 26): statements then an expression on one line, a
# wrong line reported at once, grids that fit the terminal, help on every object and method,
# stored versions and plan differences. Piped, and in tmux on a real terminal.
cd "$TMP" || exit 1

cat > lac.lua <<'LUA'
plan "ctg-lac-2023-2027" { title = "CTG du Lac", period = {2023, 2027}, signed = "2023-01-15" }
territory("lac", "Agglomération du Lac") { level = "epci" }
territory("rive-nord", "Rive nord, des Pêcheurs aux Vignes, un quartier au nom très long") { level = "commune", parent = "lac" }
territory("rive-sud", "Rive sud") { level = "commune", parent = "lac" }
axis(1, "Parentalité") { action(1, "Ouvrir un lieu d'accueil enfants-parents") }
sheet { actions = {1}, indicator "familles" { label = "Familles reçues", kind = "count", time = "sum" } }
LUA
cat > lac-obs.csv <<'CSV'
indicateur;periode;territoire;valeur;source
familles;2023;rive-nord;40;Relevé du lieu d'accueil enfants-parents, fiche de fréquentation trimestrielle consolidée
familles;2024;rive-sud;25;Relevé
CSV
"$CTG" import lac.lua lac-obs.csv --db lac.db >/dev/null 2>&1 || echo "setup: import failed"
# a second version: the avenant renames the action and adds a territory
copy_with lac.lua lac-v2.lua '"Ouvrir un lieu d'"'"'accueil enfants-parents"' '"Ouvrir deux lieux d'"'"'accueil"' \
  'signed = "2023-01-15"' 'signed = "2024-06-01"' \
  'territory("rive-sud", "Rive sud") { level = "commune", parent = "lac" }' \
  'territory("rive-sud", "Rive sud") { level = "commune", parent = "lac" }
territory("ile", "Île aux Oiseaux") { level = "commune", parent = "lac" }'
"$CTG" import lac-v2.lua --db lac.db >/dev/null 2>&1 || echo "setup: second version failed"

t "console: statements then an expression on one line show the expression; x = 1 x is an error at once"
run_in 'x = 1; x
local t = {}; t[#t + 1] = "a"; #t, t[1]
x = 1 x
"suivant"
y =
"encore"
' "$CTG" repl
expect_rc 1
expect_out_eq '1
1	"a"
"suivant"
"encore"'
expect_err "erreur : [saisie]:3: erreur de syntaxe près de la fin de la saisie : une valeur seule n'est pas une instruction"
expect_err "erreur : [saisie]:5: symbole inattendu près de la fin de la saisie"
expect_no_err "syntax error"; expect_no_err "near"

t "console: help(db) and help(ev) list every method; help(db.plan) describes the method"
run_in 'db = ctg.open()
help(db)
help(db.plan)
ev = ctg.evaluate(nil, db, {period = 2024})
help(ev)
help(ev.plan:root())
' "$CTG" --db lac.db repl
expect_rc 0
for m in $("$CTG" -e 'local n = {} for k, v in pairs(require("ctg.db").class) do
    if type(v) == "function" and not k:match("^_") then n[#n + 1] = k end end print(table.concat(n, " "))'); do
  expect_out "db:$m"
done
for m in $("$CTG" -e 'local n = {} for k, v in pairs(require("ctg.eval").class) do
    if type(v) == "function" and not k:match("^_") then n[#n + 1] = k end end print(table.concat(n, " "))'); do
  expect_out "ev:$m"
done
expect_out "db:plan — méthode d'un objet Database : db:plan([\"ID\" ou \"ID@N\" ou \"ID@AAAA-MM-JJ\"])"
expect_out "Territoire lac — Agglomération du Lac (epci)"
expect_out "t:children, t:groups, t:members, t:parent_territory"

t "console: db:plan(\"ID@1\") loads a stored version; a version it lacks is named with those it has"
run_in 'db = ctg.open()
p1 = db:plan("ctg-lac-2023-2027@1")
p1:action(1).title
db:plan("ctg-lac-2023-2027@2"):action(1).title
db:plan("ctg-lac-2023-2027@2024-01-01"):action(1).title
db:plan("ctg-lac-2023-2027@7")
db:plan("ctg-lak-2023-2027@1")
' "$CTG" --db lac.db repl
expect_rc 1
expect_out_eq "\"Ouvrir un lieu d'accueil enfants-parents\"
\"Ouvrir deux lieux d'accueil\"
\"Ouvrir un lieu d'accueil enfants-parents\""
expect_err "erreur : [saisie]:6: db:plan : le plan ctg-lac-2023-2027 n'a pas de version 7 (versions enregistrées : 1, 2)"
expect_err "erreur : [saisie]:7: db:plan : aucun plan « ctg-lak-2023-2027 » dans lac.db (vouliez-vous dire 'ctg-lac-2023-2027@1' ?)"

t "console: ctg.diff prints as ctg diff does, for stored versions and files"
run "$CTG" --db lac.db diff ctg-lac-2023-2027@1 ctg-lac-2023-2027@2
expect_rc 0; expected=$out
expect_out "+ territoire ile"
run_in 'ctg.diff("ctg-lac-2023-2027@1", "ctg-lac-2023-2027@2")
' "$CTG" --db lac.db repl
expect_rc 0; expect_out_eq "$expected"
run "$CTG" -e 'print(ctg.diff("lac.lua", "lac-v2.lua"))'
expect_rc 0; expect_out_eq "$expected"
run "$CTG" -e 'ctg.diff("lac.lua", 3)'
expect_rc 1; expect_err "(command line):1: ctg.diff attend des plans, des fichiers de plan ou des versions enregistrées"

t "console: a grid cuts long cells with … to fit 100 columns when piped"
run_in 'ctg.open():query("SELECT subject, period, territory, source FROM current_observation ORDER BY period")
' "$CTG" --db lac.db repl
expect_rc 0; expect_out "…"
expect_out "familles  2023     rive-nord"
longest=$(printf '%s\n' "$out" | "$CTG" -e 'local n = 0 for l in io.lines() do n = math.max(n, utf8.len(l)) end print(n)')
[ "$longest" -le 100 ] || _fail "a line of $longest columns"

t "console in tmux: a real terminal of 60 columns"
if command -v tmux >/dev/null 2>&1; then
  sock="ctg-console-$$"
  tmux -L "$sock" -f /dev/null new-session -d -x 60 -y 50 \
    "env CTG_HISTORY='$TMP/hist' '$CTG' --db '$TMP/lac.db' repl; sleep 30"
  screen() { tmux -L "$sock" capture-pane -p -S -500 -t 0; }
  # wait (10 s at most: a loaded machine, a sanitized build) until the pane shows $1
  wait_for() {
    i=0
    while [ $i -lt 100 ]; do
      case "$(screen)" in *"$1"*) return 0;; esac
      sleep 0.1; i=$((i + 1))
    done
    return 1
  }
  wait_for "ctg>" || _fail "no prompt"
  tmux -L "$sock" send-keys 'x = 41; x + 1' Enter
  wait_for "42" || _fail "x = 41; x + 1 printed nothing"
  tmux -L "$sock" send-keys 'x = 1 x' Enter
  wait_for "erreur de syntaxe" || _fail "x = 1 x: no error at once"
  tmux -L "$sock" send-keys '"apres"' Enter
  wait_for '"apres"' || _fail "the next command was swallowed"
  tmux -L "$sock" send-keys 'db = ctg.open(); db:plans()' Enter
  wait_for "(2 lignes)" || _fail "no grid of db:plans()"
  tmux -L "$sock" send-keys 'db:query("SELECT territory, source FROM current_observation")' Enter
  wait_for "(2 lignes)" || true
  wait_for "rive-sud" || _fail "no grid of the query"
  tmux -L "$sock" send-keys 'help(db)' Enter
  wait_for "db:periods_with_data" || _fail "help(db) does not list db:periods_with_data"
  out=$(screen); rc=0; err=""
  # the lines as printed, not as the terminal wrapped them: the grids' own lines must fit
  joined=$(tmux -L "$sock" capture-pane -p -J -S -500 -t 0)
  tmux -L "$sock" kill-server 2>/dev/null
  expect_out "…"
  wide=$(printf '%s\n' "$joined" | grep -E '──|^(pl…|ct…|territory|rive-)' |
         "$CTG" -e 'local n = 0 for l in io.lines() do n = math.max(n, utf8.len(l)) end print(n)')
  [ "$wide" -le 60 ] || _fail "a grid line of $wide columns in a 60-column terminal"
  [ "$wide" -ge 50 ] || _fail "the grids use $wide of the terminal's 60 columns"
  case "$out" in *"pl…"*"ve…"*"(2 lignes)"*) ;; *) _fail "the grid of db:plans() lost its header";; esac
  expect_no_out "syntax error"
fi
