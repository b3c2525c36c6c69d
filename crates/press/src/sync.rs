//! Writing an edition over the previous one: only the files whose bytes change are written, so an
//! unchanged file keeps its modification time (and a deploy that compares times or checksums
//! uploads only what changed), and the caller learns what was added, changed and removed.
//!
//! Each file is written beside its place and renamed into it, so no file is ever half written.
//! The index goes last and removals after it: a reader fetching during the write sees the old
//! index with files it can still find, then the new one. A run cut short leaves a mix of old and
//! new files, which the next run puts right, since it compares bytes rather than trusting a record.

use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What a write did to the output folder, by path inside it.
#[derive(Debug, Default, PartialEq)]
pub struct Changes {
    pub added: Vec<PathBuf>,
    pub changed: Vec<PathBuf>,
    pub removed: Vec<PathBuf>,
    pub unchanged: usize,
}

/// Makes `out` hold exactly `files` and then `index` (written last, once everything it names is in
/// place), touching only what differs; `out` is made if missing. The files arrive on every core
/// and are let go once written.
pub fn write<'a>(
    out: &Path,
    files: impl ParallelIterator<Item = (PathBuf, Cow<'a, [u8]>)>,
    index: Option<(PathBuf, &[u8])>,
) -> io::Result<Changes> {
    fs::create_dir_all(out)?;
    let before: BTreeSet<PathBuf> = crate::worker::walk(out)?
        .into_iter()
        .map(PathBuf::from)
        .collect();
    let mut written = files
        .map(|(path, bytes)| {
            let state = settle(&out.join(&path), &bytes)?;
            Ok((path, state))
        })
        .collect::<io::Result<Vec<_>>>()?;
    if let Some((path, bytes)) = index {
        let state = settle(&out.join(&path), bytes)?;
        written.push((path, state));
    }

    let mut changes = Changes::default();
    let mut now = HashSet::with_capacity(written.len());
    for (path, state) in written {
        match state {
            State::Same => changes.unchanged += 1,
            State::Written if before.contains(&path) => changes.changed.push(path.clone()),
            State::Written => changes.added.push(path.clone()),
        }
        now.insert(path);
    }
    for path in before.into_iter().filter(|path| !now.contains(path)) {
        fs::remove_file(out.join(&path))?;
        changes.removed.push(path);
    }
    remove_empty_folders(out)?;
    changes.added.sort();
    changes.changed.sort();
    Ok(changes)
}

enum State {
    Same,
    Written,
}

/// Leaves the file at `path` if it holds `bytes` already; otherwise writes it, whole or not at all.
fn settle(path: &Path, bytes: &[u8]) -> io::Result<State> {
    let same_length =
        fs::metadata(path).is_ok_and(|meta| meta.is_file() && meta.len() == bytes.len() as u64);
    if same_length && fs::read(path)? == bytes {
        return Ok(State::Same);
    }
    if let Some(folder) = path.parent() {
        fs::create_dir_all(folder)?;
    }
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".press-tmp");
    fs::write(&temporary, bytes)?;
    fs::rename(&temporary, path)?;
    Ok(State::Written)
}

/// Folders whose files were all removed (a section no longer published) go too.
fn remove_empty_folders(folder: &Path) -> io::Result<bool> {
    let mut empty = true;
    for entry in fs::read_dir(folder)? {
        let path = entry?.path();
        if path.is_dir() && remove_empty_folders(&path)? {
            fs::remove_dir(&path)?;
        } else {
            empty = false;
        }
    }
    Ok(empty)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes these (path, text) pairs as press would, `index.json` last.
    fn write_all(out: &Path, entries: &[(&str, &str)]) -> Changes {
        let index = entries
            .iter()
            .find(|(path, _)| *path == "index.json")
            .map(|(path, text)| (PathBuf::from(path), text.as_bytes()));
        let files = entries
            .par_iter()
            .filter(|(path, _)| *path != "index.json")
            .map(|(path, text)| (PathBuf::from(path), Cow::Borrowed(text.as_bytes())));
        write(out, files, index).unwrap()
    }

    #[test]
    fn only_what_differs_is_written_and_what_is_gone_is_removed() {
        let out = std::env::temp_dir().join(format!("press-sync-{}", std::process::id()));
        let _ = fs::remove_dir_all(&out);
        let changes = write_all(
            &out,
            &[
                ("index.json", "1"),
                ("articles/a.json", "a"),
                ("articles/b.json", "b"),
                ("sections/old/index.json", "o"),
            ],
        );
        assert_eq!(changes.added.len(), 4);

        let second = [
            ("index.json", "2"),
            ("articles/a.json", "a"),
            ("articles/b.json", "B"),
            ("articles/c.json", "c"),
        ];
        let changes = write_all(&out, &second);
        let paths = |list: &[&str]| list.iter().map(PathBuf::from).collect::<Vec<_>>();
        assert_eq!(
            changes,
            Changes {
                added: paths(&["articles/c.json"]),
                changed: paths(&["articles/b.json", "index.json"]),
                removed: paths(&["sections/old/index.json"]),
                unchanged: 1,
            }
        );
        assert!(!out.join("sections").exists());
        assert_eq!(
            fs::read_to_string(out.join("articles/b.json")).unwrap(),
            "B"
        );
        assert_eq!(write_all(&out, &second).unchanged, 4);
        fs::remove_dir_all(&out).unwrap();
    }
}
