//! Talking to servers with a deadline, and errors a reader can act on.

use gloo_net::http::{Request, RequestBuilder};
use leptos::prelude::set_timeout;
use std::{cell::Cell, fmt, rc::Rc, time::Duration};
use web_sys::AbortController;

use crate::edition::DecodeError;

/// Past this, a request is abandoned and the reader offered a retry instead of an endless spinner.
pub const DEADLINE: Duration = Duration::from_secs(10);

/// The largest answer read. The largest real file, a chunk of 1,000 headlines, is about 250 KB; a
/// body far beyond that is a misconfigured server, and decoding it would freeze the page.
const MAX_BODY: usize = 4 * 1024 * 1024;

/// Why a bundle file could not be shown.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// No answer: offline, or the server unreachable.
    Network,
    /// No answer within the deadline.
    Timeout,
    /// The server answered with an error status.
    Status(u16),
    /// An answer larger than any real file (its size in bytes), left unread.
    TooLarge(usize),
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
            Self::TooLarge(bytes) => write!(
                f,
                "the server sent {:.1} MB where the file should be at most {} MB",
                *bytes as f64 / 1_048_576.0,
                MAX_BODY / 1_048_576
            ),
            Self::Decode(error) => error.fmt(f),
        }
    }
}

/// A server's answer: status, the `Retry-After` seconds and `Date` if given, and the body.
pub struct Reply {
    pub status: u16,
    pub retry_after: Option<u32>,
    /// When the server sent it; a copy kept offline keeps the date it was first fetched.
    pub date: Option<String>,
    /// Whether the service worker answered with a kept copy because the network failed.
    pub kept_copy: bool,
    pub text: String,
}

impl Reply {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// An HTTP date ("Thu, 26 Nov 2026 21:40:07 GMT") as a reader would say it: "26 Nov 2026, 21:40 GMT".
pub fn readable_http_date(date: &str) -> String {
    let parts: Vec<&str> = date.split_whitespace().collect();
    match parts.as_slice() {
        [_, day, month, year, time, zone] => {
            format!(
                "{day} {month} {year}, {} {zone}",
                time.get(..5).unwrap_or(time)
            )
        }
        _ => date.to_owned(),
    }
}

/// Fetches `url` as text, giving up after the deadline.
pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    Ok(fetch_reply(url).await?.text)
}

/// Fetches `url`, giving up after the deadline; an error status is an error.
pub async fn fetch_reply(url: &str) -> Result<Reply, LoadError> {
    let reply = exchange(Request::get(url), None).await?;
    if reply.ok() {
        Ok(reply)
    } else {
        Err(LoadError::Status(reply.status))
    }
}

/// Sends `request` (with `json` as its body, if any) and reads the whole answer, whatever its
/// status, giving up after the deadline. Only a missing answer is an error here.
pub async fn exchange(request: RequestBuilder, json: Option<String>) -> Result<Reply, LoadError> {
    let controller = AbortController::new().ok();
    let signal = controller.as_ref().map(AbortController::signal);
    let timed_out = Rc::new(Cell::new(false));
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
    let request = request.abort_signal(signal.as_ref());
    let sent = match json {
        Some(json) => {
            request
                .header("content-type", "application/json")
                .body(json)
                .map_err(failed)?
                .send()
                .await
        }
        None => request.send().await,
    };
    let response = sent.map_err(failed)?;
    let headers = response.headers();
    let retry_after = headers
        .get("retry-after")
        .and_then(|value| value.trim().parse().ok());
    let date = headers.get("date");
    let kept_copy = headers.get("x-gazette-copy").is_some();
    let status = response.status();
    let announced = headers
        .get("content-length")
        .and_then(|value| value.trim().parse::<usize>().ok());
    if let Some(bytes) = announced.filter(|bytes| *bytes > MAX_BODY) {
        if let Some(controller) = controller {
            controller.abort();
        }
        return Err(LoadError::TooLarge(bytes));
    }
    let text = response.text().await.map_err(failed)?;
    if text.len() > MAX_BODY {
        return Err(LoadError::TooLarge(text.len()));
    }
    Ok(Reply {
        status,
        retry_after,
        date,
        kept_copy,
        text,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn http_dates_read_naturally() {
        assert_eq!(
            super::readable_http_date("Thu, 26 Nov 2026 21:40:07 GMT"),
            "26 Nov 2026, 21:40 GMT"
        );
        assert_eq!(super::readable_http_date("yesterday"), "yesterday");
    }

    #[test]
    fn an_oversized_answer_is_named_with_its_size() {
        assert_eq!(
            super::LoadError::TooLarge(10 * 1024 * 1024).to_string(),
            "the server sent 10.0 MB where the file should be at most 4 MB"
        );
    }
}
