//! The contact form's rules, shared by the app that checks a field as the reader types and the
//! service that checks it again: each field's validation and the service's protocol.

pub mod field;
pub mod protocol;
pub mod validate;
