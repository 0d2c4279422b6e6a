# The stock annual report of an intercommunality (issue 23, point 6): the root, its groups
# and every commune in a table; a chart of the communes with the EPCI's value as a
# reference line and the target, on one A4 page up to 40 communes, in parts beyond; a
# partial roll-up names what it leaves out; the plan-wide target as a key figure. On a
# generated plan of 40 (and 45) communes and on tests/fixtures/sud-avesnois.
GEN="$ROOT/tests/fixtures/intercommunal/generate.lua"
cd "$TMP" || exit 1

# has TEXT_FILE LINE…: every line is in the pdftotext output, its words in order (a cell
# may wrap; spaces of any kind)
has() {
  f=$1; shift
  printf '%s\n' "$@" > "$TMP/want.txt"
  python3 "$ROOT/tests/cli/pdf_has.py" "$f" "$TMP/want.txt"
}

# page_of PDF TEXT: the first page whose text holds TEXT (0 when none)
page_of() {
  pages=$(pdfinfo "$1" | sed -n 's/^Pages: *//p')
  for p in $(seq 1 "$pages"); do
    if pdftotext -f "$p" -l "$p" "$1" - | grep -qF -- "$2"; then echo "$p"; return; fi
  done
  echo 0
}

t "a generated plan of 40 communes imports and reports as PDF"
mkdir -p g40 && "$CTG" "$GEN" g40 40
run "$CTG" import g40/plan.lua g40/observations.csv --db g40.db
expect_rc 0
run "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2024 --date 2025-03-01 --db g40.db -o g40.pdf
expect_rc 0
pdftotext g40.pdf g40.txt || _fail "pdftotext failed"

t "the table holds the EPCI as reference, the QPV and village groups and every commune"
grep -q "Communauté de communes du Val de Loue" g40.txt || _fail "no EPCI"
grep -q "(référence)" g40.txt || _fail "the root is not marked as the reference"
grep -q "Quartiers prioritaires (QPV)" g40.txt || _fail "no QPV group row"
grep -q "Villages de moins de 500" g40.txt || _fail "no village group row"
missing=0
for name in $(sed -n 's/^territoire("c[0-9]*", "\([^"]*\)").*/\1/p' g40/plan.lua); do
  grep -qF -- "$name" g40.txt || missing=$((missing + 1))
