//! Abuse: guessing, floods to one address and from one client, and bodies that are too big, not
//! JSON or from the wrong origin all get a 4xx in the protocol's error shape.
// Test code: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use gazette_contact::Clock;
use serde_json::json;

#[tokio::test]
async fn guessing_a_code_is_stopped_after_five_tries() {
    let smtp = SmtpServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let service = start(&settings(&smtp, &sqlite_url(&dir)), &Clock::default()).await;
    let addr = service.addr;
    let started = start_verification(addr, "guess@example.org").await;
    let verification = started.json()["verification"].as_str().unwrap().to_owned();
    let code = last_code(&smtp, "guess@example.org");
    let guesses = ["000000", "111111", "222222", "333333", "444444", "555555"]
        .into_iter()
        .filter(|g| *g != code);
    for guess in guesses.take(5) {
        assert_eq!(confirm(addr, &verification, guess).await.reason(), "wrong");
    }
    // Even the right code is refused now: the code is spent.
    let stopped = confirm(addr, &verification, &code).await;
    assert_eq!(
        (stopped.status, stopped.reason()),
        (429, "rate_limited".into())
    );
    assert_eq!(stopped.json()["error"]["field"], "code");
    assert!(stopped.header("Retry-After").is_some());
    service.stop().await;
}

#[tokio::test]
async fn a_flood_of_codes_to_one_address_is_capped_at_three_an_hour() {
    let smtp = SmtpServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::default();
    let service = start(&settings(&smtp, &sqlite_url(&dir)), &clock).await;
    let addr = service.addr;
    for _ in 0..3 {
        assert_eq!(
            start_verification(addr, "victim@example.org").await.status,
            201
        );
    }
    for spelling in ["victim@example.org", "VICTIM@example.org"] {
        let refused = start_verification(addr, spelling).await;
        assert_eq!(
            (refused.status, refused.reason()),
            (429, "rate_limited".into())
        );
        let wait: i64 = refused.header("Retry-After").unwrap().parse().unwrap();
        assert!((3_500..=3_600).contains(&wait), "{wait}");
    }
    assert_eq!(smtp.emails_to("victim@example.org").len(), 3);
    // Someone else is not held up, and an hour later the address may have codes again.
    assert_eq!(
        start_verification(addr, "other@example.org").await.status,
        201
    );
    clock.advance(3_601);
    assert_eq!(
        start_verification(addr, "victim@example.org").await.status,
        201
    );
    service.stop().await;
}

#[tokio::test]
async fn a_flood_from_one_client_is_capped_and_so_is_everyone_together() {
    let smtp = SmtpServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut settings = settings(&smtp, &sqlite_url(&dir));
    settings.insert("GAZETTE_CODES_PER_CLIENT".into(), "4".into());
    settings.insert("GAZETTE_CODES_GLOBAL".into(), "6".into());
    settings.insert("GAZETTE_CLIENT_IP_HEADER".into(), "X-Forwarded-For".into());
    let service = start(&settings, &Clock::default()).await;
    let addr = service.addr;
    let from = |client: &'static str, n: usize| {
        let body = json!({ "name": "Flood", "email": format!("flood{n}.{}@example.org", client.replace('.', "-")) });
        async move { post_with(addr, "/verifications", body, &[("X-Forwarded-For", client)]).await }
    };
    for n in 0..4 {
        assert_eq!(from("203.0.113.7", n).await.status, 201);
    }
    let refused = from("203.0.113.7", 4).await;
    assert_eq!(
        (refused.status, refused.reason()),
        (429, "rate_limited".into())
    );
    assert!(refused.header("Retry-After").is_some());
    // Another client still gets through, until the global cap.
    assert_eq!(from("198.51.100.1", 0).await.status, 201);
    assert_eq!(from("198.51.100.2", 0).await.status, 201);
    assert_eq!(from("198.51.100.3", 0).await.status, 429);
    assert_eq!(smtp.emails().len(), 6);
    service.stop().await;
}

#[tokio::test]
async fn guessing_across_many_codes_from_one_client_is_capped() {
    let smtp = SmtpServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut settings = settings(&smtp, &sqlite_url(&dir));
    settings.insert("GAZETTE_TRIES_PER_CLIENT".into(), "3".into());
    let service = start(&settings, &Clock::default()).await;
    let addr = service.addr;
    let mut verifications = Vec::new();
    for n in 0..2 {
        let started = start_verification(addr, &format!("many{n}@example.org")).await;
        verifications.push(started.json()["verification"].as_str().unwrap().to_owned());
    }
    for verification in [&verifications[0], &verifications[0], &verifications[1]] {
        assert_ne!(confirm(addr, verification, "000000").await.status, 429);
    }
    // A fresh verification does not give a guesser fresh tries.
    let code = last_code(&smtp, "many1@example.org");
    let refused = confirm(addr, &verifications[1], &code).await;
    assert_eq!(
        (refused.status, refused.reason()),
        (429, "rate_limited".into())
    );
    assert!(refused.header("Retry-After").is_some());
    service.stop().await;
}

