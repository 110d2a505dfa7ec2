//! Buying together: team purchase (拼团). A brand offers a deal on a product with price tiers
//! by team size; shoppers open and join teams by committing an order (stock reserved); when the
//! time runs out (a durable job) or the team fills, it settles exactly once.

pub mod api;
pub mod pages;
pub mod teams;

pub fn configure(cfg: &mut crate::web::Routes) {
    api::configure(cfg);
    cfg.map(|cfg| {
        pages::configure(cfg);
        cfg
    });
}
