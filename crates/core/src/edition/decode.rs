//! Turning bundle text into the model, with errors that say what is wrong and where.
//!
//! Headlines are decoded one by one so that a single broken entry costs that entry, not the page.
//! The text is read straight into the typed model (each headline kept as its raw text until its
//! turn), never into `serde_json::Value`, whose generic tree would add weight to every reader's wasm.

use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use std::fmt;

use super::{locate, Article, Block, Chunk, Headline, Index, SCHEMA};

/// Why a bundle file could not be read at all.
#[derive(Debug, Clone, PartialEq)]
pub enum DecodeError {
    /// The server answered with a web page, typically a host's "not found" page.
    Html,
    /// The file ends early: a cut-off download or an unfinished upload.
    Truncated,
    /// Not JSON at all.
    Syntax(String),
    /// JSON, but of a format version this build does not read.
    Schema(Option<u64>),
    /// A field is missing or holds the wrong kind of value. `path` names it, as in `body[2].text`
    /// (or `.` for the top level, where serde's message names the missing field itself).
    Field { path: String, message: String },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Html => f.write_str("the server sent a web page where the edition data should be"),
            Self::Truncated => f.write_str("the data is cut short, as if the download stopped early"),
            Self::Syntax(detail) => write!(f, "the data is not valid JSON ({detail})"),
            Self::Schema(Some(found)) => write!(
                f,
                "the data uses format version {found}, but this version of Gazette reads version {SCHEMA}"
            ),
            Self::Schema(None) => f.write_str("the data has no format version (\"schema\")"),
            Self::Field { path, message } if path == "." => f.write_str(message),
            Self::Field { path, message } => write!(f, "field {path}: {message}"),
        }
    }
}

/// A decoded file, with a note for each headline that had to be left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded<T> {
    pub value: T,
    pub skipped: Vec<String>,
}

pub fn decode_index(text: &str) -> Result<Decoded<Index>, DecodeError> {
    let text = versioned(text)?;
    let mut index: Index = typed(text)?;
    let (headlines, skipped) = headlines(text)?;
    index.headlines = headlines;
    Ok(Decoded {
        value: index,
        skipped,
    })
}

pub fn decode_chunk(text: &str) -> Result<Decoded<Chunk>, DecodeError> {
    let text = versioned(text)?;
    let mut chunk: Chunk = typed(text)?;
    let (headlines, skipped) = headlines(text)?;
    chunk.headlines = headlines;
    Ok(Decoded {
        value: chunk,
        skipped,
    })
}

pub fn decode_article(text: &str) -> Result<Article, DecodeError> {
    let text = versioned(text)?;
    typed(text).map_err(|error| match &error {
        DecodeError::Field { path, .. } => bad_entry(text, path).unwrap_or(error),
        _ => error,
    })
}

/// An article's lists, each entry kept as its text.
#[derive(Deserialize)]
struct Lists<'a> {
    #[serde(borrow, default)]
    body: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    related: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    tags: Vec<&'a RawValue>,
}

/// Whether one entry's text decodes as its list's type.
type EntryCheck = fn(&str) -> Result<(), DecodeError>;

/// Where the locator could only name one of the article's lists (serde reads a block whole before
/// checking its fields, so serde_json stops past it), the first entry that fails on its own.
fn bad_entry(text: &str, list: &str) -> Option<DecodeError> {
    let lists: Lists = serde_json::from_str(text).ok()?;
    let (entries, check): (_, EntryCheck) = match list {
        "body" => (lists.body, |entry| typed::<Block>(entry).map(drop)),
        "related" => (lists.related, |entry| typed::<Headline>(entry).map(drop)),
        "tags" => (lists.tags, |entry| typed::<String>(entry).map(drop)),
        _ => return None,
    };
    entries.iter().enumerate().find_map(|(at, entry)| {
        let Err(DecodeError::Field { path, message }) = check(entry.get()) else {
            return None;
        };
        let path = match path.as_str() {
            "." => format!("{list}[{at}]"),
            inner if inner.starts_with('[') => format!("{list}[{at}]{inner}"),
            inner => format!("{list}[{at}].{inner}"),
        };
        Some(DecodeError::Field { path, message })
    })
}

/// The top of a bundle file.
#[derive(Deserialize)]
struct Top<'a> {
    #[serde(borrow)]
    schema: Option<&'a RawValue>,
}

