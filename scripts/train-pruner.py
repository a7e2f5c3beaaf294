#!/usr/bin/env python3
"""Train the block-pruning model (src/prune/) on the development datasets and write
src/prune/model.rs.

    python3 scripts/train-pruner.py                 cross-validate, then train and write model.rs
    python3 scripts/train-pruner.py --cv-only       cross-validate only (writes nothing)
    python3 scripts/train-pruner.py --no-dump       reuse the unit dumps of the last run

Needs ../shared/datasets (never copied into the repository), a release build of `pith`
(`cargo build --release`), and numpy + scikit-learn (`pip install numpy scikit-learn`); none of
this is needed to build or test Pith: model.rs is committed.

How it learns. `pith eval DATASET --dump-units F` writes, for every page, the article's text
blocks (units) before pruning, each with its feature vector (src/prune/features.rs). A unit's
label is whether its words are article text: the share of its tokens covered by a 4-token
shingle that the ground truth also has (the metric's own shingles, score.py), at least one
half. Each unit weighs its share of its page's tokens, so that every page counts the same, as
in the metric. The model is scikit-learn's histogram gradient boosting, a few hundred shallow
trees, written out as plain arrays that src/prune/model.rs walks.

How it is measured. Pages are split into folds by site (wcxb-dev's domain; every page of the
other sets is its own site), so a fold is always scored by a model that never saw its site.
Each fold's pages are pruned as Pith would prune them (units below the threshold go, unless
they hold more than MAX_REMOVED_SHARE of the article) and scored with score.py's metric. The
threshold and share are chosen on these out-of-fold scores, never on pages the model trained on.
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
SHARED = os.path.join(os.path.dirname(ROOT), 'shared')
DATASETS = os.path.join(SHARED, 'datasets')
SETS = ['readability-test-pages', 'l3s-gn1', 'wcxb-dev']
MODEL_RS = os.path.join(ROOT, 'src', 'prune', 'model.rs')
DUMP_DIR = os.path.join(tempfile.gettempdir(), 'pith-pruner-units')

TOKEN = re.compile(r'\w+', re.UNICODE)

# How much each set's blocks weigh in training. The article sets' truth is an article's text
# and nothing else, so their labels are clean; wcxb-dev's truth for pages that are not
# articles (products, forums, listings) keeps or drops prose by judgment calls a block cannot
# show, so its labels are noisier and it has ten times the blocks: left at 1, it drowns the
# clean signal.
SET_WEIGHT = {'readability-test-pages': 5.0, 'l3s-gn1': 5.0, 'wcxb-dev': 1.0}
# A threshold is acceptable only if no set loses more than this much F1 out of fold.
MAX_SET_LOSS = 0.001


def load_score_module():
    spec = importlib.util.spec_from_file_location('score', os.path.join(SHARED, 'eval', 'score.py'))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def dump_units(pith):
    os.makedirs(DUMP_DIR, exist_ok=True)
    for s in SETS:
        out = os.path.join(DUMP_DIR, s + '.jsonl')
        print(f'dumping units of {s} ...', file=sys.stderr)
        subprocess.run([pith, 'eval', os.path.join(DATASETS, s), '--dump-units', out], check=True,
                       stdout=subprocess.DEVNULL)


def site_of(dataset):
    """Page id -> site, for grouping folds."""
    sites = {}
    meta = os.path.join(DATASETS, dataset, 'meta.jsonl')
    if os.path.isfile(meta):
        for line in open(meta, encoding='utf-8'):
            if line.strip():
                o = json.loads(line)
                sites[o['id']] = o.get('domain') or o['id']
    return sites


def label_units(texts, truth_shingles):
    """Share of each unit's tokens covered by a 4-shingle found in the truth."""
    toks = [TOKEN.findall(t) for t in texts]
    stream = [w for t in toks for w in t]
    covered = [False] * len(stream)
    if len(stream) < 4:
        covered = [tuple(stream) in truth_shingles] * len(stream)
    for j in range(len(stream) - 3):
        if tuple(stream[j:j + 4]) in truth_shingles:
            for k in range(j, j + 4):
                covered[k] = True
    out, at = [], 0
    for t in toks:
        n = len(t)
        out.append(sum(covered[at:at + n]) / n if n else 0.0)
        at += n
    return out, [len(t) for t in toks]


