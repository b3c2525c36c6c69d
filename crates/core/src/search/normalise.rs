//! Text as search compares it: folded (see `fold`), and cut into what the index keeps and a query
//! asks for. Words of letters and digits are split where a hyphen or apostrophe joins them and where
//! letters meet digits, and kept whole as well ("Real-time" is "real", "time" and "realtime"; "GPT-5"
//! and "GPT5" are "gpt", "5" and "gpt5"). Scripts written without spaces (Chinese, Japanese, Thai,
//! Lao, Khmer, Myanmar) and Korean, whose compounds run together, are runs of characters, which the
//! index keeps as overlapping pairs so that any part of a run finds it.

use std::ops::Range;

use super::fold::fold_char;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters, or digits, between spaces, punctuation, hyphens and apostrophes.
    Part,
    /// Two or more parts run together: "realtime" from "real-time", "gpt5" from "GPT-5".
    Joined,
    /// A run of characters of a script written without spaces, or of Korean syllables.
    Run,
}

/// A piece of text as search sees it: where it is in the original, and its folded form.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub range: Range<usize>,
    pub folded: String,
    pub kind: Kind,
}

/// How a character takes part in a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    /// Joins the parts of one word: hyphens and apostrophes.
    Joiner,
    /// A letter of a script written without spaces.
    Unspaced,
    /// Folds to nothing (a combining mark): belongs to the letter before it.
    Mark,
    Space,
}

fn class(c: char, folded: &str) -> Class {
    if c.is_ascii_alphabetic() {
        Class::Letter
    } else if c.is_ascii_digit() {
        Class::Digit
    } else if matches!(c, '-' | '\'' | '\u{2010}' | '\u{2011}' | '\u{2019}') {
        Class::Joiner
    } else if c.is_alphanumeric() {
        if folded.is_empty() {
            Class::Mark
        } else if is_unspaced(c) {
            Class::Unspaced
        } else if c.is_numeric() {
            Class::Digit
        } else {
            Class::Letter
        }
    } else if folded.is_empty() {
        Class::Mark
    } else {
        Class::Space
    }
}

/// Letters of the scripts written without spaces between words, and Korean.
pub fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{e00}'..='\u{eff}'          // Thai, Lao
        | '\u{1000}'..='\u{109f}'      // Myanmar
        | '\u{1100}'..='\u{11ff}'      // Hangul jamo
        | '\u{1780}'..='\u{17ff}'      // Khmer
        | '\u{2e80}'..='\u{2fdf}'      // CJK radicals
        | '\u{3005}'..='\u{3007}'
        | '\u{3021}'..='\u{3029}'
        | '\u{3031}'..='\u{3035}'
        | '\u{303b}'..='\u{303c}'
        | '\u{3040}'..='\u{30ff}'      // Hiragana, Katakana
        | '\u{3130}'..='\u{318f}'      // Hangul compatibility jamo
        | '\u{31f0}'..='\u{31ff}'
        | '\u{3400}'..='\u{4dbf}'      // CJK ideographs
        | '\u{4e00}'..='\u{9fff}'
        | '\u{a960}'..='\u{a97f}'
        | '\u{ac00}'..='\u{d7ff}'      // Hangul syllables
        | '\u{f900}'..='\u{faff}'
        | '\u{ff66}'..='\u{ff9f}'      // halfwidth Katakana
        | '\u{20000}'..='\u{3ffff}')
}

/// How finely to cut: the index keeps every part and their joined form; a query's words are
/// what was typed, cut only at hyphens and apostrophes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    Index,
    Query,
}

#[derive(Default)]
struct Tokenizer {
    tokens: Vec<Token>,
    part: Option<(usize, String, Class)>,
    /// The word being read: where it starts, its parts run together, how many parts, where the
    /// last part ends, and whether a joiner followed that part.
    word: Option<(usize, String, usize, usize, bool)>,
    run: Option<(usize, String)>,
    end: usize,
}

impl Tokenizer {
    fn end_part(&mut self) {
        if let Some((start, folded, _)) = self.part.take() {
            if folded.is_empty() {
                return;
            }
            let word = self
                .word
                .get_or_insert_with(|| (start, String::new(), 0, start, false));
            word.1.push_str(&folded);
            word.2 += 1;
            word.3 = self.end;
            word.4 = false;
            self.tokens.push(Token {
                range: start..self.end,
                folded,
                kind: Kind::Part,
            });
        }
    }

