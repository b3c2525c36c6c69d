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
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::cache::{self, Stamp};
use crate::feed;
use crate::html::escape;
use crate::newsroom::Newsroom;
use crate::prerender::{Content, Renderer};
use crate::{compress, security, sync, worker};
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

/// What the last run drew, kept for the next (see `cache.rs`): an article's page is drawn again
/// only when its data file or what every page shares has changed, or the page is not as it was
/// written; the pages that list stories, the feed and the sitemaps, only when any of that changed.
#[derive(Default, PartialEq, Serialize, Deserialize)]
pub struct Drawn {
    /// A hash of everything an article's page is drawn from besides its article.
    common: u128,
    /// Where the site was published and the contact service it used, to notice a run by hand
    /// without the build's settings.
    settings: (String, Option<String>),
    /// Each article's page, by slug: the stamps of its data file and of the page as drawn.
    pages: HashMap<String, (Stamp, Stamp)>,
    /// A hash of everything the other files are made from, and each of them as written.
    listing: (u128, BTreeMap<PathBuf, Stamp>),
}

/// The app's files press fills in, as Trunk wrote them, and where the build published it.
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct App {
    /// `index.html`, the template of every page.
    pub template: String,
    /// `sw.js`, with its placeholders.
    pub worker: String,
    pub published: Published,
}

/// Where a build is published: `TRUNK_PUBLIC_URL`, `GAZETTE_SITE_ORIGIN` and
/// `GAZETTE_CONTACT_SERVICE` (see lib.rs).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Published {
    pub public_url: Option<String>,
    pub origin: Option<String>,
    pub contact_service: Option<String>,
}

impl App {
    /// Read from a fresh build in `dist`, published as `given` says; or else as `recorded` by the
    /// run that drew into it, published where that build was unless `given` says otherwise. The
    /// build's scripts load from its public URL: a run by hand over it without the build's
    /// settings must not draw the pages for another.
    /// The record is only looked at for a site already drawn: a fresh build has nothing to learn
    /// from it. Says whether `dist` was one.
    pub fn read(
        dist: &Path,
        recorded: impl FnOnce() -> Option<App>,
        given: Published,
    ) -> Result<(Self, bool), String> {
        let template_path = dist.join("index.html");
        let template = fs::read_to_string(&template_path)
            .map_err(|e| format!("{}: {e}", template_path.display()))?;
        if !template.contains(r#"id="prerendered""#) {
            let worker_path = dist.join(worker::FILE);
            let worker = fs::read_to_string(&worker_path).map_err(|e| {
                format!(
                    "{}: {e} (index.html must copy public/sw.js into the build)",
                    worker_path.display()
                )
            })?;
            let fresh = Self {
                template,
                worker,
                published: given,
            };
            return Ok((fresh, false));
        }
        let recorded = recorded().map(|app| {
            let built = app.published.clone();
            Self {
                published: Published {
                    public_url: given.public_url.or(built.public_url),
                    origin: given.origin.or(built.origin),
                    contact_service: given.contact_service.or(built.contact_service),
                },
                ..app
            }
        });
        let app = recorded.ok_or_else(|| {
            format!(
                "{} is already prerendered and press has no record of the build it was drawn from; run press on a fresh build",
                template_path.display()
            )
        })?;
        Ok((app, true))
    }
}

/// What drawing the site did.
pub struct Built {
    /// How many pages the site has, and how many of them were drawn.
    pub pages: usize,
    pub drawn: usize,
    /// What to record for the next run, when it differs from what the last one recorded.
    pub record: Option<Drawn>,
    /// Each article's data file and page, by its path in the site, as they stand.
    pub archive: Vec<(PathBuf, Stamp)>,
    /// What the reader of the report should know: settings other than the last run's.
    pub warning: Option<String>,
}

