//! The hand-over from the prerendered page. The first page of a visit arrives as static HTML; the
//! app draws its own copy out of sight and swaps it in only once that copy shows at least as much:
//! the page's own content, and the edition's sections in the masthead. If its data fails or hangs,
//! the prerendered page stays, readable, its links plain links, with a calm notice and Retry; when
//! the data arrives later, the app takes over then, keeping the reader's place and focus.
//!
//! The app shell (the page the service worker answers every navigation with) holds no content, only
//! "Loading the edition…": there the app takes over as soon as the page knows anything, even that
//! its data failed, since its own error page says more.

use leptos::{portal::Portal, prelude::*};
use std::cell::Cell;
use wasm_bindgen::JsCast;

use super::focus_quietly;
use crate::components::StaleNotice;
use crate::fetch::LoadError;
use crate::offline::use_offline;
use crate::state::use_edition;

/// The attribute of the app shell's content (see [`ShellContent`]): a prerendered page that holds
/// nothing the app would lose by taking over.
const PLACEHOLDER_MARK: &str = "data-placeholder";

/// The app shell's content, which press writes into shell.html: the publication's name and a note
/// that the edition is loading.
#[component]
pub fn ShellContent(title: String) -> impl IntoView {
    view! {
        <h1 id="page-title" class="page-title" tabindex="-1">
            {title}
        </h1>
        <p role="status" data-placeholder="">
            "Loading the edition…"
        </p>
    }
}

/// How far the page on screen has got with its data.
#[derive(Debug, Clone)]
pub(super) enum Stage {
    Loading,
    Ready,
    /// Its data failed; `retry` asks again (the edition itself is asked again by the hand-over).
    Failed {
        error: LoadError,
        retry: Option<Callback<()>>,
    },
}

thread_local! {
    static STAGE: Cell<Option<RwSignal<Stage>>> = const { Cell::new(None) };
}

/// Records how the first page is doing; the hand-over watches it.
pub(super) fn page_settled(stage: Stage) {
    if let Some(signal) = STAGE.get() {
        signal.set(stage);
    }
}

/// Whether a prerendered page with real content is still on screen, waiting for the app.
pub(super) fn keeps_prerendered() -> bool {
    document().get_element_by_id("prerendered").is_some() && !placeholder()
}

fn placeholder() -> bool {
    matches!(
        document().query_selector(&format!("#prerendered [{PLACEHOLDER_MARK}]")),
        Ok(Some(_))
    )
}

/// Watches the first page and the edition, and swaps the app in when it has as much to show as the
/// prerendered page; until then, shows in that page why not, with Retry.
#[component]
pub fn Handover() -> impl IntoView {
    let edition = use_edition();
    let offline = use_offline();
    let stage = RwSignal::new(Stage::Loading);
    STAGE.set(Some(stage));
    let handed_over = RwSignal::new(document().get_element_by_id("prerendered").is_none());
    let retrying = RwSignal::new(false);

    Effect::new(move || {
        let stage = stage.get();
        let (index_ok, index_failed) = edition
            .index
            .with(|index| (matches!(index, Some(Ok(_))), matches!(index, Some(Err(_)))));
        retrying.set(false);
        if handed_over.get_untracked() {
            return;
        }
        let ready = if placeholder() {
            !matches!(stage, Stage::Loading) || index_failed
        } else {
            matches!(stage, Stage::Ready) && index_ok
        };
        if ready {
            take_over();
            handed_over.set(true);
        }
    });

    // Why the prerendered page is still showing, if something failed. The notice is drawn once and
    // follows it, so that a reason changing (the page retried, the edition not yet) never replaces
    // the Retry button the reader's focus is on.
    let failure = Memo::new(move |_| {
        if handed_over.get() {
            return None;
        }
        match stage.get() {
            Stage::Failed { error, .. } => Some(error),
            _ => edition.index.with(|index| match index {
                Some(Err(error)) => Some(error.clone()),
                _ => None,
            }),
        }
    });
    // Once shown, the notice stays until the app takes over, even while a retry is loading or has
    // just succeeded: removing it would drop the focus the reader put on Retry before the
    // hand-over could move it to the app.
    let failing = Memo::new(move |shown: Option<&bool>| {
        !handed_over.get() && (shown.copied().unwrap_or(false) || failure.with(Option::is_some))
    });
    let trying = Signal::derive(move || retrying.get() || failure.with(Option::is_none));
    let retry = Callback::new(move |()| {
        retrying.set(true);
        if let Stage::Failed {
            retry: Some(retry), ..
        } = stage.get_untracked()
        {
            retry.run(());
        }
        if edition
            .index
            .with_untracked(|index| matches!(index, Some(Err(_))))
        {
            edition.index.refetch();
        }
    });
    // Back online, the reader need not ask.
    Effect::new(move |was_online: Option<bool>| {
        let online = offline.online.get();
        if was_online == Some(false) && online && failing.get_untracked() {
            retry.run(());
        }
        online
    });

    status_region().map(|mount| {
        view! {
            <Portal mount>
                {move || {
                    failing
                        .get()
                        .then(|| {
                            let error = Signal::derive(move || {
                                failure.get().unwrap_or(LoadError::Network)
                            });
                            view! { <StaleNotice error retrying=trying retry /> }
                        })
                }}
            </Portal>
        }
    })
}

