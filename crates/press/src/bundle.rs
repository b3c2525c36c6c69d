//! A folder of Markdown articles to the edition bundle (the format the app reads, `SCHEMA`).
//!
//! Everything is read and checked before anything is written: an edition with problems is reported
//! in full and leaves the output untouched.

use gazette_core::edition::{
    is_slug, Article, Block, Chunk, Date, Headline, Impact, Index, Section, SCHEMA,
};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::front_matter::{self, FrontMatter};
use crate::markdown::{self, Resolve};
use crate::problems::Problems;
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
}

pub fn build(content: &Path) -> Result<Bundle, Problems> {
    let mut problems = Problems::default();
    let config_path = content.join("edition.json");
    let config = match fs::read_to_string(&config_path) {
        Err(error) => {
            problems.add(&config_path, 0, format!("cannot be read: {error}"));
            return Err(problems);
        }
        Ok(text) => match serde_json::from_str::<Config>(text.trim_start_matches('\u{feff}')) {
            Ok(config) => config,
            Err(error) => {
                problems.add(&config_path, error.line(), error.to_string());
                return Err(problems);
            }
        },
    };
    let mut named = HashSet::new();
    for section in &config.sections {
        if !is_slug(&section.slug) || !named.insert(section.slug.as_str()) {
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
    collect_markdown(&content.join("articles"), &mut sources, &mut problems);
    // Reading is done on every core; claiming slugs, in file order, so a clash blames the same file
    // every run.
    let texts: Vec<(PathBuf, std::io::Result<String>)> = sources
        .into_par_iter()
        .map(|file| {
            let text = fs::read_to_string(&file);
            (file, text)
        })
        .collect();
    let mut read = Vec::new();
    let mut slugs: HashMap<String, (PathBuf, usize)> = HashMap::new();
    for (file, text) in texts {
        let Some((slug, front)) = read_front(&file, text, &mut slugs, &mut problems) else {
            continue;
        };
        read.push((file, slug, front));
    }

    // Editors link to an article by its file (`other.md`), whatever slug it publishes under.
    let by_file = slugs
        .iter()
        .filter_map(|(slug, (file, _))| {
            Some((file.file_stem()?.to_str()?.to_owned(), slug.clone()))
        })
        .collect();
    let site = resolve::Site {
        content,
        articles: slugs.keys().cloned().collect(),
        by_file,
        sections: &named,
    };
    // Each article is converted on its own, on every core; its problems and pictures are then
    // gathered in file order.
    let converted: Vec<_> = read
        .into_par_iter()
        .map(|(file, slug, front)| {
            let mut found = Problems::default();
            let mut article = site.article();
            let draft = draft(&file, slug, front, &mut article, &mut found);
            (draft, found, article.images)
        })
        .collect();
    let mut drafts = Vec::new();
    let mut images = BTreeMap::new();
    for (draft, found, pictures) in converted {
        drafts.extend(draft);
        problems.extend(found);
        images.extend(pictures);
    }
    if drafts.is_empty() && problems.is_empty() {
        problems.add(&content.join("articles"), 0, "holds no articles (*.md)");
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(assemble(config, drafts, images))
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

/// Reads the front matter and claims the article's slug (its file name, unless `slug:` says otherwise).
fn read_front(
    file: &Path,
    text: std::io::Result<String>,
    slugs: &mut HashMap<String, (PathBuf, usize)>,
    problems: &mut Problems,
) -> Option<(String, FrontMatter)> {
    let text = match text {
        Ok(text) => text,
        Err(error) => {
            problems.add(file, 0, format!("cannot be read: {error}"));
            return None;
        }
    };
    let (mut front, malformed) = front_matter::split(&text);
    for (line, message) in malformed {
        problems.add(file, line, message);
    }
    let stem = file
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or("");
    let (slug, line) = match front.take("slug") {
        Some(field) => (field.value, field.line),
        None => (stem.to_owned(), 0),
    };
    if !is_slug(&slug) {
        problems.add(file, line, format!("the slug `{slug}` must be lowercase letters, digits and hyphens (it names the article's address)"));
        return None;
    }
    if let Some((first, first_line)) = slugs.get(&slug) {
        // Blame the file whose `slug:` line made the clash, rather than whichever sorts later.
        if *first_line > 0 && line == 0 {
            problems.add(
                first,
                *first_line,
                format!("the slug `{slug}` is already used by {}", file.display()),
            );
        } else {
            problems.add(
                file,
                line,
                format!("the slug `{slug}` is already used by {}", first.display()),
            );
        }
        return None;
    }
    slugs.insert(slug.clone(), (file.to_owned(), line));
    Some((slug, front))
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
    })
}

fn sorted(mut items: Vec<&str>) -> Vec<&str> {
    items.sort_unstable();
    items
}

/// The edition, checked and in order. Its small files are held; each article's file is made only
/// when it is written (`files`), so the archive's article data is never all in memory twice.
pub struct Bundle {
    /// The index, the chunks and the pictures.
    held: Files,
    /// Newest first, with each one's related stories by position.
    drafts: Vec<Draft>,
    related: Vec<Vec<usize>>,
}

impl Bundle {
    pub fn articles(&self) -> usize {
        self.drafts.len()
    }

    /// Every file but the index, by its path inside the edition, made on every core as it is
    /// asked for.
    pub fn files(&self) -> impl ParallelIterator<Item = (PathBuf, Cow<'_, [u8]>)> + '_ {
        let held = self
            .held
            .par_iter()
            .filter(|(path, _)| path.as_path() != Path::new(INDEX))
            .map(|(path, bytes)| (path.clone(), Cow::Borrowed(bytes.as_slice())));
        let articles = (0..self.drafts.len()).into_par_iter().map(|at| {
            let article = self.article(at);
            (article_path(&article.slug), Cow::Owned(to_json(&article)))
        });
        held.chain(articles)
    }

    /// The path of every file `files` and `index` give, without making them.
    pub fn paths(&self) -> impl Iterator<Item = PathBuf> + '_ {
        let articles = self
            .drafts
            .iter()
            .map(|draft| article_path(&draft.headline.slug));
        self.held.keys().cloned().chain(articles)
    }

    /// `index.json`, which names every other file; none when the edition has no story.
    pub fn index(&self) -> Option<(PathBuf, &[u8])> {
        let bytes = self.held.get(Path::new(INDEX))?;
        Some((PathBuf::from(INDEX), bytes))
    }

    fn article(&self, at: usize) -> Article {
        let headline = |at: usize| self.drafts.get(at).map(|draft| draft.headline.clone());
        let draft = &self.drafts[at];
        Article {
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
        }
    }
}

const INDEX: &str = "index.json";

fn article_path(slug: &str) -> PathBuf {
    PathBuf::from("articles").join(format!("{slug}.json"))
}

/// The edition, newest story first.
fn assemble(config: Config, mut drafts: Vec<Draft>, images: BTreeMap<PathBuf, Vec<u8>>) -> Bundle {
    drafts.sort_by(|a, b| {
        (&b.headline.date, &a.headline.slug).cmp(&(&a.headline.date, &b.headline.slug))
    });
    let headlines: Vec<Headline> = drafts.iter().map(|draft| draft.headline.clone()).collect();
    let stories: Vec<related::Story> = drafts
        .iter()
        .map(|draft| related::Story {
            section: &draft.headline.section,
            tags: &draft.tags,
        })
        .collect();
    let related = related::related(&stories);
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
    Bundle {
        held: files,
        drafts,
        related,
    }
}

fn to_json(value: &impl Serialize) -> Vec<u8> {
    // The model's types always serialise; an empty file would be refused by the app's decoder.
    serde_json::to_vec(value).unwrap_or_default()
}
