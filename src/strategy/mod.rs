//! Which reading of the page to trust.
//!
//! The locate stage can read a page two ways: the article reading (paragraph scoring under a
//! set of strict rules, `locate::locate`, then `clean::clean`) and the region reading (the
//! page's main region minus its furniture, `locate::locate_region`). This stage decides
//! which to run and which to keep: the strict rules first, looser ones while the article
//! comes out short, and the region reading where a learned chooser (`choose`) says the page is
//! not one article. It is the only stage that runs others more than once; each attempt works
//! on its own copy of the prepared page, so the copies share node ids and can be compared.

pub mod choose;
mod contain;
pub(crate) mod choose_model;
pub mod page_type;
pub(crate) mod page_type_model;
mod signed;
mod stories;

pub use signed::drop_signed_comments;
pub use stories::drop_appended_stories;

use crate::article::{Favor, Options};
use crate::dom::measure::text_len;
use crate::dom::{Dom, NodeId};
use crate::locate::{self, Flags};
use crate::metadata::Metadata;
use crate::models::Models;
use crate::prepare::Prepared;
use crate::{clean, render};

/// Articles shorter than this (characters of text) make the next, less strict attempt run.
const CHAR_THRESHOLD: usize = 500;

/// The page-type classifier's probability of "article" above which a page is surely one (see
/// `ArticlePage::surely`). Set between what was seen on the development sets: a recipe listing
/// with a one-line intro that the classifier takes for an article scores 0.65; short paywalled
/// news leads followed by story cards score 0.86 to 0.90. Few pages decide it: the eval gate's
/// per-page files show which (two moved, none fell).
const SURE_ARTICLE: f32 = 0.8;

/// The reading kept: its tree (a copy of the page, edited), the article's root in it, and what
/// the article reading learned on the way.
pub struct Reading {
    pub dom: Dom,
    pub root: NodeId,
    /// A byline found (and removed) in the page when the metadata had none.
    pub byline: Option<String>,
    /// `dir` of the nearest ancestor of the article that states one.
    pub dir: Option<String>,
}

/// The article reading, then the choice between it and the region reading.
pub fn read(page: &Dom, prepared: &Prepared, meta: &Metadata, options: &Options, models: &Models) -> Reading {
    let article_page = ArticlePage::new(page, prepared);
    let (d, located) = read_article(page, meta, options, &article_page);
    let article = Reading { dom: d, root: located.root, byline: located.byline, dir: located.dir };
    if options.favor == Favor::Precision || choose::is_clear_article(&article.dom, article.root) {
        // The region reading takes in everything that is not furniture: doubtful by nature,
        // and never better than a clear article.
        return article;
    }
    let (rd, region) = read_region(page);
    let features = choice_features(page, (&article.dom, article.root), (&rd, region), meta);
    if text_len(&rd, region) == 0 || !choose::prefers_region(&features, models) {
        return article;
    }
    // Nor may the region reading replace an article by the furniture around it.
    let article_len = text_len(&article.dom, article.root);
    if (contain::MIN_PROTECTED..CHAR_THRESHOLD).contains(&article_len)
        && article_page.get()
        && contain::is_titled_article(page, &article.dom, article.root, meta.title.as_deref())
        && contain::ShortArticle::new(page, &article.dom, article.root, article_page.surely()).adds_only_furniture(&rd, region)
    {
        return article;
    }
    Reading { dom: rd, root: region, byline: article.byline, dir: article.dir }
}

/// Is the page an article? Only an article's short text is protected from what surrounds it:
/// on a forum or a listing, the posts and cards the strict rules strip are the content. Asked
/// only when a reading comes out short, so most pages never pay for the classifier.
struct ArticlePage<'a> {
    page: &'a Dom,
    prepared: &'a Prepared,
    /// The classifier's answer and its probability that the page is an article.
    answer: std::cell::OnceCell<(bool, f32)>,
}

