use leptos::prelude::*;

use crate::components::{HeadlineList, LoadErrorNotice, Placeholder, SkippedNotice};
use crate::navigation::page_ready;
use crate::state::use_edition;

/// `/`: the edition's headlines, newest first, the lead story set apart.
#[component]
pub fn FrontPage() -> impl IntoView {
    let edition = use_edition();
    Effect::new(move || {
        if let Some(result) = edition.index.get() {
            let description = match result {
                Ok(loaded) => loaded.index.tagline,
                Err(_) => "Gazette could not load the edition.".to_owned(),
            };
            page_ready("Gazette · Front page", &description);
        }
    });
    let content = move || match edition.index.get() {
        None => view! { <Placeholder rows=6/> }.into_any(),
        Some(Err(error)) => {
            let retry = Callback::new(move |()| edition.index.refetch());
            view! { <LoadErrorNotice what="the edition" error retry/> }.into_any()
        }
        Some(Ok(loaded)) => {
            let (headlines, skipped) = edition.headlines().unwrap_or_default();
            view! {
                <p class="edition-date">
                    "Edition of " <time datetime=loaded.index.published.iso().to_owned()>
                        {loaded.index.published.to_string()}
                    </time>
                </p>
                <SkippedNotice skipped/>
                <HeadlineList index=loaded.index headlines lead=true/>
            }
            .into_any()
        }
    };
    view! {
        <h1 id="page-title" class="page-title" tabindex="-1">"Front page"</h1>
        {content}
    }
}
