//! Property tests with generated input (proptest, which shrinks a failure to its smallest case) for
//! the code that reads what the app cannot trust: the bundle decoders, the form's validators, the
//! query string, and the search's normaliser. The Markdown converter's are in `press`'s own tests.
//!
//! `cargo test` runs a short pass; `.ci/fuzz` runs them for minutes (`PROPTEST_CASES`). A failure
//! proptest finds is saved under `tests/fuzz.proptest-regressions` and replayed first on every run,
//! and gets a plain regression test beside the code it broke.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use gazette::contact::validate;
use gazette::edition::{
    decode_article, decode_chunk, decode_index, Article, Block, Date, DecodeError, Headline,
    Impact, Inline,
};
use gazette::query::{parse, Filters, Sort};
use gazette::search::{highlight, normalise, query_terms};
use proptest::prelude::*;

/// Text with the characters that break parsers: quotes, escapes, brackets, controls, percent
/// signs, markup, accents, scripts, emoji, and occasionally anything at all.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_owned()),
        Just("\\".to_owned()),
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("[".to_owned()),
        Just(",".to_owned()),
        Just(":".to_owned()),
        Just("%".to_owned()),
        Just("%2F".to_owned()),
        Just("%E2%82".to_owned()),
        Just("&".to_owned()),
        Just("+".to_owned()),
        Just("=".to_owned()),
        Just("#".to_owned()),
        Just("<script>".to_owned()),
        Just("\u{0}".to_owned()),
        Just("\n".to_owned()),
        Just(" ".to_owned()),
        Just("é".to_owned()),
        Just("e\u{301}".to_owned()),
        Just("ß".to_owned()),
        Just("İ".to_owned()),
        Just("ﬁ".to_owned()),
        Just("مرحبا".to_owned()),
        Just("新闻".to_owned()),
        Just("😀".to_owned()),
        "[a-zA-Z0-9]{1,6}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

fn date() -> impl Strategy<Value = Date> {
    (1970u32..2100, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| Date::parse(&format!("{y:04}-{m:02}-{d:02}")).unwrap())
}

fn headline() -> impl Strategy<Value = Headline> {
    (
        "[a-z0-9-]{1,24}",
        tricky_text(),
        "[a-z]{1,10}",
        date(),
        tricky_text(),
        0u8..=100,
    )
        .prop_map(|(slug, title, section, date, summary, impact)| Headline {
            slug,
            title,
            section,
            date,
            summary,
            impact: Impact::new(impact).unwrap(),
        })
}

fn inline() -> impl Strategy<Value = Inline> {
    prop_oneof![
        tricky_text().prop_map(Inline::Text),
        tricky_text().prop_map(Inline::Em),
        tricky_text().prop_map(Inline::Strong),
        (tricky_text(), tricky_text()).prop_map(|(text, href)| Inline::Link { text, href }),
    ]
}

fn block() -> impl Strategy<Value = Block> {
    let runs = || prop::collection::vec(inline(), 0..4);
    prop_oneof![
        runs().prop_map(|text| Block::Paragraph { text }),
        runs().prop_map(|text| Block::Heading { text }),
        (runs(), prop::option::of(tricky_text()))
            .prop_map(|(text, source)| Block::Quote { text, source }),
        (any::<bool>(), prop::collection::vec(runs(), 0..3))
            .prop_map(|(ordered, items)| Block::List { ordered, items }),
        (
            tricky_text(),
            tricky_text(),
            any::<u32>(),
            any::<u32>(),
            prop::option::of(tricky_text())
        )
            .prop_map(|(src, alt, width, height, caption)| Block::Image {
                src,
                alt,
                width,
                height,
                caption
            }),
    ]
}

fn article() -> impl Strategy<Value = Article> {
    (
        headline(),
        tricky_text(),
        tricky_text(),
        any::<u32>(),
        prop::collection::vec(tricky_text(), 0..3),
        prop::collection::vec(block(), 0..6),
        prop::collection::vec(headline(), 0..3),
        prop::option::of(headline()),
    )
        .prop_map(
            |(h, standfirst, byline, reading_minutes, tags, body, related, next)| Article {
                schema: gazette::edition::SCHEMA,
                slug: h.slug,
                title: h.title,
                standfirst,
                byline,
                section: h.section,
                date: h.date,
                impact: h.impact,
                reading_minutes,
                tags,
                body,
                related,
                previous: None,
                next,
            },
        )
}

/// JSON-shaped text: the tokens of the bundle's format in random order, to reach deep into the
/// decoders rather than stop at the first byte.
fn json_shaped() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just(",".to_owned()),
        Just(":".to_owned()),
        Just("null".to_owned()),
        Just("1".to_owned()),
        Just("-1".to_owned()),
        Just("1e999".to_owned()),
        Just("\"schema\":1".to_owned()),
        Just("\"headlines\"".to_owned()),
        Just("\"body\"".to_owned()),
        Just("\"type\":\"paragraph\"".to_owned()),
        Just("\"impact\":140".to_owned()),
        Just("\"date\":\"2026-02-30\"".to_owned()),
        tricky_text().prop_map(|text| serde_json::to_string(&text).unwrap()),
    ];
    prop::collection::vec(token, 0..40).prop_map(|tokens| tokens.concat())
}