/// A file's headlines, each kept as its text so that each can fail alone.
#[derive(Deserialize)]
struct Listing<'a> {
    #[serde(borrow)]
    headlines: Vec<&'a RawValue>,
}

/// Any JSON at all, read value by value so that serde_json checks each number's range as well as
/// the syntax (skipping a value would not), as the typed decoding later will.
struct AnyJson;

impl<'de> Deserialize<'de> for AnyJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AnyJson)
    }
}

impl<'de> Visitor<'de> for AnyJson {
    type Value = AnyJson;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_str<E>(self, _: &str) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_unit<E>(self) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut entries: A) -> Result<Self, A::Error> {
        while entries.next_element::<AnyJson>()?.is_some() {}
        Ok(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut fields: A) -> Result<Self, A::Error> {
        while fields.next_entry::<IgnoredAny, AnyJson>()?.is_some() {}
        Ok(self)
    }
}

/// Checks that `text` is JSON of the format version this build reads, and returns the JSON.
fn versioned(text: &str) -> Result<&str, DecodeError> {
    let text = text.trim_start();
    if text.starts_with('<') {
        return Err(DecodeError::Html);
    }
    serde_json::from_str::<AnyJson>(text).map_err(|error| {
        if error.is_eof() {
            DecodeError::Truncated
        } else {
            DecodeError::Syntax(error.to_string())
        }
    })?;
    // serde would read a struct from an array as well; a bundle file is an object.
    let top: Top = if text.starts_with('{') {
        typed(text)?
    } else {
        Top { schema: None }
    };
    let schema = top
        .schema
        .and_then(|raw| serde_json::from_str::<serde_json::Number>(raw.get()).ok())
        .and_then(|number| number.as_u64());
    match schema {
        Some(SCHEMA) => Ok(text),
        found => Err(DecodeError::Schema(found)),
    }
}

/// The headlines of `text` that decode, and a note for each that does not.
fn headlines(text: &str) -> Result<(Vec<Headline>, Vec<String>), DecodeError> {
    let listing: Listing = typed(text)?;
    let mut skipped = Vec::new();
    let headlines = listing
        .headlines
        .into_iter()
        .enumerate()
        .filter_map(|(position, entry)| {
            typed::<Headline>(entry.get())
                .map_err(|error| {
                    let name = slug(entry).map_or_else(
                        || format!("#{}", position + 1),
                        |slug| format!("\"{slug}\""),
                    );
                    skipped.push(format!("headline {name}: {error}"));
                })
                .ok()
        })
        .collect();
    Ok((headlines, skipped))
}

/// The slug a broken headline states, to name it by.
fn slug(entry: &RawValue) -> Option<String> {
    #[derive(Deserialize)]
    struct Named {
        slug: String,
    }
    let entry = entry.get();
    entry.starts_with('{').then_some(())?;
    serde_json::from_str::<Named>(entry)
        .ok()
        .map(|named| named.slug)
}

/// Reads JSON already known to be well formed into `T`, naming the field that does not fit.
fn typed<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, DecodeError> {
    serde_json::from_str(text).map_err(|error| DecodeError::Field {
        path: locate::path(text, &error),
        message: message(&error),
    })
}

