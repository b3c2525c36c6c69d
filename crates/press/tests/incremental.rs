//! `press edition` and `press site` over their previous output, with the record they keep between
//! runs: whatever editors did in between, the site ends up byte for byte as a clean build would
//! make it, files whose bytes did not change are left alone, the edition's report names exactly
//! what was added, changed and removed, and a run with nothing changed reads no article and draws
//! no page. A record that is damaged or another folder's is noticed and ignored.
#![cfg(unix)]
#![allow(clippy::unwrap_used)]

mod common;

use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// What editors do between two builds.
#[derive(Clone, Debug)]
enum Edit {
    /// A new story on this day of March, in the first section or the second.
    Publish {
        day: u8,
        research: bool,
    },
    /// A story's text and Impact Score change, which mends it if it was broken; the number picks
    /// the story.
    Revise {
        which: usize,
        impact: u8,
    },
    /// A story moves to another day, which changes its neighbours and chunk.
    Redate {
        which: usize,
        day: u8,
    },
    Unpublish {
        which: usize,
    },
    /// An editor gets a story's Impact Score wrong, which leaves it out of the edition.
    Break {
        which: usize,
    },
    /// Raw HTML is pasted into a story, which publishes without its markup, with a warning.
    Paste {
        which: usize,
    },
    /// The file is renamed, so the story has a new slug.
    Rename {
        which: usize,
    },
    /// `edition.json` gets a new title.
    Retitle {
        title: u8,
    },
    /// The picture some stories show is redrawn at another size.
    Redraw {
        width: u16,
    },
    /// Trunk builds the app again: the site folder starts over from the app alone, while press's
    /// record of the last run is still there.
    NewApp,
}

fn edits() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (1u8..=28, any::<bool>()).prop_map(|(day, research)| Edit::Publish { day, research }),
        2 => (any::<usize>(), 0u8..=100).prop_map(|(which, impact)| Edit::Revise { which, impact }),
        1 => (any::<usize>(), 1u8..=28).prop_map(|(which, day)| Edit::Redate { which, day }),
        1 => any::<usize>().prop_map(|which| Edit::Unpublish { which }),
        1 => any::<usize>().prop_map(|which| Edit::Break { which }),
        1 => any::<usize>().prop_map(|which| Edit::Paste { which }),
        1 => any::<usize>().prop_map(|which| Edit::Rename { which }),
        1 => (0u8..3).prop_map(|title| Edit::Retitle { title }),
        1 => (100u16..400).prop_map(|width| Edit::Redraw { width }),
        1 => Just(Edit::NewApp),
    ]
}

struct Story {
    slug: String,
    day: u8,
    research: bool,
    impact: u8,
    revision: u32,
    broken: bool,
    pasted: bool,
}

impl Story {
    fn text(&self) -> String {
        let section = if self.research { "research" } else { "law" };
        // Every third story shows the picture, so redrawing it changes some stories and not others.
        let picture = if self.revision.is_multiple_of(3) {
            "\n\n![A chart](images/chart.svg)"
        } else {
            ""
        };
        format!(
            "---\ntitle: Story {slug}\nstandfirst: What it means.\nsection: {section}\ntags: courts, data\nauthor: A. Writer\ndate: 2026-03-{day:02}\nimpact: {impact}\n---\n\nRevision {revision} of the text.{pasted}{picture}\n",
            slug = self.slug,
            day = self.day,
            impact = if self.broken { 140 } else { self.impact },
            revision = self.revision,
            pasted = if self.pasted { " <span>As pasted</span>" } else { "" },
        )
    }
}

/// A content folder that editors change between builds.
struct Newsroom {
    dir: PathBuf,
    stories: Vec<Story>,
    next: u32,
}