proptest! {
    #[test]
    fn decoders_answer_any_text_with_a_value_or_a_reason(text in prop_oneof![any::<String>(), json_shaped()]) {
        for result in [
            decode_index(&text).map(|_| ()),
            decode_chunk(&text).map(|_| ()),
            decode_article(&text).map(|_| ()),
        ] {
            if let Err(error) = result {
                prop_assert!(!error.to_string().is_empty());
            }
        }
    }

    #[test]
    fn any_article_survives_the_bundle_format(article in article()) {
        let json = serde_json::to_string(&article).unwrap();
        prop_assert_eq!(decode_article(&json), Ok(article));
    }

    #[test]
    fn an_article_cut_short_is_refused_as_cut_short(article in article(), keep in 0.0f64..1.0) {
        let json = serde_json::to_string(&article).unwrap();
        let mut cut = (json.len() as f64 * keep) as usize;
        while !json.is_char_boundary(cut) {
            cut -= 1;
        }
        let error = decode_article(&json[..cut]).unwrap_err();
        prop_assert!(
            matches!(error, DecodeError::Truncated | DecodeError::Syntax(_)),
            "{:?}", error
        );
    }

    #[test]
    fn a_broken_headline_costs_that_headline_only(
        headlines in prop::collection::vec(headline(), 0..8),
        broken in prop::collection::vec((0usize..8, json_shaped()), 0..4),
    ) {
        let mut values: Vec<serde_json::Value> =
            headlines.iter().map(|h| serde_json::to_value(h).unwrap()).collect();
        let mut junk = 0;
        for (at, text) in broken {
            // Anything that is not a whole headline: a string, a number, a half-written object.
            let value = serde_json::Value::String(text);
            values.insert(at.min(values.len()), value);
            junk += 1;
        }
        let json = serde_json::json!({"schema": 1, "headlines": values}).to_string();
        let decoded = decode_chunk(&json).unwrap();
        prop_assert_eq!(decoded.value.headlines, headlines);
        prop_assert_eq!(decoded.skipped.len(), junk);
    }

    #[test]
    fn validators_accept_only_what_they_promise(text in tricky_text()) {
        if let Ok(address) = validate::email(&text) {
            prop_assert_eq!(address.matches('@').count(), 1);
            prop_assert!(address.is_ascii() && !address.contains(char::is_whitespace));
            prop_assert_eq!(validate::email(&address), Ok(address.clone()));
        }
        if let Ok(digits) = validate::code(&text) {
            prop_assert!(digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()));
        }
        if let Ok(name) = validate::name(&text) {
            prop_assert!((1..=validate::NAME_MAX).contains(&name.chars().count()));
            prop_assert!(!name.contains(char::is_control));
            prop_assert_eq!(validate::name(&name), Ok(name.clone()));
        }
        if let Ok(subject) = validate::subject(&text) {
            prop_assert!(subject.chars().count() <= validate::SUBJECT_MAX);
        }
        if let Ok(message) = validate::message(&text) {
            prop_assert!((validate::MESSAGE_MIN..=validate::MESSAGE_MAX).contains(&message.chars().count()));
            prop_assert_eq!(validate::message(&message), Ok(message.clone()));
        }
    }

    #[test]
    fn any_filters_survive_the_address_bar(
        text in tricky_text(),
        section in prop::option::of(tricky_text().prop_filter("a section is named", |s| !s.is_empty())),
        min_impact in 0u8..=100,
        by_impact in any::<bool>(),
    ) {
        let filters = Filters {
            text,
            section,
            min_impact,
            sort: if by_impact { Sort::Impact } else { Sort::Newest },
        };
        let query = filters.to_query();
        prop_assert!(query.bytes().all(|b| b.is_ascii_graphic()), "{}", query);
        prop_assert_eq!(Filters::from_query(&query), filters.clone());
        prop_assert_eq!(Filters::from_query(&format!("?{query}")), filters);
    }

    #[test]
    fn any_query_string_parses(query in prop_oneof![any::<String>(), tricky_text()]) {
        let filters = Filters::from_query(&query);
        prop_assert!(filters.min_impact <= 100);
        let _ = parse(&query);
    }

    #[test]
    fn normalising_is_stable_and_leaves_only_lowercase_words(text in tricky_text()) {
        let once = normalise(&text);
        prop_assert_eq!(normalise(&once), once.clone());
        // Lowercase as far as Unicode goes: some capitals (mathematical script letters) have no
        // lowercase form and stay as they are.
        prop_assert!(
            once.chars().all(|c| c == ' ' || (c.is_alphanumeric() && c.to_lowercase().eq([c]))),
            "{:?}", once
        );
        prop_assert_eq!(normalise(&text.to_lowercase()), once.clone());
        let terms = query_terms(&text);
        for (at, term) in terms.iter().enumerate() {
            prop_assert!(!term.is_empty() && !term.contains(' '));
            prop_assert!(!terms[..at].contains(term), "terms are distinct");
        }
    }

    #[test]
    fn case_and_accents_do_not_matter(word in "[a-zA-Zàéèêëïîôöüùçñßø]{1,12}") {
        prop_assert_eq!(normalise(&word.to_uppercase()), normalise(&word.to_lowercase()));
        let plain: String = word.chars().map(|c| match c {
            'à' => 'a', 'é' | 'è' | 'ê' | 'ë' => 'e', 'ï' | 'î' => 'i', 'ô' | 'ö' | 'ø' => 'o',
            'ü' | 'ù' => 'u', 'ç' => 'c', 'ñ' => 'n', c => c,
        }).collect();
        prop_assert_eq!(normalise(&word), normalise(&plain));
    }

    #[test]
    fn highlighting_keeps_every_character(text in tricky_text(), query in tricky_text()) {
        let segments = highlight(&text, &query_terms(&query));
        let rebuilt: String = segments.iter().map(|segment| segment.text.as_str()).collect();
        prop_assert_eq!(rebuilt, text);
    }
}
