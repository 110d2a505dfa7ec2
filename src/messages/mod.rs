//! Messages: a shopper asks a brand ("does this run small?", "where is my parcel?") with the
//! product or order attached, and the brand's staff answer from one shared inbox; members write
//! to each other when the recipient allows it. Every message is saved first, then announced on
//! the live channel (`crate::realtime`); whoever does not read it within their quiet period gets
//! one mail. Blocks make a conversation read-only; spam limits and repeats are refused.

pub mod api;
pub mod mail;
pub mod model;
pub mod service;

pub fn configure(cfg: &mut crate::web::Routes) {
    api::configure(cfg);
}