def load(score):
    import numpy as np
    rows, labels, weights, groups, pages = [], [], [], [], []
    names = None
    for s in SETS:
        _, truths = score.load_dataset(os.path.join(DATASETS, s))
        sites = site_of(s)
        for line in open(os.path.join(DUMP_DIR, s + '.jsonl'), encoding='utf-8'):
            page = json.loads(line)
            names = names or page['names']
            pid = page['id']
            units = page['units']
            if not units or pid not in truths:
                continue
            shingles = set(tuple(g) for g in ngrams4(TOKEN.findall(truths[pid])))
            texts = [u[0] for u in units]
            exempt = [u[2] for u in units]
            cov, ntok = label_units(texts, shingles)
            total = max(1, sum(ntok))
            start = len(rows)
            for (text, feats, _), c, n in zip(units, cov, ntok):
                rows.append(feats)
                labels.append(1 if c >= 0.5 else 0)
                weights.append(SET_WEIGHT[s] * n / total)
            pages.append({'set': s, 'id': pid, 'start': start, 'end': len(rows), 'texts': texts, 'exempt': exempt,
                          'truth': truths[pid], 'site': f'{s}:{sites.get(pid, pid)}'})
            groups.extend([pages[-1]['site']] * (len(rows) - start))
    return (np.array(rows, dtype=np.float32), np.array(labels), np.array(weights), np.array(groups),
            pages, names)


def ngrams4(tokens):
    if len(tokens) < 4:
        return [tokens] if tokens else []
    return [tokens[i:i + 4] for i in range(len(tokens) - 3)]


def make_model():
    from sklearn.ensemble import HistGradientBoostingClassifier
    return HistGradientBoostingClassifier(max_iter=120, learning_rate=0.1, max_depth=4, max_leaf_nodes=12,
                                          min_samples_leaf=40, l2_regularization=1.0, random_state=0)


def pruned_text(page, probs, threshold, max_share):
    texts = page['texts']
    doomed = [p < threshold and not e for p, e in zip(probs, page['exempt'])]
    total = sum(len(t) for t in texts) or 1
    removed = sum(len(t) for t, d in zip(texts, doomed) if d)
    if removed > total * max_share:
        doomed = [False] * len(texts)
    return '\n'.join(t for t, d in zip(texts, doomed) if not d)


def score_sets(score, pages, texts):
    """Metric F1 per dataset of these predictions."""
    out = {}
    for s in SETS:
        idx = [i for i, p in enumerate(pages) if p['set'] == s]
        truths = [pages[i]['truth'] for i in idx]
        preds = [texts[i] for i in idx]
        m, _, _ = score.evaluate_tokens(truths, preds, 0, 0)
        out[s] = m['f1']
    return out


def cross_validate(score, X, y, w, groups, pages, folds=5):
    import numpy as np
    from sklearn.model_selection import GroupKFold
    probs = np.zeros(len(y))
    for k, (tr, te) in enumerate(GroupKFold(n_splits=folds).split(X, y, groups)):
        m = make_model()
        m.fit(X[tr], y[tr], sample_weight=w[tr])
        probs[te] = m.predict_proba(X[te])[:, 1]
        print(f'  fold {k + 1}/{folds} done', file=sys.stderr)
    base = score_sets(score, pages, ['\n'.join(p['texts']) for p in pages])
    print('unpruned        ', fmt(base))
    best = (0.0, 0.0, 0.5)
    for share in (0.3, 0.5, 0.7):
        for t in (0.05, 0.1, 0.15, 0.2, 0.25, 0.3):
            texts = [pruned_text(p, probs[p['start']:p['end']], t, share) for p in pages]
            r = score_sets(score, pages, texts)
            gain = sum(r[s] - base[s] for s in SETS)
            ok = all(r[s] - base[s] >= -MAX_SET_LOSS for s in SETS)
            print(f'share {share} t {t}', fmt(r), f'sum gain {gain:+.4f}', '' if ok else '(a set loses too much)')
            if ok and gain > best[0]:
                best = (gain, t, share)
    return best, probs


def fmt(r):
    return '  '.join(f'{s} {r[s]:.4f}' for s in SETS)


