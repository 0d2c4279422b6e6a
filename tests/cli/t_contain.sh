# Code and projects from others, contained (issue 25): limits that always hold, outcomes only
# ctg decides, files that stay put, nothing run from the project, a safe terminal, a database
# that lies refused. Fixtures in tests/fixtures/contain/; the database is the Sud-Avesnois
# plan's (another shape than the example), compared whole before and after each attack.
FX="$ROOT/tests/fixtures/contain"
SA="$ROOT/tests/fixtures/sud-avesnois"
export CTG_DB="$TMP/sa.db"
"$CTG" import "$SA/plan.lua" "$SA"/data/2023.yaml "$SA"/data/2024.yaml >/dev/null || echo "FAIL setup: import"
cp -r "$FX" "$TMP/fx"
dump() { sqlite3 "$1" .dump | cksum; }
before=$(dump "$CTG_DB")
same_db() { [ "$(dump "${1:-$CTG_DB}")" = "${2:-$before}" ] || _fail "the database changed"; }
# run a command and note how long it took, in tenths of a second
timed() { t0=$(date +%s%N); run "$@"; t1=$(date +%s%N); tenths=$(( (t1 - t0) / 100000000 )); }
# within the limit plus the watchdog's grace (1 s) plus room for a loaded machine
within() { [ "$tenths" -le "$1" ] || _fail "took ${tenths}/10 s, more than $1/10 s"; }

# ---- 1. limits that always hold -----------------------------------------------------------

t "a report script stuck in one call into C is ended by the watchdog: exit 1, its file named, nothing written"
cd "$TMP/fx/limits"
timed "$CTG" report report-long-pattern.lua -o long.html --timeout 1 --period 2024
expect_rc 1; within 60
expect_err "ctg: report-long-pattern.lua: le script de rapport dépasse la limite de temps de 1 s et ne rend pas la main"
expect_err "rien n'a été écrit"
[ -z "$(ls -A | grep '^\.\?long')" ] || _fail "an output was left: $(ls -A)"
same_db

t "a plan file stuck in one call into C: ctg check and ctg import end at the limit, nothing stored"
timed "$CTG" check plan-long-pattern.lua --timeout 1
expect_rc 1; within 60; expect_err "plan-long-pattern.lua: le plan dépasse la limite de temps de 1 s et ne rend pas la main"
timed "$CTG" import plan-long-pattern.lua --timeout 0.5
expect_rc 1; within 50; expect_err "plan-long-pattern.lua: le plan dépasse la limite de temps de 0,5 s"
same_db
run "$CTG" import "$SA/data/2024.yaml"
expect_rc 0
before=$(dump "$CTG_DB")

t "a stored custom rule stuck in one call into C ends every later ctg rules at the limit; the lock is released"
cp "$CTG_DB" rule.db
run "$CTG" import plan-rule-long-pattern.lua --db rule.db --timeout 1
expect_rc 0
rule_before=$(dump rule.db)
timed "$CTG" rules --db rule.db --plan ctg-pieges-2024-2026 --timeout 1 --period 2024
expect_rc 1; within 60
expect_err "plan-rule-long-pattern.lua: la règle « piège » dépasse la limite de temps de 1 s et ne rend pas la main"
same_db rule.db "$rule_before"
# nothing holds the database: an import goes through at once
CTG_BUSY_TIMEOUT_MS=100 run "$CTG" import "$SA/data/2023.yaml" --db rule.db
expect_rc 0

t "an error object whose __tostring never returns is stopped within the limits, at the script's line"
timed "$CTG" report report-tostring-loop.lua -o loop.html --timeout 1 --period 2024
expect_rc 1; within 50
expect_err "report-tostring-loop.lua:3: le script de rapport dépasse la limite de temps de 1 s"
[ ! -e loop.html ] || _fail "an output was written"

t "a finalizer (__gc) is refused where it is set; a looping __close is stopped within the limits"
run "$CTG" report report-gc.lua -o gc.html --period 2024
expect_rc 1; expect_err "report-gc.lua:4: __gc n'est pas permis dans un script de rapport : un finaliseur s'exécuterait après le script"
[ ! -e gc.html ] || _fail "an output was written"
timed "$CTG" report report-close-loop.lua -o close.html --timeout 1 --period 2024
expect_rc 1; within 50; expect_err "report-close-loop.lua:5: le script de rapport dépasse la limite de temps de 1 s"
same_db

