//! Where an article's links and images go, checked against the edition being built.

use gazette_core::edition::safe_href;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::images;
use crate::markdown::{Image, Resolve};

pub struct Site<'a> {
    pub content: &'a Path,
    pub articles: HashSet<String>,
    /// Slugs by file name, for links written as `other.md`.
    pub by_file: HashMap<String, String>,
    pub sections: &'a HashSet<&'a str>,
    /// Image files the articles use, by their path inside the edition.
    pub images: BTreeMap<PathBuf, Vec<u8>>,
}

impl Resolve for Site<'_> {
    fn link(&mut self, target: &str) -> Result<String, String> {
        let article = |slug: &str| -> Result<String, String> {
            if self.articles.contains(slug) {
                Ok(format!("/articles/{slug}/"))
            } else {
                Err(format!(
                    "broken link: there is no article `{slug}` ({target})"
                ))
            }
        };
        if let Some(href) = safe_href(target).filter(|href| !href.starts_with('/')) {
            return Ok(href.to_owned());
        }
        if let Some(file) = target.strip_suffix(".md") {
            let stem = file.rsplit('/').next().unwrap_or(file);
            return match self.by_file.get(stem) {
                Some(slug) => Ok(format!("/articles/{slug}/")),
                None => Err(format!("broken link: there is no article file `{target}`")),
            };
        }
        let path = target.trim_end_matches('/');
        if let Some(slug) = path.strip_prefix("/articles/") {
            return article(slug);
        }
        if let Some(slug) = path.strip_prefix("/sections/") {
            return if self.sections.contains(slug) {
                Ok(format!("/sections/{slug}/"))
            } else {
                Err(format!(
                    "broken link: there is no section `{slug}` ({target})"
                ))
            };
        }
        match safe_href(target) {
            Some(_) if ["/", "/contact", "/saved"].contains(&path) || path.is_empty() => {
                Ok(format!("{path}/"))
            }
            _ => Err(format!(
                "the link target `{target}` is not allowed: link to another article as `slug.md`, or to an http(s) or mailto: address"
            )),
        }
    }

    fn image(&mut self, src: &str) -> Result<Image, String> {
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
        let bytes = fs::read(self.content.join("images").join(name))
            .map_err(|error| format!("the image {src} cannot be read: {error}"))?;
        let (width, height) = images::dimensions(&bytes).ok_or_else(|| {
            format!("the size of {src} cannot be read: use SVG, PNG, GIF or JPEG")
        })?;
        self.images
            .insert(PathBuf::from("images").join(name), bytes);
        Ok(Image {
            src: format!("/edition/images/{name}"),
            width,
            height,
        })
    }
}
