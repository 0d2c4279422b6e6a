#!/usr/bin/env python3
"""pdf_has.py TEXT_FILE LINES_FILE: every line of LINES_FILE must be in TEXT_FILE (the
pdftotext output). pdftotext reads a table row by row across its columns, so a cell that
wraps has the other cells' words between its own lines: a line is found when its words
appear in order, each within a few words of the previous one. Prints the missing lines,
exits 1 when any."""
import sys

GAP = 60  # words of the neighbouring cells that may come between two words of one cell

def words(s):
    # a word cut at its hyphen at the end of a line ("Saint-" / "Jacques") is two words:
    # hyphens separate words on both sides
    return s.replace("\u00ad", "").replace("-", " ").split()

text = words(open(sys.argv[1], encoding="utf-8").read())
positions = {}
for i, w in enumerate(text):
    positions.setdefault(w, []).append(i)

def found(line):
    want = words(line)
    if not want:
        return True
    for start in positions.get(want[0], []):
        at, ok = start, True
        for w in want[1:]:
            nxt = [p for p in positions.get(w, []) if at < p <= at + GAP]
            if not nxt:
                ok = False
                break
            at = nxt[0]
        if ok:
            return True
    return False

missing = [l.rstrip("\n") for l in open(sys.argv[2], encoding="utf-8") if not found(l)]
for m in missing:
    print(m)
sys.exit(1 if missing else 0)