t "a loop of avenants is a located French error (exit 3), in check and in import; nothing stored"
cd "$TMP/fx/amend-loop"
run "$CTG" check avenant-1.lua
expect_rc 3
expect_out "avenant-2.lua:1: amends : les avenants forment une boucle : avenant-1.lua → avenant-2.lua → ./avenant-1.lua"
run "$CTG" import avenant-self.lua
expect_rc 3; expect_err "avenant-self.lua:2: amends : les avenants forment une boucle : avenant-self.lua → avenant-self.lua"
same_db

# ---- 2. files stay put -------------------------------------------------------------------

t "ctx.read_csv reads a regular file of the script's folder; not through a symlink, a FIFO, an absolute path or '..'"
mkdir -p "$TMP/files/scripts" "$TMP/files/secret"
cp "$FX/files/read-file.lua" "$FX/files/beside.csv" "$TMP/files/scripts/"
printf 'secret;valeur\nmot-de-passe;hunter2\n' > "$TMP/files/secret/private.csv"
cd "$TMP/files/scripts"
run "$CTG" report read-file.lua beside.csv -o ok.md --period 2024
expect_rc 0; grep -q "Lu : commune (1 lignes)" ok.md || _fail "the file beside the script was not read: $(head -1 ok.md)"
ln -sf ../secret/private.csv link.csv
run "$CTG" report read-file.lua link.csv -o link.md --period 2024
expect_rc 1; expect_err "read-file.lua:4: ctx.read_csv ne suit pas les liens symboliques : « link.csv » passe par un lien"
ln -sfn ../secret linkdir
run "$CTG" report read-file.lua linkdir/private.csv -o link.md --period 2024
expect_rc 1; expect_err "read-file.lua:4: ctx.read_csv ne suit pas les liens symboliques : « linkdir/private.csv »"
mkfifo pipe.csv
timed "$CTG" report read-file.lua pipe.csv -o pipe.md --period 2024 --timeout 5
expect_rc 1; within 30; expect_err "read-file.lua:4: ctx.read_csv lit un fichier ordinaire : « pipe.csv » est un tube"
run "$CTG" report read-file.lua "$TMP/files/secret/private.csv" -o abs.md --period 2024
expect_rc 1; expect_err "read-file.lua:4: ctx.read_csv lit un fichier du dossier du script, pas le chemin absolu"
run "$CTG" report read-file.lua ../secret/private.csv -o up.md --period 2024
expect_rc 1; expect_err "read-file.lua:4: ctx.read_csv lit un fichier du dossier du script, sans '..' (reçu « ../secret/private.csv »)"
truncate -s 70M big.csv
run "$CTG" report read-file.lua big.csv -o big.md --period 2024
expect_rc 1; expect_err "read-file.lua:4: ctx.read_csv : « big.csv » dépasse 64 Mo"
run "$CTG" report read-file.lua nowhere.csv -o none.md --period 2024
expect_rc 1; expect_err "read-file.lua:4: ctx.read_csv : pas de fichier « nowhere.csv » dans"
[ -z "$(ls | grep -v '^ok.md$' | grep '\.md$')" ] || _fail "an output was written: $(ls)"
grep -rq hunter2 . && _fail "the secret reached an output"
rm -f big.csv
same_db

t "a project's ctg.yaml names nothing outside the project: an absolute base, a '..' base, a '..' script, a symlinked output"
cd "$TMP"
"$CTG" init projet --nom "CC du Val" --debut 2025 >/dev/null
echo "précieux" > victim.db
# the script outside the project exists: what refuses it is its path
mkdir -p dehors && cp "$FX/outcome/report-prints.lua" dehors/bilan.lua
for y in base-absolute base-dotdot script-dotdot output-symlink; do
  cp "$FX/files/ctg-$y.yaml" projet/ctg.yaml
  ln -sfn "$TMP" projet/lien-sortie
  (cd projet && run "$CTG" build; echo "$rc" > ../rc; printf '%s' "$err" > ../err)
  rc=$(cat rc); err=$(cat err)
  expect_rc 3
  case $y in
    base-absolute) expect_err "ctg.yaml:8: « base » : le chemin absolu « /tmp/ctg-contain-victim.db » sort du projet";;
    base-dotdot) expect_err "ctg.yaml:8: « base » : le chemin « ../victim.db » sort du projet par '..'";;
    script-dotdot) expect_err "« script » : le chemin « ../dehors/bilan.lua » sort du projet par '..'";;
    output-symlink) expect_err "ctg.yaml:9: « sortie » : le chemin « lien-sortie » passe par un lien symbolique";;
  esac
  expect_err "rien n'a été construit"
