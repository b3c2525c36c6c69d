//! The site's security headers and Subresource Integrity.
//!
//! The Content-Security-Policy allows scripts from the site itself, the two inline scripts Trunk's
//! loader needs (by hash), and compiling the wasm ('wasm-unsafe-eval'); nothing inline otherwise,
//! no eval, and no request to any other origin but the configured contact service.

use crate::newsroom::Newsroom;
use gazette_core::routes::Route;
use sha2::{Digest, Sha256, Sha384};
use std::fs;
use std::path::Path;

/// `sha384-…` for an `integrity` attribute.
pub fn integrity(bytes: &[u8]) -> String {
    format!("sha384-{}", base64(&Sha384::digest(bytes)))
}

/// `'sha256-…'` for a CSP source list.
fn csp_hash(text: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(text.as_bytes())))
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let [a, b, c] = [0, 1, 2].map(|at| group.get(at).copied().map_or(0, u32::from));
        let triple = a << 16 | b << 8 | c;
        for (at, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if at <= group.len() {
                let sextet = (triple >> shift & 63) as usize;
                out.push(char::from(ALPHABET.get(sextet).copied().unwrap_or(b'=')));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The policy. `header` adds what a `<meta>` policy may not carry (browsers ignore it there and
/// complain in the console).
pub fn content_security_policy(
    inline_scripts: &[&str],
    connect: &[String],
    header: bool,
) -> String {
    let mut scripts = vec!["'self'".to_owned(), "'wasm-unsafe-eval'".to_owned()];
    scripts.extend(inline_scripts.iter().map(|script| csp_hash(script)));
    let mut connect_src = vec!["'self'".to_owned()];
    connect_src.extend(connect.iter().cloned());
    let mut policy = vec![
        "default-src 'none'".to_owned(),
        format!("script-src {}", scripts.join(" ")),
        "style-src 'self'".to_owned(),
        "img-src 'self'".to_owned(),
        "manifest-src 'self'".to_owned(),
        "worker-src 'self'".to_owned(),
        format!("connect-src {}", connect_src.join(" ")),
        "base-uri 'self'".to_owned(),
        "form-action 'self'".to_owned(),
    ];
    if header {
        policy.push("frame-ancestors 'none'".to_owned());
    }
    policy.join("; ")
}

/// The text of each inline `<script>` (one without `src`), as the browser hashes it.
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let Some(tag_end) = rest.get(start..).and_then(|tail| tail.find('>')) else {
            break;
        };
        let tag = rest.get(start..start + tag_end).unwrap_or("");
        let body_start = start + tag_end + 1;
        let Some(body_len) = rest
            .get(body_start..)
            .and_then(|tail| tail.find("</script>"))
        else {
            break;
        };
        if !tag.contains(" src=") {
            scripts.push(rest.get(body_start..body_start + body_len).unwrap_or(""));
        }
        rest = rest.get(body_start + body_len..).unwrap_or("");
    }
    scripts
}

/// The `_headers` file (Netlify's and Cloudflare Pages' format). Rules do not overlap on
/// Cache-Control, since hosts merge the values of every rule that matches.
pub fn headers_file(
    policy: &str,
    base: &str,
    hashed: &[String],
    fresh: &[(String, &str)],
) -> String {
    let mut out = format!(
        "# Written by press for this build.\n{base}*\n  Content-Security-Policy: {policy}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n  Cross-Origin-Opener-Policy: same-origin\n  Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=()\n"
    );
    out.push_str("\n# Named by a hash of their content: they never change.\n");
    for path in hashed {
        out.push_str(&format!(
            "{base}{path}\n  Cache-Control: public, max-age=31536000, immutable\n"
        ));
    }
    out.push_str(
        "\n# Checked with the server on every use, so a new build or edition is seen at once.\n",
    );
    for (path, cache_control) in fresh {
        out.push_str(&format!("{base}{path}\n  Cache-Control: {cache_control}\n"));
    }
    out
}

/// Makes Trunk's loader check what it runs: the module through an import map's `integrity`, the
/// wasm through `fetch`'s. Trunk already puts `integrity` on its preload links and the stylesheet.
pub fn with_integrity(template: &str, dist: &Path) -> Result<String, String> {
    let unexpected = || {
        "press: Trunk's loader script is not in the form press knows; cannot add integrity"
            .to_owned()
    };
    let quoted_after = |marker: &str| -> Option<String> {
        let at = template.find(marker)? + marker.len();
        Some(template.get(at..)?.split('\'').next()?.to_owned())
    };
    let module = quoted_after("from '").ok_or_else(unexpected)?;
    let wasm = quoted_after("module_or_path: '").ok_or_else(unexpected)?;
    let file_integrity = |url: &str| -> Result<String, String> {
        let name = url.rsplit('/').next().unwrap_or(url);
        let bytes = fs::read(dist.join(name)).map_err(|e| format!("{name}: {e}"))?;
        Ok(integrity(&bytes))
    };
    let import_map = format!(
        r#"<script type="importmap">{{"integrity":{{"{module}":"{}"}}}}</script>"#,
        file_integrity(&module)?
    );
    let loader = format!("module_or_path: '{wasm}'");
    let checked = format!(
        "module_or_path: fetch('{wasm}', {{ integrity: '{}' }})",
        file_integrity(&wasm)?
    );
    let start = template
        .find(r#"<script type="module">"#)
        .ok_or_else(unexpected)?;
    let mut html = template.replacen(&loader, &checked, 1);
    html.insert_str(start, &import_map);
    Ok(html)
}

/// Writes `contact.json`: the contact service (the build's, or else the one already in the file)
/// and the newsroom's name and address, which the app offers when the form cannot be used.
/// Returns the service's origin, the one place besides the site the app may connect to. The
/// origin goes into the security policy, so anything but a plain http(s) URL stops the build.
pub fn configure_contact(
    dist: &Path,
    service: Option<&str>,
    newsroom: &Newsroom,
) -> Result<Option<String>, String> {
    let path = dist.join("contact.json");
    let service = match service {
        Some(service) => {
            origin(service).ok_or_else(|| {
                format!("GAZETTE_CONTACT_SERVICE `{service}` is not an http(s) URL such as https://contact.example.org/v1")
            })?;
            service.to_owned()
        }
        None => {
            let text = fs::read_to_string(&path).unwrap_or_default();
            let config: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
            let service = config.get("service").and_then(|s| s.as_str()).unwrap_or("");
            service.trim().to_owned()
        }
    };
    let config = serde_json::json!({
        "service": service,
        "newsroom": { "name": newsroom.name, "email": newsroom.email },
    });
    crate::sync::put(&path, format!("{config:#}\n").as_bytes())
        .map_err(|e| format!("contact.json: {e}"))?;
    Ok(origin(&service))
}

/// `scheme://host[:port]` of a plain http(s) URL; `None` for anything else.
fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let (host, port) = authority.split_once(':').unwrap_or((authority, ""));
    let plain_host = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'));
    let plain_port = port.bytes().all(|b| b.is_ascii_digit());
    (matches!(scheme, "http" | "https") && plain_host && plain_port)
        .then(|| format!("{scheme}://{authority}"))
}

/// Whether `name` is one of Trunk's content-hashed files (`gazette-0123456789abcdef_bg.wasm`).
/// Trunk writes its 64-bit hash in hex without leading zeros, so one build in sixteen has 15 digits
/// or fewer; fewer than 8 would be one in four billion, and is more likely a name of the newsroom's.
pub fn hashed_by_trunk(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("");
    let hash = stem
        .rsplit('-')
        .next()
        .unwrap_or("")
        .trim_end_matches("_bg");
    (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Files named by their hash (cached for good), and the others with their `Cache-Control`: the
/// route table's pages, the files every build has, and the sitemap files press wrote (`sitemaps`:
/// one, or an index and its parts).
pub fn cache_classes(
    dist: &Path,
    sitemaps: &[String],
) -> (Vec<String>, Vec<(String, &'static str)>) {
    let mut hashed: Vec<String> = fs::read_dir(dist)
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        // A compressed copy is served as its file, under the file's name: over a site press has
        // already compressed, it is no file of its own.
        .filter(|name| hashed_by_trunk(name) && crate::compress::copy_of(Path::new(name)).is_none())
        .collect();
    hashed.sort();
    // The directory itself (`/news/`), and files every build has besides the routes' pages.
    let mut fresh: Vec<(String, &str)> = [
        "",
        "404.html",
        "shell.html",
        "sw.js",
        "manifest.webmanifest",
        "contact.json",
        "feed.xml",
        "edition/*",
    ]
    .map(|path| (path.to_owned(), "no-cache"))
    .into();
    fresh.extend(sitemaps.iter().map(|file| (file.clone(), "no-cache")));
    fresh.extend(
        Route::ALL
            .into_iter()
            .map(|route| (route.files_pattern(), route.cache_control())),
    );
    (hashed, fresh)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_files_are_kept_for_good_and_sitemap_parts_checked_each_time() {
        let dist = std::env::temp_dir().join(format!("press-cache-classes-{}", std::process::id()));
        fs::create_dir_all(&dist).unwrap();
        for file in [
            "gazette-0123456789abcdef_bg.wasm",
            "gazette-6deac38f8a14c98.js",
            "analytics.js",
            "report-2026.css",
        ] {
            fs::write(dist.join(file), "").unwrap();
        }
        let sitemaps = ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"].map(str::to_owned);
        let (hashed, fresh) = cache_classes(&dist, &sitemaps);
        fs::remove_dir_all(&dist).unwrap();
        // A hash whose first hex digit was 0 has 15 digits.
        assert_eq!(
            hashed,
            [
                "gazette-0123456789abcdef_bg.wasm",
                "gazette-6deac38f8a14c98.js"
            ]
        );
        for part in ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"] {
            assert!(fresh.contains(&(part.to_owned(), "no-cache")), "{part}");
        }
        assert!(!fresh.iter().any(|(file, _)| file == "analytics.js"));
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        // The CSP hash of `alert(1)`, as browsers compute it.
        assert_eq!(
            csp_hash("alert(1)"),
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
    }

    #[test]
    fn inline_scripts_are_found_and_external_ones_skipped() {
        let html = r#"<script type="importmap">{"a":1}</script><script src="/x.js"></script><script type="module">go()</script>"#;
        assert_eq!(inline_scripts(html), [r#"{"a":1}"#, "go()"]);
    }

    #[test]
    fn the_policy_allows_nothing_inline_but_the_hashed_scripts() {
        let policy =
            content_security_policy(&["go()"], &["https://contact.example".to_owned()], false);
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"));
        assert!(policy.contains("connect-src 'self' https://contact.example"));
        assert!(!policy.contains("unsafe-inline") && !policy.contains("'unsafe-eval'"));
        assert!(
            !policy.contains("frame-ancestors"),
            "not allowed in a meta policy"
        );
    }

    #[test]
    fn only_a_plain_http_origin_reaches_the_policy() {
        assert_eq!(
            origin("https://contact.example.org/v1"),
            Some("https://contact.example.org".to_owned())
        );
        assert_eq!(
            origin("http://127.0.0.1:4300"),
            Some("http://127.0.0.1:4300".to_owned())
        );
        for url in [
            "https://x.org;script-src-elem *",
            "contact.example.org",
            "ftp://x.org",
            "https://",
            "https://x.org:80a/",
        ] {
            assert_eq!(origin(url), None, "{url}");
        }
    }
}
