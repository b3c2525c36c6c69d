use leptos::prelude::*;

use super::ImpactBadge;
use crate::edition::{Headline, Index};
use crate::search::highlight;

/// `text` with the words matching `terms` marked, built as views.
fn marked(text: String, terms: &[String]) -> AnyView {
    if terms.is_empty() {
        return text.into_any();
    }
    highlight(&text, terms)
        .into_iter()
        .map(|segment| {
            if segment.matched {
                view! { <mark>{segment.text}</mark> }.into_any()
            } else {
                segment.text.into_any()
            }
        })
        .collect_view()
        .into_any()
}

/// One story in a list: section, date, headline, summary and Impact Score.
#[component]
pub fn HeadlineCard(
    headline: Headline,
    section_name: String,
    /// The lead story is set larger than the rest.
    #[prop(optional)]
    lead: bool,
    /// Search terms to mark in the title and summary.
    #[prop(optional)]
    terms: Vec<String>,
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
                <a href=format!("/articles/{slug}")>{marked(title, &terms)}</a>
            </h2>
            <p class="story-summary">{marked(summary, &terms)}</p>
            <ImpactBadge impact/>
        </article>
    }
}

/// Headlines in the order given, the first set as the lead if asked.
#[component]
pub fn HeadlineList(
    index: Index,
    headlines: Vec<Headline>,
    #[prop(optional)] lead: bool,
    #[prop(optional)] terms: Vec<String>,
) -> impl IntoView {
    let cards = headlines
        .into_iter()
        .enumerate()
        .map(|(position, headline)| {
            let section_name = index.section_name(&headline.section).to_owned();
            let terms = terms.clone();
            view! { <li><HeadlineCard headline section_name lead=lead && position == 0 terms/></li> }
        })
        .collect_view();
    view! { <ol class="stories" role="list">{cards}</ol> }
}
