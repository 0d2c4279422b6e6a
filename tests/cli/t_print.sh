# The four stock reports, on the example and on the intercommunal fixture, as a committee
# member gets them: in Chromium at the width of an A4 page (680 px) and printed to PDF
# (every table cell, every note, every page numbered, texts in full, no placeholder), and
# the first page compared with a golden image. `make deps` installs chromium and
# poppler-utils, so these run on every machine that runs `make test`.
DATE=2024-03-15
GOLDEN="$ROOT/tests/fixtures/report/print"
FLAGS="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
profile=0
chrome() { profile=$((profile + 1)); chromium $FLAGS --user-data-dir="$TMP/chrome-$profile" "$@" 2>/dev/null; }

t "the browser tools are installed (make deps)"
command -v chromium >/dev/null || _fail "chromium is not installed: make deps installs it"
command -v pdftotext >/dev/null || _fail "pdftotext is not installed: make deps installs poppler-utils"
command -v python3 >/dev/null || _fail "python3 is not installed: make deps installs it"

EX="$ROOT/examples/clermont-ferrand"
SA="$ROOT/tests/fixtures/sud-avesnois"
CTG_DB="$TMP/ex.db" "$CTG" import "$EX/plan.lua" "$EX"/data/2020.yaml "$EX"/data/2021.yaml "$EX"/data/2022.yaml \
  "$EX"/data/2023.yaml "$EX"/data/2023-petite-enfance.csv --source "Tableau de bord Petite Enfance 2023 (fictif)" >/dev/null 2>&1
CTG_DB="$TMP/ex.db" "$CTG" import "$EX"/data/corrections-2022.yaml >/dev/null 2>&1
CTG_DB="$TMP/sa.db" "$CTG" import "$SA/plan.lua" "$SA"/data/2023.yaml "$SA"/data/2024.yaml "$SA"/data/2024-communes.csv >/dev/null 2>&1

# measure: every element whose box ends right of the page, every text box wider than itself,
# every chart whose smallest text is drawn under 10 px
MEASURE='<script>(function(){var W=document.documentElement.clientWidth,bad=[];document.querySelectorAll("body *").forEach(function(e){var r=e.getBoundingClientRect();if(r.width>0&&r.right>W+1)bad.push(e.tagName+"."+(e.getAttribute("class")||""))});document.querySelectorAll("p,td,th,h1,h2,h3,h4,h5,h6,li,figcaption,dd,dt,caption").forEach(function(e){if(e.scrollWidth>e.clientWidth+1&&getComputedStyle(e).overflowX==="visible")bad.push("overflow:"+e.tagName+":"+e.textContent.slice(0,40))});document.querySelectorAll("svg[viewBox]").forEach(function(e){var k=e.getBoundingClientRect().width/e.viewBox.baseVal.width,m=99;e.querySelectorAll("text").forEach(function(x){m=Math.min(m,parseFloat(x.getAttribute("font-size")||"12"))});if(m*k<10)bad.push("chart text "+(m*k).toFixed(1)+"px")});document.body.setAttribute("data-out",bad.length+" "+bad.slice(0,4).join(" | "))})()</script>'

