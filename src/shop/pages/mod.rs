//! Shop pages: brand pages and catalog management, orders, dashboards and the admin's brand
//! list (the product page and the cart are the storefront's, tagging a note is the note's).
//! All plain forms: every page works without JavaScript.

mod brands;
mod dashboards;
mod orders;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(brands::new_brand)
        .service(brands::create_brand)
        .service(brands::manage)
        .service(brands::brand_settings)
        .service(brands::add_staff)
        .service(brands::create_product)
        .service(brands::import_products)
        .service(orders::brand_orders)
        .service(dashboards::brand_dashboard)
        .service(dashboards::brand_csv)
        .service(brands::show_brand)
        .service(brands::edit_product)
        .service(brands::update_product)
        .service(orders::my_orders)
        .service(orders::show_order)
        .service(orders::confirm_cancel)
        .service(orders::order_status)
        .service(dashboards::creator_csv)
        .service(dashboards::creator_dashboard)
        .service(brands::admin_brands)
        .service(brands::admin_verify);
}
