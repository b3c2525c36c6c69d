use leptos::prelude::*;

use crate::components::{LoadErrorNotice, Placeholder, SkippedNotice, StoryFinder};
use crate::navigation::{page_failed, page_ready};
use crate::state::use_edition;

/// `/`: the edition's headlines, newest first, the lead story set apart, and search over them all.
#[component]
pub fn FrontPage() -> impl IntoView {
    let edition = use_edition();
    Effect::new(move || match edition.index.get() {
        Some(Ok(loaded)) => page_ready("Front page · Gazette", &loaded.index.tagline),
        Some(Err(error)) => page_failed(
            "Front page · Gazette",
            "Gazette could not load the edition.",
            error,
            None,
        ),
        None => {}
    });
    let skipped = move || {
        edition.version.track();
        edition
            .archive
            .with_value(|archive| archive.skipped().to_vec())
    };
    let content = move || match edition.index.get() {
        None => view! { <Placeholder rows=6/> }.into_any(),
        Some(Err(error)) => {
            let retry = Callback::new(move |()| edition.index.refetch());
            view! { <LoadErrorNotice what="the edition" error retry/> }.into_any()
        }
        Some(Ok(loaded)) => view! {
            <p class="edition-date">
                "Edition of " <time datetime=loaded.index.published.iso().to_owned()>
                    {loaded.index.published.to_string()}
                </time>
            </p>
            {move || view! { <SkippedNotice skipped=skipped()/> }}
            <StoryFinder index=loaded.index/>
        }
        .into_any(),
    };
    view! {
        <h1 id="page-title" class="page-title" tabindex="-1">"Front page"</h1>
        {content}
    }
}
