#!/usr/bin/env python3
"""Train Pith's two learned parts on the development datasets and write their models:

    python3 scripts/train-models.py choose     which reading of a page to keep -> src/strategy/choose_model.rs
    python3 scripts/train-models.py prune      which blocks of the article to drop -> src/prune/model.rs
    python3 scripts/train-models.py page-type  what kind of page it is -> src/strategy/page_type_model.rs
    ... --cv-only                              cross-validate only (writes nothing)
    ... --no-dump                              reuse the dumps of the last run

Train `choose` first: `prune` learns from the articles the chosen readings give.

Needs ../shared/datasets (never copied into the repository), a release build of `pith`
(`cargo build --release`; rebuild after writing a model), and numpy + scikit-learn (`pip
install numpy scikit-learn`). None of this is needed to build or test Pith: the models are
committed as Rust source.

Both models are scikit-learn's histogram gradient boosting: a few hundred shallow trees,
written out as plain arrays that src/forest.rs walks. Both are measured the same way: pages
are split into folds by site (wcxb-dev's domain; every page of the other sets is its own
site), each fold is decided by a model that never saw its site, and the decisions are scored
with score.py's own metric. The thresholds are chosen on those out-of-fold scores only, and
only where no dataset loses more than MAX_SET_LOSS against Pith without the model.

choose: `pith eval --dump-choice` writes, for every page, the features of the choice
(src/strategy/choose.rs) and the text of both readings. The label is which reading scores the
better F1 against the truth, weighted by how much better.

prune: `pith eval --dump-units` writes, for every page, the article's text blocks (units)
before pruning, each with its feature vector (src/prune/features.rs). A unit's label is
whether its words are article text: the share of its tokens covered by a 4-token shingle that
the ground truth also has, at least one half. Each unit weighs its share of its page's tokens,
so that every page counts the same, as in the metric.
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
PRUNE_RS = os.path.join(ROOT, 'src', 'prune', 'model.rs')
CHOOSE_RS = os.path.join(ROOT, 'src', 'strategy', 'choose_model.rs')
PAGE_TYPE_RS = os.path.join(ROOT, 'src', 'strategy', 'page_type_model.rs')
DUMP_DIR = os.path.join(tempfile.gettempdir(), 'pith-training')

TOKEN = re.compile(r'\w+', re.UNICODE)

# How much each set's blocks weigh in training. The article sets' truth is an article's text
# and nothing else, so their labels are clean; wcxb-dev's truth for pages that are not
# articles (products, forums, listings) keeps or drops prose by judgment calls a block cannot
# show, so its labels are noisier and it has ten times the blocks: left at 1, it drowns the
# clean signal.
# fundus's truth is a news article's body too (captions out); defuddle's is another tool's
# reviewed output on feature pages, weighed lower.
SET_WEIGHT = {'readability-test-pages': 5.0, 'l3s-gn1': 5.0, 'wcxb-dev': 1.0, 'fundus': 5.0, 'defuddle': 2.0}
# A threshold is acceptable only if no set loses more than this much F1 out of fold.
MAX_SET_LOSS = 0.001


def load_score_module():
    spec = importlib.util.spec_from_file_location('score', os.path.join(SHARED, 'eval', 'score.py'))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def dump(pith, what):
    """`what`: 'units' or 'choice'."""
    os.makedirs(DUMP_DIR, exist_ok=True)
    for s in SETS:
        out = os.path.join(DUMP_DIR, f'{s}.{what}.jsonl')
        print(f'dumping {what} of {s} ...', file=sys.stderr)
        subprocess.run([pith, 'eval', os.path.join(DATASETS, s), f'--dump-{what}', out], check=True,
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


def dumped_pages(score, what):
    """(dataset, site, truth, dumped page) for every page of the `what` dumps with a truth."""
    for s in SETS:
        _, truths = score.load_dataset(os.path.join(DATASETS, s))
        sites = site_of(s)
        for line in open(os.path.join(DUMP_DIR, f'{s}.{what}.jsonl'), encoding='utf-8'):
            page = json.loads(line)
            if page['id'] in truths:
                yield s, f"{s}:{sites.get(page['id'], page['id'])}", truths[page['id']], page


def load_units(score):
    import numpy as np
    rows, labels, weights, groups, pages = [], [], [], [], []
    names = None
    for s, site, truth, page in dumped_pages(score, 'units'):
        names = names or page['names']
        pid = page['id']
        units = page['units']
        if not units:
            continue
        shingles = set(tuple(g) for g in ngrams4(TOKEN.findall(truth)))
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
                      'truth': truth, 'site': site})
        groups.extend([pages[-1]['site']] * (len(rows) - start))
    return (np.array(rows, dtype=np.float32), np.array(labels), np.array(weights), np.array(groups),
            pages, names)


def ngrams4(tokens):
    if len(tokens) < 4:
        return [tokens] if tokens else []
    return [tokens[i:i + 4] for i in range(len(tokens) - 3)]


def make_prune_model():
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


def cross_validate_prune(score, X, y, w, groups, pages, folds=5):
    import numpy as np
    from sklearn.model_selection import GroupKFold
    probs = np.zeros(len(y))
    for k, (tr, te) in enumerate(GroupKFold(n_splits=folds).split(X, y, groups)):
        m = make_prune_model()
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


LEAF = 255  # src/forest.rs: the `feature` of a leaf


def f32_down(x):
    """The largest f32 at or below `x`: for any f32 feature value v, `v <= f32_down(x)`
    exactly when `v <= x`, so a threshold written this way decides as scikit-learn does."""
    import numpy as np
    y = np.float32(x)
    if float(y) > x:
        y = np.nextafter(y, np.float32(-np.inf))
    return float(y)


def f32_near(x):
    import numpy as np
    return float(np.float32(x))


def f32_literal(x):
    """The shortest decimal that reads back as the same f32 (numpy prints float32 so)."""
    import numpy as np
    text = repr(float(np.format_float_positional(np.float32(x), unique=True, trim='0')))
    assert np.float32(float(text)) == np.float32(x)
    return text


def compact_nodes(nodes):
    """[(feature or -1, left, right, threshold or leaf value)] as written by scikit-learn, depth
    first, to src/forest.rs's [(feature or LEAF, right, x as f32)]: a split's left child must be
    the next node."""
    out = []
    for i, (feat, left, right, x) in enumerate(nodes):
        if feat < 0:
            out.append((LEAF, 0, f32_near(x)))
        else:
            assert left == i + 1, f'node {i}: the left child is not the next node'
            assert 0 <= feat < LEAF, 'feature indices are u8'
            assert right < 65536, 'node indices are u16'
            out.append((feat, right, f32_down(x)))
    return out


def forest_nodes(model, k=0):
    """The trees of class `k` of a fitted HistGradientBoostingClassifier, as src/forest.rs nodes."""
    nodes, roots = [], []
    for predictors in model._predictors:
        tree = predictors[k]
        offset = len(nodes)
        roots.append(offset)
        for n in tree.nodes:
            if n['is_leaf']:
                nodes.append((-1, 0, 0, float(n['value'])))
            else:
                nodes.append((int(n['feature_idx']), offset + int(n['left']), offset + int(n['right']),
                              float(n['num_threshold'])))
    return compact_nodes(nodes), roots


def export(path, model, note, consts, X, rust_test):
    """Writes `model` as a `Forest` with `consts` [(name, rust type, value, doc)], and a test
    that the Rust walk agrees with scikit-learn on a few of the training vectors."""
    import numpy as np
    baseline = float(np.ravel(model._baseline_prediction)[0])
    nodes, roots = forest_nodes(model)
    rng = np.random.default_rng(0)
    sample = X[rng.choice(len(X), size=min(8, len(X)), replace=False)]
    expected = model.predict_proba(sample)[:, 1]
    lines = []
    w = lines.append
    w('//! Written by `scripts/train-models.py`: do not edit by hand.')
    w('//!')
    for line in note.splitlines():
        w(f'//! {line}'.rstrip())
    w('')
    w('use crate::forest::{Forest, LEAF};')
    w('')
    for name, ty, value, doc in consts:
        w(f'/// {doc}')
        w(f'pub const {name}: {ty} = {value};')
    w('')
    w('#[rustfmt::skip]')
    w(f'static NODES: [(u8, u16, f32); {len(nodes)}] = [')
    for feat, right, x in nodes:
        w(f'    ({"LEAF" if feat == LEAF else feat}, {right}, {f32_literal(x)}),')
    w('];')
    w('')
    w('#[rustfmt::skip]')
    w(f'static ROOTS: [u16; {len(roots)}] = [{", ".join(map(str, roots))}];')
    w('')
    w(f'pub static MODEL: Forest = Forest {{ n_features: {X.shape[1]}, baseline: {baseline!r}, nodes: &NODES, roots: &ROOTS }};')
    w('')
    w('#[cfg(test)]')
    w('mod tests {')
    w('    use super::*;')
    w('')
    w('    /// Feature vectors and the probability scikit-learn gave each when the model was trained.')
    w('    #[rustfmt::skip]')
    w('    const CASES: &[(&[f32], f32)] = &[')
    for v, p in zip(sample, expected):
        w(f'        (&[{", ".join(f32_literal(x) for x in v)}], {f32_literal(p)}),')
    w('    ];')
    w('')
    w('    #[test]')
    w('    fn agrees_with_the_trainer() {')
    w('        for (features, expected) in CASES {')
    w('            let got = MODEL.probability(features);')
    w('            assert!((got - expected).abs() < 1e-4, "{got} vs {expected}");')
    w('        }')
    w('    }')
    w('')
    w(rust_test)
    w('}')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')


# --- choose ---------------------------------------------------------------------------

def make_choose_model():
    from sklearn.ensemble import HistGradientBoostingClassifier
    return HistGradientBoostingClassifier(max_iter=150, learning_rate=0.05, max_depth=3, max_leaf_nodes=8,
                                          min_samples_leaf=20, l2_regularization=1.0, random_state=0)


def load_choice(score):
    import numpy as np
    rows, pages, names = [], [], None
    for s, site, truth, page in dumped_pages(score, 'choice'):
        names = names or page['names']
        pid = page['id']
        f1 = []
        for text in (page['article'], page['region']):
            tp, fp, fn = score.string_shingle_matching(truth, text)
            p, r = score.precision_score(tp, fp, fn), score.recall_score(tp, fp, fn)
            f1.append(2 * p * r / (p + r) if p + r else 0.0)
        rows.append(page['features'])
        pages.append({'set': s, 'id': pid, 'site': site, 'truth': truth,
                      'article': page['article'], 'region': page['region'], 'f1': f1})
    return np.array(rows, dtype=np.float32), pages, names


def rule_prefers_region(features, names):
    """The fixed rule the model replaces: fewer than three prose paragraphs, under half the
    region's text."""
    return features[names.index('a_prose')] < 3 and features[names.index('len_ratio')] < 0.5


