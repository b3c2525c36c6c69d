//! Where the site lives. A newsroom may deploy Gazette under a sub-path (`/news/`); the build writes
//! that path into the page's `<base href>`, and every address the app makes goes through [`href`],
//! so one build of the wasm works at any path. Natively, where press draws the prerendered pages
//! with the same components, press sets it ([`set_base`]).

use gazette_core::routes::Route;

/// The site's path without its trailing slash: `""` at the root of a host, `"/news"` under a sub-path.
#[cfg(target_arch = "wasm32")]
pub fn base() -> &'static str {
    static BASE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BASE.get_or_init(read_base)
}

/// An address on this site, `path` being written from the site's root (`/articles/x/`).
pub fn href(path: &str) -> String {
    format!("{}{path}", base())
}

#[cfg(target_arch = "wasm32")]
fn read_base() -> String {
    let document = leptos::prelude::document();
    // Without a `<base>` element the base URI is the page's own address, which is not the site's.
    if !matches!(document.query_selector("base[href]"), Ok(Some(_))) {
        return String::new();
    }
    let base_uri = document.base_uri().ok().flatten();
    let path = base_uri
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_default();
    path.trim_end_matches('/').to_owned()
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static BASE: std::cell::Cell<&'static str> = const { std::cell::Cell::new("") };
}

/// Natively, the site's path (press renders a site for one path at a time; unit tests at the root).
#[cfg(not(target_arch = "wasm32"))]
pub fn base() -> &'static str {
    BASE.get()
}

/// Where the pages press draws on this thread are published: `/news/` or `/`. A site build sets it
/// once or twice, so the few bytes each setting keeps for good do not add up.
#[cfg(not(target_arch = "wasm32"))]
pub fn set_base(path: &str) {
    let path = path.trim_end_matches('/');
    if BASE.get() != path {
        BASE.set(Box::leak(path.to_owned().into_boxed_str()));
    }
}

/// The slug of the article at `path` (as in the address bar, with the site's base), if it is one.
pub fn article_slug<'a>(path: &'a str, base: &str) -> Option<&'a str> {
    match Route::recognise(path.strip_prefix(base)?)? {
        (Route::Article, slug) => Some(slug),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::article_slug;

    #[test]
    fn article_addresses_name_their_slug_and_others_none() {
        let cases = [
            ("/articles/a-story/", "", Some("a-story")),
            ("/articles/a-story", "", Some("a-story")),
            ("/news/articles/a-story/", "/news", Some("a-story")),
            ("/articles/a-story/", "/news", None),
            ("/articles/", "", None),
            ("/articles/a/b/", "", None),
            ("/sections/law/", "", None),
            ("/", "", None),
        ];
        for (path, base, slug) in cases {
            assert_eq!(article_slug(path, base), slug, "{path} under {base:?}");
        }
    }
}
