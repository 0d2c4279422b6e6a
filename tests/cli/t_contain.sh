# Code and projects from others, contained (issue 25): limits that always hold, outcomes only
# ctg decides, files that stay put, nothing run from the project, a safe terminal, a database
# that lies refused. Fixtures in tests/fixtures/contain/; the database is the Sud-Avesnois
# plan's (another shape than the example), compared whole before and after each attack.
FX="$ROOT/tests/fixtures/contain"
SA="$ROOT/tests/fixtures/sud-avesnois"
export CTG_DB="$TMP/sa.db"
"$CTG" import "$SA/plan.lua" "$SA"/data/2023.yaml "$SA"/data/2024.yaml >/dev/null || echo "FAIL setup: import"
cp -r "$FX" "$TMP/fx"
dump() { sqlite3 "$1" .dump | cksum; }
before=$(dump "$CTG_DB")
same_db() { [ "$(dump "${1:-$CTG_DB}")" = "${2:-$before}" ] || _fail "the database changed"; }
# run a command and note how long it took, in tenths of a second
timed() { t0=$(date +%s%N); run "$@"; t1=$(date +%s%N); tenths=$(( (t1 - t0) / 100000000 )); }
# within the limit plus the watchdog's grace (1 s) plus room for a loaded machine
within() { [ "$tenths" -le "$1" ] || _fail "took ${tenths}/10 s, more than $1/10 s"; }

# ---- 1. limits that always hold -----------------------------------------------------------

t "a report script stuck in one call into C is ended by the watchdog: exit 1, its file named, nothing written"
cd "$TMP/fx/limits"
timed "$CTG" report report-long-pattern.lua -o long.html --timeout 1 --period 2024
expect_rc 1; within 60
expect_err "ctg: report-long-pattern.lua: le script de rapport dépasse la limite de temps de 1 s et ne rend pas la main"
expect_err "rien n'a été écrit"
[ -z "$(ls -A | grep '^\.\?long')" ] || _fail "an output was left: $(ls -A)"
same_db

t "a plan file stuck in one call into C: ctg check and ctg import end at the limit, nothing stored"
timed "$CTG" check plan-long-pattern.lua --timeout 1
expect_rc 1; within 60; expect_err "plan-long-pattern.lua: le plan dépasse la limite de temps de 1 s et ne rend pas la main"
timed "$CTG" import plan-long-pattern.lua --timeout 0.5
expect_rc 1; within 50; expect_err "plan-long-pattern.lua: le plan dépasse la limite de temps de 0,5 s"
same_db
run "$CTG" import "$SA/data/2024.yaml"
expect_rc 0
before=$(dump "$CTG_DB")

t "a stored custom rule stuck in one call into C ends every later ctg rules at the limit; the lock is released"
cp "$CTG_DB" rule.db
run "$CTG" import plan-rule-long-pattern.lua --db rule.db --timeout 1
expect_rc 0
rule_before=$(dump rule.db)
timed "$CTG" rules --db rule.db --timeout 1 --period 2024
expect_rc 1; within 60
expect_err "plan-rule-long-pattern.lua: la règle « piège » dépasse la limite de temps de 1 s et ne rend pas la main"
same_db rule.db "$rule_before"
# nothing holds the database: an import goes through at once
CTG_BUSY_TIMEOUT_MS=100 run "$CTG" import "$SA/data/2023.yaml" --db rule.db
expect_rc 0

t "an error object whose __tostring never returns is stopped within the limits, at the script's line"
timed "$CTG" report report-tostring-loop.lua -o loop.html --timeout 1 --period 2024
expect_rc 1; within 50
expect_err "report-tostring-loop.lua:3: le script de rapport dépasse la limite de temps de 1 s"
[ ! -e loop.html ] || _fail "an output was written"

t "a finalizer (__gc) is refused where it is set; a looping __close is stopped within the limits"
run "$CTG" report report-gc.lua -o gc.html --period 2024
expect_rc 1; expect_err "report-gc.lua:4: __gc n'est pas permis dans un script de rapport : un finaliseur s'exécuterait après le script"
[ ! -e gc.html ] || _fail "an output was written"
timed "$CTG" report report-close-loop.lua -o close.html --timeout 1 --period 2024
expect_rc 1; within 50; expect_err "report-close-loop.lua:5: le script de rapport dépasse la limite de temps de 1 s"
same_db

t "a loop of avenants is a located French error (exit 3), in check and in import; nothing stored"
cd "$TMP/fx/amend-loop"
run "$CTG" check avenant-1.lua
expect_rc 3
expect_out "avenant-2.lua:1: amends : les avenants forment une boucle : avenant-1.lua → avenant-2.lua → ./avenant-1.lua"
run "$CTG" import avenant-self.lua
expect_rc 3; expect_err "avenant-self.lua:2: amends : les avenants forment une boucle : avenant-self.lua → avenant-self.lua"
same_db

# ---- 3. outcomes only ctg decides ---------------------------------------------------------

t "an error dressed as ctg's exit error chooses no exit code: a report script and a stored rule"
cd "$TMP/fx/outcome"
run "$CTG" report report-fake-exit.lua -o fake.html --period 2024
expect_rc 1; expect_err "ctg: report-fake-exit.lua:3: rien de grave"; expect_no_err "build terminé"
[ ! -e fake.html ] || _fail "an output was written"
cp "$CTG_DB" exit.db
run "$CTG" import plan-rule-fake-exit.lua --db exit.db
expect_rc 0
run "$CTG" rules --db exit.db --period 2024
# exit 1: a rule in error, as ctg decides (never the 0 the rule asked for)
expect_rc 1; expect_out "la règle « sortie » a échoué : plan-rule-fake-exit.lua:9: (erreur sans message : une valeur de type table)"
same_db

t "a table dressed as a document is refused; the document's methods are out of reach"
run "$CTG" report report-fake-document.lua -o fakedoc.html --period 2024
expect_rc 1; expect_err "report-fake-document.lua: le script doit renvoyer un document fait par ctx.report.new{…}, pas une table qui y ressemble"
[ ! -e fakedoc.html ] || _fail "an output was written"

t "the provenance is ctg's: a script's own is replaced"
run "$CTG" report report-forged-provenance.lua -o prov.md --period 2024
expect_rc 0
grep -q "plan-forge" prov.md && _fail "the forged provenance was printed"
grep -q "ctg-sud-avesnois-2023-2027 v1" prov.md || _fail "ctg's provenance is missing: $(tail -12 prov.md)"
grep -q "report-forged-provenance.lua" prov.md || _fail "the script is not named in the provenance"

t "a document whose blocks answer through a metatable is refused before rendering (no hang)"
timed "$CTG" report report-lazy-blocks.lua -o lazy.html --timeout 1 --period 2024
expect_rc 1; within 30
expect_err "report-lazy-blocks.lua: le document renvoyé par le script n'est plus fait de données simples (document.blocks"
[ ! -e lazy.html ] || _fail "an output was written"
same_db
cd "$TMP"