# src/strategy/choose.rs `is_clear_article`: readings this clearly an article skip the model.
CLEAR_ARTICLE = (10, 0.7)


def clear_article(features, names):
    return (features[names.index('a_prose')] >= CLEAR_ARTICLE[0]
            and features[names.index('a_prose_share')] >= CLEAR_ARTICLE[1])


def choose_texts(pages, region_wanted):
    return [p['region'] if r and p['region'].strip() else p['article'] for p, r in zip(pages, region_wanted)]


def train_choose(score, args):
    import numpy as np
    from sklearn.model_selection import GroupKFold
    if not args.no_dump:
        dump(args.pith, 'choice')
    X, pages, names = load_choice(score)
    f1 = np.array([p['f1'] for p in pages])
    y = (f1[:, 1] > f1[:, 0]).astype(int)
    w = np.abs(f1[:, 1] - f1[:, 0]) * np.array([SET_WEIGHT[p['set']] for p in pages]) + 1e-3
    groups = np.array([p['site'] for p in pages])
    print(f'{len(pages)} pages; the region reading is better on {y.sum()}', file=sys.stderr)
    probs = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=5).split(X, y, groups):
        m = make_choose_model()
        m.fit(X[tr], y[tr], sample_weight=w[tr])
        probs[te] = m.predict_proba(X[te])[:, 1]
    base = score_sets(score, pages, choose_texts(pages, [rule_prefers_region(x, names) for x in X]))
    print('fixed rule      ', fmt(base))
    with open(os.path.join(DUMP_DIR, 'choose.cv.json'), 'w') as f:
        json.dump([{'set': p['set'], 'id': p['id'], 'f1': p['f1'], 'prob': float(q),
                    'rule': bool(rule_prefers_region(x, names))} for p, q, x in zip(pages, probs, X)], f)
    rule = [rule_prefers_region(x, names) for x in X]
    best = None
    for hi in (0.5, 0.6, 0.7, 0.8, 0.9):
        for lo in (0.1, 0.2, 0.3, 0.4, 0.5):
            want = [q > (lo if r else hi) for q, r in zip(probs, rule)]
            r = score_sets(score, pages, choose_texts(pages, want))
            gain = sum(r[s] - base[s] for s in SETS)
            ok = all(r[s] - base[s] >= -MAX_SET_LOSS for s in SETS)
            print(f'against {hi} with {lo}', fmt(r), f'sum gain {gain:+.4f}', '' if ok else '(a set loses too much)')
            if ok and (best is None or gain > best[0]):
                best = (gain, hi, lo, r)
    if best is None or best[0] <= 0:
        sys.exit('no thresholds beat the fixed rule without a loss: choose_model.rs left as it is')
    gain, hi, lo, r = best
    print(f'chosen: against the rule {hi}, with it {lo} (out-of-fold gain {gain:+.4f})')
    shortcut = sum(1 for x, q, ru in zip(X, probs, rule) if clear_article(x, names) and q > (lo if ru else hi))
    print(f'clear articles (skipping the model) the model would have read as regions: {shortcut}')
    if shortcut:
        print('  warning: the shortcut in src/strategy/choose.rs changes these decisions; tighten CLEAR_ARTICLE')
    if args.cv_only:
        return
    m = make_choose_model()
    m.fit(X, y, sample_weight=w)
    per_set = ', '.join(f'{s} {r[s] - base[s]:+.4f}' for s in SETS)
    note = (f'Which reading of a page to keep (src/strategy/choose.rs). Trained on {len(pages)} pages of\n'
            f'{", ".join(SETS)}; cross-validated by site (5 folds) against the fixed rule it\n'
            f'corrects: thresholds {hi} against the rule, {lo} with it; F1 {per_set}.')
    consts = [
        ('THRESHOLD_WITH_RULE', 'f32', f'{lo:.3f}', 'Where the rule says "region", the region reading is kept above this probability.'),
        ('THRESHOLD_AGAINST_RULE', 'f32', f'{hi:.3f}', 'Where the rule says "article", the region reading is kept above this one.'),
    ]
    test = '''    #[test]
    fn has_every_feature() {
        assert_eq!(MODEL.n_features, crate::strategy::choose::NAMES.len());
        const { assert!(THRESHOLD_WITH_RULE <= THRESHOLD_AGAINST_RULE) };
    }'''
    export(CHOOSE_RS, m, note, consts, X, test)
    print(f'wrote {CHOOSE_RS}')


