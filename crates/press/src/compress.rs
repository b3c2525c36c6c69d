//! Precompressed copies: `<file>.br` (brotli) and `<file>.gz` (gzip) beside every
//! compressible file of the built site, which nginx (`brotli_static`, `gzip_static`), Caddy
//! (`precompressed`) and most CDNs send as they are. Compressing on the fly, hosts use faster,
//! weaker settings (issue 17 measured nginx's brotli at level 6: the wasm 291 KiB, not 259).

use rayon::prelude::*;
use std::fs;
use std::io::Write;
use std::path::Path;

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

/// Brotli quality and gzip level for the app and the pages every visit starts from: the densest.
const THOROUGH: (u32, u32) = (11, 9);

/// For the files that grow with the archive. Brotli's quality 11 costs some 7 ms a file whatever
/// its size, which at 100,000 articles (two files each) is half an hour; quality 4 takes a fiftieth
/// of that for copies about a fifth larger. Gzip's default level, for the same reason.
const QUICK: (u32, u32) = (4, 6);

/// Writes the compressed copies of every compressible file under `dist`, on every core; says how
/// many.
pub fn write(dist: &Path) -> Result<String, String> {
    let listed = crate::worker::walk(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    let files: Vec<&Path> = listed
        .iter()
        .map(Path::new)
        .filter(|file| compressible(file))
        .collect();
    files.par_iter().try_for_each(|&file| {
        let path = dist.join(file);
        let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let write = |extension: &str, compressed: Vec<u8>| {
            let mut name = path.clone().into_os_string();
            name.push(extension);
            fs::write(&name, compressed).map_err(|e| format!("{name:?}: {e}"))
        };
        let (quality, level) = if of_the_archive(file) {
            QUICK
        } else {
            THOROUGH
        };
        write(".br", brotli(&bytes, quality))?;
        write(".gz", gzip(&bytes, level).map_err(|e| e.to_string())?)
    })?;
    Ok(format!(
        "press: {} files precompressed (brotli {}, gzip {}; for the archive's own files {} and {})",
        files.len(),
        THOROUGH.0,
        THOROUGH.1,
        QUICK.0,
        QUICK.1
    ))
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

fn gzip(bytes: &[u8], level: u32) -> std::io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
    encoder.write_all(bytes)?;
    encoder.finish()
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
        let report = write(&dist).unwrap();
        assert!(report.contains("2 files"), "{report}");

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
