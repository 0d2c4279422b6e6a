# What a dump must not carry on, and how a user reaches the stock reports: a figure changed
# by hand outside ctg (the fingerprint kept at import then lies) stops ctg dump, whose
# backups would otherwise pass the change on as clean data; a dump whose line ends were
# converted to Windows' is said as such; ctg report takes a stock script by its name, and a
# missing scripts/NAME.lua says so.
cat > plan.lua <<'LUA'
plan "ctg-seille-2024" { title = "Convention des coteaux de la Seille", period = {2024, 2027} }
territory("ccs", "CC des coteaux de la Seille") { level = "epci" }
territory("arlay", "Arlay") { level = "commune", parent = "ccs" }
territory("nevy", "Nevy-sur-Seille") { level = "commune", parent = "ccs" }
axis(1, "Accueil") {
  action(1, "Des places") {
    indicator "places" { label = "Places d'accueil", kind = "count", time = "last" },
  },
}
LUA
cat > data.csv <<'CSV'
indicator;period;territory;value
places;2024;arlay;12
places;2024;nevy;30
CSV
"$CTG" --db a.db import plan.lua data.csv >/dev/null || _fail "setup: import"

t "a database whose figure was changed by hand is not dumped: exit 3, French, nothing written"
run "$CTG" --db a.db dump ok.ctgdump
expect_rc 0
cp a.db b.db
sqlite3 b.db "UPDATE obs_revision SET value = 13 WHERE value = 12" || _fail "sqlite3"
run "$CTG" --db b.db dump b.ctgdump
expect_rc 3
expect_err "base altérée : les observations du plan ctg-seille-2024 ne donnent plus l'empreinte enregistrée"
expect_err "ctg verifier"
[ -e b.ctgdump ] && _fail "a dump of the altered database was written"
run env CTG_LANG=en "$CTG" --db b.db dump b.ctgdump
expect_rc 3
expect_err "altered database: the observations of plan ctg-seille-2024"
# the same change put back: the database is whole again, and dumps
sqlite3 b.db "UPDATE obs_revision SET value = 12 WHERE value = 13" || _fail "sqlite3"
run "$CTG" --db b.db dump b.ctgdump
expect_rc 0

t "a dump converted to Windows line ends is refused as such, nothing loaded"
sed 's/$/\r/' ok.ctgdump > crlf.ctgdump
run "$CTG" --db c.db restore crlf.ctgdump
expect_rc 3
expect_err "fins de ligne sont celles de Windows (CRLF)"
expect_err "dos2unix"
[ -e c.db ] && _fail "a database was created"
run "$CTG" --db c.db restore ok.ctgdump
expect_rc 0

t "ctg report takes a stock script by its name; a missing scripts/NAME.lua names the way"
run "$CTG" --db a.db report bilan-annuel --period 2024 -o bilan.md
expect_rc 0
run grep -c "Places d'accueil" bilan.md
[ "${out:-0}" -ge 1 ] || _fail "the stock bilan lacks the indicator"
run "$CTG" --db a.db report scripts/bilan-annuel.lua --period 2024 -o bilan2.md
expect_rc 2
expect_err "impossible de lire le script scripts/bilan-annuel.lua ; le script fourni avec ctg s'appelle par son nom : ctg report bilan-annuel"
run "$CTG" --db a.db report pas-un-script --period 2024 -o bilan3.md
expect_rc 2
expect_err "impossible de lire le script pas-un-script"
expect_no_err "fourni avec ctg"