# --- prune ----------------------------------------------------------------------------

def train_prune(score, args):
    if not args.no_dump:
        dump(args.pith, 'units')
    X, y, w, groups, pages, names = load_units(score)
    print(f'{len(pages)} pages, {len(y)} units, {y.mean():.3f} article text', file=sys.stderr)
    (gain, t, share), _ = cross_validate_prune(score, X, y, w, groups, pages)
    print(f'chosen: threshold {t}, max share {share} (out-of-fold gain {gain:+.4f})')
    if args.cv_only:
        return
    if t == 0.0:
        sys.exit('no threshold improves the sets without a loss: model.rs left as it is')
    m = make_prune_model()
    m.fit(X, y, sample_weight=w)
    note = (f'Which blocks of an article to drop (src/prune/). Trained on {len(pages)} pages of\n'
            f'{", ".join(SETS)}, {len(y)} blocks; cross-validated by site (5 folds): threshold {t},\n'
            f'max removed share {share}, summed F1 gain {gain:+.4f} over the three sets.')
    consts = [
        ('THRESHOLD', 'f32', f'{t:.3f}', 'Score below which a block is removed (balanced), chosen by cross-validation.'),
        ('THRESHOLD_PRECISION', 'f32', f'{min(0.9, t + 0.2):.3f}', 'The same when precision is preferred.'),
        ('MAX_REMOVED_SHARE', 'f32', f'{share:.2f}', 'Pruning that would remove more than this share of the article is not done.'),
    ]
    test = '''    #[test]
    fn has_every_feature_and_sane_thresholds() {
        assert_eq!(MODEL.n_features, super::super::features::NAMES.len());
        const { assert!(0.0 < THRESHOLD && THRESHOLD <= THRESHOLD_PRECISION && THRESHOLD_PRECISION < 1.0) };
        const { assert!(0.0 < MAX_REMOVED_SHARE && MAX_REMOVED_SHARE < 1.0) };
    }'''
    export(PRUNE_RS, m, note, consts, X, test)
    print(f'wrote {PRUNE_RS}')


