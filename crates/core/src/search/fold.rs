//! One character as search compares it, by Unicode's rules rather than a table of accents: full case
//! folding (lower, upper, then lower case again: ß, ẞ and SS, ς and σ, ı and I and i, the ﬁ
//! ligature and fi), then
//! canonical decomposition with every combining mark removed (é, ά, ố, İ and the Arabic vowel signs
//! lose their marks). In the browser this is the platform's own `toUpperCase`, `toLowerCase` and
//! `normalize("NFD")`, each character asked once and remembered, so the wasm carries no Unicode
//! tables; natively (tests, the newsroom's tool) it is the `unicode-normalization` crate with Rust's
//! case mappings, and an in-browser test holds the two to the same answers.

/// Letters Unicode does not decompose but that readers type without their stroke or as two letters.
const UNDECOMPOSED: &[(char, &str)] = &[
    ('ø', "o"),
    ('ł', "l"),
    ('đ', "d"),
    ('ħ', "h"),
    ('ŧ', "t"),
    ('ð', "d"),
    ('þ', "th"),
    ('æ', "ae"),
    ('œ', "oe"),
];

/// Appends the folded form of `c` to `out`: nothing for a combining mark.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if is_hangul_syllable(c) {
        // A syllable is the unit Korean readers type and search by; its decomposition into jamo
        // is spelling, not an accent.
        out.push(c);
    } else {
        platform::fold(c, out);
    }
}

/// `text` folded character by character (no word splitting: see `normalise` for that).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    text.chars().for_each(|c| fold_char(c, &mut out));
    out
}

/// Korean syllable blocks, which have no case and no marks.
fn is_hangul_syllable(c: char) -> bool {
    ('\u{ac00}'..='\u{d7a3}').contains(&c)
}

/// Appends `c`, already case-folded and without marks, with the undecomposed letters spelled plainly.
fn push_plain(c: char, out: &mut String) {
    match UNDECOMPOSED.iter().find(|(from, _)| *from == c) {
        Some((_, to)) => out.push_str(to),
        None => out.push(c),
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod platform {
    use unicode_normalization::char::{decompose_canonical, is_combining_mark};

    /// Folds `c` with Rust's full case mappings and the crate's canonical decomposition.
    pub fn fold(c: char, out: &mut String) {
        let cased = c.to_lowercase().flat_map(char::to_uppercase);
        for lower in cased.flat_map(char::to_lowercase) {
            decompose_canonical(lower, |part| {
                if !is_combining_mark(part) {
                    super::push_plain(part, out);
                }
            });
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod platform {
    use std::cell::RefCell;
    use std::collections::HashMap;

    use js_sys::{JsString, RegExp};

    thread_local! {
        /// Every character folded so far: an archive uses a few thousand distinct ones, and each
        /// is asked of the browser once.
        static FOLDED: RefCell<HashMap<char, Box<str>>> = RefCell::new(HashMap::new());
        static MARKS: RegExp = RegExp::new("\\p{M}", "gu");
    }

    /// Folds `c` with the browser's own case mappings and canonical decomposition.
    pub fn fold(c: char, out: &mut String) {
        let known = FOLDED.with(|folded| {
            folded
                .borrow()
                .get(&c)
                .map(|known| out.push_str(known))
                .is_some()
        });
        if known {
            return;
        }
        let decomposed = MARKS.with(|marks| {
            JsString::from(c)
                .to_lower_case()
                .to_upper_case()
                .to_lower_case()
                .normalize("NFD")
                .replace_by_pattern(marks, "")
        });
        let mut folded = String::new();
        for part in String::from(decomposed).chars() {
            super::push_plain(part, &mut folded);
        }
        out.push_str(&folded);
        FOLDED.with(|known| known.borrow_mut().insert(c, folded.into_boxed_str()));
    }
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;
    use unicode_normalization::char::{decompose_canonical, is_combining_mark, is_public_assigned};

    #[test]
    fn case_folding_goes_beyond_lowercase() {
        assert_eq!(fold("Straße STRASSE ẞ"), "strasse strasse ss");
        assert_eq!(fold("ΟΔΟΣ οδος οδοσ"), "οδοσ οδοσ οδοσ", "final sigma");
        assert_eq!(
            fold("İSTANBUL ıstanbul Istanbul"),
            "istanbul istanbul istanbul"
        );
        assert_eq!(fold("ﬁnance ﬂow"), "finance flow", "ligatures");
    }

    #[test]
    fn marks_go_in_every_script() {
        assert_eq!(fold("Ελλάδα νοημοσύνη ΐ"), "ελλαδα νοημοσυνη ι");
        assert_eq!(fold("Tiếng Việt"), "tieng viet");
        assert_eq!(fold("الذَّكَاء"), "الذكاء");
        assert_eq!(
            fold("がっこう"),
            "かっこう",
            "the voicing mark is a mark too"
        );
        assert_eq!(
            fold("Ærø Łódź"),
            "aero lodz",
            "letters Unicode does not decompose"
        );
        assert_eq!(fold("인공지능"), "인공지능", "Hangul syllables stay whole");
    }

    /// Every assigned code point: folding agrees with Unicode's canonical decomposition (the
    /// folded form of a character is the folded form of its decomposition, keeping its letters and
    /// no marks), ignores case both ways, and folding again changes nothing.
    #[test]
    fn folding_agrees_with_unicode_for_every_assigned_code_point() {
        let mut checked = 0;
        for c in (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|c| is_public_assigned(*c))
        {
            let folded = fold(&c.to_string());
            assert!(
                !folded.chars().any(is_combining_mark),
                "{c:?} folds to {folded:?}, with a mark"
            );
            assert_eq!(fold(&folded), folded, "folding {c:?} twice");
            if !is_hangul_syllable(c) {
                let mut decomposed = String::new();
                decompose_canonical(c, |part| decomposed.push(part));
                assert_eq!(fold(&decomposed), folded, "{c:?} and its decomposition");
            }
            if !is_combining_mark(c) {
                let upper: String = c.to_uppercase().collect();
                let lower: String = c.to_lowercase().collect();
                assert_eq!(fold(&upper), folded, "{c:?} and its capital {upper:?}");
                assert_eq!(fold(&lower), folded, "{c:?} and its small letter {lower:?}");
            }
            checked += 1;
        }
        assert!(checked > 150_000, "{checked} code points");
    }
}
