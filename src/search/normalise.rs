//! Text as search compares it: lowercase, accents removed (é finds e and e finds é), split into
//! words of letters and digits.

/// Letters that fold to plain ones, grouped by what they become.
const FOLDS: &[(&str, &str)] = &[
    ("àáâãäåāăąǎ", "a"),
    ("çćĉċč", "c"),
    ("ďđ", "d"),
    ("èéêëēĕėęěẽ", "e"),
    ("ĝğġģ", "g"),
    ("ĥħ", "h"),
    ("ìíîïĩīĭįıǐ", "i"),
    ("ĵ", "j"),
    ("ķ", "k"),
    ("ĺļľŀł", "l"),
    ("ñńņňŉ", "n"),
    ("òóôõöøōŏőǒ", "o"),
    ("ŕŗř", "r"),
    ("śŝşšș", "s"),
    ("ţťŧț", "t"),
    ("ùúûüũūŭůűųǔ", "u"),
    ("ŵ", "w"),
    ("ýÿŷ", "y"),
    ("źżž", "z"),
    ("ß", "ss"),
    ("æ", "ae"),
    ("œ", "oe"),
    ("þ", "th"),
    ("ð", "d"),
];

/// Appends the folded, lowercase form of `c` to `out`; marks (combining accents, Arabic vowel
/// signs) vanish.
fn fold_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    // Lowercasing can itself add a mark: İ becomes i and a combining dot.
    for lower in c.to_lowercase().filter(|lower| !is_mark(*lower)) {
        match FOLDS.iter().find(|(from, _)| from.contains(lower)) {
            Some((_, to)) => out.push_str(to),
            None => out.push(lower),
        }
    }
}

/// `text` folded for comparison, characters that are not letters or digits becoming spaces.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() || is_mark(c) {
            fold_into(c, &mut out);
        } else {
            out.push(' ');
        }
    }
    out
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{64b}'..='\u{65f}' | '\u{670}')
}

/// The distinct words of a query, folded, in the order typed.
pub fn query_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in normalise(query).split_whitespace() {
        if !terms.iter().any(|term| term == word) {
            terms.push(word.to_owned());
        }
    }
    terms
}

/// The words of `text` with their byte ranges in `text`, folded: what highlighting maps back from.
pub fn words_with_ranges(text: &str) -> Vec<(usize, usize, String)> {
    let mut words = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (at, c) in text.char_indices() {
        if c.is_alphanumeric() || is_mark(c) {
            let (_, folded) = current.get_or_insert_with(|| (at, String::new()));
            fold_into(c, folded);
        } else if let Some((start, folded)) = current.take() {
            words.push((start, at, folded));
        }
    }
    if let Some((start, folded)) = current {
        words.push((start, text.len(), folded));
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(
            query_terms("ΑΘΗΝΑ Москва 机器学习"),
            ["αθηνα", "москва", "机器学习"]
        );
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
    }

    #[test]
    fn words_keep_their_place_in_the_original() {
        let text = "Élan vital, naïve";
        let words = words_with_ranges(text);
        assert_eq!(
            words
                .iter()
                .map(|(s, e, _)| &text[*s..*e])
                .collect::<Vec<_>>(),
            ["Élan", "vital", "naïve"]
        );
        assert_eq!(words[2].2, "naive");
    }
}
