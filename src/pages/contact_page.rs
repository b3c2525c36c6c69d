use leptos::prelude::*;

use super::{Announced, Head};
use crate::components::{ContactForm, LoadErrorNotice, Placeholder};
use crate::contact::client::configuration;
use crate::state::use_edition;

/// `/contact`: the contact form, or, where no contact service is configured, how else to write.
#[component]
pub fn ContactPage() -> impl IntoView {
    let edition = use_edition();
    let announced = Announced::default();
    Effect::new(move || announced.ready("", &Head::contact(&edition.publication())));
    let config = LocalResource::new(configuration);
    let body = move || {
        match config.get() {
        None => view! { <Placeholder rows=1 /> }.into_any(),
        Some(Err(error)) => {
            let retry = Callback::new(move |()| config.refetch());
            view! { <LoadErrorNotice what="the contact form" error retry /> }.into_any()
        }
        Some(Ok(config)) => match config.service {
            Some(service) => view! { <ContactForm service /> }.into_any(),
            None => view! { <WriteInstead why="The contact form is unavailable right now." email=config.newsroom /> }
            .into_any(),
        },
    }
    };
    view! { <ContactPageView>{body}</ContactPageView> }
}

/// The contact page around its form, as the app shows it and press prerenders it.
#[component]
pub fn ContactPageView(children: Children) -> impl IntoView {
    view! {
        <div class="contact">
            <h1 id="page-title" class="page-title" tabindex="-1">
                "Contact the newsroom"
            </h1>
            <p class="measure">
                "Tips, corrections and questions go straight to our editors. We check your email address "
                "first, so we can be sure a reply reaches you."
            </p>
            <div class="contact-body">{children()}</div>
        </div>
    }
}

/// Where the form cannot be used, the newsroom's address instead.
#[component]
pub fn WriteInstead(
    /// Why the form is not there.
    why: &'static str,
    email: String,
) -> impl IntoView {
    let mailto = format!("mailto:{email}");
    view! {
        <div class="notice">
            <p>
                <strong>{why}</strong>
            </p>
            <p>"You can still reach the newsroom by email at " <a href=mailto>{email}</a> "."</p>
        </div>
    }
}
