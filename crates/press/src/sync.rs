//! Writing an edition over the previous one: only the files whose bytes change are written, so an
//! unchanged file keeps its modification time (and a deploy that compares times or checksums
//! uploads only what changed), and the caller learns what was added, changed and removed.
//!
//! Each file that replaces another is written beside its place under a temporary name and renamed
//! into it, so no file is seen half written; a new one is written in place (see `settle`). The
//! index goes last and removals after it: a reader fetching during the write gets the old index
//! with files it can still find, though a chunk it names may already hold the new headlines.
//! Nothing is flushed to disk (no fsync): a power cut can lose what was written. A run cut short
//! leaves a mix of old and new files, which the next run puts right, since it compares bytes (and
//! trusts its record of a file only while the file stands as recorded), and removes the temporary
//! files it left. Two runs into one folder at once fail: each removes the other's temporary files.

use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashSet};
use std::ffi::OsString;
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
/// and are let go once written. A file given as `Kept` is one the caller found there as it should
/// be, and is left alone.
///
/// The compressed copies `press site` puts beside each file (`<file>.br`, `<file>.gz`) stay while
/// their file is unchanged, and go when it changes or goes.
pub fn write<'a>(
    out: &Path,
    files: impl ParallelIterator<Item = (PathBuf, Output<'a>)>,
    index: Option<(PathBuf, &[u8])>,
) -> io::Result<Changes> {
    fs::create_dir_all(out).map_err(|error| naming(out, error))?;
    let mut before = HashSet::new();
    let mut links = HashSet::new();
    for (path, link) in entries(out, &[])? {
        // Press writes no links, so one here is foreign: it goes before anything is written, or a
        // file written beneath it would land in the folder it points to.
        if link || is_temporary(&path) {
            let file = out.join(&path);
            fs::remove_file(&file).map_err(|error| naming(&file, error))?;
        }
        if link {
            links.insert(path.clone());
        }
        if !is_temporary(&path) {
            before.insert(path);
        }
    }
    let mut written = files
        .map(|(path, output)| {
            let file = out.join(&path);
            let state = match output {
                Output::Bytes(bytes) => settle(&file, &bytes)?,
                Output::Kept => State::Same,
            };
            Ok((path, state))
        })
        .collect::<io::Result<Vec<_>>>()?;
    if let Some((path, bytes)) = index {
        let state = settle(&out.join(&path), bytes)?;
        written.push((path, state));
    }

    let mut changes = Changes::default();
    let mut now = HashSet::with_capacity(written.len());
    let mut same = HashSet::with_capacity(written.len());
    for (path, state) in written {
        match state {
            State::Same => {
                changes.unchanged += 1;
                same.insert(path.clone());
            }
            State::Written if before.contains(&path) => changes.changed.push(path.clone()),
            State::Written => changes.added.push(path.clone()),
        }
        now.insert(path);
    }
    let kept_copy =
        |path: &Path| crate::compress::copy_of(path).is_some_and(|file| same.contains(&file));
    for path in before
        .into_iter()
        .filter(|path| !now.contains(path) && !kept_copy(path))
    {
        if !links.contains(&path) {
            let file = out.join(&path);
            fs::remove_file(&file).map_err(|error| naming(&file, error))?;
        }
        changes.removed.push(path);
    }
    remove_empty_folders(out)?;
    changes.added.sort();
    changes.changed.sort();
    changes.removed.sort();
    Ok(changes)
}

/// Every file under `out` by its path inside it.
pub fn listing(out: &Path) -> io::Result<BTreeSet<PathBuf>> {
    Ok(entries(out, &[])?
        .into_iter()
        .map(|(path, _)| path)
        .collect())
}

/// Every file under `out` by its path inside it, and whether it is a symbolic link, but those in
/// the folders `skip` names (paths inside `out`). A link is listed as a file and never followed,
/// so removing it touches the link, not what it points to outside `out`.
pub fn entries(out: &Path, skip: &[&str]) -> io::Result<Vec<(PathBuf, bool)>> {
    let mut files = Vec::new();
    let mut folders = vec![out.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).map_err(|error| naming(&folder, error))? {
            let entry = entry.map_err(|error| naming(&folder, error))?;
            let path = entry.path();
            let kind = entry.file_type().map_err(|error| naming(&path, error))?;
            if kind.is_dir() {
                let skipped = path
                    .strip_prefix(out)
                    .is_ok_and(|inside| skip.iter().any(|folder| inside == Path::new(folder)));
                if !skipped {
                    folders.push(path);
                }
            } else if let Ok(relative) = path.strip_prefix(out) {
                files.push((relative.to_path_buf(), kind.is_symlink()));
            }
        }
    }
    Ok(files)
}

/// A file to write, or one to leave as it is.
pub enum Output<'a> {
    Bytes(Cow<'a, [u8]>),
    Kept,
}

/// Whether `path` is a file this module writes before renaming it into place (or left behind by a
/// run cut short). Its name starts with a dot, which no file of an edition's does.
pub fn is_temporary(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.starts_with('.') && name.ends_with(TEMPORARY))
}

const TEMPORARY: &str = ".press-tmp";

enum State {
    Same,
    Written,
}

/// Leaves the file at `path` if it holds `bytes` already, otherwise writes it whole; says whether
/// it wrote.
pub fn put(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    settle(path, bytes).map(|state| matches!(state, State::Written))
}

