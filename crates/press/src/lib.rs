//! `press`, the newsroom's tool: Markdown in, a static site out. Native only; none of it is in the
//! wasm. `main.rs` is its command line:
//!
//!   press edition [--strict] <content folder> <output folder>
//!       Checks every article and writes the edition bundle. An article with a problem is left
//!       out and reported (file:line), and the others publish; what was changed to fit the format
//!       (raw HTML's markup dropped) is a warning. With --strict, which takes warnings as problems,
//!       or when the problem is the edition's own (edition.json, no articles), every problem is
//!       reported and nothing is written. Over a previous edition it writes only the files whose
//!       bytes change and lists what it added, changed and removed, and reads again only the
//!       articles that changed since its last run into that folder.
//!   press site <built site folder> [<content folder>]
//!       Prerenders every page of the built app over its edition, and writes the feed, the
//!       sitemap, 404.html, the security headers, contact.json (with the newsroom's address from
//!       the content folder's newsroom.json), the service worker's values, and compressed copies
//!       (.br and .gz beside the app and its pages, .gz beside the archive's own files). Over its
//!       last run into that folder, it draws and compresses only what changed. Reads the
//!       environment:
//!         TRUNK_PUBLIC_URL         where the site is published: a path (/news/) or a full URL
//!                                  (set by Trunk from --public-url)
//!         GAZETTE_SITE_ORIGIN      the origin for a public URL given as a path
//!         GAZETTE_CONTACT_SERVICE  the contact service to write into contact.json and allow
//!   press host nginx|caddy <built site folder> <document root> [<listen address>]
//!       Prints a server configuration for the built site, from its _headers: for nginx, a
//!       `server` block listening on <listen address> (80); for Caddy, a site block for it (:80).
//!       The host keeps the site's files at <document root><the site's path>.
//!
//! What press learns in a run is kept for the next in `target/press` (or the folder `PRESS_CACHE`
//! names), one record per output folder; see `cache.rs`.

// The app's page views, rendered here, nest deeply enough to need a deeper type limit.
#![recursion_limit = "256"]

mod bundle;
mod cache;
mod compress;
mod feed;
mod front_matter;
mod hosts;
mod html;
mod images;
mod known;
mod markdown;
mod newsroom;
mod prerender;
mod problems;
mod reading_time;
mod related;
mod resolve;
mod security;
mod site;
mod sync;
mod worker;

use std::collections::HashSet;
use std::fs;

// Press allocates a page, its copy and its data per article, on every core: glibc's allocator
// spent a fifth of drawing a 100,000-article site in its own bookkeeping, mimalloc a fraction of
// that. Set here, it serves every program built on press: the tool, its tests and its benchmark.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};

/// Checks every article in `content` and writes the edition bundle into `out`, less the articles
/// with problems, which it reports; the error is the report of every problem, and then nothing was
/// written: a problem with the edition itself, or with any article when `strict`. Says what it
/// changed. What it learns is kept in the folder `cache` for the next run into `out`.
pub fn edition(content: &Path, out: &Path, cache: &Path, strict: bool) -> Result<String, String> {
    let mut report = String::new();
    // A folder with no edition in it has nothing for a record to describe.
    let record = cache::Cache::new(cache, "edition", &published(out));
    let known = if holds_an_index(out) {
        load::<known::Known>(Some(&record), &mut report)
    } else {
        None
    };
    let mut bundle = bundle::build(content, out, known, strict).map_err(|problems| {
        let problems = problems.into_vec();
        let mut report: Vec<String> = problems.iter().map(ToString::to_string).collect();
        report.push(format!(
            "{} problem{} in {}; nothing was written.",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            content.display()
        ));
        report.join("\n")
    })?;
    let left_out = std::mem::take(&mut bundle.left_out);
    let warnings = std::mem::take(&mut bundle.warnings);
    let over_previous = previous_edition(out, &bundle)?;
    let changes = sync::write(out, bundle.files(), bundle.index())
        .map_err(|error| format!("writing {}: {error}", out.display()))?;
    let articles = bundle.articles();
    let converted = bundle.converted();
    let saved = if bundle.as_recorded {
        Ok(())
    } else {
        record.save(&bundle.known(out))
    };
    if let Err(error) = saved {
        report.push_str(&format!(
            "press: warning: {}: {error}; the next run reads every article again\n",
            record.path().display()
        ));
    }
    let left = left_out.files();
    for problem in left_out.into_vec() {
        report.push_str(&format!("{problem}\n"));
    }
    for warning in warnings.into_vec() {
        report.push_str(&format!("press: warning: {warning}\n"));
    }
    if left > 0 {
        report.push_str(&format!(
            "press: warning: {left} article{} left out for the problems above; the others are published (--strict refuses the edition instead)\n",
            if left == 1 { "" } else { "s" },
        ));
    }
    report.push_str(&format!(
        "press: {articles} article{} published, {left} left out ({converted} read as Markdown, the others unchanged) from {} into {}: {}",
        if articles == 1 { "" } else { "s" },
        content.display(),
        out.display(),
        describe(&changes, over_previous)
    ));
    Ok(report)
}

