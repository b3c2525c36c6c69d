//! The reader's unsent message, kept in local storage as it is typed so that a reload, a closed tab
//! or a dropped connection loses nothing. It is cleared only once the service confirms the send.

use serde::{Deserialize, Serialize};

use gazette_core::contact::field::Field;

const KEY: &str = "gazette.contact.draft.v1";

/// Where the reader is in the form.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    #[default]
    Details,
    Code,
    Message,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub step: Step,
    pub name: String,
    pub email: String,
    pub subject: String,
    pub message: String,
    /// The service's id for the code sent to `email`.
    pub verification: Option<String>,
    /// Proof of a verified address, good for one message.
    pub token: Option<String>,
    /// When (ms since the epoch) another code may be requested, so the cooldown survives a reload.
    pub resend_at: u64,
    /// Sent with the message so that a retry of the same message is delivered once.
    pub send_key: String,
}

impl Draft {
    /// The draft's text for a field (the code is never saved, so it has none).
    pub fn text(&self, field: Field) -> &str {
        match field {
            Field::Name => &self.name,
            Field::Email => &self.email,
            Field::Subject => &self.subject,
            Field::Message => &self.message,
            Field::Code => "",
        }
    }

    pub fn set_text(&mut self, field: Field, text: String) {
        match field {
            Field::Name => self.name = text,
            Field::Email => self.email = text,
            Field::Subject => self.subject = text,
            Field::Message => self.message = text,
            Field::Code => {}
        }
    }
}

/// The saved draft, or an empty one.
pub fn load() -> Draft {
    crate::stored::load(KEY)
}

/// Saves the draft as it is typed.
pub fn save(draft: &Draft) {
    crate::stored::save(KEY, draft);
}

pub fn clear() {
    crate::stored::remove(KEY);
}

/// A fresh random key, from the browser's cryptographic generator.
pub fn new_key() -> String {
    let mut bytes = [0u8; 16];
    if let Some(crypto) = web_sys::window().and_then(|window| window.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_round_trips_and_bad_storage_gives_an_empty_one() {
        let draft = Draft {
            step: Step::Code,
            name: "Ann".into(),
            verification: Some("v1".into()),
            ..Draft::default()
        };
        assert_eq!(
            crate::stored::decode::<Draft>(&serde_json::to_string(&draft).unwrap()),
            draft
        );
        assert_eq!(
            crate::stored::decode::<Draft>("{not json"),
            Draft::default()
        );
        assert_eq!(
            crate::stored::decode::<Draft>(r#"{"name": "Old format"}"#).name,
            "Old format"
        );
    }
}
