//! What press knows between runs, so a rebuild re-reads and redraws only what changed: one file for
//! each output folder in the cache folder (`target/press` unless `PRESS_CACHE` names another).
//!
//! It is never trusted blindly. A file is used only when its checksum holds and it was written by
//! this very build of press (a hash of the program, so a new press never reads an old one's
//! conclusions) for this output folder; what it says of an output file holds only while that file
//! keeps the size, time and inode recorded. Anything else is reported, ignored, and a clean build
//! follows.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A content hash: wide enough that two different contents never meet in practice.
pub fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// One output folder's record in the cache folder.
pub struct Cache {
    file: PathBuf,
    /// The program and the output folder it was written for.
    identity: String,
}

/// What a cache file begins with, before its identity and checksum.
const MAGIC: &str = "gazette-press-cache 1";

impl Cache {
    /// The record of `kind` (`edition`, `site`) for the output folder `out`, made yet or not.
    pub fn new(folder: &Path, kind: &str, out: &Path) -> Self {
        let out = resolved(out);
        let place = hash(out.as_os_str().as_encoded_bytes());
        Self {
            file: folder.join(format!("{kind}-{:016x}", place as u64)),
            identity: format!("{:032x} {}", program(), out.display()),
        }
    }

    /// The record of `kind` for `out` of what press was given rather than concluded (the app as
    /// Trunk built it), which any build of press may read.
    pub fn of_inputs(folder: &Path, kind: &str, out: &Path) -> Self {
        let mut cache = Self::new(folder, kind, out);
        if let Some((_, place)) = cache.identity.split_once(' ') {
            cache.identity = format!("inputs {place}");
        }
        cache
    }

    /// What the last run recorded; `Ok(None)` when there is no record, and the reason when there
    /// is one that cannot be used.
    pub fn load<T: DeserializeOwned>(&self) -> Result<Option<T>, String> {
        let bytes = match fs::read(&self.file) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(error.to_string()),
        };
        let (header, body) = bytes
            .iter()
            .position(|&byte| byte == b'\n')
            .map(|at| bytes.split_at(at))
            .ok_or("it has no header")?;
        let header = std::str::from_utf8(header).map_err(|_| "its header is not text")?;
        let (identity, checksum) = header
            .strip_prefix(MAGIC)
            .and_then(|rest| rest.strip_prefix(' '))
            .and_then(|rest| rest.rsplit_once(' '))
            .ok_or("it is not a cache file of this press")?;
        if identity != self.identity {
            return Err("it was written by another build of press or for another folder".into());
        }
        if checksum != format!("{:032x}", hash(body)) {
            return Err("its checksum does not match (it was cut short or changed)".into());
        }
        postcard::from_bytes(body.get(1..).unwrap_or_default())
            .map(Some)
            .map_err(|error| format!("it does not read: {error}"))
    }

    /// Records `value` for the next run, whole or not at all.
    pub fn save<T: Serialize>(&self, value: &T) -> io::Result<()> {
        let body = postcard::to_stdvec(value).map_err(io::Error::other)?;
        let mut bytes = format!("{MAGIC} {} ", self.identity).into_bytes();
        let mut rest = b"\n".to_vec();
        rest.extend(body);
        bytes.extend(format!("{:032x}", hash(&rest)).into_bytes());
        bytes.extend(rest);
        if let Some(folder) = self.file.parent() {
            fs::create_dir_all(folder)?;
        }
        let temporary = self.file.with_extension("tmp");
        fs::write(&temporary, bytes)?;
        fs::rename(&temporary, &self.file)
    }

    pub fn path(&self) -> &Path {
        &self.file
    }
}

/// The one name of the folder `out`, whether or not it exists yet: the first run into a new folder
/// and the next must find the same record.
fn resolved(out: &Path) -> PathBuf {
    let mut existing = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
    let mut below = Vec::new();
    loop {
        if let Ok(mut path) = fs::canonicalize(&existing) {
            path.extend(below.iter().rev());
            return path;
        }
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                below.push(name.to_owned());
                existing = parent.to_path_buf();
            }
            _ => return out.to_path_buf(),
        }
    }
}

