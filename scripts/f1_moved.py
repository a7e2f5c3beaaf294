#!/usr/bin/env python3
"""Pages whose F1 moved by more than a threshold between two versions of the per-page results
(tests/eval-pages/<set>.tsv, kept by `make eval-pages`).

usage: python3 scripts/f1_moved.py [OLD [NEW]] [--min 0.05]

OLD and NEW are git revisions (default: HEAD against the working tree, i.e. what the uncommitted
`make eval-pages` changed); `python3 scripts/f1_moved.py main~3 main` compares two commits.
Prints set, id, old F1, new F1 and the change, largest changes first, then a count per set.
"""
import argparse
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIR = "tests/eval-pages"


def read(rev, path):
    """The file at a git revision, or in the working tree when rev is None."""
    if rev is None:
        full = os.path.join(ROOT, path)
        return open(full, encoding="utf-8").read() if os.path.isfile(full) else ""
    r = subprocess.run(["git", "-C", ROOT, "show", f"{rev}:{path}"], capture_output=True, text=True)
    return r.stdout if r.returncode == 0 else ""


def sets(rev):
    if rev is None:
        full = os.path.join(ROOT, DIR)
        return sorted(f for f in os.listdir(full) if f.endswith(".tsv")) if os.path.isdir(full) else []
    r = subprocess.run(["git", "-C", ROOT, "ls-tree", "--name-only", f"{rev}:{DIR}"], capture_output=True, text=True)
    return sorted(f for f in r.stdout.split() if f.endswith(".tsv"))


def f1s(text):
    out = {}
    for line in text.splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 4:
            out[parts[0]] = float(parts[3])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old", nargs="?", default="HEAD")
    ap.add_argument("new", nargs="?", default=None)
    ap.add_argument("--min", type=float, default=0.05, help="smallest change of F1 to print")
    a = ap.parse_args()
    total = 0
    for name in sorted(set(sets(a.old)) | set(sets(a.new))):
        old, new = f1s(read(a.old, f"{DIR}/{name}")), f1s(read(a.new, f"{DIR}/{name}"))
        moved = [(new.get(i, 0.0) - old.get(i, 0.0), i) for i in sorted(set(old) | set(new))]
        moved = [(d, i) for d, i in moved if abs(d) > a.min]
        moved.sort(key=lambda x: -abs(x[0]))
        label = name[:-4]
        for d, i in moved:
            print(f"{label}\t{i}\t{old.get(i, 0.0):.4f}\t{new.get(i, 0.0):.4f}\t{d:+.4f}")
        if moved:
            up = sum(1 for d, _ in moved if d > 0)
            print(f"# {label}: {len(moved)} pages moved by more than {a.min}: {up} up, {len(moved) - up} down",
                  file=sys.stderr)
        total += len(moved)
    if total == 0:
        print(f"# no page moved by more than {a.min}", file=sys.stderr)


if __name__ == "__main__":
    main()
