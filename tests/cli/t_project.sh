# ctg init and ctg build: a CTG as a versioned project, and every bad input of issue 15.
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
export GIT_CONFIG_NOSYSTEM=1
commit_all() { git -C "$1" add -A && git -C "$1" commit -qm "$2"; }

t "ctg init writes a git-ready project in the French vocabulary"
run "$CTG" init mon-ctg --nom "CC du Pays de Trélon" --debut 2025
expect_rc 0; expect_out "Projet « CC du Pays de Trélon » créé dans mon-ctg/ (intercommunalité, 2025-2029)"
for f in plan.lua donnees/observations.csv rapports/bilan-annuel.lua rapports/tableau-de-bord.lua rapports/calendrier.lua \
         rapports/couverture-enjeux.lua rapports/indicateurs.lua ctg.yaml .gitignore README.md .luarc.json .ctg/ctg.lua; do
  [ -s "mon-ctg/$f" ] || _fail "mon-ctg/$f is missing"
done
grep -q '^plan "ctg-cc-du-pays-de-trelon-2025-2029" {' mon-ctg/plan.lua || _fail "plan id"
grep -q 'periode = {2025, 2029}' mon-ctg/plan.lua || _fail "French field names"
grep -q '^territoire("cc-du-pays-de-trelon", "CC du Pays de Trélon") { niveau = "epci" }' mon-ctg/plan.lua || _fail "EPCI root"
grep -q 'indicateur "taux_couverture"' mon-ctg/plan.lua || _fail "French declarations"
grep -q '^indicateur;periode;territoire;valeur;numerateur;denominateur;texte;manquant;note;source$' mon-ctg/donnees/observations.csv ||
  _fail "French CSV template header"
grep -q 'return ctx.stock("bilan-annuel")' mon-ctg/rapports/bilan-annuel.lua || _fail "thin script calls the stock report"
grep -q '^/ctg.db$' mon-ctg/.gitignore && grep -q '^/sortie/$' mon-ctg/.gitignore || _fail ".gitignore"
grep -q 'ctg build' mon-ctg/README.md || _fail "README explains ctg build"
grep -q '"workspace.library": \[".ctg"\]' mon-ctg/.luarc.json || _fail ".luarc.json points at the definitions"
head -1 mon-ctg/.ctg/ctg.lua | grep -q '^---@meta$' || _fail "the definitions are LuaLS meta"

t "the skeleton checks as it is: no error, no warning"
run "$CTG" check mon-ctg/plan.lua
expect_rc 0; expect_out "0 erreur, 0 avertissement, 0 note"

t "--commune: a commune and its quartiers"
run "$CTG" init ville --commune --name "Ville d'Anor" --debut 2026
expect_rc 0; expect_out "(commune, 2026-2030)"
grep -q '^territoire("ville-d-anor", "Ville d'"'"'Anor") { niveau = "commune" }' ville/plan.lua || _fail "commune root"
grep -q 'niveau = "quartier"' ville/plan.lua || _fail "quartiers"
run "$CTG" check ville/plan.lua
expect_rc 0; expect_out "0 erreur, 0 avertissement"

t "ctg init into a folder that is not empty is refused, unless --force"
mkdir -p plein && echo "à moi" > plein/notes.txt
run "$CTG" init plein
expect_rc 2; expect_err "init : le dossier plein n'est pas vide (notes.txt) ; choisissez un nouveau dossier, ou --force"
[ ! -e plein/plan.lua ] || _fail "files were written into the non-empty folder"
run "$CTG" init plein --force
expect_rc 0
[ -s plein/plan.lua ] && [ "$(cat plein/notes.txt)" = "à moi" ] || _fail "--force: the skeleton is written, other files stay"
echo x > un-fichier
run "$CTG" init un-fichier
expect_rc 2; expect_err "init : un-fichier existe et n'est pas un dossier"
run "$CTG" init both --epci --commune
expect_rc 2; expect_err "--epci ou --commune, pas les deux"
run "$CTG" init bad-year --debut 20x5
expect_rc 2; expect_err "--debut attend la première année"

t "ctg build: check, import, rules, every report, a French summary"
cd mon-ctg
git init -q . && commit_all . "init"
run "$CTG" build
expect_rc 0
expect_out "Construction du projet « CC du Pays de Trélon » (commit "
expect_out "plan     plan.lua : ctg-cc-du-pays-de-trelon-2025-2029, 0 erreur, 0 avertissement"
expect_out "base ctg.db complétée : nouvelle version du plan v1, 1 nouveau fichier ; 3 lignes lues, 3 révisions, 0 retrait"
expect_out "règles   2025 : 0 critique"
expect_out "rapports 7 fichiers dans sortie/"
for f in bilan-annuel-2025.html bilan-annuel-2025.md tableau-de-bord-2025.html calendrier-2025.html \
         couverture-enjeux-2025.html indicateurs-2025.md indicateurs-2025-indicateurs.csv; do
  [ -s "sortie/$f" ] || _fail "sortie/$f is missing"
