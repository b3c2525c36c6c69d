//! Gazette: a news reader that runs in the browser on a static article bundle.

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
    view! {
        <Router base=site::base()>
            <Handover/>
            <Masthead/>
            <ConnectionBar/>
            <main id="content" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=StaticSegment(Page::Front.segment()) view=FrontPage/>
                    // Some hosts and old links name the shell itself.
                    <Route path=StaticSegment("index.html") view=FrontPage/>
                    <Route path=(StaticSegment(Page::Section.segment()), ParamSegment(param(Page::Section))) view=SectionPage/>
                    <Route path=(StaticSegment(Page::Article.segment()), ParamSegment(param(Page::Article))) view=ArticlePage/>
                    <Route path=StaticSegment(Page::Contact.segment()) view=ContactPage/>
                    <Route path=StaticSegment(Page::Saved.segment()) view=SavedPage/>
                </Routes>
                <Opening/>
            </main>
            <SiteFooter/>
        </Router>
    }
}
