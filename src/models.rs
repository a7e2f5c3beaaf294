//! The learned parts of Pith as one set: which reading to keep (`strategy::choose`), what kind
//! of page it is (`strategy::page_type`) and which blocks to prune (`prune`). Extraction uses
//! the shipped set; `pith eval --models FILE` replaces parts of it with models trained
//! elsewhere, which is how `scripts/train-models.py` scores a model on pages it never saw
//! (folds by site, and one dataset left out).

use crate::forest::{Forest, OwnedForest};
use std::sync::Arc;

/// The models an extraction uses, with their thresholds.
#[derive(Debug, Clone, Copy)]
pub struct Models<'a> {
    pub choose: Forest<'a>,
    /// Where the fixed rule says "region", the region reading is kept above this probability.
    pub choose_with_rule: f32,
    /// Where the fixed rule says "article", the region reading is kept above this one.
    pub choose_against_rule: f32,
    pub prune: Forest<'a>,
    /// Blocks scoring below this are removed (balanced).
    pub prune_threshold: f32,
    /// The same when precision is preferred.
    pub prune_threshold_precision: f32,
    /// Pruning that would remove more than this share of the article is not done.
    pub prune_max_share: f32,
}
// The page-type models (`strategy::page_type_model::MODELS`, read by `page_type::classify`)
// are not in this set while extraction does not classify: carried here, they were linked
// into every build, 31 KB of the wasm's data for nothing. The stage that comes to use them
// adds them back.

/// The models trained into this build.
pub fn shipped() -> Models<'static> {
    use crate::prune::model as p;
    use crate::strategy::choose_model as c;
    Models {
        choose: c::MODEL,
        choose_with_rule: c::THRESHOLD_WITH_RULE,
        choose_against_rule: c::THRESHOLD_AGAINST_RULE,
        prune: p::MODEL,
        prune_threshold: p::THRESHOLD,
        prune_threshold_precision: p::THRESHOLD_PRECISION,
        prune_max_share: p::MAX_REMOVED_SHARE,
    }
}

/// Models given at run time; each part left out is the shipped one.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct OwnedModels {
    /// The chooser and its two thresholds (with the rule, against it).
    pub choose: Option<(OwnedForest, f32, f32)>,
    /// The pruner and its thresholds (balanced, precision) and largest share removed.
    pub prune: Option<(OwnedForest, f32, f32, f32)>,
    /// Read from the file, not used yet (see `Models`).
    pub page_type: Option<Vec<OwnedForest>>,
}

/// `Options::models`: shared, compared by identity.
#[derive(Debug, Clone)]
pub struct ModelOverride(pub Arc<OwnedModels>);

impl PartialEq for ModelOverride {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl OwnedModels {
    /// The shipped set with these parts in place of its own.
    pub fn over<'a>(&'a self, mut m: Models<'a>) -> Models<'a> {
        if let Some((f, with, against)) = &self.choose {
            m.choose = f.view();
            m.choose_with_rule = *with;
            m.choose_against_rule = *against;
        }
        if let Some((f, t, tp, share)) = &self.prune {
            m.prune = f.view();
            m.prune_threshold = *t;
            m.prune_threshold_precision = *tp;
            m.prune_max_share = *share;
        }
        m
    }
}
