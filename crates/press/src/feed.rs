//! The Atom feed and the sitemaps: absolute addresses, so they need the site's public URL.

use gazette_core::edition::{Headline, Index};
use gazette_core::routes::Route;
use std::fmt::Write;

use crate::html::escape;
use crate::newsroom::Newsroom;

/// Entries in the feed: readers' feed apps want what is new, not the archive.
const FEED_ENTRIES: usize = 50;

/// `site` is the public URL with its trailing slash; the newsroom is the feed's author (each entry
/// names its own); `byline` finds a story's byline.
pub fn atom(
    index: &Index,
    headlines: &[Headline],
    site: &str,
    newsroom: &Newsroom,
    byline: impl Fn(&str) -> Option<String>,
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
        let author = byline(&headline.slug).unwrap_or_else(|| index.title.clone());
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
            author = escape(&author),
            section = escape(&headline.section),
            section_name = escape(index.section_name(&headline.section)),
            summary = escape(&headline.summary),
        );
    }
    feed.push_str("</feed>\n");
    feed
}

/// The most addresses one sitemap file may hold, by the sitemap protocol.
const SITEMAP_LIMIT: usize = 50_000;

/// The sitemap files, as (file, text): `sitemap.xml` lists every page the route table puts in the
/// sitemap (front, sections, articles with their date, contact); an archive past the protocol's
/// 50,000 addresses gets `sitemap-1.xml`, `sitemap-2.xml`, … and `sitemap.xml` becomes their index.
pub fn sitemaps(index: &Index, headlines: &[Headline], site: &str) -> Vec<(String, String)> {
    split(&pages(index, headlines, site), site, SITEMAP_LIMIT)
}

/// Each page's address and, where it has one, its date.
fn pages<'a>(
    index: &'a Index,
    headlines: &'a [Headline],
    site: &str,
) -> Vec<(String, Option<&'a str>)> {
    let mut pages = Vec::new();
    for route in Route::ALL.into_iter().filter(|route| route.in_sitemap()) {
        let mut page = |slug: &str, lastmod: Option<&'a str>| {
            pages.push((
                format!("{site}{}", route.path(slug).trim_start_matches('/')),
                lastmod,
            ));
        };
        match route {
            Route::Front => page("", Some(index.published.iso())),
            Route::Section => {
                for section in &index.sections {
                    page(&section.slug, None);
                }
            }
            Route::Article => {
                for headline in headlines {
                    page(&headline.slug, Some(headline.date.iso()));
                }
            }
            Route::Contact | Route::Saved => page("", None),
        }
    }
    pages
}

fn split(pages: &[(String, Option<&str>)], site: &str, limit: usize) -> Vec<(String, String)> {
    let parts: Vec<String> = pages.chunks(limit.max(1)).map(urlset).collect();
    if parts.len() <= 1 {
        let only = parts.into_iter().next().unwrap_or_else(|| urlset(&[]));
        return vec![("sitemap.xml".to_owned(), only)];
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut files = Vec::with_capacity(parts.len() + 1);
    for (number, part) in parts.into_iter().enumerate() {
        let file = format!("sitemap-{}.xml", number + 1);
        let _ = writeln!(
            index,
            "<sitemap><loc>{}</loc></sitemap>",
            escape(&format!("{site}{file}"))
        );
        files.push((file, part));
    }
    index.push_str("</sitemapindex>\n");
    files.push(("sitemap.xml".to_owned(), index));
    files
}

fn urlset(pages: &[(String, Option<&str>)]) -> String {
    let mut map = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (address, lastmod) in pages {
        let lastmod = lastmod
            .map(|date| format!("<lastmod>{date}</lastmod>"))
            .unwrap_or_default();
        let _ = writeln!(map, "<url><loc>{}</loc>{lastmod}</url>", escape(address));
    }
    map.push_str("</urlset>\n");
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(count: usize) -> Vec<(String, Option<&'static str>)> {
        (0..count)
            .map(|n| {
                (
                    format!("https://news.example/articles/{n}/"),
                    Some("2026-11-20"),
                )
            })
            .collect()
    }

    #[test]
    fn a_sitemap_within_the_limit_is_one_file() {
        let files = split(&pages(3), "https://news.example/", 3);
        assert_eq!(files.len(), 1);
        let (file, text) = &files[0];
        assert_eq!(file, "sitemap.xml");
        assert!(text.contains("<urlset "));
        assert_eq!(text.matches("<url>").count(), 3);
        assert!(text.contains(
            "<url><loc>https://news.example/articles/0/</loc><lastmod>2026-11-20</lastmod></url>"
        ));
    }

    #[test]
    fn past_the_limit_sitemap_xml_indexes_the_parts() {
        let files = split(&pages(7), "https://news.example/", 3);
        let names: Vec<&str> = files.iter().map(|(file, _)| file.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap.xml"
            ]
        );
        let counts: Vec<usize> = files[..3]
            .iter()
            .map(|(_, text)| text.matches("<url>").count())
            .collect();
        assert_eq!(counts, [3, 3, 1]);
        let index = &files[3].1;
        assert!(index.contains("<sitemapindex "));
        assert!(index.contains("<sitemap><loc>https://news.example/sitemap-2.xml</loc></sitemap>"));
        assert_eq!(index.matches("<sitemap>").count(), 3);
    }
}
