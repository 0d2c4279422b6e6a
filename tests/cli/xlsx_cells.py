#!/usr/bin/env python3
"""Prints every cell of an .xlsx workbook, one per line, for the tests:
SHEET<TAB>CELL<TAB>n|s|b<TAB>VALUE<TAB>NUMBER-FORMAT, then one line per sheet
"SHEET<TAB>frozen<TAB>ROWS" when the sheet has frozen rows, and "SHEET<TAB>width<TAB>COL<TAB>W"."""
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

z = zipfile.ZipFile(sys.argv[1])
strings = []
if "xl/sharedStrings.xml" in z.namelist():
    for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
        strings.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
styles = ET.fromstring(z.read("xl/styles.xml"))
formats = {int(f.get("numFmtId")): f.get("formatCode") for f in styles.findall("m:numFmts/m:numFmt", NS)}
xfs = [int(x.get("numFmtId", "0")) for x in styles.findall("m:cellXfs/m:xf", NS)]
rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
for sheet in ET.fromstring(z.read("xl/workbook.xml")).findall("m:sheets/m:sheet", NS):
    name = sheet.get("name")
    ws = ET.fromstring(z.read("xl/" + rels[sheet.get(REL)]))
    pane = ws.find("m:sheetViews/m:sheetView/m:pane", NS)
    if pane is not None and pane.get("state") == "frozen":
        print("%s\tfrozen\t%s" % (name, pane.get("ySplit")))
    for col in ws.findall("m:cols/m:col", NS):
        print("%s\twidth\t%s\t%s" % (name, col.get("min"), col.get("width")))
    for c in ws.iter("{%s}c" % NS["m"]):
        v = c.find("m:v", NS)
        if v is None:
            continue
        t = c.get("t", "n")
        value = strings[int(v.text)] if t == "s" else v.text
        fmt_id = xfs[int(c.get("s", "0"))]
        print("%s\t%s\t%s\t%s\t%s" % (name, c.get("r"), t, value, formats.get(fmt_id, "General")))
