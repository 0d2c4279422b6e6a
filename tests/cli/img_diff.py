#!/usr/bin/env python3
"""img_diff.py A.pgm B.pgm TOLERANCE: compares two greyscale images (binary PGM, as
pdftoppm -gray writes) of the same size; prints the share of pixels that differ by more
than 48 grey levels and exits 1 when it is above TOLERANCE (e.g. 0.02 for 2 %)."""
import sys

def read(path):
    data = open(path, "rb").read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b"P5":
        sys.exit("%s: not a binary PGM" % path)
    w, h = int(fields[1]), int(fields[2])
    return w, h, data[pos + 1:pos + 1 + w * h]

wa, ha, a = read(sys.argv[1])
wb, hb, b = read(sys.argv[2])
if (wa, ha) != (wb, hb):
    print("size %dx%d, expected %dx%d" % (wb, hb, wa, ha))
    sys.exit(1)
diff = sum(1 for x, y in zip(a, b) if abs(x - y) > 48) / float(wa * ha)
print("%.4f" % diff)
sys.exit(1 if diff > float(sys.argv[3]) else 0)
