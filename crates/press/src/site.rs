//! The built app to a complete static site: a prerendered page for every route (so any host serves
//! every address with no rewrite rules), 404.html, the feed, the sitemap, and the security headers.
//!
//! Runs after Trunk (a post_build hook) on its output: `index.html` is the template every page is
//! made from, and the edition is read back through the app's own decoders.

use gazette::pages::Head;
use gazette_core::edition::{
    decode_article, decode_chunk, decode_index, image_src, Article, Block, Headline, Index,
};
use gazette_core::routes::Route;
use rayon::prelude::*;
use std::fs;
use std::path::Path;

use crate::feed;
use crate::html::escape;
use crate::newsroom::Newsroom;
use crate::prerender::{Content, Renderer};
use crate::security;
use gazette::site::href;

/// Where the site is published.
pub struct Public {
    /// The absolute URL, with its trailing slash: `https://news.example.org/news/`.
    pub url: String,
    /// Its path: `/news/`.
    pub base: String,
}

impl Public {
    /// From Trunk's public URL (`--public-url`): a full URL, or a path whose origin is then
    /// `origin` (a placeholder when the deployer gave none).
    pub fn new(public_url: &str, origin: Option<&str>) -> Result<Self, String> {
        let public_url = if public_url.ends_with('/') {
            public_url.to_owned()
        } else {
            format!("{public_url}/")
        };
        if let Some(rest) = public_url
            .strip_prefix("https://")
            .or_else(|| public_url.strip_prefix("http://"))
        {
            let base = rest
                .find('/')
                .and_then(|at| rest.get(at..))
                .unwrap_or("/")
                .to_owned();
            return Ok(Self {
                url: public_url,
                base,
            });
        }
        if !public_url.starts_with('/') {
            return Err(format!(
                "the public URL `{public_url}` must be a path (/news/) or a full http(s) URL"
            ));
        }
        let origin = origin
            .unwrap_or("https://gazette.example")
            .trim_end_matches('/');
        Ok(Self {
            url: format!("{origin}{public_url}"),
            base: public_url,
        })
    }
}

/// The picture link previews show for a page without a raster picture of its own: the app's icon.
const SHARED_IMAGE: &str = "/icons/icon-512.png";

/// Whether link previews show a picture at `src`: most ignore SVG.
fn raster(src: &str) -> bool {
    let lower = src.to_ascii_lowercase();
    [".png", ".jpg", ".jpeg", ".webp", ".gif"]
        .iter()
        .any(|extension| lower.ends_with(extension))
}

/// A page to write: its file in the site, and what goes in its `<head>` and `<main>`.
struct Page<'a> {
    file: String,
    /// The address it is published at, from the site's root; `None` for 404.html, which has none.
    route: Option<String>,
    head: Head,
    og_type: &'static str,
    image: Option<String>,
    content: Content<'a>,
}

