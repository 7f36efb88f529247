#!/usr/bin/python3
"""Summarises a `beat-accuracy` run on the swing set by split (tune / check) and variant (with drums, without drums,
accented "and"): mean F, CMLt, AMLt, and the grids on the off-beat (1/2) and on the swung eighth (2/3).

Usage: BEATS_EXTRA=/work/swing-set dotnet run ... -- beat-accuracy /tmp/empty | swing_split.py /work/swing-set/split.tsv
"""
import sys

split = {}
with open(sys.argv[1]) as f:
    next(f)
    for line in f:
        name, half = line.split("\t")[:2]
        split[name] = half
groups = {}
for line in sys.stdin:
    p = line.split()
    if len(p) < 6 or p[0] not in split:
        continue
    variant = "accent" if p[0].endswith("_accent") else "nodrums" if p[0].endswith("_nodrums") else "drums"
    row = (float(p[2]), float(p[3]), float(p[4]), "OFF" in p, "SWUNG" in p)
    for key in ((split[p[0]], "all"), (split[p[0]], variant), ("all", "all")):
        groups.setdefault(key, []).append(row)
print(f"{'split':6} {'variant':8} {'n':>3} {'F':>6} {'CMLt':>6} {'AMLt':>6} {'1/2':>3} {'2/3':>3}")
for key in sorted(groups):
    rows = groups[key]
    n = len(rows)
    print(f"{key[0]:6} {key[1]:8} {n:3d} {sum(r[0] for r in rows) / n:6.3f} {sum(r[1] for r in rows) / n:6.3f} "
          f"{sum(r[2] for r in rows) / n:6.3f} {sum(r[3] for r in rows):3d} {sum(r[4] for r in rows):3d}")
