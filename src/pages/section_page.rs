use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::NotFound;
use crate::components::{LoadErrorNotice, Placeholder, StoryFinder};
use crate::navigation::{page_failed, page_ready};
use crate::state::use_edition;
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
        if let Some((_, section)) = section() {
            page_ready(&format!("{} · Gazette", section.name), &section.description);
        } else if let Some(Err(error)) = edition.index.get() {
            page_failed(
                "Gazette",
                "Gazette could not load the edition.",
                error,
                None,
            );
        }
    });
    move || match edition.index.get() {
        None => view! { <Placeholder rows=4/> }.into_any(),
        Some(Err(error)) => {
            let retry = Callback::new(move |()| edition.index.refetch());
            view! { <LoadErrorNotice what="the edition" error retry/> }.into_any()
        }
        Some(Ok(_)) => match section() {
            None => view! { <NotFound/> }.into_any(),
            Some((index, section)) => view! {
                <h1 id="page-title" class="page-title" tabindex="-1">{section.name}</h1>
                <p class="section-description">{section.description}</p>
                <StoryFinder index section=section.slug/>
            }
            .into_any(),
        },
    }
}
