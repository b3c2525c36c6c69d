//! The protocol's answers: every refusal is `{"error": {"field", "reason", "message"}}`, a 429
//! carries `Retry-After`, and a failure inside is logged here and never shown in detail.

use axum::extract::rejection::JsonRejection;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use gazette_core::contact::protocol::{ErrorBody, Rejection};

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub field: Option<&'static str>,
    pub reason: &'static str,
    pub message: String,
    pub retry_after: Option<i64>,
}

impl ApiError {
    pub fn new(
        status: StatusCode,
        field: Option<&'static str>,
        reason: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Self {
            status,
            field,
            reason,
            message: message.into(),
            retry_after: None,
        }
    }

    pub fn field(field: &'static str, reason: &'static str, message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(field),
            reason,
            message,
        )
    }

    pub fn rate_limited(seconds: i64, message: &str) -> Self {
        Self {
            retry_after: Some(seconds.max(1)),
            ..Self::new(StatusCode::TOO_MANY_REQUESTS, None, "rate_limited", message)
        }
    }

    pub fn unknown_verification() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            None,
            "unknown_verification",
            "This verification is over or unknown. Start again with your email address.",
        )
    }

    pub fn internal(what: &str, error: impl std::fmt::Display) -> Self {
        tracing::error!("{what}: {error}");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            None,
            "internal",
            "The contact service had a problem.",
        )
    }

    pub fn mail_down(error: impl std::fmt::Display) -> Self {
        tracing::warn!("sending a code failed: {error}");
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            None,
            "mail_unavailable",
            "We could not send the email just now. Try again in a minute.",
        )
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        Self::internal("database", error)
    }
}

impl From<getrandom::Error> for ApiError {
    fn from(error: getrandom::Error) -> Self {
        Self::internal("random source", error)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: Rejection {
                field: self.field.map(str::to_owned),
                reason: self.reason.to_owned(),
                message: self.message,
            },
        };
        let mut response = (self.status, Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}

/// The body as the protocol type, or the protocol's refusal of it.
pub fn body<T>(payload: Result<Json<T>, JsonRejection>) -> Result<T, ApiError> {
    payload.map(|Json(value)| value).map_err(|rejection| {
        let status = rejection.status();
        let (reason, message) = match status {
            StatusCode::PAYLOAD_TOO_LARGE => ("too_large", "The request is too large."),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => {
                ("not_json", "Send the body as application/json.")
            }
            _ => (
                "bad_request",
                "The request body is not what this endpoint takes.",
            ),
        };
        ApiError::new(
            if status == StatusCode::UNPROCESSABLE_ENTITY {
                StatusCode::BAD_REQUEST
            } else {
                status
            },
            None,
            reason,
            message,
        )
    })
}

/// Gives a refusal made outside the handlers (no route, a body over the limit, a timeout, a wrong
/// method) the protocol's shape.
pub async fn shape_refusals(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (reason, message) = match status {
        StatusCode::NOT_FOUND => ("not_found", "No such endpoint."),
        StatusCode::METHOD_NOT_ALLOWED => ("method_not_allowed", "Every request is a POST."),
        StatusCode::REQUEST_TIMEOUT => ("timeout", "The request took too long."),
        StatusCode::PAYLOAD_TOO_LARGE => ("too_large", "The request is too large."),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ("not_json", "Send the body as application/json."),
        _ => ("error", "The request was refused."),
    };
    let mut shaped = ApiError::new(status, None, reason, message).into_response();
    for (name, value) in response.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            shaped.headers_mut().insert(name.clone(), value.clone());
        }
    }
    shaped
}
