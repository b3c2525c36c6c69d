//! Headline search: case- and accent-insensitive matching over titles and summaries in any script
//! (word prefixes, parts of words, any part of a run of an unspaced script, and close matches for
//! one slip), with title matches first. Pure Rust, tested natively (the browser lends its Unicode
//! folding in the wasm); the index is built as chunks arrive.

mod fold;
mod highlight;
mod index;
mod normalise;
#[cfg(test)]
mod properties;
mod typo;

pub use fold::fold;
pub use highlight::{highlight, Segment};
pub use index::{Hit, SearchIndex};
pub use normalise::{normalise, query_terms};
