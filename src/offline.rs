//! Working offline: the service worker (`public/sw.js`, filled in by press), the
//! connection state, the update prompt, and articles saved for reading offline.

use gazette_core::edition::{decode_article, image_src, Article, Block};
use leptos::{ev, prelude::*, task::spawn_local};
use std::{cell::Cell, collections::HashSet, rc::Rc, time::Duration};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState};

const SAVED_CACHE: &str = "gazette-saved";

/// The connection, and a new build waiting to take over.
#[derive(Clone, Copy)]
pub struct Offline {
    pub online: RwSignal<bool>,
    /// Whether a new build (or edition) is installed and waits for the reader to refresh.
    pub update_ready: RwSignal<bool>,
    waiting: StoredValue<Option<ServiceWorker>, LocalStorage>,
}

pub fn provide_offline() {
    let online = RwSignal::new(window().navigator().on_line());
    let offline = Offline {
        online,
        update_ready: RwSignal::new(false),
        waiting: StoredValue::new_local(None),
    };
    let up = window_event_listener(ev::online, move |_| online.set(true));
    let down = window_event_listener(ev::offline, move |_| online.set(false));
    std::mem::forget((up, down)); // for the life of the page
    provide_context(offline);
    // The worker's install downloads the whole app again into its cache; on a first visit that
    // would compete with the first screen, so it waits until the edition has arrived.
    let edition = crate::state::use_edition();
    let registered = StoredValue::new(false);
    Effect::new(move || {
        if edition.index.with(Option::is_some) && !registered.get_value() {
            registered.set_value(true);
            spawn_local(register(offline));
        }
    });
}

pub fn use_offline() -> Offline {
    expect_context::<Offline>()
}

async fn register(offline: Offline) {
    let container = window().navigator().service_worker();
    let Ok(registration) = JsFuture::from(container.register(&crate::site::href("/sw.js"))).await
    else {
        return;
    };
    let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else {
        return;
    };
    // Only an update waits behind a worker already in control; a first install takes charge of
    // this page at once (the worker claims it), and from then on the page is controlled.
    let controlled = Rc::new(Cell::new(container.controller().is_some()));
    let offer = {
        let controlled = Rc::clone(&controlled);
        move |worker: ServiceWorker| {
            if controlled.get() {
                offline.waiting.set_value(Some(worker));
                offline.update_ready.set(true);
            }
        }
    };
    if let Some(worker) = registration.waiting() {
        offer(worker.clone());
    }
    let found = {
        let registration = registration.clone();
        Closure::<dyn FnMut()>::new(move || {
            let Some(worker) = registration.installing() else {
                return;
            };
            let watched = worker.clone();
            let offer = offer.clone();
            let installed = Closure::<dyn FnMut()>::new(move || {
                if watched.state() == ServiceWorkerState::Installed {
                    offer(watched.clone());
                }
            });
            worker.set_onstatechange(Some(installed.as_ref().unchecked_ref()));
            installed.forget();
        })
    };
    registration.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
    found.forget();
    // A new worker taking over: the first one claiming this page is told what the page fetched
    // before, so it is kept for offline reading; a new build the reader asked for (Refresh)
    // reloads the page into it.
    let changed = Closure::<dyn FnMut()>::new(move || {
        if controlled.replace(true) {
            let _ = window().location().reload();
        } else {
            keep_what_was_fetched();
            // Files still arriving when the worker took charge are listed once they have.
            set_timeout(keep_what_was_fetched, Duration::from_secs(3));
        }
    });
    container.set_oncontrollerchange(Some(changed.as_ref().unchecked_ref()));
    changed.forget();
    // Look for a new build whenever the reader comes back to the tab.
    let check = window_event_listener(ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            let _ = registration.update();
        }
    });
    std::mem::forget(check);
}

/// Tells the worker in charge every file this page has fetched (the browser's resource timing
/// list); it keeps the edition's, which it did not see go by before it controlled the page.
fn keep_what_was_fetched() {
    let Some(worker) = window().navigator().service_worker().controller() else {
        return;
    };
    // Read through Reflect: web-sys's typed Performance would be a feature compiled for this alone.
    let field =
        |target: &JsValue, name: &str| js_sys::Reflect::get(target, &JsValue::from_str(name));
    let Ok(performance) = field(&window(), "performance") else {
        return;
    };
    let entries = field(&performance, "getEntriesByType")
        .and_then(|get| get.dyn_into::<js_sys::Function>())
        .and_then(|get| get.call1(&performance, &JsValue::from_str("resource")));
    let Ok(entries) = entries.and_then(|entries| entries.dyn_into::<js_sys::Array>()) else {
        return;
    };
    let fetched: js_sys::Array = entries
        .iter()
        .filter_map(|entry| field(&entry, "name").ok())
        .collect();
    let message = js_sys::Object::new();
    if js_sys::Reflect::set(&message, &JsValue::from_str("keep"), &fetched).is_ok() {
        let _ = worker.post_message(&message);
    }
}

