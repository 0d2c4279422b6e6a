# ctg check on the example plan and on every kind of bad plan file.
PLAN="$ROOT/examples/clermont-ferrand/plan.lua"
MINI="$ROOT/tests/fixtures/plans/mini.lua"

# mini_with OLD NEW FILE: the mini plan with one literal edit, written to FILE
mini_with() { copy_with "$MINI" "$3" "$1" "$2"; }

t "the example plan: counts, the 5-D/5-E swap, exit 0"
run "$CTG" check "$PLAN" --format json
expect_rc 0
expect_out '"axes": 3,'; expect_out '"objectives": 8,'; expect_out '"actions": 15,'; expect_out '"steps": 63,'
expect_out '"sheets": 12,'; expect_out '"indicators": 53,'; expect_out '"stakes": 18,'; expect_out '"committees": 3,'
expect_out '"code": "step-code-letter"'
expect_out "l'étape D de l'action 5 est codée « 5-E »"; expect_out "l'étape E de l'action 5 est codée « 5-D »"
expect_out "les enjeux de progrès 5, 11, 13 sont numérotés"
expect_no_out '"severity": "error"'

t "the example plan in text: summary line and findings with file:line"
run "$CTG" check "$PLAN"
expect_rc 0
expect_out "3 axes, 8 objectifs, 15 actions, 63 étapes, 12 fiches, 53 indicateurs, 18 enjeux, 3 instances"
expect_out "attention : $PLAN:"; expect_out "[step-code-letter]"; expect_out "0 erreur, "

t "CTG_LANG=en: the same findings in English, the same codes"
CTG_LANG=en run "$CTG" check "$PLAN"
expect_rc 0
expect_out "3 axes, 8 objectives, 15 actions, 63 steps, 12 sheets, 53 indicators, 18 stakes, 3 committees"
expect_out "warning: $PLAN:214: step D of action 5 is coded '5-E'"; expect_out "[step-code-letter]"
expect_out "0 errors, 4 warnings, 1 note"

t "syntax error: located, exit 3, no stdlib traceback"
mini_with 'stake(2, "Deuxième enjeu")' 'stake(2, "Deuxième enjeu"' syntax.lua
run "$CTG" check syntax.lua
expect_rc 3; expect_out "erreur : syntax.lua:11: ')' expected (to close '(' at line 9) near 'territory'"; expect_no_out "stdlib/"; expect_no_err "traceback"

t "unknown field with a suggestion"
mini_with 'pilots = {"Pilote A"},' 'pilote = {"Pilote A"},' field.lua
run "$CTG" check field.lua
expect_rc 3; expect_out "erreur : field.lua:20: champ inconnu 'pilote' dans l'action 1 (vouliez-vous dire 'pilots' ?)"

t "wrong type: period = \"2021\""
mini_with 'period = {2021, 2025}' 'period = "2021"' type.lua
run "$CTG" check type.lua
expect_rc 3; expect_out "type.lua:4: le champ 'period' du plan mini doit être une paire d'années {première, dernière}, pas le texte \"2021\""
CTG_LANG=en run "$CTG" check type.lua
expect_rc 3; expect_out "type.lua:4: field 'period' of plan mini must be a pair of years {first, last}, got string \"2021\""

t "duplicate action number"
mini_with 'action(2, "Deuxième action")' 'action(1, "Deuxième action")' dup.lua
run "$CTG" check dup.lua
expect_rc 3; expect_out "dup.lua:24: l'action 1 est en double (première déclaration à dup.lua:19)"
CTG_LANG=en run "$CTG" check dup.lua
expect_rc 3; expect_out "dup.lua:24: duplicate action 1 (first declared at dup.lua:19)"

t "step C declared twice"
mini_with 'step("B", "Étape B")' 'step("C", "Étape C"), step("C", "Étape C bis")' step.lua
run "$CTG" check step.lua
expect_rc 3; expect_out "l'étape 1-C est en double"

t "sheet naming action 99"
mini_with 'actions = {1, 2},' 'actions = {1, 2, 99},' sheet.lua
run "$CTG" check sheet.lua
expect_rc 3; expect_out "la fiche 1+2+99 nomme l'action 99 dans 'actions' : ce code n'est déclaré nulle part"

t "indicator kind \"rate\" lists the allowed kinds"
mini_with 'kind = "ratio"' 'kind = "rate"' kind.lua
run "$CTG" check kind.lua
expect_rc 3; expect_out "doit être l'une des valeurs count, ratio, evolution, score, qualitative, max, pas le texte \"rate\""

t "empty title"
mini_with 'axis(1, "Premier axe")' 'axis(1, "")' empty.lua
run "$CTG" check empty.lua
expect_rc 3; expect_out "empty.lua:17: le champ 'title' de l'axe 1 ne doit pas être vide"

t "errors in JSON carry severity, code, file and line"
run "$CTG" check empty.lua --format json
expect_rc 3; expect_out '"severity": "error"'; expect_out '"code": "empty"'; expect_out '"file": "empty.lua"'; expect_out '"line": 17'

t "a missing plan file"
run "$CTG" check nowhere.lua
expect_rc 3; expect_out "nowhere.lua: impossible de lire le plan"

t "an unknown plan format"
printf 'x' > plan.txt
run "$CTG" check plan.txt
expect_rc 3; expect_out "format de plan inconnu : un fichier .lua ou .yaml est attendu"

t "check without a plan, outside a project, is a usage error saying what to name"
run "$CTG" check
expect_rc 2; expect_err "check : nommez le plan ou la correspondance à vérifier (ctg check plan.lua)"

t "10 MB of random bytes as a .lua plan: located error, no crash"
head -c 10000000 /dev/urandom > random.lua
run "$CTG" check random.lua
expect_rc 3; expect_out "erreur : random.lua"; expect_no_err "traceback"

t "10 MB of random bytes as a .yaml plan: located error, no crash"
cp random.lua random.yaml
run "$CTG" check random.yaml
expect_rc 3; expect_out "erreur : random.yaml:"; expect_no_err "traceback"

t "a plan YAML with a tab indentation error gives libyaml's line:column"
printf 'plan:\n  id: x\n\ttitle: y\n' > tab.yaml
run "$CTG" check tab.yaml
expect_rc 3; expect_out "erreur : tab.yaml:3:1: tabulation dans l'indentation (YAML n'indente qu'avec des espaces)"
