//! A folder of Markdown articles to the edition bundle (the format the app reads, `SCHEMA`).
//!
//! Everything is read and checked before anything is written. A problem with the edition as a whole
//! (`edition.json`, no articles) refuses it and leaves the output untouched; an article with a
//! problem is left out and reported, and the others publish, unless the build is strict.

use gazette_core::edition::{
    is_slug, Article, Block, Chunk, Date, Headline, Impact, Index, Section, SCHEMA,
};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::cache::{self, Stamp};
use crate::front_matter::{self, FrontMatter};
use crate::known::{Entry, Known};
use crate::markdown::{self, Resolve};
use crate::problems::Problems;
use crate::sync::Output;
use crate::{reading_time, related, resolve};

/// `edition.json` in the content folder: what is not any one article's.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    title: String,
    tagline: String,
    sections: Vec<SectionConfig>,
    /// Headlines in `index.json`, the first screen.
    #[serde(default = "default_front_page")]
    front_page: usize,
    /// Headlines per older chunk.
    #[serde(default = "default_chunk_size")]
    chunk_size: usize,
}

/// A section as `edition.json` names it; unknown keys are typos, and refused.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionConfig {
    slug: String,
    name: String,
    #[serde(default)]
    description: String,
}

fn default_front_page() -> usize {
    50
}

fn default_chunk_size() -> usize {
    1000
}

/// The bundle's files, by path inside the edition folder.
pub type Files = BTreeMap<PathBuf, Vec<u8>>;

/// An article as written, checked, before the edition around it is known.
struct Draft {
    headline: Headline,
    standfirst: String,
    byline: String,
    tags: Vec<String>,
    body: Vec<Block>,
    /// What was changed to fit the format, which does not stop it publishing.
    warnings: Problems,
}

