//! Precompressed copies: `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) beside
//! every compressible file of the built site, which nginx (`brotli_static`, `gzip_static`), Caddy
//! (`precompressed`) and most CDNs send as they are. Compressing on the fly, hosts use faster,
//! weaker settings (issue 17 measured nginx's brotli at level 6: the wasm 291 KiB, not 259).

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

/// Writes the compressed copies of every compressible file under `dist`; says how many.
pub fn write(dist: &Path) -> Result<String, String> {
    let mut files = 0;
    let listed = crate::worker::walk(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    for path in listed.iter().map(|file| dist.join(file)) {
        if !compressible(&path) {
            continue;
        }
        let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let write = |extension: &str, compressed: Vec<u8>| {
            let mut name = path.clone().into_os_string();
            name.push(extension);
            fs::write(&name, compressed).map_err(|e| format!("{name:?}: {e}"))
        };
        write(".br", brotli(&bytes))?;
        write(".gz", gzip(&bytes).map_err(|e| e.to_string())?)?;
        files += 1;
    }
    Ok(format!(
        "press: {files} files precompressed (.br at quality 11, .gz)"
    ))
}

fn compressible(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| COMPRESSIBLE.contains(&extension))
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    let params = ::brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 24,
        ..Default::default()
    };
    // Writing into a Vec cannot fail.
    let _ = ::brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out
}

fn gzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
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
}
