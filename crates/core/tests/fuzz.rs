//! Property tests with generated input (proptest, which shrinks a failure to its smallest case) for
//! the code that reads what the app cannot trust: the bundle decoders, the form's validators, the
//! query string, and the search's normaliser. The Markdown converter's are in `press`'s own tests.
//!
//! `cargo test` runs a short pass; `.ci/fuzz` runs them for minutes (`PROPTEST_CASES`). A failure
//! proptest finds is saved under `tests/fuzz.proptest-regressions` and replayed first on every run,
//! and gets a plain regression test beside the code it broke.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use gazette_core::contact::validate;
use gazette_core::edition::{
    decode_article, decode_chunk, decode_index, Article, Block, Date, DecodeError, Headline,
    Impact, Inline,
};
use gazette_core::query::{parse, Filters, Sort};
use gazette_core::search::{highlight, normalise, query_terms};
use proptest::prelude::*;
use serde_json::{json, Value};

#[path = "common/email_corpus.rs"]
mod email_corpus;

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
                schema: gazette_core::edition::SCHEMA,
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
        Just("\"schema\":2".to_owned()),
        Just("\"headlines\"".to_owned()),
        Just("\"body\"".to_owned()),
        Just("\"type\":\"paragraph\"".to_owned()),
        Just("\"impact\":140".to_owned()),
        Just("\"date\":\"2026-02-30\"".to_owned()),
        tricky_text().prop_map(|text| serde_json::to_string(&text).unwrap()),
    ];
    prop::collection::vec(token, 0..40).prop_map(|tokens| tokens.concat())
}

/// Every JSON pointer inside `value`, the root included.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(fields) => {
            for (key, field) in fields {
                pointers(field, format!("{at}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                pointers(item, format!("{at}/{index}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// A whole article with one value somewhere in it replaced by another of any kind: the files that
/// reach the decoders' field-by-field checks. With it, the JSON pointer of the value replaced.
fn article_with_one_bad_value() -> impl Strategy<Value = (String, String)> {
    let junk = prop_oneof![
        Just(json!(null)),
        Just(json!(-1)),
        Just(json!(1.5)),
        Just(json!(true)),
        Just(json!("marquee")),
        Just(json!([])),
        Just(json!({})),
        Just(json!({"type": "marquee"})),
    ];
    (article(), any::<prop::sample::Index>(), junk).prop_map(|(article, which, junk)| {
        let mut value = serde_json::to_value(article).unwrap();
        let mut all = Vec::new();
        pointers(&value, String::new(), &mut all);
        let pointer = which.get(&all).clone();
        if let Some(slot) = value.pointer_mut(&pointer) {
            *slot = junk;
        }
        (value.to_string(), pointer)
    })
}

/// Anything in a headline list that is not a whole headline: a string, a number, another kind of
/// value, a headline with a required field missing, or one with a field of the wrong kind.
fn not_a_headline() -> impl Strategy<Value = Value> {
    let field = || {
        prop::sample::select(vec![
            "slug", "title", "section", "date", "summary", "impact",
        ])
    };
    prop_oneof![
        json_shaped().prop_map(Value::String),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        prop::collection::vec(any::<u8>(), 0..3).prop_map(|bytes| json!(bytes)),
        (headline(), field()).prop_map(|(headline, missing)| {
            let mut value = serde_json::to_value(headline).unwrap();
            value.as_object_mut().unwrap().remove(missing);
            value
        }),
        (
            headline(),
            field(),
            prop_oneof![
                Just(json!(140)),
                Just(json!(-1)),
                Just(json!("2026-02-30")),
                Just(json!(null)),
                Just(json!([])),
                Just(json!({})),
            ]
        )
            .prop_map(|(headline, field, wrong)| {
                let mut value = serde_json::to_value(headline).unwrap();
                // A wrong value a field can hold and still decode is not a broken headline.
                let wrong = match (field, &wrong) {
                    ("title" | "summary" | "section" | "slug", w) if w.is_string() => json!(7),
                    _ => wrong,
                };
                value[field] = wrong;
                value
            }),
    ]
}

/// Where `path` (as in `body[2].text`, or `.` for the top) points in `value`, if it exists.
fn find<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    if path == "." {
        return Some(value);
    }
    let mut here = value;
    for part in path.split('.') {
        let (name, indices) = part.split_once('[').unwrap_or((part, ""));
        if !name.is_empty() {
            here = here.get(name)?;
        }
        for index in indices.split('[').filter(|i| !i.is_empty()) {
            here = here.get(index.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
    }
    Some(here)
}

/// Checks that a refusal names what is wrong: a field that is really there (or the object missing
/// it), the version the file really states, a position inside the text.
fn names_the_problem(text: &str, error: &DecodeError) -> Result<(), String> {
    let parsed = serde_json::from_str::<Value>(text.trim_start());
    let ok = match (error, &parsed) {
        (DecodeError::Html, _) => text.trim_start().starts_with('<'),
        (DecodeError::Truncated, Err(parse)) => parse.is_eof(),
        (DecodeError::Syntax(detail), Err(_)) => {
            let lines = text.trim_start().matches('\n').count() + 1;
            let line = detail
                .rsplit_once("at line ")
                .and_then(|(_, rest)| rest.split(' ').next()?.parse::<usize>().ok());
            matches!(line, Some(line) if (1..=lines).contains(&line))
        }
        (DecodeError::Schema(found), Ok(value)) => {
            value.get("schema").and_then(Value::as_u64) == *found
        }
        (DecodeError::Field { path, message }, Ok(value)) => {
            !message.is_empty() && find(value, path).is_some()
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{error:?} for {text:?}"))
    }
}

/// The HTML standard's "valid email address", as its own regular expression states it, after the
/// value sanitisation an `<input type=email>` applies: the oracle the app's check must agree with.
fn html_standard_accepts(address: &str) -> bool {
    static PATTERN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
        r"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$",
        )
        .unwrap()
    });
    let value: String = address
        .chars()
        .filter(|c| !matches!(c, '\n' | '\r'))
        .collect();
    PATTERN.is_match(value.trim_matches(|c| matches!(c, '\t' | '\u{c}' | ' ')))
}

/// A piece of an address where the rules bite: words, punctuation, spaces, other scripts, labels
/// at the length limit.
fn address_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9]{1,8}",
        prop::sample::select(vec![
            ".", "..", "-", "_", "+", "'", "!", "~", " ", "\t", "\n", "\"", "(", ")", "[", "]",
            ",", ";", "é", "例", "xn--", "\u{a0}", "\u{200b}",
        ])
        .prop_map(str::to_owned),
        "[a-z]{63,64}",
    ]
}

