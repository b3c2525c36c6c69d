//! The app's email check must agree with the browser's own `<input type=email>` on every address,
//! tricky or random. Run in Chromium by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use gazette::contact::validate;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlInputElement;

wasm_bindgen_test_configure!(run_in_browser);

const TRICKY: &[&str] = &[
    "simple@example.org",
    "a@b",
    "first.last@sub.example.co.uk",
    "x+tag@example.org",
    "o'neil@example.ie",
    "user_name-1@ex-ample.org",
    "!#$%&'*+/=?^_`{|}~-@example.org",
    ".leading-dot@example.org",
    "trailing-dot.@example.org",
    "double..dot@example.org",
    "  padded@example.org  ",
    "\tpadded@example.org\n",
    "new\nline@example.org",
    "new\r\nline@example.org",
    "",
    " ",
    "plainaddress",
    "@example.org",
    "user@",
    "user@@example.org",
    "two@at@example.org",
    "sp ace@example.org",
    "user@exa mple.org",
    "user@-example.org",
    "user@example-.org",
    "user@exa_mple.org",
    "user@.example.org",
    "user@example..org",
    "user@example.org.",
    "user@example.",
    "user@123.456.789.0",
    "user@[127.0.0.1]",
    "user@[IPv6:::1]",
    "\"quoted\"@example.org",
    "\"quoted space\"@example.org",
    "user@xn--bcher-kva.de",
    "user@bücher.de",
    "user@例え.jp",
    "user@münchen.de",
    "user@MÜNCHEN.DE",
    "üser@example.org",
    "用户@example.org",
    "user@example.org\u{a0}",
    "user@exa\u{200b}mple.org",
    "(comment)user@example.org",
    "user@example.org(comment)",
    "user@example,org",
    "user;name@example.org",
    "user<@example.org",
    "user@exam>ple.org",
    "a@0",
    "a@1-2-3",
    "a@a-",
    "a@a.b-c.d",
    "A@B.C",
];

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
    let input = email_input();
    let long_label = format!("user@{}.org", "a".repeat(63));
    let too_long_label = format!("user@{}.org", "a".repeat(64));
    let mut disagreements = Vec::new();
    for address in TRICKY
        .iter()
        .copied()
        .chain([long_label.as_str(), too_long_label.as_str()])
    {
        let ours = validate::email(address).is_ok();
        if ours != browser_says(&input, address) {
            disagreements.push(format!("{address:?}: ours {ours}"));
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
