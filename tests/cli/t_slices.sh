# Evaluation that costs what it prints (issue 27, point 5): a view's values do not depend on
# what else the database holds, and the data fingerprint kept at import (schema 7,
# obs_fingerprint) is the one recomputed from the current rows whatever the order of the
# imports, as known at a past date too, and ctg verifier finds a stored one that lies.
# ILLUSTRATIVE: the communauté, its communes and every figure are invented (another shape
# than the fixtures: four communes, 2024-2028, a second plan in the same database).
ft() { ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" faketime "$@"; }
command -v faketime >/dev/null || { echo "faketime is missing: make deps"; exit 1; }
cat > born.lua <<'EOF'
plan "ctg-born-2024-2028" {
  title = "Convention Territoriale Globale du Pays de Born 2024-2028",
  period = {2024, 2028}, signed = "2024-06-12",
  signatories = {"Communauté de communes du Pays de Born", "CAF des Landes"},
}
territory("born", "Pays de Born") { level = "epci" }
territory("mimizan", "Mimizan") { level = "commune", parent = "born" }
territory("pontenx", "Pontenx-les-Forges") { level = "commune", parent = "born" }
territory("parentis", "Parentis-en-Born") { level = "commune", parent = "born" }
territory("gastes", "Gastes") { level = "commune", parent = "born" }
indicator "places" { label = "Places d'accueil du jeune enfant", kind = "count", time = "last" }
indicator "couverture" {
  label = "Places pour 100 enfants de moins de 3 ans", kind = "ratio", scale = 100, unit = "%",
  numerator = "places", denominator = "enfants de moins de 3 ans", time = "last",
}
indicator "ateliers" { label = "Participants aux ateliers parents-enfants", kind = "count", time = "sum" }
axis(1, "Petite enfance") { action(1, "Ouvrir des places") { } }
EOF
# a second CTG of the same CAF, other territories and indicators, in the same database
cat > autre.lua <<'EOF'
plan "ctg-lacs-2020-2024" {
  title = "Convention Territoriale Globale des Grands Lacs 2020-2024",
  period = {2020, 2024}, signed = "2020-02-03",
}
territory("lacs", "Grands Lacs") { level = "epci" }
territory("biscarrosse", "Biscarrosse") { level = "commune", parent = "lacs" }
territory("sanguinet", "Sanguinet") { level = "commune", parent = "lacs" }
indicator "places" { label = "Places d'accueil", kind = "count", time = "last" }
indicator "jeunes" { label = "Jeunes accompagnés", kind = "count", time = "sum" }
axis(1, "Jeunesse") { action(1, "Accompagner") { } }
EOF
cat > a.csv <<'EOF'
indicateur;période;territoire;valeur;numérateur;dénominateur
places;2025;mimizan;40;;
places;2025;pontenx;12;;
places;2025;parentis;35;;
couverture;2025;mimizan;;40;110
couverture;2025;pontenx;;12;45
couverture;2025;parentis;;35;130
ateliers;2025;gastes;18;;
EOF
cat > b.csv <<'EOF'
indicateur;période;territoire;valeur;numérateur;dénominateur
places;2026;mimizan;44;;
places;2026;gastes;6;;
couverture;2026;mimizan;;44;108
couverture;2026;gastes;;6;21
ateliers;2026;mimizan;51;;
ateliers;2025;pontenx;9;;
EOF
# many rows around the plan's: the other plan over five years, and this plan's later years
"$CTG" -e '
  local f = assert(io.open("autre.csv", "w"))
  f:write("indicateur;période;territoire;valeur\n")
  for year = 2020, 2024 do
    for _, t in ipairs({"lacs", "biscarrosse", "sanguinet"}) do
      for _, ind in ipairs({"places", "jeunes"}) do f:write(("%s;%d;%s;%d\n"):format(ind, year, t, year % 97)) end
    end
  end
  f:close()
  f = assert(io.open("later.csv", "w"))
  f:write("indicateur;période;territoire;valeur\n")
  for year = 2027, 2028 do
    for _, t in ipairs({"mimizan", "pontenx", "parentis", "gastes"}) do
      f:write(("places;%d;%s;%d\n"):format(year, t, year - 2000))
      f:write(("ateliers;%d;%s;%d\n"):format(year, t, year - 2010))
    end
  end
  f:close()'
hash() { "$CTG" --db "$1" -e "print(ctg.open().store:observations_hash('ctg-born-2024-2028'${2:+, true}))"; }

t "a view's values are the same whether the database holds only its plan's rows or many others too"
"$CTG" --db alone.db import born.lua a.csv b.csv > /dev/null || _fail "alone.db"
"$CTG" --db crowded.db import autre.lua autre.csv > /dev/null 2>&1 || _fail "the other plan"
"$CTG" --db crowded.db import born.lua later.csv a.csv b.csv > /dev/null || _fail "crowded.db"
[ "$(sqlite3 crowded.db 'SELECT count(*) FROM obs_revision')" -gt "$(sqlite3 alone.db 'SELECT count(*) FROM obs_revision')" ] \
  || _fail "crowded.db holds no more rows"
for view in "--period 2025" "--period 2026" "--period 2026 --territory all" "--period 2025 --territory gastes"; do
  run "$CTG" --db alone.db eval --plan ctg-born-2024-2028 $view --format csv
  expect_rc 0
  alone=$out
  run "$CTG" --db crowded.db eval --plan ctg-born-2024-2028 $view --format csv
  expect_rc 0
  [ "$out" = "$alone" ] || _fail "eval $view differs: $out / $alone"
done
# and they are the right ones: the EPCI's coverage in 2025 is Σ places / Σ children
run "$CTG" --db crowded.db eval --plan ctg-born-2024-2028 --period 2025 --indicator couverture --format csv
expect_out "couverture;2025;born;30,526315789473685;87;285;;;partiel : 3 sur 4 territoires"

t "plans interleaved in one write and across writes: each plan's values are those of a base of its own"
# the two plans' writes alternate: this plan's rows in two ranges with the other's between
# and around them (its corrections among them)
printf 'indicateur;période;territoire;valeur\nplaces;2025;biscarrosse;70\njeunes;2024;sanguinet;15\n' > autre2.csv
"$CTG" --db mixed.db import autre.lua born.lua > /dev/null 2>&1 || _fail "mixed.db, the plans"
"$CTG" --db mixed.db import --plan ctg-lacs-2020-2024 autre.csv > /dev/null 2>&1 || _fail "mixed.db, the other plan"
"$CTG" --db mixed.db import --plan ctg-born-2024-2028 a.csv > /dev/null 2>&1 || _fail "mixed.db, this plan"
"$CTG" --db mixed.db import --plan ctg-lacs-2020-2024 autre2.csv > /dev/null 2>&1 || _fail "mixed.db, the other plan again"
"$CTG" --db mixed.db import --plan ctg-born-2024-2028 later.csv b.csv > /dev/null 2>&1 || _fail "mixed.db, this plan again"
"$CTG" --db lacs.db import autre.lua autre.csv autre2.csv > /dev/null 2>&1 || _fail "lacs.db"
"$CTG" --db born.db import born.lua a.csv later.csv b.csv > /dev/null || _fail "born.db"
[ "$(sqlite3 mixed.db "SELECT count(*) FROM obs_fingerprint f JOIN obs_plan p ON p.id = f.plan WHERE p.plan_id = 'ctg-born-2024-2028'")" = 2 ] \
  || _fail "two ranges for the plan: $(sqlite3 mixed.db 'SELECT * FROM obs_fingerprint')"
for view in "--period 2025 --territory all" "--period all --territory all" "--period 2028 --indicator places --territory all"; do
  run "$CTG" --db born.db eval --plan ctg-born-2024-2028 $view --format csv
  expect_rc 0
  alone=$out
  run "$CTG" --db mixed.db eval --plan ctg-born-2024-2028 $view --format csv
  expect_rc 0
  [ "$out" = "$alone" ] || _fail "born, eval $view differs: $out / $alone"
done
run "$CTG" --db lacs.db eval --plan ctg-lacs-2020-2024 --period all --territory all --format csv
expect_rc 0; expect_out "places;2025;biscarrosse;70"
alone=$out
run "$CTG" --db mixed.db eval --plan ctg-lacs-2020-2024 --period all --territory all --format csv
expect_rc 0
[ "$out" = "$alone" ] || _fail "lacs differs: $out / $alone"
# the fingerprints too, and a script's ev:table
[ "$(hash mixed.db)" = "$(hash born.db)" ] || _fail "fingerprint: mixed $(hash mixed.db), alone $(hash born.db)"
printf '%s\n' 'local t = ctg.evaluate(nil, ctg.open(arg[1]), {plan = "ctg-born-2024-2028", period = 2026}):table{territories = "all"}' \
  'for _, r in ipairs(t) do print(r.indicator, r.territory, r.value) end' > table.lua
[ "$("$CTG" table.lua mixed.db)" = "$("$CTG" table.lua born.db)" ] || _fail "ev:table differs"

t "the fingerprint in a JSON provenance checks its plan's rows, not the other plans' of the file"
# a row of the other plan altered by hand: this plan's view and its fingerprint stand (what
# they read is sound), ctg verifier names the row; a row of this plan: refused, exit 3
lacs_row=$(sqlite3 mixed.db "SELECT max(r.id) FROM obs_revision r JOIN obs_plan p ON p.id = r.plan WHERE p.plan_id = 'ctg-lacs-2020-2024'")
born_row=$(sqlite3 mixed.db "SELECT min(r.id) FROM obs_revision r JOIN obs_plan p ON p.id = r.plan WHERE p.plan_id = 'ctg-born-2024-2028'")
cp mixed.db other.db
sqlite3 other.db "UPDATE obs_revision SET import_id = 999 WHERE id = $lacs_row"
run "$CTG" --db other.db eval --plan ctg-born-2024-2028 --period 2026 --format json
expect_rc 0; expect_out "\"observations_hash\": \"$(hash born.db)\""
run "$CTG" verifier --db other.db
expect_rc 3; expect_out "ligne id $lacs_row, colonne import_id"
cp mixed.db own.db
# its import, which the evaluation does not read but the fingerprint vouches for
sqlite3 own.db "UPDATE obs_revision SET import_id = 999 WHERE id = $born_row"
run "$CTG" --db own.db eval --plan ctg-born-2024-2028 --period 2026 --format json
expect_rc 3
expect_err "own.db : la base a été modifiée hors de ctg : la table obs_revision, ligne id $born_row, colonne import_id ne contient pas ce que ctg y écrit (un identifiant de import)"
expect_no_out "observations_hash"
# a row of this plan written by hand past every range: checked too
cp mixed.db tail.db
sqlite3 tail.db "INSERT INTO obs_revision (plan, record, latest, subject, period, territory, dims, value, revision, import_id, line)
  SELECT plan, 3, 1, subject, period, territory, dims, NULL, 1, 998, 1 FROM obs_revision WHERE id = $born_row"
tail_row=$(sqlite3 tail.db "SELECT max(id) FROM obs_revision")
run "$CTG" --db tail.db eval --plan ctg-born-2024-2028 --period 2026 --format json
expect_rc 3; expect_err "ligne id $tail_row, colonne import_id ne contient pas ce que ctg y écrit (un identifiant de import)"

t "a plan's slice is read by the rowid ranges of its writes (EXPLAIN QUERY PLAN of ctg's own statements)"
# the statements as compiled into ctg (no copy of their text here), planned on a crowded base
strings -n 40 "$CTG" | grep 'CROSS JOIN obs_current r ON r.id BETWEEN' > scan.sql
[ "$(wc -l < scan.sql)" = 2 ] || _fail "the values' and the parts' statements expected: $(cat scan.sql)"
plan_id=$(sqlite3 mixed.db "SELECT id FROM obs_plan WHERE plan_id = 'ctg-born-2024-2028'")
while read -r sql; do
  eqp=$(sqlite3 mixed.db "EXPLAIN QUERY PLAN $(printf '%s' "$sql" | sed "s/?1/$plan_id/g; s/?2/0/g")")
  case $eqp in *"SEARCH f USING PRIMARY KEY (plan=?)"*"SEARCH obs_revision USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)"*) ;;
    *) _fail "not read by ranges: $eqp";; esac
  case $eqp in *"SCAN "*|*"TEMP B-TREE"*) _fail "a scan of every row or a sort: $eqp";; esac
