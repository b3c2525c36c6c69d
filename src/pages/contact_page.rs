use leptos::prelude::*;

use crate::components::{ContactForm, LoadErrorNotice, Placeholder};
use crate::contact::client::configured_service;
use crate::contact::NEWSROOM;
use crate::navigation::page_ready;

/// `/contact`: the contact form, or, where no contact service is configured, how else to write.
#[component]
pub fn ContactPage() -> impl IntoView {
    Effect::new(|| {
        page_ready(
            "Contact the newsroom · Gazette",
            "Write to Gazette's newsroom.",
        )
    });
    let service = LocalResource::new(configured_service);
    let body = move || match service.get() {
        None => view! { <Placeholder rows=1/> }.into_any(),
        Some(Err(error)) => {
            let retry = Callback::new(move |()| service.refetch());
            view! { <LoadErrorNotice what="the contact form" error retry/> }.into_any()
        }
        Some(Ok(None)) => view! {
            <div class="notice">
                <p><strong>"The contact form is unavailable right now."</strong></p>
                <p>"You can still reach the newsroom by email at "
                    <a href=format!("mailto:{NEWSROOM}")>{NEWSROOM}</a> "."</p>
            </div>
        }
        .into_any(),
        Some(Ok(Some(service))) => view! { <ContactForm service/> }.into_any(),
    };
    view! {
        <div class="contact">
            <h1 id="page-title" class="page-title" tabindex="-1">"Contact the newsroom"</h1>
            <p class="measure">
                "Tips, corrections and questions go straight to our editors. We check your email address "
                "first, so we can be sure a reply reaches you."
            </p>
            {body}
        </div>
    }
}
