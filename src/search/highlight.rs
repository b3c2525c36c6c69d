use super::normalise::words_with_ranges;

/// A run of text, marked if it is (the start of) a word the query matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub text: String,
    pub matched: bool,
}

/// `text` cut into segments so that the part of each word matching a query term is marked.
pub fn highlight(text: &str, terms: &[String]) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut done = 0;
    for (start, end, folded) in words_with_ranges(text) {
        let Some(term) = terms
            .iter()
            .filter(|term| folded.starts_with(term.as_str()))
            .max_by_key(|term| term.len())
        else {
            continue;
        };
        let marked_end = original_end(text, start, end, term.len());
        if start > done {
            segments.push(Segment {
                text: text[done..start].to_owned(),
                matched: false,
            });
        }
        segments.push(Segment {
            text: text[start..marked_end].to_owned(),
            matched: true,
        });
        done = marked_end;
    }
    if done < text.len() {
        segments.push(Segment {
            text: text[done..].to_owned(),
            matched: false,
        });
    }
    segments
}

/// Where, in the original word `text[start..end]`, its folded form reaches `folded_len` bytes.
fn original_end(text: &str, start: usize, end: usize, folded_len: usize) -> usize {
    let mut folded = String::new();
    for (offset, c) in text[start..end].char_indices() {
        if folded.len() >= folded_len {
            return start + offset;
        }
        folded.push_str(&super::normalise(&c.to_string()));
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str, query: &str) -> String {
        highlight(text, &super::super::query_terms(query))
            .into_iter()
            .map(|segment| {
                if segment.matched {
                    format!("[{}]", segment.text)
                } else {
                    segment.text
                }
            })
            .collect()
    }

    #[test]
    fn matched_prefixes_are_marked_in_the_original_text() {
        assert_eq!(
            marked("Regulators test age rules", "reg rul"),
            "[Reg]ulators test age [rul]es"
        );
        assert_eq!(marked("Café société", "cafe soci"), "[Café] [soci]été");
        assert_eq!(marked("naive Naïve", "naï"), "[nai]ve [Naï]ve");
        assert_eq!(marked("no match here", "xyz"), "no match here");
        assert_eq!(marked("", "x"), "");
    }
}
