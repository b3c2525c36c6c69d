//! Each article's related stories, from lists of the stories under each tag and in each section.
//!
//! Comparing every pair of stories grows with the square of the archive (232 s for 10,000 stories).
//! Instead each story is weighed only against the stories published nearest to it and the newest
//! ones in each of its lists: a bounded number per story, whatever the size of the archive. An
//! edition whose lists are no longer than the reach gets exactly what comparing every pair gives.

use rayon::prelude::*;
use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};

/// How many related stories an article lists.
const RELATED: usize = 3;

/// How many stories either side of a story in one of its lists, and at the newest end of the list,
/// are weighed as related to it.
const REACH: usize = 100;

/// What relatedness looks at in a story.
pub struct Story<'a> {
    pub section: &'a str,
    pub tags: &'a [String],
}

/// For each story (newest first), up to three others sharing the most tags (each worth two, any
/// case) or the section (worth one), newest first among equals, as indices into `stories`.
pub fn related(stories: &[Story]) -> Vec<Vec<usize>> {
    let lists = Lists::new(stories);
    // Each thread marks the stories it has weighed for the story at hand with that story's
    // position, so a story in several of its lists is weighed once, with nothing to sort or clear.
    (0..stories.len())
        .into_par_iter()
        .map_init(
            || vec![usize::MAX; stories.len()],
            |weighed, at| {
                let mut best = Best::default();
                for (members, place) in lists.places(at) {
                    let newest = members.get(..REACH.min(members.len())).unwrap_or_default();
                    let around =
                        place.saturating_sub(REACH)..(place + REACH + 1).min(members.len());
                    for &other in newest.iter().chain(members.get(around).unwrap_or_default()) {
                        match weighed.get_mut(other) {
                            Some(mark) if *mark != at && other != at => {
                                *mark = at;
                                best.offer(lists.score(at, other), other);
                            }
                            _ => {}
                        }
                    }
                }
                best.0.into_iter().map(|(_, other)| other).collect()
            },
        )
        .collect()
}

/// The `RELATED` best stories offered so far, best first: the highest score, then the newest.
#[derive(Default)]
struct Best(Vec<(Reverse<usize>, usize)>);

impl Best {
    fn offer(&mut self, score: usize, other: usize) {
        if score == 0 {
            return;
        }
        let offered = (Reverse(score), other);
        let at = self.0.partition_point(|kept| *kept < offered);
        if at < RELATED {
            self.0.insert(at, offered);
            self.0.truncate(RELATED);
        }
    }
}

/// One list per tag (lowercased) and per section, of the stories in it in order; a list's number
/// also stands for its tag or section.
struct Lists {
    members: Vec<Vec<usize>>,
    /// For each story, the lists of its tags (sorted) and the position in each.
    tags: Vec<Vec<(usize, usize)>>,
    /// For each story, its section's list and the position in it.
    section: Vec<(usize, usize)>,
}

impl Lists {
    fn new(stories: &[Story]) -> Self {
        let mut number: HashMap<(bool, String), usize> = HashMap::new();
        let mut lists = Self {
            members: Vec::new(),
            tags: Vec::with_capacity(stories.len()),
            section: Vec::with_capacity(stories.len()),
        };
        for (at, story) in stories.iter().enumerate() {
            let mut join = |key: (bool, String)| {
                let list = *number.entry(key).or_insert_with(|| {
                    lists.members.push(Vec::new());
                    lists.members.len() - 1
                });
                let members = lists.members.get_mut(list)?;
                members.push(at);
                Some((list, members.len() - 1))
            };
            let tags: HashSet<String> = story.tags.iter().map(|tag| tag.to_lowercase()).collect();
            let mut places: Vec<(usize, usize)> = tags
                .into_iter()
                .filter_map(|tag| join((true, tag)))
                .collect();
            places.sort_unstable();
            let section = join((false, story.section.to_owned())).unwrap_or_default();
            lists.tags.push(places);
            lists.section.push(section);
        }
        lists
    }

    /// The story's lists, each with the story's position in it.
    fn places(&self, at: usize) -> impl Iterator<Item = (&[usize], usize)> {
        let tags = self.tags.get(at).into_iter().flatten();
        tags.chain(self.section.get(at))
            .filter_map(|&(list, place)| Some((self.members.get(list)?.as_slice(), place)))
    }

