# The store's schema and its migrations (issue 14): a schema-2 database written by the ctg
# before schema 3 (tests/fixtures/schema2/) migrated with every revision and its provenance,
# the dictionaries and the latest flag it gets, imports that go on after it, and migrations
# that fail leaving the database as it was. (The values it evaluates: t_eval_golden.sh.)
S2="$ROOT/tests/fixtures/schema2/example.sql"
EX="$ROOT/examples/clermont-ferrand"
PCOLS="id, plan_id, version, hash, label, date, file, content, source_text, imported_at, imported_by, effective, council_date, signed, amends"
COLS="id, plan_id, record, subject, period, territory, dims, revision, value, numerator, denominator, text, missing, status, note, source, import_id, line"
fresh_s2() { rm -f "$1" "$1-wal" "$1-shm"; sqlite3 "$1" < "$S2"; }
# everything a database holds, as text (to tell "as it was" apart from any change)
dump() { sqlite3 "$1" .dump; sqlite3 "$1" 'PRAGMA user_version'; }

t "the schema-2 fixture is what it says: schema 2, 141 rows, three imports on three days"
fresh_s2 s2.db
[ "$(sqlite3 s2.db 'PRAGMA user_version')" = 2 ] || _fail "not at schema 2"
[ "$(sqlite3 s2.db 'SELECT count(*) FROM observation')" = 141 ] || _fail "not 141 rows"
[ "$(sqlite3 s2.db 'SELECT group_concat(substr(imported_at, 1, 10)) FROM import')" = "2023-01-15,2023-03-01,2023-06-01" ] \
  || _fail "imports: $(sqlite3 s2.db 'SELECT group_concat(imported_at) FROM import')"
sqlite3 s2.db "SELECT $COLS FROM observation ORDER BY id" > before-rows.txt
sqlite3 s2.db "SELECT id, plan_version, file, source, imported_at, imported_by, rows FROM import ORDER BY id" > before-imports.txt
sqlite3 s2.db "SELECT $PCOLS FROM plan_version ORDER BY id" > before-plans.txt

t "2 -> 6: every revision kept as it was stored, with its provenance; the plans and imports unchanged"
run "$CTG" --db s2.db plans
expect_rc 0
[ "$(sqlite3 s2.db 'PRAGMA user_version')" = 7 ] || _fail "schema $(sqlite3 s2.db 'PRAGMA user_version'), expected 7"
sqlite3 s2.db "SELECT $COLS FROM observation ORDER BY id" > after-rows.txt
cmp -s before-rows.txt after-rows.txt || _fail "rows changed: $(diff before-rows.txt after-rows.txt | head -4)"
sqlite3 s2.db "SELECT id, plan_version, file, source, imported_at, imported_by, rows FROM import ORDER BY id" > after-imports.txt
cmp -s before-imports.txt after-imports.txt || _fail "imports changed"
sqlite3 s2.db "SELECT $PCOLS FROM plan_version ORDER BY id" > after-plans.txt
cmp -s before-plans.txt after-plans.txt || _fail "plan versions changed"
[ "$(sqlite3 s2.db 'SELECT count(*) FROM plan_version WHERE outline IS NULL')" = 1 ] || _fail "a migrated version has an outline"
[ "$(sqlite3 s2.db 'SELECT count(*) FROM obs_revision')" = 141 ] || _fail "obs_revision is not the 141 rows"
[ "$(sqlite3 s2.db 'SELECT count(*) FROM obs_revision WHERE latest = 0')" = 5 ] || _fail "not 5 superseded revisions"
[ "$(sqlite3 s2.db 'SELECT count(*) FROM current_observation')" = 136 ] || _fail "not 136 current rows"
[ "$(sqlite3 s2.db 'SELECT max(revision) FROM obs_revision')" = 3 ] || _fail "the third revision is lost"
# 4 -> 5: no revision becomes a withdrawal, imports get no hash nor commit, no delivery yet
[ "$(sqlite3 s2.db 'SELECT count(*) FROM obs_revision WHERE withdrawn <> 0')" = 0 ] || _fail "a migrated revision is a withdrawal"
[ "$(sqlite3 s2.db 'SELECT count(*) FROM import WHERE hash IS NOT NULL OR git_commit IS NOT NULL')" = 0 ] || _fail "a migrated import has a hash or a commit"
[ "$(sqlite3 s2.db 'SELECT count(*) FROM delivery')" = 0 ] || _fail "the delivery table is not there, empty"

