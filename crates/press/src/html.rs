//! The prerendered pages' HTML: the same structure and classes the app draws, so a reader without
//! JavaScript, a crawler or a link preview sees the page the app would show. Every piece of text
//! goes through `escape`; nothing from the edition becomes markup.

use gazette_core::edition::{image_src, link_href, Article, Block, Headline, Index, Inline};
use std::fmt::Write;

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Addresses on the site, under the path it is deployed at.
pub struct Paths {
    /// The public path with its trailing slash: `/` or `/news/`.
    pub base: String,
}

impl Paths {
    /// `route` is written from the site's root, as the app writes it: `/articles/x/`.
    pub fn href(&self, route: &str) -> String {
        format!("{}{}", self.base.trim_end_matches('/'), route)
    }

    fn article(&self, slug: &str) -> String {
        self.href(&format!("/articles/{slug}/"))
    }

    fn section(&self, slug: &str) -> String {
        self.href(&format!("/sections/{slug}/"))
    }
}

/// Skip link, masthead and footer around a page's `<main>`, as the app lays them out.
pub fn frame(index: &Index, paths: &Paths, main: &str) -> String {
    let mut sections = String::new();
    for section in &index.sections {
        let _ = write!(
            sections,
            r#"<li><a href="{}">{}</a></li>"#,
            escape(&paths.section(&section.slug)),
            escape(&section.name)
        );
    }
    format!(
        r##"<a class="skip-link" href="#content">Skip to content</a>
<header class="masthead"><p class="brand"><a href="{home}">{title}</a></p>
<nav aria-label="Sections"><ul role="list"><li><a href="{home}">Front page</a></li>{sections}<li class="nav-saved"><a href="{saved}">Saved</a></li><li><a href="{contact}">Contact</a></li></ul></nav></header>
<main id="content" tabindex="-1">
{main}
</main>
<footer class="site-footer"><p>{title} · an independent digest of research, industry, policy and law · <a href="{contact}">Contact the newsroom</a></p></footer>"##,
        home = escape(&paths.href("/")),
        title = escape(&index.title),
        saved = escape(&paths.href("/saved/")),
        contact = escape(&paths.href("/contact/")),
    )
}

pub fn front_page(index: &Index, paths: &Paths) -> String {
    format!(
        r#"<h1 id="page-title" class="page-title" tabindex="-1">Front page</h1>
<p class="edition-date">Edition of <time datetime="{iso}">{date}</time></p>
{stories}
<p>Older stories are listed on each section's page.</p>"#,
        iso = index.published.iso(),
        date = index.published,
        stories = story_list(&index.headlines, index, paths, true),
    )
}

pub fn section_page(index: &Index, slug: &str, headlines: &[Headline], paths: &Paths) -> String {
    let section = index.sections.iter().find(|section| section.slug == slug);
    format!(
        r#"<h1 id="page-title" class="page-title" tabindex="-1">{name}</h1>
<p class="section-description">{description}</p>
{stories}"#,
        name = escape(index.section_name(slug)),
        description = escape(section.map_or("", |section| section.description.as_str())),
        stories = story_list(headlines, index, paths, false),
    )
}

