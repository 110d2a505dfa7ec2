//! The social graph: follows and the following feed, likes, boards of saved notes, comments,
//! blocks and notifications.

pub mod api;
pub mod blocks;
pub mod boards;
pub mod digest;
pub mod notifications;
pub mod pages;
pub mod queries;
pub mod service;

pub fn configure(cfg: &mut crate::web::Routes) {
    api::configure(cfg);
    cfg.map(|cfg| {
        pages::configure(cfg);
        cfg
    });
}
