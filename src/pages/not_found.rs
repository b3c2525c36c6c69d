use leptos::prelude::*;

use super::{Announced, Head};
use crate::site::href;
use crate::state::use_edition;
use gazette_core::routes::Route;

/// Anything the app has no page for, including an unknown article or section.
#[component]
pub fn NotFound() -> impl IntoView {
    let edition = use_edition();
    let announced = Announced::default();
    Effect::new(move || announced.ready("", &Head::not_found(&edition.publication())));
    view! { <NotFoundView /> }
}

/// The page for an address with nothing at it, as the app shows it and press writes 404.html.
#[component]
pub fn NotFoundView() -> impl IntoView {
    view! {
        <div class="not-found">
            <h1 id="page-title" class="page-title" tabindex="-1">
                "Page not found"
            </h1>
            <p>
                "There is nothing at this address. The story may have moved, or the link may be mistyped."
            </p>
            <p>
                <a href=href(&Route::Front.path(""))>"Go to the front page"</a>
            </p>
        </div>
    }
}
