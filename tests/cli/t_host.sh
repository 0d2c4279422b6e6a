# The host: scripts, -e, stdin, exit codes, error locations, help and version.

t "-e runs a chunk with the embedded stdlib"
run "$CTG" -e 'print(require("ctg.fmt").euros(1600000))'
expect_rc 0; expect_out_eq "1${NB}600${NB}000${NB}€"

t "--version names ctg, Lua 5.4, SQLite and libyaml"
run "$CTG" --version
expect_rc 0; expect_out "ctg 0."; expect_out "Lua 5.4"; expect_out "SQLite 3."; expect_out "libyaml 0."

t "a script gets arg and ... like lua"
printf 'print(arg[0], arg[1], arg[2], select("#", ...))\n' > args.lua
run "$CTG" args.lua one two
expect_rc 0; expect_out_eq "args.lua	one	two	2"

t "an error on line 3 of a script is reported at script.lua:3 with exit 1"
printf 'local x = 1\nlocal y = 2\nerror("boom")\n' > script.lua
run "$CTG" script.lua
expect_rc 1; expect_err "ctg: script.lua:3: boom"; expect_no_err "traceback"

t "--traceback adds the traceback"
run "$CTG" --traceback script.lua
expect_rc 1; expect_err "script.lua:3: boom"; expect_err "stack traceback"

t "an error raised inside the stdlib is located in the user's script"
printf '\nlocal fmt = require("ctg.fmt")\nprint(fmt.number("12"))\n' > bad_arg.lua
run "$CTG" bad_arg.lua
expect_rc 1; expect_err "ctg: bad_arg.lua:3:"; expect_no_err "stdlib/"

t "a syntax error names the file and line"
printf 'x = = 1\n' > syntax.lua
run "$CTG" syntax.lua
expect_rc 1; expect_err "ctg: syntax.lua:1:"

t "a script read from stdin with -"
run_in 'print(6 * 7)' "$CTG" -
expect_rc 0; expect_out_eq "42"

t "-e errors exit 1 with the command-line location"
run "$CTG" -e 'error("bad")'
expect_rc 1; expect_err "ctg: (command line):1: bad"

t "-e before a script runs first"
printf 'print(x)\n' > show.lua
run "$CTG" -e 'x = 5' show.lua
expect_rc 0; expect_out_eq "5"

t "an unknown option is a usage error with a hint"
run "$CTG" --bogus
expect_rc 2; expect_err "option inconnue '--bogus'"; expect_err "ctg --help"

t "a mistyped subcommand is a usage error with a suggestion"
run "$CTG" chek plan.lua
expect_rc 2; expect_err "sous-commande inconnue 'chek' (vouliez-vous dire 'check' ?)"

t "an unknown subcommand option is a usage error"
run "$CTG" check --frmat json x.lua
expect_rc 2; expect_err "option inconnue '--frmat' (vouliez-vous dire '--format' ?)"

t "--help lists subcommands and exit codes"
run "$CTG" --help
expect_rc 0; expect_out "Sous-commandes :"; expect_out "check"; expect_out "Codes de sortie :"; expect_out "3  données invalides"; expect_out "CTG_LANG"

t "help SUBCOMMAND and SUBCOMMAND --help print its usage"
run "$CTG" help check
expect_rc 0; expect_out "usage : ctg check [PLAN|CORRESPONDANCE.lua]"
run "$CTG" export --help
expect_rc 0; expect_out "usage : ctg export PLAN"

t "help on an unknown topic suggests"
run "$CTG" help vocabulery
expect_rc 2; expect_err "vouliez-vous dire 'vocabulary' ?"

t "help vocabulary is generated from the schema"
run "$CTG" help vocabulary
expect_rc 0; expect_out "action(numero, titre) { … }"; expect_out "pilotes (pilots)"; expect_out "une valeur parmi comptage, taux, evolution, score, qualitatif"
expect_out "etape(lettre, titre) { … }  (step)  — en YAML : etapes (steps)"
expect_out "valeurs : comptage (count), taux (ratio), evolution, score, qualitatif (qualitative)"
expect_out "gravite (severity)"; expect_out "valeurs : info, attention (warning), critique (critical)"
expect_out 'avenant "ID-DU-PLAN" { … }  (amendment)'; expect_out "date_effet (effective)"; expect_out "retirer { action = 7"

t "the global ctg is loaded on first use"
run "$CTG" -e 'print(type(ctg.load), ctg.fmt.percent(0.135))'
expect_rc 0; expect_out_eq "function	13,5${NB}%"

t "CTG_PATH makes require read a source tree"
mkdir -p dev/ctg && printf 'return {answer = 41}\n' > dev/ctg/fmt.lua
out=$(CTG_PATH="$TMP/dev" "$CTG" -e 'print(require("ctg.fmt").answer + 1)' 2>&1); rc=$?
expect_rc 0; expect_out_eq "42"

t "the stdlib is embedded: a copied binary works elsewhere"
cp "$CTG" ./ctg-copy
run ./ctg-copy -e 'print(require("ctg.schema").kinds.action.plural)'
expect_rc 0; expect_out_eq "actions"

t "help store: what one SQLite file holds at scale, measured, and the PostgreSQL mapping for several writers"
run "$CTG" help store
expect_rc 0
expect_out "45 Mo par million d'observations"; expect_out "1,22 × le plancher"; expect_out "de 250 000 cellules le moteur relit les observations par fenêtres"; expect_out "résumé (outline : indicateurs, territoires"
expect_out "obs_revision   le journal de toutes les révisions"; expect_out "latest = 1 sur la dernière révision"
expect_out "obs_plan, obs_record, obs_subject, obs_period, obs_territory, obs_dims"
expect_out "une base d'un ctg plus récent est refusée"
expect_out "pg_advisory_xact_lock"; expect_out "REPEATABLE READ"; expect_out "COPY … FROM STDIN"

t "help eval: the command's usage, then the evaluation from Lua (a topic as well as a command)"
run "$CTG" help eval
expect_rc 0
expect_out "usage : ctg eval [--plan ID] [--period P|all]"; expect_out "local ev = ctg.evaluate(db:plan(), db"
expect_out "par fenêtres d'indicateurs, dans l'ordre du plan"
run "$CTG" eval --help
expect_rc 0; expect_out "usage : ctg eval"
case "$out" in *"ctg.evaluate(db:plan()"*) _fail "eval --help prints the Lua guide too";; esac
