//! Delivery of accepted messages: a message is in the database before the reader is told it was
//! sent, and stays there until the newsroom's server has taken it, retried with backoff. With
//! several instances, a claim (`claimed_until`) keeps two from sending the same message.

use std::sync::Arc;
use std::time::Duration;

use crate::db::{int, text};
use crate::mail::{newsroom_email, Letter};
use crate::server::AppState;

/// How long after the n-th failure the next try comes: 10 s, doubling, at most an hour.
pub fn backoff(failures: i64) -> i64 {
    let exponent = u32::try_from(failures.clamp(1, 20) - 1).unwrap_or(0);
    10i64
        .saturating_mul(2i64.saturating_pow(exponent))
        .min(3_600)
}

/// Runs until the service stops: on every new message, and every few seconds for retries and for
/// the sweep of what is no longer needed.
pub async fn run(state: Arc<AppState>, mut stop: tokio::sync::watch::Receiver<bool>) {
    let mut last_sweep = 0;
    loop {
        if let Err(error) = deliver_due(&state).await {
            tracing::error!("outbox: {error}");
        }
        let now = state.clock.now();
        if now - last_sweep >= 60 {
            last_sweep = now;
            let limits = &state.limits;
            if let Err(error) = state
                .db
                .sweep(
                    now,
                    state.retention,
                    limits.idempotency,
                    limits.window.max(limits.code_lifetime),
                )
                .await
            {
                tracing::error!("sweep: {error}");
            }
        }
        tokio::select! {
            _ = state.wake.notified() => {}
            _ = tokio::time::sleep(Duration::from_secs(2)) => {}
            _ = stop.changed() => return,
        }
    }
}

/// Delivers every message that is due, several at a time (each waits mostly on the SMTP server).
async fn deliver_due(state: &Arc<AppState>) -> Result<(), sqlx::Error> {
    loop {
        let now = state.clock.now();
        let due = sqlx::query(
            "SELECT id FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= $1 AND claimed_until < $1
             ORDER BY next_attempt_at LIMIT 32",
        )
        .bind(now)
        .fetch_all(&state.db.pool)
        .await?;
        if due.is_empty() {
            return Ok(());
        }
        let mut sending = tokio::task::JoinSet::new();
        for row in due {
            let (state, id) = (state.clone(), text(&row, "id")?);
            sending.spawn(async move { deliver(&state, &id, now).await });
            while sending.len() >= 8 {
                join_next(&mut sending).await?;
            }
        }
        while !sending.is_empty() {
            join_next(&mut sending).await?;
        }
    }
}

async fn join_next(
    sending: &mut tokio::task::JoinSet<Result<(), sqlx::Error>>,
) -> Result<(), sqlx::Error> {
    match sending.join_next().await {
        Some(Ok(outcome)) => outcome,
        Some(Err(error)) => {
            tracing::error!("outbox: a delivery task failed: {error}");
            Ok(())
        }
        None => Ok(()),
    }
}

async fn deliver(state: &AppState, id: &str, now: i64) -> Result<(), sqlx::Error> {
    let claimed = sqlx::query("UPDATE outbox SET claimed_until = $2 WHERE id = $1 AND delivered_at IS NULL AND claimed_until < $3")
        .bind(id)
        .bind(now + 120)
        .bind(now)
        .execute(&state.db.pool)
        .await?
        .rows_affected();
    if claimed == 0 {
        return Ok(()); // another instance has it
    }
    let row = sqlx::query(
        "SELECT reply_email, reply_name, subject, body, attempts FROM outbox WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&state.db.pool)
    .await?;
    let (reply_email, reply_name, subject, body) = (
        text(&row, "reply_email")?,
        text(&row, "reply_name")?,
        text(&row, "subject")?,
        text(&row, "body")?,
    );
    let letter = Letter {
        id,
        reply_name: &reply_name,
        reply_email: &reply_email,
        subject: &subject,
        body: &body,
    };
    let outcome = match newsroom_email(&state.sender, &state.newsroom, &letter) {
        Ok(email) => state.mailer.send("message", email).await,
        Err(error) => Err(error),
    };
    let now = state.clock.now();
    match outcome {
        Ok(()) if state.retention == 0 => {
            sqlx::query("DELETE FROM outbox WHERE id = $1")
                .bind(id)
                .execute(&state.db.pool)
                .await?;
            tracing::info!(message = %id, "delivered");
        }
        Ok(()) => {
            sqlx::query("UPDATE outbox SET delivered_at = $2, claimed_until = 0 WHERE id = $1")
                .bind(id)
                .bind(now)
                .execute(&state.db.pool)
                .await?;
            tracing::info!(message = %id, "delivered");
        }
        Err(error) => {
            let failures = int(&row, "attempts")? + 1;
            let wait = backoff(failures);
            tracing::warn!(message = %id, failures, retry_in = wait, "delivery failed: {error}");
            sqlx::query("UPDATE outbox SET attempts = $2, next_attempt_at = $3, claimed_until = 0, last_error = $4 WHERE id = $1")
                .bind(id)
                .bind(failures)
                .bind(now + wait)
                .bind(error)
                .execute(&state.db.pool)
                .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn backoff_doubles_up_to_an_hour() {
        let waits: Vec<i64> = (1..=12).map(super::backoff).collect();
        assert_eq!(&waits[..5], &[10, 20, 40, 80, 160]);
        assert_eq!(waits[11], 3_600);
    }
}
