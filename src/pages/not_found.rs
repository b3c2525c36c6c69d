use leptos::prelude::*;

use crate::navigation::page_ready;
use crate::site::href;

/// Anything the app has no page for, including an unknown article or section.
#[component]
pub fn NotFound() -> impl IntoView {
    Effect::new(|| {
        page_ready(
            "Page not found · Gazette",
            "There is no page at this address.",
        )
    });
    view! {
        <div class="not-found">
            <h1 id="page-title" class="page-title" tabindex="-1">"Page not found"</h1>
            <p>"There is nothing at this address. The story may have moved, or the link may be mistyped."</p>
            <p><a href=href("/")>"Go to the front page"</a></p>
        </div>
    }
}
