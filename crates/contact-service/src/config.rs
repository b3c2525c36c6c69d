//! Settings from the environment, or from a file of `NAME=value` lines named by `GAZETTE_CONFIG`
//! (the environment wins). A missing or unsafe setting is refused at start, naming the setting and
//! the fix: a service that starts is one that can deliver what it accepts.

use std::collections::HashMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    /// Exact origins (`https://news.example.org`) allowed to call the service.
    pub origins: Vec<String>,
    pub mail: MailConfig,
    pub newsroom: String,
    pub sender: String,
    pub database_url: String,
    pub secret: Vec<u8>,
    pub limits: Limits,
    /// Seconds a delivered message is kept (0: deleted once delivered).
    pub retention: i64,
    /// A header set by the load balancer in front, whose last address is the client's.
    pub client_ip_header: Option<String>,
    /// `POST /_test/expire?email=` (development mode on loopback only, for the end-to-end tests).
    pub test_hooks: bool,
}

#[derive(Debug, Clone)]
pub enum MailConfig {
    /// `smtps://` or `smtp://…?tls=required` (plain SMTP only to loopback).
    Smtp(String),
    /// Development: each email is one `.eml` file in this folder, and codes are printed too.
    Outbox(PathBuf),
}

/// Every limit in one place (README, "Limits"); times in seconds.
#[derive(Debug, Clone)]
pub struct Limits {
    pub code_lifetime: i64,
    pub tries_per_code: i64,
    pub resend_cooldown: i64,
    pub codes_per_address: i64,
    pub codes_per_client: i64,
    pub codes_global: i64,
    pub tries_per_client: i64,
    /// The window of the three code limits and of tries per client.
    pub window: i64,
    pub token_lifetime: i64,
    pub idempotency: i64,
    pub body_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            code_lifetime: 600,
            tries_per_code: 5,
            resend_cooldown: 30,
            codes_per_address: 3,
            codes_per_client: 20,
            codes_global: 1_000,
            tries_per_client: 100,
            window: 3_600,
            token_lifetime: 2 * 3_600,
            idempotency: 24 * 3_600,
            body_bytes: 64 * 1024,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub setting: &'static str,
    pub problem: String,
    pub fix: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}. {}", self.setting, self.problem, self.fix)
    }
}

impl std::error::Error for ConfigError {}

fn refuse(
    setting: &'static str,
    problem: impl Into<String>,
    fix: impl Into<String>,
) -> ConfigError {
    ConfigError {
        setting,
        problem: problem.into(),
        fix: fix.into(),
    }
}

impl Config {
    /// The process's environment, over the file in `GAZETTE_CONFIG` if it names one.
    pub fn from_env() -> Result<Self, ConfigError> {
        let mut settings = HashMap::new();
        if let Ok(file) = std::env::var("GAZETTE_CONFIG") {
            let text = std::fs::read_to_string(&file).map_err(|error| {
                refuse(
                    "GAZETTE_CONFIG",
                    format!("cannot read {file}: {error}"),
                    "Point it at a readable file of NAME=value lines, or unset it.",
                )
            })?;
            settings.extend(parse_file(&text));
        }
        settings.extend(std::env::vars().filter(|(name, _)| name.starts_with("GAZETTE_")));
        Self::from_settings(&settings)
    }

