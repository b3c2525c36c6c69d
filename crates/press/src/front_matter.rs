//! An article's front matter: `key: value` lines between two `---` lines at the top of the file
//! (the plain subset of YAML editors already write; quotes around a value are optional).

/// One `key: value` line.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub key: String,
    pub value: String,
    pub line: usize,
}

#[derive(Debug, Default, PartialEq)]
pub struct FrontMatter {
    pub fields: Vec<Field>,
    /// The Markdown after the closing `---`.
    pub body: String,
    /// The line the body starts on, so its problems name the right line of the file.
    pub body_line: usize,
}

impl FrontMatter {
    /// The field's value and line, taken out so that what remains at the end is unknown.
    pub fn take(&mut self, key: &str) -> Option<Field> {
        let at = self.fields.iter().position(|field| field.key == key)?;
        Some(self.fields.remove(at))
    }
}

/// Splits a file into front matter and body, with a `(line, message)` for every malformed line.
pub fn split(text: &str) -> (FrontMatter, Vec<(usize, String)>) {
    // Some editors start a UTF-8 file with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut problems = Vec::new();
    let mut lines = text.lines().enumerate().map(|(at, line)| (at + 1, line));
    if lines.next().map(|(_, line)| line.trim_end()) != Some("---") {
        problems.push((
            1,
            "the file must start with front matter: a line `---`, `key: value` lines, then `---`"
                .to_owned(),
        ));
        return (FrontMatter::default(), problems);
    }
    let mut front = FrontMatter::default();
    let mut closed = None;
    for (number, line) in lines.by_ref() {
        if line.trim_end() == "---" {
            closed = Some(number);
            break;
        }
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            problems.push((
                number,
                format!("expected `key: value`, found `{}`", line.trim()),
            ));
            continue;
        };
        let key = key.trim();
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            problems.push((
                number,
                format!("`{key}` is not a field name (lowercase letters and _)"),
            ));
            continue;
        }
        if let Some(first) = front.fields.iter().find(|field| field.key == key) {
            problems.push((
                number,
                format!("`{key}` is given twice (first on line {})", first.line),
            ));
            continue;
        }
        front.fields.push(Field {
            key: key.to_owned(),
            value: unquote(value.trim()).to_owned(),
            line: number,
        });
    }
    let Some(closing) = closed else {
        problems.push((1, "the front matter has no closing `---` line".to_owned()));
        return (front, problems);
    };
    front.body_line = closing + 1;
    front.body = text.lines().skip(closing).collect::<Vec<_>>().join("\n");
    (front, problems)
}

fn unquote(value: &str) -> &str {
    ['"', '\'']
        .iter()
        .find_map(|quote| value.strip_prefix(*quote)?.strip_suffix(*quote))
        .unwrap_or(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_body_keep_their_lines() {
        let (mut front, problems) = split("---\ntitle: \"A: B\"\nimpact: 40\n---\n\nBody text.\n");
        assert!(problems.is_empty());
        assert_eq!(front.take("title").unwrap().value, "A: B");
        assert_eq!(front.take("impact").unwrap().line, 3);
        assert_eq!(front.body_line, 5);
        assert_eq!(front.body.trim(), "Body text.");
    }

    #[test]
    fn windows_line_endings_and_a_byte_order_mark_are_fine() {
        let (mut front, problems) = split("\u{feff}---\r\ntitle: A\r\n---\r\n\r\nBody.\r\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(front.take("title").unwrap().value, "A");
        assert_eq!(front.body.trim(), "Body.");
    }

    #[test]
    fn malformed_lines_are_reported_where_they_are() {
        let (_, problems) = split("---\ntitle: A\ntitle: B\nno colon here\nBad Key: x\n---\n");
        let lines: Vec<usize> = problems.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [3, 4, 5]);
        assert_eq!(split("title: A\n").1[0].0, 1);
        assert!(split("---\ntitle: A\n").1[0].1.contains("closing"));
    }

    mod generated {
        //! Property tests over generated front matter (`.ci/fuzz` runs them for minutes).
        use super::*;
        use proptest::prelude::*;

        /// A front matter as editors write it: distinct fields, values quoted or not, blank lines
        /// and comments between them.
        fn written() -> impl Strategy<Value = Vec<(String, String, u8)>> {
            prop::collection::btree_map("[a-z_]{1,12}", ("[^\n\r\"']{0,30}", 0u8..5), 0..8)
                .prop_map(|fields| {
                    fields
                        .into_iter()
                        .map(|(key, (value, style))| (key, value.trim().to_owned(), style))
                        .collect()
                })
        }

        proptest! {
            #[test]
            fn front_matter_as_written_is_split_into_its_fields_and_body(
                fields in written(),
                body in "[a-z \n#:-]{0,60}",
            ) {
                let mut file = String::from("---\n");
                let mut expected = Vec::new();
                for (key, value, style) in &fields {
                    match style {
                        0 => file.push_str(&format!("{key}: \"{value}\"\n")),
                        1 => file.push_str(&format!("{key}:'{value}'   \n")),
                        2 => file.push_str(&format!("\n# a comment\n{key}: {value}\n")),
                        _ => file.push_str(&format!("{key}: {value}\n")),
                    }
                    let line = file.lines().count();
                    expected.push(Field { key: key.clone(), value: value.clone(), line });
                }
                file.push_str("---\n");
                let body_line = file.lines().count() + 1;
                file.push_str(&body);
                let (front, problems) = split(&file);
                prop_assert!(problems.is_empty(), "{:?}", problems);
                prop_assert_eq!(front.fields, expected);
                prop_assert_eq!(front.body_line, body_line);
                prop_assert_eq!(front.body, body.lines().collect::<Vec<_>>().join("\n"));
            }

            #[test]
            fn front_matter_of_any_shape_is_split_or_reported(
                text in "[a-z \n#:-]{0,60}",
                fields in "[a-z_: \n#\"'-]{0,60}",
            ) {
                let file = format!("---\n{fields}\n---\n{text}");
                let lines = file.lines().count().max(1);
                let (front, problems) = split(&file);
                for (line, _) in &problems {
                    prop_assert!((1..=lines).contains(line));
                }
                // Split with nothing reported: every line that is not blank or a comment is a
                // field, and the body is what follows the closing line.
                if problems.is_empty() {
                    let closing = file.lines().skip(1).position(|line| line.trim_end() == "---").unwrap() + 2;
                    let meant = file
                        .lines()
                        .take(closing - 1)
                        .skip(1)
                        .filter(|line| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
                        .count();
                    prop_assert_eq!(front.fields.len(), meant);
                    prop_assert_eq!(front.body_line, closing + 1);
                    let after: Vec<&str> = file.lines().skip(closing).collect();
                    prop_assert_eq!(front.body, after.join("\n"));
                }
            }
        }
    }
}
