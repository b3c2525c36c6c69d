//! The edition's record between runs (kept by `cache.rs`): for each article file, what converting
//! it concluded and everything that conclusion depended on, so that a file whose bytes are
//! unchanged is not read as Markdown again while the answers it got from the rest of the edition
//! (its links' targets, its pictures' files) still hold.

use gazette_core::edition::Headline;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::PathBuf;

use crate::cache::Stamp;
use crate::markdown::Resolve;
use crate::resolve;

#[derive(Default, Serialize, Deserialize)]
pub struct Known {
    /// A hash of `edition.json`: when it changes, nothing recorded is used.
    pub config: u128,
    /// The related stories by position, and a hash of the order, sections and tags they were
    /// found from.
    pub related: (u128, Vec<Vec<usize>>),
    /// By article file.
    pub articles: HashMap<PathBuf, Entry>,
}

/// One article file, converted.
#[derive(Clone, Serialize, Deserialize)]
pub struct Entry {
    /// A hash of the file's bytes, and the file as it stood then: while it stands so, it is not
    /// read again.
    pub source: u128,
    pub stamp: Stamp,
    pub slug: String,
    /// The line of its `slug:` field, 0 without one.
    pub slug_line: usize,
    pub headline: Headline,
    pub tags: Vec<String>,
    /// Each link to the site as written, and where it went.
    pub links: Vec<(String, String)>,
    /// Each picture as written, and a hash of its file.
    pub pictures: Vec<(String, u128)>,
    /// A hash of everything the article's data file was made from, and that file as written.
    pub made: Option<(u128, Stamp)>,
}

impl Entry {
    /// Whether converting the file again would give the same article: every link it resolved goes
    /// where it went, and every picture's file is the same. Its pictures are gathered into
    /// `article`, which the edition copies.
    pub fn still_holds(&self, article: &mut resolve::Article) -> bool {
        self.links
            .iter()
            .all(|(target, href)| article.link(target).as_ref() == Ok(href))
            && self
                .pictures
                .iter()
                .all(|(src, _)| article.image(src).is_ok())
            && article.pictures == self.pictures
    }
}
