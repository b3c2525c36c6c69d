//! An inverted index over headline words: a sorted vocabulary, so a prefix is a binary search and a
//! contiguous run, each word listing the headlines that contain it. Built as chunks arrive. The
//! vocabulary holds every word, its parts and joined form, and every pair of characters of the
//! unspaced scripts (see `normalise`), so it grows with the text, never with its square.

use std::collections::HashMap;

use super::normalise::index_keys;
use super::typo::{close_prefix, forgiving};

/// One headline that matched: how many query words its title matched and how many it matched as
/// whole words (more rank first; at most 32 count), and whether it needed a close match for some
/// word (those rank last). Eight bytes: an empty query lists every headline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub position: u32,
    pub title_terms: u8,
    pub exact_terms: u8,
    pub close: bool,
}

#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Word, then postings: headline position shifted left once, low bit set when in the title.
    words: Vec<(Box<str>, Vec<u32>)>,
    len: u32,
    scratch: Scratch,
}

/// Space reused across queries, a slot per headline: terms matched so far, title-term and
/// whole-word bits, and whether a close match was needed.
#[derive(Debug, Default)]
struct Scratch {
    matched: Vec<u8>,
    title_bits: Vec<u32>,
    exact_bits: Vec<u32>,
    close: Vec<bool>,
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
            index_keys(title, |key| {
                seen.insert(key.to_owned(), true);
            });
            index_keys(summary, |key| {
                seen.entry(key.to_owned()).or_insert(false);
            });
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

    /// Headlines whose title or summary has a word starting with every term (or, for a term of five
    /// letters or more, a word one slip away from it), in position order. No terms means every
    /// headline.
    pub fn search(&mut self, terms: &[String]) -> Vec<Hit> {
        let len = self.len as usize;
        if terms.is_empty() {
            return (0..self.len)
                .map(|position| Hit {
                    position,
                    title_terms: 0,
                    exact_terms: 0,
                    close: false,
                })
                .collect();
        }
        let scratch = &mut self.scratch;
        for bits in [&mut scratch.title_bits, &mut scratch.exact_bits] {
            bits.clear();
            bits.resize(len, 0);
        }
        scratch.matched.clear();
        scratch.matched.resize(len, 0);
        scratch.close.clear();
        scratch.close.resize(len, false);
        // Only the first 32 terms can count towards ranking; all of them must match.
        for (i, term) in terms.iter().enumerate() {
            let i = i.min(u8::MAX as usize - 1) as u8;
            let start = self
                .words
                .partition_point(|(word, _)| word.as_ref() < term.as_str());
            let prefixed = self
                .words
                .get(start..)
                .unwrap_or_default()
                .iter()
                .take_while(|(word, _)| word.starts_with(term.as_str()));
            for (word, postings) in prefixed {
                let exact = word.len() == term.len();
                for &posting in postings {
                    scratch.mark(posting, i, exact, false);
                }
            }
            if !forgiving(term) {
                continue;
            }
            // Close matches: one pass over the vocabulary, whose words mostly differ from the
            // term in their first letters and are left at once.
            for (word, postings) in &self.words {
                if close_prefix(term, word).is_some() {
                    for &posting in postings {
                        scratch.mark(posting, i, false, true);
                    }
                }
            }
        }
        let wanted = terms.len().min(u8::MAX as usize - 1) as u8;
        let mut hits = Vec::new();
        for (position, &matched) in scratch.matched.iter().enumerate() {
            if matched != wanted {
                continue;
            }
            let bits = |scratch: &[u32]| {
                scratch
                    .get(position)
                    .map_or(0, |bits| bits.count_ones() as u8)
            };
            hits.push(Hit {
                position: position as u32,
                title_terms: bits(&scratch.title_bits),
                exact_terms: bits(&scratch.exact_bits),
                close: scratch.close.get(position).copied().unwrap_or(false),
            });
        }
        hits
    }
}

