# The guard of a change of the store or of the evaluation (issue 14): every indicator × period
# × territory of the example, of the intercommunal fixture, of 10 000 generated observations
# and of a database written by the schema-1 ctg, against the values recorded in
# tests/fixtures/eval-golden/ (tests/fixtures/eval-golden/make.sh writes both; when a change
# is meant to change values: `make eval-golden`, then review the diff).
G="$ROOT/tests/fixtures/eval-golden"

t "the golden values are written from scratch without error"
run sh "$G/make.sh" "$CTG" "$TMP/now"
expect_rc 0
for f in example.csv sud-avesnois.csv generated.csv schema1-eval.csv schema1-observations.csv schema1-history.json \
         schema2-eval.csv schema2-known-2023-02-01.csv schema2-known-2023-04-01.csv schema2-observations.csv \
         schema2-history.json; do
  t "$f: every value as recorded in tests/fixtures/eval-golden/$f"
  if [ ! -s "$TMP/now/$f" ]; then _fail "$f not written"
  elif ! cmp -s "$G/$f" "$TMP/now/$f"; then
    _fail "$f differs from the golden (make eval-golden if meant): $(diff "$G/$f" "$TMP/now/$f" | head -6)"
  fi
done

# The golden files hold real values, not an empty evaluation recorded as golden: a sum over a
# dimension after a correction (12 -> 14, + 21 + 6), a corrected leaf and its roll-up, a ratio
# with its numerator and denominator, every period and territory of the generated data.
t "the golden values are the plan's figures: corrections, roll-ups, ratios, every territory"
grep -qa '^agents_formes;2022;clermont-ferrand;41;' "$G/example.csv" || _fail "agents_formes 2022 not 41 in example.csv"
grep -qa '^habitants_partenaires_actifs;2022;nord;66;' "$G/example.csv" || _fail "corrected nord 2022 not 66"
grep -qa '^habitants_partenaires_actifs;2022;clermont-ferrand;93;' "$G/example.csv" || _fail "roll-up 2022 not 93"
grep -qa '^taux_couverture;2024;anor;37,037037037037038;40;108;50;' "$G/sud-avesnois.csv" || _fail "ratio of anor 2024"
[ "$(grep -ac '^qualite_accueil;' "$G/generated.csv")" = 35 ] || _fail "qualite_accueil: not 5 years × 7 territories"
with_value=$(grep -av 'non disponible' "$G/generated.csv" | tail -n +2 | cut -d';' -f1 | sort -u | wc -l)
[ "$with_value" -ge 40 ] || _fail "generated.csv: only $with_value indicators with a value"
grep -qa '^agents_formes;2022;clermont-ferrand;[1-9]' "$G/generated.csv" || _fail "generated.csv: no free-dimension value"
grep -qa '^agents_formes;2022;clermont-ferrand;41;' "$G/schema1-eval.csv" || _fail "schema-1 database: agents_formes 2022 not 41"

t "a schema-1 database is migrated when opened read-write: schema current, both revisions and their provenance kept"
sqlite3 s1.db < "$ROOT/tests/fixtures/schema1/example.sql"
[ "$(sqlite3 s1.db 'PRAGMA user_version')" = 1 ] || _fail "the fixture is not at schema 1"
# every stored row as schema 1 has it (all but the key hash), to compare once migrated
cols="id, plan_id, record, subject, period, territory, dims, revision, value, numerator, denominator, text, missing, status, note, source, import_id, line"
sqlite3 s1.db "SELECT $cols FROM observation ORDER BY id" > s1-rows.txt
sqlite3 s1.db "SELECT id, plan_version, file, source, imported_at, imported_by, rows FROM import ORDER BY id" > s1-imports.txt
[ "$(wc -l < s1-rows.txt)" = 407 ] || _fail "the fixture holds $(wc -l < s1-rows.txt) rows, expected 407"
run "$CTG" --db s1.db history --indicator agents_formes --period 2022 --territory clermont-ferrand --format json
expect_rc 0
expect_out '"revision": 2'; expect_out '"value": 14'; expect_out '"line": 9'
expect_out '"file": "examples/clermont-ferrand/data/corrections-2022.yaml"'
expect_out '"revision": 1'; expect_out '"value": 12'; expect_out '"imported_at": "2026-12-02T03:25:22Z"'
current=$("$CTG" -e 'print(require("ctg.store").schema_version())')
[ "$(sqlite3 s1.db 'PRAGMA user_version')" = "$current" ] || _fail "schema $(sqlite3 s1.db 'PRAGMA user_version'), expected $current"
run "$CTG" --db s1.db eval --period 2022 --indicator habitants_partenaires_actifs --territory nord --format csv
expect_rc 0; expect_out 'habitants_partenaires_actifs;2022;nord;66;'

