//! The contact form's logic: validation, the contact service's protocol, and the saved draft.

pub mod client;
pub mod draft;
pub mod field;
pub mod protocol;
pub mod validate;

/// Where readers can write when the form cannot be used (no service configured, no JavaScript).
pub const NEWSROOM: &str = "newsroom@gazette.example";
