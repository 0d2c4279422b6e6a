# --known-at on the command line as people type it: a moment with a space for the T, a
# future date refused as the Lua API refuses it (no data is known past today), and an
# unreadable date whose message gives the time form too.
command -v faketime >/dev/null || { echo "faketime is missing: make deps"; exit 1; }
ft() { ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" faketime "$@"; }
cat > plan.lua <<'LUA'
plan "ctg-bresse-2025" { title = "Convention de la Bresse", period = {2025, 2028} }
territory("bresse", "Bresse") { level = "commune" }
axis(1, "Accueil") {
  action(1, "Des places") {
    indicator "places" { label = "Places d'accueil", kind = "count", time = "last" },
  },
}
LUA
printf 'indicator;period;territory;value\nplaces;2025;bresse;40\n' > a.csv
printf 'indicator;period;territory;value\nplaces;2025;bresse;44\n' > b.csv
ft '2026-02-10 09:00:00' "$CTG" --db k.db import plan.lua a.csv >/dev/null || _fail "setup a"
ft '2026-02-10 14:30:00' "$CTG" --db k.db import b.csv >/dev/null || _fail "setup b"

t "a moment typed with a space reads as with a T: the data known between two imports of one day"
run ft '2026-03-01 12:00:00' "$CTG" --db k.db eval --known-at "2026-02-10 12:00" --format csv
expect_rc 0
expect_out "places;2025;bresse;40;"
expect_no_out "places;2025;bresse;44;"
run ft '2026-03-01 12:00:00' "$CTG" --db k.db eval --known-at "2026-02-10T12:00" --format csv
expect_rc 0
expect_out "places;2025;bresse;40;"
# without --known-at: the afternoon's correction (the test would pass on a base of one import)
run ft '2026-03-01 12:00:00' "$CTG" --db k.db eval --format csv
expect_out "places;2025;bresse;44;"

t "a --known-at in the future is refused (exit 2) as the API refuses it, never written into a provenance"
run ft '2026-03-01 12:00:00' "$CTG" --db k.db eval --known-at 2027-01-01
expect_rc 2
expect_err "le 1er janvier 2027 est dans le futur (nous sommes le 1er mars 2026)"
run ft '2026-03-01 12:00:00' "$CTG" --db k.db report bilan-annuel --known-at 2026-06-01 -o r.md
expect_rc 2
[ -e r.md ] && _fail "a report was written"

t "an unreadable --known-at names the time form too; an impossible date says what is wrong"
run "$CTG" --db k.db eval --known-at hier
expect_rc 2
expect_err "AAAA-MM-JJTHH:MM, en UTC"
run "$CTG" --db k.db eval --known-at 2026-13-08
expect_rc 2
expect_err "le mois 13 n'existe pas"
expect_no_err "HH:MM"