/// Draws the site into `dist` over what the last run `drawn` there.
pub fn build(
    dist: &Path,
    app: &App,
    public: &Public,
    contact_service: Option<&str>,
    newsroom: &Newsroom,
    drawn: Option<Drawn>,
) -> Result<Built, String> {
    let edition = dist.join("edition");
    let (index, headlines, read_hash) = read_edition(&edition)?;

    let service = security::configure_contact(dist, contact_service, newsroom)?;
    let template = security::with_integrity(&app.template, dist)?;
    let scripts: Vec<&str> = security::inline_scripts(&template);
    let connect: Vec<String> = service.into_iter().collect();
    let meta_policy = security::content_security_policy(&scripts, &connect, false);
    let header_policy = security::content_security_policy(&scripts, &connect, true);

    let common = {
        let shared = (
            &template,
            &meta_policy,
            &public.url,
            &public.base,
            &index.title,
            &index.sections,
            &newsroom.email,
        );
        cache::hash(&serde_json::to_vec(&shared).map_err(|e| e.to_string())?)
    };
    let before = drawn.unwrap_or_default();
    let same_common = before.common == common;
    let settings = (public.url.clone(), contact_service.map(str::to_owned));
    let warning = (before.common != 0 && before.settings != settings).then(|| {
        let (url, service) = &before.settings;
        format!(
            "press: warning: the last run drew this site for {url} with the contact service {}; this one for {} with {}, as TRUNK_PUBLIC_URL, GAZETTE_SITE_ORIGIN or GAZETTE_CONTACT_SERVICE says: every page is drawn again",
            service.as_deref().unwrap_or("of contact.json"),
            settings.0,
            settings.1.as_deref().unwrap_or("of contact.json"),
        )
    });

    // Made only if some page is drawn: it holds the whole archive's headlines for the pages that
    // list stories.
    let renderer = OnceLock::new();
    let draw = |page: &Page| {
        // The base path lives in a thread-local (the app's links read it), and this may be a
        // thread the renderer has not seen.
        gazette::site::set_base(&public.base);
        let current = href(page.route.as_deref().unwrap_or("/"));
        let renderer = renderer.get_or_init(|| {
            Renderer::new(&index, headlines.clone(), &public.base, &newsroom.email)
        });
        let body = renderer.page(&page.content, &current);
        let html = render(&template, page, &body, &index, public, &meta_policy)?;
        let written = put(dist, &page.file, html.as_bytes())?;
        Ok::<_, String>((html, written))
    };
    // Articles are drawn on every core, each written as soon as it is drawn, each read when its
    // page is drawn and let go after: the archive's bodies are never all in memory at once. A
    // page whose data and page files are as the last run left them is not drawn again.
    let pages: HashMap<String, ((Stamp, Stamp), bool)> = headlines
        .par_iter()
        .map(|headline| {
            let slug = &headline.slug;
            let data = Stamp::of(&edition.join(format!("articles/{slug}.json")));
            let file = Route::Article.file(slug);
            let mut page = Stamp::of(&dist.join(&file));
            let unchanged = same_common
                && before
                    .pages
                    .get(slug)
                    .is_some_and(|&(was, drawn)| data == Some(was) && page == Some(drawn));
            if !unchanged {
                let article = read_article(&edition, slug)?;
                let (html, written) = draw(&article_page(&index.title, &article))?;
                if written {
                    compress::archive_copy(&dist.join(&file), html.as_bytes())?;
                }
                page = Stamp::of(&dist.join(&file));
            }
            let stamps = data
                .zip(page)
                .ok_or_else(|| format!("{file}: gone as it was written"))?;
            Ok((slug.clone(), (stamps, !unchanged)))
        })
        .collect::<Result<_, String>>()?;
    // An article no longer published loses its page: found by looking, not in the record, which
    // may have been ignored.
    let articles = dist.join(Route::Article.segment());
    for entry in fs::read_dir(&articles).into_iter().flatten().flatten() {
        let slug = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().is_ok_and(|kind| kind.is_dir()) && !pages.contains_key(&slug) {
            remove(dist, Path::new(&Route::Article.file(&slug)))?;
        }
    }
    let mut redrawn = pages.values().filter(|(_, drawn)| *drawn).count();
    let pages: HashMap<String, (Stamp, Stamp)> = pages
        .into_iter()
        .map(|(slug, (stamps, _))| (slug, stamps))
        .collect();

    // The rest is made from the edition's index and chunks, the articles' data (the feed shows
    // bylines) and what every page shares.
    let from = {
        let data: Vec<&Stamp> = headlines
            .iter()
            .filter_map(|headline| pages.get(&headline.slug).map(|(data, _)| data))
            .collect();
        let made_from = (common, read_hash, data);
        cache::hash(&serde_json::to_vec(&made_from).map_err(|e| e.to_string())?)
    };
    let (listed_from, listed) = &before.listing;
    let as_listed = *listed_from == from
        && listed
            .iter()
            .all(|(file, stamp)| Stamp::of(&dist.join(file)) == Some(*stamp));
    let listing = if as_listed {
        before.listing.clone()
    } else {
        let others = other_pages(&index);
        // Drawn one after another: they share the archive's stored value, whose locks Leptos
        // only tries (it is made for one thread), so while one page searched it another found it
        // locked, took it for disposed and aborted. They are few.
        for page in &others {
            draw(page)?;
        }
        redrawn += others.len();
        let files = whole_site_files(dist, &index, &headlines, public, newsroom, &header_policy)?;
        let written: BTreeSet<PathBuf> = others
            .iter()
            .map(|page| PathBuf::from(&page.file))
            .chain(files)
            .collect();
        // What the last run wrote and this one does not (a sitemap part no longer needed) goes,
        // with its compressed copies.
        for gone in listed.keys().filter(|file| !written.contains(*file)) {
            remove(dist, gone)?;
        }
        let stamps = written
            .into_iter()
            .map(|file| {
                let stamp = Stamp::of(&dist.join(&file))
                    .ok_or_else(|| format!("{}: gone as it was written", file.display()))?;
                Ok((file, stamp))
            })
            .collect::<Result<_, String>>()?;
        (from, stamps)
    };
    let html = |file: &&PathBuf| {
        file.extension()
            .is_some_and(|extension| extension == "html")
    };
    let count = listing.1.keys().filter(html).count() + pages.len();
    let archive = pages
        .iter()
        .flat_map(|(slug, (data, page))| {
            [
                (
                    PathBuf::from(format!("edition/articles/{slug}.json")),
                    *data,
                ),
                (PathBuf::from(Route::Article.file(slug)), *page),
            ]
        })
        .collect();
    let drawn = Drawn {
        common,
        settings,
        pages,
        listing,
    };
    Ok(Built {
        pages: count,
        drawn: redrawn,
        record: (drawn != before).then_some(drawn),
        archive,
        warning,
    })
}

