//! Community group buy (社区团购): group leaders run pickup points (approved by an admin);
//! brands open runs there with a cut-off and a minimum number of orders; neighbours order into a
//! run and collect at the point. At the cut-off a durable job confirms the run (and the leader
//! gets a pick list) or cancels every order in it, exactly once.

pub mod api;
pub mod pages;
pub mod picklist;
pub mod points;
pub mod runs;

pub fn configure(cfg: &mut crate::web::Routes) {
    api::configure(cfg);
    cfg.map(|cfg| {
        pages::configure(cfg);
        cfg
    });
}
