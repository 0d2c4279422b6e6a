# The REPL with piped input: evaluation, printing, multi-line chunks, errors, exit codes.

t "repl: an expression prints its value"
run_in 'x = 40
x + 2
' "$CTG" repl
expect_rc 0; expect_out_eq "42"; expect_no_err "error"

t "repl: a function defined over several lines, then called"
run_in 'function double(a)
  return a * 2
end
double(21)
' "$CTG" repl
expect_rc 0; expect_out_eq "42"

t "repl: a leading = evaluates an expression"
run_in '=1+1
' "$CTG" repl
expect_rc 0; expect_out_eq "2"

t "repl: tables are pretty-printed with sorted keys, strings quoted"
run_in '{b = {1, 2, 3}, a = "x", [1] = true}
' "$CTG" repl
expect_rc 0; expect_out_eq '{true, a = "x", b = {1, 2, 3}}'

t "repl: a table spanning lines is one chunk"
run_in 't = {
  name = "plot",
  sizes = {10, 20},
}
t
' "$CTG" repl
expect_rc 0; expect_out_eq '{name = "plot", sizes = {10, 20}}'

t "repl: several results are separated by tabs; statements print nothing"
run_in 'local a = 1
return 1, "two", nil
' "$CTG" repl
expect_rc 0; expect_out_eq '1	"two"	nil'

t "repl: an error is reported, later lines still run, exit code 1"
run_in 'error("boom")
x = = 1
print("after")
1 + 1
' "$CTG" repl
expect_rc 1
expect_err "erreur : [saisie]:1: boom"
expect_err "erreur : [saisie]:2: symbole inattendu près de '='"
expect_out "after"; expect_out "2"

t "repl: errors name the line of the input, Lua's messages in French (English with CTG_LANG=en)"
run_in 'x = 1
function f()
  return nope.field
end

f()
nope()
1 + {}
for i = 1, 2 do
' "$CTG" repl
expect_rc 1
expect_err "erreur : [saisie]:3: lecture d'un champ impossible : la variable globale « nope » vaut nil, pas une table"
expect_err "erreur : [saisie]:7: appel impossible : la variable globale « nope » vaut nil, pas une fonction"
expect_err "erreur : [saisie]:8: calcul impossible : la valeur est une table, pas un nombre"
expect_err "erreur : [saisie]:10: « end » attendu pour fermer « for » de la ligne 9, près de la fin de la saisie"
expect_no_err "stdin"; expect_no_err "saisie@"; expect_no_err "attempt to"
run_in 'x = = 1
nope()
' env CTG_LANG=en "$CTG" repl
expect_rc 1
expect_err "error: [input]:1: unexpected symbol near '='"
expect_err "error: [input]:2: cannot call: the global 'nope' is nil, not a function"
expect_no_err "erreur"; expect_no_err "saisie"

t "repl: an unclosed string is an error and does not swallow the next line"
run_in '"abc
10
' "$CTG" repl
expect_rc 1; expect_err "[saisie]:1: texte non terminé près de '\"abc'"; expect_out_eq "10"

t "repl: input ending inside a chunk is an error"
run_in 'for i = 1, 2 do
' "$CTG" repl
expect_rc 1; expect_err "[saisie]:2: « end » attendu pour fermer « for » de la ligne 1"

t "repl: ctg.pretty is available to scripts"
run_in 'require("ctg.pretty").format({z = 1, a = {1, 2}})
' "$CTG" repl
expect_rc 0; expect_out_eq '"{a = {1, 2}, z = 1}"'

t "repl: the global ctg works from the repl"
run_in 'type(ctg.load)
' "$CTG" repl
expect_rc 0; expect_out_eq '"function"'

t "repl: empty input exits 0 and writes no history in pipe mode"
run_in '' "$CTG" repl
expect_rc 0; expect_out_eq ""
[ ! -e "$HOME/.ctg_history" ] || _fail "history file written in pipe mode"
run_in '1
' env CTG_HISTORY="$TMP/hist" "$CTG" repl
[ ! -e "$TMP/hist" ] || _fail "CTG_HISTORY written in pipe mode"

# On a terminal (a pseudo-terminal from util-linux's script(1), part of every Debian): the
# prompts, the values, and the history file. script sends Ctrl-D when its input ends.
# (Not under valgrind: its start-up is slower than script(1)'s end-of-input Ctrl-D, which then
# arrives before the line editor reads the terminal; the same tests run under ASan.)
case "$CTG" in *valgrind*) terminal_tests=no;; *) terminal_tests=yes;; esac
if [ "$terminal_tests" = yes ] && command -v script >/dev/null 2>&1; then
  t "repl on a terminal: prompts, continuation lines, values, history saved"
  run_in 'x = 40
