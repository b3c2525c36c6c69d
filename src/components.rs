//! Pieces shared by several pages.

mod article_body;
mod connection_bar;
mod contact_form;
mod form_field;
mod headline_card;
mod impact;
mod masthead;
mod notices;
mod story_finder;

pub use article_body::ArticleBody;
pub use connection_bar::ConnectionBar;
pub use contact_form::ContactForm;
pub use form_field::FormField;
pub use headline_card::HeadlineCard;
pub use impact::{ImpactBadge, ImpactExplainer};
pub use masthead::{Masthead, SiteFooter};
pub use notices::{LoadErrorNotice, OpeningNotice, Placeholder, SkippedNotice, StaleNotice};
pub use story_finder::StoryFinder;
