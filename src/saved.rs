//! The reader's saved articles: their headlines listed in local storage, their files kept in the
//! service worker's "saved" cache (see `offline`), so both survive updates and cache cleaning.

use leptos::{prelude::*, task::spawn_local};

use gazette_core::edition::Headline;

const KEY: &str = "gazette.saved.v1";

/// The saved articles' headlines, newest saved first, shared by the pages that show them.
#[derive(Clone, Copy)]
pub struct Saved(pub RwSignal<Vec<Headline>>);

pub fn provide_saved() {
    let stored = crate::stored::load(KEY);
    provide_context(Saved(RwSignal::new(stored)));
}

pub fn use_saved() -> Saved {
    expect_context::<Saved>()
}

impl Saved {
    pub fn contains(&self, slug: &str) -> bool {
        self.0
            .with(|saved| saved.iter().any(|headline| headline.slug == slug))
    }

    pub fn add(&self, headline: Headline) {
        self.0.update(|saved| {
            saved.retain(|kept| kept.slug != headline.slug);
            saved.insert(0, headline);
        });
        self.store();
    }

    /// Takes an article off the list and lets its kept files go.
    pub fn remove(&self, slug: &str) {
        self.0
            .update(|saved| saved.retain(|kept| kept.slug != slug));
        self.store();
        let gone = article_url(slug);
        spawn_local(async move { crate::offline::forget(&gone).await });
    }

    fn store(&self) {
        self.0
            .with_untracked(|saved| crate::stored::save(KEY, saved));
    }
}

/// Where an article's file lives, for the cache.
pub fn article_url(slug: &str) -> String {
    crate::state::edition_url(&format!("articles/{slug}.json"))
}
