use leptos::prelude::*;

use crate::site::href;
use gazette_core::edition::Section;
use gazette_core::routes::Route;

/// A link in the sections bar, marked as the current page where the reader is (`exact`: only at
/// that address; otherwise anywhere under it too).
fn nav_link(path: String, label: String, current: Signal<String>, exact: bool) -> impl IntoView {
    let link = href(&path);
    let target = link.trim_end_matches('/').to_owned();
    let here = move || {
        current.with(|current| {
            let current = current.trim_end_matches('/');
            (current == target || (!exact && current.starts_with(&format!("{target}/"))))
                .then_some("page")
        })
    };
    view! {
        <a href=link aria-current=here>
            {label}
        </a>
    }
}

/// The site header: skip link, the publication's name, and the sections bar.
#[component]
pub fn Masthead(
    /// The publication's name, from the edition.
    #[prop(into)]
    title: Signal<String>,
    #[prop(into)] sections: Signal<Vec<Section>>,
    /// The address the reader is at, with the site's base, to mark the current page.
    #[prop(into)]
    current: Signal<String>,
) -> impl IntoView {
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
        sections
            .get()
            .into_iter()
            .map(|section| {
                let path = Route::Section.path(&section.slug);
                view! { <li>{nav_link(path, section.name, current, false)}</li> }
            })
            .collect_view()
    };
    let page = |route: Route, label: &str| {
        nav_link(
            route.path(""),
            label.to_owned(),
            current,
            route == Route::Front,
        )
    };
    view! {
        <a class="skip-link" href="#content" on:click=skip>
            "Skip to content"
        </a>
        <header class="masthead">
            <p class="brand">
                <a href=href(&Route::Front.path(""))>{title}</a>
            </p>
            <nav aria-label="Sections">
                <ul role="list">
                    <li>{page(Route::Front, "Front page")}</li>
                    {sections}
                    <li class="nav-saved">{page(Route::Saved, "Saved")}</li>
                    <li>{page(Route::Contact, "Contact")}</li>
                </ul>
            </nav>
        </header>
    }
}

/// The site footer, with the way to reach the newsroom.
#[component]
pub fn SiteFooter(
    /// The publication's name, from the edition.
    #[prop(into)]
    title: Signal<String>,
) -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>{title} " · " <a href=href(&Route::Contact.path(""))>"Contact the newsroom"</a></p>
        </footer>
    }
}