/// A hash of the running program: press's conclusions (a converted article, a drawn page) hold
/// only for the code that drew them.
fn program() -> u128 {
    static PROGRAM: OnceLock<u128> = OnceLock::new();
    *PROGRAM.get_or_init(|| {
        std::env::current_exe()
            .and_then(fs::read)
            .map_or(0, |bytes| hash(&bytes))
    })
}

/// An output file as it stood when press last wrote or checked it. Press writes by renaming a new
/// file into place, so any write since, by press or anyone, gives a new inode or time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    len: u64,
    modified: i128,
    inode: u64,
}

impl Stamp {
    /// When the file was last written, in nanoseconds since 1970.
    pub fn modified(&self) -> i128 {
        self.modified
    }

    /// The file's stamp; `None` when it is missing or not a plain file.
    pub fn of(path: &Path) -> Option<Self> {
        let meta = fs::symlink_metadata(path)
            .ok()
            .filter(|meta| meta.is_file())?;
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Self {
            len: meta.len(),
            modified: i128::try_from(modified).ok()?,
            inode,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("press-cache-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("out")).unwrap();
        dir
    }

    #[test]
    fn a_record_reads_back_only_for_its_own_folder_and_whole() {
        let dir = folder("records");
        let cache = Cache::new(&dir.join("cache"), "edition", &dir.join("out"));
        assert_eq!(cache.load::<Vec<u32>>(), Ok(None));
        cache.save(&vec![1u32, 2, 3]).unwrap();
        assert_eq!(cache.load::<Vec<u32>>(), Ok(Some(vec![1, 2, 3])));

        fs::create_dir_all(dir.join("elsewhere")).unwrap();
        let other = Cache::new(&dir.join("cache"), "edition", &dir.join("elsewhere"));
        fs::copy(cache.path(), other.path()).unwrap();
        let refused = other.load::<Vec<u32>>().unwrap_err();
        assert!(refused.contains("another folder"), "{refused}");

        let mut bytes = fs::read(cache.path()).unwrap();
        let last = bytes.len() - 2;
        bytes[last] = b'9';
        fs::write(cache.path(), &bytes).unwrap();
        let refused = cache.load::<Vec<u32>>().unwrap_err();
        assert!(refused.contains("checksum"), "{refused}");

        fs::write(cache.path(), &bytes[..bytes.len() / 2]).unwrap();
        assert!(cache.load::<Vec<u32>>().is_err());
        fs::write(cache.path(), "[1, 2, 3]").unwrap();
        assert!(cache.load::<Vec<u32>>().is_err());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_folder_has_one_record_before_and_after_it_exists() {
        let dir = folder("names");
        fs::create_dir_all(dir.join("real")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.join("real"), dir.join("link")).unwrap();
        let cache = dir.join("cache");
        let roundabout = [dir.join("out/../new"), dir.join("link/new")];
        let before: Vec<PathBuf> = roundabout
            .iter()
            .map(|out| Cache::new(&cache, "site", out).path().to_owned())
            .collect();
        fs::create_dir_all(dir.join("new")).unwrap();
        fs::create_dir_all(dir.join("real/new")).unwrap();
        for (out, before) in roundabout.iter().zip(before) {
            assert_eq!(
                Cache::new(&cache, "site", out).path(),
                before,
                "{}",
                out.display()
            );
        }
        assert_eq!(
            Cache::new(&cache, "site", &dir.join("new")).path(),
            Cache::new(&cache, "site", &roundabout[0]).path()
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_stamp_changes_when_the_file_is_replaced() {
        let dir = folder("stamps");
        let file = dir.join("out/a.json");
        fs::write(&file, "a").unwrap();
        let before = Stamp::of(&file).unwrap();
        assert_eq!(Stamp::of(&file), Some(before));
        let temporary = dir.join("out/.a.json.tmp");
        fs::write(&temporary, "b").unwrap();
        fs::rename(&temporary, &file).unwrap();
        assert_ne!(Stamp::of(&file), Some(before));
        assert_eq!(Stamp::of(&dir.join("out/missing")), None);
        fs::remove_dir_all(&dir).unwrap();
    }
}
