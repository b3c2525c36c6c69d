//! The newsroom's pipeline end to end: `press edition` and `press site` on folders of Markdown.
#![allow(clippy::unwrap_used)]

mod common;

use gazette_core::edition::{decode_article, decode_chunk, decode_index, Block};
use std::fs;
use std::path::{Path, PathBuf};

/// `press edition`, keeping its record beside the output folder (the command keeps it in target/).
fn edition(content: &Path, out: &Path) -> Result<String, String> {
    press::edition(content, out, &out.with_extension("record"), true)
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("press-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

const EDITION: &str = r#"{"title": "T", "tagline": "A tagline.", "front_page": 2, "chunk_size": 2,
  "sections": [{"slug": "law", "name": "Law"}, {"slug": "research", "name": "Research"}]}"#;

/// A content folder with these articles (file name, text) and one image.
fn content(name: &str, articles: &[(&str, &str)]) -> PathBuf {
    let dir = scratch(name);
    fs::create_dir_all(dir.join("articles")).unwrap();
    fs::create_dir_all(dir.join("images")).unwrap();
    fs::write(dir.join("edition.json"), EDITION).unwrap();
    fs::write(
        dir.join("images/chart.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180"></svg>"#,
    )
    .unwrap();
    for (file, text) in articles {
        fs::write(dir.join("articles").join(file), text).unwrap();
    }
    dir
}

fn article(title: &str, date: &str, impact: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nstandfirst: What it means.\nsection: law\ntags: courts, data\nauthor: A. Writer\ndate: {date}\nimpact: {impact}\n---\n\n{body}\n")
}

#[test]
fn the_sample_edition_builds_and_decodes_without_loss() {
    let out = scratch("sample").join("edition");
    let output = edition(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../content")
            .as_path(),
        &out,
    );
    if let Err(report) = &output {
        panic!("{report}");
    }
    let read = |path: &str| fs::read_to_string(out.join(path)).unwrap();
    let index = decode_index(&read("index.json")).unwrap();
    assert!(index.skipped.is_empty(), "{:?}", index.skipped);
    let mut headlines = index.value.headlines.clone();
    for chunk in (1..=index.value.older_chunks).rev() {
        let chunk = decode_chunk(&read(&format!("index/{chunk}.json"))).unwrap();
        assert!(chunk.skipped.is_empty(), "{:?}", chunk.skipped);
        headlines.extend(chunk.value.headlines);
    }
    assert_eq!(headlines.len(), 18);
    assert!(
        headlines
            .windows(2)
            .all(|pair| pair[0].date >= pair[1].date),
        "newest first"
    );
    for headline in &headlines {
        let article = decode_article(&read(&format!("articles/{}.json", headline.slug)))
            .unwrap_or_else(|error| panic!("{}: {error}", headline.slug));
        assert_eq!(article.title, headline.title);
        assert!(article.body.len() >= 4, "{} has a real body", headline.slug);
        assert!(article.reading_minutes >= 1);
        assert!(
            !article.related.is_empty(),
            "{} has related stories",
            headline.slug
        );
    }
    let maths = decode_article(&read("articles/mathematics-in-machine-learning.json")).unwrap();
    assert!(maths.body.iter().any(|block| matches!(
        block,
        Block::Image {
            width: 640,
            height: 360,
            ..
        }
    )));
    assert!(out
        .join("images/mathematics-in-machine-learning.svg")
        .exists());
}

#[test]
fn a_good_edition_gets_order_chunks_neighbours_and_related() {
    let dir = content(
        "good",
        &[
            (
                "old.md",
                &article("Old", "2026-01-01", "10", "Links to [the new one](new.md), [the renamed one](middle.md) and [a README](https://example.org/README.md)."),
            ),
            (
                "middle.md",
                &format!("---\nslug: renamed{}", &article("Middle", "2026-02-01", "50", &"word ".repeat(450))[3..]),
            ),
            (
                "new.md",
                &article(
                    "New",
                    "2026-03-01",
                    "90",
                    "![A chart of things](images/chart.svg \"Caption\")\n\nText.",
                ),
            ),
        ],
    );
    let out = dir.join("out");
    let output = edition(&dir, &out);
    if let Err(report) = &output {
        panic!("{report}");
    }
    let index = decode_index(&fs::read_to_string(out.join("index.json")).unwrap())
        .unwrap()
        .value;
    let slugs: Vec<&str> = index.headlines.iter().map(|h| h.slug.as_str()).collect();
    assert_eq!(slugs, ["new", "renamed"]);
    assert_eq!(index.older_chunks, 1);
    assert_eq!(index.published.iso(), "2026-03-01");
    let read = |slug: &str| {
        decode_article(&fs::read_to_string(out.join(format!("articles/{slug}.json"))).unwrap())
            .unwrap()
    };
    let middle = read("renamed");
    assert_eq!(middle.reading_minutes, 3);
    assert_eq!(middle.previous.unwrap().slug, "new");
    assert_eq!(middle.next.unwrap().slug, "old");
    assert_eq!(middle.related.len(), 2);
    let old = read("old");
    let body = format!("{:?}", old.body);
    assert!(body.contains("/articles/new/") && body.contains("/articles/renamed/"));
    assert!(
        body.contains("https://example.org/README.md"),
        "an external .md link stays external"
    );
    assert!(
        matches!(&read("new").body[0], Block::Image { src, width: 320, height: 180, .. } if src == "/edition/images/chart.svg")
    );
}

/// A content folder with one good article, one with raw HTML (published without its markup, with
/// warnings) and six that each have something wrong, and what the report must say of them.
fn flawed(name: &str) -> (PathBuf, Vec<String>) {
    let dir = content(
        name,
        &[
            ("fine.md", &article("Fine", "2026-01-01", "10", "Text.")),
            ("impact.md", &article("Impact", "2026-01-02", "140", "Text.")),
            ("date.md", &article("Date", "2026-02-30", "10", "Text.")),
            ("html.md", &article("Html", "2026-01-03", "10", "Text.\n\n<script>alert(1)</script>\n\nMore <img src=x onerror=alert(1)>.")),
            ("link.md", &article("Link", "2026-01-04", "10", "See [gone](missing.md) and [bad](javascript:alert(1)).")),
            ("alt.md", &article("Alt", "2026-01-05", "10", "Text.\n\n![](images/chart.svg)")),
            ("missing.md.txt", "ignored: not Markdown"),
            ("untitled.md", "---\nstandfirst: S\nsection: sport\nauthor: A\ndate: 2026-01-01\nimpact: 5\ncolour: red\n---\n\nText.\n"),
            ("dup.md", &format!("---\nslug: fine\n{}", &article("Dup", "2026-01-01", "1", "Text.")[4..])),
        ],
    );
    let file = |name: &str| dir.join("articles").join(name).display().to_string();
    let expected = vec![
        format!(
            "{}:8: the Impact Score `140` must be a whole number from 0 to 100",
            file("impact.md")
        ),
        format!(
            "{}:7: the date `2026-02-30` is not a real date",
            file("date.md")
        ),
        format!(
            "{}:13: the HTML `<script>` is not published: its markup is dropped",
            file("html.md")
        ),
        format!(
            "{}:15: the HTML `<img src=x onerror=alert(1)>` is not published",
            file("html.md")
        ),
        format!(
            "{}:11: broken link: there is no article file `missing.md`",
            file("link.md")
        ),
        format!(
            "{}:11: the link target `javascript:alert(1)` is not allowed",
            file("link.md")
        ),
        format!(
            "{}:13: the image images/chart.svg has no alt text",
            file("alt.md")
        ),
        format!("{}:1: the front matter has no `title`", file("untitled.md")),
        format!("{}:3: there is no section `sport`", file("untitled.md")),
        format!("{}:7: unknown field `colour`", file("untitled.md")),
        format!(
            "{}:2: the slug `fine` is already used by {}",
            file("dup.md"),
            file("fine.md")
        ),
    ];
    (dir, expected)
}

#[test]
fn strict_reports_every_problem_with_file_and_line_and_writes_nothing() {
    let (dir, expected) = flawed("strict");
    let out = dir.join("out");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("index.json"), "the previous edition").unwrap();
    let report = edition(&dir, &out).unwrap_err();
    for expected in expected {
        assert!(
            report.contains(&expected),
            "missing {expected:?} in:\n{report}"
        );
    }
    assert!(report.contains("11 problems"), "{report}");
    assert!(report.contains("nothing was written"));
    assert_eq!(
        fs::read_to_string(out.join("index.json")).unwrap(),
        "the previous edition"
    );
}

#[test]
fn an_article_with_a_problem_is_left_out_and_the_others_publish() {
    let (dir, expected) = flawed("lenient");
    let out = dir.join("out");
    let report = press::edition(&dir, &out, &dir.join("record"), false)
        .unwrap_or_else(|report| panic!("{report}"));
    for expected in expected {
        assert!(
            report.contains(&expected),
            "missing {expected:?} in:\n{report}"
        );
    }
    assert!(
        report.contains("6 articles left out for the problems above"),
        "{report}"
    );
    assert!(
        report.contains("press: 2 articles published, 6 left out"),
        "{report}"
    );
    assert!(
        report.contains(&format!(
            "press: warning: {}:13: the HTML `<script>`",
            dir.join("articles/html.md").display()
        )),
        "{report}"
    );
    assert_eq!(slugs_in(&out), ["html", "fine"]);
    let fine = decode_article(&fs::read_to_string(out.join("articles/fine.json")).unwrap());
    assert_eq!(fine.unwrap().title, "Fine");
    let html = fs::read_to_string(out.join("articles/html.json")).unwrap();
    let body = decode_article(&html).unwrap().body;
    let paragraphs = |text: &str| Block::Paragraph {
        text: vec![gazette_core::edition::Inline::Text(text.into())],
    };
    assert_eq!(body, [paragraphs("Text."), paragraphs("More .")]);
    let mut published: Vec<String> = fs::read_dir(out.join("articles"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    published.sort();
    assert_eq!(published, ["fine.json", "html.json"]);

    // With nothing left that can be published, the edition is refused: an empty one would take
    // every story off the site.
    for file in ["fine.md", "dup.md", "html.md"] {
        fs::remove_file(dir.join("articles").join(file)).unwrap();
    }
    let report = press::edition(&dir, &out, &dir.join("record"), false).unwrap_err();
    assert!(
        report.contains("holds no article that can be published"),
        "{report}"
    );
    assert!(report.contains("nothing was written"), "{report}");
    assert_eq!(slugs_in(&out), ["html", "fine"]);
}

/// The slugs on an edition's front page.
fn slugs_in(out: &Path) -> Vec<String> {
    let index = decode_index(&fs::read_to_string(out.join("index.json")).unwrap()).unwrap();
    index.value.headlines.into_iter().map(|h| h.slug).collect()
}

#[test]
fn the_prerendered_site_shows_hostile_front_matter_as_text() {
    let hostile = "---\ntitle: <script>alert(1)</script> & \"quotes\"\nstandfirst: \"><img src=x onerror=alert(2)>\nsection: law\ntags: <b>bold</b>, </style><style>*{display:none}</style>\nauthor: </title><script>alert(3)</script>\ndate: 2026-01-01\nimpact: 50\n---\n\nEscaped in Markdown: \\<script>alert(4)\\</script>\n";
    let dir = content("hostile", &[("hostile.md", hostile)]);
    let dist = dir.join("dist");
    fs::create_dir_all(&dist).unwrap();
    let output = edition(&dir, &dist.join("edition"));
    if let Err(report) = &output {
        panic!("{report}");
    }
    common::fake_build(&dist);
    let settings = press::Settings {
        public_url: Some("/news/".to_owned()),
        origin: Some("https://example.org".to_owned()),
        contact_service: None,
        content: None,
        cache: None,
    };
    let output = press::site(&dist, &settings);
    if let Err(report) = &output {
        panic!("{report}");
    }

    let page = fs::read_to_string(dist.join("articles/hostile/index.html")).unwrap();
    // The page's only scripts are the import map and Trunk's loader; every payload is text.
    assert_eq!(page.matches("<script").count(), 2, "{page}");
    for escaped in [
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;",
        "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;",
        "&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;",
        "&lt;b&gt;bold&lt;/b&gt;",
        "&lt;/style&gt;&lt;style&gt;*{display:none}&lt;/style&gt;",
        "Escaped in Markdown: &lt;script&gt;alert(4)&lt;/script&gt;",
    ] {
        assert!(page.contains(escaped), "missing {escaped}");
    }
    assert!(page
        .contains(r#"<link rel="canonical" href="https://example.org/news/articles/hostile/">"#));
    assert!(
        page.contains(r#"<a href="/news/sections/law/">"#),
        "links carry the sub-path"
    );
    let csp = page
        .split("Content-Security-Policy\" content=\"")
        .nth(1)
        .unwrap();
    assert!(!csp.split('"').next().unwrap().contains("unsafe-inline"));

    let feed = fs::read_to_string(dist.join("feed.xml")).unwrap();
    assert!(feed
        .contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;</title>"));
    let headers = fs::read_to_string(dist.join("_headers")).unwrap();
    assert!(headers.contains("/news/gazette-0123456789abcdef_bg.wasm\n  Cache-Control: public, max-age=31536000, immutable"));
    assert!(dist.join("404.html").exists() && dist.join("sitemap.xml").exists());

    // The worker from the source tree, filled in: the app and its first screen, and the routes.
    let worker = fs::read_to_string(dist.join("sw.js")).unwrap();
    assert!(worker.contains(r#"const PRECACHE = ["contact.json","edition/index.json","gazette-0123456789abcdef.js","gazette-0123456789abcdef_bg.wasm","shell.html"];"#), "{worker}");
    assert!(worker.contains(r#"const ROUTES = ["^(?:index\\.html)?$","^sections/[^/]+/?$","#));
    assert!(!worker.contains("'unbuilt'"));
    // Without a content folder, the placeholder newsroom, said so in the report.
    assert!(output.unwrap().contains("warning: no content folder given"));
    let contact = fs::read_to_string(dist.join("contact.json")).unwrap();
    assert!(
        contact.contains(r#""email": "newsroom@gazette.example""#),
        "{contact}"
    );
    // Every compressible file beside its compressed copies, the worker's among them; the
    // archive's own files, gzip alone.
    for file in ["sw.js", "feed.xml", "edition/index.json"] {
        assert!(dist.join(format!("{file}.br")).exists(), "{file}.br");
        assert!(dist.join(format!("{file}.gz")).exists(), "{file}.gz");
    }
    for file in [
        "articles/hostile/index.html",
        "edition/articles/hostile.json",
    ] {
        assert!(dist.join(format!("{file}.gz")).exists(), "{file}.gz");
        assert!(!dist.join(format!("{file}.br")).exists(), "{file}.br");
    }
}

#[test]
fn a_worker_without_its_placeholders_stops_the_build() {
    let dir = content(
        "worker",
        &[("a.md", &article("A", "2026-01-01", "1", "Text."))],
    );
    let dist = dir.join("dist");
    fs::create_dir_all(&dist).unwrap();
    edition(&dir, &dist.join("edition")).unwrap();
    common::fake_build(&dist);
    fs::write(
        dist.join("sw.js"),
        "self.addEventListener('fetch', () => {});\n",
    )
    .unwrap();
    let error = press::site(&dist, &press::Settings::default()).unwrap_err();
    assert!(error.contains("const VERSION = 'unbuilt';"), "{error}");
}

#[test]
fn prerendered_pages_carry_the_edition_s_name_and_the_app_s_titles() {
    let dir = content(
        "names",
        &[("a.md", &article("A story", "2026-01-02", "40", "Body."))],
    );
    let dist = dir.join("dist");
    fs::create_dir_all(&dist).unwrap();
    edition(&dir, &dist.join("edition")).unwrap();
    common::fake_build(&dist);
    press::site(&dist, &press::Settings::default()).unwrap();
    let page = |file: &str| fs::read_to_string(dist.join(file)).unwrap();

    let contact = page("contact/index.html");
    // The edition is called "T": the masthead, the footer and the title say so, and nothing says
    // "Gazette" but the build's file names.
    assert!(
        contact.contains(r#"<p class="brand"><a href="/">T</a></p>"#),
        "{contact}"
    );
    assert!(
        contact.contains(r#"<footer class="site-footer"><p>T · "#),
        "{contact}"
    );
    let head = gazette::pages::Head::contact("T");
    assert!(contact.contains(&format!("<title>{}</title>", head.title)));
    assert!(contact.contains(&format!(
        r#"<meta name="description" content="{}">"#,
        head.description
    )));
    let prerendered = contact.split(r#"<div id="prerendered">"#).nth(1).unwrap();
    assert!(!prerendered
        .replace("gazette-0123456789abcdef", "")
        .contains("Gazette"));
    // The masthead marks the page the reader is on.
    assert!(
        contact.contains(r#"<a href="/contact/" aria-current="page">Contact</a>"#),
        "{contact}"
    );
    assert!(page("articles/a/index.html").contains("<title>A story · T</title>"));
}

#[test]
fn the_output_replaces_only_a_previous_edition() {
    let dir = content(
        "guard",
        &[("a.md", &article("A", "2026-01-01", "1", "Text."))],
    );
    let elsewhere = dir.join("notes");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(elsewhere.join("keep.txt"), "mine").unwrap();
    let output = edition(&dir, &elsewhere);
    assert!(output.unwrap_err().contains("is not an edition"));
    assert_eq!(
        fs::read_to_string(elsewhere.join("keep.txt")).unwrap(),
        "mine"
    );
    // An index.json of something else (a web project's) is not an edition's.
    fs::write(elsewhere.join("index.json"), r#"{"name": "notes"}"#).unwrap();
    let output = edition(&dir, &elsewhere);
    assert!(output
        .unwrap_err()
        .contains("keep.txt is not part of this one"));
    assert!(elsewhere.join("keep.txt").is_file());

    // A path written with a trailing slash, run twice: the second run finds the first's edition.
    let out = dir.join("out");
    let with_slash = PathBuf::from(format!("{}/", out.display()));
    for _ in 0..2 {
        let output = edition(&dir, &with_slash);
        if let Err(report) = &output {
            panic!("{report}");
        }
    }
    assert!(out.join("index.json").is_file() && out.join("articles/a.json").is_file());

    // A first run cut short, before its index: the next run finishes it.
    let cut = dir.join("cut");
    fs::create_dir_all(cut.join("articles")).unwrap();
    fs::write(cut.join("articles/a.json"), "{\"half").unwrap();
    fs::write(cut.join(".index.json.press-tmp"), "").unwrap();
    if let Err(report) = edition(&dir, &cut) {
        panic!("{report}");
    }
    assert_eq!(
        fs::read(cut.join("articles/a.json")).unwrap(),
        fs::read(out.join("articles/a.json")).unwrap()
    );
    assert!(cut.join("index.json").is_file() && !cut.join(".index.json.press-tmp").exists());
    // But not when it holds a file this edition would not write, which press would remove.
    fs::remove_file(cut.join("index.json")).unwrap();
    fs::write(cut.join("articles/gone.json"), "{}").unwrap();
    let refused = edition(&dir, &cut).unwrap_err();
    assert!(
        refused.contains("articles/gone.json is not part of this one"),
        "{refused}"
    );
    assert!(cut.join("articles/gone.json").is_file());

    // No temporary file is left, beside the outputs or in them.
    let mut pending = vec![dir.clone()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            assert!(
                !entry.file_name().to_string_lossy().contains("press-"),
                "{}",
                path.display()
            );
            if path.is_dir() {
                pending.push(path);
            }
        }
    }
}

#[test]
fn section_slugs_are_checked_before_they_become_folders() {
    let dir = content(
        "sections",
        &[("a.md", &article("A", "2026-01-01", "1", "Text."))],
    );
    let edition = |sections: &str| {
        fs::write(
            dir.join("edition.json"),
            format!(r#"{{"title": "T", "tagline": "t", "sections": [{sections}]}}"#),
        )
        .unwrap();
        let output = edition(&dir, &dir.join("out"));
        output.unwrap_err()
    };
    let report = edition(r#"{"slug": "law", "name": "Law", "descrption": "a typo"}"#);
    assert!(report.contains("unknown field `descrption`"), "{report}");
    let report = edition(
        r#"{"slug": "law", "name": "Law"}, {"slug": "../../etc", "name": "Out"}, {"slug": "law", "name": "Again"}"#,
    );
    assert!(
        report.contains("the section slug `../../etc` must be unique, lowercase"),
        "{report}"
    );
    assert!(
        report.contains("the section slug `law` must be unique"),
        "{report}"
    );
}

#[test]
fn publishing_a_story_leaves_every_full_chunk_as_it_was() {
    let day = |n: usize| format!("2026-03-{n:02}");
    let mut articles: Vec<(String, String)> = (1..=7)
        .map(|n| {
            (
                format!("story-{n}.md"),
                article(&format!("Story {n}"), &day(n), "50", "Text."),
            )
        })
        .collect();
    let build = |name: &str, articles: &[(String, String)]| {
        let pairs: Vec<(&str, &str)> = articles
            .iter()
            .map(|(file, text)| (file.as_str(), text.as_str()))
            .collect();
        let dir = content(name, &pairs);
        let out = dir.join("out");
        if let Err(report) = edition(&dir, &out) {
            panic!("{report}");
        }
        out
    };
    let before = build("publish-before", &articles);
    articles.push((
        "story-8.md".into(),
        article("Story 8", &day(8), "50", "Text."),
    ));
    let after = build("publish-after", &articles);

    let chunk = |out: &Path, n: u32| fs::read(out.join(format!("index/{n}.json"))).unwrap();
    let slugs = |out: &Path, n: u32| -> Vec<String> {
        let text = String::from_utf8(chunk(out, n)).unwrap();
        let chunk = decode_chunk(&text).unwrap().value;
        chunk.headlines.into_iter().map(|h| h.slug).collect()
    };
    // Two on the front page, then chunks of two from the oldest: 1-2, 3-4, and the newest part-full.
    assert_eq!(slugs(&before, 1), ["story-2", "story-1"]);
    assert_eq!(slugs(&before, 3), ["story-5"]);
    assert_eq!(slugs(&after, 3), ["story-6", "story-5"]);
    for full in [1, 2] {
        assert_eq!(chunk(&before, full), chunk(&after, full), "chunk {full}");
    }
    let index = decode_index(&fs::read_to_string(after.join("index.json")).unwrap()).unwrap();
    assert_eq!(index.value.older_chunks, 3);
}

#[test]
fn pictures_of_every_common_format_publish_with_their_size() {
    let pictures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pictures");
    let expected = [
        ("lossy.webp", 321, 123),
        ("lossless.webp", 321, 123),
        ("alpha.webp", 333, 111),
        ("photo.avif", 321, 123),
        ("photo.jpg", 64, 48),
        ("icon.gif", 17, 9),
        ("chart.png", 40, 30),
    ];
    let body: Vec<String> = expected
        .iter()
        .map(|(name, ..)| format!("![A picture](images/{name})"))
        .collect();
    let dir = content(
        "formats",
        &[(
            "shown.md",
            &article("Shown", "2026-01-01", "10", &body.join("\n\n")),
        )],
    );
    for (name, ..) in expected {
        fs::copy(pictures.join(name), dir.join("images").join(name)).unwrap();
    }
    let out = dir.join("out");
    if let Err(report) = edition(&dir, &out) {
        panic!("{report}");
    }
    let article = decode_article(&fs::read_to_string(out.join("articles/shown.json")).unwrap());
    let sizes: Vec<(String, u32, u32)> = article
        .unwrap()
        .body
        .into_iter()
        .filter_map(|block| match block {
            Block::Image {
                src, width, height, ..
            } => Some((src, width, height)),
            _ => None,
        })
        .collect();
    let expected: Vec<(String, u32, u32)> = expected
        .iter()
        .map(|(name, width, height)| (format!("/edition/images/{name}"), *width, *height))
        .collect();
    assert_eq!(sizes, expected);
}

#[test]
fn an_article_in_a_folder_of_its_own_publishes_the_pictures_beside_it() {
    let pictures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pictures");
    let dir = content(
        "bundle",
        &[(
            "linker.md",
            &article(
                "Linker",
                "2026-01-01",
                "10",
                "See [the bundle](bundled/index.md) and [again](../articles/bundled/index.md).",
            ),
        )],
    );
    let bundle = dir.join("articles/bundled");
    fs::create_dir_all(&bundle).unwrap();
    let body =
        "![A photo](photo.jpg)\n\n![A chart](./chart.png)\n\n![The shared chart](images/chart.svg)";
    fs::write(
        bundle.join("index.md"),
        article("Bundled", "2026-01-02", "20", body),
    )
    .unwrap();
    fs::copy(pictures.join("photo.jpg"), bundle.join("photo.jpg")).unwrap();
    fs::copy(pictures.join("chart.png"), bundle.join("chart.png")).unwrap();
    let out = dir.join("out");
    let images = |out: &Path| -> Vec<(String, u32, u32)> {
        let text = fs::read_to_string(out.join("articles/bundled.json")).unwrap();
        let body = decode_article(&text).unwrap().body;
        body.into_iter()
            .filter_map(|block| match block {
                Block::Image {
                    src, width, height, ..
                } => Some((src, width, height)),
                _ => None,
            })
            .collect()
    };
    if let Err(report) = edition(&dir, &out) {
        panic!("{report}");
    }
    assert_eq!(
        images(&out),
        [
            ("/edition/images/bundled/photo.jpg".into(), 64, 48),
            ("/edition/images/bundled/chart.png".into(), 40, 30),
            ("/edition/images/chart.svg".into(), 320, 180),
        ]
    );
    assert_eq!(
        fs::read(out.join("images/bundled/photo.jpg")).unwrap(),
        fs::read(pictures.join("photo.jpg")).unwrap()
    );
    let linker = decode_article(&fs::read_to_string(out.join("articles/linker.json")).unwrap());
    let hrefs: Vec<String> = linker
        .unwrap()
        .body
        .into_iter()
        .flat_map(|block| match block {
            Block::Paragraph { text } => text,
            _ => Vec::new(),
        })
        .filter_map(|run| match run {
            gazette_core::edition::Inline::Link { href, .. } => Some(href),
            _ => None,
        })
        .collect();
    assert_eq!(hrefs, ["/articles/bundled/", "/articles/bundled/"]);

    // A picture redrawn beside its article is published again over the last run.
    fs::copy(pictures.join("icon.gif"), bundle.join("photo.jpg")).unwrap();
    if let Err(report) = edition(&dir, &out) {
        panic!("{report}");
    }
    assert_eq!(
        images(&out)[0],
        ("/edition/images/bundled/photo.jpg".into(), 17, 9)
    );
}
