//! The site's pages, in one table: each route's address, its prerendered file, whether the sitemap
//! lists it and how hosts and the service worker keep it. The app's router, press (pages, sitemap,
//! headers), the worker's precache list and the end-to-end checks all read it, so a page cannot be
//! added in one place and missed in another.

/// A page of the app. Addresses are written from the site's root, with a trailing slash, the form
/// press writes files in (`/articles/<slug>/` is `articles/<slug>/index.html`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Route {
    /// `/`: the edition's headlines.
    Front,
    /// `/sections/<section>/`.
    Section,
    /// `/articles/<slug>/`.
    Article,
    /// `/contact/`: the contact form.
    Contact,
    /// `/saved/`: the articles this browser keeps for reading offline.
    Saved,
}

impl Route {
    pub const ALL: [Route; 5] = [
        Route::Front,
        Route::Section,
        Route::Article,
        Route::Contact,
        Route::Saved,
    ];

    /// The address's first segment, as the router matches it; empty for the front page.
    pub const fn segment(self) -> &'static str {
        match self {
            Route::Front => "",
            Route::Section => "sections",
            Route::Article => "articles",
            Route::Contact => "contact",
            Route::Saved => "saved",
        }
    }

    /// The name of the address's second segment, for the routes that have one.
    pub const fn param(self) -> Option<&'static str> {
        match self {
            Route::Section => Some("section"),
            Route::Article => Some("slug"),
            Route::Front | Route::Contact | Route::Saved => None,
        }
    }

    /// The address of this route's page for `slug` (ignored by routes without one), from the
    /// site's root: `/`, `/articles/a-story/`.
    pub fn path(self, slug: &str) -> String {
        match (self.segment(), self.param()) {
            ("", _) => "/".to_owned(),
            (segment, Some(_)) => format!("/{segment}/{slug}/"),
            (segment, None) => format!("/{segment}/"),
        }
    }

    /// The prerendered page's file in the built site: `index.html`, `articles/a-story/index.html`.
    pub fn file(self, slug: &str) -> String {
        format!("{}index.html", self.path(slug).trim_start_matches('/'))
    }

    /// The files of every page of this route, as a host's path pattern (`articles/*`).
    pub fn files_pattern(self) -> String {
        match (self.segment(), self.param()) {
            ("", _) => "index.html".to_owned(),
            (segment, _) => format!("{segment}/*"),
        }
    }

    /// Whether search engines should know it: not the saved list, which is this browser's own.
    pub const fn in_sitemap(self) -> bool {
        !matches!(self, Route::Saved)
    }

    /// How hosts keep its pages: checked with the server on every use, so a new build or edition
    /// is seen at once. (The service worker answers a navigation to any route with the app shell.)
    pub const fn cache_control(self) -> &'static str {
        "no-cache"
    }

    /// The route an address (from the site's root, with or without its trailing slash) belongs
    /// to, with its slug; `None` for any other file.
    pub fn recognise(path: &str) -> Option<(Route, &str)> {
        let path = path.strip_suffix("index.html").unwrap_or(path);
        let mut parts = path.trim_matches('/').split('/');
        let first = parts.next().unwrap_or("");
        let second = parts.next();
        if parts.next().is_some() {
            return None;
        }
        Route::ALL.into_iter().find_map(|route| {
            if route.segment() != first {
                return None;
            }
            match (route.param(), second) {
                (Some(_), Some(slug)) if !slug.is_empty() => Some((route, slug)),
                (None, None) => Some((route, "")),
                _ => None,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_route_has_its_address_and_file() {
        let cases = [
            (Route::Front, "", "/", "index.html"),
            (
                Route::Section,
                "law",
                "/sections/law/",
                "sections/law/index.html",
            ),
            (
                Route::Article,
                "a-story",
                "/articles/a-story/",
                "articles/a-story/index.html",
            ),
            (Route::Contact, "", "/contact/", "contact/index.html"),
            (Route::Saved, "", "/saved/", "saved/index.html"),
        ];
        for (route, slug, path, file) in cases {
            assert_eq!(route.path(slug), path);
            assert_eq!(route.file(slug), file);
            assert_eq!(Route::recognise(path), Some((route, slug)), "{path}");
            assert_eq!(Route::recognise(file), Some((route, slug)), "{file}");
        }
    }

    #[test]
    fn other_files_are_no_route() {
        for path in [
            "/feed.xml",
            "/sitemap.xml",
            "/articles/",
            "/articles/a/b/",
            "/edition/index.json",
            "/shell.html",
        ] {
            assert_eq!(Route::recognise(path), None, "{path}");
        }
    }

    #[test]
    fn only_the_saved_list_stays_out_of_the_sitemap() {
        let listed: Vec<Route> = Route::ALL
            .into_iter()
            .filter(|route| route.in_sitemap())
            .collect();
        assert_eq!(
            listed,
            [Route::Front, Route::Section, Route::Article, Route::Contact]
        );
    }
}
