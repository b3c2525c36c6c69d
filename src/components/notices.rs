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
                " "
                {capitalised(&error.to_string())}
                "."
            </p>
            {retry
                .map(|retry| {
                    view! {
                        <button type="button" on:click=move |_| retry.run(())>
                            "Retry"
                        </button>
                    }
                })}
        </div>
    }
}

/// The prerendered page stays on screen because the app could not load its data: says so calmly,
/// and offers to try again.
#[component]
pub fn StaleNotice(
    /// Why the page could not be refreshed.
    #[prop(into)]
    error: Signal<LoadError>,
    /// Whether a retry is under way.
    #[prop(into)]
    retrying: Signal<bool>,
    /// Runs when the reader asks to try again.
    retry: Callback<()>,
) -> impl IntoView {
    let reason = move || format!("{}.", capitalised(&error.read().to_string()));
    view! {
        <div class="page-notice">
            <p>
                <strong>"This page could not be refreshed."</strong>
                " "
                {move || if retrying.get() { "Trying again…".to_owned() } else { reason() }}
            </p>
            // Not disabled while retrying: a disabled button drops the focus the reader put there.
            <button type="button" on:click=move |_| retry.run(())>
                "Retry"
            </button>
        </div>
    }
}

/// A link the reader followed whose page is still loading, or could not be loaded: the page they
/// were on stays, and this says so.
#[component]
pub fn OpeningNotice(
    /// What the link leads to, in the reader's words (its text).
    title: String,
    /// Why it could not be opened; `None` while it is loading.
    error: Option<LoadError>,
    retry: Callback<()>,
    dismiss: Callback<()>,
) -> impl IntoView {
    match error {
        None => {
            view! { <p class="page-opening">"Opening \u{201c}" {title} "\u{201d}…"</p> }.into_any()
        }
        Some(error) => view! {
            <div class="page-notice">
                <p>
                    <strong>"We couldn't open \u{201c}" {title} "\u{201d}."</strong>
                    " "
                    {capitalised(&error.to_string())}
                    ". You are still on the page you were reading."
                </p>
                <button type="button" on:click=move |_| retry.run(())>
                    "Retry"
                </button>
                <button type="button" class="secondary" on:click=move |_| dismiss.run(())>
                    "Dismiss"
                </button>
            </div>
        }
        .into_any(),
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
                <ul>
                    {skipped.into_iter().map(|problem| view! { <li>{problem}</li> }).collect_view()}
                </ul>
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
            <p class="visually-hidden" role="status">
                "Loading…"
            </p>
            {(0..rows).map(|_| view! { <div class="placeholder-row"></div> }).collect_view()}
        </div>
    }
}
