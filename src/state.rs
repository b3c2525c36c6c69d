//! The edition as the app holds it: the index loaded first, then the rest of the archive fetched
//! in the background, chunk by chunk, newest first, into one list with its search index; articles
//! are kept after their first read so that going back is instant.

use leptos::{prelude::*, task::spawn_local};
use std::collections::HashMap;

use crate::archive::Archive;
use crate::fetch::{fetch_reply, fetch_text, LoadError};
use gazette_core::edition::{decode_article, decode_chunk, decode_index, Article, Headline, Index};

/// The address of one of the edition's files, which live in `edition/` beside the app.
pub fn edition_url(file: &str) -> String {
    crate::site::href(&format!("/edition/{file}"))
}

/// The index as loaded. Its headlines (and the notes on any that could not be read) move into the
/// archive, so the many readers of this value do not copy them.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedIndex {
    pub index: Index,
    /// When the server sent it (its `Date` header), which offline may be long ago.
    pub fetched: Option<String>,
    /// Whether this is the copy kept offline, the network having failed.
    pub kept_copy: bool,
}

/// How the background loading of older chunks is going.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Progress {
    pub chunks_loaded: u32,
    pub chunks_total: u32,
    pub loading: bool,
    pub error: Option<LoadError>,
}

impl Progress {
    pub fn complete(&self) -> bool {
        self.chunks_loaded >= self.chunks_total
    }
}

/// The archive's headlines as the story finder reads them: growing chunk by chunk in the app,
/// whole from the start where press draws a page.
#[derive(Clone, Copy)]
pub struct Stories {
    /// Not reactive itself (it is large); `version` changes whenever it does.
    pub archive: StoredValue<Archive>,
    pub version: RwSignal<u32>,
    pub progress: RwSignal<Progress>,
}

impl Stories {
    /// Every headline of the edition, nothing left to load.
    pub fn complete(headlines: Vec<Headline>) -> Self {
        let mut archive = Archive::default();
        archive.extend(headlines, Vec::new());
        Self {
            archive: StoredValue::new(archive),
            version: RwSignal::new(1),
            progress: RwSignal::new(Progress::default()),
        }
    }
}

#[derive(Clone, Copy)]
pub struct EditionState {
    pub index: LocalResource<Result<LoadedIndex, LoadError>>,
    pub stories: Stories,
    articles: StoredValue<HashMap<String, Article>>,
}

pub fn provide_edition() {
    let archive = StoredValue::new(Archive::default());
    let version = RwSignal::new(0);
    let progress = RwSignal::new(Progress::default());
    let index = LocalResource::new(move || async move {
        let reply = fetch_reply(&edition_url("index.json")).await?;
        let mut decoded = decode_index(&reply.text).map_err(LoadError::Decode)?;
        let mut seeded = Archive::default();
        seeded.extend(
            std::mem::take(&mut decoded.value.headlines),
            decoded.skipped,
        );
        archive.set_value(seeded);
        version.update(|version| *version += 1);
        progress.set(Progress {
            chunks_total: decoded.value.older_chunks,
            ..Progress::default()
        });
        Ok(LoadedIndex {
            index: decoded.value,
            fetched: reply.date,
            kept_copy: reply.kept_copy,
        })
    });
    let edition = EditionState {
        index,
        stories: Stories {
            archive,
            version,
            progress,
        },
        articles: StoredValue::new(HashMap::new()),
    };
    // Once the first screen is up, the rest of the archive follows in the background.
    Effect::new(move || {
        if matches!(index.get(), Some(Ok(_))) {
            edition.load_archive();
        }
    });
    provide_context(edition);
}

pub fn use_edition() -> EditionState {
    expect_context::<EditionState>()
}

impl EditionState {
    /// The publication's name, from the edition; empty until it has loaded.
    pub fn publication(self) -> String {
        self.index.with(|loaded| match loaded {
            Some(Ok(loaded)) => loaded.index.title.clone(),
            _ => String::new(),
        })
    }

    /// Fetches the remaining chunks one after another; a call while loading, or after a failure
    /// until the reader retries, does nothing more.
    pub fn load_archive(self) {
        if self
            .stories
            .progress
            .with_untracked(|progress| progress.loading || progress.complete())
        {
            return;
        }
        self.stories.progress.update(|progress| {
            progress.loading = true;
            progress.error = None;
        });
        spawn_local(async move {
            // Newest first, so the archive grows in the order it is shown; chunk 1 is the oldest.
            while let Some((loaded, total)) = self
                .stories
                .progress
                .with_untracked(|p| (!p.complete()).then_some((p.chunks_loaded, p.chunks_total)))
            {
                let number = total - loaded;
                let chunk = match fetch_text(&edition_url(&format!("index/{number}.json"))).await {
                    Ok(text) => decode_chunk(&text).map_err(LoadError::Decode),
                    Err(error) => Err(error),
                };
                match chunk {
                    Ok(chunk) => {
                        self.stories.archive.update_value(|archive| {
                            if loaded == 1 {
                                // Only the newest chunk may be part-full, so the second tells how
                                // large the rest of the archive is.
                                let remaining = (total - loaded) as usize;
                                archive.reserve(chunk.value.headlines.len() * remaining);
                            }
                            archive.extend(chunk.value.headlines, chunk.skipped);
                        });
                        self.stories.version.update(|version| *version += 1);
                        self.stories
                            .progress
                            .update(|progress| progress.chunks_loaded = loaded + 1);
                    }
                    Err(error) => {
                        self.stories
                            .progress
                            .update(|progress| progress.error = Some(error));
                        break;
                    }
                }
            }
            self.stories
                .progress
                .update(|progress| progress.loading = false);
        });
    }

    /// Whether the article with this slug is in memory, so that opening it costs no request.
    pub fn has_article(self, slug: &str) -> bool {
        self.articles
            .with_value(|articles| articles.contains_key(slug))
    }

    /// The article with this slug, from memory if the reader has opened it before.
    pub async fn article(self, slug: String) -> Result<Article, LoadError> {
        if let Some(article) = self
            .articles
            .with_value(|articles| articles.get(&slug).cloned())
        {
            return Ok(article);
        }
        let text = fetch_text(&edition_url(&format!("articles/{slug}.json"))).await?;
        let article = decode_article(&text).map_err(LoadError::Decode)?;
        self.articles.update_value(|articles| {
            articles.insert(slug, article.clone());
        });
        Ok(article)
    }
}
