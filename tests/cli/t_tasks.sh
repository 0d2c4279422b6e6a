# An analyst's tasks written with ev:table, ctg.stats and ctg.csv (tests/fixtures/tasks/), run
# as `ctg --db FILE task.lua` on the Sud-Avesnois plan (an intercommunality, its communes and
# groups): what each prints, computed by hand from tests/fixtures/sud-avesnois/data.
SA="$ROOT/tests/fixtures/sud-avesnois"
TASKS="$ROOT/tests/fixtures/tasks"
DB="$TMP/sa.db"
"$CTG" --db "$DB" import "$SA/plan.lua" "$SA"/data/2023.yaml "$SA"/data/2024.yaml "$SA"/data/2024-communes.csv >/dev/null
# the database of the run ($CTG_DB too, for ctg.open() before --db reaches it)
task() { name=$1; shift; run env CTG_DB="$DB" "$CTG" --db "$DB" "$TASKS/$name.lua" "$@"; }

t "tasks: the five communes with the best coverage rate (42,1 % = 198/470 for Fourmies)"
task top5
expect_rc 0
expect_out_eq "1	Fourmies	42,1${NB}%
2	Glageon	41,4${NB}%
3	Anor	37,0${NB}%
4	Wignehies	35,6${NB}%
5	Trélon	33,7${NB}%"

t "tasks: mean and median of the twelve communes' rates, year by year"
task par_annee
expect_rc 0
# 2023: the mean of 38/110, 2/9, 3/14, 4/18, 190/480, 22/60, 2/11, 6/30, 30/95, 2/10, 1/6,
# 40/120 (× 100) is 26,37, their median 22,22; 2024 with Moustier's published 18,2 %
expect_out "Période  Lignes  moyenne (Valeur)  médiane (Valeur)"
expect_out "2023     12      26,37             22,22"
expect_out "2024     12      28,14             23,83"
expect_out "(2 lignes)"

t "tasks: every value into a French CSV, the same figures as ctg eval --period all --territory all"
task toutes_les_valeurs "$TMP/valeurs.csv"
expect_rc 0
expect_out "352 valeurs écrites dans $TMP/valeurs.csv"
"$CTG" --db "$DB" eval --period all --territory all --as-of 2024-12-31 --format csv > "$TMP/eval.csv"
cut -d';' -f1-8 "$TMP/eval.csv" | tail -n +2 > "$TMP/eval.cut"
cut -d';' -f1-8 "$TMP/valeurs.csv" | tail -n +2 > "$TMP/valeurs.cut"
cmp -s "$TMP/eval.cut" "$TMP/valeurs.cut" || _fail "the table's values differ from ctg eval's: $(diff "$TMP/eval.cut" "$TMP/valeurs.cut" | head -5)"
grep -q "^taux_couverture;2024;anor;37,037037037037038;40;108;50;en retard;" "$TMP/valeurs.csv" || _fail "Anor 2024 not as computed"

t "tasks: territories behind their target, counted by indicator"
task en_retard
expect_rc 0
expect_out "Indicateur       Lignes"
expect_out "taux_couverture  14"
expect_out "places_creees    1"

t "tasks: a rate weighted by populations read from a CSV"
printf 'commune;population\nanor;3 200\nfourmies;12 300\nglageon;1 900\n' > "$TMP/pop.csv"
task pondere "$TMP/pop.csv"
expect_rc 0
# (40/108 × 3200 + 198/470 × 12300 + 24/58 × 1900) / 17400 = 41,1 %; the plain mean 40,2 %
expect_out "moyenne simple	40,2${NB}%"
expect_out "moyenne pondérée	41,1${NB}%"

t "tasks: a mistake in a task is an error at its line, in French, with a suggestion"
copy_with "$TASKS/top5.lua" "$TMP/typo.lua" 'sort { by = "value"' 'sort { by = "valeur"'
run env CTG_DB="$DB" "$CTG" --db "$DB" "$TMP/typo.lua"
expect_rc 1
expect_err "typo.lua:4: t:sort : colonne inconnue 'valeur' (vouliez-vous dire 'value' ?)"
copy_with "$TASKS/pondere.lua" "$TMP/missing.lua" 'ctg.csv.read(arg[1])' 'ctg.csv.read(arg[1] .. ".absent")'
run env CTG_DB="$DB" "$CTG" --db "$DB" "$TMP/missing.lua" "$TMP/pop.csv"
expect_rc 1
expect_err "missing.lua:6: ctg.csv.read : $TMP/pop.csv.absent: impossible d'ouvrir le fichier"
copy_with "$TASKS/toutes_les_valeurs.lua" "$TMP/folder.lua" 'territories = "all"' 'territoires = "all"'
run env CTG_DB="$DB" "$CTG" --db "$DB" "$TMP/folder.lua" "$TMP/absent/valeurs.csv"
expect_rc 1
expect_err "folder.lua:5: t:write : impossible d'écrire $TMP/absent/valeurs.csv : répertoire inexistant"
[ ! -e "$TMP/absent" ] || _fail "a folder was created"

