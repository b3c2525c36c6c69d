//! Calls to the contact service, whose address comes from `/contact.json` in the deployed folder so
//! a deployer can change it without rebuilding.

use gloo_net::http::Request;
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use std::fmt;

use super::NEWSROOM;
use crate::fetch::{exchange, fetch_text, Deadlines, LoadError};
use gazette_core::contact::field::Field;
use gazette_core::contact::protocol::{
    ConfirmCode, ErrorBody, MessageSent, Rejection, SendMessage, StartVerification,
    VerificationStarted, Verified,
};

/// Why the service did not do what was asked.
#[derive(Debug, Clone, PartialEq)]
pub enum ServiceError {
    /// No answer: offline, the service down, or too slow.
    Unreachable(LoadError),
    /// Too many requests; try again after this many seconds.
    RateLimited(u32),
    /// The service failed (5xx).
    Server(u16),
    /// The service refused the request, for a reason it names.
    Rejected(Rejection),
    /// An answer we could not read.
    Garbled,
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unreachable(LoadError::Timeout(_) | LoadError::Stalled(_)) => {
                f.write_str("The contact service did not answer in time.")
            }
            Self::Unreachable(_) => {
                f.write_str("You seem to be offline, or the contact service can't be reached.")
            }
            Self::RateLimited(seconds) => write!(
                f,
                "Too many attempts. Please wait {}, then try again.",
                super::wait_in_words(u64::from(*seconds))
            ),
            Self::Server(status) => write!(f, "The contact service had a problem (HTTP {status})."),
            Self::Rejected(rejection) if rejection.message.is_empty() => {
                write!(
                    f,
                    "The contact service refused this ({}).",
                    rejection.reason
                )
            }
            Self::Rejected(rejection) => f.write_str(&rejection.message),
            Self::Garbled => f.write_str("The contact service sent an answer we couldn't read."),
        }
    }
}

impl ServiceError {
    /// The field a refusal is about, with words for the reader to show beside it.
    pub fn refused_field(&self) -> Option<(Field, String)> {
        let Self::Rejected(rejection) = self else {
            return None;
        };
        let field = Field::from_id(rejection.field.as_deref()?)?;
        let words = match (field, rejection.reason.as_str()) {
            (Field::Code, "wrong") => {
                "That code isn't right. Check the email we sent and try again."
            }
            (Field::Code, "expired") => {
                "This code has expired. Use \u{201c}Resend code\u{201d} to get a new one."
            }
            _ if !rejection.message.is_empty() => &rejection.message,
            _ => "The contact service did not accept this.",
        };
        Some((field, words.to_owned()))
    }
}

/// The contact service at a base URL.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    base: String,
}

/// What `contact.json` (written by press, see README "The contact form and its service") tells
/// the app: the service, if one is usable, and where readers can write to the newsroom instead.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactConfig {
    /// `None`: no service is configured, and the form is unavailable.
    pub service: Option<Service>,
    /// The newsroom's email address, from the content's `newsroom.json`; the placeholder
    /// [`NEWSROOM`] when the file does not name one.
    pub newsroom: String,
}

impl Default for ContactConfig {
    fn default() -> Self {
        Self {
            service: None,
            newsroom: NEWSROOM.to_owned(),
        }
    }
}

#[derive(Deserialize, Default)]
struct Config {
    #[serde(default)]
    service: String,
    #[serde(default)]
    newsroom: NewsroomConfig,
}

#[derive(Deserialize, Default)]
struct NewsroomConfig {
    #[serde(default)]
    email: String,
}

impl ContactConfig {
    /// From the text of `contact.json`. A file the app cannot read is no service, not an error:
    /// asking again would get the same file, so the reader is given the address to write to.
    pub fn parse(text: &str) -> Self {
        // An object only: serde would read a struct from an array too (`["https://…"]`).
        let config: Config = text
            .trim_start()
            .starts_with('{')
            .then(|| serde_json::from_str(text).ok())
            .flatten()
            .unwrap_or_default();
        let base = config.service.trim().trim_end_matches('/');
        let usable = base.starts_with("https://") || base.starts_with("http://");
        let email = config.newsroom.email.trim();
        Self {
            service: usable.then(|| Service {
                base: base.to_owned(),
            }),
            newsroom: if email.contains('@') {
                email.to_owned()
            } else {
                NEWSROOM.to_owned()
            },
        }
    }
}

/// Reads `/contact.json`. A missing or unreadable file means no service (the form is
/// unavailable); only a failure that asking again could mend (offline, a server error) is an
/// error.
pub async fn configuration() -> Result<ContactConfig, LoadError> {
    match fetch_text(&crate::site::href("/contact.json")).await {
        Ok(text) => Ok(ContactConfig::parse(&text)),
        Err(error) if error.is_not_found() => Ok(ContactConfig::default()),
        Err(error) => Err(error),
    }
}

