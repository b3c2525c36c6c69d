//! Markdown to the bundle's blocks. The wasm carries no Markdown parser: articles arrive as blocks.
//!
//! Only what the format can show is accepted: paragraphs, `##` subheadings, quotes (a last line
//! `— Name` is the source), flat lists, code blocks, emphasis, links and images standing alone.
//! Anything else is reported with its line rather than passed through or dropped silently. Raw
//! HTML, which migrated archives are full of, is never passed through: its markup is dropped and
//! its text kept (see `raw_html.rs`), with a warning, so the article still publishes.

mod raw_html;

use gazette_core::edition::{safe_href, Block, Inline};
use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

/// An image file the edition holds, as the bundle names it.
pub struct Image {
    pub src: String,
    pub width: u32,
    pub height: u32,
}

/// What the converter asks of the edition being built: where links and images really go.
pub trait Resolve {
    /// The bundle's form of a link target, or why it cannot be followed.
    fn link(&mut self, target: &str) -> Result<String, String>;
    fn image(&mut self, src: &str) -> Result<Image, String>;
}

pub struct Converted {
    pub blocks: Vec<Block>,
    /// `(line, message)` for each thing the format cannot carry.
    pub problems: Vec<(usize, String)>,
    /// `(line, message)` for what was changed to fit the format: raw HTML's markup dropped.
    pub warnings: Vec<(usize, String)>,
}

/// Converts an article body whose first line is line `first_line` of its file.
pub fn to_blocks(body: &str, first_line: usize, resolve: &mut dyn Resolve) -> Converted {
    let mut converter = Converter {
        resolve,
        blocks: Vec::new(),
        problems: Vec::new(),
        warnings: Vec::new(),
        html_block: None,
        hiding: None,
        runs: Vec::new(),
        emphasis: 0,
        strong: 0,
        link: None,
        image: None,
        standalone_image: None,
        other_content: false,
        quote: None,
        list: None,
        heading: false,
        skipping: false,
        code: None,
        line: first_line,
    };
    for (event, range) in Parser::new_ext(body, Options::empty()).into_offset_iter() {
        let before = body.get(..range.start).unwrap_or(body);
        converter.line = first_line + before.matches('\n').count();
        converter.event(event);
    }
    Converted {
        blocks: converter.blocks,
        problems: converter.problems,
        warnings: converter.warnings,
    }
}

struct Link {
    href: Option<String>,
    text: String,
}

struct PendingImage {
    src: String,
    caption: String,
    alt: String,
    line: usize,
    /// On another site, so shown as a link to it, never loaded.
    remote: bool,
}

struct List {
    ordered: bool,
    items: Vec<Vec<Inline>>,
}

struct Converter<'a> {
    resolve: &'a mut dyn Resolve,
    blocks: Vec<Block>,
    problems: Vec<(usize, String)>,
    warnings: Vec<(usize, String)>,
    /// The raw HTML block being read, and the line it starts on.
    html_block: Option<(usize, String)>,
    /// Inside an inline `<script>` or `<style>`, until this closing tag: its text is not prose.
    hiding: Option<&'static str>,
    /// The inline runs of the paragraph, heading or list item being read.
    runs: Vec<Inline>,
    emphasis: u32,
    strong: u32,
    link: Option<Link>,
    image: Option<PendingImage>,
    /// An image read in the current paragraph, which becomes a block if it stands alone.
    standalone_image: Option<Block>,
    other_content: bool,
    /// The paragraphs of the quote being read.
    quote: Option<Vec<Vec<Inline>>>,
    list: Option<List>,
    heading: bool,
    /// Inside a construct already reported, whose text is not wanted.
    skipping: bool,
    /// The code block being read: the language its fence names, and its text.
    code: Option<(Option<String>, String)>,
    line: usize,
}

