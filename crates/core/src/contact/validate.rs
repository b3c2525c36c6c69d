//! The contact form's rules, in plain Rust so they are tested natively and cost the wasm little
//! (no regex engine). Each check returns the message shown beside the field.

/// Limits the form states next to its fields.
pub const NAME_MAX: usize = 100;
pub const SUBJECT_MAX: usize = 200;
pub const MESSAGE_MIN: usize = 10;
pub const MESSAGE_MAX: usize = 5_000;
pub const CODE_DIGITS: usize = 6;

pub fn name(value: &str) -> Result<String, &'static str> {
    let value = value.trim();
    match value.chars().count() {
        0 => Err("Enter your name."),
        n if n > NAME_MAX => Err("Your name can be at most 100 characters."),
        _ if value.chars().any(char::is_control) => {
            Err("Your name contains a character we can't accept.")
        }
        _ => Ok(value.to_owned()),
    }
}

pub fn email(value: &str) -> Result<String, &'static str> {
    let value = sanitise_email(value);
    if value.is_empty() {
        Err("Enter your email address.")
    } else if is_valid_email(&value) {
        Ok(value)
    } else {
        Err("Enter an email address like name@example.org.")
    }
}

pub fn subject(value: &str) -> Result<String, &'static str> {
    let value = value.trim();
    if value.chars().count() > SUBJECT_MAX {
        Err("The subject can be at most 200 characters.")
    } else if value.chars().any(char::is_control) {
        Err("The subject contains a character we can't accept.")
    } else {
        Ok(value.to_owned())
    }
}

pub fn message(value: &str) -> Result<String, &'static str> {
    let value = value.trim();
    match value.chars().count() {
        0 => Err("Write your message."),
        n if n < MESSAGE_MIN => Err("Your message needs at least 10 characters."),
        n if n > MESSAGE_MAX => Err("Your message can be at most 5,000 characters."),
        _ if value
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) =>
        {
            Err("Your message contains a character we can't accept.")
        }
        _ => Ok(value.to_owned()),
    }
}

/// The six digits of a verification code, accepting the spaces and dashes a pasted code may carry.
pub fn code(value: &str) -> Result<String, &'static str> {
    let digits: String = value
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\u{a0}' | '\t'))
        .collect();
    if digits.is_empty() {
        Err("Enter the 6-digit code from the email.")
    } else if digits.len() == CODE_DIGITS && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err("The code is 6 digits, like 123 456.")
    }
}

/// What a browser does to an `<input type=email>` value before judging it: newlines removed,
/// then leading and trailing ASCII whitespace.
pub fn sanitise_email(value: &str) -> String {
    let without_newlines: String = value
        .chars()
        .filter(|c| !matches!(c, '\n' | '\r'))
        .collect();
    without_newlines
        .trim_matches(|c: char| c.is_ascii_whitespace())
        .to_owned()
}

/// The HTML standard's "valid email address": letters, digits and `.!#$%&'*+/=?^_`{|}~-` before the
/// `@`; after it, dot-separated labels of 1 to 63 letters, digits or inner hyphens. Like the browser's
/// own check of a value, it takes no non-ASCII: Chromium hands an `<input type=email>` a typed
/// international domain already in its ASCII (punycode) form.
pub fn is_valid_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    local_ok && domain.split('.').all(is_valid_label)
}

fn is_valid_label(label: &str) -> bool {
    (1..=63).contains(&label.len())
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_follow_the_html_standard() {
        for valid in [
            "a@b",
            "first.last@example.org",
            ".a..b.@x.y",
            "x+tag@sub.example.co.uk",
            "o'neil@x.ie",
            "a@xn--bcher-kva.de",
            "  a@b.c \n",
        ] {
            assert!(email(valid).is_ok(), "{valid:?}");
        }
        for invalid in [
            "",
            "a",
            "a@",
            "@b",
            "a@@b",
            "a@b@c",
            "a b@c",
            "a@-b.c",
            "a@b-.c",
            "a@b..c",
            "a@b.c.",
            "\"q\"@b",
            "a@[127.0.0.1]",
            "ü@b.c",
            "a@bücher.de",
            &format!("a@{}.c", "x".repeat(64)),
        ] {
            assert!(email(invalid).is_err(), "{invalid:?}");
        }
        assert_eq!(email(" a@b.c ").unwrap(), "a@b.c");
    }

    #[test]
    fn names_messages_and_subjects_have_stated_limits() {
        assert!(name(" ").is_err());
        assert!(name(&"n".repeat(100)).is_ok());
        assert!(name(&"n".repeat(101)).is_err());
        assert!(name("Ann\u{7}").is_err());
        assert!(message("too short").is_err());
        assert!(message("long enough\nwith a line").is_ok());
        assert!(message(&"m".repeat(5_001)).is_err());
        assert!(message("nul \u{0} inside it").is_err());
        assert!(subject("").is_ok());
        assert!(subject(&"s".repeat(201)).is_err());
    }

    #[test]
    fn codes_may_be_pasted_with_spaces_or_a_dash() {
        for pasted in ["123456", "123 456", "123-456", " 1 2 3 4 5 6 "] {
            assert_eq!(code(pasted).as_deref(), Ok("123456"), "{pasted:?}");
        }
        for wrong in ["", "12345", "1234567", "12a456"] {
            assert!(code(wrong).is_err(), "{wrong:?}");
        }
    }
    // Generated inputs: tests/fuzz.rs.
}