done
[ "$(cat victim.db)" = "précieux" ] || _fail "the file outside the project was replaced"
[ ! -e /tmp/ctg-contain-victim.db ] || _fail "a database was written outside the project"
[ -z "$(ls "$TMP" | grep '\.html$')" ] || _fail "a report was written outside the project"
rm -f projet/lien-sortie

t "ctg build never replaces a file it did not create, nor follows a link in a data folder"
cp "$FX/files/ctg-base-foreign.yaml" projet/ctg.yaml
echo "notes de réunion" > projet/notes.db
(cd projet && run "$CTG" build; echo "$rc" > ../rc; printf '%s' "$err" > ../err)
rc=$(cat rc); err=$(cat err)
expect_rc 3; expect_err "« notes.db » n'est pas une base construite par ctg build"
[ "$(cat projet/notes.db)" = "notes de réunion" ] || _fail "notes.db was replaced"
sed 's#^base: notes.db#base: ctg.db#' projet/ctg.yaml > projet/ctg.yaml.new && mv projet/ctg.yaml.new projet/ctg.yaml
ln -s "$TMP/files/secret/private.csv" projet/donnees/zz-lien.csv
(cd projet && run "$CTG" build; echo "$rc" > ../rc; printf '%s' "$err" > ../err)
rc=$(cat rc); err=$(cat err)
expect_rc 3; expect_err "« donnees/zz-lien.csv » est un lien symbolique dans un dossier de données"
rm projet/donnees/zz-lien.csv
(cd projet && run "$CTG" build; echo "$rc" > ../rc)
rc=$(cat rc); expect_rc 0
# a base ctg built takes the plan's change; an SQLite file of another application named as
# the base (its own tables, a user_version of its own) is not written into
printf '\n-- changé\n' >> projet/plan.lua
(cd projet && run "$CTG" build; echo "$rc" > ../rc)
rc=$(cat rc); expect_rc 0
rm -f projet/ctg.db projet/ctg.db-wal projet/ctg.db-shm
sqlite3 projet/ctg.db "CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('à garder'); PRAGMA user_version = 7;"
other_before=$(sqlite3 projet/ctg.db .dump)
(cd projet && run "$CTG" build; echo "$rc" > ../rc; printf '%s' "$err" > ../err)
rc=$(cat rc); err=$(cat err)
expect_rc 3; expect_err "« ctg.db » n'est pas une base construite par ctg build"
[ "$(sqlite3 projet/ctg.db .dump)" = "$other_before" ] || _fail "another application's database was written into"

t "the database a command reads is a regular file: not a FIFO, a device or a folder"
mkfifo "$TMP/db.fifo"
timed "$CTG" eval --db "$TMP/db.fifo" --period 2024
expect_rc 3; within 30; expect_err "db.fifo : une base de données est un fichier ordinaire, pas un tube"
run "$CTG" rules --db /dev/zero
expect_rc 3; expect_err "/dev/zero : une base de données est un fichier ordinaire"
run "$CTG" import "$SA/data/2024.yaml" --db "$TMP"
expect_rc 3; expect_err "une base de données est un fichier ordinaire"
same_db

# ---- 4. nothing runs from the project ---------------------------------------------------------

