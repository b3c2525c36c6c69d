//! The four requests of the protocol (README, "The contact form and its service"), checked with
//! the form's own validators from `gazette_core`.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use gazette_core::contact::field::Field;
use gazette_core::contact::protocol::{
    ConfirmCode, MessageSent, SendMessage, StartVerification, VerificationStarted, Verified,
};
use lettre::message::Mailbox;

use crate::api::{body, ApiError};
use crate::crypto::{random_code, random_hex, same};
use crate::db::{int, text};
use crate::limits::{take, Bucket};
use crate::server::AppState;

type Shared = State<Arc<AppState>>;

fn check(field: Field, value: &str) -> Result<String, ApiError> {
    field
        .check(value)
        .map_err(|message| ApiError::field(field.id(), "invalid", message))
}

/// Who is asking, for the per-client limits: the peer, or the last address the load balancer
/// added; an IPv6 client counts by its /64, which one machine usually holds whole.
fn client(state: &AppState, headers: &HeaderMap, peer: SocketAddr) -> String {
    let forwarded = state.client_ip_header.as_deref().and_then(|name| {
        let values = headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(",");
        values
            .rsplit(',')
            .map(str::trim)
            .find(|v| !v.is_empty())
            .and_then(|v| v.parse::<IpAddr>().ok())
    });
    match forwarded.unwrap_or(peer.ip()) {
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => {
            let segments = ip.segments();
            format!(
                "{:x}:{:x}:{:x}:{:x}::/64",
                segments[0], segments[1], segments[2], segments[3]
            )
        }
    }
}

/// The code limits: this address, this client, everyone.
async fn take_code_slot(
    state: &AppState,
    email: &str,
    client: &str,
    now: i64,
) -> Result<(), ApiError> {
    let limits = &state.limits;
    let buckets = vec![
        Bucket {
            key: format!(
                "code:address:{}",
                state.secret.tag(&["address", &email.to_lowercase()])
            ),
            limit: limits.codes_per_address,
        },
        Bucket {
            key: format!("code:client:{client}"),
            limit: limits.codes_per_client,
        },
        Bucket {
            key: "code:global".into(),
            limit: limits.codes_global,
        },
    ];
    take(&state.db, buckets, limits.window, now)
        .await?
        .map_err(|seconds| {
            ApiError::rate_limited(
                seconds,
                "Too many codes were asked for. Wait, then try again.",
            )
        })
}

/// The address as the mailer takes it. The form's check is the HTML standard's; this one is the
/// mail library's, which a few addresses the standard allows do not pass.
fn mailbox(email: &str) -> Result<Mailbox, ApiError> {
    email.parse().map_err(|_| {
        ApiError::field(
            "email",
            "invalid",
            "This is not an email address we can send to.",
        )
    })
}

async fn send_code(state: &AppState, to: &Mailbox, code: &str) -> Result<(), ApiError> {
    let message = crate::mail::code_email(&state.sender, to, code, state.limits.code_lifetime / 60)
        .map_err(|e| ApiError::internal("code email", e))?;
    state
        .mailer
        .send("code", message)
        .await
        .map_err(ApiError::mail_down)?;
    if state.mailer.is_outbox() {
        // Development only: the code where the person running the service is looking.
        println!("gazette-contact: the code for {} is {code}", to.email);
    }
    Ok(())
}

fn started(state: &AppState, id: String) -> Response {
    let answer = VerificationStarted {
        verification: id,
        resend_after: u32::try_from(state.limits.resend_cooldown).unwrap_or(u32::MAX),
    };
    (StatusCode::CREATED, Json(answer)).into_response()
}

