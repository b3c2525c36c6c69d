//! Configurations for hosts that do not read `_headers`: nginx and Caddy, written from the
//! `_headers` file press wrote for the same build, so the three cannot drift apart.
//!
//! nginx's traps, each handled here: `add_header` in a location drops every header the server
//! level set (so each location repeats the site's headers); `.webmanifest` has no MIME type in
//! its `mime.types`; the site's folder without its slash (`/news`) must redirect to it; `_headers`
//! itself must not be served; precompressed files need `gzip_static` and `brotli_static`.

use std::fs;
use std::path::Path;

/// One rule of `_headers`: a path pattern (`*` matches anything) and its headers.
#[derive(Debug, PartialEq)]
struct Rule {
    pattern: String,
    headers: Vec<(String, String)>,
}

/// The rules of the `_headers` file in `dist`.
fn read(dist: &Path) -> Result<Vec<Rule>, String> {
    let path = dist.join("_headers");
    let text = fs::read_to_string(&path)
        .map_err(|e| format!("{}: {e} (run press site first)", path.display()))?;
    parse(&text)
}

fn parse(text: &str) -> Result<Vec<Rule>, String> {
    let mut rules: Vec<Rule> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if !line.starts_with(char::is_whitespace) {
            rules.push(Rule {
                pattern: line.trim().to_owned(),
                headers: Vec::new(),
            });
            continue;
        }
        let (name, value) = line
            .trim()
            .split_once(':')
            .ok_or_else(|| format!("_headers: `{}` is not `Name: value`", line.trim()))?;
        if value.contains(['"', '$', '\\']) {
            return Err(format!(
                "_headers: {name}'s value cannot be quoted for nginx"
            ));
        }
        let rule = rules
            .last_mut()
            .ok_or("_headers: a header before any path")?;
        rule.headers
            .push((name.trim().to_owned(), value.trim().to_owned()));
    }
    Ok(rules)
}

/// The site's own path (`/news/`), its rule (the first, `<base>*`) and the others.
fn site(rules: &[Rule]) -> Result<(&str, &Rule, &[Rule]), String> {
    let (first, rest) = rules.split_first().ok_or("_headers has no rules")?;
    let base = first
        .pattern
        .strip_suffix('*')
        .filter(|base| base.starts_with('/') && base.ends_with('/'))
        .ok_or("_headers: the first rule must be the whole site, `<base>*`")?;
    Ok((base, first, rest))
}

/// An nginx `server` block serving the build in `dist`, whose files the host keeps at
/// `<root><base>` (`/srv/www/news/` for a site at `/news/`), on `listen`.
pub fn nginx(dist: &Path, root: &str, listen: &str) -> Result<String, String> {
    let rules = read(dist)?;
    let (base, whole, rest) = site(&rules)?;
    let site_headers = &whole.headers;
    let add = |headers: &[(String, String)], indent: &str| -> String {
        headers
            .iter()
            .map(|(name, value)| format!("{indent}add_header {name} \"{value}\" always;\n"))
            .collect()
    };
    let mut out = format!(
        "# Written by `press host nginx` from this build's _headers: the site at {base}, its files at\n\
         # {root}{base}. brotli_static needs the ngx_brotli module (Debian: libnginx-mod-http-brotli-static);\n\
         # without it, delete that line and browsers get the .gz copies.\n\
         server {{\n    listen {listen};\n    root {root};\n    index index.html;\n    charset utf-8;\n\
         \x20   # Redirects keep the address the reader used (a proxy's host and port).\n    absolute_redirect off;\n\
         \x20   # press writes a .br and a .gz beside the app and its pages, a .gz beside the archive's.\n    brotli_static on;\n    gzip_static on;\n    gzip_vary on;\n\
         \x20   error_page 404 {base}404.html;\n\n"
    );
    if base != "/" {
        out.push_str(&format!(
            "    location = {} {{\n        return 301 {base};\n    }}\n",
            base.trim_end_matches('/')
        ));
    }
    out.push_str(&format!(
        "    # For hosts that read it, not for readers.\n    location = {base}_headers {{\n        return 404;\n    }}\n"
    ));
    out.push_str(&format!(
        "    # Every location repeats the site's headers: add_header in a location drops the server's.\n    location {base} {{\n{}    }}\n",
        add(site_headers, "        ")
    ));
    for rule in rest {
        let location = match rule.pattern.strip_suffix('*') {
            Some(prefix) => format!("^~ {prefix}"),
            None => format!("= {}", rule.pattern),
        };
        let mut body = add(site_headers, "        ");
        body.push_str(&add(&rule.headers, "        "));
        if rule.pattern.ends_with(".webmanifest") {
            // Not in nginx's mime.types.
            body.push_str("        types { }\n        default_type application/manifest+json;\n");
        }
        out.push_str(&format!("    location {location} {{\n{body}    }}\n"));
    }
    out.push_str("}\n");
    Ok(out)
}