impl Offline {
    /// Whether the newsroom is out of reach: the browser says it is offline, or the service worker
    /// had to answer with its kept copy of the edition. (Reactive.)
    pub fn cut_off(&self, edition: &crate::state::EditionState) -> bool {
        !self.online.get()
            || edition
                .index
                .with(|index| matches!(index, Some(Ok(loaded)) if loaded.kept_copy))
    }

    /// Lets the waiting build take over; the page reloads when it has.
    pub fn refresh(&self) {
        self.waiting.with_value(|worker| {
            if let Some(worker) = worker {
                let _ = worker.post_message(&JsValue::from_str("skip-waiting"));
            }
        });
    }
}

async fn saved_cache() -> Option<web_sys::Cache> {
    let caches = window().caches().ok()?;
    JsFuture::from(caches.open(SAVED_CACHE))
        .await
        .ok()?
        .dyn_into()
        .ok()
}

/// Keeps an article's file and its pictures (see [`article_pictures`]) for reading offline, in a
/// cache that updates never clean.
pub async fn save(url: &str, pictures: Vec<String>) -> bool {
    let Some(cache) = saved_cache().await else {
        return false;
    };
    if JsFuture::from(cache.add_with_str(url)).await.is_err() {
        return false;
    }
    let pictures: js_sys::Array = pictures.into_iter().map(JsValue::from).collect();
    JsFuture::from(cache.add_all_with_str_sequence(&pictures))
        .await
        .is_ok()
}

/// Removes a saved article's file and its pictures, except those another article in the saved
/// cache shows too. The cache itself says what is still saved, so an article whose saving is under
/// way (its file is stored first) keeps its pictures, and the file goes first, so saving the same
/// article again at once is not undone.
pub async fn forget(url: &str) {
    let Some(cache) = saved_cache().await else {
        return;
    };
    let gone = pictures(&cache, url).await;
    let _ = JsFuture::from(cache.delete_with_str(url)).await;
    let mut shown_elsewhere = HashSet::new();
    for other in saved_articles(&cache).await {
        shown_elsewhere.extend(pictures(&cache, &other).await);
    }
    for picture in gone {
        if !shown_elsewhere.contains(&picture) {
            let _ = JsFuture::from(cache.delete_with_str(&picture)).await;
        }
    }
}

/// The addresses of the article files in the saved cache (the rest are their pictures).
async fn saved_articles(cache: &web_sys::Cache) -> Vec<String> {
    let Ok(keys) = JsFuture::from(cache.keys()).await else {
        return Vec::new();
    };
    let folder = crate::state::edition_url("articles/");
    js_sys::Array::from(&keys)
        .iter()
        .filter_map(|key| key.dyn_into::<web_sys::Request>().ok())
        .map(|request| request.url())
        .filter(|url| url.contains(&folder) && url.ends_with(".json"))
        .collect()
}

/// The addresses of the pictures in the article kept in `cache` at `url`.
async fn pictures(cache: &web_sys::Cache, url: &str) -> Vec<String> {
    let Ok(found) = JsFuture::from(cache.match_with_str(url)).await else {
        return Vec::new();
    };
    let Ok(response) = found.dyn_into::<web_sys::Response>() else {
        return Vec::new();
    };
    let text = match response.text() {
        Ok(text) => JsFuture::from(text)
            .await
            .ok()
            .and_then(|text| text.as_string()),
        Err(_) => None,
    };
    text.and_then(|text| decode_article(&text).ok())
        .map(|article| article_pictures(&article))
        .unwrap_or_default()
}

/// The addresses of an article's pictures, which saving it keeps with it.
pub fn article_pictures(article: &Article) -> Vec<String> {
    article
        .body
        .iter()
        .filter_map(|block| match block {
            Block::Image { src, .. } => image_src(src).map(crate::site::href),
            _ => None,
        })
        .collect()
}
