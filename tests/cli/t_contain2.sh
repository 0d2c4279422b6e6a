# Attacks of issue 25 beyond t_contain's, found by trying (each contained now): a named pipe
# among a project's data files, a report whose document is too big to render within the
# limits, a plan of unknown format named in French. Own material: a project made by ctg init
# (CC du Val, 2025) and the Sud-Avesnois database.
SA="$ROOT/tests/fixtures/sud-avesnois"
export CTG_DB="$TMP/sa.db"
"$CTG" import "$SA/plan.lua" "$SA"/data/2024.yaml >/dev/null || echo "FAIL setup: import"
# run a command and note how long it took, in tenths of a second
timed() { t0=$(date +%s%N); run "$@"; t1=$(date +%s%N); tenths=$(( (t1 - t0) / 100000000 )); }
within() { [ "$tenths" -le "$1" ] || _fail "took ${tenths}/10 s, more than $1/10 s"; }

t "a named pipe among a project's data files is refused, never read nor skipped: exit 3, nothing built"
"$CTG" init val --nom "CC du Val" --debut 2025 >/dev/null
mkfifo val/donnees/tube.csv
(cd val && timed "$CTG" build; echo "$rc $tenths" > ../rc; printf '%s' "$err" > ../err)
read -r rc tenths < rc; err=$(cat err)
expect_rc 3; within 50
expect_err "ctg.yaml : « donnees/tube.csv » est un tube, un périphérique ou un socket, pas un fichier de données"
expect_err "rien n'a été construit"
[ ! -e val/ctg.db ] && [ ! -e val/sortie ] || _fail "something was built: $(ls val)"
# named in ctg.yaml itself, beside its folder: the same refusal, the folder's data not imported either
rm val/donnees/tube.csv; mkfifo val/tube.yaml
sed 's#^  - donnees$#  - donnees\n  - tube.yaml#' val/ctg.yaml > val/ctg.yaml.new && mv val/ctg.yaml.new val/ctg.yaml
(cd val && timed "$CTG" build; echo "$rc $tenths" > ../rc; printf '%s' "$err" > ../err)
read -r rc tenths < rc; err=$(cat err)
expect_rc 3; within 50; expect_err "« tube.yaml » est un tube, un périphérique ou un socket"
[ ! -e val/ctg.db ] || _fail "a database was built"
rm val/tube.yaml
sed '/^  - tube.yaml$/d' val/ctg.yaml > val/ctg.yaml.new && mv val/ctg.yaml.new val/ctg.yaml
(cd val && run "$CTG" build; echo "$rc" > ../rc)
rc=$(cat rc); expect_rc 0
# the plan and a report script named by ctg.yaml: a pipe is said to be one (not "introuvable")
mv val/plan.lua val/plan-vrai.lua; mkfifo val/plan.lua
(cd val && timed "$CTG" build; echo "$rc $tenths" > ../rc; printf '%s' "$err" > ../err)
read -r rc tenths < rc; err=$(cat err)
expect_rc 3; within 50
expect_err "ctg.yaml:3: le plan « plan.lua » est un tube, un périphérique ou un socket, pas un fichier : ctg build ne le lit pas"
rm val/plan.lua; mv val/plan-vrai.lua val/plan.lua
mv val/rapports/calendrier.lua val/rapports/cal.lua; mkdir val/rapports/calendrier.lua
(cd val && run "$CTG" build; echo "$rc" > ../rc; printf '%s' "$err" > ../err)
rc=$(cat rc); err=$(cat err)
expect_rc 3; expect_err "le script « rapports/calendrier.lua » est un dossier, pas un fichier"
rmdir val/rapports/calendrier.lua; mv val/rapports/cal.lua val/rapports/calendrier.lua

t "a report whose document takes longer to render than the limit: ended, the script named, nothing written"
# (rendered unbounded, its Markdown takes minutes; on a loaded machine the script's own part
# may be what reaches the limit first: either way the run ends there, the script named)
printf 'local ctx = ...\nreturn ctx.report.new { title = ("é"):rep(20000000) }\n' > titre-geant.lua
for ext in md html; do
  timed "$CTG" report titre-geant.lua -o "geant.$ext" --period 2024 --timeout 1
  expect_rc 1; within 60
  expect_err "titre-geant.lua"; expect_err " dépasse la limite de temps de 1 s"
  [ ! -e "geant.$ext" ] || _fail "geant.$ext was written"