impl<'a> ArticlePage<'a> {
    fn new(page: &'a Dom, prepared: &'a Prepared) -> Self {
        ArticlePage { page, prepared, answer: std::cell::OnceCell::new() }
    }

    fn get(&self) -> bool {
        self.answer().0
    }

    /// Is the page surely an article? Then the links a looser reading adds (story cards,
    /// "latest in" lists after a paywalled lead) are furniture too; on a page only likely an
    /// article (a recipe collection with an intro reads much like one) the cards may be the
    /// content.
    fn surely(&self) -> bool {
        let (article, p) = self.answer();
        article && p >= SURE_ARTICLE
    }

    fn answer(&self) -> (bool, f32) {
        *self.answer.get_or_init(|| {
            let (kind, probs) = page_type::classify(self.page, self.prepared);
            // `PageType::ALL` (the order of `probs`) starts with Article.
            (kind == page_type::PageType::Article, probs[0])
        })
    }
}

/// Tries the strict rules first, then looser ones while the article comes out short; keeps
/// the longest result when none reaches the threshold.
fn read_article(page: &Dom, meta: &Metadata, options: &Options, article_page: &ArticlePage) -> (Dom, locate::Located) {
    let mut best: Option<(Dom, locate::Located, usize)> = None;
    // The strict reading, when it found a short article: looser ones may not replace it by
    // what the strict rules stripped (see contain.rs).
    let mut protected: Option<contain::ShortArticle> = None;
    for flags in Flags::attempts() {
        let flags = match options.favor {
            // Favoring recall: never let the conditional cleaning drop doubtful blocks.
            Favor::Recall => Flags { clean_conditionally: false, ..flags },
            _ => flags,
        };
        let mut d = page.clone();
        let located = locate::locate(&mut d, meta, flags);
        clean::clean(&mut d, located.root, flags);
        let len = text_len(&d, located.root);
        let done = len >= CHAR_THRESHOLD;
        if let Some(short) = &protected {
            if short.adds_only_furniture(&d, located.root) {
                continue;
            }
        } else if flags == Flags::ALL
            && len >= contain::MIN_PROTECTED
            && !done
            && article_page.get()
            && contain::is_titled_article(page, &d, located.root, meta.title.as_deref())
        {
            protected = Some(contain::ShortArticle::new(page, &d, located.root, article_page.surely()));
        }
        if best.as_ref().is_none_or(|(_, _, l)| len > *l) {
            best = Some((d, located, len));
        }
        if done {
            break;
        }
    }
    let (d, located, _) = best.expect("at least one attempt runs");
    (d, located)
}

/// The page's main region with its furniture removed.
fn read_region(page: &Dom) -> (Dom, NodeId) {
    let mut rd = page.clone();
    let region = locate::locate_region(&mut rd);
    (rd, region)
}

fn choice_features(page: &Dom, article: (&Dom, NodeId), region: (&Dom, NodeId), meta: &Metadata) -> Vec<f32> {
    choose::features(
        page,
        &choose::Reading { dom: article.0, root: article.1 },
        &choose::Reading { dom: region.0, root: region.1 },
        meta.title.as_deref(),
        meta.product_page,
    )
}

/// The choice between the two readings as the trainer sees it: its features and the text
/// of each reading (`pith eval --dump-choice`, `scripts/train-models.py choose`).
pub fn dump_choice(
    page: &Dom,
    prepared: &Prepared,
    meta: &Metadata,
    options: &Options,
    _models: &Models,
) -> (Vec<f32>, String, String) {
    let (d, located) = read_article(page, meta, options, &ArticlePage::new(page, prepared));
    let (rd, region) = read_region(page);
    let features = choice_features(page, (&d, located.root), (&rd, region), meta);
    let text = |x: &Dom, root| render::Clean::new(x, root).text();
    (features, text(&d, located.root), text(&rd, region))
}