/// Addresses built from those pieces, with one `@` (mostly), none or two.
fn address() -> impl Strategy<Value = String> {
    let part = || prop::collection::vec(address_piece(), 0..5).prop_map(|pieces| pieces.concat());
    prop_oneof![
        8 => (part(), part()).prop_map(|(local, domain)| format!("{local}@{domain}")),
        1 => part(),
        1 => (part(), part(), part()).prop_map(|(a, b, c)| format!("{a}@{b}@{c}")),
    ]
}

/// A code as a reader might paste it: six digits with spaces, dashes or tabs anywhere.
fn pasted_code() -> impl Strategy<Value = (String, String)> {
    (
        "[0-9]{6}",
        prop::collection::vec(prop::sample::select(vec!["", " ", "-", "\u{a0}", "\t"]), 7),
    )
        .prop_map(|(digits, gaps)| {
            let mut pasted = String::new();
            for (digit, gap) in digits.chars().zip(&gaps) {
                pasted.push_str(gap);
                pasted.push(digit);
            }
            pasted.push_str(gaps[6]);
            (pasted, digits)
        })
}

proptest! {
    #[test]
    fn decoders_answer_any_text_with_a_value_or_a_reason(
        text in prop_oneof![
            any::<String>(),
            json_shaped(),
            article_with_one_bad_value().prop_map(|(text, _)| text)
        ]
    ) {
        for result in [
            decode_index(&text).map(|_| ()),
            decode_chunk(&text).map(|_| ()),
            decode_article(&text).map(|_| ()),
        ] {
            if let Err(error) = result {
                prop_assert_eq!(names_the_problem(&text, &error), Ok(()));
            }
        }
    }

    #[test]
    fn a_refusal_names_the_bad_value_or_what_holds_it(
        (text, pointer) in article_with_one_bad_value()
    ) {
        if let Err(DecodeError::Field { path, .. }) = decode_article(&text) {
            // `body[1].type` as a JSON pointer: `/body/1/type`.
            let named = path
                .split(['.', '['])
                .filter(|part| !part.is_empty())
                .map(|part| format!("/{}", part.trim_end_matches(']')))
                .collect::<String>();
            let within = |outer: &str, inner: &str| {
                inner == outer || inner.starts_with(&format!("{outer}/"))
            };
            prop_assert!(
                !named.is_empty() && (within(&named, &pointer) || within(&pointer, &named)),
                "{} names {:?} for the value at {:?}", text, path, pointer
            );
            // A bad value in one of the article's lists names its entry, not the whole list.
            let depth = |pointer: &str| pointer.matches('/').count();
            prop_assert!(
                depth(&named) >= depth(&pointer).min(2),
                "{} names {:?} for the value at {:?}", text, path, pointer
            );
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
        prop_assert_eq!(decode_article(&json[..cut]), Err(DecodeError::Truncated));
    }

    #[test]
    fn a_broken_headline_costs_that_headline_only(
        headlines in prop::collection::vec(headline(), 0..8),
        broken in prop::collection::vec((0usize..8, not_a_headline()), 0..4),
    ) {
        let mut values: Vec<Value> =
            headlines.iter().map(|h| serde_json::to_value(h).unwrap()).collect();
        for (at, value) in &broken {
            values.insert((*at).min(values.len()), value.clone());
        }
        let json = json!({"schema": 2, "headlines": values}).to_string();
        let decoded = decode_chunk(&json).unwrap();
        prop_assert_eq!(decoded.value.headlines, headlines);
        prop_assert_eq!(decoded.skipped.len(), broken.len());
        // Each note names the headline by its slug where it has one, else by its place in the list.
        for note in &decoded.skipped {
            prop_assert!(note.starts_with("headline \"") || note.starts_with("headline #"), "{}", note);
        }
    }

    #[test]
    fn the_email_check_agrees_with_the_html_standard(address in address()) {
        prop_assert_eq!(validate::email(&address).is_ok(), html_standard_accepts(&address), "{:?}", address);
    }

    #[test]
    fn a_pasted_code_gives_its_six_digits((pasted, digits) in pasted_code()) {
        prop_assert_eq!(validate::code(&pasted), Ok(digits));
    }

    #[test]
    fn a_code_with_anything_else_in_it_is_refused(
        (pasted, _) in pasted_code(),
        at in any::<prop::sample::Index>(),
        stray in prop_oneof![Just('7'), Just('a'), Just('_'), Just('+'), Just('٣'), Just('３'), Just('\n'), any::<char>()],
    ) {
        prop_assume!(!matches!(stray, ' ' | '-' | '\u{a0}' | '\t'));
        let mut chars: Vec<char> = pasted.chars().collect();
        chars.insert(at.index(chars.len() + 1), stray);
        let input: String = chars.into_iter().collect();
        prop_assert!(validate::code(&input).is_err(), "{:?}", input);
    }

    #[test]
    fn text_fields_keep_what_fits_and_refuse_the_rest(
        // Lengths at each limit and either side of it, and anywhere.
        length in prop_oneof![0usize..=12, 98usize..=102, 198usize..=202, 4998usize..=5002, 0usize..6000],
        filler in "[a-zA-Zé例😀 ]{1,20}",
        padding in "[ \t\n]{0,3}",
        control in prop::option::of(prop_oneof![Just('\u{0}'), Just('\u{7}'), Just('\u{1b}'), Just('\u{7f}')]),
    ) {
        // `length` characters that neither start nor end with a space, so trimming keeps them all.
        let mut chars: Vec<char> = filler.chars().cycle().take(length).collect();
        for end in [0, length.saturating_sub(1)] {
            if chars.get(end) == Some(&' ') {
                chars[end] = 'x';
            }
        }
        if let Some(control) = control {
            if length > 2 {
                chars[length / 2] = control;
            }
        }
        let text: String = chars.into_iter().collect();
        let typed = format!("{padding}{text}{padding}");
        let clean = !text.chars().any(char::is_control);
        let fits = |min: usize, max: usize| clean && (min..=max).contains(&length);
        prop_assert_eq!(validate::name(&typed).ok(), fits(1, 100).then(|| text.clone()));
        prop_assert_eq!(validate::subject(&typed).ok(), fits(0, 200).then(|| text.clone()));
        prop_assert_eq!(validate::message(&typed).ok(), fits(10, 5000).then(|| text.clone()));
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

/// Codes with known answers, including the look-alike digits of other scripts.
#[test]
fn codes_with_known_answers() {
    let cases: &[(&str, Option<&str>)] = &[
        ("123456", Some("123456")),
        ("123 456", Some("123456")),
        ("123-456", Some("123456")),
        (" 1 2 3 4 5 6 ", Some("123456")),
        ("\t123\u{a0}456\t", Some("123456")),
        ("000000", Some("000000")),
        ("12345", None),
        ("1234567", None),
        ("", None),
        ("      ", None),
        ("12345a", None),
        ("123_456", None),
        ("+123456", None),
        ("123.456", None),
        ("123\n456", None),
        ("١٢٣٤٥٦", None),
        ("１２３４５６", None),
        ("12345６", None),
    ];
    for (input, expected) in cases {
        assert_eq!(
            validate::code(input).ok().as_deref(),
            *expected,
            "{input:?}"
        );
    }
}

/// The app's email check gives every corpus address the verdict Chromium gave it.
#[test]
fn email_addresses_get_the_recorded_browser_verdicts() {
    for (address, verdict) in email_corpus::VERDICTS {
        assert_eq!(validate::email(address).is_ok(), *verdict, "{address:?}");
        assert_eq!(
            html_standard_accepts(address),
            *verdict,
            "oracle: {address:?}"
        );
    }
    for (address, verdict) in email_corpus::label_limits() {
        assert_eq!(validate::email(&address).is_ok(), verdict, "{address:?}");
    }
}
