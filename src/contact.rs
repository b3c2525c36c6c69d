//! The contact form's browser side: talking to the contact service, and the saved draft. Its rules
//! (validation, the protocol) are in `gazette_core::contact`, which the service shares.

pub mod client;
pub mod draft;

/// Where readers can write when the form cannot be used and `contact.json` names no address: the
/// sample's placeholder. The newsroom's own is in `client::ContactConfig::newsroom`.
pub const NEWSROOM: &str = "newsroom@gazette.example";
