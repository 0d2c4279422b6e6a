# CSV files in the encodings French offices write: Windows-1252 (Excel's "CSV (séparateur :
# point-virgule)"), ISO-8859-15, UTF-16 with a BOM; detected or declared with --encoding,
# converted to UTF-8, the summary saying so; a wrong declaration is a located error.
PLAN="$ROOT/tests/fixtures/sud-avesnois/plan.lua"
export CTG_DB="$TMP/ctg.db"
"$CTG" import "$PLAN" > /dev/null || echo "FAIL: the plan does not import"
snapshot() { "$CTG" export observations --format csv 2>&1; }
HEAD='indicator;period;territory;value;note'   # ASCII: the same in every encoding

t "a Windows-1252 file is detected, converted and said so"
# é = E9, € = 80, œ = 9C, ’ = 92 in Windows-1252
printf 'indicateur;p\351riode;territoire;valeur;note\r\nfamilles_allocataires;2024;Tr\351lon;412;co\373t 3 \200, \234uvre l\222an\r\n' > w1252.csv
run "$CTG" import w1252.csv
expect_rc 0; expect_out "w1252.csv : 1 ligne importée (converti depuis Windows-1252)"
run "$CTG" export observations --format csv --indicator familles_allocataires
expect_out "familles_allocataires;2024;trelon;412;;;;;coût 3 €, œuvre l’an;w1252.csv"

t "an ISO-8859-15 file is told from Windows-1252 by its euro sign (0xA4)"
# € = A4, œ = BD, Š = A6 in ISO-8859-15; no byte in 0x80-0x9F
printf 'indicateur;p\351riode;territoire;valeur;note\nfamilles_allocataires;2024;F\351ron;57;\275uvre \244 \246\n' > latin9.csv
run "$CTG" import latin9.csv
expect_rc 0; expect_out "latin9.csv : 1 ligne importée (converti depuis ISO-8859-15)"
run "$CTG" export observations --format csv --indicator familles_allocataires --territory feron
expect_out "familles_allocataires;2024;feron;57;;;;;œuvre € Š;latin9.csv"

t "accents alone (bytes both encodings share) read as Windows-1252"
printf '%s\nfamilles_allocataires;2025;Tr\351lon;415;d\351j\340 vu\n' "$HEAD" > accents.csv
run "$CTG" import accents.csv
expect_rc 0; expect_out "(converti depuis Windows-1252)"
run "$CTG" export observations --format csv --indicator familles_allocataires --period 2025
expect_out "trelon;415;;;;;déjà vu"

t "UTF-16 little- and big-endian files with a BOM are converted"
"$CTG" -e '
  local function utf16(s, big)
    local out = { big and "\254\255" or "\255\254" }
    for _, c in utf8.codes(s) do
      local units = c < 0x10000 and { c } or { 0xD800 + ((c - 0x10000) >> 10), 0xDC00 + ((c - 0x10000) & 0x3FF) }
      for _, u in ipairs(units) do
        out[#out + 1] = big and string.char(u >> 8, u & 0xFF) or string.char(u & 0xFF, u >> 8)
      end
    end
    return table.concat(out)
  end
  local text = "indicator;period;territory;value;note\r\nfamilles_allocataires;YEAR;Anor;1 204;été 😀\r\n"
  io.open("u16le.csv", "wb"):write(utf16((text:gsub("YEAR", "2026")), false))
  io.open("u16be.csv", "wb"):write(utf16((text:gsub("YEAR", "2027")), true))'
run "$CTG" import u16le.csv u16be.csv
expect_rc 0; expect_out "u16le.csv : 1 ligne importée (converti depuis UTF-16LE)"
expect_out "u16be.csv : 1 ligne importée (converti depuis UTF-16BE)"
run "$CTG" export observations --format csv --indicator familles_allocataires --territory anor
expect_out "familles_allocataires;2026;anor;1204;;;;;été 😀;u16le.csv"; expect_out "familles_allocataires;2027;anor;1204;;;;;été 😀;u16be.csv"

t "valid UTF-8 stays UTF-8: nothing converted, nothing said"
printf '%s\nfamilles_allocataires;2025;Trélon;9;Œuvre à côté\n' "$HEAD" > utf8.csv
run "$CTG" import utf8.csv
expect_rc 0; expect_out "utf8.csv : 1 ligne importée"; expect_no_out "converti"

t "a declared encoding wins over detection: ISO-8859-15 bytes read as Windows-1252"
printf '%s\nfamilles_allocataires;2025;Anor;3;prix \244\n' "$HEAD" > declared.csv
run "$CTG" import declared.csv --encoding WINDOWS-1252
expect_rc 0; expect_out "(converti depuis Windows-1252)"
run "$CTG" export observations --format csv --indicator familles_allocataires --territory anor --period 2025
expect_out "anor;3;;;;;prix ¤;declared.csv"

t "a Windows-1252 file declared UTF-8: located error, the suggestion, the database unchanged"
before=$(snapshot)
printf '%s\nfamilles_allocataires;2026;Anor;3;ok\nfamilles_allocataires;2026;Baives;4;caf\351\n' "$HEAD" > declared-utf8.csv
run "$CTG" import declared-utf8.csv --encoding utf-8
expect_rc 3
expect_err "declared-utf8.csv:3:40: le fichier n'est pas en UTF-8 (il semble en Windows-1252"
expect_err "--encoding windows-1252"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "a file mixing UTF-8 and Windows-1252 is not guessed"
printf '%s\nfamilles_allocataires;2026;Trélon;3;caf\351\n' "$HEAD" > mixed.csv
run "$CTG" import mixed.csv
expect_rc 3; expect_err "mixed.csv:2:40: le fichier mêle UTF-8 et un autre encodage (l'octet 0xE9"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "a byte Windows-1252 lacks is an error at its place"
printf '%s\nfamilles_allocataires;2026;Anor;3;a\201b\n' "$HEAD" > undefined.csv
run "$CTG" import undefined.csv
expect_rc 3; expect_err "undefined.csv:2:36: l'octet 0x81 n'est pas un caractère en Windows-1252"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "UTF-16 declared on a file without BOM, broken UTF-16, a UTF-8 BOM declared Windows-1252"
run "$CTG" import utf8.csv --encoding utf-16
expect_rc 3; expect_err "utf8.csv: le fichier n'a pas de marque d'ordre des octets UTF-16"
head -c 87 u16le.csv > odd.csv
run "$CTG" import odd.csv
expect_rc 3; expect_err "odd.csv:2:4: UTF-16 invalide : le fichier s'arrête au milieu d'un caractère"
printf '\357\273\277%s\n' "$HEAD" > bom.csv
run "$CTG" import bom.csv --encoding windows-1252
expect_rc 3; expect_err "bom.csv: le fichier commence par la marque UTF-8 (BOM) : il est en UTF-8, pas en Windows-1252"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "an unknown --encoding is a usage error with a suggestion"
run "$CTG" import utf8.csv --encoding windows-1525
expect_rc 2; expect_err "vouliez-vous dire 'windows-1252'"; expect_err "iso-8859-15"
