//! The app's email check must agree with the browser's own `<input type=email>` on every address,
//! tricky or random. Run in Chromium by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use gazette_core::contact::validate;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlInputElement;

#[path = "common/email_corpus.rs"]
mod email_corpus;

wasm_bindgen_test_configure!(run_in_browser);

fn browser_says(input: &HtmlInputElement, address: &str) -> bool {
    input.set_value(address);
    input.check_validity()
}

fn email_input() -> HtmlInputElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let input: HtmlInputElement = document.create_element("input").unwrap().unchecked_into();
    input.set_type("email");
    // An empty field is "valid" to the browser unless required; an empty address is not, for us.
    input.set_required(true);
    input
}

#[wasm_bindgen_test]
fn tricky_addresses_get_the_browsers_verdict() {
    // The recorded verdicts are the browser's (so the native tests can rely on them), and ours.
    let input = email_input();
    let mut disagreements = Vec::new();
    let limits = email_corpus::label_limits();
    let cases = email_corpus::VERDICTS
        .iter()
        .map(|(address, verdict)| (*address, *verdict))
        .chain(
            limits
                .iter()
                .map(|(address, verdict)| (address.as_str(), *verdict)),
        );
    for (address, recorded) in cases {
        let browser = browser_says(&input, address);
        let ours = validate::email(address).is_ok();
        if browser != recorded || ours != recorded {
            disagreements.push(format!(
                "{address:?}: recorded {recorded}, browser {browser}, ours {ours}"
            ));
        }
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}");
}

#[wasm_bindgen_test]
fn random_addresses_get_the_browsers_verdict() {
    // Addresses built from the characters where the rules bite, from a fixed seed: repeatable.
    const PIECES: &[&str] = &[
        "a", "Z", "0", "9", ".", "-", "_", "+", "@", " ", "\"", "é", "例", "..", "xn--", "[", "]",
        "!", "\t",
    ];
    let input = email_input();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |bound: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % bound as u64) as usize
    };
    let mut disagreements = Vec::new();
    for _ in 0..3_000 {
        let local: String = (0..1 + next(5))
            .map(|_| PIECES[next(PIECES.len())])
            .collect();
        let domain: String = (0..1 + next(6))
            .map(|_| PIECES[next(PIECES.len())])
            .collect();
        let address = format!("{local}@{domain}");
        let ours = validate::email(&address).is_ok();
        if ours != browser_says(&input, &address) {
            disagreements.push(format!("{address:?}: ours {ours}"));
        }
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}");
}
