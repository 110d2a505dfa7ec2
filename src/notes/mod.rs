//! Notes: photo review notes with hashtags — posting, editing, deleting, and the feeds that list them.

pub mod api;
pub mod comments;
pub mod form;
pub mod hashtags;
pub mod import;
pub mod model;
pub mod pages;
pub mod queries;
pub mod ranking;
pub mod service;
mod tagging;

pub fn configure(cfg: &mut crate::web::Routes) {
    api::configure(cfg);
    cfg.map(|cfg| {
        pages::configure(cfg);
        tagging::configure(cfg);
        cfg
    });
}
