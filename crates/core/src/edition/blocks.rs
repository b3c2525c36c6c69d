//! Article bodies as structured blocks: the bundle never carries HTML, so nothing from content can
//! become markup.

use serde::{Deserialize, Serialize};

/// One block of an article body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Paragraph {
        text: Vec<Inline>,
    },
    /// A subheading within the article; the page title is the only `h1`, so these render as `h2`.
    Heading {
        text: Vec<Inline>,
    },
    Quote {
        text: Vec<Inline>,
        #[serde(default)]
        source: Option<String>,
    },
    List {
        #[serde(default)]
        ordered: bool,
        items: Vec<Vec<Inline>>,
    },
    /// Code as written, shown in monospace and never wrapped; `language` as the fence named it.
    Code {
        #[serde(default)]
        language: Option<String>,
        text: String,
    },
    /// Width and height let the page reserve the image's space before it arrives.
    Image {
        src: String,
        alt: String,
        width: u32,
        height: u32,
        #[serde(default)]
        caption: Option<String>,
    },
}

/// A run of text inside a block: `{"text": "..."}`, `{"em": "..."}`, `{"strong": "..."}` or
/// `{"link": {"text": "...", "href": "..."}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Inline {
    Text(String),
    Em(String),
    Strong(String),
    Link { text: String, href: String },
}

/// The target if it is one a reader may safely follow: http, https, mailto, or a path on this site.
///
/// Anything else (`javascript:`, `data:`, a protocol-relative `//host`, a target with leading
/// whitespace the browser would strip) yields `None`, and the caller shows plain text instead.
pub fn safe_href(href: &str) -> Option<&str> {
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    let external = ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme));
    let on_site = href.starts_with('/') && !href.starts_with("//") && !href.starts_with("/\\");
    let clean = !href.chars().any(char::is_control);
    ((external || on_site) && clean).then_some(href)
}

/// Where a link may take the reader on a site published under `base` (`""` or `/news`), or `None`
/// if it may not: paths on the site are written from its root, so they take the base.
pub fn link_href(href: &str, base: &str) -> Option<String> {
    let href = safe_href(href)?;
    Some(if href.starts_with('/') {
        format!("{base}{href}")
    } else {
        href.to_owned()
    })
}

/// The image's address if it is on this site. Pictures load only from the site itself: one from
/// elsewhere would tell a third party who reads what, and the site's security policy refuses it.
pub fn image_src(src: &str) -> Option<&str> {
    safe_href(src).filter(|src| src.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_mail_and_site_links_are_followed() {
        for href in [
            "https://example.org/a",
            "HTTP://example.org",
            "mailto:desk@example.org",
            "/articles/x",
        ] {
            assert_eq!(safe_href(href), Some(href), "{href}");
        }
        for href in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "//evil.example",
            "/\\evil.example",
            "vbscript:x",
            "articles/x",
            "https://exa\nmple.org",
            "",
        ] {
            assert_eq!(safe_href(href), None, "{href:?}");
        }
    }

    #[test]
    fn site_links_take_the_base_and_others_stay_as_they_are() {
        assert_eq!(
            link_href("/articles/x/", "/news"),
            Some("/news/articles/x/".to_owned())
        );
        assert_eq!(
            link_href("/articles/x/", ""),
            Some("/articles/x/".to_owned())
        );
        assert_eq!(
            link_href("https://example.org/", "/news"),
            Some("https://example.org/".to_owned())
        );
        assert_eq!(link_href("javascript:alert(1)", "/news"), None);
    }

    #[test]
    fn images_come_from_the_site_only() {
        assert_eq!(
            image_src("/edition/images/a.svg"),
            Some("/edition/images/a.svg")
        );
        for src in [
            "https://tracker.example/pixel.gif",
            "//cdn.example/a.png",
            "javascript:x",
            "a.svg",
        ] {
            assert_eq!(image_src(src), None, "{src}");
        }
    }

    #[test]
    fn blocks_decode_from_their_tagged_form() {
        let json = r#"[
            {"type": "paragraph", "text": [{"text": "Plain "}, {"em": "stressed"}, {"link": {"text": "more", "href": "/x"}}]},
            {"type": "list", "items": [[{"text": "one"}], [{"strong": "two"}]]},
            {"type": "image", "src": "/edition/images/a.svg", "alt": "A chart", "width": 640, "height": 360}
        ]"#;
        let blocks: Vec<Block> = serde_json::from_str(json).unwrap();
        assert_eq!(blocks.len(), 3);
        assert!(matches!(&blocks[1], Block::List { ordered: false, items } if items.len() == 2));
    }
}
