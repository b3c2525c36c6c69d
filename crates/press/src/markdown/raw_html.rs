//! The text a reader would see in raw HTML, without its markup: what press keeps of the HTML in an
//! article. Nothing here decides what is safe to show; the result is plain text, escaped wherever
//! it is drawn.

/// Elements whose content is code or styling, not prose: dropped with their markup.
const HIDDEN: [&str; 4] = ["script", "style", "template", "textarea"];

/// Elements that break the text where they stand, so that words on either side stay apart.
const BREAKING: [&str; 16] = [
    "br",
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "hr",
    "figcaption",
];

/// The lowercase name of the tag `html` starts with (`<b class=x>` and `</b>` are both `b`).
pub fn tag_name(html: &str) -> Option<String> {
    let rest = html.strip_prefix('<')?;
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    (!name.is_empty()).then(|| name.to_ascii_lowercase())
}

/// The closing tag's name for an element whose content is dropped with it.
pub fn hidden_content(name: String) -> Option<&'static str> {
    HIDDEN.into_iter().find(|hidden| *hidden == name)
}

/// The first tag of `html`, short enough to name in a message.
pub fn shortened(html: &str) -> String {
    let html = html.trim();
    let tag = html
        .find('>')
        .map_or(html, |end| html.get(..=end).unwrap_or(html));
    match tag.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", tag.get(..cut).unwrap_or(tag)),
        None => tag.to_owned(),
    }
}

/// Whether `html` holds nothing but comments and blank space.
pub fn only_comments(html: &str) -> bool {
    let mut rest = html.trim_start();
    while let Some(comment) = rest.strip_prefix("<!--") {
        rest = comment
            .find("-->")
            .map_or("", |end| comment.get(end + 3..).unwrap_or("").trim_start());
    }
    rest.is_empty()
}

/// The words `html` shows, with its tags, comments and hidden elements dropped, its character
/// references read, and each run of blank space made one space (a no-break space stays).
pub fn visible_text(html: &str) -> String {
    let mut shown = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        shown.push_str(rest.get(..start).unwrap_or(""));
        let from = rest.get(start..).unwrap_or("");
        if let Some(comment) = from.strip_prefix("<!--") {
            rest = comment
                .find("-->")
                .map_or("", |end| comment.get(end + 3..).unwrap_or(""));
            continue;
        }
        let Some(name) = tag_name(from).or_else(|| declaration(from)) else {
            // A `<` that opens no tag is text, as a browser shows it.
            shown.push('<');
            rest = from.get(1..).unwrap_or("");
            continue;
        };
        let after = from.get(tag_end(from)..).unwrap_or("");
        rest = match hidden_content(name.clone()) {
            Some(hidden) if !from.starts_with("</") => after_closing(after, hidden),
            _ => after,
        };
        if BREAKING.contains(&name.as_str()) {
            shown.push(' ');
        }
    }
    shown.push_str(rest);
    decode(&shown)
        .split_ascii_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `<!DOCTYPE …>` and `<?xml …?>`, which have no text either.
fn declaration(html: &str) -> Option<String> {
    (html.starts_with("<!") || html.starts_with("<?")).then(|| "!".to_owned())
}

/// Where the tag at the start of `html` ends: past its `>`, outside quoted attribute values.
fn tag_end(html: &str) -> usize {
    let mut quote = None;
    for (at, c) in html.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), _) if c == open => quote = None,
            (None, '>') => return at + 1,
            _ => {}
        }
    }
    html.len()
}

/// What follows the closing tag `</name…>` in `html`, or nothing if it never closes.
fn after_closing<'a>(html: &'a str, name: &str) -> &'a str {
    let lower = html.to_ascii_lowercase();
    let closing = format!("</{name}");
    match lower.find(&closing) {
        Some(at) => {
            let from = html.get(at..).unwrap_or("");
            from.get(tag_end(from)..).unwrap_or("")
        }
        None => "",
    }
}

/// Reads the character references HTML text is written with; one it does not know stays as written.
fn decode(text: &str) -> String {
    let mut decoded = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        decoded.push_str(rest.get(..start).unwrap_or(""));
        let from = rest.get(start..).unwrap_or("");
        let reference = from
            .get(1..)
            .and_then(|after| after.find(';').filter(|end| *end <= 10))
            .and_then(|end| Some((character(from.get(1..=end)?)?, end + 2)));
        match reference {
            Some((c, length)) => {
                decoded.push(c);
                rest = from.get(length..).unwrap_or("");
            }
            None => {
                decoded.push('&');
                rest = from.get(1..).unwrap_or("");
            }
        }
    }
    decoded.push_str(rest);
    decoded
}

/// The character a reference names (`amp`, `#233`, `#xE9`), if it is one of the common ones.
fn character(name: &str) -> Option<char> {
    let number = match name.strip_prefix('#') {
        Some(hex) if hex.starts_with(['x', 'X']) => u32::from_str_radix(hex.get(1..)?, 16).ok(),
        Some(decimal) => decimal.parse().ok(),
        None => None,
    };
    if let Some(number) = number {
        return char::from_u32(number).filter(|c| !c.is_control() || c.is_whitespace());
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "copy" => '©',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_goes_and_the_words_stay() {
        let html = "<div class=\"note\">\n  <p>Fish &amp; <b>chips</b></p><p>cost&nbsp;£3 &mdash; <a href=\"javascript:x\">see</a></p>\n</div>";
        assert_eq!(visible_text(html), "Fish & chips cost\u{a0}£3 — see");
    }

    #[test]
    fn code_styling_and_comments_show_nothing() {
        let html = "<script>document.write('<b>x</b>')</script><STYLE>p{}</STYLE><!-- a note -->Kept<textarea>gone";
        assert_eq!(visible_text(html), "Kept");
        assert!(only_comments("<!-- one -->\n<!-- two -->"));
        assert!(!only_comments("<!-- one --><br>"));
    }

    #[test]
    fn what_is_not_a_tag_or_reference_stays_as_written() {
        assert_eq!(
            visible_text("<p>5 < 6 & 7 &bogus; &#x1F600;</p>"),
            "5 < 6 & 7 &bogus; 😀"
        );
        assert_eq!(visible_text("<p title='a > b'>text</p>"), "text");
        assert_eq!(visible_text("<p>&#0;&#1;</p>"), "&#0;&#1;");
    }

    #[test]
    fn a_message_names_the_first_tag_only() {
        assert_eq!(
            shortened("<img src=x onerror=alert(1)> more"),
            "<img src=x onerror=alert(1)>"
        );
        assert_eq!(
            shortened(&format!("<a href=\"{}\">", "x".repeat(100)))
                .chars()
                .count(),
            61
        );
        assert_eq!(tag_name("</Script >").as_deref(), Some("script"));
        assert_eq!(tag_name("< b>"), None);
    }
}
