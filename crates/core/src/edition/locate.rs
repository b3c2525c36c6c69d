//! Naming the field a decoding error is about, as in `body[1].type`, from where serde_json stopped.
//!
//! Tracking the path while decoding (serde_path_to_error) wraps every visitor of every type and was
//! the largest part of the decoding code in the reader's wasm. A failed decode is rare, so the path
//! is found afterwards instead: by walking the JSON up to the error's line and column.

/// Where the value `error` is about sits in `text` (well-formed JSON), or `.` for the top.
pub(super) fn path(text: &str, error: &serde_json::Error) -> String {
    let Some(end) = offset(text, error.line(), error.column()) else {
        return ".".to_owned();
    };
    // serde_json reports an error after reading a little past the value: the closing `}` of an
    // object whose field failed (for a missing field, that object is what is meant) or the `]` of a
    // list whose entry failed.
    let missing = error.to_string().starts_with("missing field");
    // serde_json's positions fall between tokens; one that does not is not trusted.
    let Some(mut read) = text.get(..end).map(str::trim_end) else {
        return ".".to_owned();
    };
    if !missing {
        if let Some(before) = read.strip_suffix(['}', ']']) {
            // An object or list closed as soon as it opened is the value in error itself, as `[]`
            // where a headline should be.
            read = before.trim_end();
            read = read.strip_suffix(['[', '{']).unwrap_or(read);
        }
    }
    let mut frames = Vec::new();
    walk(read, &mut frames);
    // Stopped just after a comma in a list, serde_json may be reporting on the entry before it or
    // the entry after it: the list is named, which is right either way (and the article's lists
    // are then searched entry by entry; see `decode::bad_entry`).
    if read.trim_end().ends_with(',') && matches!(frames.last(), Some(Frame::Array(_))) {
        frames.pop();
    }
    spell(&frames)
}

/// The byte offset of serde_json's 1-based line and its column (bytes into that line).
fn offset(text: &str, line: usize, column: usize) -> Option<usize> {
    let start = match line {
        0 => return None,
        1 => 0,
        _ => text
            .match_indices('\n')
            .nth(line - 2)
            .map(|(at, _)| at + 1)?,
    };
    Some((start + column).min(text.len()))
}

/// An object or array open at the point reached, with the key or index of the value being read.
enum Frame {
    Object {
        key: Option<String>,
        awaiting_key: bool,
    },
    Array(usize),
}

/// Follows the nesting of `text`, which may stop anywhere, leaving in `frames` what is still open.
fn walk(text: &str, frames: &mut Vec<Frame>) {
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '{' => frames.push(Frame::Object {
                key: None,
                awaiting_key: true,
            }),
            '[' => frames.push(Frame::Array(0)),
            '}' | ']' => {
                frames.pop();
            }
            ',' => match frames.last_mut() {
                Some(Frame::Array(index)) => *index += 1,
                Some(Frame::Object { awaiting_key, .. }) => *awaiting_key = true,
                None => {}
            },
            '"' => {
                let mut escaped = false;
                let close = chars.find(|&(_, c)| {
                    let closes = c == '"' && !escaped;
                    escaped = c == '\\' && !escaped;
                    closes
                });
                if let (Some(Frame::Object { key, awaiting_key }), Some((close, _))) =
                    (frames.last_mut(), close)
                {
                    if *awaiting_key {
                        let quoted = text.get(at..=close).unwrap_or_default();
                        *key = serde_json::from_str(quoted).ok();
                        *awaiting_key = false;
                    }
                }
            }
            _ => {}
        }
    }
}

