//! Component tests, run in Chromium by wasm-bindgen-test: what a reader would see and do.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use gazette::components::{
    ArticleBody, HeadlineCard, ImpactBadge, LoadErrorNotice, OpeningNotice, StaleNotice,
};
use gazette::fetch::LoadError;
use gazette_core::edition::{Block, Date, Headline, Impact, Inline};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `view` in a fresh container and returns the container.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> HtmlElement {
    let container: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    std::mem::forget(leptos::mount::mount_to(container.clone(), view));
    container
}

fn all(container: &HtmlElement, selector: &str) -> Vec<HtmlElement> {
    let nodes = container.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .map(|i| nodes.get(i).unwrap().unchecked_into())
        .collect()
}

fn text(container: &HtmlElement) -> String {
    container.text_content().unwrap_or_default()
}

fn headline() -> Headline {
    Headline {
        slug: "mathematics-in-machine-learning".into(),
        title: "Proofs give way to explanations".into(),
        section: "research".into(),
        date: Date::parse("2026-11-25").unwrap(),
        summary: "Why theory now follows practice.".into(),
        impact: Impact::new(75).unwrap(),
    }
}

#[wasm_bindgen_test]
fn a_headline_card_links_to_its_article_and_section() {
    let card =
        mount(|| view! { <HeadlineCard headline=headline() section_name="Research".to_owned() /> });
    let links = all(&card, "a");
    let hrefs: Vec<_> = links
        .iter()
        .map(|link| link.get_attribute("href").unwrap())
        .collect();
    assert_eq!(
        hrefs,
        [
            "/sections/research/",
            "/articles/mathematics-in-machine-learning/"
        ]
    );
    assert_eq!(
        links[1].text_content().unwrap(),
        "Proofs give way to explanations"
    );
    assert_eq!(
        all(&card, "time")[0].get_attribute("datetime").unwrap(),
        "2026-11-25"
    );
    assert!(text(&card).contains("25 November 2026"));
    assert!(text(&card).contains("Impact Score 75 · Significant"));
}

#[wasm_bindgen_test]
fn the_impact_badge_names_its_band_in_words() {
    let badge = mount(|| view! { <ImpactBadge impact=Impact::new(12).unwrap() /> });
    assert_eq!(text(&badge), "Impact Score 12 · Minor");
}

#[wasm_bindgen_test]
fn article_bodies_render_blocks_and_refuse_unsafe_links() {
    let blocks = vec![
        Block::Heading {
            text: vec![Inline::Text("Why it matters".into())],
        },
        Block::Paragraph {
            text: vec![
                Inline::Text("Read ".into()),
                Inline::Em("this".into()),
                Inline::Link {
                    text: "safe".into(),
                    href: "https://example.org/".into(),
                },
                Inline::Link {
                    text: "unsafe".into(),
                    href: "javascript:alert(1)".into(),
                },
                Inline::Text("<script>alert(2)</script>".into()),
            ],
        },
        Block::List {
            ordered: true,
            items: vec![
                vec![Inline::Strong("first".into())],
                vec![Inline::Text("second".into())],
            ],
        },
        Block::Image {
            src: "/edition/images/chart.svg".into(),
            alt: "A chart".into(),
            width: 640,
            height: 360,
            caption: None,
        },
        Block::Image {
            src: "https://tracker.example/pixel.gif".into(),
            alt: "A pixel".into(),
            width: 1,
            height: 1,
            caption: Some("Kept as a caption".into()),
        },
    ];
    let body = mount(move || view! { <ArticleBody blocks /> });
    let images = all(&body, "img");
    assert_eq!(images.len(), 1, "only the site's own image loads");
    assert_eq!(
        images[0].get_attribute("src").unwrap(),
        "/edition/images/chart.svg"
    );
    assert!(text(&body).contains("Kept as a caption"));
    assert_eq!(
        all(&body, "h2")[0].text_content().unwrap(),
        "Why it matters"
    );
    assert_eq!(all(&body, "em")[0].text_content().unwrap(), "this");
    let links = all(&body, "a");
    assert_eq!(links.len(), 1, "only the safe link is a link");
    assert_eq!(
        links[0].get_attribute("href").unwrap(),
        "https://example.org/"
    );
    assert!(
        text(&body).contains("unsafe<script>alert(2)</script>"),
        "the rest stays text"
    );
    assert!(all(&body, "script").is_empty());
    assert_eq!(all(&body, "ol li").len(), 2);
}

#[wasm_bindgen_test]
fn code_is_shown_as_written_in_a_box_a_keyboard_can_scroll() {
    let blocks = vec![Block::Code {
        language: Some("html".into()),
        text: "<script>alert(1)</script>\n  indented".into(),
    }];
    let body = mount(move || view! { <ArticleBody blocks /> });
    let code = &all(&body, "pre.code")[0];
    assert_eq!(code.get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(code.get_attribute("data-language").as_deref(), Some("html"));
    assert_eq!(
        all(&body, "pre.code code")[0].text_content().unwrap(),
        "<script>alert(1)</script>\n  indented"
    );
    assert!(all(&body, "script").is_empty());
}

#[wasm_bindgen_test]
async fn retry_on_an_error_notice_asks_again() {
    let asked = RwSignal::new(0);
    let notice = mount(move || {
        let retry = Callback::new(move |()| asked.update(|n| *n += 1));
        view! { <LoadErrorNotice what="the edition" error=LoadError::Status(500) retry /> }
    });
    assert_eq!(all(&notice, "[role=alert]").len(), 1);
    assert!(text(&notice)
        .contains("We couldn't load the edition. The newsroom's server had a problem (HTTP 500)."));
    all(&notice, "button")[0].click();
    assert_eq!(asked.get_untracked(), 1);
}

#[wasm_bindgen_test]
fn a_page_that_could_not_be_refreshed_says_why_and_retries() {
    let asked = RwSignal::new(0);
    let retrying = RwSignal::new(false);
    let notice = mount(move || {
        let retry = Callback::new(move |()| asked.update(|n| *n += 1));
        view! { <StaleNotice error=LoadError::Timeout(20) retrying retry /> }
    });
    assert!(text(&notice).starts_with(
        "This page could not be refreshed. The newsroom did not answer within 20 seconds."
    ));
    // Calm: a note, not an alert.
    assert!(all(&notice, "[role=alert]").is_empty());
    all(&notice, "button")[0].click();
    assert_eq!(asked.get_untracked(), 1);
}

#[wasm_bindgen_test]
fn a_link_that_could_not_be_opened_names_it_and_offers_retry_and_dismiss() {
    let asked = RwSignal::new(Vec::new());
    let notice = mount(move || {
        let retry = Callback::new(move |()| asked.update(|asked| asked.push("retry")));
        let dismiss = Callback::new(move |()| asked.update(|asked| asked.push("dismiss")));
        view! {
            <OpeningNotice
                title="Proofs give way".to_owned()
                error=Some(LoadError::Status(500))
                retry
                dismiss
            />
        }
    });
    assert!(text(&notice).starts_with(
        "We couldn't open \u{201c}Proofs give way\u{201d}. The newsroom's server had a problem (HTTP 500). You are still on the page you were reading."
    ));
    let buttons = all(&notice, "button");
    buttons[0].click();
    buttons[1].click();
    assert_eq!(asked.get_untracked(), ["retry", "dismiss"]);
}