impl Converter<'_> {
    fn report(&mut self, message: impl Into<String>) {
        self.problems.push((self.line, message.into()));
    }

    fn event(&mut self, event: Event) {
        if self.skipping {
            if matches!(event, Event::End(TagEnd::CodeBlock)) {
                self.skipping = false;
            }
            return;
        }
        if let Some(closing) = self.hiding {
            if let Event::InlineHtml(html) = &event {
                if raw_html::tag_name(html).is_some_and(|name| name == closing) {
                    self.hiding = None;
                }
            }
            return;
        }
        if let Some((_, code)) = self.code.as_mut() {
            match event {
                Event::Text(text) => code.push_str(&text),
                Event::End(TagEnd::CodeBlock) => self.end_code(),
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Html(html) => {
                if let Some((_, block)) = self.html_block.as_mut() {
                    block.push_str(&html);
                }
            }
            Event::InlineHtml(html) => self.inline_html(&html),
            Event::Text(text) | Event::Code(text) => self.text(&text),
            // In a quote a line break is kept until the quote ends: its last line may be the source.
            Event::SoftBreak | Event::HardBreak if self.quote.is_some() => self.text("\n"),
            Event::SoftBreak | Event::HardBreak => self.text(" "),
            Event::Rule => self.report("horizontal rules (---, ***) are not part of the format"),
            _ => self.report("this Markdown construct is not part of the format"),
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph => {
                if self.list.is_none() {
                    self.runs.clear();
                } else if !self.runs.is_empty() {
                    self.text(" ");
                }
                self.standalone_image = None;
                self.other_content = false;
            }
            Tag::Heading { .. } => {
                if self.list.is_some() {
                    self.report("a heading inside a list is not part of the format");
                }
                // A `#` heading (the title is the front matter's) is taken a level down, as `##`:
                // posts from other tools often have one.
                self.heading = true;
                self.runs.clear();
            }
            Tag::BlockQuote(_) => {
                if self.quote.is_some() || self.list.is_some() {
                    self.report("a quote inside a quote or list is not part of the format");
                }
                self.quote = Some(Vec::new());
            }
            Tag::List(first) => {
                if self.list.is_some() {
                    self.report(
                        "a list inside a list is not part of the format; use one flat list",
                    );
                    return;
                }
                self.list = Some(List {
                    ordered: first.is_some(),
                    items: Vec::new(),
                });
            }
            Tag::Item => self.runs.clear(),
            Tag::Emphasis => self.emphasis += 1,
            Tag::Strong => self.strong += 1,
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                // `<desk@example.org>` is an email autolink.
                let target = if link_type == LinkType::Email {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.to_string()
                };
                let href = match self.resolve.link(&target) {
                    Ok(href) => Some(href),
                    Err(message) => {
                        self.report(message);
                        None
                    }
                };
                self.link = Some(Link {
                    href,
                    text: String::new(),
                });
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                let remote = ["http://", "https://"]
                    .iter()
                    .any(|scheme| dest_url.to_ascii_lowercase().starts_with(scheme));
                if !remote && (self.list.is_some() || self.heading || self.link.is_some()) {
                    self.report("an image must stand in a paragraph of its own, not in a list, heading or link");
                }
                self.image = Some(PendingImage {
                    src: dest_url.to_string(),
                    caption: title.to_string(),
                    alt: String::new(),
                    line: self.line,
                    remote,
                });
            }
            Tag::CodeBlock(kind) if self.list.is_none() => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => language(&info),
                    CodeBlockKind::Indented => None,
                };
                self.code = Some((language, String::new()));
            }
            Tag::CodeBlock(_) => {
                self.report("a code block inside a list is not part of the format");
                self.skipping = true;
            }
            Tag::HtmlBlock => self.html_block = Some((self.line, String::new())),
            _ => self.report("this Markdown construct is not part of the format"),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.end_paragraph(),
            TagEnd::Heading(_) => {
                self.heading = false;
                let text = std::mem::take(&mut self.runs);
                if text.is_empty() {
                    self.report("an empty heading");
                }
                self.push_block(Block::Heading { text });
            }
            TagEnd::BlockQuote(_) => self.end_quote(),
            TagEnd::List(_) => {
                if let Some(list) = self.list.take() {
                    self.push_block(Block::List {
                        ordered: list.ordered,
                        items: list.items,
                    });
                }
            }
            TagEnd::Item => {
                let item = std::mem::take(&mut self.runs);
                if let Some(list) = self.list.as_mut() {
                    list.items.push(item);
                }
            }
            TagEnd::Emphasis => self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Link => {
                if let Some(link) = self.link.take() {
                    match link.href {
                        Some(href) => self.runs.push(Inline::Link {
                            text: link.text,
                            href,
                        }),
                        None => self.push_text(&link.text),
                    }
                }
            }
            TagEnd::Image => self.end_image(),
            TagEnd::HtmlBlock => self.end_html_block(),
            _ => {}
        }
    }

    fn end_code(&mut self) {
        let Some((language, mut text)) = self.code.take() else {
            return;
        };
        if invisible_control(&text) {
            self.report("the code contains an invisible control character");
        }
        // The fence's closing line ends the code; the line break before it is not part of it.
        text.truncate(text.trim_end_matches('\n').len());
        self.push_block(Block::Code { language, text });
    }

    fn warn(&mut self, line: usize, markup: &str) {
        self.warnings.push((
            line,
            format!("the HTML `{markup}` is not published: its markup is dropped and its text kept; write Markdown (a literal < is written \\<)"),
        ));
    }

    /// An inline tag is dropped; the text around it is Markdown's, and kept. A comment, meant to
    /// be unseen, goes without a word.
    fn inline_html(&mut self, html: &str) {
        if html.starts_with("<!--") {
            return;
        }
        let markup = raw_html::shortened(html);
        self.warn(self.line, &markup);
        if let Some(closing) = raw_html::tag_name(html).and_then(raw_html::hidden_content) {
            if !html.starts_with("</") && !html.ends_with("/>") {
                self.hiding = Some(closing);
            }
        }
    }

    /// A block of HTML becomes a paragraph of its text, if it shows any.
    fn end_html_block(&mut self) {
        let Some((line, raw)) = self.html_block.take() else {
            return;
        };
        let text = raw_html::visible_text(&raw);
        if !raw_html::only_comments(&raw) {
            self.warn(line, &raw_html::shortened(&raw));
        }
        if text.is_empty() {
            return;
        }
        if invisible_control(&text) {
            let message = "the text contains an invisible control character";
            self.problems.push((line, message.into()));
        }
        if self.list.is_some() {
            self.push_text(&text);
        } else {
            self.push_block(Block::Paragraph {
                text: vec![Inline::Text(text)],
            });
        }
    }

    fn text(&mut self, text: &str) {
        if invisible_control(text) {
            self.report("the text contains an invisible control character");
        }
        if let Some(image) = self.image.as_mut() {
            image.alt.push_str(text);
        } else if let Some(link) = self.link.as_mut() {
            link.text.push_str(text);
            self.other_content = true;
        } else {
            if !text.trim().is_empty() {
                self.other_content = true;
            }
            self.push_text(text);
        }
    }

    /// Adds text in the current style, joining it to the run before when the style is the same.
    fn push_text(&mut self, text: &str) {
        let run = match (self.strong > 0, self.emphasis > 0) {
            (true, _) => Inline::Strong(text.to_owned()),
            (false, true) => Inline::Em(text.to_owned()),
            (false, false) => Inline::Text(text.to_owned()),
        };
        match (self.runs.last_mut(), run) {
            (Some(Inline::Text(last)), Inline::Text(more))
            | (Some(Inline::Em(last)), Inline::Em(more))
            | (Some(Inline::Strong(last)), Inline::Strong(more)) => last.push_str(&more),
            (_, run) => self.runs.push(run),
        }
    }

    fn end_image(&mut self) {
        let Some(image) = self.image.take() else {
            return;
        };
        let alt = image.alt.trim().to_owned();
        if image.remote {
            return self.remote_image(image.src, alt, image.line);
        }
        if alt.is_empty() {
            self.problems.push((
                image.line,
                format!(
                    "the image {} has no alt text: write ![what it shows]({})",
                    image.src, image.src
                ),
            ));
        }
        match self.resolve.image(&image.src) {
            Ok(file) => {
                self.standalone_image = Some(Block::Image {
                    src: file.src,
                    alt,
                    width: file.width,
                    height: file.height,
                    caption: Some(image.caption).filter(|caption| !caption.trim().is_empty()),
                });
            }
            Err(message) => self.problems.push((image.line, message)),
        }
    }

    /// A picture on another site is not loaded, for the readers' privacy and the site's security
    /// policy: the reader gets its alt text, linked to it.
    fn remote_image(&mut self, src: String, alt: String, line: usize) {
        self.warnings.push((line, format!("the picture {src} is on another site, so it is not loaded: readers see its alt text, linked to it (keep a copy in images/ to show it)")));
        let text = if alt.is_empty() { src.clone() } else { alt };
        match (self.link.as_mut(), safe_href(&src)) {
            (Some(link), _) => link.text.push_str(&text),
            (None, Some(href)) => {
                self.other_content = true;
                let href = href.to_owned();
                self.runs.push(Inline::Link { text, href });
            }
            (None, None) => self.push_text(&text),
        }
    }

    fn end_paragraph(&mut self) {
        if self.list.is_some() {
            return;
        }
        let image = self.standalone_image.take();
        let text = std::mem::take(&mut self.runs);
        match (image, self.other_content) {
            (Some(_), true) => self.report(
                "an image must stand in a paragraph of its own, with blank lines around it",
            ),
            (Some(image), false) => self.push_block(image),
            (None, _) if text.is_empty() => {}
            (None, _) => self.push_block(Block::Paragraph { text }),
        }
    }

    /// Blocks inside a quote become its paragraphs; elsewhere they join the body.
    fn push_block(&mut self, block: Block) {
        match (self.quote.as_mut(), block) {
            (Some(paragraphs), Block::Paragraph { text }) => paragraphs.push(text),
            (Some(_), _) => self.report("a quote holds paragraphs only"),
            (None, block) => self.blocks.push(block),
        }
    }

    fn end_quote(&mut self) {
        let Some(mut paragraphs) = self.quote.take() else {
            return;
        };
        // The source is a last paragraph, or a last line, starting with a dash: `— Name`.
        let as_source = |line: &str| {
            ["— ", "-- ", "– "]
                .iter()
                .find_map(|dash| line.trim().strip_prefix(dash))
                .map(|source| source.trim().to_owned())
        };
        let mut source = None;
        if let Some(last) = paragraphs.last_mut() {
            if let [Inline::Text(only)] = last.as_slice() {
                source = as_source(only);
            }
            if source.is_some() {
                paragraphs.pop();
            } else if let Some(Inline::Text(end)) = last.last_mut() {
                if let Some((before, line)) = end.rsplit_once('\n') {
                    source = as_source(line);
                    if source.is_some() {
                        *end = before.to_owned();
                    }
                }
            }
        }
        for run in paragraphs.iter_mut().flatten() {
            if let Inline::Text(text) | Inline::Em(text) | Inline::Strong(text) = run {
                *text = text.replace('\n', " ");
            }
        }
        let mut text = Vec::new();
        for paragraph in paragraphs {
            if !text.is_empty() {
                text.push(Inline::Text(" ".to_owned()));
            }
            text.extend(paragraph);
        }
        if text.is_empty() {
            self.report("a quote needs words before its source");
            return;
        }
        self.blocks.push(Block::Quote { text, source });
    }
}