    pub fn from_settings(settings: &HashMap<String, String>) -> Result<Self, ConfigError> {
        let get = |name: &str| {
            settings
                .get(name)
                .map(|value| value.trim().to_owned())
                .filter(|value| !value.is_empty())
        };
        let listen_text = get("GAZETTE_LISTEN").unwrap_or_else(|| "127.0.0.1:4300".into());
        let listen: SocketAddr = listen_text.parse().map_err(|_| {
            refuse(
                "GAZETTE_LISTEN",
                format!("{listen_text:?} is not an address and port"),
                "Set it like GAZETTE_LISTEN=127.0.0.1:4300.",
            )
        })?;
        let mail = match get("GAZETTE_SMTP_URL") {
            Some(url) => MailConfig::Smtp(check_smtp_url(&url)?),
            None if listen.ip().is_loopback() => MailConfig::Outbox(PathBuf::from(
                get("GAZETTE_OUTBOX").unwrap_or_else(|| "target/outbox".into()),
            )),
            None => {
                return Err(refuse(
                    "GAZETTE_SMTP_URL",
                    "is not set, and without it (development mode) emails only go to files, so the service listens only on loopback",
                    "Set GAZETTE_SMTP_URL=smtps://user:password@smtp.example.org to deploy, or listen on 127.0.0.1.",
                ))
            }
        };
        let development = matches!(mail, MailConfig::Outbox(_));
        let origins = check_origins(get("GAZETTE_ALLOWED_ORIGINS"))?;
        let newsroom = required(
            get("GAZETTE_NEWSROOM"),
            development,
            "newsroom@gazette.example",
            "GAZETTE_NEWSROOM",
            "the address readers' messages go to",
            "Set GAZETTE_NEWSROOM=newsroom@example.org.",
        )?;
        let sender = required(
            get("GAZETTE_SENDER"),
            development,
            "Gazette <no-reply@gazette.example>",
            "GAZETTE_SENDER",
            "the From of every email",
            "Set GAZETTE_SENDER='Gazette <no-reply@example.org>' (an address your SMTP server may send as).",
        )?;
        check_mailbox("GAZETTE_NEWSROOM", &newsroom)?;
        check_mailbox("GAZETTE_SENDER", &sender)?;
        let database_url = required(
            get("GAZETTE_DATABASE_URL"),
            development,
            "sqlite://target/contact.sqlite3?mode=rwc",
            "GAZETTE_DATABASE_URL",
            "where verifications and messages are kept",
            "Set GAZETTE_DATABASE_URL=sqlite:///var/lib/gazette-contact/contact.sqlite3?mode=rwc (one instance) or postgres://… (several).",
        )?;
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(refuse(
                "GAZETTE_DATABASE_URL",
                "is neither sqlite: nor postgres://",
                "Use sqlite://path?mode=rwc or postgres://user:password@host/database.",
            ));
        }
        let secret = secret(&get, development)?;
        let mut limits = Limits::default();
        for (name, slot) in [
            ("GAZETTE_RESEND_COOLDOWN", &mut limits.resend_cooldown),
            ("GAZETTE_CODES_PER_ADDRESS", &mut limits.codes_per_address),
            ("GAZETTE_CODES_PER_CLIENT", &mut limits.codes_per_client),
            ("GAZETTE_CODES_GLOBAL", &mut limits.codes_global),
            ("GAZETTE_TRIES_PER_CLIENT", &mut limits.tries_per_client),
        ] {
            if let Some(value) = get(name) {
                *slot = positive(name, &value)?;
            }
        }
        if limits.codes_per_address > 10 {
            return Err(refuse(
                "GAZETTE_CODES_PER_ADDRESS",
                "is above 10 an hour, which would let the service be used to flood a stranger's inbox",
                "Keep it at 10 or less (the default is 3).",
            ));
        }
        let retention = match get("GAZETTE_RETENTION") {
            Some(value) if value == "0" => 0,
            Some(value) => positive("GAZETTE_RETENTION", &value)?,
            None => 0,
        };
        let test_hooks = get("GAZETTE_TEST_HOOKS").is_some_and(|value| value == "1");
        if test_hooks && !(development && listen.ip().is_loopback()) {
            return Err(refuse(
                "GAZETTE_TEST_HOOKS",
                "is only for the end-to-end tests, in development mode on loopback",
                "Unset it.",
            ));
        }
        Ok(Self {
            listen,
            origins,
            mail,
            newsroom,
            sender,
            database_url,
            secret,
            limits,
            retention,
            client_ip_header: get("GAZETTE_CLIENT_IP_HEADER").map(|name| name.to_ascii_lowercase()),
            test_hooks,
        })
    }
}

/// `NAME=value` lines; `#` starts a comment line; quotes around a value are removed.
fn parse_file(text: &str) -> Vec<(String, String)> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once('='))
        .map(|(name, value)| {
            let value = value.trim();
            let unquoted = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                .unwrap_or(value);
            (name.trim().to_owned(), unquoted.to_owned())
        })
        .collect()
}

fn required(
    value: Option<String>,
    development: bool,
    default: &str,
    setting: &'static str,
    what: &str,
    fix: &str,
) -> Result<String, ConfigError> {
    match value {
        Some(value) => Ok(value),
        None if development => Ok(default.to_owned()),
        None => Err(refuse(setting, format!("is not set: it is {what}"), fix)),
    }
}

fn positive(setting: &'static str, value: &str) -> Result<i64, ConfigError> {
    value.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| {
        refuse(
            setting,
            format!("{value:?} is not a positive whole number"),
            "Give a number like 30.",
        )
    })
}

fn host_of(rest: &str) -> &str {
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    let host_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    if let Some(bracketed) = host_port.strip_prefix('[') {
        return bracketed.split(']').next().unwrap_or("");
    }
    host_port.split(':').next().unwrap_or("")
}

