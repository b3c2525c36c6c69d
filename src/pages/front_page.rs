use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::Head;
use crate::components::{LoadErrorNotice, Placeholder, SkippedNotice, StoryFinder};
use crate::navigation::{page_failed, page_ready};
use crate::state::{use_edition, Stories};
use gazette_core::edition::Index;

/// `/`: the edition's headlines, newest first, the lead story set apart, and search over them all.
#[component]
pub fn FrontPage() -> impl IntoView {
    let edition = use_edition();
    Effect::new(move || match edition.index.get() {
        Some(Ok(loaded)) => {
            let head = Head::front(&loaded.index);
            page_ready(&head.title, &head.description);
        }
        Some(Err(error)) => {
            let head = Head::unavailable("Front page", "");
            page_failed(&head.title, &head.description, error, None);
        }
        None => {}
    });
    let stories = edition.stories;
    let skipped = Signal::derive(move || {
        stories.version.track();
        stories
            .archive
            .with_value(|archive| archive.skipped().to_vec())
    });
    let search = use_location().search;
    move || match edition.index.get() {
        None => view! {
            <FrontTitle />
            <Placeholder rows=6 />
        }
        .into_any(),
        Some(Err(error)) => {
            let retry = Callback::new(move |()| edition.index.refetch());
            view! {
                <FrontTitle />
                <LoadErrorNotice what="the edition" error retry />
            }
            .into_any()
        }
        Some(Ok(loaded)) => {
            let retry = Callback::new(move |()| edition.load_archive());
            view! { <FrontPageView index=loaded.index stories skipped search retry /> }.into_any()
        }
    }
}

#[component]
fn FrontTitle() -> impl IntoView {
    view! {
        <h1 id="page-title" class="page-title" tabindex="-1">
            "Front page"
        </h1>
    }
}

/// The front page of a loaded edition, as the app shows it and press prerenders it.
#[component]
pub fn FrontPageView(
    index: Index,
    stories: Stories,
    /// Headlines the edition holds but that could not be read.
    #[prop(into)]
    skipped: Signal<Vec<String>>,
    /// The address bar's query string, which carries the search and filters.
    #[prop(into)]
    search: Signal<String>,
    /// Loads the rest of the archive again after it failed.
    retry: Callback<()>,
) -> impl IntoView {
    view! {
        <FrontTitle />
        <p class="edition-date">
            "Edition of "
            <time datetime=index.published.iso().to_owned()>{index.published.to_string()}</time>
        </p>
        {move || view! { <SkippedNotice skipped=skipped.get() /> }}
        <StoryFinder index stories search retry />
    }
}
