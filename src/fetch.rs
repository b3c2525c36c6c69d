//! Talking to servers with a deadline, and errors a reader can act on.

use gloo_net::http::{Request, RequestBuilder};
use js_sys::{Reflect, Uint8Array};
use leptos::prelude::{set_timeout_with_handle, TimeoutHandle};
use std::{cell::Cell, fmt, rc::Rc, time::Duration};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

use gazette_core::edition::DecodeError;

/// How long a request may stay silent before it is abandoned and the reader offered a retry.
///
/// Not a limit on the whole download: a large chunk on a slow link takes long but keeps arriving.
/// On Slow 3G as Chromium's DevTools define it (400 kbit/s, 2 s round trips), a cold connection
/// costs about 8 s before the first byte (DNS, TCP, TLS, the request), and the largest real file,
/// a 250 KB chunk sent uncompressed, about 5 s more to arrive, some 13 s in all: beyond the 10 s
/// the whole request used to be allowed. So the answer gets 20 s to begin, and a body under way
/// is given up only after 10 s without a byte, however long it takes in all.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Deadlines {
    /// Until the answer's headers arrive.
    pub answer: Duration,
    /// Between two pieces of the body.
    pub stall: Duration,
}

impl Deadlines {
    /// The edition's files: sized for a large chunk on a slow mobile link (above).
    pub const EDITION: Self = Self {
        answer: Duration::from_secs(20),
        stall: Duration::from_secs(10),
    };
    /// The contact service: small answers, and a reader waiting on a button.
    pub const SERVICE: Self = Self {
        answer: Duration::from_secs(10),
        stall: Duration::from_secs(10),
    };
}

/// A body larger than this is not kept, only counted, and one this large is not read further.
const GIVE_UP_AFTER: usize = 64 * 1024 * 1024;

/// The largest answer read. The largest real file, a chunk of 1,000 headlines, is about 250 KB; a
/// body far beyond that is a misconfigured server, and decoding it would freeze the page.
const MAX_BODY: usize = 4 * 1024 * 1024;

/// Why a bundle file could not be shown.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// No answer: offline, or the server unreachable.
    Network,
    /// No answer within this many seconds.
    Timeout(u64),
    /// The answer began, then nothing more arrived for this many seconds.
    Stalled(u64),
    /// The server answered with an error status.
    Status(u16),
    /// An answer larger than any real file (its size in bytes), left unread.
    TooLarge(usize),
    /// An answer, but not one we can read.
    Decode(DecodeError),
}

impl LoadError {
    /// Whether the file is simply not there (HTTP 404 or 410), so asking again cannot help and
    /// the page should say "not found" rather than offer a retry.
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
            Self::Timeout(seconds) => {
                write!(f, "the newsroom did not answer within {seconds} seconds")
            }
            Self::Stalled(seconds) => write!(
                f,
                "the download stopped: nothing arrived for {seconds} seconds"
            ),
            Self::Status(status @ (404 | 410)) => {
                write!(f, "it is not on the server (HTTP {status})")
            }
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

/// Fetches `url` as text, giving up when the server falls silent (see [`Deadlines`]).
pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    Ok(fetch_reply(url).await?.text)
}

/// Fetches `url`, giving up when the server falls silent; an error status is an error.
pub async fn fetch_reply(url: &str) -> Result<Reply, LoadError> {
    let reply = exchange(Request::get(url), None, Deadlines::EDITION).await?;
    if reply.ok() {
        Ok(reply)
    } else {
        Err(LoadError::Status(reply.status))
    }
}

/// Aborts a request that stays silent past its deadline, and says which deadline it was.
struct Watchdog {
    controller: Option<AbortController>,
    fired: Rc<Cell<Option<LoadError>>>,
    timer: Cell<Option<TimeoutHandle>>,
}

impl Watchdog {
    fn new() -> Self {
        Self {
            controller: AbortController::new().ok(),
            fired: Rc::new(Cell::new(None)),
            timer: Cell::new(None),
        }
    }