/// serde_json's message without the line and column it appends: the path says where, and for a
/// headline the position would count from the headline, not the file.
fn message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    match text.strip_suffix(&position) {
        Some(message) => message.to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADLINE: &str = r#"{"slug": "a", "title": "A", "section": "research", "date": "2026-11-20", "summary": "S", "impact": 75}"#;

    fn index_with(headlines: &str) -> String {
        format!(
            r#"{{"schema": 2, "title": "Gazette", "tagline": "T", "published": "2026-11-25",
                "sections": [{{"slug": "research", "name": "Research"}}], "headlines": [{headlines}]}}"#
        )
    }

    #[test]
    fn a_good_index_decodes() {
        let decoded = decode_index(&index_with(HEADLINE)).unwrap();
        assert_eq!(decoded.value.headlines[0].impact.score(), 75);
        assert_eq!(decoded.value.section_name("research"), "Research");
        assert!(decoded.skipped.is_empty());
    }

    #[test]
    fn one_broken_headline_is_left_out_and_named() {
        let broken =
            r#"{"slug": "b", "section": "law", "date": "2026-11-19", "summary": "S", "impact": 5}"#;
        let out_of_range = r#"{"slug": "c", "title": "C", "section": "law", "date": "2026-11-19", "summary": "S", "impact": 140}"#;
        let decoded = decode_index(&index_with(&format!(
            "{HEADLINE}, {broken}, {out_of_range}"
        )))
        .unwrap();
        assert_eq!(decoded.value.headlines.len(), 1);
        assert_eq!(
            decoded.skipped,
            [
                "headline \"b\": missing field `title`",
                "headline \"c\": field impact: 140 is outside 0 to 100"
            ]
        );
    }

    #[test]
    fn a_bad_entry_anywhere_in_an_articles_lists_is_named() {
        let article = |body: &str, tags: &str| {
            format!(
                r#"{{"schema": 2, "slug": "a", "title": "A", "standfirst": "S", "byline": "B",
                "section": "law", "date": "2026-11-20", "impact": 10, "reading_minutes": 3,
                "tags": [{tags}], "body": [{body}]}}"#
            )
        };
        let paragraph = r#"{"type": "paragraph", "text": [{"text": "ok"}]}"#;
        for (body, tags, path) in [
            (
                format!(r#"{paragraph}, {{"type": "paragraph", "text": 5}}, {paragraph}"#),
                "",
                "body[1]",
            ),
            (
                format!(r#"{paragraph}, {{"text": []}}, {paragraph}"#),
                "",
                "body[1]",
            ),
            (
                format!(r#"{paragraph}, {paragraph}, {{"type": "marquee"}}"#),
                "",
                "body[2].type",
            ),
            (paragraph.to_owned(), r#""a", {}"#, "tags[1]"),
            (paragraph.to_owned(), "[]", "tags[0]"),
        ] {
            match decode_article(&article(&body, tags)) {
                Err(DecodeError::Field { path: named, .. }) => {
                    assert_eq!(named, path, "{body} {tags}")
                }
                other => panic!("{body} {tags}: {other:?}"),
            }
        }
    }

    #[test]
    fn headlines_that_are_not_a_list_are_named() {
        let text = index_with(HEADLINE).replace(&format!("[{HEADLINE}]"), "{}");
        let error = decode_index(&text).unwrap_err();
        assert_eq!(
            error.to_string(),
            "field headlines: invalid type: map, expected a sequence"
        );
        let text = index_with(HEADLINE).replace(&format!(", \"headlines\": [{HEADLINE}]"), "");
        assert_eq!(
            decode_index(&text).unwrap_err().to_string(),
            "missing field `headlines`"
        );
    }

    #[test]
    fn an_html_page_is_recognised() {
        let error = decode_index("\n<!doctype html><title>Not found</title>").unwrap_err();
        assert_eq!(error, DecodeError::Html);
        assert!(error.to_string().contains("web page"));
    }

    #[test]
    fn a_truncated_file_says_so() {
        let full = index_with(HEADLINE);
        assert_eq!(
            decode_index(&full[..full.len() / 2]).unwrap_err(),
            DecodeError::Truncated
        );
    }

    #[test]
    fn garbage_is_a_syntax_error() {
        assert!(matches!(
            decode_index("schema: 2").unwrap_err(),
            DecodeError::Syntax(_)
        ));
    }

    #[test]
    fn another_schema_version_is_refused_by_number() {
        let error = decode_index(r#"{"schema": 3, "headlines": []}"#).unwrap_err();
        assert_eq!(error, DecodeError::Schema(Some(3)));
        assert!(error.to_string().contains("format version 3"));
        // Schema 1 numbered its chunks from the newest: read as schema 2, the archive would come
        // out of order.
        let error = decode_chunk(r#"{"schema": 1, "headlines": []}"#).unwrap_err();
        assert_eq!(error, DecodeError::Schema(Some(1)));
        assert_eq!(decode_index("{}").unwrap_err(), DecodeError::Schema(None));
    }

    #[test]
    fn a_bad_article_field_is_named_by_its_path() {
        let article = r#"{"schema": 2, "slug": "a", "title": "A", "standfirst": "S", "byline": "B",
            "section": "law", "date": "2026-11-20", "impact": 10, "reading_minutes": 3,
            "body": [{"type": "paragraph", "text": [{"text": "ok"}]}, {"type": "marquee", "text": []}]}"#;
        let error = decode_article(article).unwrap_err();
        let DecodeError::Field { path, message } = &error else {
            panic!("{error:?}")
        };
        assert_eq!(path, "body[1].type");
        assert!(message.contains("unknown variant `marquee`"), "{message}");
        assert!(error
            .to_string()
            .starts_with("field body[1].type: unknown variant"));
    }
}
