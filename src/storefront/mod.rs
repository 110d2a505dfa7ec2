//! The storefront: the pages where the shop shows what the other ways of buying offer — the
//! product page with its team deals and community group buys, and the cart with its pickup
//! points. They sit above the shop, the team purchase and the group buy, so that none of those
//! imports another's pages (the shop never imports either of them).

mod api;
mod cart;
mod products;

pub fn configure(cfg: &mut crate::web::Routes) {
    cfg.service(api::show_product).service(api::tap_tag);
    cfg.map(|cfg| {
        cfg.service(products::show_product)
            .service(cart::show_cart)
            .service(cart::add_to_cart)
            .service(cart::set_quantity)
            .service(cart::remove_from_cart)
            .service(cart::checkout)
    });
}