done
[ -z "$(git status --porcelain)" ] || _fail "the build left files git sees: $(git status --porcelain)"
HEAD=$(git rev-parse HEAD)
grep -q "Commit du projet.*: \`$HEAD\`" sortie/bilan-annuel-2025.md || _fail "the provenance does not name the commit"
grep -q "Commit du projet</dt><dd><code>$HEAD</code>" sortie/bilan-annuel-2025.html || _fail "the HTML provenance does not name the commit"

t "a second build with nothing changed imports nothing and writes the same bytes"
cp -r sortie ../sortie-1
run "$CTG" build
expect_rc 0; expect_out "base ctg.db à jour, rien à importer"
diff -r ../sortie-1 sortie >/dev/null || _fail "outputs differ"

t "two builds of the same commit give byte-identical outputs, whatever the day"
git clone -q . ../clone
(cd ../clone && faketime '2031-02-03 04:05:06' "$CTG" build >/dev/null) || _fail "build in the clone failed"
diff -r sortie ../clone/sortie >/dev/null || _fail "a fresh clone built another day gives other bytes: $(diff -r sortie ../clone/sortie | head -5)"

t "a dirty work tree is named in the provenance"
echo "-- une note" >> plan.lua
run "$CTG" build
expect_rc 0; expect_out "(commit ${HEAD:0:12}, modifié)"; expect_out "complétée : plan relu, inchangé ; 0 ligne lue, 0 révision, 0 retrait"
grep -q "Commit du projet.*: \`$HEAD (modifié)\`" sortie/bilan-annuel-2025.md || _fail "no 'modifié' in the provenance"
git checkout -q plan.lua

t "a new data file is imported alone; an edited one is read again, its changed row a revision"
"$CTG" build >/dev/null
printf 'indicateur;periode;territoire;valeur\nplaces_creees;2025;commune-b;4\n' > donnees/suivi-2025.csv
run "$CTG" build
expect_rc 0; expect_out "base ctg.db complétée : 1 nouveau fichier ; 1 ligne lue, 1 révision, 0 retrait"
grep -q "Places d'accueil créées" sortie/indicateurs-2025.md || _fail "indicators report"
printf 'indicateur;periode;territoire;valeur\nplaces_creees;2025;commune-b;6\n' > donnees/suivi-2025.csv
run "$CTG" build
expect_rc 0; expect_out "base ctg.db complétée : 1 fichier modifié relu ; 1 ligne lue, 1 révision, 0 retrait"
commit_all . "données 2025"

t "a data file that fails to import stops the build: previous outputs and base stay, file and line named"
cp -r sortie ../sortie-ok
sqlite3 ctg.db ".backup ../ctg.db-ok"   # with what the WAL still holds
printf 'indicateur;periode;territoire;valeur\nplaces_creees;2025;commune-b;6\nplaces_crees;2025;commune-a;2\n' > donnees/suivi-2025.csv
run "$CTG" build
expect_rc 3
expect_err "donnees/suivi-2025.csv:3"
expect_err "places_crees"
expect_err "l'import des données a échoué : rien n'a été importé, la base et les rapports de sortie/ sont ceux de la construction précédente"
diff -r ../sortie-ok sortie >/dev/null || _fail "the previous outputs changed"
[ "$(sqlite3 ../ctg.db-ok .dump)" = "$(sqlite3 ctg.db .dump)" ] || { diff <(sqlite3 ../ctg.db-ok .dump) <(sqlite3 ctg.db .dump) | head -5; _fail "the database changed"; }
[ ! -e ctg.db.tmp ] || _fail "the temporary base was left behind"
git checkout -q donnees/suivi-2025.csv

