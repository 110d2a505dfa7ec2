//! Accounts: sign up, log in, sessions and API tokens, profiles.

pub mod api;
pub mod model;
pub mod pages;
pub mod password;
pub mod queries;
pub mod service;
pub mod signin;
pub mod tokens;

pub fn configure(cfg: &mut crate::web::Routes) {
    api::configure(cfg);
    cfg.map(|cfg| {
        pages::configure(cfg);
        cfg
    });
}
