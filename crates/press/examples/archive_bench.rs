//! Press at archive scale: generates deterministic content of each size in the content format,
//! builds the bundle and the site from it into a fresh copy of the app, then builds again over that
//! site and press's record of it after one edited article, after one new article and with nothing
//! changed, and prints a table. Run by `.ci/bench-press`, which first
//! builds the app (without the hooks) into `target/press-bench/template`.
//!
//!   cargo run --release -p press --example archive_bench -- [sizes...]
//!
//! Each step runs in a child process of its own (this program again, with `--step`), so that its
//! peak memory (`VmHWM`, Linux) is its own.
//!
//! The last run's files of a size are set aside and deleted only once this run has timed its
//! builds. On a file system that skips recently freed inodes when it makes new ones (ext4 without
//! a journal, as on the machine the README's figures come from), a build straight after deleting
//! 500,000 files pays for that deletion: some 15 s more at 100,000 articles.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const SECTIONS: [&str; 4] = ["research", "industry", "policy", "law"];
const WORDS: [&str; 24] = [
    "model",
    "data",
    "court",
    "chip",
    "quantum",
    "privacy",
    "regulator",
    "léger",
    "café",
    "naïve",
    "network",
    "energy",
    "sensor",
    "market",
    "licence",
    "policy",
    "research",
    "São",
    "Paulo",
    "über",
    "benchmark",
    "archive",
    "reader",
    "newsroom",
];

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, step, first, second] = args.as_slice() {
        if flag == "--step" {
            return step_in_child(step, Path::new(first), Path::new(second));
        }
    }
    let sizes: Vec<usize> = if args.is_empty() {
        vec![1_000, 10_000, 100_000]
    } else {
        args.iter()
            .map(|size| size.parse().map_err(|_| format!("not a size: {size}")))
            .collect::<Result<_, _>>()?
    };
    let root = PathBuf::from("target/press-bench");
    let template = root.join("template");
    if !template.join("index.html").is_file() {
        return Err(format!(
            "{} holds no built app: run .ci/bench-press",
            template.display()
        ));
    }
    let mut table = String::from(
        "| articles | bundle | site | full build | peak memory | files written | one edit | one new | nothing changed |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for size in sizes {
        let work = root.join(size.to_string());
        let old = root.join(format!("{size}.old"));
        if old.exists() {
            fs::remove_dir_all(&old).map_err(|e| format!("{}: {e}", old.display()))?;
        }
        if work.exists() {
            fs::rename(&work, &old).map_err(|e| format!("{}: {e}", work.display()))?;
        }
        let content = work.join("content");
        generate(&content, size).map_err(|e| format!("{}: {e}", content.display()))?;
        let full = build(&template, &content, &work, Start::Clean)?;
        edit(&content, size / 2).map_err(|e| e.to_string())?;
        let edited = build(&template, &content, &work, Start::Over)?;
        article(&content, size, "2099-01-01").map_err(|e| e.to_string())?;
        let added = build(&template, &content, &work, Start::Over)?;
        let unchanged = build(&template, &content, &work, Start::Over)?;
        let _ = writeln!(
            table,
            "| {size} | {:.1} s | {:.1} s | {:.1} s | {} MB | {} | {:.1} s | {:.1} s | {:.1} s |",
            full.bundle,
            full.site,
            full.bundle + full.site,
            full.peak_kb / 1024,
            full.files,
            edited.bundle + edited.site,
            added.bundle + added.site,
            unchanged.bundle + unchanged.site,
        );
        if old.exists() {
            fs::remove_dir_all(&old).map_err(|e| format!("{}: {e}", old.display()))?;
        }
        eprintln!("{size} articles done");
    }
    print!("{table}");
    Ok(())
}

struct Build {
    bundle: f64,
    site: f64,
    peak_kb: u64,
    files: usize,
}

/// Where a build starts.
#[derive(PartialEq)]
enum Start {
    /// From a fresh copy of the app and no record, as a Trunk build's hooks do the first time.
    Clean,
    /// Over the site and record the last build left, as a newsroom republishes.
    Over,
}

/// The two steps a Trunk build runs, as the hooks do.
fn build(template: &Path, content: &Path, work: &Path, start: Start) -> Result<Build, String> {
    let site = work.join("site");
    let record = work.join("record");
    if start == Start::Clean {
        for folder in [&site, &record] {
            if folder.exists() {
                fs::remove_dir_all(folder).map_err(|e| e.to_string())?;
            }
        }
        copy(template, &site).map_err(|e| format!("copying the app: {e}"))?;
    }
    settle_disk();
    let (bundle, bundle_kb) = child("edition", content, &site.join("edition"), &record)?;
    let (seconds, site_kb) = child("site", &site, content, &record)?;
    Ok(Build {
        bundle,
        site: seconds,
        peak_kb: bundle_kb.max(site_kb),
        files: count(&site),
    })
}

