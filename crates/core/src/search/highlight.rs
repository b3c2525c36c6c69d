//! Marking what a query matched, on exactly the characters it matched: the start of a word or of
//! one of its parts, a joined form across its hyphen ("realtime" marks "Real-time"), any part of a
//! run of an unspaced script, and the letters of a close match when the word had no exact one.

use std::ops::Range;

use super::fold::fold_char;
use super::normalise::{grams, is_unspaced, tokens, Cut, Kind, Token};
use super::typo::{close_prefix, forgiving};

/// A run of text, marked if it is (the start of) a word the query matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub text: String,
    pub matched: bool,
}

/// `text` cut into segments so that the characters matching a query term are marked.
pub fn highlight(text: &str, terms: &[String]) -> Vec<Segment> {
    let tokens = tokens(text, Cut::Index);
    let mut marks: Vec<Range<usize>> = Vec::new();
    for term in &runs_again(terms) {
        let before = marks.len();
        let unspaced = term.chars().next().is_some_and(is_unspaced);
        for token in &tokens {
            match (unspaced, token.kind) {
                (true, Kind::Run) => {
                    for range in run_matches(&token.folded, term) {
                        marks.push(original(text, token, range));
                    }
                }
                (false, Kind::Part | Kind::Joined) if token.folded.starts_with(term.as_str()) => {
                    marks.push(original(text, token, 0..term.len()));
                }
                _ => {}
            }
        }
        if marks.len() == before && !unspaced && forgiving(term) {
            for token in tokens.iter().filter(|token| token.kind != Kind::Run) {
                if let Some(end) = close_prefix(term, &token.folded) {
                    marks.push(original(text, token, 0..end));
                }
            }
        }
    }
    segments(text, marks)
}

/// The terms with the overlapping pairs a query asks for an unspaced run by ("经济", "济增", "增长")
/// joined back into that run, so that only the run is marked, not each pair wherever it occurs.
fn runs_again(terms: &[String]) -> Vec<String> {
    let mut joined: Vec<String> = Vec::new();
    for term in terms {
        let mut chars = term.chars();
        let (first, second) = (chars.next(), chars.next());
        let is_pair = first.is_some_and(is_unspaced) && second.is_some() && chars.next().is_none();
        if let (true, Some(run), Some(first), Some(second)) =
            (is_pair, joined.last_mut(), first, second)
        {
            if run.chars().next().is_some_and(is_unspaced) && run.ends_with(first) {
                run.push(second);
                continue;
            }
        }
        joined.push(term.clone());
    }
    joined
}

/// Where the unspaced `run` a query asked for is in `folded`: each stretch whose neighbouring
/// characters all make pairs of the run and that holds every one of them. The query's pairs are kept
/// distinct, so a run that repeats one ("一一タタタ一" asks for "一一", "一タ", "タタ", "タ一") cannot
/// be rebuilt letter for letter; its pairs are what the search matched, and what is marked.
fn run_matches(folded: &str, run: &str) -> Vec<Range<usize>> {
    if run.chars().nth(1).is_none() {
        return folded
            .match_indices(run)
            .map(|(at, found)| at..at + found.len())
            .collect();
    }
    let wanted: Vec<&str> = grams(run).collect();
    let starts: Vec<usize> = folded
        .char_indices()
        .map(|(at, _)| at)
        .chain([folded.len()])
        .collect();
    let pair = |i: usize| folded.get(*starts.get(i)?..*starts.get(i + 2)?);
    let mut found = Vec::new();
    let mut i = 0;
    while i + 2 < starts.len() {
        let mut seen: Vec<&str> = Vec::new();
        let mut j = i;
        while let Some(here) = pair(j).filter(|here| wanted.contains(here)) {
            seen.push(here);
            j += 1;
        }
        if j > i && wanted.iter().all(|want| seen.contains(want)) {
            if let (Some(&start), Some(&end)) = (starts.get(i), starts.get(j + 1)) {
                found.push(start..end);
            }
        }
        i = j.max(i + 1);
    }
    found
}

/// Where, in the original text, the folded bytes `folded` of `token` come from: whole characters,
/// with the marks that belong to the last one.
fn original(text: &str, token: &Token, folded: Range<usize>) -> Range<usize> {
    let mut start = None;
    let mut end = token.range.start;
    let mut reached = 0;
    let mut folding = String::new();
    for (offset, c) in text
        .get(token.range.clone())
        .unwrap_or_default()
        .char_indices()
    {
        folding.clear();
        fold_char(c, &mut folding);
        // A joiner ("-", "'") is not in the joined form: inside a match it is marked with it.
        if !c.is_alphanumeric() && !folding.is_empty() {
            if reached >= folded.end {
                break;
            }
            continue;
        }
        let here = reached;
        reached += folding.len();
        if here >= folded.end && !folding.is_empty() {
            break;
        }
        let at = token.range.start + offset;
        if start.is_none() && reached > folded.start {
            start = Some(at);
        }
        if start.is_some() {
            end = at + c.len_utf8();
        }
    }
    start.unwrap_or(end)..end
}

