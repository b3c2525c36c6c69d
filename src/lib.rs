//! Gazette: a news reader that runs in the browser on a static article bundle.

// The page views nest deeply enough that their types need a deeper limit with the `ssr` feature.
#![recursion_limit = "256"]

pub mod archive;
pub mod components;
pub mod contact;
pub mod fetch;
pub mod navigation;
pub mod offline;
pub mod pages;
pub mod saved;
pub mod site;
pub mod state;
pub mod stored;

use gazette_core::routes::Route as Page;
use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    ParamSegment, StaticSegment,
};

use components::{ConnectionBar, Masthead, SiteFooter};
use navigation::{Handover, Opening};
use pages::{ArticlePage, ContactPage, FrontPage, NotFound, SavedPage, SectionPage};

/// The name a route's address gives its slug, for the router and the pages' `use_params_map`.
pub(crate) fn param(page: Page) -> &'static str {
    page.param().unwrap_or_default()
}

/// The whole app: masthead, the page for the current address, footer.
#[component]
pub fn App() -> impl IntoView {
    state::provide_edition();
    offline::provide_offline();
    saved::provide_saved();
    navigation::install();
    let edition = state::use_edition();
    let title = Signal::derive(move || edition.publication());
    view! {
        <Router base=site::base()>
            <Handover />
            <AppMasthead title />
            <ConnectionBar />
            <main id="content" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=StaticSegment(Page::Front.segment()) view=FrontPage />
                    // Some hosts and old links name the shell itself.
                    <Route path=StaticSegment("index.html") view=FrontPage />
                    <Route
                        path=(
                            StaticSegment(Page::Section.segment()),
                            ParamSegment(param(Page::Section)),
                        )
                        view=SectionPage
                    />
                    <Route
                        path=(
                            StaticSegment(Page::Article.segment()),
                            ParamSegment(param(Page::Article)),
                        )
                        view=ArticlePage
                    />
                    <Route path=StaticSegment(Page::Contact.segment()) view=ContactPage />
                    <Route path=StaticSegment(Page::Saved.segment()) view=SavedPage />
                </Routes>
                <Opening />
            </main>
            <SiteFooter title />
        </Router>
    }
}

/// The masthead with the loaded edition's sections, marking where the reader is.
#[component]
fn AppMasthead(title: Signal<String>) -> impl IntoView {
    let edition = state::use_edition();
    let sections = Signal::derive(move || {
        edition.index.with(|loaded| match loaded {
            Some(Ok(loaded)) => loaded.index.sections.clone(),
            _ => Vec::new(),
        })
    });
    let current = leptos_router::hooks::use_location().pathname;
    view! { <Masthead title sections current /> }
}