/// Whether `text` holds a control character other than a tab or line break: pasted from word
/// processors, invisible on the page, and invalid in the feed's XML.
fn invisible_control(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n'))
}

/// The language a fence names (```` ```rust ````): its first word, if it is a plain name.
fn language(info: &str) -> Option<String> {
    let word = info.split_whitespace().next()?;
    let plain = word.len() <= 32
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '#' | '.' | '_'));
    plain.then(|| word.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Site;

    impl Resolve for Site {
        fn link(&mut self, target: &str) -> Result<String, String> {
            match target {
                "known.md" => Ok("/articles/known/".to_owned()),
                "https://example.org" | "mailto:desk@example.org" => Ok(target.to_owned()),
                _ => Err(format!("no such article: {target}")),
            }
        }

        fn image(&mut self, src: &str) -> Result<Image, String> {
            Ok(Image {
                src: format!("/edition/{src}"),
                width: 640,
                height: 360,
            })
        }
    }

    fn convert(body: &str) -> Converted {
        to_blocks(body, 10, &mut Site)
    }

    #[test]
    fn the_format_s_blocks_come_through() {
        let body = "Plain *stressed* **strong** [next](known.md) `code`.\n\n## Sub\n\n> Said *this*\n>\n> — A source\n\n1. one\n2. two\n\n![A chart](images/a.svg \"Its caption\")\n\n> Two lines\n> of words\n> — Another source\n";
        let blocks = convert(body).blocks;
        assert_eq!(
            blocks[0],
            Block::Paragraph {
                text: vec![
                    Inline::Text("Plain ".into()),
                    Inline::Em("stressed".into()),
                    Inline::Text(" ".into()),
                    Inline::Strong("strong".into()),
                    Inline::Text(" ".into()),
                    Inline::Link {
                        text: "next".into(),
                        href: "/articles/known/".into()
                    },
                    Inline::Text(" code.".into()),
                ]
            }
        );
        assert!(matches!(&blocks[1], Block::Heading { .. }));
        assert!(
            matches!(&blocks[2], Block::Quote { source: Some(source), .. } if source == "A source")
        );
        assert!(matches!(&blocks[3], Block::List { ordered: true, items } if items.len() == 2));
        assert!(
            matches!(&blocks[4], Block::Image { caption: Some(caption), width: 640, .. } if caption == "Its caption")
        );
        assert_eq!(
            blocks[5],
            Block::Quote {
                text: vec![Inline::Text("Two lines of words".into())],
                source: Some("Another source".into())
            }
        );
    }

    #[test]
    fn what_the_format_cannot_carry_is_reported_with_its_line() {
        let body = "Fine.\n\n<script>alert(1)</script>\n\nText <b>bold</b>.\n\n# Title again\n\n![](images/a.svg)\n\n[gone](missing.md)\n\n```\ncode\n```\n";
        let converted = convert(body);
        let problems = converted.problems;
        let lines: Vec<usize> = problems.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [18, 20], "{problems:?}");
        assert!(problems[0].1.contains("no alt text"));
        assert!(problems[1].1.contains("missing.md"));
        // A `#` heading is published a level down, as the format's subheading.
        let heading = Block::Heading {
            text: vec![Inline::Text("Title again".into())],
        };
        assert!(
            converted.blocks.contains(&heading),
            "{:?}",
            converted.blocks
        );
        let warnings = converted.warnings;
        let lines: Vec<usize> = warnings.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [12, 14, 14], "{warnings:?}");
        assert!(warnings[0].1.contains("`<script>` is not published"));
        assert!(warnings[2].1.contains("`</b>` is not published"));
    }

    #[test]
    fn a_picture_from_another_site_becomes_its_alt_text_linked_to_it() {
        let body = "![A chart of votes](https://cdn.example.org/votes.png)\n\n- ![](HTTPS://example.org/a.png)\n\n[![Logo](https://example.org/l.svg)](https://example.org)\n";
        let converted = convert(body);
        assert!(converted.problems.is_empty(), "{:?}", converted.problems);
        let link = |text: &str, href: &str| Inline::Link {
            text: text.into(),
            href: href.into(),
        };
        assert_eq!(
            converted.blocks,
            [
                Block::Paragraph {
                    text: vec![link(
                        "A chart of votes",
                        "https://cdn.example.org/votes.png"
                    )]
                },
                Block::List {
                    ordered: false,
                    items: vec![vec![link(
                        "HTTPS://example.org/a.png",
                        "HTTPS://example.org/a.png"
                    )]]
                },
                Block::Paragraph {
                    text: vec![link("Logo", "https://example.org")]
                },
            ]
        );
        let lines: Vec<usize> = converted.warnings.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [10, 12, 14], "{:?}", converted.warnings);
        assert!(converted.warnings[0].1.contains("is not loaded"));
    }

    #[test]
    fn raw_html_keeps_its_text_and_never_its_markup() {
        let body = "Text <b>bold</b> and <span onclick=\"x()\">more</span> <script>alert(1)</script>done <!-- a note -->.\n\n<div class=\"box\">\n<p>Fish &amp; chips</p><img src=x onerror=alert(2)>\n</div>\n\n<!-- only a note -->\n\nEnd.";
        let converted = convert(body);
        assert!(converted.problems.is_empty(), "{:?}", converted.problems);
        assert_eq!(
            converted.blocks,
            [
                Block::Paragraph {
                    text: vec![Inline::Text("Text bold and more done .".into())]
                },
                Block::Paragraph {
                    text: vec![Inline::Text("Fish & chips".into())]
                },
                Block::Paragraph {
                    text: vec![Inline::Text("End.".into())]
                },
            ]
        );
        let lines: Vec<usize> = converted.warnings.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [10, 10, 10, 10, 10, 12], "{:?}", converted.warnings);
    }

    mod generated {
        //! Property tests over generated Markdown (`.ci/fuzz` runs them for minutes).
        use super::*;
        use proptest::prelude::*;

        /// Markdown-ish text: the syntax characters in every arrangement, words and HTML.
        fn markdownish() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                Just("\n"),
                Just("\n\n"),
                Just(" "),
                Just("*"),
                Just("**"),
                Just("_"),
                Just("`"),
                Just("["),
                Just("]"),
                Just("("),
                Just(")"),
                Just("!"),
                Just("#"),
                Just("## "),
                Just("> "),
                Just("- "),
                Just("1. "),
                Just("    "),
                Just("```"),
                Just("---"),
                Just("<"),
                Just(">"),
                Just("<b>"),
                Just("</b>"),
                Just("<script>"),
                Just("<!--"),
                Just("&amp;"),
                Just("\\"),
                Just("known.md"),
                Just("missing.md"),
                Just("images/a.svg"),
                Just("javascript:x"),
                Just("— "),
                Just("word"),
                Just("é"),
                Just("😀"),
            ];
            prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
        }

        /// Markdown the format takes: paragraphs of words, emphasis, strong, links and code,
        /// subheadings, flat lists, quotes with a source, pictures standing alone.
        fn formatish() -> impl Strategy<Value = String> {
            let inline = prop_oneof![
                Just("word"),
                Just("é"),
                Just("*stressed*"),
                Just("_stressed_"),
                Just("**strong words**"),
                Just("***both***"),
                Just("[a link](known.md)"),
                Just("[out](https://example.org)"),
                Just("`code`"),
                Just("&amp;"),
                Just("5 < 6"),
                Just("\\*"),
            ];
            let line =
                || prop::collection::vec(inline.clone(), 1..6).prop_map(|words| words.join(" "));
            let block = prop_oneof![
                line(),
                line().prop_map(|text| format!("## {text}")),
                prop::collection::vec(line(), 1..4)
                    .prop_map(|items| format!("- {}", items.join("\n- "))),
                prop::collection::vec(line(), 1..4)
                    .prop_map(|items| format!("1. {}", items.join("\n2. "))),
                (line(), any::<bool>()).prop_map(|(text, sourced)| {
                    if sourced {
                        format!("> {text}\n> — A source")
                    } else {
                        format!("> {text}")
                    }
                }),
                Just("![A chart](images/a.svg \"A caption\")".to_owned()),
            ];
            prop::collection::vec(block, 1..6).prop_map(|blocks| blocks.join("\n\n"))
        }

        /// The text a Markdown renderer shows for `body`: its text, code, and image alt texts, with
        /// a space wherever a block or line ends.
        fn shown_by_markdown(body: &str) -> String {
            let mut shown = String::new();
            for event in Parser::new_ext(body, Options::empty()) {
                match event {
                    Event::Text(text) | Event::Code(text) => shown.push_str(&text),
                    Event::End(
                        TagEnd::Paragraph
                        | TagEnd::Heading(_)
                        | TagEnd::Item
                        | TagEnd::List(_)
                        | TagEnd::BlockQuote(_),
                    )
                    | Event::SoftBreak
                    | Event::HardBreak => shown.push(' '),
                    _ => {}
                }
            }
            shown
        }

        /// The text the blocks show, in order: a quote's source after its words, an image's alt.
        fn shown_by_blocks(blocks: &[Block]) -> String {
            let runs = |runs: &[Inline]| -> String {
                runs.iter()
                    .map(|run| match run {
                        Inline::Text(text) | Inline::Em(text) | Inline::Strong(text) => {
                            text.as_str()
                        }
                        Inline::Link { text, .. } => text.as_str(),
                    })
                    .collect()
            };
            let mut shown = String::new();
            for block in blocks {
                match block {
                    Block::Paragraph { text } | Block::Heading { text } => {
                        shown.push_str(&runs(text))
                    }
                    Block::Quote { text, source } => {
                        shown.push_str(&runs(text));
                        shown.push(' ');
                        shown.push_str(source.as_deref().unwrap_or(""));
                    }
                    Block::List { items, .. } => {
                        for item in items {
                            shown.push_str(&runs(item));
                            shown.push(' ');
                        }
                    }
                    Block::Image { alt, .. } => shown.push_str(alt),
                    Block::Code { text, .. } => shown.push_str(text),
                }
                shown.push(' ');
            }
            shown
        }

        /// Words for comparing, leaving out the dash that introduces a quote's source.
        fn words(text: &str) -> Vec<&str> {
            text.split_whitespace()
                .filter(|word| !word.chars().all(|c| matches!(c, '—' | '–' | '-')))
                .collect()
        }

        proptest! {
            #[test]
            fn any_markdown_converts_or_is_reported_within_the_file(body in prop_oneof![markdownish(), formatish()]) {
                let converted = to_blocks(&body, 10, &mut Site);
                let last = 10 + body.matches('\n').count();
                for (line, _) in &converted.problems {
                    prop_assert!((10..=last).contains(line), "line {} outside 10..={}", line, last);
                }
                for (line, _) in &converted.warnings {
                    prop_assert!((10..=last).contains(line), "line {} outside 10..={}", line, last);
                }
                // Converted with nothing reported: every word a Markdown renderer would show is
                // in the blocks, in the same order.
                if converted.problems.is_empty() && converted.warnings.is_empty() {
                    let (markdown, blocks) = (shown_by_markdown(&body), shown_by_blocks(&converted.blocks));
                    prop_assert_eq!(words(&markdown), words(&blocks), "{:?}", body);
                }
            }

            #[test]
            fn raw_html_never_passes_unreported(
                before in "[a-z ]{0,12}",
                tag in prop_oneof![Just("<script>alert(1)</script>"), Just("<img src=x onerror=alert(1)>"), Just("<b>bold</b>"), Just("<i title='<b>'>x</i>")],
                after in "[a-z ]{0,12}",
                block in any::<bool>(),
            ) {
                let body = if block { format!("{before}\n\n{tag}\n\n{after}") } else { format!("{before} {tag} {after}") };
                let converted = to_blocks(&body, 1, &mut Site);
                // Its markup dropped with a warning, or, indented four spaces, kept as the text
                // of a code block: never markup in any other block.
                let (code, other): (Vec<&Block>, Vec<&Block>) = converted.blocks.iter().partition(|block| matches!(block, Block::Code { .. }));
                prop_assert!(!converted.warnings.is_empty() || !code.is_empty(), "{:?}", body);
                prop_assert!(!format!("{other:?}").contains('<'), "{:?}", converted.blocks);
            }

            #[test]
            fn plain_paragraphs_come_through_word_for_word(
                paragraphs in prop::collection::vec(prop::collection::vec("[a-z]{1,8}", 1..8), 1..5)
            ) {
                let texts: Vec<String> = paragraphs.iter().map(|words| words.join(" ")).collect();
                let converted = to_blocks(&texts.join("\n\n"), 1, &mut Site);
                prop_assert!(converted.problems.is_empty());
                let expected: Vec<Block> = texts
                    .into_iter()
                    .map(|text| Block::Paragraph { text: vec![Inline::Text(text)] })
                    .collect();
                prop_assert_eq!(converted.blocks, expected);
            }
        }
    }

    #[test]
    fn images_and_headings_out_of_place_are_reported_not_dropped() {
        let problems = convert("- ![A chart](images/a.svg)\n- ## Sub\n\n##\n\n[![A chart](images/a.svg)](https://example.org)\n").problems;
        let messages: Vec<&str> = problems.iter().map(|(_, m)| m.as_str()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("not in a list, heading or link")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("heading inside a list")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("empty heading")),
            "{messages:?}"
        );
    }

    #[test]
    fn an_email_autolink_becomes_a_mailto_link() {
        let blocks = convert("Write to <desk@example.org>.").blocks;
        assert!(
            matches!(&blocks[0], Block::Paragraph { text } if text.contains(&Inline::Link {
                text: "desk@example.org".into(),
                href: "mailto:desk@example.org".into()
            })),
            "{blocks:?}"
        );
    }

    #[test]
    fn code_blocks_keep_their_text_as_written_and_their_language() {
        let body = "```Rust title=\"x\"\nfn main() {\n    println!(\"</script>\");\n}\n```\n\n    <script>alert(1)</script>\n\n``` \"><img>\nplain\n```\n\n- item\n\n      indented in a list\n";
        let converted = convert(body);
        let code = |language: Option<&str>, text: &str| Block::Code {
            language: language.map(str::to_owned),
            text: text.to_owned(),
        };
        assert_eq!(
            &converted.blocks[..3],
            [
                code(Some("rust"), "fn main() {\n    println!(\"</script>\");\n}"),
                // Found by the generated tests: four spaces make a code block, not HTML.
                code(None, "<script>alert(1)</script>"),
                code(None, "plain"),
            ]
        );
        assert!(converted.warnings.is_empty(), "{:?}", converted.warnings);
        let problems = converted.problems;
        assert!(
            problems[0].1.contains("code block inside a list"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_link_that_cannot_be_followed_keeps_its_words() {
        let converted = convert("See [this](missing.md) now.");
        assert_eq!(
            converted.blocks,
            [Block::Paragraph {
                text: vec![Inline::Text("See this now.".into())]
            }]
        );
    }
}