/// Reads and checks every article in `content` into an edition, over the one last written to `out`
/// when `known` records it: an article file whose bytes and dependencies are unchanged is taken
/// from the record instead of converted, and its data file, when what it is made from is
/// unchanged, is left as it is. An article with a problem is left out (`Bundle::left_out`), or,
/// when `strict`, refuses the edition.
pub fn build(
    content: &Path,
    out: &Path,
    known: Option<Known>,
    strict: bool,
) -> Result<Bundle, Problems> {
    // What is wrong with the edition as a whole, and what is wrong with one article, which leaves
    // that article out.
    let mut problems = Problems::default();
    let mut left_out = Problems::default();
    let config_path = content.join("edition.json");
    let config_text = match fs::read_to_string(&config_path) {
        Ok(text) => text,
        Err(error) => {
            problems.add(&config_path, 0, format!("cannot be read: {error}"));
            return Err(problems);
        }
    };
    let config = match serde_json::from_str::<Config>(config_text.trim_start_matches('\u{feff}')) {
        Ok(config) => config,
        Err(error) => {
            problems.add(&config_path, error.line(), error.to_string());
            return Err(problems);
        }
    };
    let config_hash = cache::hash(config_text.as_bytes());
    let mut known = known.filter(|known| known.config == config_hash);
    // Held apart from `config`, which the edition takes once its articles are converted.
    let section_slugs: Vec<String> = config.sections.iter().map(|s| s.slug.clone()).collect();
    let mut named = HashSet::new();
    for (section, slug) in config.sections.iter().zip(&section_slugs) {
        if !is_slug(slug) || !named.insert(slug.as_str()) {
            problems.add(&config_path, 0, format!("the section slug `{}` must be unique, lowercase letters, digits and hyphens (it names the section's address)", section.slug));
        }
        if section.name.trim().is_empty() {
            problems.add(
                &config_path,
                0,
                format!("the section `{}` has no name", section.slug),
            );
        }
    }
    if config.front_page == 0 || config.chunk_size == 0 {
        problems.add(
            &config_path,
            0,
            "front_page and chunk_size must be at least 1",
        );
    }

    let mut sources = Vec::new();
    let articles_folder = content.join("articles");
    if let Err(error) = fs::read_dir(&articles_folder) {
        problems.add(&articles_folder, 0, format!("cannot be read: {error}"));
        return Err(problems);
    }
    collect_markdown(&articles_folder, &mut sources, &mut left_out);
    // Reading is done on every core; claiming slugs, in file order, so a clash blames the same file
    // every run.
    let looked: Vec<(PathBuf, Stamp, First)> = sources
        .into_par_iter()
        .map(|file| {
            let stamp = Stamp::of(&file).unwrap_or_default();
            let recorded = known.as_ref().and_then(|known| known.articles.get(&file));
            let first = first_look(&file, stamp, recorded);
            (file, stamp, first)
        })
        .collect();
    let mut read = Vec::new();
    // Each claimed slug's file, the line naming it, and where the file is in `read`.
    let mut slugs: HashMap<String, (PathBuf, usize, usize)> = HashMap::new();
    // Whether every file is as recorded, stamp and all, so far.
    let mut as_recorded = known.is_some();
    for (file, stamp, first) in looked {
        as_recorded &= matches!(first, First::Unchanged);
        let (slug, line, found) = match first {
            First::Unchanged => {
                let Some(mut entry) = known
                    .as_mut()
                    .and_then(|known| known.articles.remove(&file))
                else {
                    continue;
                };
                as_recorded &= entry.stamp == stamp;
                entry.stamp = stamp;
                let (slug, line) = (entry.slug.clone(), entry.slug_line);
                (slug, line, Found::Recorded(Box::new(entry)))
            }
            First::Read {
                slug,
                line,
                front,
                source,
                found,
            } => (
                slug,
                line,
                Found::Read {
                    front,
                    source,
                    stamp,
                    found,
                },
            ),
            First::Refused(found) => {
                left_out.extend(found);
                continue;
            }
        };
        match claim(&file, &slug, line, &mut slugs, read.len(), &mut left_out) {
            Claim::Claimed => read.push((file, slug, line, found)),
            Claim::Refused => left_out.extend(found.problems()),
            Claim::Displaced(at) => {
                if let Some(earlier) = read.get_mut(at) {
                    let (.., displaced) = std::mem::replace(earlier, (file, slug, line, found));
                    left_out.extend(displaced.problems());
                }
            }
        }
    }

    // Editors link to an article by its file (`other.md`), whatever slug it publishes under.
    let by_file = slugs
        .iter()
        .filter_map(|(slug, (file, _, _))| Some((resolve::name_of(file)?.to_owned(), slug.clone())))
        .collect();
    let site = resolve::Site {
        content,
        articles: slugs.keys().cloned().collect(),
        by_file,
        sections: &named,
    };
    // Each article is converted on its own (or found unchanged), on every core; its problems and
    // pictures are then gathered in file order. An article with a problem is left out, pictures
    // and all.
    let converted: Vec<_> = read
        .into_par_iter()
        .map(|(file, slug, line, found)| {
            let (mut problems, mut warnings) = (Problems::default(), Problems::default());
            let mut article = site.article(&file, &slug);
            let story = match found {
                Found::Recorded(entry) if entry.still_holds(&mut article) => Some(Story {
                    file,
                    entry: *entry,
                    draft: None,
                    keep: false,
                    warned: false,
                }),
                Found::Recorded(entry) => reconvert(&file, *entry, &site, &mut problems).map(
                    |(story, pictures, found)| {
                        article.images = pictures;
                        warnings = found;
                        story
                    },
                ),
                Found::Read {
                    front,
                    source,
                    stamp,
                    found,
                } => {
                    problems.extend(found);
                    let mut draft = draft(&file, slug, front, &mut article, &mut problems);
                    warnings = draft
                        .as_mut()
                        .map(|draft| std::mem::take(&mut draft.warnings))
                        .unwrap_or_default();
                    draft
                        .map(|draft| Story::converted(file, (source, stamp), line, draft, &article))
                }
            };
            (story, problems, warnings, article.images)
        })
        .collect();
    let mut stories = Vec::new();
    let mut images = BTreeMap::new();
    let mut warned = Problems::default();
    for (story, found, warnings, pictures) in converted {
        if found.is_empty() {
            stories.extend(story.map(|mut story| {
                story.warned = !warnings.is_empty();
                story
            }));
            images.extend(pictures);
            warned.extend(warnings);
        } else {
            left_out.extend(found);
        }
    }
    if strict || !problems.is_empty() {
        problems.extend(left_out);
        problems.extend(warned);
        (left_out, warned) = (Problems::default(), Problems::default());
    }
    if stories.is_empty() && problems.is_empty() {
        let why = if left_out.is_empty() {
            "holds no articles (*.md)"
        } else {
            "holds no article that can be published"
        };
        problems.extend(left_out);
        left_out = Problems::default();
        problems.add(&articles_folder, 0, why);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // A file recorded and now gone changes the record; so may one left out, since the record
    // holds only published articles.
    as_recorded &= left_out.is_empty()
        && known
            .as_ref()
            .is_some_and(|known| known.articles.is_empty());
    let mut bundle = assemble(config, config_hash, stories, images, known, out);
    bundle.as_recorded &= as_recorded
        && bundle
            .stories
            .iter()
            .all(|story| story.keep && story.draft.is_none());
    // A story whose data file must be made again but was found unchanged is converted now: the
    // few whose neighbours or related stories changed.
    let again: Vec<Problems> = bundle
        .stories
        .par_iter_mut()
        .filter(|story| story.draft.is_none() && !story.keep)
        .map(|story| {
            let mut found = Problems::default();
            if let Some((converted, ..)) =
                reconvert(&story.file, story.entry.clone(), &site, &mut found)
            {
                story.draft = converted.draft;
            }
            found
        })
        .collect();
    for found in again {
        problems.extend(found);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    bundle.left_out = left_out;
    bundle.warnings = warned;
    Ok(bundle)
}

/// An article file at first look, on its own.
enum First {
    /// As the last run recorded it: the same stamp, or else the same bytes.
    Unchanged,
    /// Read now: its slug and the line naming it, the rest, its hash and what was wrong.
    Read {
        slug: String,
        line: usize,
        front: FrontMatter,
        source: u128,
        found: Problems,
    },
    Refused(Problems),
}

/// Looks at an article file: one whose stamp is as recorded is not read again, and one read again
/// whose bytes are as recorded (touched, not changed) is not converted again.
fn first_look(file: &Path, stamp: Stamp, recorded: Option<&Entry>) -> First {
    if recorded.is_some_and(|entry| entry.stamp == stamp) {
        return First::Unchanged;
    }
    let mut found = Problems::default();
    let text = match fs::read_to_string(file) {
        Ok(text) => text,
        Err(error) => {
            found.add(file, 0, format!("cannot be read: {error}"));
            return First::Refused(found);
        }
    };
    let source = cache::hash(text.as_bytes());
    if recorded.is_some_and(|entry| entry.source == source) {
        return First::Unchanged;
    }
    match read_front(file, &text, &mut found) {
        Some((slug, line, front)) => First::Read {
            slug,
            line,
            front,
            source,
            found,
        },
        None => First::Refused(found),
    }
}

/// An article file as claimed: recorded by the last run and unchanged since, or read now, with
/// what was already found wrong in its front matter.
enum Found {
    Recorded(Box<Entry>),
    Read {
        front: FrontMatter,
        source: u128,
        stamp: Stamp,
        found: Problems,
    },
}

impl Found {
    /// What was found wrong with the file before it claimed its slug.
    fn problems(self) -> Problems {
        match self {
            Found::Recorded(_) => Problems::default(),
            Found::Read { found, .. } => found,
        }
    }
}

/// Converts a recorded article file again, whose record no longer holds or whose data file must
/// be made again; with the pictures it shows.
fn reconvert(
    file: &Path,
    entry: Entry,
    site: &resolve::Site,
    problems: &mut Problems,
) -> Option<(Story, BTreeMap<PathBuf, Vec<u8>>, Problems)> {
    let text = match fs::read_to_string(file) {
        Ok(text) => text,
        Err(error) => {
            problems.add(file, 0, format!("cannot be read: {error}"));
            return None;
        }
    };
    let (_, _, front) = read_front(file, &text, problems)?;
    let mut article = site.article(file, &entry.slug);
    let mut draft = draft(file, entry.slug.clone(), front, &mut article, problems)?;
    let warnings = std::mem::take(&mut draft.warnings);
    let mut story = Story::converted(
        file.to_owned(),
        (cache::hash(text.as_bytes()), entry.stamp),
        entry.slug_line,
        draft,
        &article,
    );
    story.entry.made = entry.made;
    Some((story, article.images, warnings))
}

fn collect_markdown(folder: &Path, into: &mut Vec<PathBuf>, problems: &mut Problems) {
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) => {
            problems.add(folder, 0, format!("cannot be read: {error}"));
            return;
        }
    };
    // Entries' own types, which do not follow symbolic links (a linked folder could loop).
    let mut paths: Vec<(PathBuf, bool)> = entries
        .filter_map(|entry| {
            let entry = entry.ok()?;
            Some((entry.path(), entry.file_type().ok()?.is_dir()))
        })
        .collect();
    paths.sort();
    for (path, is_dir) in paths {
        let extension = path.extension().and_then(|ext| ext.to_str()).unwrap_or("");
        if is_dir {
            collect_markdown(&path, into, problems);
        } else if extension == "md" {
            into.push(path);
        } else if ["md", "markdown"].contains(&extension.to_ascii_lowercase().as_str()) {
            problems.add(
                &path,
                0,
                "is not published: articles are files ending in .md (lowercase)",
            );
        }
    }
}

