//! Gradient-boosted decision trees, as `scripts/train-models.py` writes them: the learned
//! parts of Pith (which reading of a page to keep, which blocks to prune) are data, walked
//! here.

/// A trained forest. Node `(feature, left, right, x)`: feature -1 is a leaf whose `x` adds to
/// the score; otherwise a feature value at or below `x` goes to `left`, else to `right`.
pub struct Forest {
    pub n_features: usize,
    pub baseline: f64,
    pub nodes: &'static [(i16, u16, u16, f64)],
    pub roots: &'static [u16],
}

impl Forest {
    /// The model's probability for a feature vector (the logistic of the summed leaves).
    pub fn probability(&self, features: &[f32]) -> f32 {
        debug_assert_eq!(features.len(), self.n_features);
        let mut raw = self.baseline;
        for &root in self.roots {
            let mut i = usize::from(root);
            // Every path ends at a leaf: the trainer writes whole trees.
            while let Some(&(feature, left, right, x)) = self.nodes.get(i) {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_to_the_leaves() {
        // One tree: feature 0 <= 0.5 -> leaf +1, else leaf -1; a second: a single leaf +0.5.
        static NODES: [(i16, u16, u16, f64); 4] = [(0, 1, 2, 0.5), (-1, 0, 0, 1.0), (-1, 0, 0, -1.0), (-1, 0, 0, 0.5)];
        let f = Forest { n_features: 1, baseline: 0.0, nodes: &NODES, roots: &[0, 3] };
        let sig = |x: f64| (1.0 / (1.0 + (-x).exp())) as f32;
        assert_eq!(f.probability(&[0.2]), sig(1.5));
        assert_eq!(f.probability(&[0.5]), sig(1.5));
        assert_eq!(f.probability(&[0.9]), sig(-0.5));
    }
}
