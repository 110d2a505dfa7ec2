//! Notes: photo review notes with hashtags — posting, editing, deleting, and the feeds that list them.

pub mod api;
pub mod form;
pub mod hashtags;
pub mod import;
pub mod model;
pub mod pages;
pub mod queries;
pub mod ranking;
pub mod service;

pub fn configure(cfg: &mut crate::web::Routes) {
    api::configure(cfg);
    cfg.map(|cfg| {
        pages::configure(cfg);
        cfg
    });
}
