# Time and reproducibility: no wall clock in any result (faketime), --as-of and --known-at,
# the provenance of eval and rules, and the schema upgrade of a database from before
# effective dates.
EX="$ROOT/examples/clermont-ferrand"
export CTG_DB="$TMP/ctg.db"
command -v faketime >/dev/null || { echo "faketime is missing: make deps"; exit 1; }
# faketime preloads its library: an ASan build (make check) must accept not coming first
ft() { ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" faketime "$@"; }
FT=ft

# the data imported on 10 January 2024, a correction on 2 May 2024
$FT '2024-01-10 09:00:00' "$CTG" import "$EX/plan.lua" "$EX"/data/2020.yaml "$EX"/data/2021.yaml "$EX"/data/2022.yaml \
  "$EX"/data/2023.yaml "$EX"/data/2023-petite-enfance.csv >/dev/null

t "as presented to the COPIL on 15 March 2024: a report with --known-at, made that day"
run $FT '2024-03-15 10:00:00' "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2023 --known-at 2024-03-15 -o copil.md
expect_rc 0
grep -q "Situation au.*: 31 décembre 2023" copil.md || _fail "the provenance does not name 31 December 2023 as the as-of date"
grep -q "Données connues au.*: 15 mars 2024" copil.md || _fail "the provenance does not name the known-at date"
run $FT '2024-03-15 10:00:00' "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2023 -o copil-plain.md
expect_rc 0

$FT '2024-05-02 09:00:00' "$CTG" import "$EX"/data/corrections-2022.yaml >/dev/null

t "the same report at two system dates is byte-identical, as of 31 December 2023"
run $FT '2024-06-01 08:00:00' "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2023 -o june.md
expect_rc 0
run $FT '2031-11-30 23:00:00' "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2023 -o later.md
expect_rc 0
cmp -s june.md later.md || _fail "the report depends on the system date"
grep -q "Situation au.*: 31 décembre 2023" june.md || _fail "the provenance does not name 31 December 2023"
run $FT '2024-06-01 08:00:00' "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2023 -o june.html
run $FT '2029-01-01 08:00:00' "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2023 -o later.html
cmp -s june.html later.html || _fail "the HTML report depends on the system date"

t "--known-at rebuilds the COPIL report byte for byte after the later correction"
run "$CTG" report "$ROOT/scripts/bilan-annuel.lua" --period 2023 --known-at 2024-03-15 -o rebuilt.md
expect_rc 0
cmp -s copil.md rebuilt.md || _fail "the rebuilt report differs from the one made on 15 March 2024"
grep -v "Données connues au" rebuilt.md > rebuilt-body.md
cmp -s copil-plain.md rebuilt-body.md || _fail "the rebuilt report is not the report of 15 March 2024"
cmp -s copil-plain.md june.md && _fail "the correction of 2 May changed nothing: the test proves nothing"

t "--known-at on eval, rules and export observations: the correction is ignored"
run "$CTG" eval --indicator agents_formes --period 2022 --format csv
expect_rc 0; expect_out "agents_formes;2022;clermont-ferrand;41;"
run "$CTG" eval --indicator agents_formes --period 2022 --format csv --known-at 2024-03-15
expect_rc 0; expect_out "agents_formes;2022;clermont-ferrand;39;"
run "$CTG" export observations --indicator agents_formes --period 2022 --known-at 2024-03-15
expect_rc 0; expect_out "value: 12"; expect_no_out "value: 14"
run "$CTG" export observations --indicator agents_formes --period 2022
expect_out "value: 14"
run "$CTG" rules --period 2022 --known-at 2024-03 --format json
expect_rc 4; expect_out '"known_at": "2024-03"'

t "--known-at before the first import: empty data, said so"
run "$CTG" eval --indicator agents_formes --period 2022 --format csv --known-at 2023-12-31
expect_rc 0; expect_out "agents_formes;2022;clermont-ferrand;;"
expect_err "aucune donnée n'était importée au 31 décembre 2023 (première importation le 10 janvier 2024)"
run "$CTG" export observations --known-at 2020 --format csv
expect_rc 0; expect_err "aucune donnée n'était importée au 31 décembre 2020"

t "eval and rules JSON carry the provenance a rerun needs"
run "$CTG" eval --period 2023 --indicator places_100 --format json
expect_rc 0
expect_out '"as_of": "2023-12-31"'; expect_out '"period": "2023"'; expect_out '"plan": "ctg-clermont-2021-2025"'
expect_out '"plan_version": 1'; expect_out '"plan_effective": "2021-03-05"'; expect_out '"observations_hash": "'
expect_out '"ctg_version": "'; expect_out '"values": ['
run "$CTG" rules --period 2023 --format json --as-of 2024-03-15
expect_rc 4; expect_out '"as_of": "2024-03-15"'; expect_out '"plan_hash": "'; expect_out '"findings": ['
run "$CTG" eval --period all --indicator places_100 --format json
expect_out '"as_of": "2025-12-31"'

t "a value stored for a future period is shown whatever the system date"
run $FT '2022-01-15 12:00:00' "$CTG" eval --indicator agents_formes --period 2023 --format csv
expect_rc 0; expect_no_out "période non commencée"; expect_out "agents_formes;2023;clermont-ferrand;66;"
run "$CTG" eval --indicator agents_formes --period 2023 --format csv --as-of 2022-06-30
expect_rc 0; expect_no_out "période non commencée"
# "not started" only where nothing is stored
run "$CTG" eval --indicator agents_formes --period 2025 --format csv --as-of 2024-06-30
expect_rc 0; expect_out "période non commencée"
run "$CTG" eval --indicator agents_formes --period 2025 --format csv
expect_rc 0; expect_out "aucune donnée"; expect_no_out "période non commencée"

t "bad dates are usage errors (exit 2) saying why in French"
run "$CTG" eval --as-of 2024-02-30
expect_rc 2; expect_err "--as-of : date \"2024-02-30\" : le 30 février 2024 n'existe pas (février 2024 a 29 jours)"
run "$CTG" rules --known-at 2024-13
expect_rc 2; expect_err "le mois 13 n'existe pas"
run "$CTG" report "$ROOT/scripts/bilan-annuel.lua" -o x.md --as-of 15/03/2024
expect_rc 2; expect_err "illisible"
[ -e x.md ] && _fail "a report was written despite the bad date"
run "$CTG" eval --period 2021-2023
expect_rc 2; expect_err "une année scolaire couvre deux années consécutives"
run "$CTG" export observations --known-at demain
expect_rc 2; expect_err "--known-at : date \"demain\" illisible"
run "$CTG" import "$EX/plan.lua" --effective 2024-02-30
expect_rc 2; expect_err "import : --effective"

t "a database written before effective dates is upgraded: a version's date, else the plan's own dates, is its effective date"
rm -f old.db
# schema 1 exactly as ctg wrote it (the fixture's dump, without its rows): a schema written
# otherwise is not ctg's and is refused (t_contain)
grep -v '^INSERT INTO' "$ROOT/tests/fixtures/schema1/example.sql" | sqlite3 old.db
"$CTG" export "$EX/plan.lua" -o content.yaml
sqlite3 old.db "INSERT INTO plan_version (plan_id, version, hash, label, date, file, content, imported_at, imported_by)
  VALUES ('ctg-clermont-2021-2025', 1, 'h1', NULL, NULL, 'plan.lua', readfile('content.yaml'), '2022-01-05T10:00:00Z', 'a'),
         ('ctg-clermont-2021-2025', 2, 'h2', 'Avenant', '2023-07-01', 'plan.lua', readfile('content.yaml'), '2023-09-01T10:00:00Z', 'a')"
run "$CTG" --db old.db plans
expect_rc 0
# v1 has no date: its content's council vote (the example has no signature date), not its import day
expect_out "v1  h1  (en vigueur le 5 mars 2021, délibération du 5 mars 2021)"
expect_out "v2  h2  « Avenant »  (en vigueur le 1er juillet 2023)"
expect_out "à la fin du plan (31 décembre 2025) : version 2"
[ "$(sqlite3 old.db 'PRAGMA user_version')" -ge 2 ] || _fail "schema not upgraded"
run "$CTG" --db old.db eval --period 2022 --format json --indicator places_100
expect_rc 0; expect_out '"plan_version": 1'
run "$CTG" --db old.db eval --period 2023 --format json --indicator places_100
expect_rc 0; expect_out '"plan_version": 2'

t "rules JSON names its rules files and their fingerprint"
printf 'rule "agents" { indicator = "agents_formes", op = ">=", value = 1 }\n' > extra.lua
run "$CTG" rules extra.lua --period 2023 --format json
expect_out '"script": "extra.lua"'; expect_out '"script_hash": "'

t "a plan file may give its effective date; it applies from then"
sed 's/^  council_date = "2021-03-05",/&\n  effective = "2021-09-01",/' "$EX/plan.lua" > effective.lua
grep -q 'effective = "2021-09-01"' effective.lua || _fail "the test plan was not written"
run "$CTG" --db eff.db import effective.lua
expect_rc 0; expect_out "enregistré comme version 1 (en vigueur le 1er septembre 2021)"
sed 's/^  council_date = "2021-03-05",/&\n  date_effet = "2021-13",/' "$EX/plan.lua" > bad-effective.lua
run "$CTG" check bad-effective.lua
expect_rc 3; expect_out "date_effet"