t "2 -> 3: the third revision of a value, its own source and its import's provenance"
run "$CTG" --db s2.db history --indicator agents_formes --period 2022 --territory clermont-ferrand --format json
expect_rc 0
expect_out '"revision": 3'; expect_out '"value": 15'; expect_out '"source": "liste RH"'
expect_out '"file": "tests/fixtures/schema2/correction-2.yaml"'; expect_out '"imported_by": "controle"'
expect_out '"imported_at": "2023-06-01T11:00:0'; expect_out '"line": 6'
run "$CTG" --db s2.db history --indicator gaspillage_alimentaire --period 2022 --territory clermont-ferrand
expect_rc 0
expect_out "révision 1 : 36${NB}800"; expect_out "révision 2 : 37${NB}450"
expect_out "révision 3 : n.d. (pesées retirées, à refaire) — Second rectificatif 2022 (fictif), tests/fixtures/schema2/correction-2.yaml:7"

t "2 -> 3: small integer dictionaries, each text once; no hash key, no index on the observations, no CHECK"
[ "$(sqlite3 s2.db 'SELECT group_concat(name) FROM obs_record ORDER BY id')" = "value,progress,meeting,funding,numerator,denominator" ] \
  || _fail "record kinds: $(sqlite3 s2.db 'SELECT group_concat(name) FROM obs_record')"
[ "$(sqlite3 s2.db 'SELECT count(*) FROM obs_plan')" = 1 ] || _fail "obs_plan"
[ "$(sqlite3 s2.db 'SELECT count(*) FROM obs_subject')" = "$(sqlite3 s2.db 'SELECT count(DISTINCT subject) FROM observation')" ] \
  || _fail "obs_subject is not one entry per subject"
[ "$(sqlite3 s2.db 'SELECT count(*) FROM obs_territory')" = "$(sqlite3 s2.db 'SELECT count(DISTINCT territory) FROM observation')" ] \
  || _fail "obs_territory is not one entry per territory"
sql=$(sqlite3 s2.db "SELECT sql FROM sqlite_master WHERE name = 'obs_revision'")
case "$sql" in *CHECK*|*key*) _fail "obs_revision has a CHECK or a key column: $sql";; esac
# schema 6: one partial index, on the parts of ratios only (whether a plan has any), none on the keys
[ "$(sqlite3 s2.db "SELECT group_concat(name || ': ' || sql) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'obs_revision'")" \
  = "obs_revision_part: CREATE INDEX obs_revision_part ON obs_revision(plan) WHERE record >= 5" ] \
  || _fail "an index on obs_revision: $(sqlite3 s2.db "SELECT sql FROM sqlite_master WHERE type = 'index'")"
[ "$(sqlite3 s2.db "SELECT type FROM sqlite_master WHERE name = 'observation'")" = view ] || _fail "observation is not a view"

t "after the migration, imports go on: the next revision is 4, known dictionary entries are reused"
subjects=$(sqlite3 s2.db 'SELECT count(*) FROM obs_subject')
cat > fix3.yaml <<'EOF'
plan: ctg-clermont-2021-2025
source: "Troisième rectificatif (test)"
observations:
  - {indicator: agents_formes, period: 2022, territory: clermont-ferrand, categorie: accueil, value: 16}
  - {indicator: agents_formes, period: 2021, territory: clermont-ferrand, categorie: accueil, value: 3}
EOF
run "$CTG" --db s2.db import fix3.yaml
expect_rc 0
[ "$(sqlite3 s2.db 'SELECT count(*) FROM obs_subject')" = "$subjects" ] || _fail "a subject was added twice"
[ "$(sqlite3 s2.db "SELECT revision || ':' || value FROM current_observation WHERE subject = 'agents_formes' AND period = '2022' AND dims = 'categorie=accueil'")" = "4:16.0" ] \
  || _fail "the correction is not revision 4 of 16"
[ "$(sqlite3 s2.db "SELECT count(*) FROM obs_revision WHERE latest = 1 GROUP BY plan, record, subject, period, territory, dims HAVING count(*) > 1")" = "" ] \
  || _fail "a key has two latest revisions"
run "$CTG" --db s2.db eval --period 2022 --indicator agents_formes --territory clermont-ferrand --format csv
expect_rc 0; expect_out 'agents_formes;2022;clermont-ferrand;43;'
run "$CTG" --db s2.db eval --period 2022 --indicator agents_formes --territory clermont-ferrand --format csv --known-at 2023-04-01
expect_rc 0; expect_out 'agents_formes;2022;clermont-ferrand;41;'

