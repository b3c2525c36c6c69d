use leptos::{prelude::*, task::spawn_local};
use leptos_router::hooks::use_params_map;

use super::{Announced, Head, NotFound};
use crate::components::{ArticleBody, ImpactExplainer, LoadErrorNotice, Placeholder};
use crate::fetch::LoadError;
use crate::navigation::page_failed;
use crate::offline::{self, use_offline};
use crate::saved::{article_url, use_saved};
use crate::site::href;
use crate::state::use_edition;
use gazette_core::edition::{is_slug, Article, Headline};
use gazette_core::routes::Route;

/// `/articles/<slug>`: one story in full, with where to go next.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let edition = use_edition();
    let params = use_params_map();
    let slug = Memo::new(move |_| {
        params
            .read()
            .get(crate::param(Route::Article))
            .unwrap_or_default()
    });
    let article = LocalResource::new(move || {
        let slug = slug.get();
        async move {
            if !is_slug(&slug) {
                return Err(LoadError::Status(404));
            }
            edition.article(slug).await
        }
    });
    // Made once, outside the effect, so that the hand-over can still call it after the effect reruns.
    let retry = Callback::new(move |()| article.refetch());
    let announced = Announced::default();
    Effect::new(move || match article.get() {
        Some(Ok(article)) => {
            announced.ready(
                &article.slug,
                &Head::article(&edition.publication(), &article),
            );
        }
        Some(Err(error)) if !error.is_not_found() => {
            let head = Head::unavailable("Article unavailable", &untrack(|| edition.publication()));
            page_failed(&head.title, &head.description, error, Some(retry));
        }
        _ => {}
    });
    move || {
        match article.get() {
        None => view! { <Placeholder rows=3 /> }.into_any(),
        Some(Err(error)) if error.is_not_found() => view! { <NotFound /> }.into_any(),
        Some(Err(LoadError::Network)) if use_offline().cut_off(&edition) => view! {
            <h1 id="page-title" class="page-title" tabindex="-1">
                "Not available offline"
            </h1>
            <div class="notice">
                <p>
                    <strong>"This article isn't available offline."</strong>
                    " You haven't opened it on this device before, so there is no copy here. Articles you open "
                    "are kept for reading offline, and \u{201c}Save for offline\u{201d} keeps them until you remove them."
                </p>
                <p>
                    <a href=href(&Route::Saved.path(""))>"Your saved articles"</a>
                    " · "
                    <a href=href("/")>"Front page"</a>
                </p>
            </div>
        }
        .into_any(),
        Some(Err(error)) => {
            let retry = Callback::new(move |()| article.refetch());
            view! {
                <h1 id="page-title" class="page-title" tabindex="-1">
                    "Article unavailable"
                </h1>
                <LoadErrorNotice what="this article" error retry />
                <p>
                    <a href=href("/")>"Back to the front page"</a>
                </p>
            }
            .into_any()
        }
        Some(Ok(article)) => {
            let save = save_state(&article);
            let section = article.section.clone();
            let section_name = Signal::derive(move || {
                edition.index.with(|loaded| match loaded {
                    Some(Ok(loaded)) => loaded.index.section_name(&section).to_owned(),
                    _ => section.clone(),
                })
            });
            view! { <ArticleView article section_name save /> }.into_any()
        }
    }
    }
}

/// The reader's copy for offline reading: whether it is kept, and the button's action.
#[derive(Clone, Copy)]
pub struct SaveState {
    pub saved: Signal<bool>,
    /// The browser refused to keep a copy.
    pub failed: Signal<bool>,
    pub toggle: Callback<()>,
}

impl Default for SaveState {
    /// Not saved, as a prerendered page shows it before the app can keep anything.
    fn default() -> Self {
        Self {
            saved: Signal::stored(false),
            failed: Signal::stored(false),
            toggle: Callback::new(|()| {}),
        }
    }
}