# --- page type ------------------------------------------------------------------------

# src/strategy/page_type.rs `PageType::ALL`, in order.
PAGE_TYPES = ['article', 'forum', 'documentation', 'service', 'product', 'listing', 'collection']
# Sets whose every page is a news or blog article: their pages are labelled `article`.
ARTICLE_SETS = ['l3s-gn1', 'fundus']


def make_page_type_model():
    from sklearn.ensemble import HistGradientBoostingClassifier
    return HistGradientBoostingClassifier(max_iter=40, learning_rate=0.1, max_depth=3, max_leaf_nodes=8,
                                          min_samples_leaf=10, l2_regularization=1.0, random_state=0)


def load_page_types(args):
    """Features, labels and sites: wcxb-dev's labelled pages and the article sets' pages."""
    import numpy as np
    rows, labels, groups, names = [], [], [], None
    for s in ['wcxb-dev'] + ARTICLE_SETS:
        out = os.path.join(DUMP_DIR, f'{s}.page.jsonl')
        if not args.no_dump:
            os.makedirs(DUMP_DIR, exist_ok=True)
            print(f'dumping page features of {s} ...', file=sys.stderr)
            subprocess.run([args.pith, 'eval', os.path.join(DATASETS, s), '--dump-page', out], check=True,
                           stdout=subprocess.DEVNULL)
        meta = {}
        mp = os.path.join(DATASETS, s, 'meta.jsonl')
        for line in open(mp, encoding='utf-8'):
            if line.strip():
                o = json.loads(line)
                meta[o['id']] = o
        for line in open(out, encoding='utf-8'):
            page = json.loads(line)
            names = names or page['names']
            m = meta.get(page['id'], {})
            kind = m.get('page_type', 'article') if s == 'wcxb-dev' else 'article'
            if kind not in PAGE_TYPES:
                continue
            rows.append(page['features'])
            labels.append(PAGE_TYPES.index(kind))
            groups.append(f"{s}:{m.get('domain') or page['id']}")
    return np.array(rows, dtype=np.float32), np.array(labels), np.array(groups), names


