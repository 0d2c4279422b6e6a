# The guard of a change of the store or of the evaluation (issue 14): every indicator × period
# × territory of the example, of the intercommunal fixture, of 10 000 generated observations
# and of a database written by the schema-1 ctg, against the values recorded in
# tests/fixtures/eval-golden/ (tests/fixtures/eval-golden/make.sh writes both; when a change
# is meant to change values: `make eval-golden`, then review the diff).
G="$ROOT/tests/fixtures/eval-golden"

t "the golden values are written from scratch without error"
run sh "$G/make.sh" "$CTG" "$TMP/now"
expect_rc 0
for f in example.csv sud-avesnois.csv generated.csv schema1-eval.csv schema1-observations.csv schema1-history.json; do
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
run "$CTG" --db s1.db history --indicator agents_formes --period 2022 --territory clermont-ferrand --format json
expect_rc 0
expect_out '"revision": 2'; expect_out '"value": 14'; expect_out '"line": 9'
expect_out '"file": "examples/clermont-ferrand/data/corrections-2022.yaml"'
expect_out '"revision": 1'; expect_out '"value": 12'; expect_out '"imported_at": "2026-12-02T03:25:22Z"'
current=$("$CTG" -e 'print(require("ctg.store").schema_version())')
[ "$(sqlite3 s1.db 'PRAGMA user_version')" = "$current" ] || _fail "schema $(sqlite3 s1.db 'PRAGMA user_version'), expected $current"
run "$CTG" --db s1.db eval --period 2022 --indicator habitants_partenaires_actifs --territory nord --format csv
expect_rc 0; expect_out 'habitants_partenaires_actifs;2022;nord;66;'

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