/// Reads the front matter: the article's slug (its file name, unless `slug:` says otherwise) and the
/// line that names it (0 for none), and the rest.
fn read_front(
    file: &Path,
    text: &str,
    problems: &mut Problems,
) -> Option<(String, usize, FrontMatter)> {
    let (mut front, malformed) = front_matter::split(text);
    for (line, message) in malformed {
        problems.add(file, line, message);
    }
    let stem = resolve::name_of(file).unwrap_or("");
    let (slug, line) = match front.take("slug") {
        Some(field) => (field.value, field.line),
        None => (stem.to_owned(), 0),
    };
    if !is_slug(&slug) {
        problems.add(file, line, format!("the slug `{slug}` must be lowercase letters, digits and hyphens (it names the article's address)"));
        return None;
    }
    Some((slug, line, front))
}

/// What claiming a slug came to.
enum Claim {
    Claimed,
    /// Taken: this file is left out.
    Refused,
    /// Taken by the file at this place in the claims, which is left out and gives it up.
    Displaced(usize),
}

/// Claims `slug` for `file`, the `at`th file to claim one, or reports the clash against the file
/// left out.
fn claim(
    file: &Path,
    slug: &str,
    line: usize,
    slugs: &mut HashMap<String, (PathBuf, usize, usize)>,
    at: usize,
    problems: &mut Problems,
) -> Claim {
    let Some((first, first_line, first_at)) = slugs.get_mut(slug) else {
        slugs.insert(slug.to_owned(), (file.to_owned(), line, at));
        return Claim::Claimed;
    };
    // Blame the file whose `slug:` line made the clash, rather than whichever sorts later.
    if *first_line > 0 && line == 0 {
        problems.add(
            first,
            *first_line,
            format!("the slug `{slug}` is already used by {}", file.display()),
        );
        let displaced = *first_at;
        (*first, *first_line) = (file.to_owned(), line);
        return Claim::Displaced(displaced);
    }
    problems.add(
        file,
        line,
        format!("the slug `{slug}` is already used by {}", first.display()),
    );
    Claim::Refused
}

