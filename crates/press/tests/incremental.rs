//! `press edition` over its previous output: whatever editors did in between, the folder ends up
//! byte for byte as a clean build would make it, files whose bytes did not change are left alone,
//! and the report names exactly what was added, changed and removed.
#![cfg(unix)]
#![allow(clippy::unwrap_used)]

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
    /// A story's text and Impact Score change; the number picks the story.
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
}

fn edits() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (1u8..=28, any::<bool>()).prop_map(|(day, research)| Edit::Publish { day, research }),
        2 => (any::<usize>(), 0u8..=100).prop_map(|(which, impact)| Edit::Revise { which, impact }),
        1 => (any::<usize>(), 1u8..=28).prop_map(|(which, day)| Edit::Redate { which, day }),
        1 => any::<usize>().prop_map(|which| Edit::Unpublish { which }),
        1 => any::<usize>().prop_map(|which| Edit::Rename { which }),
        1 => (0u8..3).prop_map(|title| Edit::Retitle { title }),
        1 => (100u16..400).prop_map(|width| Edit::Redraw { width }),
    ]
}

struct Story {
    slug: String,
    day: u8,
    research: bool,
    impact: u8,
    revision: u32,
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
            "---\ntitle: Story {slug}\nstandfirst: What it means.\nsection: {section}\ntags: courts, data\nauthor: A. Writer\ndate: 2026-03-{day:02}\nimpact: {impact}\n---\n\nRevision {revision} of the text.{picture}\n",
            slug = self.slug,
            day = self.day,
            impact = self.impact,
            revision = self.revision,
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
                });
                self.save(count);
            }
            Edit::Revise { which, impact } => {
                let story = &mut self.stories[which % count];
                story.impact = impact;
                story.revision += 1;
                self.save(which % count);
            }
            Edit::Redate { which, day } => {
                self.stories[which % count].day = day;
                self.save(which % count);
            }
            // An edition keeps at least one story.
            Edit::Unpublish { which } if count > 1 => {
                let story = self.stories.remove(which % count);
                fs::remove_file(self.file(&story.slug)).unwrap();
            }
            Edit::Unpublish { .. } => {}
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

/// Every file under `dir` by its path inside it, with its bytes and inode (which a rewrite, being a
/// rename over the old file, changes).
fn tree(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, u64)> {
    entries(dir)
        .into_iter()
        .filter(|path| !path.is_dir())
        .map(|path| {
            let inode = fs::metadata(&path).unwrap().ino();
            let relative = path.strip_prefix(dir).unwrap().to_path_buf();
            (relative, (fs::read(&path).unwrap(), inode))
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
        for entry in fs::read_dir(&folder).unwrap() {
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

fn build(content: &Path, out: &Path) -> String {
    press::edition(content, out).unwrap_or_else(|report| panic!("{report}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn every_build_over_the_last_equals_a_clean_build(
        edits in prop::collection::vec(edits(), 1..10),
    ) {
        let dir = std::env::temp_dir().join(format!("press-incremental-{}", std::process::id()));
        let mut newsroom = Newsroom::new(dir.join("content"));
        let out = dir.join("out");
        let clean = dir.join("clean");
        let _ = fs::remove_dir_all(&out);
        build(&newsroom.dir, &out);

        for edit in &edits {
            newsroom.apply(edit);
            let before = tree(&out);
            let report = build(&newsroom.dir, &out);
            let _ = fs::remove_dir_all(&clean);
            build(&newsroom.dir, &clean);
            let after = tree(&out);

            let bytes = |files: &BTreeMap<PathBuf, (Vec<u8>, u64)>| {
                files.iter().map(|(path, (bytes, _))| (path.clone(), bytes.clone())).collect::<BTreeMap<_, _>>()
            };
            prop_assert!(bytes(&after) == bytes(&tree(&clean)), "after {edit:?} the output differs from a clean build");
            prop_assert_eq!(folders(&out), folders(&clean), "after {:?} the folders differ from a clean build's", edit);

            let mut added = Vec::new();
            let mut changed = Vec::new();
            for (path, (bytes, inode)) in &after {
                match before.get(path) {
                    None => added.push(path.clone()),
                    Some((old, _)) if old != bytes => changed.push(path.clone()),
                    Some((_, old_inode)) => prop_assert_eq!(old_inode, inode, "{:?} was rewritten unchanged", path),
                }
            }
            let removed: Vec<PathBuf> = before.keys().filter(|path| !after.contains_key(*path)).cloned().collect();
            prop_assert_eq!(listed(&report, "added"), added, "{}", report);
            prop_assert_eq!(listed(&report, "changed"), changed, "{}", report);
            prop_assert_eq!(listed(&report, "removed"), removed, "{}", report);
        }
        fs::remove_dir_all(&dir).unwrap();
    }
}
