//! The app folds text with the browser's own Unicode machinery in the wasm and with Rust's case
//! mappings and the `unicode-normalization` crate natively (where `cargo test` checks every
//! assigned code point). This holds Chromium's answers to the same rules, code point by code point.
//! Run in Chromium by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

use gazette_core::search::fold;
use unicode_normalization::char::{decompose_canonical, is_combining_mark, is_public_assigned};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The native rule: lower, upper, lower case, canonical decomposition, no marks (the app spells a
/// few undecomposable letters plainly afterwards, and keeps Hangul syllables whole).
fn reference(c: char) -> String {
    let mut out = String::new();
    let cased = c.to_lowercase().flat_map(char::to_uppercase);
    for lower in cased.flat_map(char::to_lowercase) {
        decompose_canonical(lower, |part| {
            if !is_combining_mark(part) {
                out.push(part);
            }
        });
    }
    out
}

const SPELLED_PLAINLY: &str = "øłđħŧðþæœ";

#[wasm_bindgen_test]
fn the_browser_folds_every_code_point_as_unicode_says() {
    let mut checked = 0;
    let mut differ = Vec::new();
    let mut newer = Vec::new();
    for c in (0..=0x10ffff)
        .filter_map(char::from_u32)
        .filter(|c| is_public_assigned(*c))
    {
        let expected = reference(c);
        if ('\u{ac00}'..='\u{d7a3}').contains(&c)
            || expected.chars().any(|e| SPELLED_PLAINLY.contains(e))
        {
            continue;
        }
        checked += 1;
        let folded = fold(&c.to_string());
        if folded != expected && is_combining_mark(c) && folded == c.to_string() {
            // A mark of a newer Unicode than the browser's (the crate follows Unicode 18):
            // the browser keeps it, as it does any character it does not know.
            newer.push(c);
        } else if folded != expected {
            differ.push(format!(
                "U+{:04X} {c:?}: browser {folded:?}, Unicode {expected:?}",
                u32::from(c)
            ));
        }
    }
    assert!(checked > 150_000, "{checked} code points");
    assert!(
        differ.is_empty(),
        "{} of {checked} differ:\n{}",
        differ.len(),
        differ.join("\n")
    );
}