impl Newsroom {
    fn new(dir: PathBuf) -> Self {
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("articles")).unwrap();
        fs::create_dir_all(dir.join("images")).unwrap();
        let mut newsroom = Self {
            dir,
            stories: Vec::new(),
            next: 0,
        };
        newsroom.apply(&Edit::Retitle { title: 0 });
        newsroom.apply(&Edit::Redraw { width: 320 });
        for day in [3, 9, 14] {
            newsroom.apply(&Edit::Publish {
                day,
                research: day > 10,
            });
        }
        newsroom
    }

    fn file(&self, slug: &str) -> PathBuf {
        self.dir.join("articles").join(format!("{slug}.md"))
    }

    fn save(&self, index: usize) {
        let story = &self.stories[index];
        fs::write(self.file(&story.slug), story.text()).unwrap();
    }

    /// Whether some story but the one at `index` can be published.
    fn publishable_without(&self, index: usize) -> bool {
        let mut stories = self.stories.iter().enumerate();
        stories.any(|(at, story)| at != index && !story.broken)
    }

    fn fresh_slug(&mut self) -> String {
        self.next += 1;
        format!("story-{}", self.next)
    }

    fn apply(&mut self, edit: &Edit) {
        let count = self.stories.len();
        match *edit {
            Edit::Publish { day, research } => {
                let slug = self.fresh_slug();
                self.stories.push(Story {
                    slug,
                    day,
                    research,
                    impact: 50,
                    revision: self.next,
                    broken: false,
                    pasted: false,
                });
                self.save(count);
            }
            Edit::Revise { which, impact } => {
                let story = &mut self.stories[which % count];
                story.impact = impact;
                story.revision += 1;
                story.broken = false;
                story.pasted = false;
                self.save(which % count);
            }
            Edit::Redate { which, day } => {
                self.stories[which % count].day = day;
                self.save(which % count);
            }
            // An edition keeps at least one story it can publish.
            Edit::Unpublish { which } if self.publishable_without(which % count) => {
                let story = self.stories.remove(which % count);
                fs::remove_file(self.file(&story.slug)).unwrap();
            }
            Edit::Unpublish { .. } => {}
            Edit::Break { which } if self.publishable_without(which % count) => {
                self.stories[which % count].broken = true;
                self.save(which % count);
            }
            Edit::Break { .. } => {}
            Edit::Paste { which } => {
                self.stories[which % count].pasted = true;
                self.save(which % count);
            }
            Edit::Rename { which } => {
                let slug = self.fresh_slug();
                let old = std::mem::replace(&mut self.stories[which % count].slug, slug);
                fs::remove_file(self.file(&old)).unwrap();
                self.save(which % count);
            }
            Edit::Retitle { title } => fs::write(
                self.dir.join("edition.json"),
                format!(
                    r#"{{"title": "Edition {title}", "tagline": "A tagline.", "front_page": 2, "chunk_size": 2,
  "sections": [{{"slug": "law", "name": "Law"}}, {{"slug": "research", "name": "Research"}}]}}"#
                ),
            )
            .unwrap(),
            Edit::NewApp => {}
            Edit::Redraw { width } => fs::write(
                self.dir.join("images/chart.svg"),
                format!(
                    r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="180"></svg>"#
                ),
            )
            .unwrap(),
        }
    }
}

/// Files by their path: their bytes, and their inode and modification time (seconds, nanoseconds).
type Tree = BTreeMap<PathBuf, (Vec<u8>, (u64, i64, i64))>;

/// Every file under `dir` by its path inside it, with its bytes and how it stands on disk (its
/// inode and modification time, which any write changes: a rename over it, or a write in place).
fn tree(dir: &Path) -> Tree {
    entries(dir)
        .into_iter()
        .filter(|path| !path.is_dir())
        .map(|path| {
            let meta = fs::metadata(&path).unwrap();
            let relative = path.strip_prefix(dir).unwrap().to_path_buf();
            let stands = (meta.ino(), meta.mtime(), meta.mtime_nsec());
            (relative, (fs::read(&path).unwrap(), stands))
        })
        .collect()
}

/// Every folder under `dir`, so that one left empty by a removal is noticed.
fn folders(dir: &Path) -> BTreeSet<PathBuf> {
    entries(dir)
        .into_iter()
        .filter(|path| path.is_dir())
        .map(|path| path.strip_prefix(dir).unwrap().to_path_buf())
        .collect()
}

/// Every file and folder under `dir`.
fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let Ok(listing) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in listing {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path.clone());
            }
            found.push(path);
        }
    }
    found
}

/// The paths the report lists after `what` ("added", "changed", "removed").
fn listed(report: &str, what: &str) -> Vec<PathBuf> {
    let prefix = format!("  {what} ");
    report
        .lines()
        .filter_map(|line| line.strip_prefix(&prefix))
        .map(PathBuf::from)
        .collect()
}

/// A site as a Trunk build and press make it in `dist`, over what is there, keeping press's record
/// in `record`; the edition's report and the site's.
fn publish(content: &Path, dist: &Path, record: &Path) -> (String, String) {
    let edition = press::edition(content, &dist.join("edition"), record, false)
        .unwrap_or_else(|report| panic!("{report}"));
    let settings = press::Settings {
        content: Some(content.to_owned()),
        cache: Some(record.to_owned()),
        ..press::Settings::default()
    };
    let site = press::site(dist, &settings).unwrap_or_else(|report| panic!("{report}"));
    (edition, site)
}