#[tokio::test]
async fn bad_requests_get_a_4xx_in_the_protocols_shape() {
    let smtp = SmtpServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let service = start(&settings(&smtp, &sqlite_url(&dir)), &Clock::default()).await;
    let addr = service.addr;
    let json_headers = [("Origin", ORIGIN), ("Content-Type", "application/json")];

    let cases: Vec<(&str, Answer, u16, &str)> = vec![
        (
            "not JSON",
            request(addr, "POST", "/verifications", &json_headers, b"<html>").await,
            400,
            "bad_request",
        ),
        (
            "a missing field",
            request(
                addr,
                "POST",
                "/verifications",
                &json_headers,
                br#"{"name": "A"}"#,
            )
            .await,
            400,
            "bad_request",
        ),
        (
            "not declared JSON",
            request(
                addr,
                "POST",
                "/verifications",
                &[("Origin", ORIGIN)],
                br#"{}"#,
            )
            .await,
            415,
            "not_json",
        ),
        (
            "too large",
            request(
                addr,
                "POST",
                "/messages",
                &json_headers,
                &vec![b'x'; 70_000],
            )
            .await,
            413,
            "too_large",
        ),
        (
            "no such endpoint",
            request(addr, "POST", "/nowhere", &json_headers, b"{}").await,
            404,
            "not_found",
        ),
        (
            "a GET",
            request(addr, "GET", "/verifications", &json_headers, b"").await,
            405,
            "method_not_allowed",
        ),
        (
            "no Origin",
            request(
                addr,
                "POST",
                "/verifications",
                &[("Content-Type", "application/json")],
                b"{}",
            )
            .await,
            403,
            "origin",
        ),
        (
            "another Origin",
            request(
                addr,
                "POST",
                "/verifications",
                &[
                    ("Origin", "https://evil.example"),
                    ("Content-Type", "application/json"),
                ],
                b"{}",
            )
            .await,
            403,
            "origin",
        ),
        (
            "an invalid address",
            start_verification(addr, "not an address").await,
            422,
            "invalid",
        ),
        (
            "a short message",
            send_message(addr, "token", "k", "short").await,
            422,
            "invalid",
        ),
        (
            "no Idempotency-Key",
            post(
                addr,
                "/messages",
                json!({"token": "t", "subject": "", "message": "long enough text"}),
            )
            .await,
            400,
            "idempotency_key",
        ),
        (
            "an unknown token",
            send_message(addr, "nope", "k", "long enough text").await,
            422,
            "invalid_token",
        ),
        (
            "an unknown verification",
            confirm(addr, "feedface", "123456").await,
            404,
            "unknown_verification",
        ),
    ];
    for (what, answer, status, reason) in cases {
        assert_eq!(answer.status, status, "{what}: {}", answer.body);
        assert_eq!(answer.reason(), reason, "{what}");
    }
    let field = send_message(addr, "token", "k", "short").await.json();
    assert_eq!(field["error"]["field"], "message");
    assert!(smtp.emails().is_empty());
    service.stop().await;
}

#[tokio::test]
async fn cors_allows_exactly_the_configured_origins() {
    let smtp = SmtpServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let service = start(&settings(&smtp, &sqlite_url(&dir)), &Clock::default()).await;
    let preflight = |origin: &'static str| {
        let headers = [
            ("Origin", origin),
            ("Access-Control-Request-Method", "POST"),
            (
                "Access-Control-Request-Headers",
                "content-type,idempotency-key",
            ),
        ];
        async move { request(service.addr, "OPTIONS", "/messages", &headers, b"").await }
    };
    let allowed = preflight(ORIGIN).await;
    assert_eq!(allowed.header("Access-Control-Allow-Origin"), Some(ORIGIN));
    assert!(allowed
        .header("Access-Control-Allow-Headers")
        .unwrap()
        .contains("idempotency-key"));
    let refused = preflight("https://news.example.org.evil.example").await;
    assert_eq!(refused.header("Access-Control-Allow-Origin"), None);
    let answer = start_verification(service.addr, "cors@example.org").await;
    assert_eq!(answer.header("Access-Control-Allow-Origin"), Some(ORIGIN));
    assert!(answer
        .header("Access-Control-Expose-Headers")
        .unwrap()
        .to_ascii_lowercase()
        .contains("retry-after"));
    service.stop().await;
}
