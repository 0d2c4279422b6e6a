# Issue 24, points 1-3: a CTG project that keeps its history. An intercommunal project (the
# Sud-Avesnois fixture's plan and data) with an avenant in ctg.yaml: builds append (a changed
# figure a revision with its commit, a removed row a withdrawal), the avenant is in force from
# its date, the first build's report rebuilds byte for byte (provenance aside) with --known-at
# the first build's time, a fresh clone gives the same reports; every delivery checks; and
# each bad input of the issue leaves the database as it was.
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
export GIT_CONFIG_NOSYSTEM=1
SA="$ROOT/tests/fixtures/sud-avesnois"
PLAN=ctg-sud-avesnois-2023-2027
commit_all() { git add -A && git commit -qm "$1"; }
# a report without its provenance (the section and the header's "Données connues au")
body() { sed '/^## Provenance/,$d' "$1" | grep -v 'Données connues au'; }
# everything the database holds, as text
dump() { sqlite3 ctg.db .dump; }
at() { faketime "$1" "$CTG" "${@:2}"; }

mkdir -p proj/donnees proj/rapports && cd proj
cp "$SA/plan.lua" plan.lua && cp "$SA"/data/* donnees/
cat > avenant-1.lua <<'AV'
-- Avenant n°1 (illustratif) : une cible relevée, un indicateur des villages.
amendment "ctg-sud-avesnois-2023-2027" {
  amends = "plan.lua", label = "Avenant n°1", council_date = "2024-11-14", effective = "2025-01-01",
}
indicator "accueil_villages" { label = "Enfants des villages accueillis", kind = "count", time = "sum" }
AV
printf 'local ctx = ...\nreturn ctx.stock("bilan-annuel")\n' > rapports/bilan.lua
cat > ctg.yaml <<'Y'
nom: Sud-Avesnois
plan: plan.lua
avenants:
  - avenant-1.lua
donnees: [donnees]
rapports:
  - script: rapports/bilan.lua
    periodes: [2024, 2025]
    formats: [md, html]
Y
printf '/ctg.db\n/ctg.db-*\n/sortie/\n' > .gitignore
git init -q . && commit_all "CTG du Sud-Avesnois"
C1=$(git rev-parse HEAD)

t "first build: the plan, then the avenant from its own date; each report with the version in force at its date"
run at '2025-03-15 10:30:00' build
expect_rc 0
expect_out "avenant  avenant-1.lua : Avenant n°1, en vigueur le 1er janvier 2025"
expect_out "nouvelles versions du plan v1, v2, 3 nouveaux fichiers"
grep -q "Avenant n°1" sortie/bilan-2025.md || _fail "the 2025 report does not say the avenant is in force"
grep -q "Avenant" sortie/bilan-2024.md && _fail "the 2024 report names the avenant, not in force then"
grep -q "$PLAN v2" sortie/bilan-2025.md || _fail "2025: not plan v2"
grep -q "$PLAN v1" sortie/bilan-2024.md || _fail "2024: not plan v1"
cp sortie/bilan-2024.md ../first-2024.md; cp sortie/bilan-2024.html ../first-2024.html
[ "$(sqlite3 ctg.db "SELECT count(*) FROM import WHERE git_commit = '$C1' AND hash IS NOT NULL")" = 5 ] \
  || _fail "the imports do not record their file's fingerprint and the commit"

t "build --check evaluates with the avenant too, and writes nothing (exit 4: the plan's critical rule fires)"
run "$CTG" build --check
expect_rc 4; expect_out "avenant  avenant-1.lua : Avenant n°1"; expect_out "1 rapport vérifié, rien n'a été écrit"

t "nothing changed: no file is read again, no new version, the same bytes"
before=$(sqlite3 ctg.db 'SELECT count(*) FROM import')
run at '2025-03-15 11:00:00' build
expect_rc 0; expect_out "base ctg.db à jour, rien à importer"
[ "$(sqlite3 ctg.db 'SELECT count(*) FROM import')" = "$before" ] || _fail "a file was read again"
cmp -s sortie/bilan-2024.md ../first-2024.md || _fail "other bytes"

t "a figure edited and committed: one revision, with its file, line and commit; the rest untouched"
sed -i 's/{indicator: places_creees, period: 2024, territory: ccsa, value: 4}/{indicator: places_creees, period: 2024, territory: ccsa, value: 5}/' donnees/2024.yaml
grep -q 'value: 5}' donnees/2024.yaml || _fail "the edit did not apply"
commit_all "places créées 2024 : 5"
C2=$(git rev-parse HEAD)
run at '2025-03-15 14:00:00' build
expect_rc 0
expect_out "base ctg.db complétée : 1 fichier modifié relu ; 22 lignes lues, 1 révision, 0 retrait"
line=$(grep -n 'places_creees' donnees/2024.yaml | cut -d: -f1)
run "$CTG" history --indicator places_creees --period 2024
expect_rc 0
expect_out "révision 1 : 4 — "; expect_out "commit ${C1:0:12}"
expect_out "révision 2 : 5 — Données illustratives — bilan 2024 de la CTG du Sud-Avesnois (fictif), donnees/2024.yaml:$line, importé le 15 mars 2025 à 14 h 00 UTC par ctg build, commit ${C2:0:12}"
[ "$(sqlite3 ctg.db 'SELECT max(revision) FROM obs_revision')" = 2 ] || _fail "rows that did not change got revisions"
[ "$(sqlite3 ctg.db "SELECT count(*) FROM plan_version")" = 2 ] || _fail "the plan files did not change: no new version"
grep -q "Avenant n°1" sortie/bilan-2025.md || _fail "the avenant is no longer in force in 2025 after the second build"
grep -q "Avenant" sortie/bilan-2024.md && _fail "the avenant is in force in 2024 after the second build"
cmp -s sortie/bilan-2024.md ../first-2024.md && _fail "the corrected figure did not change the report"

t "the first build's report rebuilt with --known-at its time: the same bytes, provenance aside"
run "$CTG" build --known-at 2025-03-15T10:30
expect_rc 0; expect_out "base ctg.db lue telle qu'elle était connue le 15 mars 2025 à 10 h 30 UTC, rien d'importé"
expect_out "sortie/connues-au-2025-03-15T10-30/bilan-2024.md"
[ "$(body sortie/connues-au-2025-03-15T10-30/bilan-2024.md)" = "$(body ../first-2024.md)" ] \
  || _fail "not the delivered report: $(diff <(body sortie/connues-au-2025-03-15T10-30/bilan-2024.md) <(body ../first-2024.md) | head -6)"
grep -q "Données connues au.*15 mars 2025 à 10 h 30 UTC" sortie/connues-au-2025-03-15T10-30/bilan-2024.md \
  || _fail "the rebuild does not say when the data was known"
# the same day, after the correction: the corrected figure
run "$CTG" report rapports/bilan.lua --period 2024 --known-at 2025-03-15T14:00 -o ../apres.md
expect_rc 0
[ "$(body ../apres.md)" = "$(body sortie/bilan-2024.md)" ] || _fail "known at 14:00 is not the second build"
run "$CTG" report rapports/bilan.lua --period 2024 --known-at 2025-03-15T10:30 -o ../avant.md
expect_rc 0
[ "$(body ../avant.md)" = "$(body ../first-2024.md)" ] || _fail "ctg report --known-at 10:30 is not the first build's report"
run "$CTG" report rapports/bilan.lua --period 2024 --known-at 2025-03-15T25:00 -o ../x.md
expect_rc 2; expect_err "--known-at : moment \"2025-03-15T25:00\" : l'heure 25:00 n'existe pas"

t "ctg livraisons: every delivered report rebuilt the same; a tampered record is named, exit 3"
run "$CTG" livraisons
expect_rc 0
expect_out "8 rapports livrés (base ctg.db)"
[ "$(printf '%s\n' "$out" | grep -c "refait à l'identique")" = 8 ] || _fail "not 8 deliveries rebuilt the same"
expect_out "sortie/bilan-2024.md  livré le 15 mars 2025 à 10 h 30 UTC, commit ${C1:0:12}"
run "$CTG" livraisons --format json
expect_rc 0; expect_out '"status": "same"'; expect_out '"file": "changed"'
cp ctg.db ../ctg.db.bak
sqlite3 ctg.db "UPDATE delivery SET content_hash = '0000000000000000' WHERE id = 1"
run "$CTG" livraisons
expect_rc 3; expect_out "DIFFÉRENT une fois refait"; expect_err "livraisons : 1 rapport livré ne se refait pas à l'identique"
cp ../ctg.db.bak ctg.db; rm -f ctg.db-wal ctg.db-shm
# the script edited since (not committed): the delivered one is taken from git at its commit
echo "-- relu" >> rapports/bilan.lua
run "$CTG" livraisons
expect_rc 0; [ "$(printf '%s\n' "$out" | grep -c "refait à l'identique")" = 8 ] || _fail "the script from git was not used"
sqlite3 ctg.db "UPDATE delivery SET git_commit = NULL WHERE id = 2"
run "$CTG" livraisons
expect_rc 3; expect_out "non refait : le script n'est plus celui de la livraison, ni dans le dossier ni dans git"
cp ../ctg.db.bak ctg.db; rm -f ctg.db-wal ctg.db-shm
git checkout -q rapports/bilan.lua
run "$CTG" build --known-at 2025-13-01
expect_rc 2; expect_err "build : --known-at : date \"2025-13-01\" : le mois 13 n'existe pas"

t "a row removed from a data file: a withdrawal with the commit; the key has no observation, also as known later"
grep -v 'Baives' donnees/2024-communes.csv > x && mv x donnees/2024-communes.csv
commit_all "Baives retiré"
C3=$(git rev-parse HEAD)
run at '2025-03-16 09:00:00' build
expect_rc 0; expect_out "1 retrait"
run "$CTG" history --indicator taux_couverture --period 2024 --territory baives
expect_rc 0
expect_out "révision 2 : retirée (la ligne a été ôtée de donnees/2024-communes.csv) — importé le 16 mars 2025 à 9 h 00 UTC par ctg build, commit ${C3:0:12}"
run "$CTG" eval --period 2024 --indicator taux_couverture --territory baives --format csv
expect_rc 0; expect_no_out ";2;9;"
run "$CTG" eval --period 2024 --indicator taux_couverture --territory baives --format csv --known-at 2025-03-15
expect_rc 0; expect_out ";2;9;"

t "a fresh clone's first build gives the same reports (its base starts at the current files)"
git clone -q . ../clone
(cd ../clone && faketime '2031-02-03 04:05:06' "$CTG" build >/dev/null) || _fail "the clone's build failed"
for f in bilan-2024.md bilan-2025.md; do
  # the same figures give the same data fingerprint whatever the history behind them
  cmp -s ../clone/sortie/$f sortie/$f || _fail "$f differs in the clone: $(diff ../clone/sortie/$f sortie/$f | head -8)"
done

t "bad input: an avenant listed before the avenant it amends; the database unchanged"
dump > ../before.sql
cat > avenant-2.lua <<'AV'
amendment "ctg-sud-avesnois-2023-2027" { amends = "avenant-1.lua", label = "Avenant n°2", effective = "2026-01-01" }
indicator "accueil_villages" { label = "Enfants des villages accueillis (avenant 2)" }
AV
cp ctg.yaml ../ctg.yaml.ok
sed -i 's/  - avenant-1.lua/  - avenant-2.lua\n  - avenant-1.lua/' ctg.yaml
run "$CTG" build
expect_rc 3
expect_err "erreur : ctg.yaml:4: l'avenant « avenant-2.lua » modifie « avenant-1.lua », listé après lui dans « avenants: » : listez d'abord le fichier qu'il modifie"
expect_err "build : 1 avenant invalide : rien n'a été construit"
[ "$(dump)" = "$(cat ../before.sql)" ] || _fail "the database changed"
out=$(CTG_LANG=en "$CTG" build 2>&1)
case "$out" in *"ctg.yaml:4: avenant 'avenant-2.lua' amends 'avenant-1.lua', listed after it in 'avenants:'"*) ;;
  *) _fail "not in English under CTG_LANG=en: $out";; esac
cp ../ctg.yaml.ok ctg.yaml
sed -i 's/  - avenant-1.lua/  - avenant-1.lua\n  - avenant-2.lua/' ctg.yaml
run at '2025-03-17 09:00:00' build
expect_rc 0; expect_out "avenant  avenant-2.lua : Avenant n°2, en vigueur le 1er janvier 2026"; expect_out "nouvelle version du plan v3"
commit_all "avenant 2"

t "bad input: an avenant whose date precedes the plan's"
dump > ../before.sql
sed -i 's/effective = "2025-01-01"/effective = "2023-01-01"/' avenant-1.lua
run "$CTG" build
expect_rc 3
expect_err "ctg.yaml:4: l'avenant « avenant-1.lua » prend effet le 1er janvier 2023, avant ce qu'il modifie (« plan.lua », en vigueur en septembre 2023)"
[ "$(dump)" = "$(cat ../before.sql)" ] || _fail "the database changed"
git checkout -q avenant-1.lua

t "bad input: a data file edited to an invalid value: the build fails, nothing is imported from it, the revisions stay"
"$CTG" build >/dev/null
dump > ../before.sql
cp -r sortie ../sortie-ok
sed -i 's/territory: ccsa, value: 5}/territory: ccsa, value: cinq}/' donnees/2024.yaml
run "$CTG" build
expect_rc 3
expect_err "donnees/2024.yaml:$line"
expect_err "l'import des données a échoué : rien n'a été importé, la base et les rapports de sortie/ sont ceux de la construction précédente"
[ "$(dump)" = "$(cat ../before.sql)" ] || _fail "the database changed"
diff -r ../sortie-ok sortie >/dev/null || _fail "the reports changed"
run "$CTG" history --indicator places_creees --period 2024
expect_out "révision 2 : 5"; expect_no_out "révision 3"
git checkout -q donnees/2024.yaml

t "bad input: a plan version the project does not have stops the build, unless --adopt"
cat > ../a-la-main.lua <<'AV'
amendment "ctg-sud-avesnois-2023-2027" { amends = "plan.lua", label = "Avenant à la main", effective = "2027-01-01" }
AV
cp ../a-la-main.lua ./a-la-main.lua
"$CTG" import --db ctg.db a-la-main.lua >/dev/null 2>&1 || _fail "the hand import failed"
rm a-la-main.lua
dump > ../before.sql
run "$CTG" build
expect_rc 3
expect_err "ctg.db : la version 4 du plan « $PLAN » (a-la-main.lua, importée le "
expect_err "n'est pas dans le projet"
expect_err "gardez-la avec ctg build --adopt"
[ "$(dump)" = "$(cat ../before.sql)" ] || _fail "the database changed"
# --adopt with a data file in error: nothing is adopted either
sed -i 's/territory: ccsa, value: 5}/territory: ccsa, value: cinq}/' donnees/2024.yaml
run "$CTG" build --adopt
expect_rc 3; expect_err "donnees/2024.yaml:$line"
[ "$(dump)" = "$(cat ../before.sql)" ] || _fail "the database changed (adopted while the import failed)"
git checkout -q donnees/2024.yaml
run "$CTG" build --adopt
expect_rc 0; expect_out "1 version adoptée"
run "$CTG" build
expect_rc 0; expect_out "à jour, rien à importer"
run "$CTG" build --check --adopt
expect_rc 2; expect_err "--adopt n'y a pas de sens"

t "the plan file edited: a comment is no new version, a declaration is one"
echo "-- une note de relecture" >> plan.lua
run "$CTG" build
expect_rc 0; expect_out "complétée : plan relu, inchangé ; 0 ligne lue, 0 révision, 0 retrait"
[ "$(sqlite3 ctg.db 'SELECT count(*) FROM plan_version')" = 4 ] || _fail "a comment made a version"
sed -i 's/label = "Familles allocataires"/label = "Familles allocataires de la CAF"/' plan.lua
run "$CTG" build
# the avenants apply to the plan as it is now: each makes a version again
expect_rc 0; expect_out "nouvelles versions du plan v5, v6, v7"
[ "$(sqlite3 ctg.db "SELECT count(*) FROM plan_version WHERE content LIKE '%Familles allocataires de la CAF%'")" -ge 1 ] \
  || _fail "the new label is not stored"
git checkout -q plan.lua && "$CTG" build >/dev/null

t "a data file taken out of the project: its rows withdrawn; brought back: read again"
mv donnees/2023.yaml ../2023.yaml
n=$(grep -c 'indicator:\|step:\|committee:\|funder:' ../2023.yaml)
run "$CTG" build
expect_rc 0; expect_out "1 fichier ôté du projet (ses lignes retirées)"; expect_out "$n retraits"
run "$CTG" eval --period 2023 --indicator familles_allocataires --territory ccsa --format csv
expect_rc 0; expect_out "familles_allocataires;2023;ccsa;;"
mv ../2023.yaml donnees/2023.yaml
run "$CTG" build
expect_rc 0; expect_out "1 nouveau fichier ; $n lignes lues, $n révisions, 0 retrait"
run "$CTG" history --indicator familles_allocataires --period 2023 --territory ccsa
expect_out "révision 2 : retirée"; expect_out "révision 3 : "

t "an avenant taken out of ctg.yaml: a stored version does not go away, the build stops"
dump > ../before.sql
sed -i '/avenant-2.lua/d' ctg.yaml
run "$CTG" build
expect_rc 3
expect_err "ctg.yaml: avenant-2.lua a fait une version du plan dans ctg.db, et n'est plus le plan ni un avenant du projet"
expect_err "une version enregistrée ne se retire pas"
[ "$(dump)" = "$(cat ../before.sql)" ] || _fail "the database changed"
git checkout -q ctg.yaml
cd ..

t "ctg livraisons and build --known-at before any build, and outside a project"
run "$CTG" init vierge --debut 2026
run "$CTG" livraisons vierge
expect_rc 2; expect_err "livraisons : la base ctg.db n'existe pas : rien n'a encore été livré (ctg build)"
run "$CTG" build vierge --known-at 2026-03-01
expect_rc 2; expect_err "build : --known-at relit la base du projet, et ctg.db n'existe pas encore"
[ ! -e vierge/ctg.db ] || _fail "a database was created"
# a first build whose data is in error leaves no database behind
cp vierge/donnees/observations.csv ../obs.csv
printf 'places_creees;2026;nulle-part;3;;;;;;\n' >> vierge/donnees/observations.csv
run "$CTG" build vierge
expect_rc 3; expect_err "donnees/observations.csv:5"
[ ! -e vierge/ctg.db ] || _fail "a failed first build left a database"
cp ../obs.csv vierge/donnees/observations.csv
# a project outside git: deliveries without a commit, rebuilt all the same
run "$CTG" build vierge
expect_rc 0
[ "$(sqlite3 vierge/ctg.db 'SELECT count(*) FROM delivery WHERE git_commit IS NULL')" = 7 ] || _fail "not 7 deliveries without a commit"
run "$CTG" livraisons vierge
expect_rc 0; expect_out "7 rapports livrés"; expect_no_out "commit"
mkdir -p rien
run "$CTG" livraisons rien
expect_rc 2; expect_err "livraisons : pas de projet ici (aucun ctg.yaml dans rien ni dans ses dossiers parents)"

t "ctg init writes the avenants key, empty, with a French comment; the README says what starting over loses"
run "$CTG" init neuf --debut 2026
expect_rc 0
grep -q '^avenants:$' neuf/ctg.yaml || _fail "no avenants: key"
grep -q '^# les avenants, écrits comme ce qu' neuf/ctg.yaml || _fail "no French comment"
grep -q "repartir de zéro : supprimer \`ctg.db\`" neuf/README.md || _fail "the README does not say how to start over"
grep -q "les livraisons sont perdus" neuf/README.md || _fail "the README does not say what starting over loses"
run "$CTG" build --help
expect_out "Repartir de zéro : supprimer la base"; expect_out "--known-at MOMENT"; expect_out "--adopt"
