//! Property tests for finding words as readers type them (`cargo test` runs 256 cases each;
//! `.ci/fuzz` runs them for minutes): any part of an unspaced word finds it and is marked; joined,
//! split and hyphenated forms agree; one slip finds a word, two do not.

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;

use super::{highlight, query_terms, SearchIndex};

fn finds(title: &str, others: &[String], query: &str) -> bool {
    let mut index = SearchIndex::default();
    index.extend(others.iter().map(|other| (other.as_str(), "")));
    index.extend([(title, "")]);
    let wanted = index.len() - 1;
    index
        .search(&query_terms(query))
        .iter()
        .any(|hit| hit.position == wanted)
}

fn marked(text: &str, query: &str) -> String {
    highlight(text, &query_terms(query))
        .into_iter()
        .filter(|segment| segment.matched)
        .map(|segment| segment.text)
        .collect::<Vec<_>>()
        .join("|")
}

/// A word of an unspaced script: Chinese, Japanese kana, Korean syllables or Thai consonants.
fn unspaced_word() -> impl Strategy<Value = String> {
    let script = prop_oneof![
        proptest::char::range('\u{4e00}', '\u{9fa5}'),
        proptest::char::range('\u{3041}', '\u{3096}'),
        proptest::char::range('\u{30a1}', '\u{30fa}'),
        proptest::char::range('\u{ac00}', '\u{d7a3}'),
        proptest::char::range('\u{e01}', '\u{e2e}'),
    ];
    proptest::collection::vec(script, 1..16).prop_map(|chars| chars.into_iter().collect())
}

/// Other headlines around the one searched for.
fn others() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec("[a-z ]{0,20}|[\u{4e00}-\u{4e80}]{1,8}", 0..4)
}

fn one_slip(word: &str, kind: u8, at: usize, letter: char) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    let at = at % chars.len();
    match kind % 4 {
        0 => chars[at] = letter,
        1 => chars.insert(at, letter),
        2 => {
            chars.remove(at);
        }
        _ => {
            let next = (at + 1).min(chars.len() - 1);
            chars.swap(at, next);
        }
    }
    chars.into_iter().collect()
}

/// Letters changed, added, dropped or swapped to make `a` into `b` (optimal string alignment).
fn slips(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            d[i][j] = if i == 0 || j == 0 {
                i + j
            } else {
                let mut best = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]));
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(d[i - 2][j - 2] + 1);
                }
                best
            };
        }
    }
    d[a.len()][b.len()]
}

proptest! {
    // Failures are kept beside this file, not in a folder of their own at the top of the repository.
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(prop::test_runner::FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_part_of_an_unspaced_word_finds_it_and_is_marked(
        word in unspaced_word(),
        from in any::<prop::sample::Index>(),
        length in any::<prop::sample::Index>(),
        others in others(),
    ) {
        let chars: Vec<char> = word.chars().collect();
        let start = from.index(chars.len());
        let end = start + 1 + length.index(chars.len() - start);
        let part: String = chars[start..end].iter().collect();
        let title = format!("Lead: {word}, today");
        prop_assert!(finds(&title, &others, &part), "{part:?} in {title:?}");
        prop_assert!(marked(&title, &part).contains(&part), "{part:?} marked in {title:?}");
    }

    #[test]
    fn joined_split_and_hyphenated_forms_agree(
        parts in proptest::collection::vec("[a-zA-Z]{1,7}|[0-9]{1,3}", 2..4),
        joiner in prop_oneof![Just("-"), Just("'"), Just("\u{2019}"), Just("\u{2010}")],
        others in others(),
    ) {
        let hyphenated = parts.join(joiner);
        let joined: String = parts.concat();
        let split = parts.join(" ");
        let title = format!("News of {hyphenated} today");
        for query in [&hyphenated, &joined, &split] {
            prop_assert!(finds(&title, &others, query), "{query:?} in {title:?}");
        }
        prop_assert_eq!(marked(&hyphenated, &joined), hyphenated.clone());
        // A word whose parts meet as letters and digits is found either way too.
        let letters_then_digits = parts
            .windows(2)
            .all(|pair| pair[0].as_bytes()[0].is_ascii_digit() != pair[1].as_bytes()[0].is_ascii_digit());
        if letters_then_digits {
            let title = format!("News of {joined} today");
            for query in [&hyphenated, &joined, &split] {
                prop_assert!(finds(&title, &others, query), "{query:?} in {title:?}");
            }
        }
    }

    #[test]
    fn one_slip_finds_a_word_of_five_letters_and_two_do_not(
        word in "[a-z]{5,12}",
        kind in any::<u8>(),
        at in any::<usize>(),
        second in any::<usize>(),
        letter in proptest::char::range('a', 'z'),
        other in proptest::char::range('a', 'z'),
    ) {
        let title = format!("The {word} story");
        let typed = one_slip(&word, kind, at, letter);
        if typed.len() >= 5 {
            prop_assert!(finds(&title, &[], &typed), "{typed:?} for {word:?}");
        }
        // Two letters changed, in different places, each to another letter.
        let mut chars: Vec<char> = word.chars().collect();
        // Two different places, chosen without rejecting cases (a long run would run out of them).
        let first = at % chars.len();
        let second = (first + 1 + second % (chars.len() - 1)) % chars.len();
        let (i, j) = (first.min(second), first.max(second));
        let (was_i, was_j) = (chars[i], chars[j]);
        chars[i] = if letter == was_i { 'z' } else { letter };
        chars[j] = if other == was_j { 'y' } else { other };
        prop_assume!(chars[i] != was_i && chars[j] != was_j);
        // Two changes can amount to one slip against the word or the start of it (a swap; a letter
        // added after the start): those are not two slips.
        let typed: String = chars.into_iter().collect();
        prop_assume!((1..=word.len()).all(|end| slips(&typed, &word[..end]) >= 2));
        prop_assert!(!finds(&word, &[], &typed), "{typed:?} for {word:?}");
    }
}
