//! Rate limits kept in the database, so that several instances share them: a sliding window of
//! events per bucket. Taking several buckets is all or nothing.

use sqlx::Row;

use crate::db::Db;

pub struct Bucket {
    pub key: String,
    pub limit: i64,
}

/// Counts one event in every bucket, or in none: `Ok(Err(seconds))` says how long until the first
/// full bucket has room again.
pub async fn take(
    db: &Db,
    mut buckets: Vec<Bucket>,
    window: i64,
    now: i64,
) -> Result<Result<(), i64>, sqlx::Error> {
    // Locks are taken in one order, so two requests never wait for each other in a circle.
    buckets.sort_by(|a, b| a.key.cmp(&b.key));
    let mut transaction = db.pool.begin().await?;
    for bucket in &buckets {
        if db.postgres {
            // Two instances counting the same bucket at once would both see room.
            // (Wrapped: the lock function returns `void`, which the Any driver cannot carry.)
            sqlx::query(
                "SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext($1))) AS held",
            )
            .bind(&bucket.key)
            .execute(&mut *transaction)
            .await?;
        }
        let taken = sqlx::query(
            "INSERT INTO rate_events (bucket, at) SELECT $1, $2
             WHERE (SELECT COUNT(*) FROM rate_events WHERE bucket = $1 AND at > $3) < $4",
        )
        .bind(&bucket.key)
        .bind(now)
        .bind(now - window)
        .bind(bucket.limit)
        .execute(&mut *transaction)
        .await?
        .rows_affected();
        if taken == 0 {
            let oldest = sqlx::query(
                "SELECT MIN(at) AS oldest FROM rate_events WHERE bucket = $1 AND at > $2",
            )
            .bind(&bucket.key)
            .bind(now - window)
            .fetch_one(&mut *transaction)
            .await?
            .try_get::<Option<i64>, _>("oldest")?
            .unwrap_or(now);
            transaction.rollback().await?;
            return Ok(Err((oldest + window - now).max(1)));
        }
    }
    transaction.commit().await?;
    Ok(Ok(()))
}