def export(model, names, threshold, threshold_precision, max_share, path, cv_note, X):
    import numpy as np
    baseline = float(np.ravel(model._baseline_prediction)[0])
    nodes, roots = [], []
    for predictors in model._predictors:
        tree = predictors[0]
        offset = len(nodes)
        roots.append(offset)
        for n in tree.nodes:
            if n['is_leaf']:
                nodes.append((-1, 0, 0, float(n['value'])))
            else:
                nodes.append((int(n['feature_idx']), offset + int(n['left']), offset + int(n['right']),
                              float(n['num_threshold'])))
    assert len(nodes) < 65536, 'node indices are u16'
    # Vectors with the probabilities scikit-learn gives them: model.rs's test checks the Rust
    # walk of the trees agrees.
    rng = np.random.default_rng(0)
    sample = X[rng.choice(len(X), size=8, replace=False)]
    expected = model.predict_proba(sample)[:, 1]
    lines = []
    w = lines.append
    w('//! The pruning model, written by `scripts/train-pruner.py`: do not edit by hand.')
    w('//!')
    for line in cv_note.splitlines():
        w(f'//! {line}')
    w('')
    w('/// Features each vector must have (`features::NAMES`).')
    w(f'pub const N_FEATURES: usize = {len(names)};')
    w('/// Score below which a block is removed (balanced), chosen by cross-validation.')
    w(f'pub const THRESHOLD: f32 = {threshold:.3f};')
    w('/// The same when precision is preferred.')
    w(f'pub const THRESHOLD_PRECISION: f32 = {threshold_precision:.3f};')
    w('/// Pruning that would remove more than this share of the article is not done.')
    w(f'pub const MAX_REMOVED_SHARE: f32 = {max_share:.2f};')
    w('')
    w(f'const BASELINE: f64 = {baseline!r};')
    w('')
    w('/// Gradient-boosted trees, one after another: (feature, left, right, x). A node with feature')
    w('/// -1 is a leaf whose x is added to the score; otherwise a value at or below x goes left.')
    w('#[rustfmt::skip]')
    w(f'static NODES: [(i16, u16, u16, f64); {len(nodes)}] = [')
    for feat, left, right, x in nodes:
        w(f'    ({feat}, {left}, {right}, {x!r}),')
    w('];')
    w('')
    w('#[rustfmt::skip]')
    w(f'static ROOTS: [u16; {len(roots)}] = [{", ".join(map(str, roots))}];')
    w('''
/// The probability that a block with these features is article text.
pub fn score(features: &[f32]) -> f32 {
    debug_assert_eq!(features.len(), N_FEATURES);
    let mut raw = BASELINE;
    for &root in ROOTS.iter() {
        let mut i = usize::from(root);
        loop {
            let (feature, left, right, x) = NODES[i];
            if feature < 0 {
                raw += x;
                break;
            }
            let v = features.get(feature as usize).copied().unwrap_or(0.0) as f64;
            i = usize::from(if v <= x { left } else { right });
        }
    }
    (1.0 / (1.0 + (-raw).exp())) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feature vectors and the probability scikit-learn gave each when the model was trained.
    #[rustfmt::skip]
    const CASES: &[(&[f32], f32)] = &[''')
    for v, p in zip(sample, expected):
        w(f'        (&[{", ".join(repr(float(x)) for x in v)}], {float(p)!r}),')
    w('''    ];

    #[test]
    fn agrees_with_the_trainer() {
        for (features, expected) in CASES {
            assert_eq!(features.len(), N_FEATURES);
            let got = score(features);
            assert!((got - expected).abs() < 1e-4, "{got} vs {expected}");
        }
    }

    #[test]
    fn thresholds_are_probabilities() {
        assert!(0.0 < THRESHOLD && THRESHOLD <= THRESHOLD_PRECISION && THRESHOLD_PRECISION < 1.0);
        assert!(0.0 < MAX_REMOVED_SHARE && MAX_REMOVED_SHARE < 1.0);
    }
}''')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--cv-only', action='store_true')
    ap.add_argument('--no-dump', action='store_true')
    ap.add_argument('--pith', default=os.path.join(ROOT, 'target', 'release', 'pith'))
    args = ap.parse_args()
    if not os.path.isdir(DATASETS):
        sys.exit(f'{DATASETS} not found: the model is trained on the shared development datasets')
    score = load_score_module()
    if not args.no_dump:
        dump_units(args.pith)
    X, y, w, groups, pages, names = load(score)
    print(f'{len(pages)} pages, {len(y)} units, {y.mean():.3f} article text', file=sys.stderr)
    (gain, t, share), _ = cross_validate(score, X, y, w, groups, pages)
    print(f'chosen: threshold {t}, max share {share} (out-of-fold gain {gain:+.4f})')
    if args.cv_only:
        return
    if t == 0.0:
        sys.exit('no threshold improves the sets without a loss: model.rs left as it is')
    m = make_model()
    m.fit(X, y, sample_weight=w)
    note = (f'Trained on {len(pages)} pages ({", ".join(SETS)}), {len(y)} blocks.\n'
            f'Cross-validated by site (5 folds): threshold {t}, max removed share {share}, '
            f'summed F1 gain {gain:+.4f} over the three sets.')
    export(m, names, t, min(0.9, t + 0.2), share, MODEL_RS, note, X)
    print(f'wrote {MODEL_RS}')


if __name__ == '__main__':
    main()
