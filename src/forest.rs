//! Gradient-boosted decision trees, as `scripts/train-models.py` writes them: the learned
//! parts of Pith (which reading of a page to keep, which blocks to prune) are data, walked
//! here.

/// `feature` of a leaf node.
pub const LEAF: u8 = u8::MAX;

/// A trained forest. Trees are stored depth first (a split's left child is the next node).
/// Node `(feature, right, x)`: feature [`LEAF`] is a leaf whose `x` adds to the score;
/// otherwise a feature value at or below `x` goes to the next node, else to node `right`.
///
/// Eight bytes a node (the WebAssembly module carries every one): the trainer's thresholds
/// lie between two f32 feature values and are written rounded down to an f32, which makes
/// `value <= x` decide exactly as the trainer's f64 comparison does; the leaves are rounded
/// to the nearest f32 (a relative change of at most 6e-8 in each tree's output).
#[derive(Debug, Clone, Copy)]
pub struct Forest<'a> {
    pub n_features: usize,
    pub baseline: f64,
    pub nodes: &'a [(u8, u16, f32)],
    pub roots: &'a [u16],
}

/// A forest read at run time (`pith eval --models`, to measure models on pages they were not
/// trained on); the shipped ones are statics in the `*_model.rs` files.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct OwnedForest {
    pub n_features: usize,
    pub baseline: f64,
    pub nodes: Vec<(u8, u16, f32)>,
    pub roots: Vec<u16>,
}

impl OwnedForest {
    pub fn view(&self) -> Forest<'_> {
        Forest { n_features: self.n_features, baseline: self.baseline, nodes: &self.nodes, roots: &self.roots }
    }
}

impl Forest<'_> {
    /// The model's probability for a feature vector (the logistic of the summed leaves).
    pub fn probability(&self, features: &[f32]) -> f32 {
        debug_assert_eq!(features.len(), self.n_features);
        let mut raw = self.baseline;
        for &root in self.roots {
            let mut i = usize::from(root);
            // Every path ends at a leaf: the trainer writes whole trees.
            while let Some(&(feature, right, x)) = self.nodes.get(i) {
                if feature == LEAF {
                    raw += f64::from(x);
                    break;
                }
                let v = features.get(usize::from(feature)).copied().unwrap_or(0.0);
                i = if v <= x { i + 1 } else { usize::from(right) };
            }
        }
        (1.0 / (1.0 + (-raw).exp())) as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_to_the_leaves() {
        // One tree: feature 0 <= 0.5 -> leaf +1, else leaf -1; a second: a single leaf +0.5.
        static NODES: [(u8, u16, f32); 4] = [(0, 2, 0.5), (LEAF, 0, 1.0), (LEAF, 0, -1.0), (LEAF, 0, 0.5)];
        let f = Forest { n_features: 1, baseline: 0.0, nodes: &NODES, roots: &[0, 3] };
        let sig = |x: f64| (1.0 / (1.0 + (-x).exp())) as f32;
        assert_eq!(f.probability(&[0.2]), sig(1.5));
        assert_eq!(f.probability(&[0.5]), sig(1.5));
        assert_eq!(f.probability(&[0.9]), sig(-0.5));
    }
}