t "a cloned project's git configuration runs nothing: fsmonitor, a filter driver, an include"
cd "$TMP"
"$CTG" init depot --nom "CC du Val" --debut 2025 >/dev/null
(cd depot && git init -q . && git add -A && git -c user.name=t -c user.email=t@t commit -qm init)
head=$(git -C depot rev-parse HEAD)
printf '[core]\n\tfsmonitor = "touch %s/PWNED-include; echo"\n' "$TMP" > evil.gitconfig
echo '*.csv filter=piege' > depot/.gitattributes
for c in fsmonitor filter include; do
  cp "$FX/git/config-$c" depot/.git/config
  touch depot/donnees/observations.csv
  (cd depot && run "$CTG" build; echo "$rc" > ../rc; printf '%s' "$out" > ../out)
  rc=$(cat rc); out=$(cat out)
  expect_rc 0
  expect_out "(commit ${head:0:12}"
  ls "$TMP" | grep -q PWNED && _fail "the project's git configuration ($c) ran a command: $(ls "$TMP" | grep PWNED)"
  grep -q "$head (état non vérifié : la configuration git du projet n'est pas lue par ctg)" depot/sortie/bilan-annuel-2025.md ||
    _fail "the provenance does not say the state was not checked ($c): $(grep -i commit depot/sortie/bilan-annuel-2025.md)"
done
# a plain configuration: git status runs, neutralised, and the commit is clean
printf '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n' > depot/.git/config
rm depot/.gitattributes
(cd depot && git -c user.name=t -c user.email=t@t commit -qam "attributs"; git rm -q --cached .gitattributes; true) >/dev/null 2>&1
(cd depot && run "$CTG" build; echo "$rc" > ../rc)
rc=$(cat rc); expect_rc 0
ls "$TMP" | grep -q PWNED && _fail "a command ran"
grep -q "état non vérifié" depot/sortie/bilan-annuel-2025.md && _fail "a plain configuration was not used"

# ---- 6. a database that lies is refused ----------------------------------------------------

t "a hand-altered database is refused with exit 3, naming the table and the row, never a wrong sum"
for edit in value-as-text territory-dangling numerator-blob two-latest; do
  cp "$CTG_DB" "$TMP/$edit.db"
  sqlite3 "$TMP/$edit.db" < "$FX/db/$edit.sql"
  altered=$(dump "$TMP/$edit.db")
  for cmd in "eval --period 2024" "rules --period 2024" "report $ROOT/scripts/tableau-de-bord.lua -o $TMP/$edit.html --period 2024"; do
    # shellcheck disable=SC2086
    run "$CTG" $cmd --db "$TMP/$edit.db"
    expect_rc 3; expect_err "la base a été modifiée hors de ctg : la table obs_revision, ligne id "
    case $edit in
      value-as-text) expect_err "colonne value ne contient pas ce que ctg y écrit (un nombre)";;
      territory-dangling) expect_err "colonne territory ne contient pas ce que ctg y écrit (un identifiant de obs_territory)";;
      numerator-blob) expect_err "colonne numerator ne contient pas ce que ctg y écrit (un nombre)";;
      two-latest) expect_err "colonne latest ne contient pas ce que ctg y écrit (une seule révision en vigueur par clé";;
    esac
  done
  [ ! -e "$TMP/$edit.html" ] || _fail "a report was written from $edit"
  same_db "$TMP/$edit.db" "$altered"
done
cp "$CTG_DB" "$TMP/funding.db"; sqlite3 "$TMP/funding.db" < "$FX/db/funding-as-text.sql"
run "$CTG" rules --db "$TMP/funding.db" --period 2024
expect_rc 3; expect_err "la table obs_revision, ligne id "; expect_err "colonne value ne contient pas ce que ctg y écrit (un nombre)"
expect_no_out "sous le plancher"
id=$(sqlite3 "$CTG_DB" "SELECT min(id) FROM obs_revision WHERE latest = 1 AND value IS NOT NULL")
cp "$CTG_DB" "$TMP/again.db"; sqlite3 "$TMP/again.db" < "$FX/db/value-as-text.sql"
run "$CTG" eval --db "$TMP/again.db" --period 2024
expect_err "ligne id $id, colonne value"

