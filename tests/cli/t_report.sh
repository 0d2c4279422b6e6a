# ctg report: the four scripts on the example, reproducibility, golden files, a real browser,
# and every bad input.
EX="$ROOT/examples/clermont-ferrand"
GOLDEN="$ROOT/tests/fixtures/report/example"
export CTG_DB="$TMP/ctg.db"
"$CTG" import "$EX/plan.lua" "$EX"/data/2020.yaml "$EX"/data/2021.yaml "$EX"/data/2022.yaml \
  "$EX"/data/2023.yaml "$EX"/data/2023-petite-enfance.csv --source "Tableau de bord Petite Enfance 2023 (fictif)" >/dev/null
"$CTG" import "$EX"/data/corrections-2022.yaml >/dev/null
DATE=2024-03-15

t "the four scripts run on the example and write HTML"
for s in bilan-annuel tableau-de-bord calendrier couverture-enjeux; do
  run "$CTG" report "$ROOT/scripts/$s.lua" --period 2023 --date $DATE -o "$s.html"
  expect_rc 0
  [ -s "$s.html" ] || _fail "$s.html is empty"
  grep -q '<!DOCTYPE html>' "$s.html" || _fail "$s.html is not HTML"
  grep -q 'Provenance' "$s.html" || _fail "$s.html has no provenance"
done
grep -q "1${NB}540${NB}000${NB}€ reçus en 2022" bilan-annuel.html || _fail "the funding finding is missing from the bilan"
grep -q "calendrier inconnu" calendrier.html || _fail "the calendar does not say the planning is unknown"

t "two runs give byte-identical files (HTML, Markdown, CSV)"
"$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2023 --date $DATE -o again.html
cmp -s bilan-annuel.html again.html || _fail "HTML differs between two runs"
"$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2023 --date $DATE -o one.md
"$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2023 --date $DATE -o two.md
cmp -s one.md two.md || _fail "Markdown differs between two runs"

t "Markdown and CSV match the checked-in golden files"
"$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2023 --date $DATE -o bilan.md
# the version of ctg changes with each release: the golden file says VERSION in its place
sed 's/^- Version de ctg.*/- Version de ctg : VERSION/' bilan.md > bilan-cmp.md
"$CTG" report "$ROOT/scripts/couverture-enjeux.lua" --date $DATE -o couverture.csv >/dev/null
if [ -n "$CTG_UPDATE_GOLDEN" ]; then
  cp bilan-cmp.md "$GOLDEN/bilan-annuel.md"; cp couverture-matrice.csv "$GOLDEN/couverture-matrice.csv"
fi
cmp -s bilan-cmp.md "$GOLDEN/bilan-annuel.md" || _fail "bilan.md differs from the golden file (diff it; CTG_UPDATE_GOLDEN=1 to accept)"
cmp -s couverture-matrice.csv "$GOLDEN/couverture-matrice.csv" || _fail "the coverage CSV differs from the golden file"

t "the report ends with its provenance: plan version and hash, observations, script, version"
run cat bilan.md
expect_out "ctg-clermont-2021-2025 v1"; expect_out "bilan-annuel.lua"; expect_out "$(cat "$ROOT/VERSION")"

t "CSV: one file per table, French dialect by default, international on request"
run "$CTG" report "$ROOT/scripts/tableau-de-bord.lua" --period 2023 --date $DATE -o tdb.csv
expect_rc 0; expect_out "tdb-axe-1.csv"; expect_out "tdb-axe-3.csv"
head -c 3 tdb-axe-1.csv | od -An -tx1 | grep -q "ef bb bf" || _fail "no UTF-8 BOM in the French CSV"
grep -q ";" tdb-axe-1.csv || _fail "French CSV without ';'"
run "$CTG" report "$ROOT/scripts/tableau-de-bord.lua" --period 2023 --date $DATE -o intl.csv --csv-dialect intl
expect_rc 0
head -1 intl-axe-1.csv | grep -q "," || _fail "international CSV without ','"