fn is_loopback_host(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn check_smtp_url(url: &str) -> Result<String, ConfigError> {
    let fix = "Use smtps://user:password@host (TLS from the start) or smtp://user:password@host:587?tls=required (STARTTLS).";
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(refuse("GAZETTE_SMTP_URL", "is not a URL", fix));
    };
    let host = host_of(rest);
    if host.is_empty() {
        return Err(refuse("GAZETTE_SMTP_URL", "has no host", fix));
    }
    let tls_required = rest.contains("tls=required");
    match scheme {
        "smtps" => Ok(url.to_owned()),
        "smtp" if tls_required || is_loopback_host(host) => Ok(url.to_owned()),
        "smtp" => Err(refuse(
            "GAZETTE_SMTP_URL",
            format!(
                "would send mail to {host} without TLS, exposing codes and messages on the way"
            ),
            fix,
        )),
        _ => Err(refuse(
            "GAZETTE_SMTP_URL",
            format!("has the scheme {scheme:?}"),
            fix,
        )),
    }
}

fn check_origins(value: Option<String>) -> Result<Vec<String>, ConfigError> {
    let fix = "List the site's origins, comma-separated, like GAZETTE_ALLOWED_ORIGINS=https://news.example.org (scheme, host and port only).";
    let Some(value) = value else {
        return Err(refuse("GAZETTE_ALLOWED_ORIGINS", "is not set", fix));
    };
    let mut origins = Vec::new();
    for origin in value.split(',').map(str::trim).filter(|o| !o.is_empty()) {
        let origin = origin.trim_end_matches('/');
        let Some((scheme, rest)) = origin.split_once("://") else {
            return Err(refuse(
                "GAZETTE_ALLOWED_ORIGINS",
                format!("{origin:?} is not an origin"),
                fix,
            ));
        };
        if origin.contains('*') || rest.contains(['/', '?', '#', '@']) || rest.is_empty() {
            return Err(refuse(
                "GAZETTE_ALLOWED_ORIGINS",
                format!("{origin:?} is not one exact origin"),
                fix,
            ));
        }
        match scheme {
            "https" => {}
            "http" if is_loopback_host(host_of(rest)) => {}
            _ => {
                return Err(refuse(
                    "GAZETTE_ALLOWED_ORIGINS",
                    format!("{origin:?} is not https (plain http is allowed for loopback only)"),
                    fix,
                ))
            }
        }
        origins.push(origin.to_ascii_lowercase());
    }
    if origins.is_empty() {
        return Err(refuse("GAZETTE_ALLOWED_ORIGINS", "lists no origin", fix));
    }
    Ok(origins)
}

fn check_mailbox(setting: &'static str, value: &str) -> Result<(), ConfigError> {
    value
        .parse::<lettre::message::Mailbox>()
        .map(|_| ())
        .map_err(|_| {
            refuse(
                setting,
                format!("{value:?} is not an email address"),
                "Write it like newsroom@example.org or 'Name <name@example.org>'.",
            )
        })
}

/// The HMAC key: `GAZETTE_SECRET` (at least 32 characters) or the file in `GAZETTE_SECRET_FILE`.
/// In development a random one is made once and kept in `target/contact-secret`, so codes stay
/// valid across restarts.
fn secret(get: &dyn Fn(&str) -> Option<String>, development: bool) -> Result<Vec<u8>, ConfigError> {
    let fix = "Set GAZETTE_SECRET to 32 or more random characters (for example from `openssl rand -hex 32`), or GAZETTE_SECRET_FILE to a file holding them.";
    let value = match (get("GAZETTE_SECRET"), get("GAZETTE_SECRET_FILE")) {
        (Some(value), _) => value,
        (None, Some(file)) => read_secret(Path::new(&file))
            .map_err(|problem| refuse("GAZETTE_SECRET_FILE", problem, fix))?,
        (None, None) if development => {
            let file = Path::new("target/contact-secret");
            if !file.exists() {
                let fresh = crate::crypto::random_hex(32).map_err(|error| {
                    refuse("GAZETTE_SECRET", format!("no random source: {error}"), fix)
                })?;
                write_private(file, &fresh).map_err(|error| {
                    refuse(
                        "GAZETTE_SECRET",
                        format!("cannot write {}: {error}", file.display()),
                        fix,
                    )
                })?;
            }
            read_secret(file).map_err(|problem| refuse("GAZETTE_SECRET", problem, fix))?
        }
        (None, None) => return Err(refuse("GAZETTE_SECRET", "is not set", fix)),
    };
    if value.chars().count() < 32 {
        return Err(refuse(
            "GAZETTE_SECRET",
            "is shorter than 32 characters",
            fix,
        ));
    }
    Ok(value.into_bytes())
}