/// Waits for what earlier steps (or the generator) wrote to reach the disk, so that writing is
/// charged to the step that does it, not to the next one. Best effort: where there is no `sync`
/// command the figures include some of it.
fn settle_disk() {
    let _ = Command::new("sync").status();
}

fn child(step: &str, first: &Path, second: &Path, record: &Path) -> Result<(f64, u64), String> {
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    let output = Command::new(me)
        .env("PRESS_CACHE", record)
        .args(["--step", step])
        .arg(first)
        .arg(second)
        .output()
        .map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "press {step} failed:\n{stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let last = stdout.lines().last().unwrap_or("");
    let mut numbers = last.split_whitespace().map(str::parse::<f64>);
    match (numbers.next(), numbers.next()) {
        (Some(Ok(seconds)), Some(Ok(kb))) => Ok((seconds, kb as u64)),
        _ => Err(format!("press {step} printed no measurement:\n{stdout}")),
    }
}

fn step_in_child(step: &str, first: &Path, second: &Path) -> Result<(), String> {
    let started = Instant::now();
    let report = match step {
        "edition" => press::edition(first, second, &press::cache_folder(), true)?,
        "site" => press::site(
            first,
            &press::Settings {
                content: Some(second.to_owned()),
                cache: Some(press::cache_folder()),
                ..press::Settings::default()
            },
        )?,
        _ => return Err(format!("no step {step}")),
    };
    let seconds = started.elapsed().as_secs_f64();
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    let peak_kb = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.split_whitespace().next())
        .unwrap_or("0");
    println!("{report}\n{seconds} {peak_kb}");
    Ok(())
}

fn copy(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

fn count(folder: &Path) -> usize {
    fs::read_dir(folder).map_or(0, |entries| {
        entries
            .flatten()
            .map(|entry| match entry.file_type() {
                Ok(kind) if kind.is_dir() => count(&entry.path()),
                _ => 1,
            })
            .sum()
    })
}

/// The same numbers every run, so every run builds the same archive.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }

    fn words(&mut self, count: usize) -> String {
        (0..count)
            .map(|_| WORDS[self.below(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn generate(content: &Path, size: usize) -> std::io::Result<()> {
    if content.exists() {
        fs::remove_dir_all(content)?;
    }
    fs::create_dir_all(content.join("articles"))?;
    fs::create_dir_all(content.join("images"))?;
    let sections: Vec<String> = SECTIONS
        .iter()
        .map(|slug| format!(r#"{{"slug": "{slug}", "name": "{slug}"}}"#))
        .collect();
    fs::write(
        content.join("edition.json"),
        format!(
            r#"{{"title": "Gazette", "tagline": "A generated archive.", "sections": [{}]}}"#,
            sections.join(", ")
        ),
    )?;
    fs::write(
        content.join("newsroom.json"),
        r#"{"name": "Gazette", "email": "newsroom@gazette.example"}"#,
    )?;
    for n in 0..3 {
        fs::write(
            content.join(format!("images/chart-{n}.svg")),
            format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="360"></svg>"#,
                480 + n * 80
            ),
        )?;
    }
    for n in 0..size {
        let days = n * 7300 / size.max(1);
        let date = format!(
            "{}-{:02}-{:02}",
            2006 + days / 365,
            1 + days % 365 / 31 % 12,
            1 + days % 28
        );
        article(content, n, &date)?;
    }
    Ok(())
}

/// Article `n`: a few to thirty paragraphs, one to four of 300 tags, now and then a picture.
fn article(content: &Path, n: usize, date: &str) -> std::io::Result<()> {
    let mut random = Random(n as u64 + 1);
    let tags: Vec<String> = (0..1 + random.below(4))
        .map(|_| format!("topic-{}", random.below(300)))
        .collect();
    let mut body: Vec<String> = (0..3 + random.below(28))
        .map(|_| {
            let length = 20 + random.below(70);
            format!("{}.", random.words(length))
        })
        .collect();
    if n.is_multiple_of(10) {
        body.insert(
            1,
            format!(
                "![A chart of the {}](images/chart-{}.svg)",
                random.words(2),
                n % 3
            ),
        );
    }
    let text = format!(
        "---\ntitle: Story {n} on the {}\nstandfirst: What the {} means.\nsection: {}\ntags: {}\nauthor: Reporter {}\ndate: {date}\nimpact: {}\n---\n\n{}\n",
        random.words(3),
        random.words(2),
        SECTIONS[n % SECTIONS.len()],
        tags.join(", "),
        n % 50,
        random.below(101),
        body.join("\n\n"),
    );
    fs::write(content.join(format!("articles/story-{n:06}.md")), text)
}

/// One editor's change: a paragraph added to article `n`.
fn edit(content: &Path, n: usize) -> std::io::Result<()> {
    let path = content.join(format!("articles/story-{n:06}.md"));
    let mut text = fs::read_to_string(&path)?;
    text.push_str("\nA correction was added to this story.\n");
    fs::write(path, text)
}
