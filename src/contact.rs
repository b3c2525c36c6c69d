//! The contact form's logic: validation, the contact service's protocol, and the saved draft.

pub mod client;
pub mod draft;
pub mod field;
pub mod protocol;
pub mod validate;
