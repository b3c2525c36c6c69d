//! Pieces shared by several pages.

mod article_body;
mod headline_list;
mod impact;
mod masthead;
mod notices;

pub use article_body::ArticleBody;
pub use headline_list::{HeadlineCard, HeadlineList};
pub use impact::{ImpactBadge, ImpactExplainer};
pub use masthead::{Masthead, SiteFooter};
pub use notices::{LoadErrorNotice, Placeholder, SkippedNotice};
