//! Development mode, as `.ci/serve` runs it: no SMTP, every email a `.eml` file in the outbox
//! folder, and the code printed on the console too.
// Test code: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::Stdio;

use common::{request, ORIGIN};
use tokio::io::{AsyncBufReadExt, BufReader};

#[tokio::test]
async fn emails_land_in_the_outbox_folder_and_the_code_on_the_console() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = dir.path().join("outbox");
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_gazette-contact"))
        .env_clear()
        .env("GAZETTE_LISTEN", "127.0.0.1:0")
        .env("GAZETTE_ALLOWED_ORIGINS", ORIGIN)
        .env("GAZETTE_OUTBOX", &outbox)
        .env(
            "GAZETTE_DATABASE_URL",
            format!("sqlite://{}/dev.sqlite3?mode=rwc", dir.path().display()),
        )
        .env(
            "GAZETTE_SECRET",
            "a development secret of 32 characters or more",
        )
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut addr = None;
    while let Some(line) = lines.next_line().await.unwrap() {
        if let Some(rest) = line.split("listening on http://").nth(1) {
            assert!(
                line.contains(&format!("emails are written to {}", outbox.display())),
                "{line}"
            );
            addr = Some(rest.split('/').next().unwrap().parse().unwrap());
            break;
        }
    }
    let addr = addr.expect("the service says where it listens");
    let body = br#"{"name": "Dev Reader", "email": "dev@example.org"}"#;
    let answer = request(
        addr,
        "POST",
        "/verifications",
        &[("Origin", ORIGIN), ("Content-Type", "application/json")],
        body,
    )
    .await;
    assert_eq!(answer.status, 201, "{}", answer.body);

    let printed = loop {
        let line = lines.next_line().await.unwrap().unwrap();
        if let Some(code) = line.strip_prefix("gazette-contact: the code for dev@example.org is ") {
            break code.to_owned();
        }
    };
    let files: Vec<_> = std::fs::read_dir(&outbox)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].to_string_lossy().ends_with("-code.eml"));
    let email = std::fs::read_to_string(&files[0]).unwrap();
    assert!(email.contains("To: dev@example.org"), "{email}");
    assert!(email.contains(&format!("    {printed}\r\n")), "{email}");
    child.kill().await.unwrap();
}