t "a report script that fails stops the build before any output is written, naming its line"
"$CTG" build >/dev/null
cp -r sortie ../sortie-ok2
sed -i 's/^return doc$/local broken = nil\nreturn broken.doc/' rapports/indicateurs.lua
line=$(grep -n 'return broken.doc' rapports/indicateurs.lua | cut -d: -f1)
touch -d '2000-01-01' sortie/*
run "$CTG" build
expect_rc 1
expect_err "build : le rapport rapports/indicateurs.lua (2025) a échoué : rapports/indicateurs.lua:$line: attempt to index a nil value (local 'broken')"
expect_err "rien n'a été écrit"
diff -r ../sortie-ok2 sortie >/dev/null || _fail "outputs changed"
[ -z "$(find sortie -type f -newer ctg.yaml)" ] || _fail "some outputs were rewritten: $(find sortie -type f -newer ctg.yaml)"
git checkout -q rapports/indicateurs.lua

t "a plan with an error stops the build at its line"
sed -i 's/niveau = "epci"/niveau = "EPCI"/' plan.lua
run "$CTG" build
expect_rc 3; expect_err "plan.lua:"; expect_err "rien n'a été construit"
git checkout -q plan.lua

t "ctg build --check verifies in a temporary base and writes nothing"
rm -rf sortie ctg.db ctg.db-* ctg.db.build
run "$CTG" build --check
expect_rc 0; expect_out "Vérification du projet"; expect_out "données  2 fichiers importés dans une base temporaire, 4 lignes"
expect_out "5 rapports vérifiés, rien n'a été écrit"
[ ! -e sortie ] && [ ! -e ctg.db ] || _fail "--check wrote files"
cat >> plan.lua <<'EOF'
regle "places suffisantes" { indicateur = "places_creees", operateur = ">=", valeur = 100, gravite = "critique" }
EOF
run "$CTG" build --check
expect_rc 4; expect_out "1 critique"; expect_err "une règle critique s'est déclenchée"
git checkout -q plan.lua

t "a project file naming a missing report script or data folder: located errors in ctg.yaml"
cp ctg.yaml ctg.yaml.orig
sed -i 's|rapports/calendrier.lua|rapports/calendrer.lua|; s|  - donnees$|  - donnees\n  - archives|' ctg.yaml
run "$CTG" build
expect_rc 3
line=$(grep -n 'archives' ctg.yaml | cut -d: -f1)
expect_err "erreur : ctg.yaml:$line: le fichier ou dossier de données « archives » est introuvable"
expect_err "le script « rapports/calendrer.lua » est introuvable"
line=$(grep -n 'calendrer' ctg.yaml | cut -d: -f1)
expect_err "ctg.yaml:$line: le script"
expect_err "build : ctg.yaml a 2 erreurs : rien n'a été construit"
cp ctg.yaml.orig ctg.yaml
printf 'plan: plan.lua\nrapport:\n  - script: rapports/indicateurs.lua\n' > ctg.yaml
run "$CTG" build
expect_rc 3; expect_err "ctg.yaml:2: clé inconnue « rapport » (vouliez-vous dire « rapports » ?)"
printf 'plan: plan.lua\nrapports:\n  - script: rapports/indicateurs.lua\n    formats: [html, docx]\n' > ctg.yaml
run "$CTG" build
expect_rc 3; expect_err "ctg.yaml:4: format « docx » inconnu : html, md, csv, xlsx, pdf"; expect_err "ctg.yaml:3: il manque « periodes: »"
printf 'plan: plan.lua\nrapports: [\n' > ctg.yaml
run "$CTG" build
expect_rc 3; expect_err "ctg.yaml:"
cp ctg.yaml.orig ctg.yaml && rm ctg.yaml.orig

t "English keys are accepted in ctg.yaml, and build finds the project from a sub-folder"
printf 'name: Test\nplan: plan.lua\ndata: [donnees]\noutput: out\nreports:\n  - script: rapports/indicateurs.lua\n    periods: 2025\n    formats: md\n' > ctg.yaml
cd rapports
run "$CTG" build
expect_rc 0; expect_out "Construction du projet « Test »"; expect_out "out/indicateurs-2025.md"
cd ..
[ -s out/indicateurs-2025.md ] || _fail "out/indicateurs-2025.md"
git checkout -q ctg.yaml
cd ..

t "ctg build outside a project"
mkdir -p vide
run "$CTG" build vide
expect_rc 2; expect_err "build : pas de projet ici (aucun ctg.yaml dans vide ni dans ses dossiers parents) ; créez-en un avec ctg init DOSSIER"

t "help lists init and build"
run "$CTG" --help
expect_out "init"; expect_out "build"
run "$CTG" build --help
expect_rc 0; expect_out "usage : ctg build [DOSSIER] [--check]"

t "ctg help vocabulary --format luals: the definitions ctg init writes"
run "$CTG" help vocabulary --format luals
expect_rc 0
[ "$out" = "$(cat mon-ctg/.ctg/ctg.lua)" ] || _fail "the definitions differ from .ctg/ctg.lua"
expect_out "---@class ctg.vocabulary.Indicator"; expect_out "---@field nature? "; expect_out "function indicateur(id, label) end"
run "$CTG" help store --format luals
expect_rc 2; expect_err "--format luals ne s'applique qu'à « ctg help vocabulary »"
