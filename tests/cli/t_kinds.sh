# The indicator kinds declared once (ctg.kinds, issue 27 point 3), through a kind added by
# its declaration and its accumulator alone: maximum, the highest figure over territories.
# On an invented intercommunality of four communes (tests/fixtures/val-de-brume), not the
# example's city nor Sud-Avesnois.
FIX="$ROOT/tests/fixtures/val-de-brume"
cd "$TMP" || exit 1
"$CTG" import "$FIX/plan.lua" "$FIX/observations.csv" --db vdb.db >/dev/null 2>&1 || echo "FAIL $FILE :: setup import"

t "a maximum indicator checks: its French name, no error"
run "$CTG" check "$FIX/plan.lua"
expect_rc 0; expect_out "0 erreur"

t "the EPCI's maximum is its largest commune's figure, never the sum (the count beside it sums)"
run "$CTG" eval --db vdb.db --period 2025 --territory all
expect_rc 0
expect_out "plus_grande_creche  Communauté de communes du Val de Brume  60                    70     non atteint"
expect_out "places              Communauté de communes du Val de Brume  144"
expect_out "plus_grande_creche  Bourgs-centres                          48"
expect_out "places              Bourgs-centres                          72"

t "a commune without figures makes the maximum partial, and it is named"
run "$CTG" eval --db vdb.db --period 2026 --territory vdb --indicator plus_grande_creche --format json
expect_rc 0
expect_out '"value": 55,'; expect_out '"partial": true,'; expect_out '"members": 4,'; expect_out '"with_data": 3,'
expect_out '"territory": "vaux-le-pre"'

t "--explain gives the maximum's formula, the partial roll-up and the missing commune"
run "$CTG" eval --db vdb.db --period 2026 --explain plus_grande_creche
expect_rc 0
expect_out "formule : le plus haut chiffre des territoires membres (jamais leur somme) ; dans le temps : dernier"
expect_out "valeur : 55"
expect_out "agrégat partiel : 3 sur 4 territoires ; manque Vaux-le-Pré : aucune donnée"
expect_out "cible : 70 en 2027, annuelle — en recul"

t "over time a maximum takes the last month by default (40 in September, not 64 + 40)"
run "$CTG" eval --db vdb.db --period 2027 --territory brumont --indicator plus_grande_creche --format json
expect_rc 0; expect_out '"value": 40'; expect_no_out '"value": 104'

t "its target is the plan territory's, not each commune's"
run "$CTG" eval --db vdb.db --period 2025 --territory saint-orel --indicator plus_grande_creche --format json
expect_rc 0; expect_no_out '"target"'

t "in English the formula says so too"
CTG_LANG=en run "$CTG" eval --db vdb.db --period 2026 --explain plus_grande_creche
expect_rc 0; expect_out "formula: the highest figure of the member territories (never their sum); over time: last"

t "a maximum's row gives a value: numerator and denominator are refused, the database unchanged"
cp vdb.db bad.db
printf 'indicateur;periode;territoire;valeur;numerateur;denominateur\nplus_grande_creche;2025;lanterne;;3;4\n' > ratio.csv
run "$CTG" import ratio.csv --db bad.db
expect_rc 3
expect_err "ratio.csv:2:5: l'indicateur plus_grande_creche est de nature maximum : donnez value, pas numerator et denominator"
expect_err "rien n'a été importé (la base est inchangée)"
cmp -s vdb.db bad.db || _fail "the database changed"

t "a maximum's row with a text instead of a value is refused"
printf 'plan: ctg-val-de-brume-2025-2027\nsource: test\nobservations:\n  - {indicator: plus_grande_creche, period: 2025, territory: lanterne, text: "grande"}\n' > text.yaml
run "$CTG" import text.yaml --db bad.db
expect_rc 3; expect_err "text.yaml:4: l'indicateur plus_grande_creche est de nature maximum : donnez value"

t "a maximum may be decimal, a count may not"
printf 'indicateur;periode;territoire;valeur\nplus_grande_creche;2025;lanterne;12,5\nplaces;2025;lanterne;12,5\n' > dec.csv
run "$CTG" import dec.csv --db bad.db
expect_rc 3; expect_err "dec.csv:3:4: l'indicateur places compte : value doit être un nombre entier"
expect_no_err "dec.csv:2"

t "a misspelt kind lists the kinds, maximum among them"
copy_with "$FIX/plan.lua" typo.lua 'nature = "maximum"' 'nature = "maximun"'
run "$CTG" check typo.lua
expect_rc 3
expect_out "typo.lua:26: le champ 'nature' de l'indicateur plus_grande_creche doit être l'une des valeurs comptage, taux, evolution, score, qualitatif, maximum, pas le texte \"maximun\""

t "a maximum does not add up over time: a cumulative target is an error"
copy_with "$FIX/plan.lua" cumul.lua 'cibles = {[2027] = 70}' 'cibles = {cumul = {[2027] = 70}}'
run "$CTG" check cumul.lua
expect_rc 3; expect_out "(maximum, dans le temps : dernier)"; expect_out "[cumulative-target]"

t "a maximum given a ratio's fields is warned"
copy_with "$FIX/plan.lua" fields.lua 'unite = "places",' 'unite = "places", numerateur = "places",'
run "$CTG" check fields.lua
expect_rc 0; expect_out "l'indicateur plus_grande_creche est de nature maximum mais donne des champs de taux"

t "ctg help lists the maximum kind, in French"
run "$CTG" help eval
expect_rc 0; expect_out "  maximum      le plus haut chiffre des territoires membres"
run "$CTG" help vocabulary
expect_rc 0; expect_out "maximum (le plus haut chiffre des territoires, par ex. les places de la plus grande structure)"

t "a published figure far from the members' maximum is a warning that says « le plus haut chiffre », not « la somme »"
cp vdb.db gap.db
printf 'indicateur;periode;territoire;valeur;source\nplus_grande_creche;2025;vdb;90;Enquete CAF\n' > epci.csv
run "$CTG" import epci.csv --db gap.db
expect_rc 0
expect_err "epci.csv:2: plus_grande_creche (Places de la plus grande crèche) en 2025 (Communauté de communes du Val de Brume) : le plus haut chiffre de ses 4 membres donne 60, le chiffre publié pour ce territoire (Enquete CAF) 90"
run "$CTG" rules --db gap.db --period 2025
expect_out "le plus haut chiffre de ses 4 membres donne 60"; expect_no_out "la somme de ses 4 membres"
