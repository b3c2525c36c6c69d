//! Headline search: accent- and case-insensitive word-prefix matching over titles and summaries,
//! with title matches first. Pure Rust, tested natively; the index is built as chunks arrive.

mod highlight;
mod index;
mod normalise;

pub use highlight::{highlight, Segment};
pub use index::{Hit, SearchIndex};
pub use normalise::{normalise, query_terms};
