//! Following a link to an article the app has not loaded yet: the page the reader is on stays until
//! the article has arrived, as a browser keeps the old page until the new one comes. Should it fail
//! or hang, the reader is still on their page, with a notice and Retry, never on an empty one.
//!
//! Why not load the target's prerendered page instead: under the service worker every navigation
//! gets the app shell, which shows less than the page the reader is on, and offline the browser
//! would show its own error page. Where the target page itself explains the failure better (the
//! article does not exist, or is not kept offline), the link is followed as usual.

use leptos::{prelude::*, task::spawn_local};
use std::cell::{Cell, RefCell};
use wasm_bindgen::{closure::Closure, JsCast};

use crate::components::OpeningNotice;
use crate::fetch::LoadError;
use crate::offline::use_offline;
use crate::pages::Head;
use crate::site::{article_slug, base};
use crate::state::use_edition;
use gazette_core::edition::is_slug;

/// A followed link whose article is on its way, or failed to come.
#[derive(Debug, Clone)]
struct Pending {
    href: String,
    slug: String,
    title: String,
    error: Option<LoadError>,
}

thread_local! {
    /// The link being let through to the router once its article is in memory.
    static LETTING_THROUGH: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Counts followed links, so that only the latest one acts when its article arrives.
    static FOLLOWED: Cell<u32> = const { Cell::new(0) };
}

/// Holds links to articles not yet loaded until they are, and shows how that goes. Rendered at
/// the end of the page's content.
#[component]
pub fn Opening() -> impl IntoView {
    let edition = use_edition();
    let offline = use_offline();
    let pending = RwSignal::new(None::<Pending>);

    let open = move |href: String, slug: String, title: String| {
        let attempt = FOLLOWED.get() + 1;
        FOLLOWED.set(attempt);
        let previous_title = document().title();
        // The title says where the reader is going as soon as they ask.
        let publication = untrack(|| edition.publication());
        document().set_title(&Head::opening(&publication, &title).title);
        pending.set(Some(Pending {
            href: href.clone(),
            slug: slug.clone(),
            title,
            error: None,
        }));
        spawn_local(async move {
            let result = edition.article(slug).await;
            if FOLLOWED.get() != attempt {
                return;
            }
            // Where the target page itself explains the failure, the link is followed.
            let explained = |error: &LoadError| {
                error.is_not_found() || (*error == LoadError::Network && offline.cut_off(&edition))
            };
            match result {
                Err(error) if !explained(&error) => {
                    document().set_title(&previous_title);
                    pending.update(|pending| {
                        if let Some(pending) = pending {
                            pending.error = Some(error);
                        }
                    });
                }
                _ => {
                    pending.set(None);
                    follow(&href);
                }
            }
        });
    };

    let on_click =
        Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |event: web_sys::MouseEvent| {
            let Some(link) = followed_link(&event) else {
                return;
            };
            if link.closest("#prerendered").ok().flatten().is_some() {
                // A page the app has not taken over: its links are plain links, to the site's pages.
                event.stop_propagation();
                return;
            }
            let href = link.href();
            if LETTING_THROUGH
                .with_borrow_mut(|through| through.take_if(|through| *through == href))
                .is_some()
            {
                return;
            }
            let Ok(url) = web_sys::Url::new(&href) else {
                return;
            };
            if url.origin() != window().location().origin().unwrap_or_default() {
                return;
            }
            let path = url.pathname();
            let Some(slug) = article_slug(&path, base()).filter(|slug| is_slug(slug)) else {
                return;
            };
            if edition.has_article(slug) {
                return;
            }
            event.prevent_default();
            open(href, slug.to_owned(), link_title(&link));
        });
    // Before the router's own listener, which leaves a click alone once its default is prevented.
    let _ = window().add_event_listener_with_callback_and_bool(
        "click",
        on_click.as_ref().unchecked_ref(),
        true,
    );
    on_click.forget(); // for the life of the page

    // Any other move (a cached article, back, another page) leaves the link behind.
    let location = leptos_router::hooks::use_location();
    Effect::new(move |_| {
        location.pathname.track();
        FOLLOWED.set(FOLLOWED.get() + 1);
        pending.set(None);
    });

    let retry = Callback::new(move |()| {
        if let Some(Pending {
            href, slug, title, ..
        }) = pending.get_untracked()
        {
            open(href, slug, title);
        }
    });
    let dismiss = Callback::new(move |()| {
        FOLLOWED.set(FOLLOWED.get() + 1);
        pending.set(None);
    });
    view! {
        <div class="page-status" role="status">
            {move || {
                pending
                    .get()
                    .map(|Pending { title, error, .. }| {
                        view! { <OpeningNotice title error retry dismiss /> }
                    })
            }}
        </div>
    }
}

/// The same-page link a plain left click (no modifier, no new tab, no download) follows.
fn followed_link(event: &web_sys::MouseEvent) -> Option<web_sys::HtmlAnchorElement> {
    if event.default_prevented()
        || event.button() != 0
        || event.meta_key()
        || event.alt_key()
        || event.ctrl_key()
        || event.shift_key()
    {
        return None;
    }
    let link = event
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()?;
    (link.target().is_empty() && !link.has_attribute("download")).then_some(link)
}

/// What a link leads to, in its own words: a neighbour link's title without its "Newer story" label.
fn link_title(link: &web_sys::HtmlAnchorElement) -> String {
    let text = link
        .query_selector(".neighbour-title")
        .ok()
        .flatten()
        .and_then(|title| title.text_content())
        .or_else(|| link.text_content())
        .unwrap_or_default();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Follows `href` in the app, through the router as a click on a link would. The link is written
/// as the app writes them, from the site's root, and outside the page's content, so that the one
/// the reader clicked stays the one to return to.
fn follow(href: &str) {
    let page = document();
    let (Some(body), Ok(url)) = (page.body(), web_sys::Url::new(href)) else {
        return;
    };
    let Some(link) = page
        .create_element("a")
        .ok()
        .and_then(|link| link.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    link.set_href(&format!("{}{}{}", url.pathname(), url.search(), url.hash()));
    link.set_hidden(true);
    LETTING_THROUGH.set(Some(link.href()));
    if body.append_child(&link).is_ok() {
        link.click();
        link.remove();
    }
    LETTING_THROUGH.set(None);
}
