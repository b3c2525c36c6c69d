//! What the integration tests share: a service configured as a deployment would be (SMTP, a
//! database file), the SMTP server it sends to, and requests as the site's page makes them.
#![allow(dead_code)]
// Test code: a panic here is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod http;
pub mod smtp;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::Duration;

use gazette_contact::{Clock, Config, Running};
use serde_json::{json, Value};

pub use http::{request, Answer};
pub use smtp::{Received, SmtpServer};

pub const ORIGIN: &str = "https://news.example.org";
pub const NEWSROOM: &str = "newsroom@example.org";

pub fn settings(smtp: &SmtpServer, database_url: &str) -> HashMap<String, String> {
    [
        ("GAZETTE_LISTEN", "127.0.0.1:0".to_owned()),
        ("GAZETTE_SMTP_URL", smtp.url()),
        ("GAZETTE_ALLOWED_ORIGINS", ORIGIN.to_owned()),
        ("GAZETTE_NEWSROOM", NEWSROOM.to_owned()),
        (
            "GAZETTE_SENDER",
            "Gazette <no-reply@example.org>".to_owned(),
        ),
        ("GAZETTE_DATABASE_URL", database_url.to_owned()),
        (
            "GAZETTE_SECRET",
            "test secret of more than thirty-two characters".to_owned(),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

pub fn sqlite_url(dir: &tempfile::TempDir) -> String {
    format!("sqlite://{}/contact.sqlite3?mode=rwc", dir.path().display())
}

pub async fn start(settings: &HashMap<String, String>, clock: &Clock) -> Running {
    let config = Config::from_settings(settings).unwrap();
    gazette_contact::start_with_clock(config, clock.clone())
        .await
        .unwrap()
}

/// A POST from the site's page: its Origin, a JSON body.
pub async fn post(addr: SocketAddr, path: &str, body: Value) -> Answer {
    post_with(addr, path, body, &[]).await
}

pub async fn post_with(
    addr: SocketAddr,
    path: &str,
    body: Value,
    extra: &[(&str, &str)],
) -> Answer {
    let mut headers = vec![("Origin", ORIGIN), ("Content-Type", "application/json")];
    headers.extend_from_slice(extra);
    request(addr, "POST", path, &headers, body.to_string().as_bytes()).await
}

pub async fn start_verification(addr: SocketAddr, email: &str) -> Answer {
    post(
        addr,
        "/verifications",
        json!({ "name": "Ada Reader", "email": email }),
    )
    .await
}

pub async fn confirm(addr: SocketAddr, verification: &str, code: &str) -> Answer {
    post(
        addr,
        &format!("/verifications/{verification}/confirm"),
        json!({ "code": code }),
    )
    .await
}

pub async fn send_message(addr: SocketAddr, token: &str, key: &str, message: &str) -> Answer {
    let body = json!({ "token": token, "subject": "A question", "message": message });
    post_with(addr, "/messages", body, &[("Idempotency-Key", key)]).await
}

/// The six digits in a code email.
pub fn code_in(email: &Received) -> String {
    let body = email.body();
    let digits: Vec<&str> = body
        .split_whitespace()
        .filter(|w| w.len() == 6 && w.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    assert_eq!(digits.len(), 1, "one code in {body:?}");
    digits[0].to_owned()
}

/// The last code emailed to `address`.
pub fn last_code(smtp: &SmtpServer, address: &str) -> String {
    code_in(smtp.emails_to(address).last().expect("a code email"))
}

/// Waits (up to 10 s) for `done`, for what the outbox does in the background.
pub async fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for {what}");
}

/// The body of the newsroom email (base64, as the service sends it), line endings as sent.
pub fn newsroom_text(email: &Received) -> String {
    use base64::Engine;
    let joined: String = email.body().split_whitespace().collect();
    String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(joined)
            .unwrap(),
    )
    .unwrap()
}

/// Verifies `address` through the whole first half of the flow and returns the token.
pub async fn verified_token(addr: SocketAddr, smtp: &SmtpServer, address: &str) -> String {
    let started = start_verification(addr, address).await;
    assert_eq!(started.status, 201, "{}", started.body);
    let id = started.json()["verification"].as_str().unwrap().to_owned();
    let answer = confirm(addr, &id, &last_code(smtp, address)).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.json()["token"].as_str().unwrap().to_owned()
}
