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

use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use components::{ConnectionBar, Masthead, SiteFooter};
use navigation::{Handover, Opening};
use pages::{ArticlePage, ContactPage, FrontPage, NotFound, SavedPage, SectionPage};

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
                    <Route path=path!("/") view=FrontPage/>
                    // Some hosts and old links name the shell itself.
                    <Route path=path!("/index.html") view=FrontPage/>
                    <Route path=path!("/sections/:section") view=SectionPage/>
                    <Route path=path!("/articles/:slug") view=ArticlePage/>
                    <Route path=path!("/contact") view=ContactPage/>
                    <Route path=path!("/saved") view=SavedPage/>
                </Routes>
                <Opening/>
            </main>
            <SiteFooter/>
        </Router>
    }
}
