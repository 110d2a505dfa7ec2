//! A member's public profile: who they are, their notes, their top-ten lists, the brands they
//! work for and whether the viewer follows them. It shows every domain that belongs to a member,
//! so it sits above all of them (accounts own only the account).

mod api;
mod pages;

pub fn configure(cfg: &mut crate::web::Routes) {
    cfg.service(api::profile);
    cfg.map(|cfg| cfg.service(pages::profile));
}
