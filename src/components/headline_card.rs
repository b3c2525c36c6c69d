use leptos::prelude::*;

use super::ImpactBadge;
use crate::site::href;
use gazette_core::edition::Headline;
use gazette_core::routes::Route;
use gazette_core::search::highlight;

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
    #[prop(optional, into)]
    lead: Signal<bool>,
    /// Search terms to mark in the title and summary; when they change, only the marks redraw.
    #[prop(optional, into)]
    terms: Signal<Vec<String>>,
) -> impl IntoView {
    let Headline {
        slug,
        title,
        section,
        date,
        summary,
        impact,
    } = headline;
    let title = move || terms.with(|terms| marked(title.clone(), terms));
    let summary = move || terms.with(|terms| marked(summary.clone(), terms));
    view! {
        <article class="story" class:story-lead=lead>
            <p class="kicker">
                <a href=href(&Route::Section.path(&section))>{section_name}</a>
                " · "
                <time datetime=date.iso().to_owned()>{date.to_string()}</time>
            </p>
            <h2 class="story-title">
                <a href=href(&Route::Article.path(&slug))>{title}</a>
            </h2>
            <p class="story-summary">{summary}</p>
            <ImpactBadge impact />
        </article>
    }
}