/// The path in serde_path_to_error's spelling, which the messages have always used.
fn spell(frames: &[Frame]) -> String {
    let mut path = String::new();
    for frame in frames {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array(index) => path.push_str(&format!("[{index}]")),
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Deserializer};

    /// A score that refuses more than 100 after reading a valid number, as `Impact` does.
    struct Score;

    impl<'de> Deserialize<'de> for Score {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            match u64::deserialize(deserializer)? {
                0..=100 => Ok(Score),
                _ => Err(serde::de::Error::custom("out of range")),
            }
        }
    }

    #[derive(Deserialize)]
    #[serde(tag = "type", rename_all = "snake_case")]
    #[allow(dead_code)]
    enum Block {
        Paragraph { text: Vec<Inline> },
        Rule,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Inline {
        text: String,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Story {
        slug: String,
        score: Score,
        #[serde(default)]
        body: Vec<Block>,
        #[serde(default)]
        related: Vec<Story>,
    }

    fn path_of(text: &str) -> String {
        match serde_json::from_str::<Story>(text) {
            Ok(_) => panic!("{text} decoded"),
            Err(error) => super::path(text, &error),
        }
    }

    #[test]
    fn a_wrong_value_is_named_by_its_field() {
        assert_eq!(path_of(r#"{"slug": 5, "score": 1}"#), "slug");
        assert_eq!(path_of(r#"{"slug": "a", "score": "1"}"#), "score");
        assert_eq!(path_of(r#"{"slug": "a", "score": 140}"#), "score");
        assert_eq!(path_of(r#"{"slug": "a", "score": 140 }"#), "score");
        assert_eq!(
            path_of(r#"{"slug": "a", "score": 140, "body": []}"#),
            "score"
        );
        assert_eq!(path_of(r#"{"slug": "a", "score": 1, "body": {}}"#), "body");
        assert_eq!(
            path_of(r#"{"slug": "a", "score": 1, "related": [[]]}"#),
            "related[0]"
        );
        assert_eq!(
            path_of(r#"{"slug": "a", "score": 1, "related": [{}]}"#),
            "related[0]"
        );
        assert_eq!(path_of("{\"slug\": \"a\",\n \"score\":\n 140\n}"), "score");
        assert_eq!(
            path_of("{\"slug\": \"é\",\r\n \"score\": \"1\"\r\n}"),
            "score"
        );
    }

    #[test]
    fn a_missing_field_is_named_by_its_object() {
        assert_eq!(path_of(r#"{"score": 1}"#), ".");
        let related =
            r#"{"slug": "a", "score": 1, "related": [{"slug": "b", "score": 2}, {"score": 3}]}"#;
        assert_eq!(path_of(related), "related[1]");
    }

    #[test]
    fn entries_of_lists_are_named_by_their_place() {
        let text = r#"{"slug": "a", "score": 1, "body": [{"type": "rule"}, {"type": "marquee"}]}"#;
        assert_eq!(path_of(text), "body[1].type");
        let text = r#"{"slug": "a", "score": 1, "body": [{"type": "rule"}, 5]}"#;
        assert_eq!(path_of(text), "body[1]");
        let text = r#"{"slug": "a", "score": 1, "related": [{"slug": "b", "score": 2}, []]}"#;
        assert_eq!(path_of(text), "related");
        let text = r#"{"slug": "a", "score": 1, "related": [{"slug": "b", "score": 200}]}"#;
        assert_eq!(path_of(text), "related[0].score");
    }

    #[test]
    fn a_fault_inside_a_tagged_block_names_the_block() {
        // serde reads such a block whole before looking inside, so serde_json stops after it (and
        // past the comma that follows, when there is one).
        for (text, block) in [
            (
                r#"{"slug": "a", "score": 1, "body": [{"type": "paragraph", "text": 5}]}"#,
                "body[0]",
            ),
            (
                r#"{"slug": "a", "score": 1, "body": [{"type": "paragraph", "text": 5}, {"type": "rule"}]}"#,
                "body",
            ),
            (
                r#"{"slug": "a", "score": 1, "body": [{"type": "rule"}, {"text": []}]}"#,
                "body[1]",
            ),
        ] {
            assert_eq!(path_of(text), block, "{text}");
        }
    }

    #[test]
    fn keys_with_escapes_and_brackets_in_strings_do_not_confuse_it() {
        let text = r#"{"slug": "a]}\"{", "score": 1, "related": [{"slug": "[,", "score": 101}]}"#;
        assert_eq!(path_of(text), "related[0].score");
    }
}