/// `text` as marked and unmarked segments, overlapping and touching marks joined.
fn segments(text: &str, mut marks: Vec<Range<usize>>) -> Vec<Segment> {
    marks.sort_unstable_by_key(|mark| (mark.start, mark.end));
    let mut segments = Vec::new();
    let mut done = 0;
    let mut push = |range: Range<usize>, matched: bool| {
        if let Some(text) = text.get(range).filter(|text| !text.is_empty()) {
            segments.push(Segment {
                text: text.to_owned(),
                matched,
            });
        }
    };
    let mut marks = marks.into_iter().peekable();
    while let Some(mark) = marks.next() {
        let start = mark.start.max(done);
        let mut end = mark.end;
        while let Some(next) = marks.next_if(|next| next.start <= end) {
            end = end.max(next.end);
        }
        if end <= start {
            continue;
        }
        push(done..start, false);
        push(start..end, true);
        done = end;
    }
    push(done..text.len(), false);
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str, query: &str) -> String {
        highlight(text, &super::super::query_terms(query))
            .into_iter()
            .map(|segment| {
                if segment.matched {
                    format!("[{}]", segment.text)
                } else {
                    segment.text
                }
            })
            .collect()
    }

    #[test]
    fn matched_prefixes_are_marked_in_the_original_text() {
        assert_eq!(
            marked("Regulators test age rules", "reg rul"),
            "[Reg]ulators test age [rul]es"
        );
        assert_eq!(marked("Café société", "cafe soci"), "[Café] [soci]été");
        assert_eq!(marked("naive Naïve", "naï"), "[nai]ve [Naï]ve");
        assert_eq!(
            marked("Cafe\u{301} au lait", "cafe"),
            "[Cafe\u{301}] au lait"
        );
        assert_eq!(marked("Straße", "stras"), "[Straß]e");
        assert_eq!(marked("no match here", "xyz"), "no match here");
        assert_eq!(marked("", "x"), "");
    }

    #[test]
    fn parts_and_joined_forms_are_marked() {
        assert_eq!(marked("Real-time data", "realtime"), "[Real-time] data");
        assert_eq!(marked("Real-time data", "real time"), "[Real]-[time] data");
        assert_eq!(marked("Europe's rules", "europes"), "[Europe's] rules");
        assert_eq!(
            marked("Meet GPT-5, not GPT5", "gpt5"),
            "Meet [GPT-5], not [GPT5]"
        );
    }

    #[test]
    fn a_run_that_repeats_a_pair_is_marked_whole() {
        // Found by .ci/fuzz: the query's pairs are distinct, so "一タタタ" came back as "一タタ".
        assert_eq!(
            marked("Lead: 一一タタタ一一, today", "一一タタタ一"),
            "Lead: [一一タタタ一一], today"
        );
        assert_eq!(
            marked("Lead: 一一タタタ, today", "一タタタ"),
            "Lead: 一[一タタタ], today"
        );
    }

    #[test]
    fn any_part_of_an_unspaced_run_is_marked() {
        assert_eq!(marked("中国经济增长放缓", "经济"), "中国[经济]增长放缓");
        assert_eq!(marked("中国经济增长放缓", "济增长"), "中国经[济增长]放缓");
        assert_eq!(
            marked("東京都知事が新たな防災計画", "防災"),
            "東京都知事が新たな[防災]計画"
        );
        assert_eq!(marked("인공지능 규제", "지능"), "인공[지능] 규제");
        assert_eq!(marked("がっこう", "か"), "[が]っこう");
        assert_eq!(
            marked("การเลือกตั้ง ออก", "เลือกตั้ง"),
            "การ[เลือกตั้ง] ออก",
            "a pair of the query elsewhere is not the query"
        );
    }

    #[test]
    fn a_close_match_is_marked_only_without_an_exact_one() {
        assert_eq!(
            marked("Regulation of courts", "regulatoin"),
            "[Regulation] of courts"
        );
        assert_eq!(
            marked("Regulation ahead", "regulaton"),
            "[Regulation] ahead"
        );
        assert_eq!(
            marked("Regulatoin and Regulation", "regulatoin"),
            "[Regulatoin] and Regulation"
        );
    }
}
