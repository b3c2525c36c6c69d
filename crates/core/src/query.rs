//! The reader's filters as they live in the address bar (`?q=...&section=...&min=...&sort=...`),
//! parsed and written here so that any text round-trips: `%`, `&`, `+`, `#`, `/`, quotes, emoji,
//! any script. (leptos_router's own query map decodes values twice, so `50%25` would become `50%`
//! and then fail; we read the raw query string instead.)

/// What the reader is looking for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub text: String,
    pub section: Option<String>,
    pub min_impact: u8,
    pub sort: Sort,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Newest,
    Impact,
}

impl Filters {
    /// Filters from a raw query string (with or without the leading `?`); unknown keys are ignored.
    pub fn from_query(query: &str) -> Self {
        let mut filters = Self::default();
        for (key, value) in parse(query) {
            match key.as_str() {
                "q" => filters.text = value,
                "section" if !value.is_empty() => filters.section = Some(value),
                "min" => {
                    filters.min_impact = value.trim().parse::<u8>().map_or(0, |min| min.min(100))
                }
                "sort" if value == "impact" => filters.sort = Sort::Impact,
                _ => {}
            }
        }
        filters
    }

    /// The query string for these filters, without the `?`; defaults are left out.
    pub fn to_query(&self) -> String {
        let mut pairs = Vec::new();
        if !self.text.is_empty() {
            pairs.push(format!("q={}", encode(&self.text)));
        }
        if let Some(section) = &self.section {
            pairs.push(format!("section={}", encode(section)));
        }
        if self.min_impact > 0 {
            pairs.push(format!("min={}", self.min_impact));
        }
        if self.sort == Sort::Impact {
            pairs.push("sort=impact".to_owned());
        }
        pairs.join("&")
    }

    pub fn is_active(&self) -> bool {
        !self.text.trim().is_empty()
            || self.section.is_some()
            || self.min_impact > 0
            || self.sort != Sort::Newest
    }
}

/// `key=value` pairs of a query string, `+` read as a space and `%XX` decoded as UTF-8 (invalid
/// sequences become U+FFFD rather than failing).
pub fn parse(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let hex = |at: usize| bytes.get(at).and_then(|b| char::from(*b).to_digit(16));
        match (byte, hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes everything but unreserved characters, so the value survives any URL handling.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_text_round_trips() {
        for text in [
            "50% & a/b #1",
            "a+b=c?",
            "\"quoted\" 'single'",
            "emoji 🗞️",
            "العربية",
            "中文 搜索",
            "%2F",
            "  spaced  ",
        ] {
            let filters = Filters {
                text: text.to_owned(),
                ..Filters::default()
            };
            assert_eq!(Filters::from_query(&filters.to_query()), filters, "{text}");
        }
    }

    #[test]
    fn all_filters_round_trip_and_defaults_stay_out_of_the_url() {
        let filters = Filters {
            text: "ai law".into(),
            section: Some("policy".into()),
            min_impact: 60,
            sort: Sort::Impact,
        };
        assert_eq!(
            filters.to_query(),
            "q=ai%20law&section=policy&min=60&sort=impact"
        );
        assert_eq!(
            Filters::from_query(&format!("?{}", filters.to_query())),
            filters
        );
        assert_eq!(Filters::default().to_query(), "");
    }

    #[test]
    fn hand_written_and_broken_queries_are_read_leniently() {
        let filters = Filters::from_query("q=a+b&min=250&sort=oldest&x=1&q2&section=");
        assert_eq!(
            (
                filters.text.as_str(),
                filters.min_impact,
                filters.sort,
                filters.section
            ),
            ("a b", 100, Sort::Newest, None)
        );
        assert_eq!(Filters::from_query("q=%E2%82&min=-3").text, "\u{fffd}");
        assert_eq!(Filters::from_query("q=100%").text, "100%");
    }
}