done
[ "$missing" = 0 ] || _fail "$missing communes missing from the report"
[ "$(grep -c '^territoire("c[0-9]' g40/plan.lua)" = 40 ] || _fail "the generator did not write 40 communes"
grep -qF "Numérateur" g40.txt && grep -qF "Dénominateur" g40.txt || _fail "no numerator and denominator columns"

t "the chart of the 40 communes is on one page: its title, its first and last bar, both lines"
title="Taux d'accueil du jeune enfant par commune en 2024"
p=$(page_of g40.pdf "$title")
[ "$p" -gt 0 ] || _fail "no chart title « $title »"
pdftotext -f "$p" -l "$p" g40.pdf page.txt
grep -qF "Saint-Aubin" page.txt || _fail "the first commune is not on the chart's page $p"
grep -qF "Haute-Ouen-sur-Loue" page.txt || _fail "the last commune is not on the chart's page $p"
has page.txt "Communauté de communes du Val de Loue : 54,5 %" || _fail "no reference line named with the EPCI's value"
has page.txt "Cible 2026 : 60,0 %" || _fail "no target line"

t "the EPCI's rate leaves out the commune without 2024 figures, and says which"
has g40.txt "54,5 % (partiel, note" || _fail "the partial value is not labelled"
has g40.txt "Communauté de communes du Val de Loue : 54,5 % — 39 communes sur 40 ; manque Haute-Ouen-sur-Loue" \
  || _fail "the note does not name the missing commune"

t "the Synthèse shows the plan-wide indicator with its target as a key figure"
pdftotext -f 1 -l 2 g40.pdf first.txt
has first.txt "Taux d'accueil du jeune enfant en 2024" || _fail "no key figure for the plan-wide indicator"
has first.txt "cible 60,0 % en 2026 — en retard — 39 communes sur 40" || _fail "the key figure does not give the target"

t "no page is left with a title alone: every page holds more than its running header and number"
pages=$(pdfinfo g40.pdf | sed -n 's/^Pages: *//p')
for p in $(seq 1 "$pages"); do
  lines=$(pdftotext -f "$p" -l "$p" g40.pdf - | grep -c '[[:alnum:]]')
  [ "$lines" -ge 6 ] || _fail "page $p holds only $lines lines of text"
done

t "the same inputs give the same bytes (Markdown)"
"$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2024 --date 2025-03-01 --db g40.db -o a.md
"$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2024 --date 2025-03-01 --db g40.db -o b.md
cmp -s a.md b.md || _fail "two runs differ"

t "45 communes: the chart continues on a second figure with its title and axis"
mkdir -p g45 && "$CTG" "$GEN" g45 45
"$CTG" import g45/plan.lua g45/observations.csv --db g45.db >/dev/null
run "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2024 --date 2025-03-01 --db g45.db -o g45.pdf
expect_rc 0
p1=$(page_of g45.pdf "$title")
p2=$(page_of g45.pdf "$title (suite)")
[ "$p1" -gt 0 ] && [ "$p2" -gt "$p1" ] || _fail "parts on pages $p1 and $p2"
pdftotext -f "$p1" -l "$p1" g45.pdf one.txt; pdftotext -f "$p2" -l "$p2" g45.pdf two.txt
grep -qF "Saint-Aubin" one.txt || _fail "the first commune is not in the first part"
last=$(sed -n 's/^territoire("c45", "\([^"]*\)").*/\1/p' g45/plan.lua)
grep -qF -- "$last" two.txt || _fail "the last commune ($last) is not in the second part"
has one.txt "20 % 40 % 60 % 80 %" && has two.txt "20 % 40 % 60 % 80 %" || _fail "the axis is not repeated"
run "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2024 --date 2025-03-01 --db g45.db -o g45.html
ids=$(grep -o 'id="ctg-chart-[^"]*-title"' g45.html | sort | uniq -d)
[ -z "$ids" ] || _fail "chart ids repeated: $ids"

t "Sud-Avesnois: its groups and communes side by side, the target shown for every commune"
SA="$ROOT/tests/fixtures/sud-avesnois"
"$CTG" import "$SA/plan.lua" "$SA"/data/2023.yaml "$SA"/data/2024.yaml "$SA"/data/2024-communes.csv --db sa.db >/dev/null
run "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2024 --date 2025-03-01 --db sa.db -o sa.md
expect_rc 0
grep -qF "| Villages de la Fagne (groupe) |" sa.md || _fail "no Villages de la Fagne row"
grep -qF "| Pôle urbain (groupe) |" sa.md || _fail "no Pôle urbain row"
# the EPCI's coverage rate is partial (Moustier-en-Fagne is known by a published rate alone):
# each commune's gap to it
grep -qF "| Fourmies | 198 | 470 | 42,1${NB}% | +4,1 pt | 50,0${NB}% (2027) | en retard |" sa.md || _fail "Fourmies lacks its figures or its target"
# the fill rate of the leisure centres: each commune against the EPCI's 76,4 %
grep -qF "| Fourmies | 5${NB}480 | 7${NB}000 | 78,3${NB}% | +1,9 pt |" sa.md || _fail "no gap to the reference"
grep -qF "Taux de couverture de l'accueil du jeune enfant par commune en 2024" sa.md || _fail "no chart of the communes"
grep -qF "manque Moustier-en-Fagne : taux publié seul, sans numérateur ni dénominateur" sa.md || _fail "the EPCI's partial rate does not say why"

t "a heading and a table's caption stay with its first rows, wherever the page ends"
# filler paragraphs push the heading down a line at a time across the end of a page
for n in 43 44 45 46 47 48 49; do
  cat > "fill$n.lua" <<LUA
local ctx = ...
local doc = ctx.report.new { title = "Essai" }
local s = doc:section("Remplissage")
for i = 1, $n do
  s:paragraph("Paragraphe de remplissage " .. i .. " : un texte assez long pour occuper une ligne entière de la page A4, voire deux.")
end
local rows = {}
for i = 1, 30 do rows[i] = { "Ligne " .. i, tostring(i) } end
s:section("Titre du tableau"):table { caption = "Légende du tableau", columns = { "Territoire", "Valeur" }, rows = rows }
return doc
LUA
  "$CTG" report "fill$n.lua" --db g40.db --date 2025-03-01 -o "fill$n.pdf" >/dev/null 2>&1 || _fail "fill$n.lua did not render"
  h=$(page_of "fill$n.pdf" "Titre du tableau"); c=$(page_of "fill$n.pdf" "Légende du tableau")
  r=$(page_of "fill$n.pdf" "Ligne 3")
  [ "$h" = "$c" ] && [ "$c" = "$r" ] || _fail "$n paragraphs: heading on page $h, caption on $c, third row on $r"
done

t "the dashboard too labels the EPCI's partial rate and names the missing commune"
run "$CTG" report "$ROOT/scripts/tableau-de-bord.lua" --period 2024 --date 2025-03-01 --db g40.db -o tdb.md
expect_rc 0
grep -qF "| 54,5${NB}% (partiel, note 1) |" tdb.md || _fail "the dashboard does not label the partial rate"
grep -qF "1. Taux d'accueil du jeune enfant, 2024 : 54,5${NB}% — 39 communes sur 40 ; manque Haute-Ouen-sur-Loue" tdb.md \
  || _fail "the dashboard's note does not name the missing commune"

t "the CSV of the per-territory table says the EPCI's value is partial (CSV has no notes)"
run "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2024 --date 2025-03-01 --db g40.db -o g40.csv
expect_rc 0
grep -qF '"Communauté de communes du Val de Loue (partiel : 39 communes sur 40 ; manque Haute-Ouen-sur-Loue : aucune donnée)";4732;8687;54,5;' \
  g40-territoires-taux_accueil.csv || _fail "the CSV row of the EPCI does not say it is partial: $(sed -n 2p g40-territoires-taux_accueil.csv)"
grep -q "^Saint-Aubin;" g40-territoires-taux_accueil.csv || _fail "a complete commune is flagged"

t "the generator refuses a missing folder or a count below 3, with its usage"
run "$CTG" "$GEN"
expect_rc 2; expect_err "usage: ctg generate.lua OUTDIR [N >= 3]"
run "$CTG" "$GEN" g40 2
expect_rc 2