    fn end_word(&mut self, cut: Cut) {
        self.end_part();
        if let Some((start, folded, parts, end, _)) = self.word.take() {
            if parts > 1 && cut == Cut::Index {
                self.tokens.push(Token {
                    range: start..end,
                    folded,
                    kind: Kind::Joined,
                });
            }
        }
    }

    /// At a joiner: the word goes on if the joiner follows a part, and ends otherwise.
    fn join_or_end_word(&mut self, cut: Cut) {
        if self.part.is_some() {
            self.end_part();
            if let Some(word) = &mut self.word {
                word.4 = true;
            }
        } else {
            self.end_word(cut);
        }
    }

    fn end_run(&mut self) {
        if let Some((start, folded)) = self.run.take() {
            if !folded.is_empty() {
                self.tokens.push(Token {
                    range: start..self.end,
                    folded,
                    kind: Kind::Run,
                });
            }
        }
    }
}

/// The tokens of `text`, in order of where they end.
pub fn tokens(text: &str, cut: Cut) -> Vec<Token> {
    let mut t = Tokenizer::default();
    let mut folded = String::new();
    for (at, c) in text.char_indices() {
        folded.clear();
        fold_char(c, &mut folded);
        let class = class(c, &folded);
        match class {
            Class::Letter | Class::Digit => {
                t.end_run();
                if let Some((_, _, kind)) = &t.part {
                    if *kind != class && cut == Cut::Index {
                        t.end_part();
                    }
                }
                if t.part.is_none() && t.word.as_ref().is_some_and(|word| word.3 < at && !word.4) {
                    t.end_word(cut);
                }
                let part = t.part.get_or_insert_with(|| (at, String::new(), class));
                part.1.push_str(&folded);
            }
            Class::Mark => {}
            Class::Joiner => {
                t.end_run();
                t.join_or_end_word(cut);
            }
            Class::Unspaced => {
                t.end_word(cut);
                let run = t.run.get_or_insert_with(|| (at, String::new()));
                run.1.push_str(&folded);
            }
            Class::Space => {
                t.end_word(cut);
                t.end_run();
            }
        }
        t.end = at + c.len_utf8();
    }
    t.end_word(cut);
    t.end_run();
    t.tokens
}

/// `text` folded for comparison, characters that are not letters or digits becoming spaces.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut folded = String::new();
    for c in text.chars() {
        folded.clear();
        fold_char(c, &mut folded);
        match class(c, &folded) {
            Class::Letter | Class::Digit | Class::Unspaced => out.push_str(&folded),
            Class::Mark => {}
            Class::Joiner | Class::Space => out.push(' '),
        }
    }
    out
}

/// Characters of an unspaced run a query asks for at a time; the index keeps each pair.
pub const GRAM: usize = 2;

/// The distinct words of a query, folded, in the order typed; a run of an unspaced script longer
/// than a pair is asked for as its overlapping pairs, all of which must be there.
pub fn query_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    let mut add = |term: String| {
        if !terms.contains(&term) {
            terms.push(term);
        }
    };
    for token in tokens(query, Cut::Query) {
        if token.kind == Kind::Run {
            grams(&token.folded).for_each(|gram| add(gram.to_owned()));
        } else {
            add(token.folded);
        }
    }
    terms
}

/// The overlapping pairs of a run (the run itself if it is no longer than a pair).
pub fn grams(run: &str) -> impl Iterator<Item = &str> {
    let starts: Vec<usize> = run.char_indices().map(|(at, _)| at).collect();
    let count = starts.len().saturating_sub(GRAM - 1).max(1);
    (0..count).filter_map(move |i| {
        let start = *starts.get(i)?;
        let end = starts.get(i + GRAM).copied().unwrap_or(run.len());
        run.get(start..end)
    })
}

