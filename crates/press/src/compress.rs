//! Precompressed copies: `<file>.br` (brotli) and `<file>.gz` (gzip) beside every
//! compressible file of the built site (the archive's own files get the gzip copy alone), which
//! nginx (`brotli_static`, `gzip_static`), Caddy (`precompressed`) and most CDNs send as they are.
//! Compressing on the fly, hosts use faster, weaker settings (issue 17 measured nginx's brotli at
//! level 6: the wasm 291 KiB, not 259).

use crate::cache::Stamp;
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

/// Text and wasm compress well; images in PNG or JPEG are compressed already.
const COMPRESSIBLE: [&str; 9] = [
    "html",
    "js",
    "css",
    "wasm",
    "json",
    "svg",
    "xml",
    "txt",
    "webmanifest",
];

/// Brotli quality and gzip level for the app and the pages every visit starts from: the densest
/// (libdeflate goes to 12, past zlib's 9).
const THOROUGH: (u32, u32) = (11, 12);

/// The gzip level for the files that grow with the archive, which get that copy alone: at this
/// size (an article's data or page) brotli's fast qualities are no smaller (quality 2 makes copies
/// 5% larger, in 50% more time), and every client and host takes gzip. Brotli's quality 11 costs
/// some 7 ms a file whatever its size, which at 100,000 articles (two files each) is half an
/// hour. libdeflate's level 4 (its fastest before greedy matching gives way to lazy) makes copies
/// 2% larger than its level 6 in two thirds of the time, some 4 s less for a 100,000-article
/// archive on 2 cores; measured on 5,000 generated pages, 30.5% of their size in 0.38 s against
/// 29.9% in 0.57 s.
const QUICK: u32 = 4;

/// The folders that hold a file per article, which are not searched: the caller names their files.
const ARCHIVE: [&str; 2] = ["articles", "edition/articles"];

/// Writes the compressed copies of every compressible file under `dist` that lacks them or changed
/// since they were made, on every core; says how many. The folders of `ARCHIVE`, too large to
/// search for each run, are left to `archive`: each of their files, as it stands.
pub fn write(dist: &Path, archive: &[(PathBuf, Stamp)]) -> Result<String, String> {
    let listed =
        crate::sync::entries(dist, &ARCHIVE).map_err(|e| format!("{}: {e}", dist.display()))?;
    // A file found here is looked at on the thread that compresses it.
    let mut files: Vec<(PathBuf, Option<Stamp>)> = listed
        .into_iter()
        .filter(|(file, _)| compressible(file))
        .map(|(file, _)| (file, None))
        .collect();
    files.extend(
        archive
            .iter()
            .filter(|(file, _)| compressible(file))
            .map(|(file, stamp)| (file.clone(), Some(*stamp))),
    );
    let made: usize = files
        .par_iter()
        .map(|(file, stamp)| {
            let path = dist.join(file);
            let [br, gz] = copies(&path);
            let archive = of_the_archive(file);
            let made = if archive {
                vec![gz.clone()]
            } else {
                vec![br.clone(), gz.clone()]
            };
            let stamp = stamp.or_else(|| Stamp::of(&path));
            if !stale(stamp, &made) {
                return Ok(0);
            }
            let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let write = |copy: &Path, compressed: Vec<u8>| {
                crate::sync::put(copy, &compressed).map_err(|e| format!("{}: {e}", path.display()))
            };
            if archive {
                archive_copy(&path, &bytes)?;
            } else {
                write(&br, brotli(&bytes, THOROUGH.0))?;
                write(&gz, gzip(&bytes, THOROUGH.1).map_err(|e| e.to_string())?)?;
            }
            Ok(1)
        })
        .sum::<Result<usize, String>>()?;
    Ok(format!(
        "press: {made} files precompressed, {} already current (brotli {} and gzip {}; the archive's own files gzip {} alone)",
        files.len() - made,
        THOROUGH.0,
        THOROUGH.1,
        QUICK,
    ))
}