/// The folder whose record describes `out`: where Trunk moves it once the build succeeds, when
/// press runs in a Trunk hook on its staging folder. Trunk moves files by renaming, which keeps what
/// the record holds of them (size, time, inode), so press run by hand over `dist/` afterwards finds
/// the record of the build that made it.
fn published(out: &Path) -> PathBuf {
    let trunk = |name: &str| std::env::var_os(name).map(PathBuf::from);
    moved(out, trunk("TRUNK_STAGING_DIR"), trunk("TRUNK_DIST_DIR"))
}

/// Where `out` is once the folder `from` is moved to `to`.
fn moved(out: &Path, from: Option<PathBuf>, to: Option<PathBuf>) -> PathBuf {
    match (from, to) {
        (Some(from), Some(to)) => out
            .strip_prefix(&from)
            .map_or_else(|_| out.to_path_buf(), |inside| to.join(inside)),
        _ => out.to_path_buf(),
    }
}

/// Says that a record could not be used, and why.
fn ignored(record: &cache::Cache, why: &str) -> String {
    format!(
        "press: {} was ignored ({why}); everything is made again\n",
        record.path().display()
    )
}

/// Where press keeps what it knows between runs: `PRESS_CACHE`, else `target/press` in the
/// folder it runs in (the project's, for the Trunk hooks and the README's commands).
pub fn cache_folder() -> PathBuf {
    std::env::var_os("PRESS_CACHE")
        .filter(|folder| !folder.is_empty())
        .map_or_else(|| PathBuf::from("target/press"), PathBuf::from)
}

/// How the site is published: what `press site` reads from the environment.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// `TRUNK_PUBLIC_URL`: a path (`/news/`) or a full URL; `/` when unset.
    pub public_url: Option<String>,
    /// `GAZETTE_SITE_ORIGIN`: the origin for a public URL given as a path.
    pub origin: Option<String>,
    /// `GAZETTE_CONTACT_SERVICE`: the contact service to write into contact.json and allow.
    pub contact_service: Option<String>,
    /// The content folder, whose `newsroom.json` names the newsroom; without it, a placeholder.
    pub content: Option<PathBuf>,
    /// Where press keeps what it drew, to draw only what changed next time; without it, every
    /// page is drawn.
    pub cache: Option<PathBuf>,
}

impl Settings {
    pub fn from_env() -> Self {
        let setting = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
        Self {
            public_url: setting("TRUNK_PUBLIC_URL"),
            origin: setting("GAZETTE_SITE_ORIGIN"),
            contact_service: setting("GAZETTE_CONTACT_SERVICE"),
            content: None,
            cache: Some(cache_folder()),
        }
    }
}

/// Prerenders every page of the built app in `dist` over its edition and writes the feed, the
/// sitemap, 404.html, the security headers and the service worker's values. Says what it did.
pub fn site(dist: &Path, settings: &Settings) -> Result<String, String> {
    let mut report = String::new();
    let folder = settings.cache.as_deref();
    let place = published(dist);
    let app_record = folder.map(|folder| cache::Cache::of_inputs(folder, "app", &place));
    let given = site::Published {
        public_url: settings.public_url.clone(),
        origin: settings.origin.clone(),
        contact_service: settings.contact_service.clone(),
    };
    // With why a record was not used, when that is why.
    let mut noted = String::new();
    let recorded = || load(app_record.as_ref(), &mut noted);
    let read = site::App::read(dist, recorded, given);
    report.push_str(&noted);
    let (app, drawn_before) = read.map_err(|error| format!("{report}{error}"))?;
    let public_url = app.published.public_url.as_deref().unwrap_or("/");
    let origin = app.published.origin.as_deref();
    let public = site::Public::new(public_url, origin)?;
    if origin.is_none() && !public_url.contains("://") {
        report.push_str(&format!("press: the feed and sitemap use {}; build with --public-url https://<your site>/ for real addresses\n", public.url));
    }
    let (newsroom, warning) = match &settings.content {
        Some(content) => newsroom::Newsroom::read(content)?,
        None => (
            newsroom::Newsroom::default(),
            Some(
                "press: warning: no content folder given: the newsroom's address is a placeholder"
                    .to_owned(),
            ),
        ),
    };
    if let Some(warning) = warning {
        report.push_str(&warning);
        report.push('\n');
    }
    let record = folder.map(|folder| cache::Cache::new(folder, "site", &place));
    let drawn = if drawn_before {
        load(record.as_ref(), &mut report)
    } else {
        None
    };
    let built = site::build(
        dist,
        &app,
        &public,
        app.published.contact_service.as_deref(),
        &newsroom,
        drawn,
    )?;
    if let Some(warning) = &built.warning {
        report.push_str(warning);
        report.push('\n');
    }
    report.push_str(&format!(
        "press: {} pages prerendered for {} ({} drawn, the others unchanged)\n",
        built.pages, public.url, built.drawn
    ));
    // Then the worker, whose version is a hash of the files it installs, and last the compressed
    // copies of every file, the worker's among them.
    report.push_str(&worker::write(dist, &app.worker)?);
    report.push('\n');
    report.push_str(&compress::write(dist, &built.archive)?);
    let saved = [
        app_record.map(|record| (record.save(&app), record)),
        record
            .zip(built.record)
            .map(|(record, drawn)| (record.save(&drawn), record)),
    ];
    for (outcome, record) in saved.into_iter().flatten() {
        if let Err(error) = outcome {
            report.push_str(&format!(
                "\npress: warning: {}: {error}; the next run draws every page again",
                record.path().display()
            ));
        }
    }
    Ok(report)
}