for plan in ex sa; do
  period=2023; [ $plan = sa ] && period=2024
  for s in bilan-annuel tableau-de-bord calendrier couverture-enjeux; do
    name="$plan-$s"
    t "$name: rendered, nothing sticks out at 680 px, printed with every cell, note and page number"
    CTG_DB="$TMP/$plan.db" run "$CTG" report "$ROOT/scripts/$s.lua" --period $period --date $DATE -o "$name.html"
    expect_rc 0
    grep -q "Graphique indisponible\|chart-unavailable" "$name.html" && _fail "a chart placeholder"
    [ "$(grep -c '<figure class="chart' "$name.html")" = "$(grep -c '^<svg ' "$name.html")" ] || _fail "a figure without its chart"
    MEASURE="$MEASURE" python3 -c 'import os,sys; sys.stdout.write(open(sys.argv[1], encoding="utf-8").read().replace("</body>", os.environ["MEASURE"] + "</body>"))' "$name.html" > "$name-measured.html"
    dom=$(chrome --window-size=680,1000 --dump-dom "file://$TMP/$name-measured.html")
    layout=$(printf '%s' "$dom" | grep -o 'data-out="[^"]*"')
    [ "$layout" = 'data-out="0 "' ] || _fail "elements stick out at 680 px: $layout"
    chrome --no-pdf-header-footer --print-to-pdf="$TMP/$name.pdf" "file://$TMP/$name.html" >/dev/null
    pages=$(pdfinfo "$name.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
    [ "${pages:-0}" -ge 1 ] || _fail "no PDF"
    pdftotext -layout "$name.pdf" "$name.txt"
    python3 "$ROOT/tests/cli/html_cells.py" "$name.html" > "$name-cells.txt"
    [ -s "$name-cells.txt" ] || _fail "no table cell in the HTML"
    missing=$(python3 "$ROOT/tests/cli/pdf_has.py" "$name.txt" "$name-cells.txt") || _fail "cells missing from the PDF: $(echo "$missing" | head -3)"
    grep -q "…" "$name-cells.txt" && _fail "a cell or note is cut with …"
    p=1
    while [ "$p" -le "${pages:-0}" ]; do
      pdftotext -f $p -l $p "$name.pdf" - | grep -q "page $p / $pages" || _fail "page $p has no 'page $p / $pages'"
      p=$((p + 1))
    done
    title=$(sed -n 's#.*<title>\(.*\)</title>.*#\1#p' "$name.html" | head -1)
    [ "$(pdftotext -f "$pages" -l "$pages" "$name.pdf" - | grep -c "$title")" -ge 1 ] || _fail "the last page lacks the title '$title'"
  done
done

t "the example's annual report: texts of the observations in full, 2023 column printed, dated"
CTG_DB="$TMP/ex.db" "$CTG" export observations --format json -o obs.json
python3 -c 'import json,sys; [print(o["text"]) for o in json.load(open("obs.json"))["observations"] if o.get("text")]' > texts.txt
[ -s texts.txt ] || _fail "the example has no text observation (the test proves nothing)"
missing=$(python3 "$ROOT/tests/cli/pdf_has.py" ex-bilan-annuel.txt texts.txt) || _fail "texts not printed in full: $(echo "$missing" | head -2)"
printf '%s\n' "Situation au : 31 décembre 2023" "Période : 2023" "Édité le : 15 mars 2024" "au niveau du plancher" \
  "21 en cours, 17 terminées" "4 tenues sur 5 prévues" "Conforme l'engagement du plan est tenu" "Plancher : 1 600 000 €" \
  "▼ 1 540 000 €" > phrases.txt
missing=$(python3 "$ROOT/tests/cli/pdf_has.py" ex-bilan-annuel.txt phrases.txt) || _fail "not printed: $missing"

t "a table printed over several pages repeats its header on each of them"
first=$(for p in $(seq 1 "$(pdfinfo ex-bilan-annuel.pdf | sed -n 's/^Pages: *//p')"); do
  pdftotext -f $p -l $p ex-bilan-annuel.pdf - | grep -q "Années renseignées par indicateur (sur" && echo $p; done | head -1)
last=$(pdfinfo ex-bilan-annuel.pdf | sed -n 's/^Pages: *//p')
[ -n "$first" ] && [ "$last" -gt "$first" ] || _fail "the completeness table does not run over two pages (the test proves nothing)"
p=$((first + 1))
while [ "$p" -le "$last" ]; do
  page=$(pdftotext -f $p -l $p ex-bilan-annuel.pdf -)
  # the provenance alone on the last page: the table ended before it
  case "$page" in *"Document produit par ctg"*) case "$page" in *Indicateur*) ;; *) break;; esac;; esac
  printf '%s' "$page" | grep -q "^Indicateur" && printf '%s' "$page" | grep -q "renseignées" ||
    _fail "page $p continues the table without its header"
  p=$((p + 1))
done

t "the intercommunal plan's annual report names its levels as the plan does"
grep -q "Thématique 1" sa-bilan-annuel.txt || _fail "no 'Thématique 1'"
grep -q "Fiche 3" sa-bilan-annuel.txt || _fail "no 'Fiche 3'"
grep -q "Objectif" sa-bilan-annuel.txt && _fail "an objective level the plan does not have"
grep -q "^Axe \|Action [0-9]" sa-bilan-annuel.txt && _fail "a default level name where the plan has its own"

t "the first page of the example's annual report matches its golden image (small tolerance)"
pdftoppm -gray -r 30 -f 1 -l 1 -singlefile ex-bilan-annuel.pdf page1
if [ -n "$CTG_UPDATE_GOLDEN" ]; then mkdir -p "$GOLDEN"; cp page1.pgm "$GOLDEN/bilan-annuel-p1.pgm"; fi
run python3 "$ROOT/tests/cli/img_diff.py" "$GOLDEN/bilan-annuel-p1.pgm" page1.pgm 0.02
expect_rc 0