t "the schema-1 database migrated: every revision (407 rows, 3 of them second revisions) and its provenance, as stored"
sqlite3 s1.db "SELECT $cols FROM observation ORDER BY id" > s3-rows.txt
cmp -s s1-rows.txt s3-rows.txt || _fail "the rows changed in the migration: $(diff s1-rows.txt s3-rows.txt | head -4)"
sqlite3 s1.db "SELECT id, plan_version, file, source, imported_at, imported_by, rows FROM import ORDER BY id" > s3-imports.txt
cmp -s s1-imports.txt s3-imports.txt || _fail "the imports changed in the migration"
[ "$(sqlite3 s1.db 'SELECT count(*) FROM obs_revision')" = 407 ] || _fail "obs_revision does not hold the 407 rows"
[ "$(sqlite3 s1.db 'SELECT count(*) FROM obs_revision WHERE revision = 2')" = 3 ] || _fail "not 3 second revisions"
[ "$(sqlite3 s1.db 'SELECT count(*) FROM current_observation')" = 404 ] || _fail "not 404 current rows"
[ "$(sqlite3 s1.db 'SELECT count(*) FROM obs_revision WHERE withdrawn <> 0')" = 0 ] || _fail "schema 5: a migrated revision is a withdrawal"
[ "$(sqlite3 s1.db 'SELECT count(*) FROM import WHERE hash IS NOT NULL OR git_commit IS NOT NULL')" = 0 ] || _fail "schema 5: a migrated import has a hash or a commit"
[ "$(sqlite3 s1.db 'SELECT count(*) FROM obs_revision WHERE latest = 0')" = 3 ] || _fail "not 3 superseded rows"
# provenance of the corrected values: file, line, imported_at, imported_by of each revision
sqlite3 s1.db "SELECT o.subject, o.territory, o.revision, o.value, i.file, o.line, i.imported_at, i.imported_by
  FROM observation o JOIN import i ON i.id = o.import_id WHERE o.subject = 'habitants_partenaires_actifs'
  AND o.period = '2022' AND o.territory = 'nord' ORDER BY o.revision" > prov.txt
grep -q "^habitants_partenaires_actifs|nord|1|71.0|examples/clermont-ferrand/data/2022.yaml|[0-9]*|2026-12-02T03:25:2[0-9]Z|" prov.txt \
  || _fail "revision 1 of nord 2022: $(cat prov.txt)"
grep -q "^habitants_partenaires_actifs|nord|2|66.0|examples/clermont-ferrand/data/corrections-2022.yaml|11|2026-12-02T03:25:2[0-9]Z|" prov.txt \
  || _fail "revision 2 of nord 2022: $(cat prov.txt)"
# the plan's own dates from its stored content (migration 1 -> 2): signed, not the import day
[ "$(sqlite3 s1.db 'SELECT effective, council_date, signed FROM plan_version')" = "2021-03-19|2021-03-05|2021-03-19" ] \
  || _fail "plan dates after migration: $(sqlite3 s1.db 'SELECT effective, council_date, signed FROM plan_version')"

t "the guard sees one changed value: a corrected figure altered in the schema-1 database changes that one line"
rm -f s1.db; sqlite3 s1.db < "$ROOT/tests/fixtures/schema1/example.sql"
sqlite3 s1.db "UPDATE observation SET value = 15 WHERE subject = 'agents_formes' AND period = '2022' AND revision = 2"
"$CTG" --db s1.db eval --period all --territory all --format csv --as-of 2030-01-01 > altered.csv
diff "$G/schema1-eval.csv" altered.csv > changes.txt
[ "$(grep -c '^[<>]' changes.txt)" = 2 ] || _fail "expected one line changed: $(head -6 changes.txt)"
grep -qa '^> agents_formes;2022;clermont-ferrand;42;' changes.txt || _fail "the altered value is not 42: $(head -6 changes.txt)"

t "make.sh without its arguments: usage, exit 2, nothing written"
run sh "$G/make.sh" "$CTG"
expect_rc 2; expect_err "usage: make.sh CTG OUT_DIR"

# Past its bound of cells ($CTG_EVAL_CELLS, else 250 000) the engine reads the observations by
# windows of indicators, so that its memory does not grow with their number: each value must
# be the one the single pass gives. A bound of 1 puts every indicator in a window of its own
# (a read per indicator, and again for each one asked out of plan order); 7 groups several.
t "read by windows of indicators, every golden file is the same (bounds of 1 and 7 cells)"
for bound in 1 7; do
  CTG_EVAL_CELLS=$bound sh "$G/make.sh" "$CTG" "$TMP/windowed-$bound" || _fail "make.sh under CTG_EVAL_CELLS=$bound failed"
  for f in example.csv sud-avesnois.csv generated.csv schema1-eval.csv schema2-eval.csv schema2-known-2023-02-01.csv \
           schema2-known-2023-04-01.csv; do
    cmp -s "$G/$f" "$TMP/windowed-$bound/$f" \
      || _fail "$f read by windows of $bound cells differs: $(diff "$G/$f" "$TMP/windowed-$bound/$f" | head -4)"
  done
done

t "read by windows, every other view is the same: table, JSON, breakdowns, explanations, a report"
EX="$ROOT/examples/clermont-ferrand"; SA="$ROOT/tests/fixtures/sud-avesnois"
"$CTG" --db win-ex.db import "$EX/plan.lua" "$EX"/data/2020.yaml "$EX"/data/2021.yaml "$EX"/data/2022.yaml \
  "$EX"/data/2023.yaml "$EX"/data/2023-petite-enfance.csv > /dev/null
