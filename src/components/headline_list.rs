use leptos::prelude::*;

use super::{ImpactBadge, LoadErrorNotice};
use crate::edition::{Headline, Index};
use crate::state::use_edition;

/// One story in a list: section, date, headline, summary and Impact Score.
#[component]
pub fn HeadlineCard(
    headline: Headline,
    section_name: String,
    /// The lead story is set larger than the rest.
    #[prop(optional)]
    lead: bool,
) -> impl IntoView {
    let Headline {
        slug,
        title,
        section,
        date,
        summary,
        impact,
    } = headline;
    view! {
        <article class="story" class:story-lead=lead>
            <p class="kicker">
                <a href=format!("/sections/{section}")>{section_name}</a>
                " · "
                <time datetime=date.iso().to_owned()>{date.to_string()}</time>
            </p>
            <h2 class="story-title">
                <a href=format!("/articles/{slug}")>{title}</a>
            </h2>
            <p class="story-summary">{summary}</p>
            <ImpactBadge impact/>
        </article>
    }
}

/// Headlines newest first, the first set as the lead, then a way to reach older stories.
#[component]
pub fn HeadlineList(
    index: Index,
    headlines: Vec<Headline>,
    #[prop(optional)] lead: bool,
) -> impl IntoView {
    let cards = headlines
        .into_iter()
        .enumerate()
        .map(|(position, headline)| {
            let section_name = index.section_name(&headline.section).to_owned();
            view! { <li><HeadlineCard headline section_name lead=lead && position == 0/></li> }
        })
        .collect_view();
    view! {
        <ol class="stories" role="list">{cards}</ol>
        <OlderStories/>
    }
}

/// "Older stories": fetches the next chunk of the archive on request.
#[component]
fn OlderStories() -> impl IntoView {
    let edition = use_edition();
    let load = move |_| edition.load_older();
    move || {
        let older = edition.older.read();
        if let Some(error) = older.error.clone() {
            let retry = Callback::new(move |()| edition.load_older());
            view! { <LoadErrorNotice what="older stories" error retry/> }.into_any()
        } else if older.loading {
            view! { <p class="older" role="status">"Loading older stories…"</p> }.into_any()
        } else if edition.has_older() {
            view! { <p class="older"><button type="button" on:click=load>"Older stories"</button></p> }.into_any()
        } else {
            ().into_any()
        }
    }
}