/// Leaves the file at `path` if it holds `bytes` already; otherwise writes it, whole or not at all.
fn settle(path: &Path, bytes: &[u8]) -> io::Result<State> {
    let existing = fs::symlink_metadata(path);
    let same_length = existing
        .as_ref()
        .is_ok_and(|meta| meta.is_file() && meta.len() == bytes.len() as u64);
    if same_length && fs::read(path).map_err(|error| naming(path, error))? == bytes {
        return Ok(State::Same);
    }
    // A new file is written in place: nothing names it yet (the index, and the pages that list
    // stories, are written after what they name), and a run cut short leaves bytes the next run
    // finds different. That spares a rename for each of an archive's files on a first build.
    if existing.is_err_and(|error| error.kind() == io::ErrorKind::NotFound) {
        let create = || {
            fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
        };
        let file = match create() {
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                if let Some(folder) = path.parent() {
                    fs::create_dir_all(folder).map_err(|error| naming(path, error))?;
                }
                create()
            }
            opened => opened,
        };
        let mut file = file.map_err(|error| naming(path, error))?;
        io::Write::write_all(&mut file, bytes).map_err(|error| naming(path, error))?;
        return Ok(State::Written);
    }
    if let Some(folder) = path.parent() {
        fs::create_dir_all(folder).map_err(|error| naming(path, error))?;
    }
    let mut name = OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(TEMPORARY);
    let temporary = path.with_file_name(name);
    fs::write(&temporary, bytes).map_err(|error| naming(path, error))?;
    fs::rename(&temporary, path).map_err(|error| naming(path, error))?;
    Ok(State::Written)
}

/// Folders whose files were all removed (a section no longer published) go too.
fn remove_empty_folders(folder: &Path) -> io::Result<bool> {
    let mut empty = true;
    for entry in fs::read_dir(folder).map_err(|error| naming(folder, error))? {
        let entry = entry.map_err(|error| naming(folder, error))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|error| naming(&path, error))?;
        if kind.is_dir() && remove_empty_folders(&path)? {
            fs::remove_dir(&path).map_err(|error| naming(&path, error))?;
        } else {
            empty = false;
        }
    }
    Ok(empty)
}

/// The error with the file it happened to, which the system's own message leaves out.
fn naming(path: &Path, error: io::Error) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
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
            .map(|(path, text)| {
                (
                    PathBuf::from(path),
                    Output::Bytes(Cow::Borrowed(text.as_bytes())),
                )
            });
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

    fn fresh(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("press-sync-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[cfg(unix)]
    #[test]
    fn a_link_in_the_output_is_removed_itself_never_what_it_points_to() {
        let dir = fresh("links");
        let outside = dir.join("outside");
        fs::create_dir_all(&outside).unwrap();
        fs::write(outside.join("keep.json"), "mine").unwrap();
        let out = dir.join("out");
        write_all(&out, &[("index.json", "1")]);
        std::os::unix::fs::symlink(&outside, out.join("sections")).unwrap();
        std::os::unix::fs::symlink(outside.join("keep.json"), out.join("index.json.link")).unwrap();

        std::os::unix::fs::symlink(&outside, out.join("articles")).unwrap();

        // One link stands where the edition has a folder; the others are gone from it.
        let changes = write_all(&out, &[("index.json", "1"), ("articles/keep.json", "new")]);
        assert_eq!(
            changes.removed,
            [
                PathBuf::from("articles"),
                PathBuf::from("index.json.link"),
                PathBuf::from("sections")
            ]
        );
        assert_eq!(changes.added, [PathBuf::from("articles/keep.json")]);
        assert_eq!(
            fs::read_to_string(outside.join("keep.json")).unwrap(),
            "mine"
        );
        assert_eq!(fs::read_dir(&outside).unwrap().count(), 1);
        assert!(fs::symlink_metadata(out.join("sections")).is_err());
        assert!(fs::symlink_metadata(out.join("articles")).unwrap().is_dir());
        assert_eq!(
            fs::read_to_string(out.join("articles/keep.json")).unwrap(),
            "new"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn files_left_half_written_by_a_run_cut_short_are_removed_unreported() {
        let out = fresh("temporary");
        fs::create_dir_all(out.join("articles")).unwrap();
        fs::write(out.join("articles/.a.json.press-tmp"), "a, half").unwrap();
        fs::write(out.join(".index.json.press-tmp"), "").unwrap();

        let changes = write_all(&out, &[("index.json", "1"), ("articles/a.json", "a")]);
        assert_eq!(changes.removed, Vec::<PathBuf>::new());
        assert_eq!(changes.added.len(), 2);
        assert_eq!(
            listing(&out).unwrap(),
            BTreeSet::from([
                PathBuf::from("articles/a.json"),
                PathBuf::from("index.json")
            ])
        );
        fs::remove_dir_all(&out).unwrap();
    }

    #[test]
    fn an_error_names_the_file_it_happened_to() {
        let out = fresh("errors");
        // A file where the edition needs a folder.
        fs::write(out.join("sections"), "not a folder").unwrap();
        let files = [(
            PathBuf::from("sections/law/index.json"),
            Output::Bytes(Cow::Borrowed(&b"1"[..])),
        )];
        let error = write(&out, files.into_par_iter(), None).unwrap_err();
        assert!(
            error.to_string().contains("sections/law/index.json"),
            "{error}"
        );
        fs::remove_dir_all(&out).unwrap();
    }
}