/// Writes the compressed copy of one of the archive's files at `path` from its `bytes`, as soon as
/// it is written, rather than read it back.
pub fn archive_copy(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let [old, gz] = copies(path);
    let failed = |error: std::io::Error| format!("{}: {error}", path.display());
    crate::sync::put(&gz, &gzip(bytes, QUICK).map_err(failed)?).map_err(failed)?;
    // One an older press made would be sent, stale, to a client asking for brotli. Looked for
    // first: removing takes the folder's lock, and the archive's folders are busy.
    if Stamp::of(&old).is_some() {
        fs::remove_file(&old).map_err(failed)?;
    }
    Ok(())
}

/// Where the compressed copies of the file at `path` go: `<file>.br` and `<file>.gz`.
pub fn copies(path: &Path) -> [PathBuf; 2] {
    [".br", ".gz"].map(|extension| {
        let mut name = path.as_os_str().to_owned();
        name.push(extension);
        PathBuf::from(name)
    })
}

/// The file that `path` is the compressed copy of, if it is one.
pub fn copy_of(path: &Path) -> Option<PathBuf> {
    let name = path.to_str()?;
    let file = name
        .strip_suffix(".br")
        .or_else(|| name.strip_suffix(".gz"))?;
    Some(PathBuf::from(file))
}

/// Whether the compressed `copies` of a file that stands as `stamp` must be made: one is missing or
/// older than the file. Press writes a file before its copies, so a copy as new as its file was
/// made from it (file times are coarser than a write, so they may be equal).
fn stale(stamp: Option<Stamp>, copies: &[PathBuf]) -> bool {
    let Some(changed) = stamp.map(|stamp| stamp.modified()) else {
        return true;
    };
    copies
        .iter()
        .any(|copy| Stamp::of(copy).is_none_or(|made| made.modified() < changed))
}

/// A file there is one of per article (its page, its data), a chunk of headlines or a sitemap:
/// what a 100,000-article archive has 200,000 of. The index, the section pages, the app and the
/// feed stay few, whatever the archive's size.
fn of_the_archive(file: &Path) -> bool {
    let sitemap = file
        .to_str()
        .is_some_and(|name| name.starts_with("sitemap") && !name.contains('/'));
    sitemap
        || file.starts_with("articles")
        || (file.starts_with("edition") && file != Path::new("edition/index.json"))
}

fn compressible(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| COMPRESSIBLE.contains(&extension))
}

fn brotli(bytes: &[u8], quality: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    // The window no larger than the file, and its size told: otherwise the encoder sets up (and
    // clears) a 16 MiB window for every file, which for 200,000 small files was most of the work.
    let lgwin = (usize::BITS - bytes.len().leading_zeros()).clamp(10, 24);
    let params = ::brotli::enc::BrotliEncoderParams {
        quality: quality as i32,
        lgwin: lgwin as i32,
        size_hint: bytes.len(),
        ..Default::default()
    };
    // Writing into a Vec cannot fail.
    let _ = ::brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out
}

