//! Close matches: a query word of five letters or more with one slip of the finger (a letter
//! changed, added, dropped, or two letters swapped) still finds the word it was meant to be.

/// Letters a query word needs before a slip in it is forgiven: shorter words are too close to
/// each other ("cat" is one edit from "car", "cut" and "act").
pub const MIN_LETTERS: usize = 5;

/// Whether `term` may match closely: five letters or more.
pub fn forgiving(term: &str) -> bool {
    term.chars().filter(|c| c.is_alphabetic()).count() >= MIN_LETTERS
}

/// If `word` starts with something one edit away from `term` (and does not simply start with
/// `term`), how many bytes of `word` that is, as long as possible. A slip in the term's last letter
/// only counts against the whole word: while the reader is still typing, a changed last letter
/// would otherwise match every word sharing the letters before it.
pub fn close_prefix(term: &str, word: &str) -> Option<usize> {
    let same = term
        .chars()
        .zip(word.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum::<usize>();
    let (t, w) = (term.get(same..)?, word.get(same..)?);
    let mut t_chars = t.chars();
    let t_first = t_chars.next()?;
    let t_rest = t_chars.as_str();
    let mut w_chars = w.chars();
    let w_first = w_chars.next();
    let w_rest = w_chars.as_str();
    let w_skip = w_first.map_or(0, char::len_utf8);
    let mut best: Option<usize> = None;
    let mut consider = |end: usize| best = Some(best.map_or(end, |best| best.max(end)));
    // A letter changed.
    if w_first.is_some() && w_rest.starts_with(t_rest) {
        consider(w_skip + t_rest.len());
    }
    // A letter added in the term.
    if w.starts_with(t_rest) {
        consider(t_rest.len());
    }
    // A letter dropped from the term.
    if w_first.is_some() && w_rest.starts_with(t) {
        consider(w_skip + t.len());
    }
    // Two letters swapped.
    let mut t_after = t_rest.chars();
    if let (Some(t_second), Some(w_first)) = (t_after.next(), w_first) {
        let mut w_after = w_rest.chars();
        if w_first == t_second
            && w_after.next() == Some(t_first)
            && w_after.as_str().starts_with(t_after.as_str())
        {
            consider(w_skip + t_first.len_utf8() + t_after.as_str().len());
        }
    }
    let end = same + best?;
    let slip_in_last_letter = t_rest.is_empty();
    (!slip_in_last_letter || end == word.len()).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(term: &str, word: &str) -> Option<&'static str> {
        close_prefix(term, word).map(|end| &*word[..end].to_owned().leak())
    }

    #[test]
    fn one_slip_is_forgiven() {
        assert_eq!(
            close("regulatoin", "regulation"),
            Some("regulation"),
            "swapped"
        );
        assert_eq!(
            close("reglation", "regulations"),
            Some("regulation"),
            "dropped"
        );
        assert_eq!(
            close("regulaxtion", "regulation"),
            Some("regulation"),
            "added"
        );
        assert_eq!(
            close("regukation", "regulation"),
            Some("regulation"),
            "changed"
        );
        assert_eq!(
            close("regukat", "regulation"),
            Some("regulat"),
            "while typing"
        );
        assert_eq!(close("ekonomy", "economy"), Some("economy"));
        assert_eq!(close("νοημοσινη", "νοημοσυνη"), Some("νοημοσυνη"));
    }

    #[test]
    fn two_slips_or_a_plain_prefix_are_not_close() {
        assert_eq!(close("regukatoin", "regulation"), None);
        assert_eq!(close("rgulatoin", "regulation"), None);
        assert_eq!(
            close("regul", "regulation"),
            None,
            "a prefix is not a close match"
        );
        assert_eq!(close("xyzzy", "regulation"), None);
    }

    #[test]
    fn a_slip_in_the_last_letter_counts_against_the_whole_word_only() {
        assert_eq!(close("court", "courage"), None);
        assert_eq!(close("courz", "court"), Some("court"));
        assert_eq!(close("courts", "court"), Some("court"));
        assert_eq!(close("regulatiom", "regulation"), Some("regulation"));
    }

    #[test]
    fn five_letters_make_a_word_forgiving() {
        assert!(forgiving("court"));
        assert!(forgiving("ελλαδα"));
        assert!(!forgiving("data"));
        assert!(!forgiving("12345"));
    }
}
