//! Who publishes the site: the newsroom's name and email address, which readers write to when the
//! contact form cannot be used and which the feed names as its author. Set by the newsroom in
//! `newsroom.json` in the content folder; the build warns while it still holds the sample's
//! placeholder, and the app reads it from `contact.json`, which press writes.

use serde::Deserialize;
use std::fs;
use std::path::Path;

/// The file in the content folder.
pub const FILE: &str = "newsroom.json";

/// `newsroom.json`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Newsroom {
    /// As readers know it: "Gazette newsroom".
    pub name: String,
    /// Where readers write when the form cannot be used; the feed's author address.
    pub email: String,
}

impl Default for Newsroom {
    /// The sample's placeholder, as a build without `newsroom.json` gets it.
    fn default() -> Self {
        Self {
            name: "Gazette newsroom".to_owned(),
            email: gazette::contact::NEWSROOM.to_owned(),
        }
    }
}

impl Newsroom {
    /// Reads `newsroom.json` from `content`, with a warning for the build's report while it is
    /// missing or a placeholder. A file that is there but unreadable stops the build.
    pub fn read(content: &Path) -> Result<(Self, Option<String>), String> {
        let path = content.join(FILE);
        let Ok(text) = fs::read_to_string(&path) else {
            let newsroom = Self::default();
            let warning = format!(
                "press: warning: no {}: readers who cannot use the contact form are sent to the placeholder {}; write the newsroom's name and email there",
                path.display(),
                newsroom.email
            );
            return Ok((newsroom, Some(warning)));
        };
        let newsroom: Self =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        if !newsroom.email.contains('@') || newsroom.name.trim().is_empty() {
            return Err(format!(
                "{}: needs a name and an email address such as newsroom@news.example.org",
                path.display()
            ));
        }
        let warning = newsroom.is_placeholder().then(|| {
            format!(
                "press: warning: {} still has the placeholder address {}; readers who cannot use the contact form are sent there",
                path.display(),
                newsroom.email
            )
        });
        Ok((newsroom, warning))
    }

    /// Whether the address is at a domain reserved for examples (RFC 2606), which reaches no one.
    pub fn is_placeholder(&self) -> bool {
        let domain = self
            .email
            .rsplit('@')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let domain = domain.trim_end_matches('.');
        ["example", "invalid", "test", "localhost"]
            .iter()
            .any(|tld| domain == *tld || domain.ends_with(&format!(".{tld}")))
            || ["example.com", "example.org", "example.net"]
                .iter()
                .any(|reserved| domain == *reserved || domain.ends_with(&format!(".{reserved}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn newsroom(email: &str) -> Newsroom {
        Newsroom {
            name: "Desk".into(),
            email: email.into(),
        }
    }

    #[test]
    fn example_domains_are_placeholders_and_real_ones_are_not() {
        for email in [
            "newsroom@gazette.example",
            "a@example.org",
            "a@news.example.com",
            "a@EXAMPLE.NET",
            "a@x.test",
        ] {
            assert!(newsroom(email).is_placeholder(), "{email}");
        }
        for email in ["desk@news.example-times.org", "tips@gazette.news"] {
            assert!(!newsroom(email).is_placeholder(), "{email}");
        }
    }

    #[test]
    fn the_file_is_read_and_a_placeholder_or_a_missing_file_warned_about() {
        let folder = std::env::temp_dir().join(format!("press-newsroom-{}", std::process::id()));
        fs::create_dir_all(&folder).unwrap();
        let (missing, warning) = Newsroom::read(&folder).unwrap();
        assert_eq!(missing, Newsroom::default());
        assert!(warning.unwrap().contains("no "));

        let write = |text: &str| fs::write(folder.join(FILE), text).unwrap();
        write(r#"{"name": "The Desk", "email": "desk@news.example.org"}"#);
        let (read, warning) = Newsroom::read(&folder).unwrap();
        assert_eq!(read.name, "The Desk");
        assert!(warning
            .unwrap()
            .contains("placeholder address desk@news.example.org"));

        write(r#"{"name": "The Desk", "email": "desk@thedesk.news"}"#);
        assert_eq!(Newsroom::read(&folder).unwrap().1, None);

        for bad in [
            r#"{"name": "The Desk"}"#,
            r#"{"name": "The Desk", "email": "nobody"}"#,
            r#"{"name": "", "email": "desk@thedesk.news"}"#,
            r#"{"name": "The Desk", "email": "desk@thedesk.news", "emial": "x"}"#,
        ] {
            write(bad);
            assert!(Newsroom::read(&folder).is_err(), "{bad}");
        }
        fs::remove_dir_all(&folder).unwrap();
    }
}