    /// (Re)starts the countdown: silence for `after` aborts the request as `error`.
    fn arm(&self, after: Duration, error: LoadError) {
        self.disarm();
        let Some(controller) = self.controller.clone() else {
            return;
        };
        let fired = self.fired.clone();
        let handle = set_timeout_with_handle(
            move || {
                fired.set(Some(error));
                controller.abort();
            },
            after,
        );
        self.timer.set(handle.ok());
    }

    fn disarm(&self) {
        if let Some(timer) = self.timer.take() {
            timer.clear();
        }
    }

    fn abort(&self) {
        self.disarm();
        if let Some(controller) = &self.controller {
            controller.abort();
        }
    }

    /// Why the request failed: the deadline, if it fired, or else the network.
    fn failure(&self) -> LoadError {
        let fired = self.fired.take();
        fired.unwrap_or(LoadError::Network)
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.disarm();
    }
}

/// Sends `request` (with `json` as its body, if any) and reads the whole answer, whatever its
/// status, giving up when the server falls silent past `deadlines`. Only a missing answer is an
/// error here.
pub async fn exchange(
    request: RequestBuilder,
    json: Option<String>,
    deadlines: Deadlines,
) -> Result<Reply, LoadError> {
    let watchdog = Watchdog::new();
    watchdog.arm(
        deadlines.answer,
        LoadError::Timeout(deadlines.answer.as_secs()),
    );
    let signal = watchdog.controller.as_ref().map(AbortController::signal);
    let request = request.abort_signal(signal.as_ref());
    let sent = match json {
        Some(json) => {
            request
                .header("content-type", "application/json")
                .body(json)
                .map_err(|_| watchdog.failure())?
                .send()
                .await
        }
        None => request.send().await,
    };
    let response = sent.map_err(|_| watchdog.failure())?;
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
        watchdog.abort();
        return Err(LoadError::TooLarge(bytes));
    }
    let text = read_body(response.body(), &watchdog, deadlines.stall).await?;
    Ok(Reply {
        status,
        retry_after,
        date,
        kept_copy,
        text,
    })
}

/// Reads a body piece by piece, so that a slow download that keeps arriving is waited for and one
/// that stops is not; past [`MAX_BODY`] it only counts.
async fn read_body(
    body: Option<web_sys::ReadableStream>,
    watchdog: &Watchdog,
    stall: Duration,
) -> Result<String, LoadError> {
    let Some(body) = body else {
        return Ok(String::new());
    };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes = Vec::new();
    let mut total = 0usize;
    loop {
        watchdog.arm(stall, LoadError::Stalled(stall.as_secs()));
        let piece = JsFuture::from(reader.read())
            .await
            .map_err(|_| watchdog.failure())?;
        let done = Reflect::get(&piece, &JsValue::from_str("done"))
            .ok()
            .and_then(|done| done.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        let Ok(value) = Reflect::get(&piece, &JsValue::from_str("value")) else {
            break;
        };
        let piece = Uint8Array::new(&value);
        total += piece.length() as usize;
        if total <= MAX_BODY {
            bytes.extend(piece.to_vec());
        } else if total > GIVE_UP_AFTER {
            watchdog.abort();
            break;
        }
    }
    watchdog.disarm();
    if total > MAX_BODY {
        return Err(LoadError::TooLarge(total));
    }
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned()))
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
    fn a_missing_file_is_named_with_the_status_the_server_sent() {
        use super::LoadError;
        assert!(LoadError::Status(404).is_not_found());
        assert!(LoadError::Status(410).is_not_found());
        assert!(!LoadError::Status(500).is_not_found());
        assert!(!LoadError::Network.is_not_found());
        assert_eq!(
            LoadError::Status(404).to_string(),
            "it is not on the server (HTTP 404)"
        );
        assert_eq!(
            LoadError::Status(410).to_string(),
            "it is not on the server (HTTP 410)"
        );
    }

    #[test]
    fn an_oversized_answer_is_named_with_its_size() {
        assert_eq!(
            super::LoadError::TooLarge(10 * 1024 * 1024).to_string(),
            "the server sent 10.0 MB where the file should be at most 4 MB"
        );
    }
}
