use leptos::prelude::*;

use super::{Announced, Head};
use crate::components::HeadlineCard;
use crate::saved::use_saved;
use crate::state::use_edition;

/// `/saved`: the articles the reader kept for reading offline, with a way to let each go.
#[component]
pub fn SavedPage() -> impl IntoView {
    let saved = use_saved();
    let edition = use_edition();
    let announced = Announced::default();
    Effect::new(move || announced.ready("", &Head::saved(&edition.publication())));
    let section_name = move |slug: &str| {
        edition.index.get().and_then(Result::ok).map_or_else(
            || slug.to_owned(),
            |loaded| loaded.index.section_name(slug).to_owned(),
        )
    };
    let list = move || {
        let headlines = saved.0.get();
        if headlines.is_empty() {
            return view! { <NothingSaved /> }.into_any();
        }
        let items = headlines
            .into_iter()
            .map(|headline| {
                let slug = headline.slug.clone();
                let name = section_name(&headline.section);
                let remove = move |_| saved.remove(&slug);
                let label = format!("Remove \u{201c}{}\u{201d}", headline.title);
                view! {
                    <li>
                        <HeadlineCard headline section_name=name />
                        <button type="button" class="secondary" aria-label=label on:click=remove>
                            "Remove"
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <ol class="stories saved-list" role="list">
                {items}
            </ol>
        }
        .into_any()
    };
    view! { <SavedPageView>{list}</SavedPageView> }
}

/// The saved page around its list, as the app shows it and press prerenders it.
#[component]
pub fn SavedPageView(children: Children) -> impl IntoView {
    view! {
        <h1 id="page-title" class="page-title" tabindex="-1">
            "Saved articles"
        </h1>
        <p class="section-description">"Kept on this device for reading offline."</p>
        {children()}
    }
}

/// The saved list of a reader who has saved nothing (and of a prerendered page, which cannot know).
#[component]
pub fn NothingSaved() -> impl IntoView {
    view! {
        <p class="measure">
            "Nothing saved yet. Use \u{201c}Save for offline\u{201d} on an article to keep it here, "
            "readable without a connection."
        </p>
    }
}