"$CTG" --db win-ex.db import "$EX"/data/corrections-2022.yaml > /dev/null
"$CTG" --db win-sa.db import "$SA/plan.lua" "$SA"/data/2023.yaml "$SA"/data/2024.yaml "$SA"/data/2024-communes.csv > /dev/null
views() { # DB: every view of the values one after the other
  "$CTG" --db "$1" eval --as-of 2030-01-01
  "$CTG" --db "$1" eval --period all --territory all --format json --as-of 2030-01-01
  "$CTG" --db "$1" eval --period 2023 --territory all --as-of 2030-01-01
  "$CTG" --db "$1" rules --as-of 2030-01-01
}
views win-ex.db > ex-single.txt 2>&1
CTG_EVAL_CELLS=1 views win-ex.db > ex-windowed.txt 2>&1
cmp -s ex-single.txt ex-windowed.txt || _fail "the example's views differ: $(diff ex-single.txt ex-windowed.txt | head -6)"
grep -q "agents_formes" ex-single.txt || _fail "the example's views are empty: $(head -3 ex-single.txt)"
views win-sa.db > sa-single.txt 2>&1
CTG_EVAL_CELLS=1 views win-sa.db > sa-windowed.txt 2>&1
cmp -s sa-single.txt sa-windowed.txt || _fail "sud-avesnois' views differ: $(diff sa-single.txt sa-windowed.txt | head -6)"
grep -q "taux_couverture" sa-single.txt || _fail "sud-avesnois' views are empty: $(head -3 sa-single.txt)"
for by in categorie step participant_type action; do
  "$CTG" --db win-ex.db eval --by $by --period all --territory all --format csv --as-of 2030-01-01 > "by-$by.csv"
  CTG_EVAL_CELLS=1 "$CTG" --db win-ex.db eval --by $by --period all --territory all --format csv --as-of 2030-01-01 \
    > "by-$by-w.csv"
  [ -s "by-$by.csv" ] && cmp -s "by-$by.csv" "by-$by-w.csv" || _fail "the breakdown by $by differs or is empty"
done
"$CTG" --db win-ex.db eval --explain habitants_partenaires_actifs --period 2022 > explain.txt
CTG_EVAL_CELLS=1 "$CTG" --db win-ex.db eval --explain habitants_partenaires_actifs --period 2022 > explain-w.txt
grep -q "Territoire Nord révision 2 : 66" explain.txt && cmp -s explain.txt explain-w.txt || _fail "the explanation differs: $(diff explain.txt explain-w.txt | head -4)"
CTG_DB=win-ex.db "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2023 --date 2024-03-15 -o single.md > /dev/null
CTG_DB=win-ex.db CTG_EVAL_CELLS=1 "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2023 --date 2024-03-15 \
  -o windowed.md > /dev/null
[ -s single.md ] && cmp -s single.md windowed.md || _fail "the annual report differs: $(diff single.md windowed.md | head -4)"

t "the bound is kept: past it the engine reads windows (as many as needed in plan order), within it one pass"
cat > windows.lua <<'LUA'
local d = require("ctg.db").open(arg[1])
local p = d:plan()
local eval = require("ctg.eval")
local function windows_for(bound)
  local ev = eval.new(p, d, { max_cells = bound })
  for _, ind in ipairs(p.indicators) do ev:value(ind.id) end
  return ev.engine:windows()
end
print(windows_for(1), windows_for(200), windows_for(math.maxinteger), #p.indicators)
LUA
run "$CTG" windows.lua win-ex.db
expect_rc 0
set -- $out
n_ind=$4
# a bound of 1: a window per indicator but the first (kept by the first pass); 200 cells: a
# few windows; no bound: none
[ "$1" -ge 20 ] && [ "$1" -lt "$n_ind" ] || _fail "bound 1: $1 windows for $n_ind indicators"
[ "$2" -ge 1 ] && [ "$2" -lt "$1" ] || _fail "bound 200: $2 windows (bound 1: $1)"
[ "$3" = 0 ] || _fail "no bound: $3 windows, expected one pass"

t "CTG_EVAL_CELLS: a positive integer bounds the cells, anything else is ignored (the engine's bound)"
cat > env-windows.lua <<'LUA'
local d = require("ctg.db").open(arg[1])
local p = d:plan()
local ev = require("ctg.eval").new(p, d)
for _, ind in ipairs(p.indicators) do ev:value(ind.id) end
print(ev.engine:windows())
LUA
for v in abc 0 -5 2.5 ""; do
  run env CTG_EVAL_CELLS="$v" "$CTG" env-windows.lua win-ex.db
  expect_rc 0
  [ "$out" = 0 ] || _fail "CTG_EVAL_CELLS='$v': $out windows, expected one pass"
done
run env CTG_EVAL_CELLS=3 "$CTG" env-windows.lua win-ex.db
expect_rc 0
[ "$out" -ge 2 ] 2>/dev/null || _fail "CTG_EVAL_CELLS=3: '$out' windows, expected several"
