#!/usr/bin/env python3
"""Prints the text of every table cell (th, td) of an HTML report, one per line, and the
texts of the table notes (li of ol.table-notes): what the printed PDF must contain."""
import sys
from html.parser import HTMLParser


class Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.text, self.out, self.notes = [], None, [], 0

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        if tag == "ol" and "table-notes" in cls:
            self.notes += 1
        if tag in ("th", "td") or (tag == "li" and self.notes):
            self.text = []
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "ol" and self.notes:
            self.notes -= 1
        if self.stack and tag == self.stack[-1]:
            self.stack.pop()
            cell = " ".join("".join(self.text).split())
            if cell:
                self.out.append(cell)
            self.text = None

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)


p = Cells()
with open(sys.argv[1], encoding="utf-8") as f:
    p.feed(f.read())
for c in p.out:
    print(c)