x + 2
function f()
return 1
end
f()
' env CTG_HISTORY="$TMP/hist" timeout 20 script -qec "$CTG repl" /dev/null
  expect_rc 0
  expect_out "ctg> x + 2"; expect_out "42"; expect_out "  … return 1"
  expect_out "— help() pour commencer, quit pour sortir"
  grep -q '^_HiStOrY_V2_' "$TMP/hist" 2>/dev/null || _fail "no history file at \$CTG_HISTORY"
  grep -q '^x\\040+\\0402$' "$TMP/hist" 2>/dev/null || _fail "history lacks 'x + 2'"

  t "repl on a terminal: history defaults to ~/.ctg_history and is read back (Up arrow)"
  run_in '20 + 22
' timeout 20 script -qec "$CTG repl" /dev/null
  [ -f "$HOME/.ctg_history" ] || _fail "no ~/.ctg_history"
  up=$(printf '\033[A')
  run_in "$up
" timeout 20 script -qec "$CTG repl" /dev/null
  expect_rc 0; expect_out "20 + 22"; expect_out "42"
fi

# The guide: help, the ctg modules, summaries of big objects, errors at the user's line.
EX="$ROOT/examples/clermont-ferrand"
"$CTG" --db "$TMP/guide.db" import "$EX/plan.lua" "$EX"/data/2023.yaml >/dev/null

t "repl: help() is a French guide, help(x) describes ctg objects and functions, ctg lists its modules"
run_in 'help()
help(ctg.load)
ctg
help(ctg)
help({a = 1})
' "$CTG" repl
expect_rc 0
expect_out "charger un plan"; expect_out "ouvrir la base"; expect_out "évaluer"; expect_out "ev:explain"
expect_out "ctg report scripts/bilan-annuel.lua"; expect_out "quitter"
expect_out "ctg.load(chemin) : charge un plan"
expect_out "ctg.open                     ouvrir une base de données"; expect_no_out "{}"
expect_out "une table ; ses champs : a"

t "repl: an evaluation prints as a summary, a plan too, a long list is cut at 30 lines saying how to see more"
run_in 'p = ctg.load("'"$EX"'/plan.lua")
ev = ctg.evaluate(p, ctg.open("'"$TMP"'/guide.db"), {period = 2023})
ev
help(ev)
p
p.indicators
' "$CTG" repl
expect_rc 0
expect_out "<Evaluation> ctg-clermont-2021-2025, période 2023, territoire Clermont-Ferrand : 53 indicateurs"
expect_out "ev:value(id, {period = …, territory = …})"
expect_out "3 axes, 8 objectifs, 15 actions, 53 indicateurs"
expect_out "lignes de plus : print(require(\"ctg.pretty\").format(x"
[ "$(printf '%s\n' "$out" | wc -l)" -lt 60 ] || _fail "$(printf '%s\n' "$out" | wc -l) lines printed"

t "repl: API misuse is a French error at the user's line, with a suggestion, never a stdlib path"
run_in 'p = ctg.load("'"$EX"'/plan.lua")
ev = ctg.evaluate(p, ctg.open("'"$TMP"'/guide.db"), {period = 2023})
ev:explain("places_101")
ctg.check(p)
function f()
  local v = ev:value("places_10")
  return v
end
f()
' "$CTG" repl
expect_rc 1
expect_err "erreur : [saisie]:3: ev:explain : indicateur inconnu 'places_101' (vouliez-vous dire 'places_100' ?)"
expect_err "erreur : [saisie]:4: ctg.check attend le chemin d'un fichier de plan, pas un plan déjà chargé"
expect_err "erreur : [saisie]:6: ev:value : indicateur inconnu 'places_10' (vouliez-vous dire 'places_100' ?)"
expect_no_err "stdlib/"; expect_no_err "ctg/eval.lua"

t "repl: values as written (729, not 729.0), query results as a grid in the SQL's column order, French numbers"
run_in '729.0
{n = 2.0, x = 2.5}
d = ctg.open("'"$TMP"'/guide.db")
d:query("select 1 as n, 2.0 as m, '"'"'a b'"'"' as t union all select 10, 3.5, '"'"'c'"'"'")
d:query("select 1 as zeta, 2 as alpha where 0")
d:query("select 7 as only")
' "$CTG" repl
expect_rc 0
expect_out "729"; expect_no_out "729.0"; expect_out "{n = 2, x = 2.5}"
expect_out "n   m    t"; expect_out "1   2    a b"; expect_out "10  3,5  c"; expect_out "(2 lignes)"
expect_out "zeta  alpha"; expect_out "(aucune ligne)"; expect_out "(1 ligne)"

t "repl: a db:query result keeps its SQL column order for scripts (getmetatable(rows).columns)"
run_in 'd = ctg.open("'"$TMP"'/guide.db")
table.concat(getmetatable(d:query("select 1 as zeta, 2 as alpha, 3 as mid")).columns, ",")
' "$CTG" repl
expect_rc 0; expect_out_eq '"zeta,alpha,mid"'

t "repl: quit and exit leave the session, what follows is not run"
run_in 'print("before")
quit
print("after")
' "$CTG" repl
expect_rc 0; expect_out_eq "before"
run_in 'exit()
print("after")
' "$CTG" repl
expect_rc 0; expect_out_eq ""
