#!/usr/bin/env python3
"""Scores Pith's learned parts on pages they were never trained on.

    python3 scripts/out-of-sample.py              both protocols, all five sets
    python3 scripts/out-of-sample.py --no-dump    reuse the dumps of the last run

Two protocols, each giving every page of every set one prediction made by models that never
saw it:

- by site: the training pages are split into five folds by site (wcxb-dev's domain; every page
  of the other sets is its own site); each fold's pages are extracted with a chooser and a pruner
  trained on the other four folds.
- leave one dataset out: each set's pages are extracted with models trained on the other sets.

Pages of a set the shipped models are not trained on (see `TRAIN_SETS` in train-models.py) are
out of sample already; under "by site" they are scored with folds all the same, as a check.

Each fold's models go to `pith eval --models FILE.json --ids FILE` (src/models.rs), so the
extraction is Pith's own, not a simulation; the predictions of all folds are then scored
together by score.py, like the shipped models' in the eval gate. The models keep the shipped
hyperparameters and thresholds (chosen on out-of-fold scores by train-models.py). Where this
is not out of sample: the pruner's training blocks are those of the readings the shipped
chooser picked (one dump for all folds), a small leak; the chooser's training pages are not.

Needs what train-models.py needs (numpy, scikit-learn, a release build). Prints per set
P/R/F1 shipped, by site and leave-one-dataset-out, and writes them as JSON with --json.
"""
import argparse
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location('train_models', os.path.join(ROOT, 'scripts', 'train-models.py'))
tm = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tm)

ALL_SETS = ['readability-test-pages', 'l3s-gn1', 'wcxb-dev', 'fundus', 'defuddle']


def forest_json(model):
    nodes, roots = tm.forest_nodes(model)
    import numpy as np
    return {'n_features': int(model.n_features_in_), 'baseline': float(np.ravel(model._baseline_prediction)[0]),
            'nodes': [[int(f), int(r), float(x)] for f, r, x in nodes], 'roots': roots}


def shipped_thresholds():
    """The thresholds in the shipped model files: (choose with, against), (prune t, tp, share)."""
    def const(path, name):
        m = re.search(rf'pub const {name}: f32 = ([0-9.]+);', open(path, encoding='utf-8').read())
        return float(m.group(1))
    c = (const(tm.CHOOSE_RS, 'THRESHOLD_WITH_RULE'), const(tm.CHOOSE_RS, 'THRESHOLD_AGAINST_RULE'))
    p = (const(tm.PRUNE_RS, 'THRESHOLD'), const(tm.PRUNE_RS, 'THRESHOLD_PRECISION'),
         const(tm.PRUNE_RS, 'MAX_REMOVED_SHARE'))
    return c, p


def choice_training(score):
    """Features, labels, weights and (set, id, site) of every page's reading choice."""
    import numpy as np
    X, pages, _ = tm.load_choice(score)
    f1 = np.array([p['f1'] for p in pages])
    y = (f1[:, 1] > f1[:, 0]).astype(int)
    w = np.abs(f1[:, 1] - f1[:, 0]) * np.array([tm.SET_WEIGHT[p['set']] for p in pages]) + 1e-3
    return X, y, w, [(p['set'], p['id'], p['site']) for p in pages]


def fold_models(choice, units, keep_choice, keep_units, thresholds):
    """Models trained on the pages `keep_*` selects, as `pith eval --models` JSON."""
    import numpy as np
    (cX, cy, cw, _), (uX, uy, uw) = choice, units
    c = tm.make_choose_model()
    c.fit(cX[keep_choice], cy[keep_choice], sample_weight=cw[keep_choice])
    p = tm.make_prune_model()
    p.fit(uX[keep_units], uy[keep_units], sample_weight=uw[keep_units])
    (cwith, cagainst), (pt, ptp, pshare) = thresholds
    return {'choose': [forest_json(c), cwith, cagainst], 'prune': [forest_json(p), pt, ptp, pshare],
            }


def run_fold(pith, models, held_out, tmp, name, pred_root):
    """Extracts the held-out pages (set -> ids) with `models`, predictions into pred_root/<set>."""
    mpath = os.path.join(tmp, f'{name}.models.json')
    with open(mpath, 'w') as f:
        json.dump(models, f)
    for s, ids in held_out.items():
        if not ids:
            continue
        ipath = os.path.join(tmp, f'{name}.{s}.ids')
        with open(ipath, 'w') as f:
            f.write('\n'.join(sorted(ids)) + '\n')
        subprocess.run([pith, 'eval', os.path.join(tm.DATASETS, s), '--models', mpath, '--ids', ipath,
                        '--pred-dir', os.path.join(pred_root, s)], check=True, stdout=subprocess.DEVNULL)


