//! Getting bundle files over the network, with a deadline, and errors a reader can act on.

use gloo_net::http::Request;
use leptos::prelude::set_timeout;
use std::{fmt, time::Duration};
use web_sys::AbortController;

use crate::edition::DecodeError;

/// Past this, a request is abandoned and the reader offered a retry instead of an endless spinner.
const DEADLINE: Duration = Duration::from_secs(10);

/// Why a bundle file could not be shown.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// No answer: offline, or the server unreachable.
    Network,
    /// No answer within the deadline.
    Timeout,
    /// The server answered with an error status.
    Status(u16),
    /// An answer, but not one we can read.
    Decode(DecodeError),
}

impl LoadError {
    /// Whether asking again could help (it cannot for a file that is simply not there).
    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::Status(404 | 410))
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Network => {
                f.write_str("the newsroom could not be reached. Check your connection")
            }
            Self::Timeout => write!(
                f,
                "the newsroom did not answer within {} seconds",
                DEADLINE.as_secs()
            ),
            Self::Status(404 | 410) => f.write_str("it is not on the server (HTTP 404)"),
            Self::Status(status @ 500..) => {
                write!(f, "the newsroom's server had a problem (HTTP {status})")
            }
            Self::Status(status) => write!(f, "the server refused the request (HTTP {status})"),
            Self::Decode(error) => error.fmt(f),
        }
    }
}

/// Fetches `url` as text, giving up after the deadline.
pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let controller = AbortController::new().ok();
    let signal = controller.as_ref().map(AbortController::signal);
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    if let Some(controller) = controller.clone() {
        let timed_out = timed_out.clone();
        set_timeout(
            move || {
                timed_out.set(true);
                controller.abort();
            },
            DEADLINE,
        );
    }
    let failed = |_| {
        if timed_out.get() {
            LoadError::Timeout
        } else {
            LoadError::Network
        }
    };
    let response = Request::get(url)
        .abort_signal(signal.as_ref())
        .send()
        .await
        .map_err(failed)?;
    if !response.ok() {
        return Err(LoadError::Status(response.status()));
    }
    response.text().await.map_err(failed)
}