    /// How related the story at `other` is to the one at `at`: two for each tag they share, one
    /// for the same section.
    fn score(&self, at: usize, other: usize) -> usize {
        let tags = |story: usize| self.tags.get(story).map_or(&[][..], Vec::as_slice);
        let section = |story: usize| self.section.get(story).map(|&(list, _)| list);
        2 * shared(tags(at), tags(other)) + usize::from(section(at) == section(other))
    }
}

/// How many lists two sorted lists of `(list, position)` have in common.
fn shared(a: &[(usize, usize)], b: &[(usize, usize)]) -> usize {
    let (mut a, mut b) = (a.iter().peekable(), b.iter().peekable());
    let mut count = 0;
    while let (Some(&&(x, _)), Some(&&(y, _))) = (a.peek(), b.peek()) {
        match x.cmp(&y) {
            std::cmp::Ordering::Less => {
                a.next();
            }
            std::cmp::Ordering::Greater => {
                b.next();
            }
            std::cmp::Ordering::Equal => {
                count += 1;
                a.next();
                b.next();
            }
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn stories(specs: &[(String, Vec<String>)]) -> Vec<Story<'_>> {
        specs
            .iter()
            .map(|(section, tags)| Story { section, tags })
            .collect()
    }

    /// Every pair compared, written apart from the code under test: what an edition within the
    /// reach must get.
    fn every_pair(stories: &[Story]) -> Vec<Vec<usize>> {
        let tags = |story: &Story| -> HashSet<String> {
            story.tags.iter().map(|tag| tag.to_lowercase()).collect()
        };
        (0..stories.len())
            .map(|at| {
                let mut scored: Vec<(usize, usize)> = (0..stories.len())
                    .filter(|&other| other != at)
                    .map(|other| {
                        let shared = tags(&stories[at])
                            .intersection(&tags(&stories[other]))
                            .count();
                        let section = usize::from(stories[at].section == stories[other].section);
                        (2 * shared + section, other)
                    })
                    .filter(|&(score, _)| score > 0)
                    .collect();
                scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                scored.iter().take(3).map(|&(_, other)| other).collect()
            })
            .collect()
    }

    fn spec() -> impl Strategy<Value = (String, Vec<String>)> {
        let tag = prop::sample::select(vec!["ai", "AI", "law", "chips", "energy", "space"]);
        (
            prop::sample::select(vec!["research", "law", "industry"]).prop_map(str::to_owned),
            prop::collection::vec(tag.prop_map(str::to_owned), 0..4),
        )
    }

    proptest! {
        #[test]
        fn an_edition_within_reach_gets_what_comparing_every_pair_gives(
            specs in prop::collection::vec(spec(), 0..=REACH + 1)
        ) {
            let stories = stories(&specs);
            prop_assert_eq!(related(&stories), every_pair(&stories));
        }
    }

    #[test]
    fn shared_tags_outweigh_the_section_and_the_newest_wins_a_tie() {
        let specs = [
            ("law".to_owned(), vec!["ai".to_owned()]),
            ("law".to_owned(), vec![]),
            (
                "research".to_owned(),
                vec!["AI".to_owned(), "chips".to_owned()],
            ),
            ("law".to_owned(), vec!["ai".to_owned(), "chips".to_owned()]),
            ("law".to_owned(), vec![]),
        ];
        let related = related(&stories(&specs));
        assert_eq!(related[3], [2, 0, 1]);
        assert_eq!(related[1], [0, 3, 4]);
    }

    #[test]
    fn a_story_deep_in_a_long_archive_is_weighed_against_its_neighbours_and_the_newest() {
        // 1,000 stories of one section; one old pair shares a tag nobody else has.
        let mut specs = vec![("law".to_owned(), Vec::new()); 1000];
        specs[700].1 = vec!["rare".to_owned()];
        specs[702].1 = vec!["rare".to_owned()];
        let related = related(&stories(&specs));
        assert_eq!(related[700], [702, 0, 1]);
        assert_eq!(related[999], [0, 1, 2]);
    }
}
