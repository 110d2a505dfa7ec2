//! Top-ten lists: a creator ranks up to ten products or notes, each with a one-line reason.
//! Drafts are the author's alone; publishing shows the list on the author's profile and in
//! search, and tells their followers. Adding to cart from a list credits the list's creator.

pub mod api;
pub mod pages;
pub mod service;

pub fn configure(cfg: &mut crate::web::Routes) {
    api::configure(cfg);
    cfg.map(|cfg| {
        pages::configure(cfg);
        cfg
    });
}
