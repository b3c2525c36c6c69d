//! The whole flow over real SMTP, a restart in the middle of it, and the Idempotency-Key.
// Test code: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use gazette_contact::Clock;
use serde_json::json;

const MESSAGE: &str = "Your piece on topology was excellent.\nMore of this, please.";

#[tokio::test]
async fn a_reader_verifies_and_the_newsroom_gets_the_message_with_reply_to() {
    let smtp = SmtpServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let service = start(&settings(&smtp, &sqlite_url(&dir)), &Clock::default()).await;
    let addr = service.addr;

    let started = post(
        addr,
        "/verifications",
        json!({ "name": "Ada <b>Reader</b>", "email": " ada@example.org " }),
    )
    .await;
    assert_eq!(started.status, 201, "{}", started.body);
    let verification = started.json()["verification"].as_str().unwrap().to_owned();
    assert_eq!(started.json()["resend_after"], 30);

    // The code email: fixed text to the address alone, no name, nothing the reader typed, no link.
    let emails = smtp.emails_to("ada@example.org");
    assert_eq!(emails.len(), 1);
    let code_email = &emails[0];
    assert_eq!(
        code_email.header("Subject").as_deref(),
        Some("Your Gazette verification code")
    );
    assert_eq!(code_email.header("To").as_deref(), Some("ada@example.org"));
    assert!(
        !code_email.data.contains("Ada") && !code_email.data.contains("Reader"),
        "{}",
        code_email.data
    );
    assert!(
        !code_email.body().contains("http") && !code_email.body().contains("www."),
        "{}",
        code_email.data
    );
    let code = code_in(code_email);

    let wrong = if code == "000000" { "111111" } else { "000000" };
    let refused = confirm(addr, &verification, wrong).await;
    assert_eq!((refused.status, refused.reason()), (422, "wrong".into()));
    assert_eq!(refused.json()["error"]["field"], "code");

    // Pasted with a space, as the form allows.
    let verified = confirm(
        addr,
        &verification,
        &format!("{} {}", &code[..3], &code[3..]),
    )
    .await;
    assert_eq!(verified.status, 200, "{}", verified.body);
    let token = verified.json()["token"].as_str().unwrap().to_owned();
    // Used once: the same code again finds the verification over.
    assert_eq!(confirm(addr, &verification, &code).await.status, 404);

    let sent = send_message(addr, &token, "key-1", MESSAGE).await;
    assert_eq!(sent.status, 201, "{}", sent.body);
    let id = sent.json()["id"].as_str().unwrap().to_owned();
    eventually("the newsroom's email", || {
        !smtp.emails_to(NEWSROOM).is_empty()
    })
    .await;
    let letter = &smtp.emails_to(NEWSROOM)[0];
    assert_eq!(letter.header("Subject").as_deref(), Some("A question"));
    let reply_to = letter.header("Reply-To").unwrap();
    assert!(reply_to.contains("<ada@example.org>"), "{reply_to}");
    assert!(letter.header("Message-ID").unwrap().contains(&id));
    let text = newsroom_text(letter).replace("\r\n", "\n");
    assert!(text.ends_with(&format!("\n\n{MESSAGE}\n")), "{text:?}");

    // The token was good for one message.
    let again = send_message(
        addr,
        &token,
        "key-2",
        "A second message, which must not go.",
    )
    .await;
    assert_eq!(
        (again.status, again.reason()),
        (422, "invalid_token".into())
    );
    service.stop().await;
}

#[tokio::test]
async fn the_same_idempotency_key_never_sends_twice_even_at_once() {
    let smtp = SmtpServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let service = start(&settings(&smtp, &sqlite_url(&dir)), &Clock::default()).await;
    let addr = service.addr;
    let token = verified_token(addr, &smtp, "twice@example.org").await;

    let sends = (0..8).map(|_| {
        let token = token.clone();
        async move { send_message(addr, &token, "same-key", MESSAGE).await }
    });
    let answers = futures_join_all(sends).await;
    let ids: Vec<String> = answers
        .iter()
        .map(|a| {
            assert_eq!(a.status, 201, "{}", a.body);
            a.json()["id"].as_str().unwrap().to_owned()
        })
        .collect();
    assert!(ids.iter().all(|id| id == &ids[0]), "{ids:?}");
    eventually("the delivery", || smtp.emails_to(NEWSROOM).len() == 1).await;
    // A late repeat still gets the same answer, and nothing more is sent.
    let late = send_message(addr, &token, "same-key", MESSAGE).await;
    assert_eq!(late.json()["id"].as_str(), Some(ids[0].as_str()));
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(smtp.emails_to(NEWSROOM).len(), 1);
    service.stop().await;
}

/// Runs the requests at the same time, answers in order.
async fn futures_join_all<F: std::future::Future<Output = Answer> + Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<Answer> {
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut answers = Vec::new();
    for handle in handles {
        answers.push(handle.await.unwrap());
    }
    answers
}