/// One loaded article, as the app shows it and press prerenders it.
#[component]
pub fn ArticleView(
    article: Article,
    /// The name of the article's section.
    #[prop(into)]
    section_name: Signal<String>,
    #[prop(optional)] save: SaveState,
) -> impl IntoView {
    let Article {
        title,
        standfirst,
        byline,
        section,
        date,
        impact,
        reading_minutes,
        tags,
        body,
        related,
        previous,
        next,
        ..
    } = article;
    let SaveState {
        saved,
        failed,
        toggle,
    } = save;
    view! {
        <article class="article">
            <header class="article-header">
                <p class="kicker">
                    <a href=href(&Route::Section.path(&section))>{section_name}</a>
                </p>
                <h1 id="page-title" tabindex="-1">
                    {title}
                </h1>
                <p class="standfirst">{standfirst}</p>
                <p class="byline">
                    "By " {byline} " · "
                    <time datetime=date.iso().to_owned()>{date.to_string()}</time> " · "
                    {reading_minutes} " min read"
                </p>
                <p class="save">
                    <button
                        type="button"
                        class="secondary"
                        aria-pressed=move || saved.get().to_string()
                        on:click=move |_| toggle.run(())
                    >
                        {move || {
                            if saved.get() {
                                "Saved for offline \u{2713}"
                            } else {
                                "Save for offline"
                            }
                        }}
                    </button>
                    {move || {
                        failed
                            .get()
                            .then_some(
                                " This browser would not keep a copy; try again when online.",
                            )
                    }}
                </p>
            </header>
            <ImpactExplainer impact />
            <ArticleBody blocks=body />
            {(!tags.is_empty())
                .then(|| {
                    view! {
                        <ul class="tags" aria-label="Tags" role="list">
                            {tags.into_iter().map(|tag| view! { <li>{tag}</li> }).collect_view()}
                        </ul>
                    }
                })}
        </article>
        <nav class="prev-next" aria-label="More from this edition">
            {previous.map(|headline| neighbour("Newer", headline))}
            {next.map(|headline| neighbour("Older", headline))}
        </nav>
        {(!related.is_empty())
            .then(|| {
                view! {
                    <section class="related" aria-labelledby="related-heading">
                        <h2 id="related-heading">"Related stories"</h2>
                        <ul role="list">
                            {related
                                .into_iter()
                                .map(|headline| {
                                    view! {
                                        <li>
                                            <a href=href(
                                                &Route::Article.path(&headline.slug),
                                            )>{headline.title}</a>
                                            <span class="related-date">
                                                " · " {headline.date.to_string()}
                                            </span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })}
    }
}

fn neighbour(label: &'static str, headline: Headline) -> impl IntoView {
    view! {
        <a class="neighbour" href=href(&Route::Article.path(&headline.slug))>
            <span class="neighbour-label">{label} " story"</span>
            <span class="neighbour-title">{headline.title}</span>
        </a>
    }
}

/// "Save for offline", or, once saved, a way to remove it.
fn save_state(article: &Article) -> SaveState {
    let saved = use_saved();
    let headline = Headline {
        slug: article.slug.clone(),
        title: article.title.clone(),
        section: article.section.clone(),
        date: article.date.clone(),
        summary: article.standfirst.clone(),
        impact: article.impact,
    };
    let slug = StoredValue::new(article.slug.clone());
    let pictures = StoredValue::new(offline::article_pictures(article));
    let failed = RwSignal::new(false);
    let toggle = Callback::new(move |()| {
        let slug = slug.get_value();
        if saved.contains(&slug) {
            saved.remove(&slug);
        } else {
            let headline = headline.clone();
            spawn_local(async move {
                if offline::save(&article_url(&headline.slug), pictures.get_value()).await {
                    failed.set(false);
                    saved.add(headline);
                } else {
                    failed.set(true);
                }
            });
        }
    });
    SaveState {
        saved: Signal::derive(move || saved.contains(&slug.get_value())),
        failed: failed.into(),
        toggle,
    }
}