/// Checks an article's fields and converts its body.
fn draft(
    file: &Path,
    slug: String,
    mut front: FrontMatter,
    article: &mut resolve::Article,
    problems: &mut Problems,
) -> Option<Draft> {
    let problems_before = problems.len();
    let required =
        |key: &str, front: &mut FrontMatter, problems: &mut Problems| match front.take(key) {
            Some(field) if !field.value.is_empty() => Some(field),
            Some(field) => {
                problems.add(file, field.line, format!("`{key}` is empty"));
                None
            }
            None => {
                problems.add(file, 1, format!("the front matter has no `{key}`"));
                None
            }
        };
    // Control characters (pasted from word processors) are invisible on the page and make the feed
    // invalid XML.
    for field in &front.fields {
        if field.value.chars().any(char::is_control) {
            problems.add(
                file,
                field.line,
                format!("`{}` contains an invisible control character", field.key),
            );
        }
    }
    let title = required("title", &mut front, problems);
    let standfirst = required("standfirst", &mut front, problems);
    let section = required("section", &mut front, problems);
    let author = required("author", &mut front, problems);
    let date = required("date", &mut front, problems);
    let impact = required("impact", &mut front, problems);
    let summary = front.take("summary");
    let tags = front.take("tags");
    let image = front.take("image");
    let image_alt = front.take("image_alt");
    let image_caption = front.take("image_caption");
    for unknown in &front.fields {
        problems.add(file, unknown.line, format!("unknown field `{}` (known: title, summary, standfirst, section, tags, author, date, impact, image, image_alt, image_caption, slug)", unknown.key));
    }

    if let Some(field) = &section {
        if !article.site.sections.contains(field.value.as_str()) {
            let known: Vec<&str> = article.site.sections.iter().copied().collect();
            problems.add(
                file,
                field.line,
                format!(
                    "there is no section `{}` in edition.json (sections: {})",
                    field.value,
                    sorted(known).join(", ")
                ),
            );
        }
    }
    let date = date.and_then(|field| {
        let parsed = Date::parse(&field.value);
        if parsed.is_none() {
            problems.add(
                file,
                field.line,
                format!(
                    "the date `{}` is not a real date in the form YYYY-MM-DD",
                    field.value
                ),
            );
        }
        parsed
    });
    let impact = impact.and_then(|field| {
        let parsed = field.value.parse::<u8>().ok().and_then(Impact::new);
        if parsed.is_none() {
            problems.add(
                file,
                field.line,
                format!(
                    "the Impact Score `{}` must be a whole number from 0 to 100",
                    field.value
                ),
            );
        }
        parsed
    });

    let mut body = Vec::new();
    match (image, image_alt) {
        (Some(image), Some(alt)) if !alt.value.is_empty() => match article.image(&image.value) {
            Ok(file) => body.push(Block::Image {
                src: file.src,
                alt: alt.value,
                width: file.width,
                height: file.height,
                caption: image_caption
                    .map(|caption| caption.value)
                    .filter(|c| !c.is_empty()),
            }),
            Err(message) => problems.add(file, image.line, message),
        },
        (Some(image), _) => problems.add(
            file,
            image.line,
            "the image has no alt text: add `image_alt:` saying what it shows",
        ),
        (None, Some(alt)) => problems.add(file, alt.line, "`image_alt` without an `image`"),
        (None, None) => {
            if let Some(caption) = &image_caption {
                problems.add(file, caption.line, "`image_caption` without an `image`");
            }
        }
    }
    let converted = markdown::to_blocks(&front.body, front.body_line, article);
    for (line, message) in converted.problems {
        problems.add(file, line, message);
    }
    let mut warnings = Problems::default();
    for (line, message) in converted.warnings {
        warnings.add(file, line, message);
    }
    body.extend(converted.blocks);
    if body.is_empty() {
        problems.add(file, front.body_line, "the article has no text");
    }

    if problems.len() > problems_before {
        return None;
    }
    let standfirst = standfirst?.value;
    Some(Draft {
        headline: Headline {
            slug,
            title: title?.value,
            section: section?.value,
            date: date?,
            summary: summary
                .map(|field| field.value)
                .filter(|summary| !summary.is_empty())
                .unwrap_or_else(|| standfirst.clone()),
            impact: impact?,
        },
        standfirst,
        byline: author?.value,
        tags: tags
            .map(|field| {
                // `a, b`, or the YAML list `[a, b]` editors may write.
                let value = field.value.trim();
                let value = value
                    .strip_prefix('[')
                    .and_then(|v| v.strip_suffix(']'))
                    .unwrap_or(value);
                value
                    .split(',')
                    .map(str::trim)
                    .filter(|tag| !tag.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default(),
        body,
        warnings,
    })
}

fn sorted(mut items: Vec<&str>) -> Vec<&str> {
    items.sort_unstable();
    items
}

/// An article of the edition: what is recorded of it, and its converted text when this run has it.
struct Story {
    file: PathBuf,
    entry: Entry,
    draft: Option<Draft>,
    /// Whether its data file is left as the last run wrote it.
    keep: bool,
    /// Whether it was published with warnings: it is then left out of the record, so that the
    /// next run reads it again and says them again.
    warned: bool,
}

impl Story {
    /// `source` is the hash and stamp of the file.
    fn converted(
        file: PathBuf,
        (source, stamp): (u128, Stamp),
        slug_line: usize,
        draft: Draft,
        article: &resolve::Article,
    ) -> Self {
        let entry = Entry {
            source,
            stamp,
            slug: draft.headline.slug.clone(),
            slug_line,
            headline: draft.headline.clone(),
            tags: draft.tags.clone(),
            links: article.links.clone(),
            pictures: article.pictures.clone(),
            made: None,
        };
        Self {
            file,
            entry,
            draft: Some(draft),
            keep: false,
            warned: false,
        }
    }
}

/// The edition, checked and in order. Its small files are held; each article's file is made only
/// when it is written (`files`), so the archive's article data is never all in memory twice.
pub struct Bundle {
    /// The index, the chunks and the pictures.
    held: Files,
    /// Newest first, with each one's related stories by position.
    stories: Vec<Story>,
    related: Vec<Vec<usize>>,
    /// A hash of what `related` was found from.
    related_from: u128,
    config: u128,
    /// For each story, a hash of what its data file is made from.
    made: Vec<u128>,
    /// Whether the record of the last run describes this edition as it is, so need not be saved.
    pub as_recorded: bool,
    /// The articles left out, by what is wrong with them.
    pub left_out: Problems,
    /// What was changed to publish the others: raw HTML's markup dropped.
    pub warnings: Problems,
}

impl Bundle {
    pub fn articles(&self) -> usize {
        self.stories.len()
    }

    /// How many articles this run read as Markdown; the others were as the last run recorded.
    pub fn converted(&self) -> usize {
        self.stories
            .iter()
            .filter(|story| story.draft.is_some())
            .count()
    }

    /// Every file but the index, by its path inside the edition, made on every core as it is
    /// asked for.
    pub fn files(&self) -> impl ParallelIterator<Item = (PathBuf, Output<'_>)> + '_ {
        let held = self
            .held
            .par_iter()
            .filter(|(path, _)| path.as_path() != Path::new(INDEX))
            .map(|(path, bytes)| (path.clone(), Output::Bytes(Cow::Borrowed(bytes.as_slice()))));
        let articles = (0..self.stories.len()).into_par_iter().filter_map(|at| {
            let story = self.stories.get(at)?;
            let output = match self.article(at) {
                Some(article) if !story.keep => Output::Bytes(Cow::Owned(to_json(&article))),
                _ => Output::Kept,
            };
            Some((article_path(&story.entry.slug), output))
        });
        held.chain(articles)
    }

    /// The path of every file `files` and `index` give, without making them.
    pub fn paths(&self) -> impl Iterator<Item = PathBuf> + '_ {
        let articles = self
            .stories
            .iter()
            .map(|story| article_path(&story.entry.slug));
        self.held.keys().cloned().chain(articles)
    }

    /// `index.json`, which names every other file; none when the edition has no story.
    pub fn index(&self) -> Option<(PathBuf, &[u8])> {
        let bytes = self.held.get(Path::new(INDEX))?;
        Some((PathBuf::from(INDEX), bytes))
    }

    /// The record of this edition once it is written to `out`, for the next run.
    pub fn known(self, out: &Path) -> Known {
        let articles = self
            .stories
            .into_par_iter()
            .zip(self.made)
            .filter(|(story, _)| !story.warned)
            .map(|(story, made)| {
                let mut entry = story.entry;
                if !story.keep {
                    entry.made =
                        Stamp::of(&out.join(article_path(&entry.slug))).map(|stamp| (made, stamp));
                }
                (story.file, entry)
            })
            .collect();
        Known {
            config: self.config,
            related: (self.related_from, self.related),
            articles,
        }
    }

    /// The article at `at` with its neighbours and related stories; `None` unless this run
    /// converted it.
    fn article(&self, at: usize) -> Option<Article> {
        let headline = |at: usize| {
            self.stories
                .get(at)
                .map(|story| story.entry.headline.clone())
        };
        let story = self.stories.get(at)?;
        let draft = story.draft.as_ref()?;
        Some(Article {
            schema: SCHEMA,
            slug: draft.headline.slug.clone(),
            title: draft.headline.title.clone(),
            standfirst: draft.standfirst.clone(),
            byline: draft.byline.clone(),
            section: draft.headline.section.clone(),
            date: draft.headline.date.clone(),
            impact: draft.headline.impact,
            reading_minutes: reading_time::minutes(&draft.body),
            tags: draft.tags.clone(),
            body: draft.body.clone(),
            related: self
                .related
                .get(at)
                .into_iter()
                .flatten()
                .filter_map(|&other| headline(other))
                .collect(),
            previous: at.checked_sub(1).and_then(headline),
            next: headline(at + 1),
        })
    }

    /// A hash of everything the data file of the story at `at` is made from: its article file, the
    /// answers it got from the rest of the edition, and its neighbours and related stories (by a
    /// hash of their headlines).
    /// `headlines` holds a hash of each story's headline.
    fn made_from(&self, at: usize, headlines: &[u128]) -> u128 {
        let headline = |at: usize| headlines.get(at);
        let related: Vec<_> = self
            .related
            .get(at)
            .into_iter()
            .flatten()
            .filter_map(|&other| headline(other))
            .collect();
        let Some(entry) = self.stories.get(at).map(|story| &story.entry) else {
            return 0;
        };
        // The file's own bytes and what they asked of the rest of the edition (a picture redrawn
        // at another size changes the article, not the file).
        let from = (
            entry.source.to_le_bytes(),
            &entry.links,
            &entry.pictures,
            related,
            at.checked_sub(1).and_then(headline),
            headline(at + 1),
        );
        cache::hash(&to_json(&from))
    }
}

const INDEX: &str = "index.json";

fn article_path(slug: &str) -> PathBuf {
    PathBuf::from("articles").join(format!("{slug}.json"))
}

/// The edition, newest story first, over the one `known` records in `out`.
fn assemble(
    config: Config,
    config_hash: u128,
    mut stories: Vec<Story>,
    images: BTreeMap<PathBuf, Vec<u8>>,
    known: Option<Known>,
    out: &Path,
) -> Bundle {
    stories.sort_by(|a, b| {
        let (a, b) = (&a.entry.headline, &b.entry.headline);
        (&b.date, &a.slug).cmp(&(&a.date, &b.slug))
    });
    let headlines: Vec<Headline> = stories
        .iter()
        .map(|story| story.entry.headline.clone())
        .collect();
    let related_from = {
        let looked_at: Vec<(&str, &[String])> = stories
            .iter()
            .map(|story| {
                (
                    story.entry.headline.section.as_str(),
                    story.entry.tags.as_slice(),
                )
            })
            .collect();
        cache::hash(&to_json(&looked_at))
    };
    let recorded = known.map(|known| known.related);
    let related_as_recorded = recorded
        .as_ref()
        .is_some_and(|(from, related)| *from == related_from && related.len() == stories.len());
    let related = match recorded {
        Some((_, related)) if related_as_recorded => related,
        _ => {
            let looked_at: Vec<related::Story> = stories
                .iter()
                .map(|story| related::Story {
                    section: &story.entry.headline.section,
                    tags: &story.entry.tags,
                })
                .collect();
            related::related(&looked_at)
        }
    };
    let mut files = images;

    let front = config.front_page.min(headlines.len());
    let (first, older) = headlines.split_at(front);
    // Numbered from the oldest, so that publishing changes only the newest chunk: the others stay
    // byte for byte what readers and CDNs already hold.
    let chunks: Vec<&[Headline]> = older.rchunks(config.chunk_size.max(1)).collect();
    for (number, chunk) in chunks.iter().enumerate() {
        let chunk = Chunk {
            schema: SCHEMA,
            headlines: chunk.to_vec(),
        };
        files.insert(
            PathBuf::from(format!("index/{}.json", number + 1)),
            to_json(&chunk),
        );
    }
    if let Some(newest) = first.first() {
        let index = Index {
            schema: SCHEMA,
            title: config.title,
            tagline: config.tagline,
            published: newest.date.clone(),
            sections: config
                .sections
                .into_iter()
                .map(|section| Section {
                    slug: section.slug,
                    name: section.name,
                    description: section.description,
                })
                .collect(),
            headlines: first.to_vec(),
            older_chunks: u32::try_from(chunks.len()).unwrap_or(u32::MAX),
        };
        files.insert(PathBuf::from(INDEX), to_json(&index));
    }
    let mut bundle = Bundle {
        held: files,
        stories,
        related,
        related_from,
        config: config_hash,
        made: Vec::new(),
        as_recorded: related_as_recorded,
        left_out: Problems::default(),
        warnings: Problems::default(),
    };
    let headlines: Vec<u128> = bundle
        .stories
        .par_iter()
        .map(|story| cache::hash(&to_json(&story.entry.headline)))
        .collect();
    bundle.made = (0..bundle.stories.len())
        .into_par_iter()
        .map(|at| bundle.made_from(at, &headlines))
        .collect();
    // A data file stays when it was made from the same things and is as it was written.
    let made = &bundle.made;
    bundle
        .stories
        .par_iter_mut()
        .zip(made)
        .for_each(|(story, &made)| {
            story.keep = story.entry.made.is_some_and(|(before, stamp)| {
                before == made
                    && Stamp::of(&out.join(article_path(&story.entry.slug))) == Some(stamp)
            });
        });
    bundle
}

fn to_json(value: &impl Serialize) -> Vec<u8> {
    // The model's types always serialise; an empty file would be refused by the app's decoder.
    serde_json::to_vec(value).unwrap_or_default()
}