#[tokio::test]
async fn a_restart_mid_flow_loses_no_verification_token_or_message() {
    let smtp = SmtpServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let settings = settings(&smtp, &sqlite_url(&dir));
    let clock = Clock::default();

    // A code sent, then the service restarts: the code still works.
    let service = start(&settings, &clock).await;
    let started = start_verification(service.addr, "restart@example.org").await;
    let verification = started.json()["verification"].as_str().unwrap().to_owned();
    service.stop().await;
    let service = start(&settings, &clock).await;
    let verified = confirm(
        service.addr,
        &verification,
        &last_code(&smtp, "restart@example.org"),
    )
    .await;
    assert_eq!(verified.status, 200, "{}", verified.body);
    let token = verified.json()["token"].as_str().unwrap().to_owned();

    // A token, then a restart: it still sends. The newsroom's server is refusing, so the message
    // waits in the outbox; a restart later it goes, once.
    service.stop().await;
    smtp.refuse(true);
    let service = start(&settings, &clock).await;
    let sent = send_message(service.addr, &token, "restart-key", MESSAGE).await;
    assert_eq!(sent.status, 201, "{}", sent.body);
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(smtp.emails_to(NEWSROOM).is_empty());
    service.stop().await;

    smtp.refuse(false);
    clock.advance(15); // past the first backoff (10 s)
    let service = start(&settings, &clock).await;
    eventually("the retried delivery", || {
        smtp.emails_to(NEWSROOM).len() == 1
    })
    .await;
    // The key is remembered across the restart too.
    let repeat = send_message(service.addr, &token, "restart-key", MESSAGE).await;
    assert_eq!(repeat.json()["id"], sent.json()["id"]);
    clock.advance(3_600);
    tokio::time::sleep(std::time::Duration::from_millis(2_500)).await;
    assert_eq!(smtp.emails_to(NEWSROOM).len(), 1);
    service.stop().await;
}

#[tokio::test]
async fn a_failed_delivery_is_retried_with_backoff_until_it_goes() {
    let smtp = SmtpServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::default();
    let service = start(&settings(&smtp, &sqlite_url(&dir)), &clock).await;
    let token = verified_token(service.addr, &smtp, "retry@example.org").await;
    smtp.refuse(true);
    assert_eq!(
        send_message(service.addr, &token, "retry-key", MESSAGE)
            .await
            .status,
        201
    );
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    smtp.refuse(false);
    // Not before its backoff is over.
    tokio::time::sleep(std::time::Duration::from_millis(2_500)).await;
    assert!(smtp.emails_to(NEWSROOM).is_empty());
    clock.advance(11);
    eventually("the retry", || smtp.emails_to(NEWSROOM).len() == 1).await;
    service.stop().await;
}

#[tokio::test]
async fn codes_expire_after_ten_minutes_and_a_resend_waits_its_cooldown() {
    let smtp = SmtpServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::default();
    let service = start(&settings(&smtp, &sqlite_url(&dir)), &clock).await;
    let addr = service.addr;
    let started = start_verification(addr, "late@example.org").await;
    let verification = started.json()["verification"].as_str().unwrap().to_owned();
    let resend_path = format!("/verifications/{verification}/resend");

    let early = post(addr, &resend_path, json!({})).await;
    assert_eq!((early.status, early.reason()), (429, "rate_limited".into()));
    let wait: i64 = early.header("Retry-After").unwrap().parse().unwrap();
    assert!((1..=30).contains(&wait), "{wait}");

    let first = last_code(&smtp, "late@example.org");
    clock.advance(601);
    let expired = confirm(addr, &verification, &first).await;
    assert_eq!((expired.status, expired.reason()), (422, "expired".into()));

    let resent = post(addr, &resend_path, json!({})).await;
    assert_eq!(resent.status, 201, "{}", resent.body);
    assert_eq!(smtp.emails_to("late@example.org").len(), 2);
    let second = last_code(&smtp, "late@example.org");
    if second != first {
        assert_eq!(confirm(addr, &verification, &first).await.reason(), "wrong");
    }
    assert_eq!(confirm(addr, &verification, &second).await.status, 200);
    service.stop().await;
}

#[tokio::test]
async fn the_binary_refuses_a_missing_setting_naming_it_and_the_fix() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gazette-contact"))
        .env_clear()
        .env("GAZETTE_LISTEN", "0.0.0.0:0")
        .env("GAZETTE_ALLOWED_ORIGINS", ORIGIN)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("GAZETTE_SMTP_URL") && said.contains("Set GAZETTE_SMTP_URL=smtps://"),
        "{said}"
    );
}

async fn count(database_url: &str, sql: &str) -> i64 {
    use sqlx::Row;
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(database_url).await.unwrap();
    let n = sqlx::query(sql)
        .fetch_one(&pool)
        .await
        .unwrap()
        .try_get::<i64, _>(0)
        .unwrap();
    pool.close().await;
    n
}

#[tokio::test]
async fn a_delivered_message_is_deleted_at_once_or_after_its_retention() {
    let smtp = SmtpServer::start().await;
    for (retention, kept_at_first) in [("0", 0), ("100", 1)] {
        let dir = tempfile::tempdir().unwrap();
        let url = sqlite_url(&dir);
        let mut settings = settings(&smtp, &url);
        settings.insert("GAZETTE_RETENTION".into(), retention.into());
        let clock = Clock::default();
        let service = start(&settings, &clock).await;
        let address = format!("kept{retention}@example.org");
        let token = verified_token(service.addr, &smtp, &address).await;
        let before = smtp.emails_to(NEWSROOM).len();
        assert_eq!(
            send_message(service.addr, &token, &address, MESSAGE)
                .await
                .status,
            201
        );
        eventually("the delivery", || {
            smtp.emails_to(NEWSROOM).len() == before + 1
        })
        .await;
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        assert_eq!(
            count(&url, "SELECT COUNT(*) FROM outbox").await,
            kept_at_first,
            "retention {retention}"
        );
        // Its key is still remembered, for a day.
        assert_eq!(count(&url, "SELECT COUNT(*) FROM idempotency").await, 1);
        clock.advance(200);
        tokio::time::sleep(std::time::Duration::from_millis(2_500)).await;
        assert_eq!(
            count(&url, "SELECT COUNT(*) FROM outbox").await,
            0,
            "retention {retention}, later"
        );
        service.stop().await;
    }
}
