//! Accounts: sign up, log in, sessions and API tokens, and who is asking (the extractors every
//! handler starts with, and the page context); who blocked whom, suspensions and the mail a
//! member asked for.

pub mod api;
pub mod auth;
pub mod blocks;
pub mod model;
pub mod page;
pub mod pages;
pub mod password;
pub mod queries;
pub mod service;
pub mod signin;
pub mod subscriptions;
pub mod suspension;
pub mod tokens;

pub use auth::{ApiAdmin, ApiModerator, ApiUser, ApiViewer, PageAdmin, PageModerator, PageUser};
pub use page::PageContext;

pub fn configure(cfg: &mut crate::web::Routes) {
    api::configure(cfg);
    cfg.map(|cfg| {
        pages::configure(cfg);
        cfg
    });
}
