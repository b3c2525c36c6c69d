//! An inverted index over headline words: a sorted vocabulary, so a prefix is a binary search and a
//! contiguous run, each word listing the headlines that contain it. Built as chunks arrive.

use std::collections::HashMap;

use super::normalise::normalise;

/// One headline that matched, with how many query words its title matched (more rank first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub position: u32,
    pub title_terms: u32,
}

#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Word, then postings: headline position shifted left once, low bit set when in the title.
    words: Vec<(Box<str>, Vec<u32>)>,
    len: u32,
    /// Scratch space reused across queries: terms matched so far, title-term bits.
    matched: Vec<u8>,
    title_bits: Vec<u32>,
}

impl SearchIndex {
    /// How many headlines are indexed.
    pub fn len(&self) -> u32 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds headlines (title, summary), which take the next positions in order.
    pub fn extend<'a>(&mut self, headlines: impl IntoIterator<Item = (&'a str, &'a str)>) {
        let mut added: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        for (title, summary) in headlines {
            let position = self.len;
            self.len += 1;
            let mut seen: HashMap<String, bool> = HashMap::new();
            for word in normalise(title).split_whitespace() {
                seen.insert(word.to_owned(), true);
            }
            for word in normalise(summary).split_whitespace() {
                seen.entry(word.to_owned()).or_insert(false);
            }
            for (word, in_title) in seen {
                added
                    .entry(word.into_boxed_str())
                    .or_default()
                    .push(position << 1 | u32::from(in_title));
            }
        }
        let mut added: Vec<_> = added.into_iter().collect();
        added.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        self.merge(added);
    }

    /// Merges sorted new words into the sorted vocabulary in one linear pass.
    fn merge(&mut self, added: Vec<(Box<str>, Vec<u32>)>) {
        let old = std::mem::take(&mut self.words);
        let mut merged = Vec::with_capacity(old.len() + added.len());
        let (mut old, mut added) = (old.into_iter().peekable(), added.into_iter().peekable());
        loop {
            let take_old = match (old.peek(), added.peek()) {
                (Some(a), Some(b)) if a.0 == b.0 => {
                    if let (Some(mut a), Some(b)) = (old.next(), added.next()) {
                        a.1.extend(b.1);
                        merged.push(a);
                    }
                    continue;
                }
                (Some(a), Some(b)) => a.0 < b.0,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            merged.extend(if take_old { old.next() } else { added.next() });
        }
        self.words = merged;
    }

    /// Headlines whose title or summary has a word starting with every term, in position order.
    /// No terms means every headline.
    pub fn search(&mut self, terms: &[String]) -> Vec<Hit> {
        let len = self.len as usize;
        if terms.is_empty() {
            return (0..self.len)
                .map(|position| Hit {
                    position,
                    title_terms: 0,
                })
                .collect();
        }
        self.matched.clear();
        self.matched.resize(len, 0);
        self.title_bits.clear();
        self.title_bits.resize(len, 0);
        // Only the first 32 terms can count towards ranking; all of them must match.
        for (i, term) in terms.iter().enumerate() {
            let i = i.min(u8::MAX as usize - 1) as u8;
            let start = self
                .words
                .partition_point(|(word, _)| word.as_ref() < term.as_str());
            for (word, postings) in self.words.get(start..).unwrap_or_default() {
                if !word.starts_with(term.as_str()) {
                    break;
                }
                for &posting in postings {
                    let position = (posting >> 1) as usize;
                    let Some(matched) = self.matched.get_mut(position) else {
                        continue;
                    };
                    if *matched == i {
                        *matched = i + 1;
                    }
                    if *matched == i + 1 && posting & 1 == 1 {
                        if let Some(bits) = self.title_bits.get_mut(position) {
                            *bits |= 1u32.checked_shl(u32::from(i)).unwrap_or(0);
                        }
                    }
                }
            }
        }
        let wanted = terms.len().min(u8::MAX as usize - 1) as u8;
        self.matched
            .iter()
            .zip(&self.title_bits)
            .enumerate()
            .filter(|(_, (matched, _))| **matched == wanted)
            .map(|(position, (_, bits))| Hit {
                position: position as u32,
                title_terms: bits.count_ones(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query_terms;

    fn index() -> SearchIndex {
        let mut index = SearchIndex::default();
        index.extend([
            (
                "Courts weigh training data",
                "A copyright claim against model makers.",
            ),
            (
                "Regulators test age rules",
                "Platforms must check ages; courts watch.",
            ),
        ]);
        index.extend([(
            "Café society meets AI",
            "Naïve models, régulateurs and data.",
        )]);
        index
    }

    fn found(index: &mut SearchIndex, query: &str) -> Vec<(u32, u32)> {
        index
            .search(&query_terms(query))
            .into_iter()
            .map(|hit| (hit.position, hit.title_terms))
            .collect()
    }

    #[test]
    fn every_word_must_match_as_a_prefix() {
        let mut index = index();
        assert_eq!(found(&mut index, "court"), [(0, 1), (1, 0)]);
        assert_eq!(found(&mut index, "courts age"), [(1, 1)]);
        assert_eq!(found(&mut index, "data cop"), [(0, 1)]);
        assert_eq!(found(&mut index, "zebra"), []);
    }

    #[test]
    fn matching_ignores_case_and_accents_both_ways() {
        let mut index = index();
        assert_eq!(found(&mut index, "CAFE"), [(2, 1)]);
        assert_eq!(found(&mut index, "naive"), [(2, 0)]);
        assert_eq!(found(&mut index, "régul"), [(1, 1), (2, 0)]);
    }

    #[test]
    fn an_empty_query_finds_everything_in_order() {
        let mut index = index();
        assert_eq!(found(&mut index, " "), [(0, 0), (1, 0), (2, 0)]);
        assert_eq!(index.len(), 3);
    }

    #[test]
    fn a_word_in_both_title_and_summary_counts_once() {
        let mut index = SearchIndex::default();
        index.extend([("Data data", "more data")]);
        assert_eq!(found(&mut index, "data"), [(0, 1)]);
    }
}