impl Service {
    pub async fn start(
        &self,
        name: &str,
        email: &str,
    ) -> Result<VerificationStarted, ServiceError> {
        let body = StartVerification {
            name: name.to_owned(),
            email: email.to_owned(),
        };
        self.post("/verifications", &body, None).await
    }

    pub async fn resend(&self, verification: &str) -> Result<VerificationStarted, ServiceError> {
        self.post(&format!("/verifications/{verification}/resend"), &(), None)
            .await
    }

    pub async fn confirm(&self, verification: &str, code: &str) -> Result<Verified, ServiceError> {
        let body = ConfirmCode {
            code: code.to_owned(),
        };
        self.post(
            &format!("/verifications/{verification}/confirm"),
            &body,
            None,
        )
        .await
    }

    /// Sends the message; the same `key` on a retry means the service delivers it once.
    pub async fn send(
        &self,
        message: &SendMessage,
        key: &str,
    ) -> Result<MessageSent, ServiceError> {
        self.post("/messages", message, Some(key)).await
    }

    async fn post<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &impl Serialize,
        idempotency_key: Option<&str>,
    ) -> Result<T, ServiceError> {
        let mut request = Request::post(&format!("{}{path}", self.base));
        if let Some(key) = idempotency_key {
            request = request.header("idempotency-key", key);
        }
        let json = serde_json::to_string(body).map_err(|_| ServiceError::Garbled)?;
        let reply = exchange(request, Some(json), Deadlines::SERVICE)
            .await
            .map_err(ServiceError::Unreachable)?;
        match reply.status {
            200..=299 => serde_json::from_str(&reply.text).map_err(|_| ServiceError::Garbled),
            429 => Err(ServiceError::RateLimited(reply.retry_after.unwrap_or(60))),
            400..=499 => match serde_json::from_str::<ErrorBody>(&reply.text) {
                Ok(body) => Err(ServiceError::Rejected(body.error)),
                Err(_) => Err(ServiceError::Server(reply.status)),
            },
            status => Err(ServiceError::Server(status)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(field: Option<&str>, reason: &str, message: &str) -> ServiceError {
        ServiceError::Rejected(Rejection {
            field: field.map(str::to_owned),
            reason: reason.into(),
            message: message.into(),
        })
    }

    #[test]
    fn refusals_land_beside_their_field_in_our_words() {
        let (field, words) = refusal(Some("code"), "expired", "gone")
            .refused_field()
            .unwrap();
        assert_eq!(field, Field::Code);
        assert!(words.starts_with("This code has expired."));
        assert_eq!(
            refusal(Some("email"), "invalid", "Cannot send there.").refused_field(),
            Some((Field::Email, "Cannot send there.".into()))
        );
        assert_eq!(
            refusal(None, "invalid_token", "Verify again.").refused_field(),
            None
        );
        assert_eq!(refusal(Some("token"), "x", "").refused_field(), None);
        assert_eq!(ServiceError::Server(500).refused_field(), None);
    }

    #[test]
    fn contact_json_names_the_service_and_the_newsrooms_address() {
        let config = ContactConfig::parse(
            r#"{"service": "https://contact.example.org/v1/", "newsroom": {"name": "The Desk", "email": "desk@news.example.org"}}"#,
        );
        assert_eq!(
            config.service,
            Some(Service {
                base: "https://contact.example.org/v1".into()
            })
        );
        assert_eq!(config.newsroom, "desk@news.example.org");
        // Written before press named the newsroom: the service alone.
        let old = ContactConfig::parse(r#"{"service": "http://127.0.0.1:4300"}"#);
        assert!(old.service.is_some());
        assert_eq!(old.newsroom, NEWSROOM);
    }

    #[test]
    fn a_contact_json_the_app_cannot_use_means_no_form_and_the_address_instead() {
        for text in [
            "",
            "{",
            "<!doctype html><title>Not found</title>",
            r#"{"service": 42}"#,
            r#"["https://contact.example.org/v1"]"#,
            r#"{"service": ""}"#,
            r#"{"service": "javascript:alert(1)"}"#,
            r#"{"service": "ftp://x.org", "newsroom": {"email": "no address"}}"#,
        ] {
            assert_eq!(
                ContactConfig::parse(text),
                ContactConfig::default(),
                "{text}"
            );
        }
    }

    #[test]
    fn failures_read_as_sentences() {
        assert_eq!(
            ServiceError::RateLimited(45).to_string(),
            "Too many attempts. Please wait 45 seconds, then try again."
        );
        // The per-address cap answers with an hour's wait, which reads better in minutes.
        assert_eq!(
            ServiceError::RateLimited(3599).to_string(),
            "Too many attempts. Please wait 60 minutes, then try again."
        );
        assert_eq!(
            ServiceError::Server(502).to_string(),
            "The contact service had a problem (HTTP 502)."
        );
        assert_eq!(
            refusal(None, "closed", "").to_string(),
            "The contact service refused this (closed)."
        );
    }
}