t "numbers a double cannot hold are refused from their decimal text: CSV and YAML"
run "$CTG" import "$FX/db/big-numbers.csv"
expect_rc 3
expect_err "big-numbers.csv:2:4: value est trop grand pour être gardé exactement (au plus 9"; expect_err "992), reçu 9007199254740993"
expect_err "big-numbers.csv:3:4: value est trop grand pour être gardé exactement"; expect_err "reçu 9007199254740992,5"
expect_err "big-numbers.csv:4:4: value est trop grand pour être gardé exactement"; expect_err "reçu 1e300"
expect_no_err "big-numbers.csv:5:"
run "$CTG" import "$FX/db/big-numbers.yaml"
expect_rc 3
expect_err "big-numbers.yaml:5: value est trop grand pour être gardé exactement"; expect_err "reçu 9007199254740993.0"
expect_err "big-numbers.yaml:6: value est trop grand pour être gardé exactement"; expect_err "reçu 9007199254740993"
same_db

t "an avenant naming a device or a FIFO as the plan it amends: refused at once, located (exit 3)"
cd "$TMP/fx/amend-device"
mkfifo plan.fifo
timed "$CTG" check avenant-zero.lua
expect_rc 3; within 30; expect_out "avenant-zero.lua:2: amends : « /dev/zero » n'est pas un fichier ordinaire"
timed "$CTG" import avenant-fifo.lua
expect_rc 3; within 30; expect_err "avenant-fifo.lua:3: amends : « plan.fifo » n'est pas un fichier ordinaire"
same_db
cd "$TMP"

# ---- 3. outcomes only ctg decides ---------------------------------------------------------

t "an error dressed as ctg's exit error chooses no exit code: a report script and a stored rule"
cd "$TMP/fx/outcome"
run "$CTG" report report-fake-exit.lua -o fake.html --period 2024
expect_rc 1; expect_err "ctg: report-fake-exit.lua:3: rien de grave"; expect_no_err "build terminé"
[ ! -e fake.html ] || _fail "an output was written"
cp "$CTG_DB" exit.db
run "$CTG" import plan-rule-fake-exit.lua --db exit.db
expect_rc 0
run "$CTG" rules --db exit.db --plan ctg-pieges-2024-2026 --period 2024
# exit 1: a rule in error, as ctg decides (never the 0 the rule asked for)
expect_rc 1; expect_out "la règle « sortie » a échoué : plan-rule-fake-exit.lua:9: (erreur sans message : une valeur de type table)"
same_db

t "a table dressed as a document is refused; the document's methods are out of reach"
run "$CTG" report report-fake-document.lua -o fakedoc.html --period 2024
expect_rc 1; expect_err "report-fake-document.lua: le script doit renvoyer un document fait par ctx.report.new{…}, pas une table qui y ressemble"
[ ! -e fakedoc.html ] || _fail "an output was written"

t "the provenance is ctg's: a script's own is replaced"
run "$CTG" report report-forged-provenance.lua -o prov.md --period 2024
expect_rc 0
grep -q "plan-forge" prov.md && _fail "the forged provenance was printed"
grep -q "ctg-sud-avesnois-2023-2027 v1" prov.md || _fail "ctg's provenance is missing: $(tail -12 prov.md)"
grep -q "report-forged-provenance.lua" prov.md || _fail "the script is not named in the provenance"

t "what code from others prints goes to stderr after its place: it cannot pass for ctg's output"
run "$CTG" report report-prints.lua -o prints.html --period 2024
expect_rc 0; expect_no_out "rapport écrit"; expect_err "report-prints.lua:3: build : 1 rapport écrit dans sortie/"
run "$CTG" check plan-prints.lua
expect_rc 0; expect_err "plan-prints.lua:4: 0 erreur, 0 avertissement, 0 note"
[ "$(printf '%s\n' "$out" | grep -c "^0 erreur")" = 1 ] || _fail "the plan's line reached stdout"

t "a document whose blocks answer through a metatable is refused before rendering (no hang)"
timed "$CTG" report report-lazy-blocks.lua -o lazy.html --timeout 1 --period 2024
expect_rc 1; within 30
expect_err "report-lazy-blocks.lua: le document renvoyé par le script n'est plus fait de données simples (document.blocks"
[ ! -e lazy.html ] || _fail "an output was written"
same_db
cd "$TMP"

# ---- 5. the terminal is safe ----------------------------------------------------------------

