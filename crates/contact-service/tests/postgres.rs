//! The same service on Postgres, as several instances run it: a throwaway cluster (initdb and
//! pg_ctl on a temporary folder, on a loopback port) when Postgres's programs are installed
//! (`apt-get install postgresql`); otherwise the test says it was skipped.
// Test code: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use gazette_contact::Clock;

fn postgres_bin() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("bin"))
        .collect();
    versions.sort();
    versions
        .into_iter()
        .rev()
        .find(|bin| bin.join("initdb").exists() && bin.join("pg_ctl").exists())
}

/// Postgres refuses to run as root: run its programs as the `postgres` user then.
fn run(bin: &Path, program: &str, args: &[&str]) {
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0"));
    let mut command = if is_root {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(bin.join(program));
        c
    } else {
        Command::new(bin.join(program))
    };
    let output = command.args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{program}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

struct Cluster {
    bin: PathBuf,
    data: PathBuf,
    _dir: tempfile::TempDir,
    port: u16,
}

impl Cluster {
    fn start(bin: PathBuf) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let _ = Command::new("chown")
            .args(["-R", "postgres"])
            .arg(dir.path())
            .status();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        run(
            &bin,
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-U",
                "gazette",
                "--auth=trust",
                "-E",
                "UTF8",
            ],
        );
        let options = format!(
            "-p {port} -c listen_addresses=127.0.0.1 -k {}",
            dir.path().display()
        );
        run(
            &bin,
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap(),
                "-o",
                &options,
                "-w",
                "-l",
                dir.path().join("log").to_str().unwrap(),
                "start",
            ],
        );
        Self {
            bin,
            data,
            _dir: dir,
            port,
        }
    }

    fn url(&self) -> String {
        format!("postgres://gazette@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        run(
            &self.bin,
            "pg_ctl",
            &["-D", self.data.to_str().unwrap(), "-m", "immediate", "stop"],
        );
    }
}

#[tokio::test]
async fn two_instances_on_postgres_share_limits_and_deliver_each_message_once() {
    let Some(bin) = postgres_bin() else {
        // Past the test harness's capture, so that a passing run still says what it did not do.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED the Postgres test: no initdb under /usr/lib/postgresql (apt-get install postgresql)"
        );
        return;
    };
    let cluster = Cluster::start(bin);
    let smtp = SmtpServer::start().await;
    let settings = settings(&smtp, &cluster.url());
    let clock = Clock::default();
    let one = start(&settings, &clock).await;
    let two = start(&settings, &clock).await;

    // A code asked of one instance is confirmed on the other.
    let started = start_verification(one.addr, "pg@example.org").await;
    assert_eq!(started.status, 201, "{}", started.body);
    let verification = started.json()["verification"].as_str().unwrap().to_owned();
    let verified = confirm(two.addr, &verification, &last_code(&smtp, "pg@example.org")).await;
    assert_eq!(verified.status, 200, "{}", verified.body);
    let token = verified.json()["token"].as_str().unwrap().to_owned();

    // The same key on both instances at once: one message, delivered once.
    let (a, b) = tokio::join!(
        send_message(one.addr, &token, "pg-key", "Sent to two instances at once."),
        send_message(two.addr, &token, "pg-key", "Sent to two instances at once.")
    );
    assert_eq!((a.status, b.status), (201, 201), "{} {}", a.body, b.body);
    assert_eq!(a.json()["id"], b.json()["id"]);
    eventually("the delivery", || smtp.emails_to(NEWSROOM).len() == 1).await;

    // The per-address limit is in the database: three codes an hour, whichever instance is asked.
    assert_eq!(
        start_verification(two.addr, "pg@example.org").await.status,
        201
    );
    assert_eq!(
        start_verification(one.addr, "pg@example.org").await.status,
        201
    );
    for instance in [one.addr, two.addr] {
        let refused = start_verification(instance, "pg@example.org").await;
        assert_eq!(
            (refused.status, refused.reason()),
            (429, "rate_limited".into())
        );
    }
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(smtp.emails_to(NEWSROOM).len(), 1);
    one.stop().await;
    two.stop().await;
}