/// A folder as Trunk leaves it: the app alone.
fn new_app(dist: &Path) {
    let _ = fs::remove_dir_all(dist);
    fs::create_dir_all(dist).unwrap();
    common::fake_build(dist);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn every_build_over_the_last_equals_a_clean_build(
        edits in prop::collection::vec(edits(), 1..10),
    ) {
        let dir = std::env::temp_dir().join(format!("press-incremental-{}", std::process::id()));
        let mut newsroom = Newsroom::new(dir.join("content"));
        let (out, record) = (dir.join("out"), dir.join("record"));
        let (clean, clean_record) = (dir.join("clean"), dir.join("clean-record"));
        let _ = fs::remove_dir_all(&record);
        new_app(&out);
        publish(&newsroom.dir, &out, &record);

        for edit in &edits {
            newsroom.apply(edit);
            if let Edit::NewApp = edit {
                new_app(&out);
            }
            let before = tree(&out);
            let edition = out.join("edition");
            let before_edition = tree(&edition);
            let (report, _) = publish(&newsroom.dir, &out, &record);
            let _ = fs::remove_dir_all(&clean_record);
            new_app(&clean);
            publish(&newsroom.dir, &clean, &clean_record);
            let after = tree(&out);

            let bytes = |files: &Tree| {
                files.iter().map(|(path, (bytes, _))| (path.clone(), bytes.clone())).collect::<BTreeMap<_, _>>()
            };
            let (ours, theirs) = (bytes(&after), bytes(&tree(&clean)));
            let differing: Vec<&PathBuf> = ours.keys().chain(theirs.keys()).filter(|path| ours.get(*path) != theirs.get(*path)).collect();
            prop_assert!(differing.is_empty(), "after {:?} the site differs from a clean build in {:?}", edit, differing);
            prop_assert_eq!(folders(&out), folders(&clean), "after {:?} the folders differ from a clean build's", edit);
            for (path, (bytes, stands)) in &after {
                if let Some((old, was)) = before.get(path) {
                    prop_assert!(old != bytes || was == stands, "after {:?}, {:?} was rewritten unchanged", edit, path);
                }
            }

            // The edition's report, against what its step alone did to its folder: the site's
            // compressed copies of a changed file go with it (and the site makes them again).
            let edition_after: BTreeMap<_, _> = after
                .iter()
                .filter_map(|(path, file)| Some((path.strip_prefix("edition").ok()?.to_path_buf(), file)))
                .filter(|(path, _)| !path.to_string_lossy().ends_with(".br") && !path.to_string_lossy().ends_with(".gz"))
                .collect();
            let mut added = Vec::new();
            let mut changed = Vec::new();
            for (path, (bytes, _)) in &edition_after {
                match before_edition.get(path) {
                    None => added.push(path.clone()),
                    Some((old, _)) if old != bytes => changed.push(path.clone()),
                    Some(_) => {}
                }
            }
            let removed: Vec<PathBuf> = before_edition
                .keys()
                .filter(|path| {
                    let original = path.to_string_lossy().trim_end_matches(".br").trim_end_matches(".gz").to_owned();
                    !edition_after.contains_key(Path::new(&original)) || changed.contains(&PathBuf::from(&original)) && original != path.to_string_lossy()
                })
                .cloned()
                .collect();
            // Into a new folder, where everything is new, the report says only how much.
            if before_edition.is_empty() {
                let count = format!("{} added, 0 changed, 0 removed", added.len());
                prop_assert!(report.contains(&count), "{}", report);
            } else {
                prop_assert_eq!(listed(&report, "added"), added, "{}", report);
                prop_assert_eq!(listed(&report, "changed"), changed, "{}", report);
                prop_assert_eq!(listed(&report, "removed"), removed, "{}", report);
            }

            // Nothing changed: nothing read, drawn or written, but the stories published with
            // warnings, which are read again to say them again.
            let (edition_again, site_again) = publish(&newsroom.dir, &out, &record);
            let warned = newsroom.stories.iter().filter(|story| story.pasted && !story.broken).count();
            let read = format!("({warned} read as Markdown");
            prop_assert!(edition_again.contains(&read), "{}", edition_again);
            prop_assert!(edition_again.contains("0 added, 0 changed, 0 removed"), "{}", edition_again);
            prop_assert!(site_again.contains("(0 drawn, the others unchanged)"), "{}", site_again);
            prop_assert!(tree(&out) == after, "a run with nothing changed touched the site:\n{}\n{}", edition_again, site_again);
        }
        fs::remove_dir_all(&dir).unwrap();
    }
}

/// The records in `folder` whose names start with `kind`.
fn records(folder: &Path, kind: &str) -> Vec<PathBuf> {
    fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(kind)
        })
        .collect()
}