def fit_page_types(X, y):
    """One model per type (that type against the others)."""
    models = []
    for k in range(len(PAGE_TYPES)):
        m = make_page_type_model()
        m.fit(X, (y == k).astype(int))
        models.append(m)
    return models


def train_page_type(args):
    import numpy as np
    from sklearn.model_selection import GroupKFold
    X, y, groups, names = load_page_types(args)
    probs = np.zeros((len(y), len(PAGE_TYPES)))
    for tr, te in GroupKFold(n_splits=5).split(X, y, groups):
        for k, m in enumerate(fit_page_types(X[tr], y[tr])):
            probs[te, k] = m.predict_proba(X[te])[:, 1]
    pred = probs.argmax(1)
    wcxb = np.array([g.startswith('wcxb-dev:') for g in groups])
    acc = (pred[wcxb] == y[wcxb]).mean()
    art = ((pred[wcxb] == 0) == (y[wcxb] == 0)).mean()
    print(f'{len(y)} pages; out of fold (5 folds by site): wcxb-dev type accuracy {acc:.3f}, '
          f'article or not {art:.3f}, article sets read as articles {(pred[~wcxb] == 0).mean():.3f}')
    print('truth \\ predicted ' + ' '.join(f'{t[:6]:>6}' for t in PAGE_TYPES))
    for i, t in enumerate(PAGE_TYPES):
        row = [int(((y == i) & (pred == j) & wcxb).sum()) for j in range(len(PAGE_TYPES))]
        print(f'{t:<18} ' + ' '.join(f'{n:>6}' for n in row))
    if args.cv_only:
        return
    models = fit_page_types(X, y)
    export_page_types(models, names, X, acc, art)
    print(f'wrote {PAGE_TYPE_RS}')


