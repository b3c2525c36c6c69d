//! Every headline loaded so far, newest first, stored compactly, with its search index. Pure Rust:
//! the app's state holds one, and `cargo test` checks it natively.

use gazette_core::edition::{Date, Headline, Impact};
use gazette_core::query::{Filters, Sort};
use gazette_core::search::{query_terms, Hit, SearchIndex};

/// A headline as the archive keeps it: its text in one allocation, the rest inline. An archive
/// holds 100,000 of these, and four strings each would cost a third more memory.
struct Entry {
    /// Slug, then title, then summary.
    text: Box<str>,
    slug_end: u32,
    title_end: u32,
    date: [u8; 10],
    section: u16,
    impact: Impact,
}

/// What a search found: the headlines' positions, best first, and whether every one of them needed a
/// close match (nothing matched exactly), which the page says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Finding {
    pub positions: Vec<u32>,
    pub close_only: bool,
}

#[derive(Default)]
pub struct Archive {
    entries: Vec<Entry>,
    /// Section slugs, each stored once; entries refer to them by position.
    sections: Vec<Box<str>>,
    skipped: Vec<String>,
    search: SearchIndex,
}

impl Archive {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Notes on headlines that could not be decoded.
    pub fn skipped(&self) -> &[String] {
        &self.skipped
    }

    /// Makes room for `more` headlines at once: growing a 100,000-entry list by doubling would
    /// briefly hold both copies, and wasm memory never shrinks after such a peak.
    pub fn reserve(&mut self, more: usize) {
        self.entries.reserve_exact(more);
    }

    /// Adds older headlines after those already held.
    pub fn extend(&mut self, headlines: Vec<Headline>, skipped: Vec<String>) {
        self.search.extend(
            headlines
                .iter()
                .map(|headline| (headline.title.as_str(), headline.summary.as_str())),
        );
        for headline in headlines {
            let section = self.section_number(&headline.section);
            let Headline {
                slug,
                title,
                date,
                summary,
                impact,
                ..
            } = headline;
            let mut date_bytes = [0; 10];
            date_bytes.copy_from_slice(date.iso().as_bytes().get(..10).unwrap_or(&[b'0'; 10]));
            self.entries.push(Entry {
                slug_end: slug.len() as u32,
                title_end: (slug.len() + title.len()) as u32,
                text: [slug, title, summary].concat().into_boxed_str(),
                date: date_bytes,
                section,
                impact,
            });
        }
        self.skipped.extend(skipped);
    }

    fn section_number(&mut self, slug: &str) -> u16 {
        match self.sections.iter().position(|known| &**known == slug) {
            Some(position) => position as u16,
            None => {
                self.sections.push(slug.into());
                (self.sections.len() - 1) as u16
            }
        }
    }

    /// The headline at `position`, rebuilt for display.
    pub fn headline(&self, position: u32) -> Option<Headline> {
        let entry = self.entries.get(position as usize)?;
        let (slug_end, title_end) = (entry.slug_end as usize, entry.title_end as usize);
        Some(Headline {
            slug: entry.text.get(..slug_end)?.to_owned(),
            title: entry.text.get(slug_end..title_end)?.to_owned(),
            section: self.sections.get(usize::from(entry.section))?.to_string(),
            date: Date::parse(std::str::from_utf8(&entry.date).ok()?)?,
            summary: entry.text.get(title_end..)?.to_owned(),
            impact: entry.impact,
        })
    }

