//! The service worker: `public/sw.js` is copied into the build by Trunk as it stands (valid
//! JavaScript with placeholder values), and this fills in the build's values: the precache list,
//! a version hashed from it, and the app's routes (from the route table), whose navigations get
//! the app shell while any other address is fetched as itself.
//!
//! The precache list is the app and what its first screen needs: the hashed js, wasm and css, the
//! app shell (`shell.html`), the edition's index, the contact settings, the manifest and icons.
//! Nothing else: not the edition's chunks, articles and images (cached as they are read), nor the
//! prerendered pages, feed and sitemap, nor files a newsroom adds to the build.
//! The cache name carries a hash of their contents, so any new build or new edition yields a new
//! worker, which waits until the reader chooses to refresh.

use gazette_core::routes::Route;
use sha2::{Digest, Sha256};
use std::fs;
use std::path::Path;

/// The worker's file in the built site.
pub const FILE: &str = "sw.js";

/// Files the app needs to start and show its first screen, besides its code and style: the shell
/// (the page of every route until the app draws it), the edition's index, the contact settings and
/// the installed app's manifest and icons.
const NEEDED: [&str; 5] = [
    "shell.html",
    "edition/index.json",
    "contact.json",
    "manifest.webmanifest",
    "favicon.svg",
];

/// Fills in `sw.js` in the built site `dist` from `source`, the file as Trunk copied it; says what
/// it precached. Fails when one of its placeholders is missing, rather than deploy a worker that
/// caches nothing.
pub fn write(dist: &Path, source: &str) -> Result<String, String> {
    let path = dist.join(FILE);
    let files = candidates(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    let precache: Vec<&str> = files
        .iter()
        .map(String::as_str)
        .filter(|file| precached(file))
        .collect();
    let mut hash = Sha256::new();
    for file in &precache {
        hash.update(file.as_bytes());
        hash.update(fs::read(dist.join(file)).map_err(|e| format!("{file}: {e}"))?);
    }
    let version: String = hash
        .finalize()
        .iter()
        .take(8)
        .map(|byte| format!("{byte:02x}"))
        .collect();
    let list = serde_json::to_string(&precache).map_err(|e| e.to_string())?;
    let routes = serde_json::to_string(&route_patterns()).map_err(|e| e.to_string())?;
    let filled = fill(source, &version, &list, &routes)?;
    crate::sync::put(&path, filled.as_bytes()).map_err(|e| e.to_string())?;
    Ok(format!(
        "press: sw.js precaches {} files as gazette-shell-{version}",
        precache.len()
    ))
}

/// The worker's source with its placeholders replaced; each must be there exactly once.
fn fill(source: &str, version: &str, precache: &str, routes: &str) -> Result<String, String> {
    let mut out = source.to_owned();
    for (placeholder, value) in [
        (
            "const VERSION = 'unbuilt';",
            format!("const VERSION = '{version}';"),
        ),
        (
            "const PRECACHE = [];",
            format!("const PRECACHE = {precache};"),
        ),
        ("const ROUTES = [];", format!("const ROUTES = {routes};")),
    ] {
        if out.matches(placeholder).count() != 1 {
            return Err(format!(
                "sw.js: expected the line `{placeholder}` exactly once (public/sw.js's placeholder), so press can fill in this build's values"
            ));
        }
        out = out.replacen(placeholder, &value, 1);
    }
    Ok(out)
}

/// Each route of the app as a JavaScript regular expression over an address relative to the site
/// (`articles/a-story/`), as the app's router matches it: with or without the trailing slash, and
/// the front page also as `index.html`.
fn route_patterns() -> Vec<String> {
    Route::ALL
        .into_iter()
        .map(|route| match (route.segment(), route.param()) {
            ("", _) => r"^(?:index\.html)?$".to_owned(),
            (segment, Some(_)) => format!("^{segment}/[^/]+/?$"),
            (segment, None) => format!("^{segment}/?$"),
        })
        .collect()
}

/// Whether the worker installs `file` (a path in the built site, `/`-separated) with the app: an
/// allow list, so a file a newsroom adds to the build (a host's verification file, a large
/// download) is not installed by every reader.
fn precached(file: &str) -> bool {
    let compressed = file.ends_with(".br") || file.ends_with(".gz");
    // Trunk writes the app's js, wasm and css at the top of the build, named by their hash, and
    // the JavaScript a dependency brings along (wasm-bindgen's snippets) under snippets/.
    let code = (!file.contains('/') && crate::security::hashed_by_trunk(file))
        || file.starts_with("snippets/");
    let icon = file.starts_with("icons/");
    !compressed && (code || icon || NEEDED.contains(&file))
}

/// The files `precached` may choose, sorted: those at the top of the build, under the folders it
/// names, and the edition's index; not the archive beside them.
fn candidates(dist: &Path) -> std::io::Result<Vec<String>> {
    let mut files: Vec<String> = fs::read_dir(dist)?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let file = entry.file_type().ok()?.is_file();
            file.then(|| entry.file_name().into_string().ok()).flatten()
        })
        .collect();
    for folder in ["snippets", "icons"] {
        if dist.join(folder).is_dir() {
            let inside = crate::sync::entries(&dist.join(folder), &[])?;
            files.extend(inside.into_iter().map(|(file, _)| {
                let parts: Vec<_> = file.iter().map(|part| part.to_string_lossy()).collect();
                format!("{folder}/{}", parts.join("/"))
            }));
        }
    }
    if dist.join("edition/index.json").is_file() {
        files.push("edition/index.json".to_owned());
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_and_its_first_screen_are_precached() {
        for file in [
            "gazette-0123456789abcdef.js",
            "gazette-0123456789abcdef_bg.wasm",
            "main-0123456789abcdef.css",
            "snippets/some-crate-0123456789abcdef/inline0.js",
            "shell.html",
            "edition/index.json",
            "manifest.webmanifest",
            "icons/icon-192.png",
            "favicon.svg",
            "contact.json",
        ] {
            assert!(precached(file), "{file}");
        }
    }

    #[test]
    fn pages_the_rest_of_the_edition_and_files_a_newsroom_adds_are_not() {
        for file in [
            "index.html",
            "sections/law/index.html",
            "articles/a-story/index.html",
            "contact/index.html",
            "saved/index.html",
            "404.html",
            "sw.js",
            "feed.xml",
            "sitemap.xml",
            "robots.txt",
            "_headers",
            "edition/index/1.json",
            "edition/articles/a-story.json",
            "edition/images/a.svg",
            "gazette-0123456789abcdef_bg.wasm.br",
            "shell.html.gz",
            "google0123456789abcdef.html",
            "downloads/annual-report.pdf",
            "downloads/script.js",
            "analytics.js",
            "custom.css",
        ] {
            assert!(!precached(file), "{file}");
        }
    }

    #[test]
    fn the_placeholders_are_filled_and_a_missing_one_stops_the_build() {
        let source =
            "const VERSION = 'unbuilt';\nconst PRECACHE = [];\nconst ROUTES = [];\nrest();\n";
        let filled = fill(source, "abc", r#"["shell.html"]"#, r#"["^$"]"#).unwrap();
        assert_eq!(
            filled,
            "const VERSION = 'abc';\nconst PRECACHE = [\"shell.html\"];\nconst ROUTES = [\"^$\"];\nrest();\n"
        );
        let error = fill("const VERSION = 'unbuilt';\n", "abc", "[]", "[]").unwrap_err();
        assert!(error.contains("const PRECACHE = [];"), "{error}");
        assert!(
            fill(&filled, "def", "[]", "[]").is_err(),
            "an already filled worker"
        );
    }

    /// The patterns as the worker applies them, translated to Rust's regex syntax by hand: each
    /// route's own addresses match, the site's other files do not.
    #[test]
    fn the_routes_patterns_name_the_apps_pages_and_nothing_else() {
        let patterns = route_patterns();
        assert_eq!(
            patterns,
            [
                r"^(?:index\.html)?$",
                "^sections/[^/]+/?$",
                "^articles/[^/]+/?$",
                "^contact/?$",
                "^saved/?$",
            ]
        );
        // Every address the route table writes is recognised by it, and the files are not.
        for route in Route::ALL {
            let path = route.path("a-story");
            assert!(Route::recognise(&path).is_some(), "{path}");
        }
        for file in ["/feed.xml", "/sitemap.xml", "/robots.txt", "/sw.js"] {
            assert!(Route::recognise(file).is_none(), "{file}");
        }
    }
}
