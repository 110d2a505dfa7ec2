//! The shop's JSON API: brands, catalog, product tags, cart, checkout, orders, dashboards. (A
//! product with the notes that tag it is the storefront's: `crate::storefront`.)

mod brands;
mod cart;
mod catalog;
mod orders;
mod stats;
mod tags;

pub fn configure(cfg: &mut crate::web::Routes) {
    cfg.service(brands::create_brand)
        .service(catalog::import_products)
        .service(catalog::create_product)
        .service(brands::add_staff)
        .service(brands::verify_brand)
        .service(orders::brand_orders)
        .service(stats::brand_stats)
        .service(brands::show_brand)
        .service(catalog::search_products)
        .service(catalog::edit_product)
        .service(tags::add_tag)
        .service(tags::approve_tag)
        .service(tags::remove_tag)
        .service(cart::add_to_cart)
        .service(cart::show_cart)
        .service(cart::set_quantity)
        .service(cart::remove_from_cart)
        .service(cart::checkout)
        .service(orders::my_orders)
        .service(orders::show_order)
        .service(orders::order_status)
        .service(stats::creator_stats);
}