# on_tty CMD…: run CMD with its stdout and stderr on a pseudo-terminal (script(1)); $out gets
# both, with the terminal's \r removed
on_tty() {
  out=$(TERM=dumb script -qec "$(printf '%q ' "$@")" /dev/null < /dev/null | tr -d '\r'); rc=0
}
# no raw ESC, C1 control (UTF-8 C2 80–9F) nor bidirectional control (E2 80 AA–AE, E2 81 A6–A9)
no_raw_controls() {
  printf '%s' "$out" | LC_ALL=C grep -q $'\033' && _fail "a raw ESC reached the terminal"
  printf '%s' "$out" | LC_ALL=C grep -qP '\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]' &&
    _fail "a raw C1 or bidirectional control reached the terminal"
  return 0
}

t "ctg check flags control characters in plan texts, at their lines, and shows them escaped"
cd "$TMP/fx/terminal"
run "$CTG" check plan-controls.lua
expect_rc 0
expect_out 'plan-controls.lua:4: le champ « title » du plan ctg-bourg-2024-2026 contient des caractères de contrôle'
expect_out '« Bourg \x1b]0;pirate\x07 CTG \u{202e}lanoitan »'
expect_out 'plan-controls.lua:8: le champ « title » du territoire bourg'
expect_out 'plan-controls.lua:10: le champ « title » de l'"'"'action 1 contient des caractères de contrôle'
expect_out 'plan-controls.lua:10: le champ « pilots » de l'"'"'action 1'
expect_out 'plan-controls.lua:12: le champ « label » de l'"'"'indicateur inscrits'
run "$CTG" check "$SA/plan.lua"
expect_rc 0; expect_no_out "control-characters"

t "on a terminal, check, eval, rules, history and plans show plan and data texts escaped; a pipe gets the bytes"
export CTG_DB="$TMP/fx/terminal/t.db"
run "$CTG" import plan-controls.lua data-controls.yaml
expect_rc 0
on_tty "$CTG" check plan-controls.lua
no_raw_controls; expect_out 'Bourg \x1b]0;pirate\x07 CTG \u{202e}lanoitan'
on_tty "$CTG" eval --period 2024
no_raw_controls; expect_out 'Indicateurs, période 2024 : Bourg\x1b[2J'
on_tty "$CTG" rules --period 2024
no_raw_controls
on_tty "$CTG" history --indicator inscrits
no_raw_controls; expect_out 'Mairie\x1b[2J'
on_tty "$CTG" plans
no_raw_controls; expect_out 'ctg-bourg-2024-2026'
on_tty "$CTG" export observations --format yaml
no_raw_controls; expect_out 'note: "vu\e]0;titre\a \u{202e}esrevni"'
on_tty "$CTG" export observations --format json
no_raw_controls
run "$CTG" history --indicator inscrits
printf '%s' "$out" | LC_ALL=C grep -q $'Mairie\033\\[2J' || _fail "the pipe did not get the bytes as they are"
run "$CTG" export observations --format yaml
printf '%s' "$out" | LC_ALL=C grep -q $'\xe2\x80\xaeesrevni' || _fail "the exported file lost the text as it is"

t "errors quoting data are escaped on a terminal: an import error and a REPL error"
on_tty "$CTG" import data-bad-territory.yaml
no_raw_controls; expect_out "territoire inconnu 'bou\x1b[2Jrg'"
out=$(printf 'p = ctg.load("plan-controls.lua")\np.territories[1]\nerror(p.title)\n' |
      TERM=dumb timeout 20 script -qec "$(printf '%q' "$CTG")" /dev/null | tr -d '\r')
no_raw_controls; expect_out 'Territoire bourg — Bourg\x1b[2J (commune)'
expect_out 'erreur : [saisie]:3: Bourg \x1b]0;pirate\x07 CTG \u{202e}lanoitan'

t "reports keep the text as is, escaped as each format requires"
run "$CTG" report "$ROOT/scripts/tableau-de-bord.lua" -o tdb.md --period 2024
expect_rc 0
# (Markdown escapes its own "]": the bytes are ESC, "\]0;pirate")
LC_ALL=C grep -q $'Bourg \033' tdb.md || _fail "the Markdown lost the text: $(head -3 tdb.md)"
grep -q 'x1b' tdb.md && _fail "the Markdown holds the terminal's escapes"
export CTG_DB="$TMP/sa.db"
cd "$TMP"
