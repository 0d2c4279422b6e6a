#!/usr/bin/env python3
"""Rows of the shape a mapping reads (a territory, a year, one column per measure), for the
bench row "classeur par une correspondance" of tests/bench/run.sh.

usage: gen_wide.py PLAN.yaml ROWS OUT_PLAN.yaml OUT.csv
PLAN.yaml is `ctg export PLAN --format yaml`. Writes the plan with enough cloned territories
("large-00000"…) for ROWS distinct (territory, year) rows over the 25 years a plan accepts
(ten before its period to ten after), and OUT.csv: territoire;annee;COUNT;numerateur;denominateur
(`;`, UTF-8, integers), COUNT being the plan's first count indicator without dimensions, the
ratio its first ratio without dimensions. Prints "COUNT RATIO" (the mapping names them).
Fixed seed: the same rows every run.
"""
import copy, random, sys, yaml

src, rows, out_plan, out_csv = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
plan = yaml.load(open(src, encoding="utf-8"), Loader=yaml.CSafeLoader)
head = plan["plan"] if isinstance(plan.get("plan"), dict) else plan
inds = plan.get("indicators", [])
count = next(i["id"] for i in inds if i.get("kind") == "count" and not i.get("by"))
ratio = next(i["id"] for i in inds if i.get("kind") == "ratio" and not i.get("by"))
first, last = (int(y) for y in head["period"][:2])
years = list(range(first - 10, last + 11))
terrs = plan["territories"]
parents = {t.get("parent") for t in terrs}
leaf = next(t for t in terrs if t["code"] not in parents)
need = rows // len(years) + 1
for j in range(need):
    t = copy.deepcopy(leaf)
    t["code"], t["title"] = "large-%05d" % j, "Large %05d" % j
    for f in ("qpv", "rep_plus", "insee", "note"):
        t.pop(f, None)
    terrs.append(t)
with open(out_plan, "w", encoding="utf-8") as f:
    yaml.dump(plan, f, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
rnd = random.Random(11)
with open(out_csv, "w", encoding="utf-8", newline="") as out:
    out.write("territoire;annee;%s;numerateur;denominateur\n" % count)
    n = 0
    for j in range(need):
        for y in years:
            if n == rows:
                break
            den = rnd.randint(50, 400)
            out.write("large-%05d;%d;%d;%d;%d\n" % (j, y, rnd.randint(0, 500), rnd.randint(0, den), den))
            n += 1
print(count, ratio)
