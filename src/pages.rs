//! One component per route, and the view of each that press also draws, with its data as props.

mod article_page;
mod contact_page;
mod front_page;
mod head;
mod not_found;
mod saved_page;
mod section_page;

pub use article_page::{ArticlePage, ArticleView, SaveState};
pub use contact_page::{ContactPage, ContactPageView, WriteInstead};
pub use front_page::{FrontPage, FrontPageView};
pub use head::{Announced, Head};
pub use not_found::{NotFound, NotFoundView};
pub use saved_page::{NothingSaved, SavedPage, SavedPageView};
pub use section_page::{SectionPage, SectionPageView};