done < scan.sql
# then the rows past every range (a write under way, a hand's): by rowid too
strings -n 40 "$CTG" | grep '^SELECT r.subject.* FROM obs_current r WHERE r.id > (SELECT coalesce(max(last_row), 0) FROM main.obs_fingerprint)' > tail.sql
[ "$(wc -l < tail.sql)" = 2 ] || _fail "the values' and the parts' tail statements expected: $(cat tail.sql)"
while read -r sql; do
  eqp=$(sqlite3 mixed.db "EXPLAIN QUERY PLAN $(printf '%s' "$sql" | sed "s/?1/$plan_id/g; s/?2/0/g")")
  case $eqp in *"SEARCH obs_revision USING INTEGER PRIMARY KEY (rowid>?)"*) ;; *) _fail "the tail not read by rowid: $eqp";; esac
done < tail.sql

t "ctg verifier: a current row outside every row range of its plan's links is named, exit 3"
cp mixed.db range.db
# the plan's second link narrowed by hand: its last rows fall outside every range
sqlite3 range.db "UPDATE obs_fingerprint SET last_row = first_row WHERE plan = $plan_id AND import_id = (SELECT max(import_id) FROM obs_fingerprint WHERE plan = $plan_id)"
outside=$(sqlite3 range.db "SELECT min(r.id) FROM obs_revision r, obs_fingerprint f WHERE r.plan = $plan_id AND r.latest = 1
  AND f.plan = $plan_id AND f.import_id = (SELECT max(import_id) FROM obs_fingerprint WHERE plan = $plan_id) AND r.id > f.last_row")
run "$CTG" verifier --db range.db
expect_rc 3
expect_out "plan ctg-born-2024-2028 : l'observation en vigueur $outside (table obs_revision) n'est dans aucune des plages de lignes de ses empreintes"
run env CTG_LANG=en "$CTG" verifier --db range.db
expect_rc 3; expect_out "current observation $outside (table obs_revision) lies in none of the row ranges"
run "$CTG" verifier --db mixed.db
expect_rc 0

t "the fingerprint after import A then B equals B then A, and the one recomputed from every row"
"$CTG" --db ab.db import born.lua > /dev/null && "$CTG" --db ab.db import a.csv > /dev/null && \
  "$CTG" --db ab.db import b.csv > /dev/null || _fail "ab.db"
"$CTG" --db ba.db import born.lua > /dev/null && "$CTG" --db ba.db import b.csv > /dev/null && \
  "$CTG" --db ba.db import a.csv > /dev/null || _fail "ba.db"
ab=$(hash ab.db); ba=$(hash ba.db)
[ -n "$ab" ] && [ "$ab" = "$ba" ] || _fail "A then B: $ab, B then A: $ba"
[ "$ab" = "$(hash ab.db recompute)" ] || _fail "stored $ab, recomputed $(hash ab.db recompute)"
[ "$ab" = "$(hash alone.db)" ] || _fail "one import of both files: $(hash alone.db), not $ab"
# the other plan's rows and this plan's later years are other data: another fingerprint, the
# same chain as recomputed
[ "$(hash crowded.db)" = "$(hash crowded.db recompute)" ] || _fail "crowded.db: stored and recomputed differ"
[ "$(hash crowded.db)" != "$ab" ] || _fail "the later years did not change the fingerprint"
# one link per import that changed the plan's rows, none for the plan's own import
[ "$(sqlite3 ab.db 'SELECT count(*) FROM obs_fingerprint')" = 2 ] || _fail "links: $(sqlite3 ab.db 'SELECT * FROM obs_fingerprint')"

t "a changed value changes the fingerprint; restating it does not; a withdrawal takes its row out"
printf 'indicateur;période;territoire;valeur\nplaces;2025;pontenx;13\n' > fix.csv
"$CTG" --db ab.db import fix.csv > /dev/null || _fail "fix.csv"
fixed=$(hash ab.db)
[ "$fixed" != "$ab" ] || _fail "a corrected value left the fingerprint at $ab"
[ "$fixed" = "$(hash ab.db recompute)" ] || _fail "after the correction: stored $fixed, recomputed $(hash ab.db recompute)"
printf 'indicateur;période;territoire;valeur\nplaces;2025;pontenx;12\n' > back.csv
"$CTG" --db ab.db import back.csv > /dev/null || _fail "back.csv"
[ "$(hash ab.db)" = "$ab" ] || _fail "the value restored: $(hash ab.db), not $ab"
printf 'indicateur;période;territoire;valeur\nplaces;2025;pontenx;12\n' > same.csv
"$CTG" --db ab.db import same.csv > /dev/null || _fail "same.csv"
[ "$(hash ab.db)" = "$ab" ] || _fail "a restated figure changed the fingerprint"
# a project: a row removed from its data file is withdrawn (ctg build), the fingerprint that
# of the rows left, as a fresh base of the file as it is now gives
mkdir -p proj/donnees && cp born.lua proj/plan.lua && cp a.csv proj/donnees/observations.csv
printf 'plan: plan.lua\ndonnees: [donnees]\nrapports: []\n' > proj/ctg.yaml
(cd proj && "$CTG" build > /dev/null 2>&1) || _fail "the first build"
grep -v '^ateliers' a.csv > proj/donnees/observations.csv
(cd proj && "$CTG" build > /dev/null 2>&1) || _fail "the build after a row removed"
[ "$(sqlite3 proj/ctg.db 'SELECT count(*) FROM obs_revision WHERE withdrawn = 1')" = 1 ] || _fail "no withdrawal"
grep -v '^ateliers' a.csv > fresh.csv
"$CTG" --db fresh.db import born.lua fresh.csv > /dev/null || _fail "fresh.db"
[ "$(hash proj/ctg.db)" = "$(hash fresh.db)" ] || _fail "after a withdrawal: $(hash proj/ctg.db), fresh: $(hash fresh.db)"
[ "$(hash proj/ctg.db)" = "$(hash proj/ctg.db recompute)" ] || _fail "after a withdrawal: stored and recomputed differ"

t "--known-at gives the earlier revisions and the fingerprint as known that day"
ft '2025-03-01 10:00:00' "$CTG" --db known.db import born.lua a.csv > /dev/null || _fail "the first import"
first=$(hash known.db)
ft '2025-09-01 10:00:00' "$CTG" --db known.db import fix.csv b.csv > /dev/null || _fail "the correction"
[ "$(hash known.db)" != "$first" ] || _fail "the correction did not change the fingerprint"
run "$CTG" --db known.db eval --period 2025 --territory pontenx --indicator places --format csv --known-at 2025-06-30
expect_rc 0; expect_out "places;2025;pontenx;12;"
run "$CTG" --db known.db eval --period 2025 --territory pontenx --indicator places --format csv
expect_rc 0; expect_out "places;2025;pontenx;13;"
run "$CTG" --db known.db eval --period 2025 --format json --known-at 2025-06-30
expect_rc 0; expect_out "\"observations_hash\": \"$first\""
run "$CTG" --db known.db eval --period 2025 --format json
expect_rc 0; expect_out "\"observations_hash\": \"$(hash known.db)\""
# before the first import nothing was known: no row, the empty sum, and the warning as before
run "$CTG" --db known.db eval --period 2025 --format json --known-at 2025-01-01
expect_rc 0; expect_out "\"observations_hash\": \"0000000000000000\""
expect_err "aucune donnée n'était importée au 1er janvier 2025"

t "two imports in one transaction: known at the first one, the fingerprint is recomputed, not the transaction's"
mkdir -p two/donnees && cp born.lua two/plan.lua && cp a.csv two/donnees/1-a.csv && cp b.csv two/donnees/2-b.csv
printf 'plan: plan.lua\ndonnees: [donnees]\nrapports: []\n' > two/ctg.yaml
(cd two && ft '2025-04-01 10:00:00' "$CTG" build > /dev/null 2>&1) || _fail "the build"
links=$(sqlite3 two/ctg.db 'SELECT first_import < import_id FROM obs_fingerprint')
[ "$links" = 1 ] || _fail "one link over both imports expected: $(sqlite3 two/ctg.db 'SELECT * FROM obs_fingerprint')"
a_import=$(sqlite3 two/ctg.db "SELECT id FROM import WHERE file LIKE '%1-a.csv'")
# the moment of that import as stored (a slow run, under ASan, may have taken seconds)
a_moment=$(sqlite3 two/ctg.db "SELECT imported_at FROM import WHERE id = $a_import")
at_a=$("$CTG" --db two/ctg.db -e "local d = ctg.open(); d.store:known_at('$a_moment', $a_import)
  print(d.store:observations_hash('ctg-born-2024-2028'))")
"$CTG" --db a-only.db import born.lua a.csv > /dev/null || _fail "a-only.db"
[ "$at_a" = "$(hash a-only.db)" ] || _fail "known at the first import of the build: $at_a, not $(hash a-only.db)"

t "ctg verifier recomputes each plan's fingerprint: a value changed by hand makes the stored one lie, exit 3"
cp ab.db lie.db
run "$CTG" verifier --db lie.db
expect_rc 0; expect_out "empreinte de chaque plan égale à celle recalculée, ses lignes dans ses plages  ok"
sqlite3 lie.db "UPDATE obs_revision SET value = 41 WHERE value = 40 AND latest = 1"
run "$CTG" verifier --db lie.db
expect_rc 3
expect_out "plan ctg-born-2024-2028 : l'empreinte des données enregistrée ($ab) n'est pas celle de ses observations en vigueur"
expect_out "une observation a été modifiée hors de ctg"
# the link taken away: current rows and no fingerprint is a finding too
cp ab.db nolink.db
sqlite3 nolink.db "DELETE FROM obs_fingerprint"
run "$CTG" verifier --db nolink.db
expect_rc 3; expect_out "plan ctg-born-2024-2028 : des observations en vigueur mais aucune empreinte enregistrée"
run env CTG_LANG=en "$CTG" verifier --db lie.db
expect_rc 3; expect_out "the stored data fingerprint ($ab) is not that of its current observations"

t "a schema-6 database is upgraded to 7 with each plan's first link, the fingerprint unchanged by the upgrade"
sqlite3 s5.db < "$ROOT/tests/fixtures/schema5/example.sql" || _fail "the schema-5 fixture"
plan5=$(sqlite3 s5.db 'SELECT plan_id FROM obs_plan LIMIT 1')
"$CTG" --db s5.db -e 'ctg.open()' || _fail "the upgrade"
[ "$(sqlite3 s5.db 'PRAGMA user_version')" = 7 ] || _fail "not upgraded"
[ "$(sqlite3 s5.db 'SELECT count(*) FROM obs_fingerprint')" = 1 ] || _fail "no first link"
h5=$("$CTG" --db s5.db -e "print(ctg.open().store:observations_hash('$plan5'))")
h5r=$("$CTG" --db s5.db -e "print(ctg.open().store:observations_hash('$plan5', true))")
[ "$h5" = "$h5r" ] && [ "$h5" != 0000000000000000 ] || _fail "after the upgrade: stored $h5, recomputed $h5r"
