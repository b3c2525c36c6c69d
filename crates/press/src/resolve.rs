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
    /// Slugs by file name, for links written as `other.md`.
    pub by_file: HashMap<String, String>,
    pub sections: &'a HashSet<&'a str>,
}

/// One article's view of the site, collecting the image files it uses and recording what it asked
/// of the rest of the edition, so a rebuild can tell whether the answers still hold (`known.rs`).
pub struct Article<'a> {
    pub site: &'a Site<'a>,
    /// By their path inside the edition.
    pub images: BTreeMap<PathBuf, Vec<u8>>,
    /// Each link to the site as written, and where it went.
    pub links: Vec<(String, String)>,
    /// Each picture as written, and a hash of its file.
    pub pictures: Vec<(String, u128)>,
}

impl<'a> Site<'a> {
    pub fn article(&'a self) -> Article<'a> {
        Article {
            site: self,
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
            let stem = file.rsplit('/').next().unwrap_or(file);
            return match site.by_file.get(stem) {
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
        // Plain names only: they become addresses, where `#`, `?` or `%` would change their meaning.
        let name = src.strip_prefix("images/").filter(|name| {
            !name.is_empty()
                && !name.starts_with('.')
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        });
        let Some(name) = name else {
            return Err(format!(
                "the image `{src}` must be a file in the content's images folder, written images/<file>, its name made of letters, digits, '.', '_' and '-'"
            ));
        };
        let bytes = fs::read(self.site.content.join("images").join(name))
            .map_err(|error| format!("the image {src} cannot be read: {error}"))?;
        let (width, height) = images::dimensions(&bytes).ok_or_else(|| {
            format!("the size of {src} cannot be read: use SVG, PNG, GIF, JPEG, WebP or AVIF")
        })?;
        let image = Image {
            src: format!("/edition/images/{name}"),
            width,
            height,
        };
        Ok((image, bytes))
    }
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
        let mut site = site.article();
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
