# Workbooks (.xlsx, .ods) imported like their CSV; ctg's own export read back identically;
# --sheet; every way a workbook can be refused (French message, exit 3, database unchanged).
# The workbooks were written by openpyxl and LibreOffice (tests/fixtures/workbooks/make.py).
WB="$ROOT/tests/fixtures/workbooks"
SUD="$ROOT/tests/fixtures/sud-avesnois"
CF="$ROOT/examples/clermont-ferrand"
export CTG_DB="$TMP/ctg.db"
"$CTG" import "$SUD/plan.lua" > /dev/null || echo "FAIL: the plan does not import"
snapshot() { "$CTG" export observations --format csv 2>&1; }
# same_workbook A B: the same parts, byte for byte, but the creation time docProps/core.xml
# records (the observations' export writes the clock there: not the data read back)
same_workbook() {
  /usr/bin/python3 - "$1" "$2" <<'PY'
import sys, zipfile
a, b = (zipfile.ZipFile(p) for p in sys.argv[1:3])
names = [n for n in a.namelist() if n != "docProps/core.xml"]
sys.exit(0 if names == [n for n in b.namelist() if n != "docProps/core.xml"]
         and all(a.read(n) == b.read(n) for n in names) else 1)
PY
}
# fresh NAME PLAN: a database of that name with only the plan
fresh() { rm -f "$TMP/$1.db"; "$CTG" import --db "$TMP/$1.db" "$2" > /dev/null; }

t "a long-format .xlsx and .ods import exactly like the same rows as CSV"
for f in long.csv long.xlsx long.ods; do
  fresh "$f" "$SUD/plan.lua"
  run "$CTG" import --db "$TMP/$f.db" "$WB/$f" --source "tableau de bord CAF"
  expect_rc 0; expect_out "$f : 5 lignes importées"; expect_no_out "converti"
  "$CTG" export observations --db "$TMP/$f.db" --format csv > "$f.out"
done
cmp -s long.csv.out long.xlsx.out || _fail "the .xlsx does not import as its CSV: $(diff long.csv.out long.xlsx.out)"
cmp -s long.csv.out long.ods.out || _fail "the .ods does not import as its CSV: $(diff long.csv.out long.ods.out)"
grep -q "taux_couverture;2024;wignehies;;21,5;130;;;;tableau de bord CAF" long.xlsx.out || _fail "values: $(cat long.xlsx.out)"

t "ctg's own workbook export reads back identically (sud-avesnois: progress, meetings, funding)"
fresh a "$SUD/plan.lua"
"$CTG" import --db "$TMP/a.db" "$SUD"/data/2023.yaml "$SUD"/data/2024.yaml "$SUD"/data/2024-communes.csv > /dev/null
"$CTG" export observations --db "$TMP/a.db" --format xlsx -o a.xlsx
fresh b "$SUD/plan.lua"
run "$CTG" import --db "$TMP/b.db" a.xlsx
expect_rc 0; expect_out "a.xlsx : 73 lignes importées"
"$CTG" export observations --db "$TMP/b.db" --format xlsx -o b.xlsx
same_workbook a.xlsx b.xlsx || _fail "export -> import -> export differs"
"$CTG" export observations --db "$TMP/a.db" --format csv > a.csv
"$CTG" export observations --db "$TMP/b.db" --format csv > b.csv
cmp -s a.csv b.csv || _fail "the values differ: $(diff a.csv b.csv | head)"
run "$CTG" export observations --db "$TMP/b.db" --format yaml
expect_out 'step: "1-A"'; expect_out "status: done"; expect_out "committee: copil"; expect_out "amount: 440000"