t "XLSX: a real workbook, provenance first, one sheet per table, numbers as numbers in French formats"
run "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2023 --date $DATE -o bilan.xlsx
expect_rc 0
[ -s bilan.xlsx ] && [ ! -e bilan.xlsx.tmp ] || _fail "no workbook, or its temporary file left behind"
python3 "$ROOT/tests/cli/xlsx_cells.py" bilan.xlsx > cells.txt || _fail "the workbook does not open"
head -1 cells.txt | grep -q "^Provenance" || _fail "the first sheet is not the provenance"
grep -q "^Provenance	B[0-9]*	s	ctg-clermont-2021-2025 v1" cells.txt || _fail "the plan version is not in the provenance"
# the funding table: 1 705 000 € a number with the euro format, the gap -60 000 as a number
grep -q "	n	1705000	#,##0\" €\"$" cells.txt || _fail "an amount is not a number in euros: $(grep 1705000 cells.txt)"
grep -q "	n	-60000	" cells.txt || _fail "a negative gap is not a number"
# a rate shown 64,3 % is the number 64.3 with a percent display, not 64,285714…
grep -q "^Indicateurs (action 1)	D7	n	64.3	#,##0.0\" %\"$" cells.txt || _fail "a rate is not rounded as shown: $(grep 'action 1)	D7' cells.txt)"
# labels, not ids; frozen header; set widths
grep -q "^Indicateurs (action 1)	A3	s	Évaluation de la qualité de l'accueil" cells.txt || _fail "the indicator is not named by its label"
grep -q "qualite_accueil" cells.txt && _fail "an indicator id leaked into the workbook"
grep -q "^Indicateurs (action 1)	frozen	2$" cells.txt || _fail "the header row is not frozen"
grep -q "^Indicateurs (action 1)	width	1	" cells.txt || _fail "no column width"
# a missing year says n.d. (text), the next years stay in their columns
grep -q "^Indicateurs (action 1)	C3	s	n.d.	" cells.txt || _fail "2021 is not n.d. (values shifted?)"
grep -q "^Indicateurs (action 1)	D3	n	3.7	" cells.txt || _fail "2022 is not in the 2022 column"
# qualitative texts in full, never cut
grep -q "…" cells.txt && _fail "a text was cut with … in the workbook"
run "$CTG" export observations --format xlsx -o obs.xlsx
expect_rc 0
python3 "$ROOT/tests/cli/xlsx_cells.py" obs.xlsx > obs.txt || _fail "the observations workbook does not open"
head -1 obs.txt | grep -q "^Provenance" || _fail "the observations workbook has no provenance sheet first"
grep -q "^Valeurs des indicateurs	D2	s	Clermont-Ferrand	" obs.txt || _fail "the territory is not named by its title"
grep -q "^Valeurs des indicateurs	J[0-9]*	n	" obs.txt || _fail "no value stored as a number"
grep -q "^Financements	D2	n	[0-9]*	#,##0\" €\"$" obs.txt || _fail "a funding amount is not a number in euros"
run "$CTG" export observations --format xlsx
expect_rc 2; expect_err "donnez -o observations.xlsx"
run "$CTG" export "$EX/plan.lua" --format xlsx
expect_rc 2; expect_err "est pour 'ctg export observations'"
# without --format, the output's extension says it: a workbook, not YAML in a .xlsx file
run "$CTG" export observations -o inferred.xlsx
expect_rc 0
python3 "$ROOT/tests/cli/xlsx_cells.py" inferred.xlsx > inferred.txt || _fail "-o inferred.xlsx is not a workbook"
cmp -s obs.txt inferred.txt || _fail "-o .xlsx and --format xlsx write different workbooks"
run "$CTG" export observations -o inferred.csv
expect_rc 0; head -1 inferred.csv | grep -q "indicateur;periode;territoire" || _fail "-o .csv is not the CSV"

t "libxlsxwriter is opened when a workbook is written, not linked: a missing library says which and what to do"
ldd "$CTG" | grep -q xlsxwriter && _fail "ctg is linked with libxlsxwriter (4 ms more for every command)"
CTG_XLSX_LIBRARY=libctg-nope.so.9 run "$CTG" export observations -o nolib.xlsx
expect_rc 2
expect_err "xlsx : impossible d'ouvrir la bibliothèque libctg-nope.so.9 (libctg-nope.so.9: cannot open shared object file"
expect_err "installez le paquet Debian libxlsxwriter (make deps), ou choisissez un autre format"
[ -e nolib.xlsx ] && _fail "a workbook was left behind"
CTG_XLSX_LIBRARY=libctg-nope.so.9 run "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2023 -o nolib-report.xlsx
expect_rc 2; expect_err "impossible d'ouvrir la bibliothèque libctg-nope.so.9"
[ -e nolib-report.xlsx ] && _fail "a report workbook was left behind"
# another library that is not libxlsxwriter: the missing function is named
CTG_XLSX_LIBRARY=libz.so.1 run "$CTG" export observations -o notxlsx.xlsx
expect_rc 2; expect_err "impossible d'ouvrir la bibliothèque libz.so.1 (workbook_new)"

t "ctg help report: every builder method and field, every chart kind, ctx, and an example that runs"
run "$CTG" help report
expect_rc 0
for word in ":section(" ":paragraph(" ":figures" ":table" ":chart" ":findings" ":list" "report.new" \
            "caption" "columns" "align" "rows" "raw" "notes" "page_break" "status" "severity" \
            "line " "bars " "stacked " "gantt " "series" "stacks" "categories" "lines =" "y_min" "y_max" \
            "size?" "format?" "decimals?" "plan " "evaluation " "db " "present " "args" "category = " ".xlsx"; do
  expect_out "$word"
