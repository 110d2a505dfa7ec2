//! Sprout's integration tests: one binary, each test with its own app and database.
//! Runs on SQLite by default and on PostgreSQL when TEST_DATABASE_URL is set.

mod abuse;
mod accounts;
mod browser;
mod browser_a11y;
mod browser_moderation;
mod common;
mod community;
mod community_pages;
mod fresh;
mod i18n;
mod import;
mod layers;
mod lists;
mod logs;
mod mail;
mod mail_tls;
mod messages;
mod moderation;
mod moderation_pages;
mod notes;
mod openapi;
mod photos;
mod relevance;
mod schema;
mod search;
mod shop;
mod site;
mod social;
mod teams;