/// What `record` holds from the last run, if anything usable; says when it is not.
fn load<T: serde::de::DeserializeOwned>(
    record: Option<&cache::Cache>,
    report: &mut String,
) -> Option<T> {
    let record = record?;
    record.load().unwrap_or_else(|why| {
        report.push_str(&ignored(record, &why));
        None
    })
}

/// A host's configuration for the built site in `dist` (see the command line above).
pub fn host(kind: &str, dist: &Path, root: &str, listen: Option<&str>) -> Result<String, String> {
    let root = root.trim_end_matches('/');
    match kind {
        "nginx" => hosts::nginx(dist, root, listen.unwrap_or("80")),
        "caddy" => hosts::caddy(dist, root, listen.unwrap_or(":80")),
        _ => Err(format!(
            "press host: no recipe for `{kind}`; there are nginx and caddy"
        )),
    }
}

/// Whether `out` holds something to write over: an edition's index, or else nothing but files
/// this edition writes, as a first run cut short leaves it. Press removes what the edition does
/// not hold, so it must never take a folder of someone's other files.
fn previous_edition(out: &Path, bundle: &bundle::Bundle) -> Result<bool, String> {
    let occupied = fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_some());
    if !occupied || holds_an_index(out) {
        return Ok(occupied);
    }
    let refuse = |why: String| {
        Err(format!(
            "writing {}: it exists and is not an edition ({why}); choose an empty or new folder, or delete it if an earlier press run into it was cut short",
            out.display()
        ))
    };
    let ours: HashSet<PathBuf> = bundle.paths().collect();
    let found = sync::listing(out).map_err(|error| error.to_string())?;
    let ours_or_copy = |path: &PathBuf| {
        ours.contains(path) || compress::copy_of(path).is_some_and(|file| ours.contains(&file))
    };
    match found
        .iter()
        .find(|path| !ours_or_copy(path) && !sync::is_temporary(path))
    {
        Some(path) => refuse(format!(
            "no index.json, and {} is not part of this one",
            path.display()
        )),
        None if found.is_empty() => refuse("it holds folders and no file".to_owned()),
        None => Ok(true),
    }
}

/// Whether `out/index.json` is a file (not a link) that reads as an edition's index, of any schema.
fn holds_an_index(out: &Path) -> bool {
    let path = out.join("index.json");
    let index = fs::symlink_metadata(&path)
        .is_ok_and(|meta| meta.is_file())
        .then(|| fs::read(&path).ok())
        .flatten()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok());
    index.is_some_and(|index| {
        ["schema", "title", "headlines"]
            .iter()
            .all(|field| index.get(field).is_some())
    })
}

/// What changed, one file a line, for a deploy to upload (or delete) just that; over a new folder,
/// where everything is new, only how much.
fn describe(changes: &sync::Changes, over_previous: bool) -> String {
    let mut text = format!(
        "{} added, {} changed, {} removed, {} unchanged",
        changes.added.len(),
        changes.changed.len(),
        changes.removed.len(),
        changes.unchanged
    );
    if over_previous {
        let lists = [
            ("added", &changes.added),
            ("changed", &changes.changed),
            ("removed", &changes.removed),
        ];
        for (what, paths) in lists {
            for path in paths {
                text.push_str(&format!("\n  {what} {}", path.display()));
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trunk_hooks_record_is_kept_for_the_folder_trunk_moves_its_work_to() {
        let (stage, dist) = (Some("/site/dist/.stage".into()), Some("/site/dist".into()));
        let cases = [
            ("/site/dist/.stage/edition", "/site/dist/edition"),
            ("/site/dist/.stage", "/site/dist"),
            ("/elsewhere/edition", "/elsewhere/edition"),
        ];
        for (out, kept) in cases {
            let found = moved(Path::new(out), stage.clone(), dist.clone());
            assert_eq!(found, PathBuf::from(kept));
        }
        let alone = moved(Path::new("/site/dist/.stage/edition"), None, None);
        assert_eq!(alone, PathBuf::from("/site/dist/.stage/edition"));
    }
}