def score_dir(s, pred):
    subprocess.run([sys.executable, os.path.join(tm.SHARED, 'eval', 'score.py'), os.path.join(tm.DATASETS, s),
                    pred, '--json', pred + '.json', '--n-bootstrap', '0'], check=True, capture_output=True)
    with open(pred + '.json') as f:
        m = json.load(f)['summary']
    return {k: m[k] for k in ('precision', 'recall', 'f1')}


def main():
    import numpy as np
    from sklearn.model_selection import GroupKFold
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--no-dump', action='store_true')
    ap.add_argument('--pith', default=os.path.join(ROOT, 'target', 'release', 'pith'))
    ap.add_argument('--json', help='write the figures here')
    args = ap.parse_args()
    score = tm.load_score_module()
    train_sets = list(tm.SETS)
    tm.SETS = ALL_SETS  # dump and load every set; training keeps to train_sets
    if not args.no_dump:
        tm.dump(args.pith, 'choice')
        tm.dump(args.pith, 'units')
    choice = choice_training(score)
    uX, uy, uw, ugroups, upages, _ = tm.load_units(score)
    unit_page = np.zeros(len(uy), dtype=object)
    for p in upages:
        unit_page[p['start']:p['end']] = f"{p['set']}\t{p['id']}"
    units = (uX, uy, uw)
    thresholds = shipped_thresholds()
    cpages = choice[3]
    c_train = np.array([s in train_sets for s, _, _ in cpages])
    u_train = np.array([g.split(':', 1)[0] in train_sets for g in ugroups])
    results = {}
    with tempfile.TemporaryDirectory(prefix='pith-oos-') as tmp:
        # Shipped.
        results['shipped'] = {}
        for s in ALL_SETS:
            pred = os.path.join(tmp, 'shipped', s)
            subprocess.run([args.pith, 'eval', os.path.join(tm.DATASETS, s), '--pred-dir', pred], check=True,
                           stdout=subprocess.DEVNULL)
            results['shipped'][s] = score_dir(s, pred)
        # By site: folds over the training sets' sites; other sets' pages go with the fold of
        # their own site too (each page its own site), scored by models that never saw them.
        sites = sorted({site for _, _, site in cpages})
        fold_of = {site: i % 5 for i, site in enumerate(np.random.default_rng(0).permutation(sites))}
        c_fold = np.array([fold_of[site] for _, _, site in cpages])
        u_fold = np.array([fold_of[g] for g in ugroups])
        for k in range(5):
            print(f'by site: fold {k + 1}/5', file=sys.stderr)
            models = fold_models(choice, units, c_train & (c_fold != k), u_train & (u_fold != k), thresholds)
            held = {s: [i for (ss, i, _), f in zip(cpages, c_fold) if ss == s and f == k] for s in ALL_SETS}
            run_fold(args.pith, models, held, tmp, f'site{k}', os.path.join(tmp, 'site'))
        results['by_site'] = {s: score_dir(s, os.path.join(tmp, 'site', s)) for s in ALL_SETS}
        # Leave one dataset out: train on the other sets (all four), score this one.
        for s in ALL_SETS:
            print(f'leave out {s}', file=sys.stderr)
            c_keep = np.array([ss != s for ss, _, _ in cpages])
            u_keep = np.array([g.split(':', 1)[0] != s for g in ugroups])
            models = fold_models(choice, units, c_keep, u_keep, thresholds)
            held = {s: [i for ss, i, _ in cpages if ss == s]}
            run_fold(args.pith, models, held, tmp, f'lodo-{s}', os.path.join(tmp, 'lodo'))
        results['leave_one_dataset_out'] = {s: score_dir(s, os.path.join(tmp, 'lodo', s)) for s in ALL_SETS}
    results['train_sets'] = train_sets
    print(f'models shipped trained on: {", ".join(train_sets)}')
    print(f'{"set":<24} {"shipped P/R/F1":<22} {"by site":<22} {"leave set out":<22}')
    for s in ALL_SETS:
        cells = [results[k][s] for k in ('shipped', 'by_site', 'leave_one_dataset_out')]
        print(f'{s:<24} ' + ' '.join(f'{c["precision"]:.3f}/{c["recall"]:.3f}/{c["f1"]:.3f}'.ljust(22) for c in cells))
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(results, f, indent=1)


if __name__ == '__main__':
    main()
