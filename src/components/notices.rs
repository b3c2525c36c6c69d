use leptos::prelude::*;

use crate::fetch::LoadError;

/// Why something could not be shown, with a Retry when asking again may help.
#[component]
pub fn LoadErrorNotice(
    /// What failed to load, as in "We couldn't load {what}".
    what: &'static str,
    error: LoadError,
    /// Runs when the reader asks to try again.
    #[prop(optional, into)]
    retry: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <div class="notice notice-error" role="alert">
            <p>
                <strong>"We couldn't load " {what} "."</strong>
                " " {capitalised(&error.to_string())} "."
            </p>
            {retry.map(|retry| view! {
                <button type="button" on:click=move |_| retry.run(())>"Retry"</button>
            })}
        </div>
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A quiet note listing headlines the edition holds but that could not be read.
#[component]
pub fn SkippedNotice(skipped: Vec<String>) -> impl IntoView {
    (!skipped.is_empty()).then(|| {
        let count = skipped.len();
        let stories = if count == 1 { "story" } else { "stories" };
        view! {
            <details class="notice">
                <summary>{count} " " {stories} " in this edition could not be shown"</summary>
                <ul>{skipped.into_iter().map(|problem| view! { <li>{problem}</li> }).collect_view()}</ul>
            </details>
        }
    })
}

/// Grey blocks the size of what is coming, so the page does not jump when it arrives.
#[component]
pub fn Placeholder(
    /// How many story-sized blocks to reserve.
    #[prop(default = 4)]
    rows: usize,
) -> impl IntoView {
    view! {
        <div class="placeholder" aria-busy="true">
            <p class="visually-hidden" role="status">"Loading…"</p>
            {(0..rows).map(|_| view! { <div class="placeholder-row"></div> }).collect_view()}
        </div>
    }
}
