//! Every page's title and description, made in one place: the app sets them as the reader moves,
//! and press writes them into each prerendered page's head, so they do not change when the app
//! takes over. The publication's name is the edition's own.

use leptos::prelude::*;

use crate::navigation::{page_ready, page_retitled};
use gazette_core::edition::{Article, Index, Section};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    pub title: String,
    pub description: String,
}

impl Head {
    /// `page · publication`; the publication alone while it is unknown (the edition not loaded).
    fn new(page: &str, publication: &str, description: &str) -> Self {
        let title = match (page.is_empty(), publication.is_empty()) {
            (true, _) => publication.to_owned(),
            (false, true) => page.to_owned(),
            (false, false) => format!("{page} · {publication}"),
        };
        Self {
            title,
            description: description.to_owned(),
        }
    }

    pub fn front(index: &Index) -> Self {
        Self::new("Front page", &index.title, &index.tagline)
    }

    pub fn section(index: &Index, section: &Section) -> Self {
        Self::new(&section.name, &index.title, &section.description)
    }

    pub fn article(publication: &str, article: &Article) -> Self {
        Self::new(&article.title, publication, &article.standfirst)
    }

    /// An article being opened, before it has arrived: where the reader is going.
    pub fn opening(publication: &str, title: &str) -> Self {
        Self::new(title, publication, "")
    }

    pub fn contact(publication: &str) -> Self {
        Self::new(
            "Contact the newsroom",
            publication,
            "Send the newsroom a tip, a correction or a question.",
        )
    }

    pub fn saved(publication: &str) -> Self {
        Self::new(
            "Saved articles",
            publication,
            "The articles you saved for reading offline.",
        )
    }

    pub fn not_found(publication: &str) -> Self {
        Self::new(
            "Page not found",
            publication,
            "There is no page at this address.",
        )
    }

    /// A page whose data could not be loaded.
    pub fn unavailable(page: &str, publication: &str) -> Self {
        Self::new(page, publication, "This page could not be loaded.")
    }

    /// The app shell, before the app knows which page it shows.
    pub fn shell(index: &Index) -> Self {
        Self::new("", &index.title, &index.tagline)
    }
}

/// Which page a page component last announced, so that a later change to its head alone (the
/// publication's name arriving after the article) retitles it without settling focus and scroll
/// again.
#[derive(Clone, Copy, Default)]
pub struct Announced(StoredValue<Option<String>>);

impl Announced {
    /// The page `key` (an article's slug; empty for a page of one address) is ready with `head`.
    pub fn ready(self, key: &str, head: &Head) {
        if self.0.with_value(|last| last.as_deref() == Some(key)) {
            page_retitled(&head.title, &head.description);
        } else {
            self.0.set_value(Some(key.to_owned()));
            page_ready(&head.title, &head.description);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Head;

    #[test]
    fn titles_name_the_page_then_the_publication_of_the_edition() {
        assert_eq!(
            Head::contact("The Ledger").title,
            "Contact the newsroom · The Ledger"
        );
        // Before the edition has loaded, the app does not guess a name.
        assert_eq!(Head::contact("").title, "Contact the newsroom");
        assert_eq!(Head::unavailable("", "The Ledger").title, "The Ledger");
    }
}