pub fn build(
    dist: &Path,
    public: &Public,
    contact_service: Option<&str>,
    newsroom: &Newsroom,
) -> Result<usize, String> {
    let template_path = dist.join("index.html");
    let template = fs::read_to_string(&template_path)
        .map_err(|e| format!("{}: {e}", template_path.display()))?;
    if template.contains(r#"id="prerendered""#) {
        return Err(format!(
            "{} is already prerendered; run press on a fresh build",
            template_path.display()
        ));
    }
    let edition = dist.join("edition");
    let (index, headlines) = read_edition(&edition)?;

    let service = security::configure_contact(dist, contact_service, newsroom)?;
    let template = security::with_integrity(&template, dist)?;
    let scripts: Vec<&str> = security::inline_scripts(&template);
    let connect: Vec<String> = service.into_iter().collect();
    let meta_policy = security::content_security_policy(&scripts, &connect, false);
    let header_policy = security::content_security_policy(&scripts, &connect, true);

    let renderer = Renderer::new(&index, headlines.clone(), &public.base, &newsroom.email);
    let draw = |page: &Page| {
        // The base path lives in a thread-local (the app's links read it), and this may be a
        // thread the renderer has not seen.
        gazette::site::set_base(&public.base);
        let current = href(page.route.as_deref().unwrap_or("/"));
        let body = renderer.page(&page.content, &current);
        let html = render(&template, page, &body, &index, public, &meta_policy)?;
        let path = dist.join(&page.file);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(&path, html).map_err(|e| format!("{}: {e}", path.display()))
    };
    // The pages that list stories are drawn one after another: they share the archive's stored
    // value, whose locks Leptos only tries (it is made for one thread), so while one page searched
    // it another found it locked, took it for disposed and aborted. They are few; articles, which
    // never read it, are the many.
    let pages = pages(&index);
    pages.iter().try_for_each(draw)?;
    // Articles are drawn on every core, each written as soon as it is drawn, each read when its
    // page is drawn and let go after: the archive's bodies are never all in memory at once.
    headlines.par_iter().try_for_each(|headline| {
        let article = read_article(&edition, &headline.slug)?;
        draw(&article_page(&index.title, &article))
    })?;

    let byline = |slug: &str| {
        read_article(&edition, slug)
            .ok()
            .map(|article| article.byline)
    };
    write(
        dist,
        "feed.xml",
        &feed::atom(&index, &headlines, &public.url, newsroom, byline),
    )?;
    let mut sitemaps = Vec::new();
    for (file, text) in feed::sitemaps(&index, &headlines, &public.url) {
        write(dist, &file, &text)?;
        sitemaps.push(file);
    }
    write(
        dist,
        "robots.txt",
        &format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            public.url
        ),
    )?;
    let (hashed, fresh) = security::cache_classes(dist, &sitemaps);
    write(
        dist,
        "_headers",
        &security::headers_file(&header_policy, &public.base, &hashed, &fresh),
    )?;
    Ok(pages.len() + headlines.len())
}

fn write(dist: &Path, name: &str, text: &str) -> Result<(), String> {
    fs::write(dist.join(name), text).map_err(|e| format!("{name}: {e}"))
}

/// The edition's index and every headline, newest first, decoded as the app decodes them; any file
/// it could not read stops the build.
fn read_edition(folder: &Path) -> Result<(Index, Vec<Headline>), String> {
    // A headline the app would skip would lose its page here: refuse it instead.
    let whole = |path: &str, skipped: Vec<String>| match skipped.first() {
        Some(first) => Err(problem(folder, path, first)),
        None => Ok(()),
    };
    let decoded = decode_index(&read(folder, "index.json")?)
        .map_err(|e| problem(folder, "index.json", &e))?;
    whole("index.json", decoded.skipped)?;
    let index = decoded.value;
    let mut headlines = index.headlines.clone();
    // Newest first, as the app reads them: chunk 1 is the oldest.
    for chunk in (1..=index.older_chunks).rev() {
        let path = format!("index/{chunk}.json");
        let chunk = decode_chunk(&read(folder, &path)?).map_err(|e| problem(folder, &path, &e))?;
        whole(&path, chunk.skipped)?;
        headlines.extend(chunk.value.headlines);
    }
    Ok((index, headlines))
}

/// One article of the edition in `folder`, decoded as the app decodes it.
fn read_article(folder: &Path, slug: &str) -> Result<Article, String> {
    let path = format!("articles/{slug}.json");
    decode_article(&read(folder, &path)?).map_err(|e| problem(folder, &path, &e))
}

fn read(folder: &Path, path: &str) -> Result<String, String> {
    fs::read_to_string(folder.join(path)).map_err(|e| problem(folder, path, &e))
}

fn problem(folder: &Path, path: &str, error: &dyn std::fmt::Display) -> String {
    format!("{}/{path}: {error}", folder.display())
}

