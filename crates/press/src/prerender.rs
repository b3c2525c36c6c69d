//! The prerendered pages' content, drawn by the app's own components rendered to HTML natively
//! (Leptos's server rendering), so a reader without JavaScript, a crawler or a link preview sees
//! the page the app shows, and nothing changes when the app takes over. Components escape every
//! piece of text; nothing from the edition becomes markup.

use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
use gazette::components::{Masthead, SiteFooter};
use gazette::navigation::ShellContent;
use gazette::pages::{
    ArticleView, ContactPageView, FrontPageView, NotFoundView, NothingSaved, SavedPageView,
    SectionPageView, WriteInstead,
};
use gazette::state::Stories;
use gazette_core::edition::{Article, Headline, Index, Section};
use hydration_context::SsrSharedContext;
use leptos::prelude::*;
use std::sync::Arc;

/// What a page shows in its `<main>`.
pub enum Content<'a> {
    Front,
    Section(&'a Section),
    Article(&'a Article),
    Contact,
    Saved,
    NotFound,
    /// The app shell's: nothing but the publication's name, while the app loads.
    Shell,
}

/// Draws pages for one edition at one base path. Holds the whole archive's headlines once, as the
/// app's story finder reads them, for every page that lists stories.
pub struct Renderer {
    owner: Owner,
    index: Index,
    stories: Stories,
    /// Where readers write when the form cannot be used.
    newsroom_email: String,
}

/// Runs nothing. A prerendered page is drawn once and written: its effects (which a build of the
/// app with client-side rendering also compiled in, as `cargo test --workspace` does) never run.
struct DrawOnce;

impl CustomExecutor for DrawOnce {
    fn spawn(&self, _: PinnedFuture<()>) {}
    fn spawn_local(&self, _: PinnedLocalFuture<()>) {}
    fn poll_local(&self) {}
}

impl Renderer {
    /// `base` is the path the site is published at (`/` or `/news/`).
    pub fn new(index: &Index, headlines: Vec<Headline>, base: &str, newsroom_email: &str) -> Self {
        // Set once per process; a second renderer finds it set, which is as good.
        let _ = Executor::init_custom_executor(DrawOnce);
        gazette::site::set_base(base);
        // A server context, so components skip what only a browser can do (window listeners).
        let owner = Owner::new_root(Some(Arc::new(SsrSharedContext::new())));
        let stories = owner.with(|| Stories::complete(headlines));
        Self {
            owner,
            index: index.clone(),
            stories,
            newsroom_email: newsroom_email.to_owned(),
        }
    }

    /// The page's masthead, `<main>` and footer, as the app lays them out; `current` is its address
    /// with the site's base, which the masthead marks.
    pub fn page(&self, content: &Content, current: &str) -> String {
        self.owner.with(|| {
            // A child owner per page, so each page's signals are let go when it is written.
            let page = Owner::new();
            let html = page.with(|| {
                let index = &self.index;
                let title = index.title.clone();
                let main = self.main(content);
                view! {
                    <Masthead
                        title=title.clone()
                        sections=index.sections.clone()
                        current=current.to_owned()
                    />
                    <main id="content" tabindex="-1">
                        {main}
                    </main>
                    <SiteFooter title />
                }
                .to_html()
            });
            page.cleanup();
            // The markers Leptos leaves between neighbouring text nodes for hydration, which a
            // static page has no use for; text never holds a raw `<`, so this cannot touch it.
            html.replace("<!>", "")
        })
    }

    fn main(&self, content: &Content) -> AnyView {
        let index = self.index.clone();
        let stories = self.stories;
        let retry = Callback::new(|()| {});
        let newsroom_email = self.newsroom_email.clone();
        match *content {
            Content::Front => view! { <FrontPageView index stories skipped=Vec::new() search=String::new() retry /> }
            .into_any(),
            Content::Section(section) => view! { <SectionPageView index section=section.clone() stories search=String::new() retry /> }
            .into_any(),
            Content::Article(article) => {
                let section_name = index.section_name(&article.section).to_owned();
                view! { <ArticleView article=article.clone() section_name /> }.into_any()
            }
            Content::Contact => view! {
                <ContactPageView>
                    <WriteInstead why="The contact form needs JavaScript." email=newsroom_email />
                </ContactPageView>
            }
            .into_any(),
            Content::Saved => view! {
                <SavedPageView>
                    <NothingSaved />
                </SavedPageView>
            }.into_any(),
            Content::NotFound => view! { <NotFoundView /> }.into_any(),
            Content::Shell => view! { <ShellContent title=index.title /> }.into_any(),
        }
    }
}
