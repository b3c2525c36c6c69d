use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

use super::Block;

/// The entry point of an edition: what the first screen needs and nothing more.
///
/// Only the newest headlines travel here; older ones live in numbered chunks and bodies in one file
/// per article, so a first visit costs the same whatever the size of the archive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Index {
    pub schema: u64,
    pub title: String,
    pub tagline: String,
    pub published: Date,
    pub sections: Vec<Section>,
    /// Read by `decode_index` one entry at a time, so that a broken headline costs only itself.
    #[serde(skip_deserializing)]
    pub headlines: Vec<Headline>,
    /// How many chunks of older headlines follow: `index/1.json` holds the oldest stories and
    /// `index/<n>.json` the ones just older than the index, so publishing leaves full chunks as they
    /// were.
    #[serde(default)]
    pub older_chunks: u32,
}

impl Index {
    /// The display name of a section, or its slug when the edition does not list it.
    pub fn section_name<'a>(&'a self, slug: &'a str) -> &'a str {
        self.sections
            .iter()
            .find(|section| section.slug == slug)
            .map_or(slug, |section| section.name.as_str())
    }
}

/// A batch of older headlines, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chunk {
    pub schema: u64,
    /// Read by `decode_chunk` one entry at a time, as for the index.
    #[serde(skip_deserializing)]
    pub headlines: Vec<Headline>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

/// What a list of stories shows for one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Headline {
    pub slug: String,
    pub title: String,
    pub section: String,
    pub date: Date,
    pub summary: String,
    pub impact: Impact,
}

/// One article in full, with the neighbours its page links to, so a deep link needs one request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub schema: u64,
    pub slug: String,
    pub title: String,
    pub standfirst: String,
    pub byline: String,
    pub section: String,
    pub date: Date,
    pub impact: Impact,
    pub reading_minutes: u32,
    #[serde(default)]
    pub tags: Vec<String>,
    pub body: Vec<Block>,
    #[serde(default)]
    pub related: Vec<Headline>,
    /// The next newer story in the edition.
    #[serde(default)]
    pub previous: Option<Headline>,
    /// The next older story in the edition.
    #[serde(default)]
    pub next: Option<Headline>,
}

/// The Impact Score: our editors' estimate, from 0 to 100, of how much a story will change its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Impact(u8);

impl Impact {
    pub const MAX: u8 = 100;

    pub fn new(score: u8) -> Option<Self> {
        (score <= Self::MAX).then_some(Self(score))
    }

    pub fn score(self) -> u8 {
        self.0
    }

    /// A word for the band the score falls in, so the number reads at a glance.
    pub fn band(self) -> &'static str {
        match self.0 {
            0..=30 => "Minor",
            31..=60 => "Notable",
            61..=80 => "Significant",
            _ => "Major",
        }
    }
}

impl<'de> Deserialize<'de> for Impact {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let score = u64::deserialize(deserializer)?;
        u8::try_from(score)
            .ok()
            .and_then(Impact::new)
            .ok_or_else(|| serde::de::Error::custom(format!("{score} is outside 0 to 100")))
    }
}

/// A calendar date, kept as `YYYY-MM-DD` so that sorting the text sorts the dates.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Date(String);

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    pub fn parse(text: &str) -> Option<Self> {
        let (year, month, day) = Self::parts(text)?;
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days_in_month = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        (text.len() == 10 && (1..=12).contains(&month) && (1..=days_in_month).contains(&day))
            .then(|| Self(text.to_owned()))
    }

    fn parts(text: &str) -> Option<(u32, u32, u32)> {
        let mut fields = text.splitn(3, '-');
        let mut next = |len: usize| {
            let field = fields.next()?;
            let digits = field.len() == len && field.bytes().all(|b| b.is_ascii_digit());
            digits.then(|| field.parse().ok()).flatten()
        };
        Some((next(4)?, next(2)?, next(2)?))
    }

    /// The machine-readable form, for `<time datetime>`.
    pub fn iso(&self) -> &str {
        &self.0
    }
}

/// The reader's form: "25 November 2026".
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match Self::parts(&self.0) {
            Some((year, month, day)) => {
                let month = MONTHS.get(month as usize - 1).copied().unwrap_or("");
                write!(f, "{day} {month} {year}")
            }
            None => f.write_str(&self.0),
        }
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("\"{text}\" is not a date in the form YYYY-MM-DD"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_a_person_writes_them() {
        let date = Date::parse("2026-11-05").unwrap();
        assert_eq!(date.to_string(), "5 November 2026");
        assert_eq!(date.iso(), "2026-11-05");
    }

    #[test]
    fn impossible_dates_are_refused() {
        for text in [
            "2026-13-01",
            "2026-02-29",
            "2026-04-31",
            "26-11-05",
            "2026-1-05",
            "yesterday",
            "",
        ] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
        assert!(Date::parse("2024-02-29").is_some(), "leap day");
    }

    #[test]
    fn impact_scores_stay_within_0_to_100() {
        assert_eq!(Impact::new(100).map(Impact::score), Some(100));
        assert_eq!(Impact::new(101), None);
        let decoded: Result<Impact, _> = serde_json::from_str("140");
        assert!(decoded
            .unwrap_err()
            .to_string()
            .contains("140 is outside 0 to 100"));
    }

    #[test]
    fn impact_bands_name_the_score() {
        let band = |score| Impact::new(score).unwrap().band();
        assert_eq!(
            [band(0), band(30), band(31), band(75), band(81)],
            ["Minor", "Minor", "Notable", "Significant", "Major"]
        );
    }
}
