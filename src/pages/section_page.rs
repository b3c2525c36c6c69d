use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};

use super::{Head, NotFound};
use crate::components::{LoadErrorNotice, Placeholder, StoryFinder};
use crate::navigation::{page_failed, page_ready};
use crate::state::{use_edition, Stories};
use gazette_core::edition::{Index, Section};
use gazette_core::routes::Route;

/// `/sections/<section>`: the headlines of one section, searchable.
#[component]
pub fn SectionPage() -> impl IntoView {
    let edition = use_edition();
    let params = use_params_map();
    let slug = move || {
        params
            .read()
            .get(crate::param(Route::Section))
            .unwrap_or_default()
    };
    let section = move || {
        let loaded = edition.index.get()?.ok()?;
        let slug = slug();
        let section = loaded
            .index
            .sections
            .iter()
            .find(|section| section.slug == slug)?
            .clone();
        Some((loaded.index, section))
    };
    Effect::new(move || {
        if let Some((index, section)) = section() {
            let head = Head::section(&index, &section);
            page_ready(&head.title, &head.description);
        } else if let Some(Err(error)) = edition.index.get() {
            let head = Head::unavailable("", "");
            page_failed(&head.title, &head.description, error, None);
        }
    });
    let search = use_location().search;
    move || match edition.index.get() {
        None => view! { <Placeholder rows=4 /> }.into_any(),
        Some(Err(error)) => {
            let retry = Callback::new(move |()| edition.index.refetch());
            view! { <LoadErrorNotice what="the edition" error retry /> }.into_any()
        }
        Some(Ok(_)) => match section() {
            None => view! { <NotFound /> }.into_any(),
            Some((index, section)) => {
                let retry = Callback::new(move |()| edition.load_archive());
                view! { <SectionPageView index section stories=edition.stories search retry /> }
                    .into_any()
            }
        },
    }
}

/// One section of a loaded edition, as the app shows it and press prerenders it.
#[component]
pub fn SectionPageView(
    index: Index,
    section: Section,
    stories: Stories,
    /// The address bar's query string, which carries the search and filters.
    #[prop(into)]
    search: Signal<String>,
    /// Loads the rest of the archive again after it failed.
    retry: Callback<()>,
) -> impl IntoView {
    view! {
        <h1 id="page-title" class="page-title" tabindex="-1">
            {section.name}
        </h1>
        <p class="section-description">{section.description}</p>
        <StoryFinder index stories search section=section.slug retry />
    }
}