t "wb:row gives every shared string of ctg's export as an independent reader does (xlsx_cells.py)"
# the export repeats each indicator and territory name in many rows: wb:row keeps one Lua
# string per shared string, which must stay the text of that index and no other
cat > cells.lua <<'LUA'
local workbook = require("ctg.workbook")
local wb = assert(workbook.open(arg[1]))
for i, name in ipairs(wb:sheets()) do
  assert(wb:select(i))
  for cells, row, types in wb.row, wb do
    for j = 1, cells.n do
      if types[j] == "text" then print(name .. "\t" .. workbook.column_name(j) .. row .. "\t" .. cells[j]) end
    end
  end
end
LUA
"$CTG" cells.lua a.xlsx | sort > cells.ctg
/usr/bin/python3 "$ROOT/tests/cli/xlsx_cells.py" a.xlsx | awk -F'\t' '$3 == "s" { print $1 "\t" $2 "\t" $4 }' | sort > cells.py
[ "$(wc -l < cells.py)" -gt 300 ] || _fail "too few shared strings to tell: $(wc -l < cells.py)"
cmp -s cells.ctg cells.py || _fail "wb:row's texts differ: $(diff cells.ctg cells.py | head)"

t "the round trip on the example's plan: dimensions, several sources, corrections"
fresh ca "$CF/plan.lua"
"$CTG" import --db "$TMP/ca.db" "$CF"/data/2020.yaml "$CF"/data/2021.yaml "$CF"/data/2022.yaml "$CF"/data/2023.yaml \
  "$CF"/data/2023-petite-enfance.csv "$CF"/data/corrections-2022.yaml > /dev/null
"$CTG" export observations --db "$TMP/ca.db" --format xlsx -o ca.xlsx
fresh cb "$CF/plan.lua"
run "$CTG" import --db "$TMP/cb.db" ca.xlsx
expect_rc 0
"$CTG" export observations --db "$TMP/cb.db" --format xlsx -o cb.xlsx
same_workbook ca.xlsx cb.xlsx || _fail "export -> import -> export differs"

t "--sheet by name (case and accents aside) or number; the first sheet by default"
before=$(snapshot)
run "$CTG" import "$WB/long.xlsx" --sheet "AUTRE ANNEE" --dry-run
expect_rc 0; expect_out "long.xlsx : 1 ligne vérifiée"
run "$CTG" import "$WB/long.ods" --sheet 2 --dry-run
expect_rc 0; expect_out "long.ods : 1 ligne vérifiée"
run "$CTG" import "$WB/long.ods" --dry-run
expect_rc 0; expect_out "long.ods : 5 lignes vérifiées"

t "a sheet that does not exist: the sheets found and a suggestion"
run "$CTG" import "$WB/long.xlsx" --sheet "Autre anne"
expect_rc 3
expect_err "long.xlsx: la feuille « Autre anne » n'existe pas (vouliez-vous dire 'Autre année' ?) ; feuilles du classeur : « Feuille1 », « Autre année »"
run "$CTG" import "$WB/long.ods" --sheet 3
expect_rc 3; expect_err "long.ods: --sheet 3 : le classeur a 2 feuille(s) : « Feuille1 », « Autre année »"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "--sheet on a CSV and --encoding on a workbook are refused, not ignored"
run "$CTG" import "$WB/long.csv" --sheet 2
expect_rc 3; expect_err "long.csv: --sheet ne vaut que pour un classeur"
run "$CTG" import "$WB/long.xlsx" --encoding windows-1252
expect_rc 3; expect_err "long.xlsx: --encoding ne vaut que pour un fichier CSV"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "an encrypted workbook"
run "$CTG" import "$WB/chiffre.xlsx"
expect_rc 3; expect_err "chiffre.xlsx: classeur chiffré : enregistrez-le sans mot de passe"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "a renamed Word document, a zip of text files, a CSV renamed .xlsx"
/usr/bin/python3 - <<'PY'
import zipfile
with zipfile.ZipFile("rapport.xlsx", "w") as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("word/document.xml", "<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'/>")
with zipfile.ZipFile("textes.ods", "w") as z:
    z.writestr("a.txt", "bonjour")
    z.writestr("b.txt", "au revoir")