fn read_secret(file: &Path) -> Result<String, String> {
    std::fs::read_to_string(file)
        .map(|text| text.trim().to_owned())
        .map_err(|error| format!("cannot read {}: {error}", file.display()))
}

fn write_private(file: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(file)?.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn production() -> Vec<(&'static str, &'static str)> {
        vec![
            ("GAZETTE_LISTEN", "0.0.0.0:8080"),
            ("GAZETTE_SMTP_URL", "smtps://user:pw@smtp.example.org"),
            ("GAZETTE_ALLOWED_ORIGINS", "https://news.example.org"),
            ("GAZETTE_NEWSROOM", "newsroom@example.org"),
            ("GAZETTE_SENDER", "Gazette <no-reply@example.org>"),
            ("GAZETTE_DATABASE_URL", "postgres://gazette@db/gazette"),
            ("GAZETTE_SECRET", "0123456789abcdef0123456789abcdef"),
        ]
    }

    fn refused_setting(pairs: &[(&str, &str)]) -> &'static str {
        Config::from_settings(&settings(pairs)).unwrap_err().setting
    }

    #[test]
    fn a_complete_production_configuration_starts() {
        let config = Config::from_settings(&settings(&production())).unwrap();
        assert_eq!(config.origins, ["https://news.example.org"]);
        assert!(matches!(config.mail, MailConfig::Smtp(_)));
    }

    #[test]
    fn each_missing_production_setting_is_named() {
        for missing in [
            "GAZETTE_ALLOWED_ORIGINS",
            "GAZETTE_NEWSROOM",
            "GAZETTE_SENDER",
            "GAZETTE_DATABASE_URL",
            "GAZETTE_SECRET",
        ] {
            let pairs: Vec<_> = production()
                .into_iter()
                .filter(|(name, _)| *name != missing)
                .collect();
            assert_eq!(refused_setting(&pairs), missing);
        }
        let pairs: Vec<_> = production()
            .into_iter()
            .filter(|(name, _)| *name != "GAZETTE_SMTP_URL")
            .collect();
        let error = Config::from_settings(&settings(&pairs)).unwrap_err();
        assert_eq!(error.setting, "GAZETTE_SMTP_URL");
        assert!(
            error.to_string().contains("Set GAZETTE_SMTP_URL="),
            "{error}"
        );
    }

    #[test]
    fn unsafe_settings_are_refused() {
        let with = |name: &'static str, value: &'static str| {
            let mut pairs = production();
            pairs.retain(|(n, _)| *n != name);
            pairs.push((name, value));
            refused_setting(&pairs)
        };
        assert_eq!(
            with("GAZETTE_SMTP_URL", "smtp://smtp.example.org:587"),
            "GAZETTE_SMTP_URL"
        );
        assert_eq!(
            with("GAZETTE_ALLOWED_ORIGINS", "*"),
            "GAZETTE_ALLOWED_ORIGINS"
        );
        assert_eq!(
            with("GAZETTE_ALLOWED_ORIGINS", "http://news.example.org"),
            "GAZETTE_ALLOWED_ORIGINS"
        );
        assert_eq!(
            with("GAZETTE_ALLOWED_ORIGINS", "https://news.example.org/path"),
            "GAZETTE_ALLOWED_ORIGINS"
        );
        assert_eq!(with("GAZETTE_SECRET", "short"), "GAZETTE_SECRET");
        assert_eq!(
            with("GAZETTE_CODES_PER_ADDRESS", "50"),
            "GAZETTE_CODES_PER_ADDRESS"
        );
        assert_eq!(with("GAZETTE_TEST_HOOKS", "1"), "GAZETTE_TEST_HOOKS");
        assert_eq!(
            with("GAZETTE_DATABASE_URL", "mysql://x"),
            "GAZETTE_DATABASE_URL"
        );
        // STARTTLS required, or plain SMTP to loopback, are fine.
        for url in [
            "smtp://smtp.example.org:587?tls=required",
            "smtp://127.0.0.1:2525",
        ] {
            let mut pairs = production();
            pairs.retain(|(n, _)| *n != "GAZETTE_SMTP_URL");
            pairs.push(("GAZETTE_SMTP_URL", url));
            assert!(Config::from_settings(&settings(&pairs)).is_ok(), "{url}");
        }
    }

    #[test]
    fn files_hold_name_value_lines() {
        let parsed =
            parse_file("# comment\nGAZETTE_NEWSROOM = \"a@b.c\"\n\nGAZETTE_SENDER='x@y.z'\n");
        assert_eq!(
            parsed,
            [
                ("GAZETTE_NEWSROOM".into(), "a@b.c".into()),
                ("GAZETTE_SENDER".into(), "x@y.z".into())
            ]
        );
    }
}