/// A Caddyfile site block serving the build in `dist`, whose files the host keeps at
/// `<root><base>`, at `address` (`news.example.org`, `:8080`).
pub fn caddy(dist: &Path, root: &str, address: &str) -> Result<String, String> {
    let rules = read(dist)?;
    let (base, whole, rest) = site(&rules)?;
    let site_headers = &whole.headers;
    let block = |headers: &[(String, String)]| -> String {
        headers
            .iter()
            .map(|(name, value)| format!("\t\t{name} \"{value}\"\n"))
            .collect()
    };
    let mut out = format!(
        "# Written by `press host caddy` from this build's _headers: the site at {base}, its files at\n\
         # {root}{base}. Caddy sends the .br and .gz copies press writes beside the files.\n\
         {address} {{\n\troot * {root}\n\trespond {base}_headers 404\n"
    );
    if base != "/" {
        out.push_str(&format!(
            "\tredir {} {base} permanent\n",
            base.trim_end_matches('/')
        ));
    }
    out.push_str(&format!(
        "\theader {base}* {{\n{}\t}}\n",
        block(site_headers)
    ));
    for rule in rest {
        out.push_str(&format!(
            "\theader {} {{\n{}\t}}\n",
            rule.pattern,
            block(&rule.headers)
        ));
    }
    out.push_str(&format!(
        "\t@manifest path *.webmanifest\n\theader @manifest Content-Type application/manifest+json\n\
         \tfile_server {{\n\t\tprecompressed br gzip\n\t}}\n\
         \thandle_errors {{\n\t\t@missing expression {{err.status_code}} == 404\n\t\thandle @missing {{\n\t\t\trewrite * {base}404.html\n\t\t\tfile_server {{\n\t\t\t\tprecompressed br gzip\n\t\t\t}}\n\t\t}}\n\t}}\n}}\n"
    ));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADERS: &str = "# Written by press for this build.\n/news/*\n  Content-Security-Policy: default-src 'none'; img-src 'self'\n  X-Content-Type-Options: nosniff\n\n# Named by a hash.\n/news/app-0123456789abcdef.js\n  Cache-Control: public, max-age=31536000, immutable\n\n/news/\n  Cache-Control: no-cache\n/news/manifest.webmanifest\n  Cache-Control: no-cache\n/news/edition/*\n  Cache-Control: no-cache\n";

    fn dist() -> std::path::PathBuf {
        let dist = std::env::temp_dir().join(format!("press-hosts-{}", std::process::id()));
        fs::create_dir_all(&dist).unwrap();
        fs::write(dist.join("_headers"), HEADERS).unwrap();
        dist
    }

    #[test]
    fn headers_are_read_as_rules() {
        let rules = parse(HEADERS).unwrap();
        assert_eq!(rules.len(), 5);
        assert_eq!(rules[0].pattern, "/news/*");
        assert_eq!(
            rules[0].headers[0],
            (
                "Content-Security-Policy".to_owned(),
                "default-src 'none'; img-src 'self'".to_owned()
            )
        );
        assert!(parse("  X-A: b\n").is_err(), "a header before any path");
        assert!(
            parse("/*\n  X-A: $host\n").is_err(),
            "nginx would expand it"
        );
    }

    #[test]
    fn nginx_repeats_the_sites_headers_in_every_location() {
        let conf = nginx(&dist(), "/srv/www", "80").unwrap();
        assert!(conf.contains("location = /news {\n        return 301 /news/;"));
        assert!(conf.contains("location = /news/_headers {\n        return 404;"));
        for location in [
            "location /news/ {",
            "location = /news/app-0123456789abcdef.js {",
            "location = /news/ {",
            "location ^~ /news/edition/ {",
        ] {
            let block = conf
                .split(location)
                .nth(1)
                .unwrap_or_else(|| panic!("{location}"));
            let block = block.split('}').next().unwrap();
            assert!(
                block.contains("add_header Content-Security-Policy \"default-src 'none'; img-src 'self'\" always;"),
                "{location}"
            );
        }
        assert!(conf
            .contains("add_header Cache-Control \"public, max-age=31536000, immutable\" always;"));
        assert!(conf.contains("default_type application/manifest+json;"));
        assert!(conf.contains("brotli_static on;") && conf.contains("gzip_static on;"));
    }

    #[test]
    fn caddy_gets_the_same_headers() {
        let conf = caddy(&dist(), "/srv/www", ":8080").unwrap();
        assert!(conf.contains("\theader /news/* {\n\t\tContent-Security-Policy \"default-src 'none'; img-src 'self'\"\n"));
        assert!(conf.contains("\theader /news/edition/* {\n\t\tCache-Control \"no-cache\"\n"));
        assert!(conf.contains("redir /news /news/ permanent"));
        assert!(conf.contains("precompressed br gzip"));
    }
}