done
"$CTG" help report | sed -n '/^-- début de l.exemple/,/^-- fin de l.exemple/p' > example.lua
[ "$(wc -l < example.lua)" -gt 10 ] || _fail "no example in the help"
run "$CTG" report example.lua --period 2023 --date $DATE -o example.html
expect_rc 0
grep -q "Indicateurs renseignés par année" example.html || _fail "the help's example gives no chart"
run "$CTG" report --help
expect_out "ctg help report"

t "a chart given by position, or with a key that is not a category, stops the script at its line"
cat > shifted.lua <<'LUA'
local ctx = ...
local doc = ctx.report.new { title = "x" }
doc:chart { kind = "bars", title = "Communes", categories = { "Anor", "Trélon" },
            values = { 55.8, 60 } }
return doc
LUA
run "$CTG" report shifted.lua -o shifted.html
expect_rc 1; expect_err "shifted.lua:3:"; expect_err "key number 1 is not a category (expected one of: Anor, Trélon"
[ ! -e shifted.html ] || _fail "a report was written"
cat > badline.lua <<'LUA'
local ctx = ...
local doc = ctx.report.new { title = "x" }
doc:chart { kind = "line", title = "T", x = { "2021" }, series = { { name = "s", values = { ["2021"] = 1 } } },
            lines = { { value = 2, label = "Cible", kind = "goal" } } }
return doc
LUA
run "$CTG" report badline.lua -o badline.html
expect_rc 1; expect_err "badline.lua:3:"; expect_err 'lines[1].kind must be "target", "floor" or "reference"'

t "the stock scripts for a year before the plan starts or after it ends: written, the funding section says why it is empty"
mkdir -p early
cat > early/plan.lua <<'LUA'
plan "ctg-vallee-2025" { title = "Convention de la vallée", period = {2025, 2028} }
territory("vallee", "Vallée") { level = "commune" }
funding("caf", "CAF de la vallée") { floor_per_year = 120000, years = {2025, 2028} }
axis(1, "Accueil") {
  action(1, "Ouvrir un accueil") {
    indicator "places" { label = "Places ouvertes", kind = "count", time = "last" },
  },
}
LUA
CTG_DB="$TMP/early.db" run "$CTG" import early/plan.lua
expect_rc 0
for p in 2023 2031; do
  for s in bilan-annuel tableau-de-bord calendrier couverture-enjeux portefeuille; do
    CTG_DB="$TMP/early.db" run "$CTG" report "$ROOT/scripts/$s.lua" --period $p --date $DATE -o "early-$s-$p.md"
    expect_rc 0
    expect_no_err "expected a non-empty list"
  done
done
run cat early-bilan-annuel-2023.md
expect_out "Le plan commence en 2025 : aucun financement n'est attendu en 2023 ni avant."
run cat early-bilan-annuel-2031.md
expect_out "CAF de la vallée : financement reçu par an"

t "the stock scripts on a bare plan (no vision, objectives, steps, sheets, funding, committees, stakes, data)"
mkdir -p bare
cat > bare/plan.lua <<'LUA'
plan "ctg-minimal" { title = "Convention minimale", period = {2023, 2024} }
territory("ville", "Ville") { level = "commune" }
axis(1, "Accueil") {
  action(1, "Ouvrir un accueil") {
    indicator "places" { label = "Places ouvertes", kind = "count", time = "last" },
  },
}
LUA
CTG_DB="$TMP/bare.db" run "$CTG" import bare/plan.lua
expect_rc 0
for s in bilan-annuel tableau-de-bord calendrier couverture-enjeux; do
  CTG_DB="$TMP/bare.db" run "$CTG" report "$ROOT/scripts/$s.lua" --period 2024 --date $DATE -o "bare-$s.md"
  expect_rc 0
done
run cat bare-bilan-annuel.md
expect_out "## Axe 1 — Accueil"; expect_out "### Action 1 — Ouvrir un accueil"; expect_out "Places ouvertes"
for word in "Objectif" "Vision" "Financement" "Gouvernance" "Étape" "Réunions"; do expect_no_out "$word"; done
run cat bare-calendrier.md
expect_out "ne détaille pas ses actions en étapes"
run cat bare-couverture-enjeux.md
expect_out "ne nomme pas d'enjeux de progrès"

t "a script with a runtime error: its file:line, no output file left behind"
printf 'local ctx = ...\nlocal doc = ctx.report.new { title = "x" }\nlocal n = nil\nreturn n.field\n' > broken.lua
run "$CTG" report broken.lua -o broken.html
expect_rc 1; expect_err "broken.lua:4:"; expect_no_err "stack traceback"
[ ! -e broken.html ] || _fail "a partial output file was left"

