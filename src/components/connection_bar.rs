use leptos::prelude::*;

use crate::fetch::readable_http_date;
use crate::offline::use_offline;
use crate::state::use_edition;

/// A quiet line under the masthead: offline, and from when the edition dates; or a new edition
/// waiting, with the reader's choice to refresh.
#[component]
pub fn ConnectionBar() -> impl IntoView {
    let offline = use_offline();
    let edition = use_edition();
    let notice = move || {
        offline.cut_off(&edition).then(|| {
            let headline = if offline.online.get() {
                "The newsroom can't be reached."
            } else {
                "You're offline."
            };
            let fetched = edition
                .index
                .get()
                .and_then(Result::ok)
                .filter(|loaded| loaded.kept_copy)
                .and_then(|loaded| loaded.fetched)
                .map(|date| {
                    format!(
                        " Showing the edition as fetched {}.",
                        readable_http_date(&date)
                    )
                });
            view! {
                <p class="connection-offline">
                    <strong>{headline}</strong>
                    {fetched}
                </p>
            }
        })
    };
    view! {
        <div class="connection" role="status">
            {notice}
            {move || {
                offline
                    .update_ready
                    .get()
                    .then(|| {
                        view! {
                            <p class="connection-update">
                                "New edition available. "
                                <button type="button" on:click=move |_| offline.refresh()>
                                    "Refresh"
                                </button>
                            </p>
                        }
                    })
            }}
        </div>
    }
}
