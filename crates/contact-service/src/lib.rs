//! Gazette's contact service: the protocol in the README (`gazette_core::contact::protocol`), with
//! the form's own validators, over a database (SQLite, or Postgres for several instances) that
//! keeps every verification, token and message across restarts.

mod api;
mod clock;
mod config;
mod crypto;
mod db;
mod handlers;
mod limits;
mod mail;
mod outbox;
mod server;

pub use clock::Clock;
pub use config::{Config, ConfigError, Limits, MailConfig};
pub use server::{init_tracing, shutdown_signal, start, start_with_clock, Running, StartError};
