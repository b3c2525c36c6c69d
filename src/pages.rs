//! One component per route.

mod article_page;
mod contact_page;
mod front_page;
mod not_found;
mod saved_page;
mod section_page;

pub use article_page::ArticlePage;
pub use contact_page::ContactPage;
pub use front_page::FrontPage;
pub use not_found::NotFound;
pub use saved_page::SavedPage;
pub use section_page::SectionPage;
