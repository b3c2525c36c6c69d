//! Reading time: words at an ordinary pace, rounded up to whole minutes.

use gazette_core::edition::{Block, Inline};

/// Words a minute.
const READING_SPEED: usize = 200;

pub fn minutes(body: &[Block]) -> u32 {
    let words: usize = body.iter().map(block_words).sum();
    u32::try_from(words.div_ceil(READING_SPEED).max(1)).unwrap_or(u32::MAX)
}

fn block_words(block: &Block) -> usize {
    let count = |text: &str| text.split_whitespace().count();
    match block {
        Block::Paragraph { text } | Block::Heading { text } => runs_words(text),
        Block::Quote { text, source } => runs_words(text) + source.as_deref().map_or(0, count),
        Block::List { items, .. } => items.iter().map(|item| runs_words(item)).sum(),
        Block::Image { caption, .. } => caption.as_deref().map_or(0, count),
        Block::Code { text, .. } => count(text),
    }
}

fn runs_words(runs: &[Inline]) -> usize {
    let text: String = runs
        .iter()
        .map(|run| match run {
            Inline::Text(text) | Inline::Em(text) | Inline::Strong(text) => text.as_str(),
            Inline::Link { text, .. } => text.as_str(),
        })
        .collect();
    text.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(text: &str) -> Block {
        Block::Paragraph {
            text: vec![Inline::Text(text.to_owned())],
        }
    }

    #[test]
    fn reading_time_rounds_up_to_whole_minutes() {
        assert_eq!(minutes(&[paragraph("word")]), 1);
        assert_eq!(minutes(&[paragraph(&"word ".repeat(201))]), 2);
        assert_eq!(minutes(&[paragraph(&"word ".repeat(400))]), 2);
    }
}
