//! The contact service's JSON-over-HTTP protocol (documented in the README), as types.
//!
//! Plain data with no browser code, so the wire format is tested natively.

use serde::{Deserialize, Serialize};

/// `POST {service}/verifications`: send a code to this address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StartVerification {
    pub name: String,
    pub email: String,
}

/// The answer to starting (or resending) a verification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerificationStarted {
    pub verification: String,
    /// Seconds before another code may be requested.
    pub resend_after: u32,
}

/// `POST {service}/verifications/{id}/confirm`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfirmCode {
    pub code: String,
}

/// The answer to a right code: the token that lets one message through.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verified {
    pub token: String,
}

/// `POST {service}/messages`, sent with an `Idempotency-Key` header so a repeat is not a second send.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SendMessage {
    pub token: String,
    pub subject: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageSent {
    pub id: String,
}

/// Every 4xx answer's body: `{"error": {"field": "code", "reason": "expired", "message": "..."}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: Rejection,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rejection {
    /// The form field at fault (`name`, `email`, `code`, `subject`, `message`), if any.
    #[serde(default)]
    pub field: Option<String>,
    /// A machine-readable reason: `invalid`, `wrong`, `expired`, `unknown_verification`, ...
    pub reason: String,
    /// Words for a person, used when the app has none of its own for the reason.
    #[serde(default)]
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejections_decode_with_or_without_a_field() {
        let body: ErrorBody = serde_json::from_str(
            r#"{"error": {"field": "code", "reason": "expired", "message": "Code expired"}}"#,
        )
        .unwrap();
        assert_eq!(body.error.field.as_deref(), Some("code"));
        let body: ErrorBody = serde_json::from_str(r#"{"error": {"reason": "closed"}}"#).unwrap();
        assert_eq!(
            (body.error.field, body.error.reason.as_str()),
            (None, "closed")
        );
    }
}
