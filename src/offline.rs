//! Working offline: the service worker (written by the build, see `.ci/service-worker.mjs`), the
//! connection state, the update prompt, and articles saved for reading offline.

use leptos::{ev, prelude::*, task::spawn_local};
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
    // Only an update waits behind a worker already in control; a first install just starts caching.
    let controlled = container.controller().is_some();
    let offer = move |worker: ServiceWorker| {
        if controlled {
            offline.waiting.set_value(Some(worker));
            offline.update_ready.set(true);
        }
    };
    if let Some(worker) = registration.waiting() {
        offer(worker);
    }
    let found = {
        let registration = registration.clone();
        Closure::<dyn FnMut()>::new(move || {
            let Some(worker) = registration.installing() else {
                return;
            };
            let watched = worker.clone();
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
    // The new worker takes over only when the reader asks; then the page reloads into the new build.
    let reload = Closure::<dyn FnMut()>::new(|| {
        let _ = window().location().reload();
    });
    container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    // Look for a new build whenever the reader comes back to the tab.
    let check = window_event_listener(ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            let _ = registration.update();
        }
    });
    std::mem::forget(check);
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

/// Keeps an article's file for reading offline, in a cache that updates never clean.
pub async fn save(url: &str) -> bool {
    match saved_cache().await {
        Some(cache) => JsFuture::from(cache.add_with_str(url)).await.is_ok(),
        None => false,
    }
}

pub async fn forget(url: &str) {
    if let Some(cache) = saved_cache().await {
        let _ = JsFuture::from(cache.delete_with_str(url)).await;
    }
}