/// Writes the feed, the sitemaps, robots.txt and the headers; says which files it wrote.
fn whole_site_files(
    dist: &Path,
    index: &Index,
    headlines: &[Headline],
    public: &Public,
    newsroom: &Newsroom,
    header_policy: &str,
) -> Result<Vec<PathBuf>, String> {
    let edition = dist.join("edition");
    let byline = |slug: &str| {
        read_article(&edition, slug)
            .ok()
            .map(|article| article.byline)
    };
    let feed = feed::atom(index, headlines, &public.url, newsroom, byline);
    put(dist, "feed.xml", feed.as_bytes())?;
    let mut sitemaps = Vec::new();
    for (file, text) in feed::sitemaps(index, headlines, &public.url) {
        put(dist, &file, text.as_bytes())?;
        sitemaps.push(file);
    }
    let robots = format!(
        "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
        public.url
    );
    put(dist, "robots.txt", robots.as_bytes())?;
    let (hashed, fresh) = security::cache_classes(dist, &sitemaps);
    let headers = security::headers_file(header_policy, &public.base, &hashed, &fresh);
    put(dist, "_headers", headers.as_bytes())?;
    let mut files: Vec<PathBuf> = ["feed.xml", "robots.txt", "_headers"]
        .map(PathBuf::from)
        .into();
    files.extend(sitemaps.into_iter().map(PathBuf::from));
    Ok(files)
}

/// Writes `bytes` to `name` in `dist` unless it holds them already; says whether it wrote.
fn put(dist: &Path, name: &str, bytes: &[u8]) -> Result<bool, String> {
    sync::put(&dist.join(name), bytes).map_err(|e| e.to_string())
}

/// Removes the file `name` and its compressed copies, and its folder if that leaves it empty.
fn remove(dist: &Path, name: &Path) -> Result<(), String> {
    let path = dist.join(name);
    for file in [path.clone()].into_iter().chain(compress::copies(&path)) {
        match fs::remove_file(&file) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                return Err(format!("{}: {error}", path.display()))
            }
            _ => {}
        }
    }
    if let Some(folder) = path.parent().filter(|folder| *folder != dist) {
        // Not empty (a page still there) is fine.
        let _ = fs::remove_dir(folder);
    }
    Ok(())
}

/// The edition's index and every headline, newest first, decoded as the app decodes them, and a
/// hash of the files they were read from; any file it could not read stops the build.
fn read_edition(folder: &Path) -> Result<(Index, Vec<Headline>, u128), String> {
    // A headline the app would skip would lose its page here: refuse it instead.
    let whole = |path: &str, skipped: Vec<String>| match skipped.first() {
        Some(first) => Err(problem(folder, path, first)),
        None => Ok(()),
    };
    let mut read_all = Vec::new();
    let mut read = |path: &str| {
        let text = read(folder, path)?;
        read_all.extend(cache::hash(text.as_bytes()).to_le_bytes());
        Ok::<_, String>(text)
    };
    let decoded =
        decode_index(&read("index.json")?).map_err(|e| problem(folder, "index.json", &e))?;
    whole("index.json", decoded.skipped)?;
    let index = decoded.value;
    let mut headlines = index.headlines.clone();
    // Newest first, as the app reads them: chunk 1 is the oldest.
    for chunk in (1..=index.older_chunks).rev() {
        let path = format!("index/{chunk}.json");
        let chunk = decode_chunk(&read(&path)?).map_err(|e| problem(folder, &path, &e))?;
        whole(&path, chunk.skipped)?;
        headlines.extend(chunk.value.headlines);
    }
    Ok((index, headlines, cache::hash(&read_all)))
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
fn other_pages(index: &Index) -> Vec<Page<'_>> {
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