t "tasks: help tables documents ev:table, its methods, ctg.stats and ctg.csv; help(t) in the console"
run "$CTG" help tables
expect_rc 0
expect_out "ev:table{…} évalue en une passe du moteur"; expect_out "t:group{par = \"period\""
expect_out "ctg.stats.quantile(l, 0.9)"; expect_out "ctg.csv.read(\"population.csv\")"
expect_out "table.sort(noms, ctg.fmt.compare)"
run_in "db = ctg.open(\"$DB\")
ev = ctg.evaluate(nil, db, {period = 2024})
t = ev:table{indicators = \"taux_couverture\", territories = {\"trelon\", \"Anor\"}}
t
help(t)
" "$CTG" repl
expect_rc 0
expect_out "taux_couverture  2024     Trélon      33,7${NB}%"
expect_out "taux_couverture  2024     Anor        37,0${NB}%"
expect_out "(2 lignes)"
expect_out "Table : un tableau de lignes (ev:table, db:query, ctg.csv.read)"

t "tasks: print(db:query(…)) in a script prints a grid, not table: 0x…"
printf '%s\n' 'local db = ctg.open(arg[1])' \
  'print(db:query("SELECT period AS periode, count(*) AS n FROM current_observation WHERE period IN (?, ?) GROUP BY period", "2023", "2024"))' > "$TMP/q.lua"
run "$CTG" "$TMP/q.lua" "$DB"
expect_rc 0
expect_out_eq "periode  n
───────  ──
2023     30
2024     30
(2 lignes)"

t "tasks: a table as a workbook: French headers, numbers as numbers, the sheet named by the script"
printf '%s\n' 'local db = ctg.open(arg[1])' 'local ev = ctg.evaluate(nil, db, {period = 2024})' \
  'ev:table{indicators = "taux_couverture", territories = {"anor", "feron"}}:write(arg[2], {feuille = "Couverture"})' \
  > "$TMP/x.lua"
run "$CTG" "$TMP/x.lua" "$DB" "$TMP/couverture.xlsx"
expect_rc 0
out=$(python3 "$ROOT/tests/cli/xlsx_cells.py" "$TMP/couverture.xlsx") || _fail "not a workbook"
expect_out "Couverture	H1	s	Statut"
expect_out "Couverture	C2	s	anor"
expect_out "Couverture	E2	n	40	#,##0"
expect_out "Couverture	H3	s	en retard"
expect_out "Couverture	C3	s	feron"

t "tasks: a long table in the console shows the rows that fit and says how many are left"
run_in "ev = ctg.evaluate(nil, ctg.open(\"$DB\"), {period = 2024})
ev:table{territories = \"all\", periods = \"all\"}
" "$CTG" repl
expect_rc 0
expect_out "lignes de plus (t:write(\"fichier.csv\") les écrit toutes)"
expect_no_out "pour tout voir"
lines=$(printf '%s\n' "$out" | wc -l)
[ "$lines" -le 31 ] || _fail "$lines lines printed for one table"

t "tasks: a shared report script may make tables but not write them (--trust lets the analyst's own)"
mkdir -p "$TMP/rapport"
printf '%s\n' 'local ctx = ...' \
  'local t = ctx.evaluation:table{indicators = "taux_couverture", territories = "members"}' \
  'local top = t:sort{by = "value", desc = true}:head(1)' \
  'top:write("fuite.csv")' \
  'return ctx.report.new{title = top[1].territory_title}' > "$TMP/rapport/ecrit.lua"
cd "$TMP/rapport" || exit 1
run "$CTG" --db "$DB" report ecrit.lua --period 2024 -o out.html
expect_rc 1
expect_err "ecrit.lua:4: t:write : un script partagé n'écrit pas de fichier"
[ ! -e fuite.csv ] && [ ! -e out.html ] || _fail "a file was written"
run "$CTG" --db "$DB" report ecrit.lua --period 2024 -o out.html --trust
expect_rc 0
grep -q "^taux_couverture;2024;fourmies;" fuite.csv || _fail "the trusted script's table was not written"
grep -q "Fourmies" out.html || _fail "the report lacks the top territory"
cd - >/dev/null || exit 1
