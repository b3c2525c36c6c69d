//! The load command (`.ci/load`): many readers through the whole flow at once, against the service
//! on loopback (SQLite, delivering over SMTP to a server in this process), then a table of
//! throughput and latency per request, and the count of what the newsroom received: nothing may
//! be lost, nothing delivered twice.
//!
//!   cargo run --example load -p gazette-contact -- [readers] [at once]     (500 and 50 by default)
#![allow(clippy::unwrap_used, clippy::expect_used)] // a load command: a panic is a failed run

#[path = "../tests/common/mod.rs"]
mod common;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::*;
use gazette_contact::Clock;
use tokio::sync::{Mutex, Semaphore};

type Timings = Arc<Mutex<HashMap<&'static str, Vec<Duration>>>>;

async fn timed(
    timings: &Timings,
    kind: &'static str,
    call: impl std::future::Future<Output = Answer>,
) -> Answer {
    let started = Instant::now();
    let answer = call.await;
    timings
        .lock()
        .await
        .entry(kind)
        .or_default()
        .push(started.elapsed());
    answer
}

/// One reader: asks for a code, confirms it, sends a message; every tenth sends it again with the
/// same Idempotency-Key, as a reader whose connection dropped would.
async fn reader(n: usize, addr: std::net::SocketAddr, smtp: SmtpServer, timings: Timings) {
    let email = format!("reader{n}@example.org");
    let started = timed(
        &timings,
        "start (code emailed)",
        start_verification(addr, &email),
    )
    .await;
    assert_eq!(started.status, 201, "{}", started.body);
    let verification = started.json()["verification"].as_str().unwrap().to_owned();
    let code = last_code(&smtp, &email);
    let verified = timed(&timings, "confirm", confirm(addr, &verification, &code)).await;
    assert_eq!(verified.status, 200, "{}", verified.body);
    let token = verified.json()["token"].as_str().unwrap().to_owned();
    let key = format!("load-{n}");
    let message = format!("Message number {n} from the load command, to arrive exactly once.");
    let sent = timed(
        &timings,
        "send message",
        send_message(addr, &token, &key, &message),
    )
    .await;
    assert_eq!(sent.status, 201, "{}", sent.body);
    if n.is_multiple_of(10) {
        let again = timed(
            &timings,
            "send again (same key)",
            send_message(addr, &token, &key, &message),
        )
        .await;
        assert_eq!(again.json()["id"], sent.json()["id"]);
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at].as_secs_f64() * 1_000.0
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args()
        .skip(1)
        .map(|a| a.parse::<usize>().expect("a number"));
    let readers = args.next().unwrap_or(500);
    let at_once = args.next().unwrap_or(50);
    let smtp = SmtpServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut settings = settings(&smtp, &sqlite_url(&dir));
    // Every reader comes from 127.0.0.1: the per-client and global caps are raised for the run.
    for name in [
        "GAZETTE_CODES_PER_CLIENT",
        "GAZETTE_CODES_GLOBAL",
        "GAZETTE_TRIES_PER_CLIENT",
    ] {
        settings.insert(name.into(), "1000000".into());
    }
    let service = start(&settings, &Clock::default()).await;
    let timings: Timings = Arc::default();
    let gate = Arc::new(Semaphore::new(at_once));
    let began = Instant::now();
    let mut tasks = Vec::new();
    for n in 0..readers {
        let (gate, smtp, timings) = (gate.clone(), smtp.clone(), timings.clone());
        let addr = service.addr;
        tasks.push(tokio::spawn(async move {
            let _turn = gate.acquire().await.unwrap();
            reader(n, addr, smtp, timings).await;
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let answered = began.elapsed();
    let deadline = Instant::now() + Duration::from_secs(60);
    while smtp.emails_to(NEWSROOM).len() < readers && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let all_delivered = began.elapsed();
    tokio::time::sleep(Duration::from_secs(3)).await; // room for a duplicate to show up
    service.stop().await;

    println!(
        "{readers} readers, {at_once} at a time, through the whole flow on loopback ({})",
        if cfg!(debug_assertions) {
            "debug build"
        } else {
            "release build"
        }
    );
    println!();
    println!("| request | count | per second | p50 ms | p99 ms |");
    println!("|---|---:|---:|---:|---:|");
    let timings = timings.lock().await;
    for kind in [
        "start (code emailed)",
        "confirm",
        "send message",
        "send again (same key)",
    ] {
        let mut times = timings.get(kind).cloned().unwrap_or_default();
        times.sort();
        if times.is_empty() {
            continue;
        }
        let rate = times.len() as f64 / answered.as_secs_f64();
        println!(
            "| {kind} | {} | {rate:.0} | {:.1} | {:.1} |",
            times.len(),
            percentile(&times, 0.5),
            percentile(&times, 0.99)
        );
    }
    let letters = smtp.emails_to(NEWSROOM);
    let mut per_reader: HashMap<String, usize> = HashMap::new();
    for letter in &letters {
        *per_reader
            .entry(letter.header("Reply-To").unwrap_or_default())
            .or_default() += 1;
    }
    let twice = per_reader.values().filter(|n| **n > 1).count();
    let lost = readers - per_reader.len();
    println!();
    println!(
        "whole flow: {:.1} s for all answers, {:.1} s until the last message was delivered; delivered {} of {readers}, lost {lost}, delivered twice {twice}",
        answered.as_secs_f64(),
        all_delivered.as_secs_f64(),
        letters.len(),
    );
    if lost > 0 || twice > 0 || letters.len() != readers {
        eprintln!("FAILED: every message must arrive exactly once");
        std::process::exit(1);
    }
}