fn story_list(headlines: &[Headline], index: &Index, paths: &Paths, lead: bool) -> String {
    let mut list = String::from(r#"<ol class="stories" role="list">"#);
    for (at, headline) in headlines.iter().enumerate() {
        let (item, class) = if lead && at == 0 {
            (r#"<li class="lead">"#, "story story-lead")
        } else {
            ("<li>", "story")
        };
        let _ = write!(
            list,
            r#"{item}<article class="{class}"><p class="kicker"><a href="{section_href}">{section}</a> · <time datetime="{iso}">{date}</time></p><h2 class="story-title"><a href="{href}">{title}</a></h2><p class="story-summary">{summary}</p>{badge}</article></li>"#,
            section_href = escape(&paths.section(&headline.section)),
            section = escape(index.section_name(&headline.section)),
            iso = headline.date.iso(),
            date = headline.date,
            href = escape(&paths.article(&headline.slug)),
            title = escape(&headline.title),
            summary = escape(&headline.summary),
            badge = impact_badge(headline),
        );
    }
    list.push_str("</ol>");
    list
}

fn impact_badge(headline: &Headline) -> String {
    let band = headline.impact.band();
    format!(
        r#"<span class="impact impact-{class}">Impact Score <strong>{score}</strong><span class="impact-band"> · {band}</span></span>"#,
        class = band.to_ascii_lowercase(),
        score = headline.impact.score(),
    )
}

pub fn article_page(article: &Article, index: &Index, paths: &Paths) -> String {
    let score = article.impact.score();
    let mut page = format!(
        r#"<article class="article"><header class="article-header"><p class="kicker"><a href="{section_href}">{section}</a></p>
<h1 id="page-title" tabindex="-1">{title}</h1>
<p class="standfirst">{standfirst}</p>
<p class="byline">By {byline} · <time datetime="{iso}">{date}</time> · {minutes} min read</p></header>
<aside class="impact-explainer" aria-labelledby="impact-heading"><h2 id="impact-heading">Impact Score <strong>{score}</strong> of 100 · {band}</h2><meter min="0" max="100" low="31" high="81" optimum="100" value="{score}">{score} of 100</meter><p>Our editors' estimate of how much this story will change practice in its field over the next year: 0 to 30 minor, 31 to 60 notable, 61 to 80 significant, 81 to 100 major.</p></aside>
<div class="article-body">{body}</div>"#,
        section_href = escape(&paths.section(&article.section)),
        section = escape(index.section_name(&article.section)),
        title = escape(&article.title),
        standfirst = escape(&article.standfirst),
        byline = escape(&article.byline),
        iso = article.date.iso(),
        date = article.date,
        minutes = article.reading_minutes,
        band = article.impact.band(),
        body = blocks(&article.body, paths),
    );
    if !article.tags.is_empty() {
        page.push_str(r#"<ul class="tags" aria-label="Tags" role="list">"#);
        for tag in &article.tags {
            let _ = write!(page, "<li>{}</li>", escape(tag));
        }
        page.push_str("</ul>");
    }
    page.push_str("</article>\n<nav class=\"prev-next\" aria-label=\"More from this edition\">");
    for (label, headline) in [("Newer", &article.previous), ("Older", &article.next)] {
        if let Some(headline) = headline {
            let _ = write!(
                page,
                r#"<a class="neighbour" href="{}"><span class="neighbour-label">{label} story</span><span class="neighbour-title">{}</span></a>"#,
                escape(&paths.article(&headline.slug)),
                escape(&headline.title)
            );
        }
    }
    page.push_str("</nav>");
    if !article.related.is_empty() {
        page.push_str(r#"<section class="related" aria-labelledby="related-heading"><h2 id="related-heading">Related stories</h2><ul role="list">"#);
        for headline in &article.related {
            let _ = write!(
                page,
                r#"<li><a href="{}">{}</a><span class="related-date"> · {}</span></li>"#,
                escape(&paths.article(&headline.slug)),
                escape(&headline.title),
                headline.date
            );
        }
        page.push_str("</ul></section>");
    }
    page
}

pub fn contact_page(email: &str) -> String {
    format!(
        r#"<div class="contact"><h1 id="page-title" class="page-title" tabindex="-1">Contact the newsroom</h1>
<p class="measure">Tips, corrections and questions go straight to our editors. We check your email address first, so we can be sure a reply reaches you.</p>
<div class="notice"><p>The contact form needs JavaScript. You can also reach the newsroom by email at <a href="mailto:{email}">{email}</a>.</p></div></div>"#,
        email = escape(email)
    )
}

pub fn saved_page() -> String {
    r#"<h1 id="page-title" class="page-title" tabindex="-1">Saved articles</h1>
<p class="measure">Articles you save for offline reading are kept in this browser, which needs JavaScript to list them.</p>"#
        .to_owned()
}

/// The app shell's content: nothing but a title, marked so that the app takes over from it as soon
/// as it knows anything (see `gazette::navigation::Handover`).
pub fn loading_page(title: &str) -> String {
    format!(
        r#"<h1 id="page-title" class="page-title" tabindex="-1">{}</h1>
<p role="status" {}>Loading the edition…</p>"#,
        escape(title),
        gazette::navigation::PLACEHOLDER_MARK
    )
}

pub fn not_found_page(paths: &Paths) -> String {
    format!(
        r#"<div class="not-found"><h1 id="page-title" class="page-title" tabindex="-1">Page not found</h1>
<p>There is nothing at this address. The story may have moved, or the link may be mistyped.</p>
<p><a href="{}">Go to the front page</a></p></div>"#,
        escape(&paths.href("/"))
    )
}

fn blocks(body: &[Block], paths: &Paths) -> String {
    let mut out = String::new();
    for block in body {
        match block {
            Block::Paragraph { text } => {
                let _ = write!(out, "<p>{}</p>", inlines(text, paths));
            }
            Block::Heading { text } => {
                let _ = write!(out, "<h2>{}</h2>", inlines(text, paths));
            }
            Block::Quote { text, source } => {
                let _ = write!(
                    out,
                    r#"<figure class="quote"><blockquote><p>{}</p></blockquote>{}</figure>"#,
                    inlines(text, paths),
                    source
                        .as_deref()
                        .map(|source| format!("<figcaption>{}</figcaption>", escape(source)))
                        .unwrap_or_default()
                );
            }
            Block::List { ordered, items } => {
                let tag = if *ordered { "ol" } else { "ul" };
                let _ = write!(out, "<{tag}>");
                for item in items {
                    let _ = write!(out, "<li>{}</li>", inlines(item, paths));
                }
                let _ = write!(out, "</{tag}>");
            }
            Block::Image {
                src,
                alt,
                width,
                height,
                caption,
            } => {
                out.push_str(r#"<figure class="figure">"#);
                if let Some(src) = image_src(src) {
                    let _ = write!(
                        out,
                        r#"<img src="{}" alt="{}" width="{width}" height="{height}" loading="lazy">"#,
                        escape(&paths.href(src)),
                        escape(alt)
                    );
                }
                if let Some(caption) = caption {
                    let _ = write!(out, "<figcaption>{}</figcaption>", escape(caption));
                }
                out.push_str("</figure>");
            }
        }
    }
    out
}

fn inlines(runs: &[Inline], paths: &Paths) -> String {
    let mut out = String::new();
    for run in runs {
        match run {
            Inline::Text(text) => out.push_str(&escape(text)),
            Inline::Em(text) => {
                let _ = write!(out, "<em>{}</em>", escape(text));
            }
            Inline::Strong(text) => {
                let _ = write!(out, "<strong>{}</strong>", escape(text));
            }
            Inline::Link { text, href } => {
                match link_href(href, paths.base.trim_end_matches('/')) {
                    Some(href) => {
                        let _ = write!(out, r#"<a href="{}">{}</a>"#, escape(&href), escape(text));
                    }
                    None => out.push_str(&escape(text)),
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_is_text_never_markup() {
        let paths = Paths {
            base: "/news/".to_owned(),
        };
        let body = [Block::Paragraph {
            text: vec![
                Inline::Text("<script>alert(1)</script>".to_owned()),
                Inline::Link {
                    text: "x\" onerror=\"y".to_owned(),
                    href: "javascript:alert(1)".to_owned(),
                },
                Inline::Link {
                    text: "next".to_owned(),
                    href: "/articles/next/".to_owned(),
                },
            ],
        }];
        assert_eq!(
            blocks(&body, &paths),
            r#"<p>&lt;script&gt;alert(1)&lt;/script&gt;x&quot; onerror=&quot;y<a href="/news/articles/next/">next</a></p>"#
        );
    }
}
