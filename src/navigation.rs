//! What a page change does besides swapping content: the document title and description, focus on
//! the new heading, and the scroll position (top for a new page, where the reader was for back and
//! forward).
//!
//! The browser cannot restore scroll itself because content arrives after the URL changes, so
//! positions are remembered here, keyed by path and query, and applied once the page says it is ready.

use leptos::{ev, prelude::*};
use std::{cell::RefCell, collections::HashMap};
use web_sys::ScrollRestoration;

#[derive(Default)]
struct Tracker {
    /// The page whose scroll position clicks and history moves should remember.
    current: String,
    positions: HashMap<String, f64>,
    /// Set by back/forward: the next ready page returns to its remembered position.
    restore: bool,
    /// The first page of a visit keeps focus and scroll where the browser put them.
    settled_once: bool,
    /// The address the visit began at: a link followed before the app was ready leads elsewhere,
    /// and that page is a new page like any other.
    first: String,
}

thread_local! {
    static TRACKER: RefCell<Tracker> = RefCell::new(Tracker::default());
}

fn location_key() -> String {
    let location = window().location();
    location.pathname().unwrap_or_default() + &location.search().unwrap_or_default()
}

fn remember_scroll() {
    let y = window().scroll_y().unwrap_or(0.0);
    TRACKER.with_borrow_mut(|tracker| {
        let key = tracker.current.clone();
        tracker.positions.insert(key, y);
    });
}

/// Takes over scroll restoration from the browser. Call once, at start-up.
pub fn install() {
    if let Ok(history) = window().history() {
        let _ = history.set_scroll_restoration(ScrollRestoration::Manual);
    }
    TRACKER.with_borrow_mut(|tracker| {
        tracker.current = location_key();
        tracker.first = tracker.current.clone();
    });
    // A click may start a navigation; the page it leaves is still on screen when this runs.
    let on_click = window_event_listener(ev::click, |_| remember_scroll());
    let on_history = window_event_listener(ev::popstate, |_| {
        remember_scroll();
        TRACKER.with_borrow_mut(|tracker| {
            tracker.current = location_key();
            tracker.restore = true;
        });
    });
    // The app lives as long as the page, so the listeners do too.
    std::mem::forget((on_click, on_history));
}

/// Shows the app in place of the prerendered copy of the page. Called when the first page is
/// ready, and after a short wait in case it never is (a page stuck loading is better shown).
pub fn take_over() {
    let page = document();
    if let Some(prerendered) = page.get_element_by_id("prerendered") {
        prerendered.remove();
    }
    if let Some(app) = page.get_element_by_id("app") {
        let _ = app.remove_attribute("hidden");
    }
}

/// Sets the title and description, then scrolls and focuses once the new content is painted.
pub fn page_ready(title: &str, description: &str) {
    take_over();
    let page = document();
    page.set_title(title);
    for (selector, value) in [
        ("meta[name=description]", description),
        ("meta[property='og:title']", title),
        ("meta[property='og:description']", description),
    ] {
        if let Ok(Some(meta)) = page.query_selector(selector) {
            let _ = meta.set_attribute("content", value);
        }
    }
    update_canonical();
    request_animation_frame(|| {
        let (y, settled) = TRACKER.with_borrow_mut(|tracker| {
            tracker.current = location_key();
            let y = if tracker.restore {
                tracker.positions.get(&tracker.current).copied()
            } else {
                None
            };
            tracker.restore = false;
            let settled = std::mem::replace(&mut tracker.settled_once, true)
                || tracker.current != tracker.first;
            (y.unwrap_or(0.0), settled)
        });
        // The first page keeps the focus and scroll the reader already has (they may have
        // scrolled the prerendered copy while the app loaded).
        if !settled {
            return;
        }
        if let Some(heading) = document().get_element_by_id("page-title") {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            if let Ok(heading) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(heading) {
                let _ = heading.focus_with_options(&options);
            }
        }
        window().scroll_to_with_x_and_y(0.0, y);
    });
}

/// Points the canonical link and `og:url`, written for the page the visit began at, at this one:
/// the published origin they name, with the path now in the address bar.
fn update_canonical() {
    let page = document();
    let Ok(Some(canonical)) = page.query_selector("link[rel=canonical]") else {
        return;
    };
    let published = canonical
        .get_attribute("href")
        .and_then(|href| web_sys::Url::new(&href).ok())
        .map(|url| url.origin());
    let (Some(origin), Ok(path)) = (published, window().location().pathname()) else {
        return;
    };
    let url = format!("{origin}{path}");
    let _ = canonical.set_attribute("href", &url);
    if let Ok(Some(meta)) = page.query_selector("meta[property='og:url']") {
        let _ = meta.set_attribute("content", &url);
    }
}
