//! Putting the service together: the database, the mailer, the routes and their layers (CORS for
//! exactly the configured origins, our own Origin check, a body limit, a timeout, tracing), and the
//! outbox's delivery task.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use lettre::message::Mailbox;
use tokio::sync::{watch, Notify};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::api::{shape_refusals, ApiError};
use crate::clock::Clock;
use crate::config::{Config, Limits};
use crate::crypto::Secret;
use crate::db::Db;
use crate::handlers;
use crate::mail::{mailbox, Mailer};

pub struct AppState {
    pub db: Db,
    pub mailer: Mailer,
    pub secret: Secret,
    pub clock: Clock,
    pub limits: Limits,
    pub retention: i64,
    pub sender: Mailbox,
    pub newsroom: Mailbox,
    pub wake: Notify,
    pub origins: Vec<String>,
    pub client_ip_header: Option<String>,
}

#[derive(Debug)]
pub struct StartError(String);

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StartError {}

/// A started service: where it listens, its clock, and how to stop it.
pub struct Running {
    pub addr: SocketAddr,
    pub clock: Clock,
    stop: watch::Sender<bool>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
    db: Db,
}

impl Running {
    /// Stops taking requests, lets those under way finish, stops delivering, closes the database.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        for task in self.tasks {
            let _ = task.await;
        }
        self.db.pool.close().await;
    }
}

pub async fn start(config: Config) -> Result<Running, StartError> {
    start_with_clock(config, Clock::default()).await
}

pub async fn start_with_clock(config: Config, clock: Clock) -> Result<Running, StartError> {
    let db = Db::connect(&config.database_url).await.map_err(|error| {
        StartError(format!("GAZETTE_DATABASE_URL: cannot open the database: {error}. Check the URL, and that the database is running and reachable."))
    })?;
    let mailer = Mailer::new(&config.mail).map_err(StartError)?;
    let outbox_note = match &config.mail {
        crate::config::MailConfig::Outbox(folder) => format!(
            "development mode: emails are written to {}/",
            folder.display()
        ),
        crate::config::MailConfig::Smtp(_) => "emails go out by SMTP".to_owned(),
    };
    let state = Arc::new(AppState {
        db: db.clone(),
        mailer,
        secret: Secret::new(config.secret.clone()),
        clock: clock.clone(),
        limits: config.limits.clone(),
        retention: config.retention,
        sender: mailbox(&config.sender).map_err(|e| StartError(format!("GAZETTE_SENDER: {e}")))?,
        newsroom: mailbox(&config.newsroom)
            .map_err(|e| StartError(format!("GAZETTE_NEWSROOM: {e}")))?,
        wake: Notify::new(),
        origins: config.origins.clone(),
        client_ip_header: config.client_ip_header.clone(),
    });
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|error| {
            StartError(format!(
                "GAZETTE_LISTEN: cannot listen on {}: {error}. Choose a free address and port.",
                config.listen
            ))
        })?;
    let addr = listener
        .local_addr()
        .map_err(|error| StartError(error.to_string()))?;
    let (stop, stopped) = watch::channel(false);
    let app = router(state.clone(), &config).into_make_service_with_connect_info::<SocketAddr>();
    let mut shutdown = stopped.clone();
    let server = tokio::spawn(async move {
        let serving = axum::serve(listener, app).with_graceful_shutdown(async move {
            let _ = shutdown.changed().await;
        });
        if let Err(error) = serving.await {
            tracing::error!("server: {error}");
        }
    });
    let delivery = tokio::spawn(crate::outbox::run(state, stopped));
    tracing::info!("gazette-contact listening on http://{addr}/ ({outbox_note})");
    Ok(Running {
        addr,
        clock,
        stop,
        tasks: vec![server, delivery],
        db,
    })
}

fn router(state: Arc<AppState>, config: &Config) -> Router {
    let origins: Vec<HeaderValue> = config
        .origins
        .iter()
        .filter_map(|origin| HeaderValue::from_str(origin).ok())
        .collect();
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::POST])
        .allow_headers([
            header::CONTENT_TYPE,
            header::HeaderName::from_static("idempotency-key"),
        ])
        .expose_headers([header::RETRY_AFTER])
        .max_age(Duration::from_secs(3_600));
    let mut routes = Router::new()
        .route("/verifications", post(handlers::start))
        .route("/verifications/{id}/resend", post(handlers::resend))
        .route("/verifications/{id}/confirm", post(handlers::confirm))
        .route("/messages", post(handlers::send));
    if config.test_hooks {
        routes = routes.route("/_test/expire", post(handlers::expire));
    }
    routes
        .layer(middleware::from_fn_with_state(state.clone(), check_origin))
        .route("/health", get(handlers::health))
        .fallback(handlers::not_found)
        .layer(RequestBodyLimitLayer::new(config.limits.body_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(20),
        ))
        .layer(middleware::map_response(shape_refusals))
        .layer(cors)
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// CORS only tells the browser what it may read; this refuses the request itself when it comes
/// from a page on any other origin, or from no page at all.
async fn check_origin(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let allowed = request
        .headers()
        .get(header::ORIGIN)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|origin| {
            state
                .origins
                .iter()
                .any(|allowed| allowed.eq_ignore_ascii_case(origin))
        });
    if allowed {
        next.run(request).await
    } else {
        ApiError::new(
            StatusCode::FORBIDDEN,
            None,
            "origin",
            "Requests must come from the newsroom's site.",
        )
        .into_response()
    }
}

pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .try_init();
}

pub async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(_) => return interrupt.await.unwrap_or(()),
            };
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}
