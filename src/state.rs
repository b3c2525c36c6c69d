//! The edition as the app holds it: the index loaded once, older headlines added on request, and
//! articles kept after their first read so that going back is instant.

use leptos::{prelude::*, task::spawn_local};
use std::collections::HashMap;

use crate::edition::{decode_article, decode_chunk, decode_index, Article, Headline, Index};
use crate::fetch::{fetch_text, LoadError};

const ROOT: &str = "/edition";

/// The index with the notes on any headline that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedIndex {
    pub index: Index,
    pub skipped: Vec<String>,
}

/// Headlines from the older chunks fetched so far.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Older {
    pub headlines: Vec<Headline>,
    pub skipped: Vec<String>,
    pub chunks_loaded: u32,
    pub loading: bool,
    pub error: Option<LoadError>,
}

#[derive(Clone, Copy)]
pub struct Edition {
    pub index: LocalResource<Result<LoadedIndex, LoadError>>,
    pub older: RwSignal<Older>,
    articles: StoredValue<HashMap<String, Article>>,
}

pub fn provide_edition() {
    let index = LocalResource::new(|| async {
        let text = fetch_text(&format!("{ROOT}/index.json")).await?;
        let decoded = decode_index(&text).map_err(LoadError::Decode)?;
        Ok(LoadedIndex {
            index: decoded.value,
            skipped: decoded.skipped,
        })
    });
    provide_context(Edition {
        index,
        older: RwSignal::new(Older::default()),
        articles: StoredValue::new(HashMap::new()),
    });
}

pub fn use_edition() -> Edition {
    expect_context::<Edition>()
}

impl Edition {
    /// Every headline loaded so far, newest first, with the notes on those left out.
    pub fn headlines(&self) -> Option<(Vec<Headline>, Vec<String>)> {
        let loaded = self.index.get()?.ok()?;
        let older = self.older.read();
        let mut headlines = loaded.index.headlines;
        headlines.extend(older.headlines.iter().cloned());
        let mut skipped = loaded.skipped;
        skipped.extend(older.skipped.iter().cloned());
        Some((headlines, skipped))
    }

    /// Whether the archive holds chunks of older headlines not yet fetched.
    pub fn has_older(&self) -> bool {
        let total = self
            .index
            .get()
            .and_then(Result::ok)
            .map_or(0, |loaded| loaded.index.older_chunks);
        self.older.with(|older| older.chunks_loaded < total)
    }

    /// Fetches the next chunk of older headlines; a second call while one is in flight does nothing.
    pub fn load_older(self) {
        let next = self
            .older
            .with_untracked(|older| (!older.loading).then_some(older.chunks_loaded + 1));
        let Some(next) = next else { return };
        self.older.update(|older| {
            older.loading = true;
            older.error = None;
        });
        spawn_local(async move {
            let result = match fetch_text(&format!("{ROOT}/index/{next}.json")).await {
                Ok(text) => decode_chunk(&text).map_err(LoadError::Decode),
                Err(error) => Err(error),
            };
            self.older.update(|older| {
                older.loading = false;
                match result {
                    Ok(chunk) => {
                        older.chunks_loaded = next;
                        older.headlines.extend(chunk.value.headlines);
                        older.skipped.extend(chunk.skipped);
                    }
                    Err(error) => older.error = Some(error),
                }
            });
        });
    }

    /// The article with this slug, from memory if the reader has opened it before.
    pub async fn article(self, slug: String) -> Result<Article, LoadError> {
        if let Some(article) = self
            .articles
            .with_value(|articles| articles.get(&slug).cloned())
        {
            return Ok(article);
        }
        let text = fetch_text(&format!("{ROOT}/articles/{slug}.json")).await?;
        let article = decode_article(&text).map_err(LoadError::Decode)?;
        self.articles.update_value(|articles| {
            articles.insert(slug, article.clone());
        });
        Ok(article)
    }
}
