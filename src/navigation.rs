//! What a page change does besides swapping content: the document title and description, focus on
//! the new heading (or, going back, on the link the reader followed), and the scroll position (top
//! for a new page, where the reader was for back and forward).
//!
//! The browser cannot restore scroll itself because content arrives after the URL changes, so
//! positions are remembered here, keyed by path and query, and applied once the page says it is ready.
//! The hand-over from the prerendered page is in `handover`, links whose page is still loading in
//! `opening`.

use leptos::{ev, prelude::*};
use leptos_router::hooks::use_location;
use std::{cell::RefCell, collections::HashMap};
use wasm_bindgen::JsCast;
use web_sys::ScrollRestoration;

mod handover;
mod opening;

pub use handover::{Handover, ShellContent};
pub use opening::Opening;

use crate::fetch::LoadError;

#[derive(Default)]
struct Tracker {
    /// The page whose scroll position clicks and history moves should remember.
    current: String,
    positions: HashMap<String, f64>,
    /// The link last followed from each page (its address, and how many links to the same address
    /// come before it), which takes focus when the reader comes back.
    links: HashMap<String, (String, usize)>,
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

/// Remembers the link in the page's content that a click followed, for focus on the way back.
fn remember_link(event: &ev::MouseEvent) {
    let Some(link) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("#app main a[href]").ok().flatten())
    else {
        return;
    };
    let Some(href) = link.get_attribute("href") else {
        return;
    };
    let nth = content_links(&href)
        .into_iter()
        .take_while(|other| *other != link)
        .count();
    TRACKER.with_borrow_mut(|tracker| {
        let key = tracker.current.clone();
        tracker.links.insert(key, (href, nth));
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
    let on_click = window_event_listener(ev::click, |event| {
        remember_scroll();
        remember_link(&event);
    });
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

/// The page's content is on screen: sets the title and description, then scrolls and focuses
/// once the new content is painted. The first page of a visit hands over from the prerendered
/// copy (see `handover`).
pub fn page_ready(title: &str, description: &str) {
    handover::page_settled(handover::Stage::Ready);
    set_head(title, description);
    // The router's address, not the address bar's: the router writes the new address there only
    // once the page is ready, which may be after this (and after the next frame).
    update_canonical(&use_location().pathname.get_untracked());
    request_animation_frame(|| {
        let (y, settled, link) = TRACKER.with_borrow_mut(|tracker| {
            tracker.current = location_key();
            let (y, link) = if tracker.restore {
                (
                    tracker.positions.get(&tracker.current).copied(),
                    tracker.links.get(&tracker.current).cloned(),
                )
            } else {
                (None, None)
            };
            tracker.restore = false;
            let settled = std::mem::replace(&mut tracker.settled_once, true)
                || tracker.current != tracker.first;
            (y.unwrap_or(0.0), settled, link)
        });
        // The first page keeps the focus and scroll the reader already has (they may have
        // scrolled the prerendered copy while the app loaded).
        if !settled {
            return;
        }
        // Back at a page, the reader returns to the story they had opened from it.
        let target = link
            .and_then(|(href, nth)| content_links(&href).into_iter().nth(nth))
            .or_else(|| document().get_element_by_id("page-title"));
        if let Some(target) = target {
            focus_quietly(target);
        }
        window().scroll_to_with_x_and_y(0.0, y);
    });
}

/// The page's data could not be loaded. On a page reached in the app, the page shows why (with
/// `title` and `description`); the first page of a visit keeps its prerendered copy instead, with
/// a notice and Retry (which runs `retry`, and loads the edition again if that failed).
pub fn page_failed(title: &str, description: &str, error: LoadError, retry: Option<Callback<()>>) {
    if handover::keeps_prerendered() {
        handover::page_settled(handover::Stage::Failed { error, retry });
    } else {
        page_ready(title, description);
    }
}

/// The page on screen is the same, but its title or description changed (the edition's name
/// arrived after the page's own data): only the head follows.
pub fn page_retitled(title: &str, description: &str) {
    set_head(title, description);
}

fn set_head(title: &str, description: &str) {
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
}

/// The links in the app's page content going to `href`, in order.
fn content_links(href: &str) -> Vec<web_sys::Element> {
    let Ok(links) = document().query_selector_all("#app main a[href]") else {
        return Vec::new();
    };
    (0..links.length())
        .filter_map(|at| links.get(at)?.dyn_into::<web_sys::Element>().ok())
        .filter(|link| link.get_attribute("href").as_deref() == Some(href))
        .collect()
}

/// Focuses `element` without scrolling to it: the caller decides where the page is.
fn focus_quietly(element: web_sys::Element) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
        let _ = element.focus_with_options(&options);
    }
}

/// Points the canonical link and `og:url`, written by press for the page the visit began at (the
/// app shell's name the site's front page), at the page at `path`: the published origin they
/// name, with the path.
fn update_canonical(path: &str) {
    let page = document();
    let Ok(Some(canonical)) = page.query_selector("link[rel=canonical]") else {
        return;
    };
    let published = canonical
        .get_attribute("href")
        .and_then(|href| web_sys::Url::new(&href).ok())
        .map(|url| url.origin());
    let Some(origin) = published else {
        return;
    };
    let url = format!("{origin}{path}");
    let _ = canonical.set_attribute("href", &url);
    if let Ok(Some(meta)) = page.query_selector("meta[property='og:url']") {
        let _ = meta.set_attribute("content", &url);
    }
}
