//! Turning bundle text into the model, with errors that say what is wrong and where.
//!
//! Headlines are decoded one by one so that a single broken entry costs that entry, not the page.

use serde::de::DeserializeOwned;
use serde_json::Value;
use std::fmt;

use super::{Article, Chunk, Headline, Index, SCHEMA};

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
    let mut value = parse_versioned(text)?;
    let (headlines, skipped) = take_headlines(&mut value);
    let mut index: Index = typed(value)?;
    index.headlines = headlines;
    Ok(Decoded {
        value: index,
        skipped,
    })
}

pub fn decode_chunk(text: &str) -> Result<Decoded<Chunk>, DecodeError> {
    let mut value = parse_versioned(text)?;
    let (headlines, skipped) = take_headlines(&mut value);
    let mut chunk: Chunk = typed(value)?;
    chunk.headlines = headlines;
    Ok(Decoded {
        value: chunk,
        skipped,
    })
}

pub fn decode_article(text: &str) -> Result<Article, DecodeError> {
    typed(parse_versioned(text)?)
}

fn parse_versioned(text: &str) -> Result<Value, DecodeError> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('<') {
        return Err(DecodeError::Html);
    }
    let value: Value = serde_json::from_str(trimmed).map_err(|error| {
        if error.is_eof() {
            DecodeError::Truncated
        } else {
            DecodeError::Syntax(error.to_string())
        }
    })?;
    match value.get("schema").and_then(Value::as_u64) {
        Some(SCHEMA) => Ok(value),
        found => Err(DecodeError::Schema(found)),
    }
}

/// Moves the `headlines` array out of `value`, keeping the entries that decode.
fn take_headlines(value: &mut Value) -> (Vec<Headline>, Vec<String>) {
    let entries = match value.get_mut("headlines").map(Value::take) {
        Some(Value::Array(entries)) => entries,
        _ => Vec::new(),
    };
    if let Some(slot) = value.get_mut("headlines") {
        *slot = Value::Array(Vec::new());
    }
    let mut skipped = Vec::new();
    let headlines = entries
        .into_iter()
        .enumerate()
        .filter_map(|(position, entry)| {
            let slug = entry.get("slug").and_then(Value::as_str).map(str::to_owned);
            typed::<Headline>(entry)
                .map_err(|error| {
                    let name = slug.map_or_else(
                        || format!("#{}", position + 1),
                        |slug| format!("\"{slug}\""),
                    );
                    skipped.push(format!("headline {name}: {error}"));
                })
                .ok()
        })
        .collect();
    (headlines, skipped)
}

fn typed<T: DeserializeOwned>(value: Value) -> Result<T, DecodeError> {
    serde_path_to_error::deserialize(value).map_err(|error| DecodeError::Field {
        path: error.path().to_string(),
        message: error.into_inner().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADLINE: &str = r#"{"slug": "a", "title": "A", "section": "research", "date": "2026-11-20", "summary": "S", "impact": 75}"#;

    fn index_with(headlines: &str) -> String {
        format!(
            r#"{{"schema": 1, "title": "Gazette", "tagline": "T", "published": "2026-11-25",
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
            decode_index("schema: 1").unwrap_err(),
            DecodeError::Syntax(_)
        ));
    }

    #[test]
    fn another_schema_version_is_refused_by_number() {
        let error = decode_index(r#"{"schema": 2, "headlines": []}"#).unwrap_err();
        assert_eq!(error, DecodeError::Schema(Some(2)));
        assert!(error.to_string().contains("format version 2"));
        assert_eq!(decode_index("{}").unwrap_err(), DecodeError::Schema(None));
    }

    #[test]
    fn a_bad_article_field_is_named_by_its_path() {
        let article = r#"{"schema": 1, "slug": "a", "title": "A", "standfirst": "S", "byline": "B",
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