PY
run "$CTG" import rapport.xlsx
expect_rc 3; expect_err "rapport.xlsx: ce n'est pas un classeur mais un document Word (.docx)"
run "$CTG" import textes.ods
expect_rc 3; expect_err "textes.ods: ce n'est pas un classeur mais une archive zip de 2 fichiers (a.txt…)"
cp "$WB/long.csv" renamed.xlsx
run "$CTG" import renamed.xlsx
expect_rc 3; expect_err "renamed.xlsx: ce n'est pas un classeur .xlsx ni .ods (le fichier n'est pas une archive zip)"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "a truncated and a damaged workbook"
head -c 4000 "$WB/long.xlsx" > cut.xlsx
run "$CTG" import cut.xlsx
expect_rc 3; expect_err "cut.xlsx: classeur endommagé ou tronqué"
# the same size, its sheet's compressed bytes overwritten
/usr/bin/python3 - "$WB/long.xlsx" <<'PY'
import sys, zipfile
data = bytearray(open(sys.argv[1], "rb").read())
info = zipfile.ZipFile(sys.argv[1]).getinfo("xl/worksheets/sheet1.xml")
start = info.header_offset + 30 + len(info.filename) + len(info.extra)
data[start:start + 40] = b"\xff" * 40
open("damaged.xlsx", "wb").write(bytes(data))
PY
run "$CTG" import damaged.xlsx
expect_rc 3; expect_err "damaged.xlsx: classeur endommagé ou tronqué : rouvrez-le"
# an intact archive whose sheet's XML stops half-way
/usr/bin/python3 - "$WB/long.xlsx" <<'PY'
import sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
with zipfile.ZipFile("cut-xml.xlsx", "w") as out:
    for n in src.namelist():
        data = src.read(n)
        out.writestr(n, data[:len(data) // 2] if n == "xl/worksheets/sheet1.xml" else data)
PY
run "$CTG" import cut-xml.xlsx
expect_rc 3; expect_err "cut-xml.xlsx: classeur endommagé : le XML de la feuille est interrompu ou invalide après la ligne 3"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "an error value where a number is expected: located as the spreadsheet names the cell"
run "$CTG" import "$WB/erreur.xlsx"
expect_rc 3
expect_err "erreur.xlsx:Feuille1!D3: la cellule contient l'erreur #DIV/0! (une formule qui n'a pas pu être calculée)"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "a formula without a computed value, a number as text, a value right of the header"
/usr/bin/python3 - <<'PY'
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Données 2025"
ws.append(["indicator", "period", "territory", "value"])
ws.append(["familles_allocataires", 2025, "Ohain", "=2*50"])
ws.append(["familles_allocataires", 2025, "Trélon", "1 302"])
ws.append(["familles_allocataires", 2025, "Anor", 12, None, "oubli"])
wb.save("formules.xlsx")
PY
run "$CTG" import formules.xlsx
expect_rc 3
expect_err "formules.xlsx:'Données 2025'!D2: formule sans valeur calculée (=2*50) : ouvrez le classeur dans Excel ou LibreOffice"
expect_err "formules.xlsx:'Données 2025'!F4: une valeur à droite de la dernière colonne de l'en-tête"
expect_no_err "D3"
[ "$(snapshot)" = "$before" ] || _fail "the database changed"

t "a judge's error in a workbook names its cell"
/usr/bin/python3 - <<'PY'
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.append(["indicateur", "période", "territoire", "valeur"])
ws.append(["familles_allocataires", 2025, "Trelon", 3])
ws.append(["familles_allocataires", 2025, "Nulle-part", 3])
wb.save("territoire.xlsx")
PY
run "$CTG" import territoire.xlsx
expect_rc 3; expect_err "territoire.xlsx:Sheet!C3: "; expect_err "Nulle-part"; expect_no_err "Sheet!C2"