/// Every page of the route table for this edition but the articles' (`article_page`), then
/// 404.html and the app shell.
fn pages(index: &Index) -> Vec<Page<'_>> {
    let publication = &index.title;
    let mut pages = Vec::new();
    for route in Route::ALL {
        match route {
            Route::Front => pages.push(page(route, "", Head::front(index), Content::Front)),
            Route::Section => {
                for section in &index.sections {
                    let head = Head::section(index, section);
                    pages.push(page(route, &section.slug, head, Content::Section(section)));
                }
            }
            // Each read and drawn on its own: see `article_page`.
            Route::Article => {}
            Route::Contact => {
                pages.push(page(
                    route,
                    "",
                    Head::contact(publication),
                    Content::Contact,
                ));
            }
            Route::Saved => pages.push(page(route, "", Head::saved(publication), Content::Saved)),
        }
    }
    pages.push(Page {
        file: "404.html".to_owned(),
        route: None,
        ..page(
            Route::Front,
            "",
            Head::not_found(publication),
            Content::NotFound,
        )
    });
    // What the service worker answers every navigation with, offline or not: the page of no route
    // in particular, so nothing wrong shows while the app starts.
    // Its canonical link names the site, and tells the app the published origin, with which it
    // points the link at each page it shows (see gazette::navigation).
    pages.push(Page {
        file: "shell.html".to_owned(),
        ..page(Route::Front, "", Head::shell(index), Content::Shell)
    });
    pages
}

fn page<'a>(route: Route, slug: &str, head: Head, content: Content<'a>) -> Page<'a> {
    Page {
        file: route.file(slug),
        route: Some(route.path(slug)),
        head,
        og_type: "website",
        image: None,
        content,
    }
}

/// An article's page in the edition called `publication`.
fn article_page<'a>(publication: &str, article: &'a Article) -> Page<'a> {
    Page {
        og_type: "article",
        // Link previews ignore SVG: the first raster picture, else the icon.
        image: article.body.iter().find_map(|block| match block {
            Block::Image { src, .. } => image_src(src).filter(|src| raster(src)).map(str::to_owned),
            _ => None,
        }),
        ..page(
            Route::Article,
            &article.slug,
            Head::article(publication, article),
            Content::Article(article),
        )
    }
}

/// One page: the template with this page's head and its prerendered body.
fn render(
    template: &str,
    page: &Page,
    body: &str,
    index: &Index,
    public: &Public,
    policy: &str,
) -> Result<String, String> {
    let start = template
        .find("<title>")
        .ok_or("index.html has no <title>")?;
    let description_end = template
        .find(r#"<meta name="description""#)
        .filter(|at| *at > start)
        .and_then(|at| Some(at + template.get(at..)?.find('>')? + 1))
        .ok_or("index.html has no <meta name=\"description\"> after its <title>")?;
    let absolute = |route: &str| format!("{}{}", public.url.trim_end_matches('/'), route);
    let mut head = format!(
        "<title>{title}</title>\n    <meta name=\"description\" content=\"{description}\">\n    <meta property=\"og:site_name\" content=\"{site}\">\n    <meta property=\"og:type\" content=\"{og_type}\">\n    <meta property=\"og:title\" content=\"{title}\">\n    <meta property=\"og:description\" content=\"{description}\">\n    <link rel=\"alternate\" type=\"application/atom+xml\" title=\"{site}\" href=\"{feed}\">",
        title = escape(&page.head.title),
        description = escape(&page.head.description),
        site = escape(&index.title),
        og_type = page.og_type,
        feed = escape(&href("/feed.xml")),
    );
    if let Some(route) = &page.route {
        let url = escape(&absolute(route));
        head.push_str(&format!("\n    <link rel=\"canonical\" href=\"{url}\">\n    <meta property=\"og:url\" content=\"{url}\">"));
    }
    let image = page.image.as_deref().unwrap_or(SHARED_IMAGE);
    head.push_str(&format!(
        "\n    <meta property=\"og:image\" content=\"{}\">",
        escape(&absolute(image))
    ));
    let mut html = format!(
        "{}{head}{}",
        template.get(..start).unwrap_or(""),
        template.get(description_end..).unwrap_or("")
    );
    let charset = r#"<meta charset="utf-8">"#;
    let at = html
        .find(charset)
        .ok_or("index.html has no <meta charset=\"utf-8\">")?
        + charset.len();
    html.insert_str(
        at,
        &format!(
            "\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
            escape(policy)
        ),
    );
    let at = html.find("<body>").ok_or("index.html has no <body>")? + "<body>".len();
    html.insert_str(at, &format!("\n<div id=\"prerendered\">\n{body}\n</div>"));
    Ok(html)
}