    /// The headlines matching `filters`, best first: exact and prefix matches before close ones,
    /// then title matches before summary-only ones, then whole words before prefixes, then newest
    /// or most impactful first.
    pub fn find(&mut self, filters: &Filters) -> Finding {
        let section = match &filters.section {
            Some(slug) => match self.sections.iter().position(|known| **known == **slug) {
                Some(position) => Some(position as u16),
                None => return Finding::default(),
            },
            None => None,
        };
        let entries = &self.entries;
        let mut hits: Vec<_> = self
            .search
            .search(&query_terms(&filters.text))
            .into_iter()
            .filter(|hit| {
                entries.get(hit.position as usize).is_some_and(|entry| {
                    entry.impact.score() >= filters.min_impact
                        && section.is_none_or(|section| entry.section == section)
                })
            })
            .collect();
        let impact = |position: u32| {
            entries
                .get(position as usize)
                .map_or(0, |entry| entry.impact.score())
        };
        let rank = |hit: &Hit| {
            (
                hit.close,
                std::cmp::Reverse(hit.title_terms),
                std::cmp::Reverse(hit.exact_terms),
            )
        };
        match filters.sort {
            // Positions are newest first already, and the sort is stable.
            Sort::Newest => hits.sort_by_key(rank),
            Sort::Impact => hits.sort_by(|a, b| {
                rank(a)
                    .cmp(&rank(b))
                    .then_with(|| impact(b.position).cmp(&impact(a.position)))
            }),
        }
        Finding {
            close_only: hits.first().is_some_and(|hit| hit.close),
            positions: hits.into_iter().map(|hit| hit.position).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headline(slug: &str, title: &str, section: &str, summary: &str, impact: u8) -> Headline {
        Headline {
            slug: slug.into(),
            title: title.into(),
            section: section.into(),
            date: Date::parse("2026-11-20").unwrap(),
            summary: summary.into(),
            impact: Impact::new(impact).unwrap(),
        }
    }

    fn archive() -> Archive {
        let mut archive = Archive::default();
        archive.extend(
            vec![
                headline("a", "Courts weigh data", "law", "A claim about models.", 40),
                headline(
                    "b",
                    "Chips get faster",
                    "industry",
                    "Courts are not involved; data is.",
                    90,
                ),
            ],
            vec![],
        );
        archive.extend(
            vec![headline(
                "c",
                "Data rules tighten",
                "policy",
                "Courts watch.",
                70,
            )],
            vec!["x".into()],
        );
        archive
    }

    #[test]
    fn headlines_come_back_as_they_went_in() {
        let archive = archive();
        assert_eq!(
            archive.headline(2),
            Some(headline(
                "c",
                "Data rules tighten",
                "policy",
                "Courts watch.",
                70
            ))
        );
        assert_eq!(archive.headline(3), None);
        assert_eq!(
            (archive.len(), archive.skipped()),
            (3, &["x".to_owned()][..])
        );
    }

    #[test]
    fn title_matches_rank_first_then_the_chosen_order() {
        let mut archive = archive();
        let find = |archive: &mut Archive, text: &str, sort| {
            archive
                .find(&Filters {
                    text: text.into(),
                    sort,
                    ..Filters::default()
                })
                .positions
        };
        assert_eq!(find(&mut archive, "data", Sort::Newest), [0, 2, 1]);
        assert_eq!(find(&mut archive, "courts", Sort::Impact), [0, 1, 2]);
        assert_eq!(find(&mut archive, "", Sort::Impact), [1, 2, 0]);
    }

    #[test]
    fn section_and_impact_filter() {
        let mut archive = archive();
        let filters = Filters {
            section: Some("policy".into()),
            ..Filters::default()
        };
        assert_eq!(archive.find(&filters).positions, [2]);
        assert_eq!(
            archive
                .find(&Filters {
                    min_impact: 50,
                    ..Filters::default()
                })
                .positions,
            [1, 2]
        );
        assert_eq!(
            archive.find(&Filters {
                section: Some("sport".into()),
                ..Filters::default()
            }),
            Finding::default()
        );
    }

    #[test]
    fn close_matches_rank_last_and_are_said_to_be_close_when_alone() {
        let mut archive = Archive::default();
        archive.extend(
            vec![
                headline("a", "Courts weigh data", "law", "Regulaton, misspelt.", 40),
                headline("b", "Regulation of chips", "industry", "Chips.", 90),
                headline("c", "Regulations tighten", "policy", "Rules.", 70),
            ],
            vec![],
        );
        let mut find = |text: &str| {
            archive.find(&Filters {
                text: text.into(),
                ..Filters::default()
            })
        };
        assert_eq!(
            find("regulation"),
            Finding {
                positions: vec![1, 2, 0],
                close_only: false
            },
            "whole word, then prefix, then close"
        );
        assert_eq!(
            find("regulatoin"),
            Finding {
                positions: vec![1, 2, 0],
                close_only: true
            }
        );
        assert_eq!(find("regukatoin"), Finding::default(), "two slips");
    }
}
