//! The database: SQLite (one instance, the default) or Postgres (several instances), through
//! sqlx's `Any` driver with plain SQL both understand. Every time is seconds since the epoch.

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row};

#[derive(Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub postgres: bool,
}

const SCHEMA: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS verifications (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL,
        name TEXT NOT NULL,
        code_hash TEXT NOT NULL,
        expires_at BIGINT NOT NULL,
        resend_at BIGINT NOT NULL,
        attempts BIGINT NOT NULL,
        used BIGINT NOT NULL,
        created_at BIGINT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS verifications_created ON verifications (created_at)",
    "CREATE TABLE IF NOT EXISTS tokens (
        hash TEXT PRIMARY KEY,
        email TEXT NOT NULL,
        name TEXT NOT NULL,
        expires_at BIGINT NOT NULL,
        used_at BIGINT)",
    "CREATE TABLE IF NOT EXISTS idempotency (
        key TEXT PRIMARY KEY,
        message_id TEXT NOT NULL,
        created_at BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS outbox (
        id TEXT PRIMARY KEY,
        reply_email TEXT NOT NULL,
        reply_name TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        attempts BIGINT NOT NULL,
        next_attempt_at BIGINT NOT NULL,
        claimed_until BIGINT NOT NULL,
        delivered_at BIGINT,
        last_error TEXT)",
    "CREATE INDEX IF NOT EXISTS outbox_due ON outbox (delivered_at, next_attempt_at)",
    "CREATE TABLE IF NOT EXISTS rate_events (
        bucket TEXT NOT NULL,
        at BIGINT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS rate_events_bucket ON rate_events (bucket, at)",
];

impl Db {
    pub async fn connect(url: &str) -> Result<Self, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let postgres = url.starts_with("postgres");
        if !postgres {
            create_parent_folder(url);
        }
        // SQLite has one writer at a time; one connection makes that queue explicit instead of
        // retrying on "database is locked". Writes are short, and no transaction waits on mail.
        let pool = AnyPoolOptions::new()
            .max_connections(if postgres { 16 } else { 1 })
            .after_connect(move |connection, _| {
                Box::pin(async move {
                    if !postgres {
                        // WAL with NORMAL: a commit survives the process stopping or crashing (only
                        // a power cut may lose the last moments), at a fraction of FULL's fsyncs.
                        let pragmas = [
                            "PRAGMA journal_mode = WAL",
                            "PRAGMA synchronous = NORMAL",
                            "PRAGMA busy_timeout = 10000",
                        ];
                        for pragma in pragmas {
                            sqlx::query(pragma).execute(&mut *connection).await?;
                        }
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await?;
        let db = Self { pool, postgres };
        for statement in SCHEMA {
            sqlx::query(statement).execute(&db.pool).await?;
        }
        Ok(db)
    }

    /// Deletes what is no longer needed: old verifications, used or expired tokens, idempotency
    /// keys past their day, delivered messages past their retention, and spent rate events.
    pub async fn sweep(
        &self,
        now: i64,
        retention: i64,
        idempotency: i64,
        window: i64,
    ) -> Result<(), sqlx::Error> {
        let pool = &self.pool;
        sqlx::query("DELETE FROM verifications WHERE created_at < $1")
            .bind(now - 24 * 3_600)
            .execute(pool)
            .await?;
        sqlx::query("DELETE FROM tokens WHERE expires_at < $1 OR used_at IS NOT NULL")
            .bind(now)
            .execute(pool)
            .await?;
        sqlx::query("DELETE FROM idempotency WHERE created_at < $1")
            .bind(now - idempotency)
            .execute(pool)
            .await?;
        sqlx::query("DELETE FROM outbox WHERE delivered_at IS NOT NULL AND delivered_at <= $1")
            .bind(now - retention)
            .execute(pool)
            .await?;
        sqlx::query("DELETE FROM rate_events WHERE at <= $1")
            .bind(now - window)
            .execute(pool)
            .await?;
        Ok(())
    }
}

/// `sqlite://target/x.sqlite3?mode=rwc` creates the file but not its folder.
fn create_parent_folder(url: &str) {
    let path = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let path = path.split('?').next().unwrap_or("");
    if let Some(parent) = std::path::Path::new(path).parent() {
        if !parent.as_os_str().is_empty() {
            let _ = std::fs::create_dir_all(parent);
        }
    }
}

pub fn text(row: &AnyRow, column: &str) -> Result<String, sqlx::Error> {
    row.try_get::<String, _>(column)
}

pub fn int(row: &AnyRow, column: &str) -> Result<i64, sqlx::Error> {
    row.try_get::<i64, _>(column)
}
