//! The Atom feed and the sitemap: absolute addresses, so they need the site's public URL.

use gazette_core::edition::{Article, Headline, Index};
use gazette_core::routes::Route;
use std::fmt::Write;

use crate::html::escape;
use crate::newsroom::Newsroom;

/// Entries in the feed: readers' feed apps want what is new, not the archive.
const FEED_ENTRIES: usize = 50;

/// `site` is the public URL with its trailing slash; the newsroom is the feed's author (each entry
/// names its own); `article` finds a headline's article.
pub fn atom<'a>(
    index: &Index,
    headlines: &[Headline],
    site: &str,
    newsroom: &Newsroom,
    article: impl Fn(&str) -> Option<&'a Article>,
) -> String {
    let mut feed = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>{title}</title>
<subtitle>{tagline}</subtitle>
<id>{site}</id>
<link rel="alternate" type="text/html" href="{site}"/>
<link rel="self" type="application/atom+xml" href="{site}feed.xml"/>
<updated>{updated}T00:00:00Z</updated>
<author><name>{newsroom}</name><email>{email}</email></author>
"#,
        newsroom = escape(&newsroom.name),
        email = escape(&newsroom.email),
        title = escape(&index.title),
        tagline = escape(&index.tagline),
        site = escape(site),
        updated = index.published.iso(),
    );
    for headline in headlines.iter().take(FEED_ENTRIES) {
        let url = escape(&format!(
            "{site}{}",
            Route::Article.path(&headline.slug).trim_start_matches('/')
        ));
        let author = article(&headline.slug).map_or(index.title.as_str(), |a| a.byline.as_str());
        let _ = write!(
            feed,
            r#"<entry>
<title>{title}</title>
<id>{url}</id>
<link rel="alternate" type="text/html" href="{url}"/>
<updated>{date}T00:00:00Z</updated>
<author><name>{author}</name></author>
<category term="{section}" label="{section_name}"/>
<summary>{summary}</summary>
</entry>
"#,
            title = escape(&headline.title),
            date = headline.date.iso(),
            author = escape(author),
            section = escape(&headline.section),
            section_name = escape(index.section_name(&headline.section)),
            summary = escape(&headline.summary),
        );
    }
    feed.push_str("</feed>\n");
    feed
}

/// Every page the route table lists for the sitemap: front, sections, articles (with their date)
/// and contact.
pub fn sitemap(index: &Index, headlines: &[Headline], site: &str) -> String {
    let mut map = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut url = |path: &str, lastmod: Option<&str>| {
        let lastmod = lastmod
            .map(|date| format!("<lastmod>{date}</lastmod>"))
            .unwrap_or_default();
        let _ = writeln!(
            map,
            "<url><loc>{}</loc>{lastmod}</url>",
            escape(&format!("{site}{path}"))
        );
    };
    for route in Route::ALL.into_iter().filter(|route| route.in_sitemap()) {
        let path = |slug: &str| route.path(slug).trim_start_matches('/').to_owned();
        match route {
            Route::Front => url(&path(""), Some(index.published.iso())),
            Route::Section => {
                for section in &index.sections {
                    url(&path(&section.slug), None);
                }
            }
            Route::Article => {
                for headline in headlines {
                    url(&path(&headline.slug), Some(headline.date.iso()));
                }
            }
            Route::Contact | Route::Saved => url(&path(""), None),
        }
    }
    map.push_str("</urlset>\n");
    map
}
