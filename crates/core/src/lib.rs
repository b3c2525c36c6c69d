//! Gazette's edition format and the logic that needs no browser: the bundle's model and decoders,
//! headline search, the query string and the contact form's validators and protocol.
//!
//! The app, `press` and the contact service all build on it; `cargo test` checks it natively.

pub mod contact;
pub mod edition;
pub mod query;
pub mod routes;
pub mod search;