pub async fn start(
    State(state): Shared,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    payload: Result<Json<StartVerification>, JsonRejection>,
) -> Result<Response, ApiError> {
    let request = body(payload)?;
    let name = check(Field::Name, &request.name)?;
    let email = check(Field::Email, &request.email)?;
    // Refused before a code slot is used up.
    let to = mailbox(&email)?;
    let now = state.clock.now();
    take_code_slot(&state, &email, &client(&state, &headers, peer), now).await?;
    let id = random_hex(16)?;
    let code = random_code()?;
    sqlx::query(
        "INSERT INTO verifications (id, email, name, code_hash, expires_at, resend_at, attempts, used, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 0, 0, $7)",
    )
    .bind(&id)
    .bind(&email)
    .bind(&name)
    .bind(state.secret.tag(&["code", &id, &code]))
    .bind(now + state.limits.code_lifetime)
    .bind(now + state.limits.resend_cooldown)
    .bind(now)
    .execute(&state.db.pool)
    .await?;
    if let Err(error) = send_code(&state, &to, &code).await {
        sqlx::query("DELETE FROM verifications WHERE id = $1")
            .bind(&id)
            .execute(&state.db.pool)
            .await?;
        return Err(error);
    }
    tracing::info!(verification = %id, "code sent");
    Ok(started(&state, id))
}

pub async fn resend(
    State(state): Shared,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let now = state.clock.now();
    let row = sqlx::query("SELECT email, resend_at FROM verifications WHERE id = $1 AND used = 0")
        .bind(&id)
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or_else(ApiError::unknown_verification)?;
    let (email, resend_at) = (text(&row, "email")?, int(&row, "resend_at")?);
    // Checked when the verification started, so a stored address that fails is the service's fault.
    let to: Mailbox = email
        .parse()
        .map_err(|e| ApiError::internal("stored address", e))?;
    if now < resend_at {
        return Err(ApiError::rate_limited(
            resend_at - now,
            "Wait a little before asking for another code.",
        ));
    }
    take_code_slot(&state, &email, &client(&state, &headers, peer), now).await?;
    let code = random_code()?;
    // Conditional on the cooldown, so two resends at once make one new code.
    let changed = sqlx::query(
        "UPDATE verifications SET code_hash = $2, expires_at = $3, resend_at = $4, attempts = 0
         WHERE id = $1 AND used = 0 AND resend_at <= $5",
    )
    .bind(&id)
    .bind(state.secret.tag(&["code", &id, &code]))
    .bind(now + state.limits.code_lifetime)
    .bind(now + state.limits.resend_cooldown)
    .bind(now)
    .execute(&state.db.pool)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(ApiError::rate_limited(
            state.limits.resend_cooldown,
            "Wait a little before asking for another code.",
        ));
    }
    send_code(&state, &to, &code).await?;
    tracing::info!(verification = %id, "code resent");
    Ok(started(&state, id))
}

pub async fn confirm(
    State(state): Shared,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<String>,
    payload: Result<Json<ConfirmCode>, JsonRejection>,
) -> Result<Response, ApiError> {
    let request = body(payload)?;
    let code = check(Field::Code, &request.code)?;
    let now = state.clock.now();
    let limits = &state.limits;
    let bucket = Bucket {
        key: format!("try:client:{}", client(&state, &headers, peer)),
        limit: limits.tries_per_client,
    };
    take(&state.db, vec![bucket], limits.window, now)
        .await?
        .map_err(|seconds| {
            ApiError::rate_limited(seconds, "Too many tries. Wait, then try again.")
        })?;
    // Counting the try and reading the code is one statement, so parallel guesses count too.
    let row = sqlx::query(
        "UPDATE verifications SET attempts = attempts + 1 WHERE id = $1 AND used = 0 AND attempts < $2
         RETURNING code_hash, expires_at, email, name",
    )
    .bind(&id)
    .bind(limits.tries_per_code)
    .fetch_optional(&state.db.pool)
    .await?;
    let Some(row) = row else {
        let spent = sqlx::query("SELECT resend_at FROM verifications WHERE id = $1 AND used = 0")
            .bind(&id)
            .fetch_optional(&state.db.pool)
            .await?;
        return Err(match spent {
            Some(row) => ApiError {
                field: Some("code"),
                ..ApiError::rate_limited(
                    int(&row, "resend_at")? - now,
                    "Too many wrong codes. Ask for a new code.",
                )
            },
            None => ApiError::unknown_verification(),
        });
    };
    if now >= int(&row, "expires_at")? {
        return Err(ApiError::field(
            "code",
            "expired",
            "This code has expired. Ask for a new one.",
        ));
    }
    if !same(
        &state.secret.tag(&["code", &id, &code]),
        &text(&row, "code_hash")?,
    ) {
        return Err(ApiError::field("code", "wrong", "That code isn't right."));
    }
    let token = random_hex(32)?;
    let mut transaction = state.db.pool.begin().await?;
    let used = sqlx::query("UPDATE verifications SET used = 1 WHERE id = $1 AND used = 0")
        .bind(&id)
        .execute(&mut *transaction)
        .await?;
    if used.rows_affected() == 0 {
        return Err(ApiError::unknown_verification());
    }
    sqlx::query(
        "INSERT INTO tokens (hash, email, name, expires_at, used_at) VALUES ($1, $2, $3, $4, NULL)",
    )
    .bind(state.secret.tag(&["token", &token]))
    .bind(text(&row, "email")?)
    .bind(text(&row, "name")?)
    .bind(now + limits.token_lifetime)
    .execute(&mut *transaction)
    .await?;
    transaction.commit().await?;
    tracing::info!(verification = %id, "address verified");
    Ok((StatusCode::OK, Json(Verified { token })).into_response())
}

fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let key = headers
        .get("idempotency-key")
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    if key.is_empty() || key.len() > 200 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            None,
            "idempotency_key",
            "Send an Idempotency-Key header of 1 to 200 visible characters.",
        ));
    }
    Ok(key.to_owned())
}

pub async fn send(
    State(state): Shared,
    headers: HeaderMap,
    payload: Result<Json<SendMessage>, JsonRejection>,
) -> Result<Response, ApiError> {
    let key = idempotency_key(&headers)?;
    let request = body(payload)?;
    let subject = check(Field::Subject, &request.subject)?;
    let message = check(Field::Message, &request.message)?;
    let now = state.clock.now();
    let id = random_hex(12)?;
    let sent = |id: String| (StatusCode::CREATED, Json(MessageSent { id })).into_response();
    let mut transaction = state.db.pool.begin().await?;
    // The key first: a second request with it waits here for the first to finish, then answers
    // with the first one's id, even while that one is spending the token.
    let claimed = sqlx::query("INSERT INTO idempotency (key, message_id, created_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING")
        .bind(&key)
        .bind(&id)
        .bind(now)
        .execute(&mut *transaction)
        .await?
        .rows_affected();
    if claimed == 0 {
        transaction.rollback().await?;
        let earlier = sqlx::query("SELECT message_id FROM idempotency WHERE key = $1")
            .bind(&key)
            .fetch_one(&state.db.pool)
            .await?;
        return Ok(sent(text(&earlier, "message_id")?));
    }
    let reader = sqlx::query("UPDATE tokens SET used_at = $2 WHERE hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING email, name")
        .bind(state.secret.tag(&["token", &request.token]))
        .bind(now)
        .fetch_optional(&mut *transaction)
        .await?;
    let Some(reader) = reader else {
        transaction.rollback().await?;
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            "invalid_token",
            "Your verification has expired or was used. Verify your email address again.",
        ));
    };
    sqlx::query(
        "INSERT INTO outbox (id, reply_email, reply_name, subject, body, created_at, attempts, next_attempt_at, claimed_until, delivered_at, last_error)
         VALUES ($1, $2, $3, $4, $5, $6, 0, $6, 0, NULL, NULL)",
    )
    .bind(&id)
    .bind(text(&reader, "email")?)
    .bind(text(&reader, "name")?)
    .bind(&subject)
    .bind(&message)
    .bind(now)
    .execute(&mut *transaction)
    .await?;
    transaction.commit().await?;
    tracing::info!(message = %id, "message accepted");
    state.wake.notify_one();
    Ok(sent(id))
}

#[derive(serde::Deserialize)]
pub struct ExpireQuery {
    email: String,
}

/// Test hook (development mode on loopback only): expires every code sent to an address.
pub async fn expire(
    State(state): Shared,
    Query(query): Query<ExpireQuery>,
) -> Result<StatusCode, ApiError> {
    sqlx::query("UPDATE verifications SET expires_at = 0 WHERE email = $1")
        .bind(&query.email)
        .execute(&state.db.pool)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn health(State(state): Shared) -> Result<&'static str, ApiError> {
    sqlx::query("SELECT 1 AS up")
        .fetch_one(&state.db.pool)
        .await?;
    Ok("ok\n")
}

pub async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        None,
        "not_found",
        "No such endpoint.",
    )
}
