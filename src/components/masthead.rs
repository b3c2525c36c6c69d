use leptos::prelude::*;
use leptos_router::components::A;

use crate::site::href;
use crate::state::use_edition;
use gazette_core::routes::Route;

/// The site header: skip link, name, and the sections bar.
#[component]
pub fn Masthead() -> impl IntoView {
    let edition = use_edition();
    // Focus has to move to the content, which a router-handled "#content" link would not do.
    let skip = |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        if let Some(main) = document().get_element_by_id("content") {
            if let Ok(main) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(main) {
                let _ = main.focus();
            }
        }
    };
    let sections = move || {
        edition.index.get().and_then(Result::ok).map(|loaded| {
            loaded
                .index
                .sections
                .into_iter()
                .map(|section| {
                    view! { <li><A href=href(&Route::Section.path(&section.slug))>{section.name}</A></li> }
                })
                .collect_view()
        })
    };
    view! {
        <a class="skip-link" href="#content" on:click=skip>"Skip to content"</a>
        <header class="masthead">
            <p class="brand"><a href=href("/")>"Gazette"</a></p>
            <nav aria-label="Sections">
                <ul role="list">
                    <li><A href=href("/") exact=true>"Front page"</A></li>
                    {sections}
                    <li class="nav-saved"><A href=href(&Route::Saved.path(""))>"Saved"</A></li>
                    <li><A href=href(&Route::Contact.path(""))>"Contact"</A></li>
                </ul>
            </nav>
        </header>
    }
}

/// The site footer, with the way to reach the newsroom.
#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>"Gazette · an independent digest of research, industry, policy and law · "
                <a href=href(&Route::Contact.path(""))>"Contact the newsroom"</a>
            </p>
        </footer>
    }
}
