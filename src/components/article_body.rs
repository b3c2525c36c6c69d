//! Article bodies rendered from blocks as views: text is always text, and a link whose target is not
//! safe to follow is shown as plain words.

use leptos::prelude::*;

use crate::site;
use gazette_core::edition::{image_src, link_href, Block, Inline};

/// The body of an article.
#[component]
pub fn ArticleBody(blocks: Vec<Block>) -> impl IntoView {
    view! { <div class="article-body">{blocks.into_iter().map(block).collect_view()}</div> }
}

fn block(block: Block) -> AnyView {
    match block {
        Block::Paragraph { text } => view! { <p>{inlines(text)}</p> }.into_any(),
        Block::Heading { text } => view! { <h2>{inlines(text)}</h2> }.into_any(),
        Block::Quote { text, source } => view! {
            <figure class="quote">
                <blockquote>
                    <p>{inlines(text)}</p>
                </blockquote>
                {source.map(|source| view! { <figcaption>{source}</figcaption> })}
            </figure>
        }
        .into_any(),
        Block::List { ordered, items } => {
            let items = items
                .into_iter()
                .map(|item| view! { <li>{inlines(item)}</li> })
                .collect_view();
            if ordered {
                view! { <ol>{items}</ol> }.into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            }
        }
        // Focusable, so that a reader on a keyboard can scroll a long line into view.
        Block::Code { language, text } => view! {
            <pre class="code" tabindex="0" data-language=language>
                <code>{text}</code>
            </pre>
        }
        .into_any(),
        Block::Image {
            src,
            alt,
            width,
            height,
            caption,
        } => {
            let src = image_src(&src).map(site::href);
            view! {
                <figure class="figure">
                    {src
                        .map(|src| {
                            view! {
                                <img src=src alt=alt width=width height=height loading="lazy" />
                            }
                        })} {caption.map(|caption| view! { <figcaption>{caption}</figcaption> })}
                </figure>
            }
            .into_any()
        }
    }
}

fn inlines(runs: Vec<Inline>) -> impl IntoView {
    runs.into_iter().map(inline).collect_view()
}

fn inline(run: Inline) -> AnyView {
    match run {
        Inline::Text(text) => text.into_any(),
        Inline::Em(text) => view! { <em>{text}</em> }.into_any(),
        Inline::Strong(text) => view! { <strong>{text}</strong> }.into_any(),
        Inline::Link { text, href } => match link_href(&href, site::base()) {
            Some(href) => view! { <a href=href>{text}</a> }.into_any(),
            None => text.into_any(),
        },
    }
}
