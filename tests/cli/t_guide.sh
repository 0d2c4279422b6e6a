# The French guide of README.md ("Prise en main", issue 26): every ```sh block of it is run,
# in order, in one shell, from a fresh folder with ctg on the PATH, and must succeed; then
# what the guide promises is checked (the project, the database, the reports, the CSV).
GUIDE="$TMP/guide"
mkdir -p "$GUIDE/bin" "$GUIDE/home"
ln -s "$CTG" "$GUIDE/bin/ctg"
# the blocks of the guide: from "## Prise en main" to the next level-2 heading
awk '/^## Prise en main/ { on = 1; next } /^## / { on = 0 } on' "$ROOT/README.md" > "$TMP/guide.md"
awk -v dir="$TMP" '/^```sh$/ { n++; f = dir "/block" n ".sh"; printf "" > f; inside = 1; next }
  /^```/ { inside = 0; next } inside { print >> f }' "$TMP/guide.md"
blocks=$(ls "$TMP"/block*.sh 2>/dev/null | wc -l)

t "guide: README.md opens with the French guide, before the developers' material"
first=$(grep -n '^## ' "$ROOT/README.md" | head -2 | cut -d: -f2 | tr '\n' '|')
[ "$first" = "## Prise en main|## Pour les développeurs|" ] || _fail "level-2 headings: $first"
[ "$blocks" -ge 8 ] || _fail "only $blocks command blocks in the guide"
for w in "ctg init" "ctg import" "ctg eval" "ctg report" "ctg build" "ev:table" "ctg <<" "ctg help"; do
  grep -qF "$w" "$TMP/guide.md" || _fail "the guide lacks $w"
done

t "guide: the installation block builds and installs ctg (when ./ctg is up to date)"
if make -q -C "$ROOT" all >/dev/null 2>&1; then
  out=$(cd "$ROOT" && HOME="$GUIDE/home" bash -e "$TMP/block1.sh" 2>&1); rc=$?
  expect_rc 0
  [ -x "$GUIDE/home/.local/bin/ctg" ] || _fail "make install did not put ctg in ~/.local/bin"
else
  echo "     (t_guide: ./ctg is not up to date here, the installation block is not run)"
fi

t "guide: every other block runs as written, from a fresh folder"
i=2
while [ $i -le "$blocks" ]; do
  cat "$TMP/block$i.sh" >> "$TMP/all.sh"
  i=$((i + 1))
done
out=$(cd "$GUIDE" && env -u CTG_DB HOME="$GUIDE/home" PATH="$GUIDE/bin:$PATH" bash -e "$TMP/all.sh" 2>"$TMP/.err"); rc=$?
err=$(cat "$TMP/.err")
expect_rc 0
expect_no_err "erreur"

t "guide: what it promises is there"
P="$GUIDE/ctg-avesnois"
[ -f "$P/plan.lua" ] && [ -f "$P/ctg.db" ] || _fail "no project or no database in $P"
expect_out "0 erreur, 0 avertissement"
expect_out "5 lignes lues, 5 révisions, 0 retrait"
expect_out "taux_couverture  Commune A     34,5${NB}%  38    110"
[ -s "$P/bilan-2024.html" ] || _fail "no bilan-2024.html"
[ -s "$P/sortie/tableau-de-bord-2024.html" ] || _fail "ctg build wrote no dashboard"
expect_out "moyenne des communes :	35,6${NB}%"
grep -q "^taux_couverture;2024;commune-b;36,666666666666664;22;60;" "$P/couverture-2024.csv" || _fail "couverture-2024.csv"
expect_out "1${NB}600${NB}000${NB}€"
expect_out "(2 lignes)"
expect_out "Sous-commandes :"