t "4: the import after the migration stores the outline of the migrated version, the one ctg computes from its plan"
[ "$(sqlite3 s2.db 'SELECT count(*) FROM plan_version WHERE outline IS NULL')" = 0 ] || _fail "the version still has no outline"
sqlite3 s2.db 'SELECT outline FROM plan_version WHERE id = 1' > stored-outline.yaml
run "$CTG" -e '
local rows, yaml = require("ctg.rows"), require("ctg.yaml")
local d = ctg.open("s2.db")
local stored = yaml.decode(io.open("stored-outline.yaml"):read("a"))
local computed = rows.outline(d:plan())
computed.hash = d:plan_version().hash
local function same(a, b)
  if type(a) ~= "table" or type(b) ~= "table" then return a == b end
  for k, v in pairs(a) do if not same(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end
print(tostring(same(stored, computed)) .. " " .. #stored.territories .. " " .. #stored.indicators .. " " .. stored.format)'
expect_rc 0; expect_out_eq "true 7 53 2"

# a row each way the outline is read: an unknown indicator refused, a territory named by its title
cat > outline-rows.yaml <<'EOF'
plan: ctg-clermont-2021-2025
source: "test des plans résumés"
observations:
  - {indicator: agents_formes, period: 2023, territory: "Territoire Nord", categorie: accueil, value: 2}
  - {indicator: agent_formes, period: 2023, territory: clermont-ferrand, value: 1}
EOF
outline_verdicts() {
  cp s2.db "$1"
  [ -n "$2" ] && sqlite3 "$1" "UPDATE plan_version SET outline = $2"
  run "$CTG" --db "$1" import outline-rows.yaml
  expect_rc 3
  expect_err "outline-rows.yaml:5: indicateur inconnu 'agent_formes' (vouliez-vous dire 'agents_formes' ?)"
  [ "$(sqlite3 "$1" "SELECT count(*) FROM observation WHERE period = '2023' AND territory = 'nord'")" = 0 ] \
    || _fail "a refused file stored rows"
}
t "an outline read back is not trusted blindly: garbage, another format, another version's hash are ignored and the plan rebuilt"
outline_verdicts good.db ""
outline_verdicts garbage.db "'{{{ not: yaml'"
# each with a lie that, were the outline believed, would let the misspelt indicator in
lie="replace(outline, 'id: agents_formes', 'id: agent_formes')"
outline_verdicts other-format.db "replace($lie, 'format: 2', 'format: 99')"
outline_verdicts other-hash.db "replace($lie, 'hash: ', 'hash: 0')"
outline_verdicts wrong-type.db "replace($lie, 'kind: count', 'kind: [1, 2]')"
# the same lie in an outline of the right shape, format and hash is believed: it is the
# version's own (ctg writes it, the plan's hash names it), as its content is
outline_verdicts_lie() {
  cp s2.db lie.db
  sqlite3 lie.db "UPDATE plan_version SET outline = $lie"
  run "$CTG" --db lie.db import outline-rows.yaml
  expect_rc 3; expect_err "outline-rows.yaml:4: indicateur inconnu 'agents_formes'"
}
outline_verdicts_lie
run "$CTG" -e '
local d = ctg.open("wrong-type.db")
local o = d:plan_outline()
print(#o.territories .. " " .. type(o.indicators[1].kind))'
expect_rc 0; expect_out_eq "7 string"

t "a table in the way of a migration: the database is refused before any migration, as it was"
fresh_s2 clash.db
sqlite3 clash.db "CREATE TABLE obs_plan (mine TEXT); INSERT INTO obs_plan VALUES ('à moi')"
dump clash.db > clash-before.txt
run "$CTG" --db clash.db plans
expect_rc 3
expect_err "clash.db : base altérée : la table obs_plan ne fait pas partie du schéma 2 de ctg : un objet ajouté hors de ctg"
expect_no_err "stdlib/"
dump clash.db > clash-after.txt
cmp -s clash-before.txt clash-after.txt || _fail "the database changed: $(diff clash-before.txt clash-after.txt | head -4)"

t "a failed migration leaves the database as it was: a row no record kind knows is not dropped silently"
fresh_s2 bad.db
sqlite3 bad.db "PRAGMA ignore_check_constraints = 1; INSERT INTO observation (plan_id, record, subject, period, revision, import_id, line, key)
  VALUES ('ctg-clermont-2021-2025', 'bogus', 'x', '2022', 1, 1, 1, 7)"
dump bad.db > bad-before.txt
run "$CTG" --db bad.db eval --period 2022
expect_rc 3
expect_err "impossible de mettre à jour le schéma vers la version 3 ; la base reste telle qu'elle était"
expect_err "every_revision_kept"
dump bad.db > bad-after.txt
cmp -s bad-before.txt bad-after.txt || _fail "the database changed: $(diff bad-before.txt bad-after.txt | head -4)"

t "a failed migration leaves the database as it was: a read-only file"
case "$CTG" in
  *valgrind*) echo "     (read-only test not run under valgrind: it needs the binary itself)";;
  *)
    mkdir -p ro && fresh_s2 ro/s2.db && chmod 444 ro/s2.db && chmod 555 ro && chmod 755 "$TMP"
    dump ro/s2.db > ro-before.txt
    cp "$CTG" "$TMP/ctg-copy" && chmod 755 "$TMP/ctg-copy"
    if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
      out=$(cd "$TMP" && setpriv --reuid=65534 --regid=65534 --clear-groups "$TMP/ctg-copy" --db "$TMP/ro/s2.db" eval --period 2022 2>&1); rc=$?
    else
      out=$(cd "$TMP" && "$TMP/ctg-copy" --db "$TMP/ro/s2.db" eval --period 2022 2>&1); rc=$?
    fi
    expect_rc 3; expect_out "s2.db : "; expect_out "lecture seule"; expect_no_out "stdlib/"
    dump ro/s2.db > ro-after.txt
    cmp -s ro-before.txt ro-after.txt || _fail "the read-only database changed";;
esac
chmod 755 ro 2>/dev/null

S5="$ROOT/tests/fixtures/schema5"
COLS5="id, plan_id, record, subject, period, territory, dims, revision, value, numerator, denominator, text, missing, status, note, source, import_id, line, withdrawn"
t "5 -> 6: a schema-5 database (its own plan, a revision) keeps every row; parts are record kinds 5 and 6, col is NULL"
rm -f s5.db; sqlite3 s5.db < "$S5/example.sql"
[ "$(sqlite3 s5.db 'PRAGMA user_version')" = 5 ] || _fail "the fixture is not at schema 5"
sqlite3 s5.db "SELECT $COLS5 FROM observation ORDER BY id" > s5-before.txt
[ "$(wc -l < s5-before.txt)" = 8 ] || _fail "the fixture has not 8 revisions"
run "$CTG" --db s5.db eval --period 2023 --indicator couverture --territory all --format csv
expect_rc 0
[ "$(sqlite3 s5.db 'PRAGMA user_version')" = 7 ] || _fail "schema $(sqlite3 s5.db 'PRAGMA user_version'), expected 7"
sqlite3 s5.db "SELECT $COLS5 FROM observation ORDER BY id" > s5-after.txt
cmp -s s5-before.txt s5-after.txt || _fail "rows changed: $(diff s5-before.txt s5-after.txt | head -4)"
[ "$(sqlite3 s5.db 'SELECT group_concat(id || name) FROM obs_record ORDER BY id')" = "1value,2progress,3meeting,4funding,5numerator,6denominator" ] \
  || _fail "record kinds: $(sqlite3 s5.db 'SELECT group_concat(name) FROM obs_record')"
[ "$(sqlite3 s5.db 'SELECT count(*) FROM observation WHERE column_number IS NULL')" = 8 ] || _fail "a migrated row has a column"
[ "$(sqlite3 s5.db 'SELECT count(*) FROM current_observation WHERE column_number IS NULL')" = 7 ] || _fail "current_observation lacks column_number"
# the values as schema 5 gave them: Noirétable's correction (19/41), the EPCI's roll-up beside its published 31,5
expect_out 'couverture;2023;noiretable;46,341463414634148;19;41;'
expect_out 'couverture;2023;ccmf;33,333333333333329;29;87;'

t "5 -> 6: parts imported after the migration pair with each other; judge:put and db:put_observation store a column"
cat > s5-places.csv <<'EOF'
indicateur;période;territoire;numérateur
couverture;2024;noiretable;20
couverture;2024;cervieres;4
EOF
cat > s5-enfants.csv <<'EOF'
indicateur;période;territoire;dénominateur
couverture;2024;noiretable;40
couverture;2024;cervieres;10
EOF
run "$CTG" --db s5.db import s5-places.csv s5-enfants.csv
expect_rc 0
[ "$(sqlite3 s5.db "SELECT group_concat(record || ':' || territory, ' ') FROM current_observation WHERE period = '2024' ORDER BY id")" \
  = "numerator:noiretable numerator:cervieres denominator:noiretable denominator:cervieres" ] \
  || _fail "parts: $(sqlite3 s5.db "SELECT record, territory FROM current_observation WHERE period = '2024'")"
run "$CTG" --db s5.db eval --period 2024 --indicator couverture --territory all --format csv
expect_rc 0; expect_out 'couverture;2024;noiretable;50;20;40'; expect_out 'couverture;2024;cervieres;40;4;10'
run "$CTG" -e '
local d = ctg.open("s5.db")
local s = d.store
s:exec("BEGIN")
local id = s:execute("INSERT INTO import (plan_version, file, imported_at, imported_by) VALUES (1, ?, ?, ?) RETURNING id",
  "cellules.xlsx", "2024-05-01T00:00:00Z", "test")[1].id
local judge = require("ctg.rows").checker((d:plan_outline(d:plan().id))):judge()
judge:bind(s, id)
print(judge:put({ indicator = "familles", period = 2024, territory = "cervieres", value = 5 }, 7, 3))
print(judge:put({ indicator = "familles", period = 2024, territory = "noiretable", value = 9 }, 8))
print(s:put_observation(d:plan().id, "denominator", "couverture", "2024", "la-chamba", "", nil, nil, 8, nil, nil, nil, nil, nil, id, 9, 4))
print(pcall(judge.put, judge, { indicator = "familles", period = 2024, territory = "saint-just", value = 1 }, 9, -2))
s:exec("COMMIT")'
expect_rc 0
expect_out "1
1
1
false"
expect_out "column >= 1"
[ "$(sqlite3 s5.db "SELECT group_concat(territory || ':' || line || ':' || coalesce(column_number, '-'), ' ') FROM observation WHERE import_id = (SELECT max(id) FROM import) ORDER BY id")" \
  = "cervieres:7:3 noiretable:8:- la-chamba:9:4" ] \
  || _fail "columns: $(sqlite3 s5.db "SELECT territory, line, column_number FROM observation WHERE import_id = (SELECT max(id) FROM import)")"

t "1 -> 2: a version without a date takes its plan's dates from the stored content, else its import day"
sqlite3 s1.db < "$ROOT/tests/fixtures/schema1/example.sql"
# a second version whose content has no dates at all, a third with an effective date
sqlite3 s1.db "INSERT INTO plan_version (plan_id, version, hash, content, imported_at, imported_by)
  VALUES ('ctg-clermont-2021-2025', 2, 'h2', replace(replace((SELECT content FROM plan_version WHERE id = 1),
    '  council_date: \"2021-03-05\"' || char(10), ''), '  signed: \"2021-03-19\"' || char(10), ''), '2024-02-03T10:00:00Z', 'a'),
  ('ctg-clermont-2021-2025', 3, 'h3', replace((SELECT content FROM plan_version WHERE id = 1),
    '  signed: \"2021-03-19\"', '  signed: \"2021-03-19\"' || char(10) || '  effective: \"2022-01\"'), '2024-03-04T10:00:00Z', 'a')"
run "$CTG" --db s1.db plans
expect_rc 0
[ "$(sqlite3 s1.db "SELECT group_concat(effective || '/' || coalesce(council_date, '-') || '/' || coalesce(signed, '-'), ' ') FROM plan_version")" \
  = "2021-03-19/2021-03-05/2021-03-19 2024-02-03/-/- 2022-01/2021-03-05/2021-03-19" ] \
  || _fail "effective dates: $(sqlite3 s1.db 'SELECT effective, council_date, signed FROM plan_version')"
expect_out "v1  647bc0844e173d83  (en vigueur le 19 mars 2021, délibération du 5 mars 2021, signé le 19 mars 2021)"
expect_out "v2  h2  (en vigueur le 3 février 2024)"

t "a database already at the current schema is opened as it is"
dump s2.db > cur-before.txt
run "$CTG" --db s2.db eval --period 2022 --indicator agents_formes --format csv
expect_rc 0
dump s2.db > cur-after.txt
cmp -s cur-before.txt cur-after.txt || _fail "reading changed the database"
