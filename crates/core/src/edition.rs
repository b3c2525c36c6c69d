//! The edition: the article bundle's format, its typed model and its decoding.
//!
//! Nothing here touches the browser, so `cargo test` checks it natively.

mod blocks;
mod decode;
mod locate;
mod model;

pub use blocks::{image_src, link_href, safe_href, Block, Inline};
pub use decode::{decode_article, decode_chunk, decode_index, DecodeError};
pub use model::{Article, Chunk, Date, Headline, Impact, Index, Section};

/// The bundle format this build reads. Bump it on any change a reader of the old format would misread.
pub const SCHEMA: u64 = 2;

/// Whether `text` can name an article or section: lowercase letters, digits and hyphens.
///
/// Checked before a slug from the address bar becomes part of a request path.
pub fn is_slug(text: &str) -> bool {
    (1..=120).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs_cannot_leave_their_folder() {
        assert!(super::is_slug("maths-in-machine-learning-2026"));
        for text in ["", "../index", "a/b", "A", "a.json", "a%2Fb"] {
            assert!(!super::is_slug(text), "{text}");
        }
    }
}