done
[ -z "$(ls -A | grep '^\.geant\|\.tmp')" ] || _fail "a temporary file was left: $(ls -A)"
# a document of ordinary size renders as before
run "$CTG" report "$ROOT/scripts/calendrier.lua" -o calendrier.md --period 2024 --timeout 1
expect_rc 0; grep -q "1-A Étudier l.implantation d.une micro-crèche" calendrier.md || _fail "the calendar was not rendered"

t "a plan file of unknown format (a device, a text file) is refused in French"
run "$CTG" check /dev/zero
expect_rc 3; expect_out "erreur : /dev/zero: format de plan inconnu : un fichier .lua ou .yaml est attendu [format]"
run env CTG_LANG=en "$CTG" check /dev/zero
expect_rc 3; expect_out "unknown plan format: expected a .lua or .yaml file"

t "ctx.stock names a stock report, never a path: '..' and an absolute path are unknown reports"
printf 'local ctx = ...\nreturn ctx.stock("../../../../../etc/passwd")\n' > stock-dotdot.lua
printf 'local ctx = ...\nreturn ctx.stock("%s/titre-geant")\n' "$TMP" > stock-absolute.lua
for f in stock-dotdot stock-absolute; do
  run "$CTG" report "$f.lua" -o "$f.html" --period 2024
  expect_rc 1; expect_err "ctx.stock : pas de rapport fourni nommé « "; expect_err "(rapports fournis : bilan-annuel"
  [ ! -e "$f.html" ] || _fail "$f.html was written"
done

t "a report file planted as a symbolic link in the output folder is replaced, its target left as it was"
"$CTG" init lien --nom "CC du Lien" --debut 2025 >/dev/null
mkdir -p lien/sortie; echo "précieux" > victime.html
ln -s "$TMP/victime.html" lien/sortie/bilan-annuel-2025.html
(cd lien && run "$CTG" build; echo "$rc" > ../rc)
rc=$(cat rc); expect_rc 0
[ "$(cat victime.html)" = "précieux" ] || _fail "the link's target was written"
[ -f lien/sortie/bilan-annuel-2025.html ] && [ ! -L lien/sortie/bilan-annuel-2025.html ] || _fail "the link is still there"
grep -q "CC du Lien" lien/sortie/bilan-annuel-2025.html || _fail "the report was not written in its place"

t "a report script's SQL: a recursive query without end is ended by the watchdog; a string built by SQLite is bounded by --max-memory"
printf 'local ctx = ...\nctx.db:query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) AS n FROM c")\nreturn ctx.report.new { title = "x" }\n' > sans-fin.lua
timed "$CTG" report sans-fin.lua -o sans-fin.html --period 2024 --timeout 1
expect_rc 1; within 60; expect_err "ctg: sans-fin.lua: le script de rapport dépasse la limite de temps de 1 s et ne rend pas la main"
[ ! -e sans-fin.html ] || _fail "a report was written"
# SQLite's heap is not counted by the Lua allocator: without a bound this query builds a
# 12 Mo string inside SQLite (with --max-memory 40, the Lua cap would not see it at all)
printf 'local ctx = ...\nctx.db:query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 120) SELECT group_concat(printf(%s, x)) AS s FROM c")\nreturn ctx.report.new { title = "x" }\n' "'%0100000d'" > concat.lua
run "$CTG" report concat.lua -o concat.html --period 2024 --max-memory 40 --timeout 60
expect_rc 1
expect_err "la requête a échoué : un texte ou un blob y dépasse la taille permise (pour un script de rapport ou une règle, le quart de --max-memory)"
[ ! -e concat.html ] || _fail "a report was written"
# the same query in an analyst's own script is not bounded (no limits outside code from others)
run "$CTG" -e 'local d = ctg.open() print(#d:query("SELECT zeroblob(30000000) AS z")[1].z)'
expect_rc 0; expect_out_eq "30000000"
