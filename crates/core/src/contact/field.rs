//! The form's fields, so that ids, rules and the service's field names have one spelling.

use super::validate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Email,
    Code,
    Subject,
    Message,
}

impl Field {
    /// The input's id, which is also the protocol's field name.
    pub fn id(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Email => "email",
            Self::Code => "code",
            Self::Subject => "subject",
            Self::Message => "message",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        [
            Self::Name,
            Self::Email,
            Self::Code,
            Self::Subject,
            Self::Message,
        ]
        .into_iter()
        .find(|field| field.id() == id)
    }

    /// The value as it will be sent, or the message shown beside the field.
    pub fn check(self, value: &str) -> Result<String, &'static str> {
        match self {
            Self::Name => validate::name(value),
            Self::Email => validate::email(value),
            Self::Code => validate::code(value),
            Self::Subject => validate::subject(value),
            Self::Message => validate::message(value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for field in [
            Field::Name,
            Field::Email,
            Field::Code,
            Field::Subject,
            Field::Message,
        ] {
            assert_eq!(Field::from_id(field.id()), Some(field));
        }
        assert_eq!(Field::from_id("token"), None);
    }
}