/// The keys the index keeps for `text`: each part and joined word, and for a run every pair and its
/// last character, so that a prefix search finds any part of it.
pub fn index_keys(text: &str, mut key: impl FnMut(&str)) {
    for token in tokens(text, Cut::Index) {
        if token.kind == Kind::Run {
            let folded = token.folded.as_str();
            for (at, _) in folded.char_indices() {
                let rest = folded.get(at..).unwrap_or_default();
                let end = rest
                    .char_indices()
                    .nth(GRAM)
                    .map_or(rest.len(), |(end, _)| end);
                key(rest.get(..end).unwrap_or(rest));
            }
        } else {
            key(&token.folded);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str, how: Cut) -> Vec<(&str, String, Kind)> {
        tokens(text, how)
            .into_iter()
            .map(|token| (&text[token.range], token.folded, token.kind))
            .collect()
    }

    fn keys(text: &str) -> Vec<String> {
        let mut keys = Vec::new();
        index_keys(text, |key| keys.push(key.to_owned()));
        keys
    }

    #[test]
    fn case_and_accents_fold_away() {
        assert_eq!(normalise("Café CRÈME"), "cafe creme");
        assert_eq!(normalise("Straße Ærø"), "strasse aero");
        assert_eq!(
            normalise("cafe\u{301}"),
            "cafe",
            "a combining accent vanishes"
        );
        assert_eq!(
            normalise("Zürich, São Paulo & Łódź"),
            "zurich  sao paulo   lodz"
        );
    }

    #[test]
    fn a_capital_whose_lowercase_carries_a_mark_folds_like_the_rest() {
        // Found by tests/fuzz.rs: "İ" folded to "i" plus a combining dot, so "istanbul" missed
        // "İstanbul", and folding the result again changed it.
        assert_eq!(normalise("İstanbul"), "istanbul");
        assert_eq!(normalise(&normalise("İ")), normalise("İ"));
    }

    #[test]
    fn other_scripts_keep_their_letters() {
        assert_eq!(query_terms("ΑΘΗΝΑ Москва"), ["αθηνα", "москва"]);
        assert_eq!(
            query_terms("الذَّكَاء"),
            ["الذكاء"],
            "Arabic vowel signs are ignored"
        );
    }

    #[test]
    fn queries_split_into_distinct_words() {
        assert_eq!(
            query_terms("  AI, ai  law/policy #1 "),
            ["ai", "law", "policy", "1"]
        );
        assert!(query_terms(" %& ").is_empty());
        assert_eq!(query_terms("real-time don't"), ["real", "time", "don", "t"]);
        assert_eq!(query_terms("gpt5 GPT-5"), ["gpt5", "gpt", "5"]);
    }

    #[test]
    fn an_unspaced_query_asks_for_its_pairs() {
        assert_eq!(query_terms("经济"), ["经济"]);
        assert_eq!(query_terms("机器学习"), ["机器", "器学", "学习"]);
        assert_eq!(query_terms("防"), ["防"]);
        assert_eq!(query_terms("GPT-5を発表"), ["gpt", "5", "を発", "発表"]);
    }

    #[test]
    fn joined_words_are_kept_in_parts_and_whole() {
        assert_eq!(
            cut("Real-time e-commerce, Europe's", Cut::Index),
            [
                ("Real", "real".into(), Kind::Part),
                ("time", "time".into(), Kind::Part),
                ("Real-time", "realtime".into(), Kind::Joined),
                ("e", "e".into(), Kind::Part),
                ("commerce", "commerce".into(), Kind::Part),
                ("e-commerce", "ecommerce".into(), Kind::Joined),
                ("Europe", "europe".into(), Kind::Part),
                ("s", "s".into(), Kind::Part),
                ("Europe's", "europes".into(), Kind::Joined),
            ]
        );
        assert_eq!(keys("GPT5 don’t"), ["gpt", "5", "gpt5", "don", "t", "dont"]);
        assert_eq!(keys("- 'quoted' a--b"), ["quoted", "a", "b"]);
    }

    #[test]
    fn runs_are_kept_as_pairs() {
        assert_eq!(keys("中国经济"), ["中国", "国经", "经济", "济"]);
        assert_eq!(keys("AI研究"), ["ai", "研究", "究"]);
        assert_eq!(
            cut("東京都 인공지능", Cut::Index),
            [
                ("東京都", "東京都".into(), Kind::Run),
                ("인공지능", "인공지능".into(), Kind::Run),
            ]
        );
    }

    #[test]
    fn words_keep_their_place_in_the_original() {
        let text = "Élan vital, naïve";
        let words = cut(text, Cut::Query);
        assert_eq!(
            words.iter().map(|(w, _, _)| *w).collect::<Vec<_>>(),
            ["Élan", "vital", "naïve"]
        );
        assert_eq!(words[2].1, "naive");
        assert_eq!(cut("cafe\u{301}!", Cut::Query)[0].0, "cafe\u{301}");
    }
}