/// libdeflate compresses a whole buffer at once, which is all press needs, and does it faster
/// than a streaming encoder.
fn gzip(bytes: &[u8], level: u32) -> std::io::Result<Vec<u8>> {
    let level = libdeflater::CompressionLvl::new(level as i32)
        .map_err(|_| std::io::Error::other(format!("no gzip level {level}")))?;
    let mut compressor = libdeflater::Compressor::new(level);
    let mut out = vec![0; compressor.gzip_compress_bound(bytes.len())];
    let size = compressor
        .gzip_compress(bytes, &mut out)
        .map_err(|error| std::io::Error::other(format!("gzip: {error:?}")))?;
    out.truncate(size);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn text_and_wasm_get_both_copies_which_decompress_to_the_file() {
        let dist = std::env::temp_dir().join(format!("press-compress-{}", std::process::id()));
        fs::create_dir_all(dist.join("edition")).unwrap();
        let text = "<p>A story, told twice. A story, told twice.</p>\n".repeat(50);
        fs::write(dist.join("index.html"), &text).unwrap();
        fs::write(dist.join("edition/index.json"), "{}").unwrap();
        fs::write(dist.join("icon.png"), [137, 80, 78, 71]).unwrap();
        fs::write(dist.join("_headers"), "/*\n").unwrap();
        let report = write(&dist, &[]).unwrap();
        assert!(
            report.contains("2 files precompressed, 0 already current"),
            "{report}"
        );

        let br = fs::read(dist.join("index.html.br")).unwrap();
        assert!(br.len() < text.len() / 10);
        let mut unpacked = String::new();
        ::brotli::Decompressor::new(&br[..], 4096)
            .read_to_string(&mut unpacked)
            .unwrap();
        assert_eq!(unpacked, text);
        let gz = fs::read(dist.join("index.html.gz")).unwrap();
        let mut unpacked = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut unpacked)
            .unwrap();
        assert_eq!(unpacked, text);

        assert!(dist.join("edition/index.json.br").exists());
        for untouched in ["icon.png.br", "icon.png.gz", "_headers.br"] {
            assert!(!dist.join(untouched).exists(), "{untouched}");
        }
        fs::remove_dir_all(&dist).unwrap();
    }

    #[test]
    fn the_archives_files_get_gzip_alone_and_only_what_changed_is_compressed_again() {
        let dist =
            std::env::temp_dir().join(format!("press-compress-again-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dist);
        fs::create_dir_all(dist.join("articles/a")).unwrap();
        let page = dist.join("articles/a/index.html");
        fs::write(&page, "<p>A story.</p>".repeat(20)).unwrap();
        // As an older press left it.
        fs::write(dist.join("articles/a/index.html.br"), "stale").unwrap();
        fs::write(dist.join("index.html"), "<p>The front page.</p>").unwrap();
        // The archive's folders are not searched: their files are named.
        fs::write(dist.join("articles/unnamed.html"), "<p>Not named.</p>").unwrap();
        let named = || {
            [(
                PathBuf::from("articles/a/index.html"),
                Stamp::of(&page).unwrap(),
            )]
        };
        assert!(write(&dist, &named())
            .unwrap()
            .contains("2 files precompressed, 0 already current"));
        assert!(!dist.join("articles/unnamed.html.gz").exists());
        assert!(dist.join("articles/a/index.html.gz").exists());
        assert!(!dist.join("articles/a/index.html.br").exists());
        assert!(dist.join("index.html.br").exists());

        assert!(write(&dist, &named())
            .unwrap()
            .contains("0 files precompressed, 2 already current"));
        // Rewritten as press writes, by a rename over it, so its time is new.
        std::thread::sleep(std::time::Duration::from_millis(20));
        crate::sync::put(&page, b"<p>A story, revised.</p>").unwrap();
        assert!(write(&dist, &named())
            .unwrap()
            .contains("1 files precompressed, 1 already current"));
        let mut unpacked = String::new();
        flate2::read::GzDecoder::new(&fs::read(dist.join("articles/a/index.html.gz")).unwrap()[..])
            .read_to_string(&mut unpacked)
            .unwrap();
        assert_eq!(unpacked, "<p>A story, revised.</p>");
        fs::remove_dir_all(&dist).unwrap();
    }

    #[test]
    fn only_the_files_that_grow_with_the_archive_are_compressed_quickly() {
        for file in [
            "articles/a-story/index.html",
            "edition/articles/a-story.json",
            "edition/index/3.json",
            "sitemap-2.xml",
            "sitemap.xml",
        ] {
            assert!(of_the_archive(Path::new(file)), "{file}");
        }
        for file in [
            "index.html",
            "shell.html",
            "edition/index.json",
            "sections/law/index.html",
            "gazette-0123456789abcdef_bg.wasm",
            "feed.xml",
            "news/sitemap.xml",
        ] {
            assert!(!of_the_archive(Path::new(file)), "{file}");
        }
    }
}