impl Scratch {
    /// Records that the headline of `posting` matched term `i`, if it matched every term before it.
    fn mark(&mut self, posting: u32, i: u8, exact: bool, close: bool) {
        let position = (posting >> 1) as usize;
        let Some(matched) = self.matched.get_mut(position) else {
            return;
        };
        if *matched == i {
            *matched = i + 1;
            if let Some(flag) = self.close.get_mut(position) {
                *flag |= close;
            }
        } else if *matched != i + 1 || close {
            return;
        }
        let bit = 1u32.checked_shl(u32::from(i)).unwrap_or(0);
        if posting & 1 == 1 {
            if let Some(bits) = self.title_bits.get_mut(position) {
                *bits |= bit;
            }
        }
        if exact {
            if let Some(bits) = self.exact_bits.get_mut(position) {
                *bits |= bit;
            }
        }
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

    fn found(index: &mut SearchIndex, query: &str) -> Vec<(u32, u8)> {
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

    fn index_of(titles: &[&str]) -> SearchIndex {
        let mut index = SearchIndex::default();
        index.extend(titles.iter().map(|title| (*title, "")));
        index
    }

    fn positions(index: &mut SearchIndex, query: &str) -> Vec<u32> {
        index
            .search(&query_terms(query))
            .into_iter()
            .map(|hit| hit.position)
            .collect()
    }

    #[test]
    fn readers_find_words_in_any_script_without_accents() {
        let mut index = index_of(&[
            "Η Ελλάδα επενδύει στην τεχνητή νοημοσύνη",
            "中国经济增长放缓，出口下降",
            "東京都知事が新たな防災計画を発表",
            "인공지능 규제 법안 통과",
            "Tiếng Việt trên mạng",
        ]);
        assert_eq!(positions(&mut index, "ελλαδα νοημοσυνη"), [0]);
        assert_eq!(positions(&mut index, "经济"), [1]);
        assert_eq!(positions(&mut index, "济增长放"), [1]);
        assert_eq!(positions(&mut index, "防災"), [2]);
        assert_eq!(positions(&mut index, "지능"), [3]);
        assert_eq!(positions(&mut index, "tieng viet"), [4]);
        assert_eq!(positions(&mut index, "经防"), Vec::<u32>::new());
    }

    #[test]
    fn joined_split_and_hyphenated_forms_find_each_other() {
        let mut index = index_of(&[
            "Real-time e-commerce",
            "Europe's rules: don't wait",
            "GPT-5 and Llama3",
        ]);
        for query in [
            "real-time",
            "real time",
            "realtime",
            "ecommerce",
            "e-commerce",
        ] {
            assert_eq!(positions(&mut index, query), [0], "{query}");
        }
        for query in ["europes", "europe's", "europe", "dont", "don't"] {
            assert_eq!(positions(&mut index, query), [1], "{query}");
        }
        for query in ["gpt5", "gpt-5", "gpt 5", "llama3", "llama-3", "llama 3"] {
            assert_eq!(positions(&mut index, query), [2], "{query}");
        }
    }

    #[test]
    fn one_slip_finds_a_story_ranked_as_close_and_two_do_not() {
        let mut index = index_of(&["Regulation of courts", "Regulatoin typo in print"]);
        let hits = index.search(&query_terms("regulatoin"));
        assert_eq!(
            hits.iter()
                .map(|hit| (hit.position, hit.close))
                .collect::<Vec<_>>(),
            [(0, true), (1, false)]
        );
        assert_eq!(positions(&mut index, "regulaton courts"), [0]);
        assert_eq!(positions(&mut index, "regukatoim"), Vec::<u32>::new());
        assert_eq!(positions(&mut index, "cuorts"), [0]);
        assert_eq!(
            positions(&mut index, "cuor"),
            Vec::<u32>::new(),
            "four letters and a slip"
        );
    }

    #[test]
    fn a_whole_word_counts_as_exact() {
        let mut index = index_of(&["Courts rule", "Court rules"]);
        let exact: Vec<_> = index
            .search(&query_terms("court"))
            .into_iter()
            .map(|hit| (hit.position, hit.exact_terms))
            .collect();
        assert_eq!(exact, [(0, 0), (1, 1)]);
    }

    #[test]
    fn a_word_in_both_title_and_summary_counts_once() {
        let mut index = SearchIndex::default();
        index.extend([("Data data", "more data")]);
        assert_eq!(found(&mut index, "data"), [(0, 1)]);
    }
}
