//! The contact form's browser side: talking to the contact service, and the saved draft. Its rules
//! (validation, the protocol) are in `gazette_core::contact`, which the service shares.

pub mod client;
pub mod draft;

/// Where readers can write when the form cannot be used and `contact.json` names no address: the
/// sample's placeholder. The newsroom's own is in `client::ContactConfig::newsroom`.
pub const NEWSROOM: &str = "newsroom@gazette.example";

/// A wait as a person would say it, rounded up: "45 seconds", "10 minutes", "2 hours". Said in the
/// form's messages and counted down on its buttons.
pub fn wait_in_words(seconds: u64) -> String {
    let (count, unit) = match seconds {
        0..=90 => (seconds, "second"),
        91..=5400 => (seconds.div_ceil(60), "minute"),
        _ => (seconds.div_ceil(3600), "hour"),
    };
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} {unit}{plural}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_wait_reads_in_seconds_minutes_or_hours_rounded_up() {
        assert_eq!(
            [1, 90, 91, 3599, 5400, 5401, 7200].map(super::wait_in_words),
            [
                "1 second",
                "90 seconds",
                "2 minutes",
                "60 minutes",
                "90 minutes",
                "2 hours",
                "2 hours"
            ]
        );
    }
}
