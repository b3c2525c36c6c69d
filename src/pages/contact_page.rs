use leptos::prelude::*;

use crate::navigation::page_ready;

/// `/contact`: how to reach the newsroom.
#[component]
pub fn ContactPage() -> impl IntoView {
    Effect::new(|| {
        page_ready(
            "Contact the newsroom · Gazette",
            "How to reach Gazette's newsroom.",
        )
    });
    view! {
        <h1 id="page-title" class="page-title" tabindex="-1">"Contact the newsroom"</h1>
        <p class="measure">
            "Tips, corrections and questions reach our editors at "
            <a href="mailto:newsroom@gazette.example">"newsroom@gazette.example"</a>
            ". We read everything and answer within two working days."
        </p>
    }
}
