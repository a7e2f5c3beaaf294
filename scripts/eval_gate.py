#!/usr/bin/env python3
"""The evaluation gate: runs `pith eval` on every development dataset in ../shared/datasets,
checks that its precision, recall and F1 agree with the reference scorer
(../shared/eval/score.py, run on the same predictions) to within 0.001, and that F1 is at or
above the floor pinned in tests/eval-floors.json, and that the per-page results kept in
tests/eval-pages/<set>.tsv (id, precision, recall, F1: what a reviewer diffs between two
commits, see scripts/f1_moved.py) are the ones this build gives. The metadata gets the same
treatment: `pith eval`'s accuracy and invented rate per field must agree with the reference
metadata scorer (../shared/eval/meta_score.py, on the same predictions) to within 0.001, each
accuracy must stay at or above its floor and each invented rate at or below its ceiling
(tests/meta-floors.json). Exits non-zero on any failure.

usage: scripts/eval_gate.py [--pith target/release/pith] [--shared ../shared] [--write-pages]

--write-pages rewrites tests/eval-pages/ from this build instead of checking it (`make eval-pages`).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pith", default=os.path.join(ROOT, "target", "release", "pith"))
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(ROOT), "shared"))
    ap.add_argument("--write-pages", action="store_true", help="rewrite tests/eval-pages/ instead of checking it")
    a = ap.parse_args()

    datasets_dir = os.path.join(a.shared, "datasets")
    scorer = os.path.join(a.shared, "eval", "score.py")
    meta_scorer = os.path.join(a.shared, "eval", "meta_score.py")
    if not os.path.isdir(datasets_dir):
        print("#" * 72)
        print(f"### eval gate SKIPPED: {datasets_dir} does not exist (no datasets on this machine)")
        print("#" * 72)
        return 0
    for path in (scorer, meta_scorer):
        if not os.path.isfile(path):
            print(f"eval gate: the reference scorer {path} is missing", file=sys.stderr)
            return 1
    if not os.access(a.pith, os.X_OK):
        print(f"eval gate: {a.pith} is not built (cargo build --release)", file=sys.stderr)
        return 1
    with open(os.path.join(ROOT, "tests", "eval-floors.json"), encoding="utf-8") as f:
        floors = {k: v for k, v in json.load(f).items() if not k.startswith("_")}
    with open(os.path.join(ROOT, "tests", "meta-floors.json"), encoding="utf-8") as f:
        meta_floors = {k: v for k, v in json.load(f).items() if not k.startswith("_")}

    failures = []
    for name, floor in sorted(floors.items()):
        ds = os.path.join(datasets_dir, name)
        if not os.path.isdir(ds):
            failures.append(f"{name}: dataset missing from {datasets_dir}")
            continue
        with tempfile.TemporaryDirectory(prefix=f"pith-eval-{name}-") as tmp:
            pred = os.path.join(tmp, "pred")
            ours_json = os.path.join(tmp, "pith.json")
            ref_json = os.path.join(tmp, "ref.json")
            pages = os.path.join(tmp, "pages.tsv")
            subprocess.run([a.pith, "eval", ds, "--pred-dir", pred, "--json", ours_json, "--pages", pages], check=True)
            failures += check_pages(name, pages, a.write_pages)
            subprocess.run([sys.executable, scorer, ds, pred, "--json", ref_json, "--n-bootstrap", "0"],
                           check=True, stdout=subprocess.DEVNULL)
            meta_ref_json = os.path.join(tmp, "meta-ref.json")
            subprocess.run([sys.executable, meta_scorer, ds, pred, "--json", meta_ref_json],
                           check=True, stdout=subprocess.DEVNULL)
            with open(ours_json, encoding="utf-8") as f:
                ours_all = json.load(f)
            ours = ours_all["summary"]
            with open(ref_json, encoding="utf-8") as f:
                ref = json.load(f)["summary"]
            with open(meta_ref_json, encoding="utf-8") as f:
                meta_ref = json.load(f)["fields"]
        failures += check_metadata(name, ours_all.get("metadata", {}), meta_ref, meta_floors.get(name, {}))
        for k in ("precision", "recall", "f1"):
            if abs(ours[k] - ref[k]) > 0.001:
                failures.append(f"{name}: pith eval {k} {ours[k]:.4f} disagrees with score.py {ref[k]:.4f}")
        status = "ok" if ref["f1"] >= floor else "BELOW FLOOR"
        print(f"    gate {name:<24} F1 {ref['f1']:.4f} (score.py) vs pith {ours['f1']:.4f}, floor {floor:.3f}: {status}")
        if ref["f1"] < floor:
            failures.append(f"{name}: F1 {ref['f1']:.4f} is below the floor {floor:.3f}")
    if failures:
        print("eval gate FAILED:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    print("eval gate passed")
    return 0


def check_metadata(name, ours, ref, floors):
    """Agreement with meta_score.py per field, then the floors (accuracy) and ceilings (invented)."""
    failures = []
    for field, r in ref.items():
        if r.get("provided") is False:
            continue
        o = ours.get(field, {})
        for k in ("acc", "invented_rate"):
            a, b = o.get(k), r.get(k)
            if (a is None) != (b is None) or (a is not None and abs(a - b) > 0.001):
                failures.append(f"{name}: pith eval metadata {field} {k} {a} disagrees with meta_score.py {b}")
    shown = []
    for field, bounds in sorted(floors.items()):
        r = ref.get(field, {})
        acc, inv = r.get("acc"), r.get("invented_rate")
        if "acc" in bounds and (acc is None or acc < bounds["acc"]):
            failures.append(f"{name}: metadata {field} accuracy {acc} is below the floor {bounds['acc']}")
        if "invented" in bounds and inv is not None and inv > bounds["invented"]:
            failures.append(f"{name}: metadata {field} invented {inv} is above the ceiling {bounds['invented']}")
        shown.append(f"{field} {acc if acc is not None else '-'}" + (f"/inv {inv}" if inv is not None else ""))
    if shown:
        print(f"    gate {name:<24} metadata (meta_score.py): " + "  ".join(shown))
    return failures


def check_pages(name, produced, write):
    """Compares (or, with write, replaces) the kept per-page results of one set."""
    kept = os.path.join(ROOT, "tests", "eval-pages", f"{name}.tsv")
    with open(produced, encoding="utf-8") as f:
        new = f.read()
    if write:
        os.makedirs(os.path.dirname(kept), exist_ok=True)
        with open(kept, "w", encoding="utf-8") as f:
            f.write(new)
        return []
    old = open(kept, encoding="utf-8").read() if os.path.isfile(kept) else ""
    if old == new:
        return []
    moved = sum(1 for a, b in zip(old.splitlines(), new.splitlines()) if a != b) + abs(
        len(old.splitlines()) - len(new.splitlines()))
    return [f"{name}: tests/eval-pages/{name}.tsv is stale ({moved} pages differ): run `make eval-pages`, "
            "review `python3 scripts/f1_moved.py` and commit it with the change"]


if __name__ == "__main__":
    sys.exit(main())
