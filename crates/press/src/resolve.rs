//! Where an article's links and images go, checked against the edition being built.

use gazette_core::edition::safe_href;
use gazette_core::routes::Route;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::images;
use crate::markdown::{Image, Resolve};

/// What every article's links and pictures are checked against; shared by the articles being
/// converted at once.
pub struct Site<'a> {
    pub content: &'a Path,
    pub articles: HashSet<String>,
    /// Slugs by the name their file goes by (`name_of`), for links written as `other.md`.
    pub by_file: HashMap<String, String>,
    pub sections: &'a HashSet<&'a str>,
}

/// The name an article file goes by: its file name less `.md`, or, for the `index.md` of a page
/// bundle (a folder holding an article and its pictures, as Hugo and Zola lay them out), its
/// folder's name.
pub fn name_of(file: &Path) -> Option<&str> {
    let named = match bundle_of(file) {
        Some(folder) => folder.file_name()?,
        None => file.file_stem()?,
    };
    named.to_str()
}

/// The folder of the page bundle whose article `file` is.
fn bundle_of(file: &Path) -> Option<&Path> {
    (file.file_name()? == "index.md")
        .then(|| file.parent())
        .flatten()
}

/// One article's view of the site, collecting the image files it uses and recording what it asked
/// of the rest of the edition, so a rebuild can tell whether the answers still hold (`known.rs`).
pub struct Article<'a> {
    pub site: &'a Site<'a>,
    /// For an article in a page bundle, its folder and slug: its pictures may stand beside it.
    bundle: Option<(PathBuf, String)>,
    /// By their path inside the edition.
    pub images: BTreeMap<PathBuf, Vec<u8>>,
    /// Each link to the site as written, and where it went.
    pub links: Vec<(String, String)>,
    /// Each picture as written, and a hash of its file.
    pub pictures: Vec<(String, u128)>,
}

impl<'a> Site<'a> {
    /// What the article in `file`, published as `slug`, sees of the site.
    pub fn article(&'a self, file: &Path, slug: &str) -> Article<'a> {
        Article {
            site: self,
            bundle: bundle_of(file).map(|folder| (folder.to_owned(), slug.to_owned())),
            images: BTreeMap::new(),
            links: Vec::new(),
            pictures: Vec::new(),
        }
    }
}

impl Resolve for Article<'_> {
    fn link(&mut self, target: &str) -> Result<String, String> {
        let href = self.find(target)?;
        self.links.push((target.to_owned(), href.clone()));
        Ok(href)
    }

    fn image(&mut self, src: &str) -> Result<Image, String> {
        let (image, bytes) = self.picture(src)?;
        self.pictures
            .push((src.to_owned(), crate::cache::hash(&bytes)));
        if let Some(name) = image.src.strip_prefix("/edition/") {
            self.images.insert(PathBuf::from(name), bytes);
        }
        Ok(image)
    }
}

impl Article<'_> {
    fn find(&self, target: &str) -> Result<String, String> {
        let site = self.site;
        if let Some(href) = safe_href(target).filter(|href| !href.starts_with('/')) {
            return Ok(href.to_owned());
        }
        if let Some(file) = target.strip_suffix(".md") {
            // `other.md`, `../2019/other.md`, or a bundle's `../other/index.md`.
            let mut parts = file.rsplit('/');
            let stem = match parts.next() {
                Some("index") => parts.next(),
                last => last,
            };
            return match stem.and_then(|stem| site.by_file.get(stem)) {
                Some(slug) => Ok(Route::Article.path(slug)),
                None => Err(format!("broken link: there is no article file `{target}`")),
            };
        }
        // A link on the site must name a page the route table has, and one this edition has.
        let route = safe_href(target).and_then(Route::recognise);
        match route {
            Some((Route::Article, slug)) if site.articles.contains(slug) => {
                Ok(Route::Article.path(slug))
            }
            Some((Route::Article, slug)) => Err(format!(
                "broken link: there is no article `{slug}` ({target})"
            )),
            Some((Route::Section, slug)) if site.sections.contains(slug) => {
                Ok(Route::Section.path(slug))
            }
            Some((Route::Section, slug)) => Err(format!(
                "broken link: there is no section `{slug}` ({target})"
            )),
            Some((route, _)) if !target.ends_with("index.html") => Ok(route.path("")),
            _ => Err(format!(
                "the link target `{target}` is not allowed: link to another article as `slug.md`, or to an http(s) or mailto: address"
            )),
        }
    }

    fn picture(&self, src: &str) -> Result<(Image, Vec<u8>), String> {
        // Beside an article in a page bundle, published in a folder of its slug's.
        let beside = self.bundle.as_ref().and_then(|(folder, slug)| {
            let name = Some(src.strip_prefix("./").unwrap_or(src)).filter(|name| plain(name))?;
            let file = folder.join(name);
            file.is_file()
                .then(|| (file, format!("/edition/images/{slug}/{name}")))
        });
        let Some((file, published)) = beside.or_else(|| {
            let name = src.strip_prefix("images/").filter(|name| plain(name))?;
            let file = self.site.content.join("images").join(name);
            Some((file, format!("/edition/images/{name}")))
        }) else {
            let beside = if self.bundle.is_some() {
                ", or beside the article in its folder"
            } else {
                ""
            };
            return Err(format!(
                "the image `{src}` must be a file in the content's images folder, written images/<file>{beside}, its name made of letters, digits, '.', '_' and '-'"
            ));
        };
        let bytes =
            fs::read(&file).map_err(|error| format!("the image {src} cannot be read: {error}"))?;
        let (width, height) = images::dimensions(&bytes).ok_or_else(|| {
            format!("the size of {src} cannot be read: use SVG, PNG, GIF, JPEG, WebP or AVIF")
        })?;
        let image = Image {
            src: published,
            width,
            height,
        };
        Ok((image, bytes))
    }
}

/// Plain names only: they become addresses, where `#`, `?` or `%` would change their meaning.
fn plain(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_on_the_site_must_name_a_page_of_the_route_table_and_the_edition() {
        let sections = HashSet::from(["law"]);
        let site = Site {
            content: Path::new("."),
            articles: HashSet::from(["known".to_owned()]),
            by_file: HashMap::from([("known".to_owned(), "known".to_owned())]),
            sections: &sections,
        };
        let mut site = site.article(Path::new("articles/a.md"), "a");
        for (target, page) in [
            ("/articles/known", "/articles/known/"),
            ("known.md", "/articles/known/"),
            ("/sections/law/", "/sections/law/"),
            ("/contact", "/contact/"),
            ("/saved/", "/saved/"),
            ("/", "/"),
        ] {
            assert_eq!(site.link(target), Ok(page.to_owned()), "{target}");
        }
        for (target, problem) in [
            ("/articles/gone/", "there is no article `gone`"),
            ("/sections/sport/", "there is no section `sport`"),
            ("/feed.xml", "is not allowed"),
            ("/contact/index.html", "is not allowed"),
        ] {
            let error = site.link(target).unwrap_err();
            assert!(error.contains(problem), "{target}: {error}");
        }
    }
}