def export_page_types(models, names, X, acc, art):
    import numpy as np
    lines = []
    w = lines.append
    w('//! Written by `scripts/train-models.py page-type`: do not edit by hand.')
    w('//!')
    w(f'//! What kind of page it is (src/strategy/page_type.rs): one model per type against the others,')
    w(f'//! trained on {len(X)} pages (wcxb-dev labelled, {", ".join(ARTICLE_SETS)} as articles). Out of fold')
    w(f'//! (5 folds by site): wcxb-dev type accuracy {acc:.3f}, article or not {art:.3f}.')
    w('')
    w('use crate::forest::{Forest, LEAF};')
    w('')
    samples = X[np.random.default_rng(0).choice(len(X), size=min(4, len(X)), replace=False)]
    for k, (t, m) in enumerate(zip(PAGE_TYPES, models)):
        nodes, roots = forest_nodes(m)
        up = t.upper()
        w('#[rustfmt::skip]')
        w(f'static {up}_NODES: [(u8, u16, f32); {len(nodes)}] = [')
        for feat, right, x in nodes:
            w(f'    ({"LEAF" if feat == LEAF else feat}, {right}, {f32_literal(x)}),')
        w('];')
        w('#[rustfmt::skip]')
        w(f'static {up}_ROOTS: [u16; {len(roots)}] = [{", ".join(map(str, roots))}];')
        w('')
    w('/// The models, in the order of `PageType::ALL`.')
    w('pub static MODELS: [Forest; 7] = [')
    for t, m in zip(PAGE_TYPES, models):
        up = t.upper()
        baseline = float(np.ravel(m._baseline_prediction)[0])
        w(f'    Forest {{ n_features: {X.shape[1]}, baseline: {baseline!r}, nodes: &{up}_NODES, roots: &{up}_ROOTS }},')
    w('];')
    w('')
    w('#[cfg(test)]')
    w('mod tests {')
    w('    use super::*;')
    w('')
    w('    /// Feature vectors and the probability scikit-learn gave each, per type.')
    w('    #[rustfmt::skip]')
    w('    const CASES: &[(&[f32], [f32; 7])] = &[')
    for v in samples:
        ps = [m.predict_proba(v.reshape(1, -1))[0, 1] for m in models]
        w(f'        (&[{", ".join(f32_literal(x) for x in v)}], [{", ".join(f32_literal(p) for p in ps)}]),')
    w('    ];')
    w('')
    w('    #[test]')
    w('    fn agrees_with_the_trainer() {')
    w('        for (features, expected) in CASES {')
    w('            for (model, want) in MODELS.iter().zip(expected) {')
    w('                let got = model.probability(features);')
    w('                assert!((got - want).abs() < 1e-4, "{got} vs {want}");')
    w('            }')
    w('        }')
    w('    }')
    w('')
    w('    #[test]')
    w('    fn has_every_feature() {')
    w('        for m in &MODELS {')
    w('            assert_eq!(m.n_features, crate::strategy::page_type::names().len());')
    w('        }')
    w('    }')
    w('}')
    with open(PAGE_TYPE_RS, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('model', choices=['choose', 'prune', 'page-type'])
    ap.add_argument('--cv-only', action='store_true')
    ap.add_argument('--no-dump', action='store_true')
    ap.add_argument('--pith', default=os.path.join(ROOT, 'target', 'release', 'pith'))
    args = ap.parse_args()
    if not os.path.isdir(DATASETS):
        sys.exit(f'{DATASETS} not found: the models are trained on the shared development datasets')
    if args.model == 'page-type':
        return train_page_type(args)
    score = load_score_module()
    if args.model == 'choose':
        train_choose(score, args)
    else:
        train_prune(score, args)


if __name__ == '__main__':
    main()
