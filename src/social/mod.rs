//! The social graph: follows and the following feed, likes, boards of saved notes, comments,
//! blocks and notifications.

pub mod api;
pub mod blocks;
pub mod boards;
pub mod comments;
pub mod digest;
pub mod notifications;
pub mod pages;
pub mod queries;
pub mod service;

pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    api::configure(cfg);
    pages::configure(cfg);
}