t "a script that returns no document"
printf 'return 42\n' > nodoc.lua
run "$CTG" report nodoc.lua -o nodoc.html
expect_rc 1; expect_err "nodoc.lua: le script doit renvoyer un document fait par ctx.report.new{…}, pas une valeur de type number"

t "an unknown output extension, a missing directory"
run "$CTG" report "$ROOT/scripts/tableau-de-bord.lua" -o report.docx
expect_rc 2; expect_err "extension de sortie inconnue '.docx'"
run "$CTG" report "$ROOT/scripts/tableau-de-bord.lua" -o no/such/dir/report.html
expect_rc 2; expect_err "le répertoire no/such/dir n'existe pas"

t "a period with no data: the report says so per indicator, no crash"
run "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2025 --date $DATE --as-of $DATE -o empty.md
expect_rc 0
run cat empty.md
expect_out "période non commencée"

t "titles with <, & and quotes are escaped in HTML; CSV cells cannot start a formula"
cat > evil.lua <<'LUA'
local ctx = ...
local doc = ctx.report.new { title = 'Bilan <script>alert("x")</script> & "guillemets"' }
doc:section("Données <b>brutes</b> & 'citations'"):table {
  caption = "Cas", name = "cas", columns = { "Texte", "Nombre" },
  rows = { { "=SOMME(A1:A2)", "-3" }, { "+33 4 73", "12" }, { "@cmd", "1" } },
  raw = { { "=SOMME(A1:A2)", -3 }, { "+33 4 73", 12 }, { "@cmd", 1 } } }
return doc
LUA
run "$CTG" report evil.lua --date $DATE -o evil.html
expect_rc 0
grep -q '<script' evil.html && _fail "a <script> tag went through unescaped"
grep -q '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;guillemets&quot;' evil.html || _fail "the title is not escaped"
run "$CTG" report evil.lua --date $DATE -o evil.csv
expect_rc 0
grep -q "'=SOMME(A1:A2);-3" evil-cas.csv || _fail "a formula cell was not neutralised (or a number was)"
grep -q "'+33 4 73;12" evil-cas.csv || _fail "a + cell was not neutralised"
grep -q "'@cmd;1" evil-cas.csv || _fail "an @ cell was not neutralised"

t "the report in a real browser: no console error, a real layout, not blank"
if command -v chromium >/dev/null; then
  # a copy with a measuring script (the report itself has no JavaScript)
  sed 's#</body>#<script>var h=document.documentElement.scrollHeight,w=document.documentElement.clientWidth,o=0;document.querySelectorAll("p,td,th,h1,h2,h3,h4,li,figcaption").forEach(function(e){if(e.scrollWidth>e.clientWidth+2\&\&getComputedStyle(e).overflowX==="visible")o++});document.body.setAttribute("data-layout","height="+h+" overflowing="+o);</script></body>#' bilan-annuel.html > measured.html
  flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
  out=$(chromium $flags --user-data-dir="$TMP/chrome1" --enable-logging=stderr --v=0 --window-size=1280,900 --dump-dom "file://$TMP/measured.html" 2>"$TMP/console.log"); rc=$?
  expect_rc 0
  layout=$(printf '%s' "$out" | grep -o 'data-layout="[^"]*"')
  height=$(printf '%s' "$layout" | sed 's/.*height=\([0-9]*\).*/\1/')
  over=$(printf '%s' "$layout" | sed 's/.*overflowing=\([0-9]*\).*/\1/')
  [ -n "$height" ] && [ "$height" -gt 5000 ] || _fail "page height absurdly small: $layout"
  [ "$over" = "0" ] || _fail "text overflowing its box: $layout"
  grep -i "CONSOLE" "$TMP/console.log" | grep -qi "error" && _fail "console error: $(grep -i CONSOLE "$TMP/console.log" | head -3)"
  chromium $flags --user-data-dir="$TMP/chrome2" --window-size=1280,2000 --screenshot="$TMP/shot.png" "file://$TMP/bilan-annuel.html" >/dev/null 2>&1
  size=$(stat -c %s "$TMP/shot.png" 2>/dev/null || echo 0)
  [ "$size" -gt 100000 ] || _fail "the screenshot looks blank ($size bytes)"
  run "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2023 --date $DATE -o bilan.pdf
  expect_rc 0
  if command -v pdfinfo >/dev/null; then
    pages=$(pdfinfo bilan.pdf | sed -n 's/^Pages: *//p')
    [ "${pages:-0}" -gt 5 ] || _fail "the PDF has ${pages:-0} pages"
  fi
else
  _fail "chromium is not installed (make deps installs it)"
fi