/// A live region at the end of the prerendered page's content, for the notice; none on the shell.
fn status_region() -> Option<web_sys::Element> {
    if !keeps_prerendered() {
        return None;
    }
    let page = document();
    let main = page.query_selector("#prerendered main").ok()??;
    let region = page.create_element("div").ok()?;
    region.set_class_name("page-status");
    let _ = region.set_attribute("role", "status");
    main.append_child(&region).ok()?;
    Some(region)
}

/// Shows the app in place of the prerendered copy, where the reader was: the scroll position
/// stays, and focus, if it was on a link of the copy, moves to the same link in the app (to the
/// heading if the focused thing has no twin, such as the notice's Retry).
fn take_over() {
    let page = document();
    let Some(prerendered) = page.get_element_by_id("prerendered") else {
        return;
    };
    let twin = page
        .active_element()
        .filter(|element| prerendered.contains(Some(element)))
        .map(|element| Twin::of(&element));
    prerendered.remove();
    if let Some(app) = page.get_element_by_id("app") {
        let _ = app.remove_attribute("hidden");
    }
    if let Some(twin) = twin {
        if let Some(target) = twin.find().or_else(|| page.get_element_by_id("page-title")) {
            focus_quietly(target);
        }
    }
}

/// A link of the prerendered page, found again in the app: the same address, in the same part of
/// the page (masthead, content, footer), the same number of links to it before it.
struct Twin {
    region: &'static str,
    href: Option<String>,
    nth: usize,
}

impl Twin {
    fn of(element: &web_sys::Element) -> Self {
        let within = |selector: &str| element.closest(selector).ok().flatten();
        let region = if within("header.masthead").is_some() {
            "header.masthead"
        } else if within("footer.site-footer").is_some() {
            "footer.site-footer"
        } else {
            "main"
        };
        let href = element.get_attribute("href");
        let nth = within(&format!("#prerendered {region}"))
            .map(|scope| {
                links(&scope)
                    .into_iter()
                    .take_while(|link| link != element)
                    .filter(|link| link.get_attribute("href") == href)
                    .count()
            })
            .unwrap_or(0);
        Self { region, href, nth }
    }

    fn find(&self) -> Option<web_sys::Element> {
        let href = self.href.as_deref()?;
        let scope = document()
            .query_selector(&format!("#app {}", self.region))
            .ok()??;
        links(&scope)
            .into_iter()
            .filter(|link| link.get_attribute("href").as_deref() == Some(href))
            .nth(self.nth)
    }
}

fn links(scope: &web_sys::Element) -> Vec<web_sys::Element> {
    let Ok(links) = scope.query_selector_all("a[href]") else {
        return Vec::new();
    };
    (0..links.length())
        .filter_map(|at| links.get(at)?.dyn_into::<web_sys::Element>().ok())
        .collect()
}