#[test]
fn a_damaged_or_foreign_record_is_ignored_and_a_clean_build_follows() {
    let dir = std::env::temp_dir().join(format!("press-records-{}", std::process::id()));
    let mut newsroom = Newsroom::new(dir.join("content"));
    let (out, record) = (dir.join("out"), dir.join("record"));
    let (clean, clean_record) = (dir.join("clean"), dir.join("clean-record"));
    let (other, other_record) = (dir.join("other"), dir.join("other-record"));
    new_app(&out);
    publish(&newsroom.dir, &out, &record);
    new_app(&other);
    publish(&newsroom.dir, &other, &other_record);

    type Damage = fn(&Path, &Path);
    let damages: [(&str, Damage); 4] = [
        ("cut short", |file, _| {
            let bytes = fs::read(file).unwrap();
            fs::write(file, &bytes[..bytes.len() / 2]).unwrap();
        }),
        ("a byte changed", |file, _| {
            let mut bytes = fs::read(file).unwrap();
            let last = bytes.len() - 1;
            bytes[last] ^= 1;
            fs::write(file, bytes).unwrap();
        }),
        ("not a record", |file, _| fs::write(file, "{}").unwrap()),
        ("another folder's", |file, other| {
            fs::copy(other, file).unwrap();
        }),
    ];
    for (which, (damage, harm)) in damages.iter().enumerate() {
        newsroom.apply(&Edit::Revise {
            which,
            impact: 10 + which as u8,
        });
        // With no record to say what was published before, a page of a story no longer published
        // must still go.
        if which == damages.len() - 1 {
            newsroom.apply(&Edit::Unpublish { which: 0 });
        }
        for kind in ["edition", "site"] {
            let theirs = records(&other_record, kind).pop().unwrap();
            for file in records(&record, kind) {
                harm(&file, &theirs);
            }
        }
        let (edition, site) = publish(&newsroom.dir, &out, &record);
        for report in [&edition, &site] {
            assert!(report.contains("was ignored"), "{damage}: {report}");
        }
        let all = newsroom.stories.len();
        assert!(
            edition.contains(&format!("({all} read as Markdown")),
            "{damage}: {edition}"
        );

        let _ = fs::remove_dir_all(&clean_record);
        new_app(&clean);
        publish(&newsroom.dir, &clean, &clean_record);
        let bytes = |dir: &Path| -> BTreeMap<PathBuf, Vec<u8>> {
            tree(dir)
                .into_iter()
                .map(|(path, (bytes, _))| (path, bytes))
                .collect()
        };
        assert!(
            bytes(&out) == bytes(&clean),
            "{damage}: not what a clean build makes"
        );
    }

    // Without the app's own files, which only a fresh build has, press says so and stops.
    for file in records(&record, "app") {
        fs::write(file, "damaged").unwrap();
    }
    let settings = press::Settings {
        content: Some(newsroom.dir.clone()),
        cache: Some(record.clone()),
        ..press::Settings::default()
    };
    let refused = press::site(&out, &settings).unwrap_err();
    assert!(
        refused.contains("was ignored") && refused.contains("run press on a fresh build"),
        "{refused}"
    );
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_run_by_hand_keeps_the_builds_settings_and_says_when_told_otherwise() {
    let dir = std::env::temp_dir().join(format!("press-settings-{}", std::process::id()));
    let newsroom = Newsroom::new(dir.join("content"));
    let (out, record) = (dir.join("out"), dir.join("record"));
    new_app(&out);
    let built = press::Settings {
        public_url: Some("/news/".to_owned()),
        content: Some(newsroom.dir.clone()),
        cache: Some(record.clone()),
        ..press::Settings::default()
    };
    press::edition(&newsroom.dir, &out.join("edition"), &record, true).unwrap();
    let first = press::site(&out, &built).unwrap();
    assert!(!first.contains("warning: the last run"), "{first}");
    let again = press::site(&out, &built).unwrap();
    assert!(!again.contains("warning: the last run"), "{again}");

    // Without the build's settings, as the README's republishing command runs: the build's.
    let by_hand = press::Settings {
        public_url: None,
        ..built.clone()
    };
    let report = press::site(&out, &by_hand).unwrap();
    assert!(
        report.contains("prerendered for https://gazette.example/news/ (0 drawn"),
        "{report}"
    );
    let elsewhere = press::Settings {
        public_url: Some("/elsewhere/".to_owned()),
        ..built
    };
    let report = press::site(&out, &elsewhere).unwrap();
    assert!(
        report.contains("the last run drew this site for https://gazette.example/news/"),
        "{report}"
    );
    fs::remove_dir_all(&dir).unwrap();
}
