//! Rows and views of the shop: brands, products, product tags, cart lines, orders.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::{BrandId, CheckoutId, NoteId, OrderId, OrderItemId, ProductId, ProductTagId, UserId};
use crate::schema::{brands, order_items, orders, product_tags, products};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = brands)]
pub struct Brand {
    pub id: BrandId,
    pub owner_id: UserId,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub logo: Option<String>,
    pub commission_bps: i32,
    pub verified_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

/// A brand as pages and the API show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BrandView {
    pub id: BrandId,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub logo_url: Option<String>,
    pub verified: bool,
    pub commission_bps: i32,
    pub url: String,
}

impl From<&Brand> for BrandView {
    fn from(b: &Brand) -> BrandView {
        BrandView {
            id: b.id,
            name: b.name.clone(),
            slug: b.slug.clone(),
            description: b.description.clone(),
            logo_url: b.logo.as_deref().map(crate::media::card_url),
            verified: b.verified_at.is_some(),
            commission_bps: b.commission_bps,
            url: format!("/brands/{}", b.slug),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = products)]
pub struct Product {
    pub id: ProductId,
    pub brand_id: BrandId,
    pub name: String,
    pub description: String,
    pub category: String,
    pub price_cents: i64,
    pub currency: String,
    pub stock: i64,
    pub active: bool,
    pub commission_bps: Option<i32>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// visible, or hidden by a moderator (then it is not sold, listed or shown to shoppers).
    pub moderation: String,
}

impl Product {
    /// Sold now: active, and not hidden by a moderator.
    pub fn on_sale(&self) -> bool {
        self.active && self.moderation == crate::moderation::VISIBLE
    }
}

/// A product with its brand and photos, as pages and the API show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProductView {
    pub id: ProductId,
    pub name: String,
    pub description: String,
    pub category: String,
    pub price_cents: i64,
    pub currency: String,
    /// The price for people: "¥129.00".
    pub price: String,
    pub stock: i64,
    pub active: bool,
    /// Hidden by a moderator: not sold, and shown only to its brand's staff and moderators.
    pub hidden: bool,
    /// This product's commission rate in basis points (its own, or else the brand's).
    pub commission_bps: i32,
    pub brand: BrandView,
    pub images: Vec<ProductImage>,
    pub url: String,
}

impl ProductView {
    pub fn new(p: Product, brand: &Brand, images: Vec<ProductImage>) -> ProductView {
        ProductView {
            url: format!("/products/{}", p.id),
            price: format_money(p.price_cents, &p.currency),
            commission_bps: p.commission_bps.unwrap_or(brand.commission_bps),
            id: p.id,
            name: p.name,
            description: p.description,
            category: p.category,
            price_cents: p.price_cents,
            currency: p.currency,
            stock: p.stock,
            active: p.active,
            hidden: p.moderation != crate::moderation::VISIBLE,
            brand: brand.into(),
            images,
        }
    }

    pub fn cover(&self) -> Option<&ProductImage> {
        self.images.first()
    }

    /// Whether a shopper can buy it now.
    pub fn buyable(&self) -> bool {
        self.active && !self.hidden && self.stock > 0
    }

    /// How much is left, in words (said in the page's language: `.in_lang(ctx.lang)`).
    pub fn stock_text(&self) -> crate::i18n::Msg {
        match self.stock {
            _ if !self.active => msg!("stock-no-longer-sold"),
            0 => msg!("stock-sold-out"),
            1..=5 => msg!("stock-only-left", count = self.stock),
            n => msg!("stock-in-stock", count = n),
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProductImage {
    pub url: String,
    pub card_url: String,
}

impl ProductImage {
    pub fn new(hash: &str) -> ProductImage {
        ProductImage { url: crate::media::full_url(hash), card_url: crate::media::card_url(hash) }
    }

    pub fn webp_url(&self) -> String {
        crate::media::webp_url(&self.url)
    }

    pub fn card_webp_url(&self) -> String {
        crate::media::webp_url(&self.card_url)
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = product_tags)]
pub struct ProductTag {
    pub id: ProductTagId,
    pub note_id: NoteId,
    pub image: i32,
    pub product_id: ProductId,
    pub x: f64,
    pub y: f64,
    pub status: String,
    pub tagged_by: UserId,
    pub brand_id: Option<BrandId>,
    pub created_at: NaiveDateTime,
}

crate::db::status_enum!(
    /// A product tag on a photo: a brand's tag on someone else's note waits for the author.
    TagStatus {
        Approved => "approved",
        Pending => "pending",
    }
);
pub const TAG_APPROVED: &str = TagStatus::Approved.as_str();
pub const TAG_PENDING: &str = TagStatus::Pending.as_str();

/// The product a tag points at, as the note JSON carries it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TaggedProduct {
    pub id: ProductId,
    pub name: String,
    pub price_cents: i64,
    pub currency: String,
    pub price: String,
    pub stock: i64,
    pub active: bool,
    pub brand_name: String,
    pub brand_verified: bool,
    pub image_url: Option<String>,
    pub url: String,
}

/// A dot on a note's photo.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProductTagView {
    pub id: ProductTagId,
    pub note_id: NoteId,
    /// Which photo (0-based).
    pub image: i32,
    /// From the left edge: a fraction of the photo's width, 0 to 1.
    pub x: f64,
    /// From the top edge: a fraction of the photo's height, 0 to 1.
    pub y: f64,
    /// `approved`, or `pending` (a brand's tag on someone else's note, until its author
    /// approves it).
    #[schema(example = "approved")]
    pub status: String,
    /// Set for a tag placed by a brand.
    pub brand_slug: Option<String>,
    pub product: TaggedProduct,
}

impl ProductTagView {
    pub fn is_approved(&self) -> bool {
        self.status == TAG_APPROVED
    }

    /// CSS position of the dot, in percent.
    pub fn left(&self) -> String {
        format!("{:.2}%", self.x * 100.0)
    }

    pub fn top(&self) -> String {
        format!("{:.2}%", self.y * 100.0)
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = orders)]
pub struct Order {
    pub id: OrderId,
    pub checkout_id: CheckoutId,
    pub buyer_id: UserId,
    pub brand_id: BrandId,
    pub status: String,
    pub currency: String,
    pub total_cents: i64,
    pub shipping_name: String,
    pub shipping_address: String,
    pub payment_method: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The community group buy this order was placed into (picked up at its point).
    pub run_id: Option<crate::db::RunId>,
    pub collected_at: Option<NaiveDateTime>,
    /// Who recorded the delivery or the collection: brand staff or the point's leader, never
    /// the buyer. The verified-purchase badge needs it.
    pub delivered_by: Option<UserId>,
    /// A phone number to reach the buyer (always there for a pickup).
    pub shipping_phone: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = order_items)]
pub struct OrderItem {
    pub id: OrderItemId,
    pub order_id: OrderId,
    pub product_id: ProductId,
    pub product_name: String,
    pub quantity: i32,
    pub unit_price_cents: i64,
    pub source_note_id: Option<NoteId>,
    pub creator_id: Option<UserId>,
    pub commission_bps: i32,
    pub commission_cents: i64,
    pub source_list_id: Option<i64>,
}

/// The commission on `amount` at `bps` basis points, rounded down to a whole minor unit.
pub fn commission(amount: i64, bps: i32) -> i64 {
    amount * i64::from(bps) / 10_000
}

/// A currency of ISO 4217 that money is paid in today: not a fund, a metal, a test code or one
/// that was replaced.
pub fn currency(code: &str) -> Option<iso_currency::Currency> {
    iso_currency::Currency::from_code(code)
        .filter(|c| !c.is_fund() && !c.is_special() && c.is_superseded().is_none() && c.exponent().is_some())
}

/// "¥1,290.00", "€5.50", "JP¥1,200", "1.234 KWD": an amount in the currency's minor units, with
/// as many decimals as ISO 4217 gives it and thousands grouped as both Chinese and English
/// readers write them. The symbols of the currencies whose sign other currencies share (the yen
/// and the yuan, the dollars) say which one they are, but for the yuan, Sprout's home.
pub fn format_money(minor: i64, code: &str) -> String {
    let symbol = match code {
        "CNY" => "¥",
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "JP¥",
        "HKD" => "HK$",
        "TWD" => "NT$",
        "SGD" => "S$",
        "KRW" => "₩",
        _ => "",
    };
    let exponent = currency(code).and_then(|c| c.exponent()).unwrap_or(2) as u32;
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    let unit = 10u64.pow(exponent);
    let grouped = crate::i18n::grouped(abs / unit);
    let number = if exponent == 0 {
        grouped
    } else {
        format!("{grouped}.{:0width$}", abs % unit, width = exponent as usize)
    };
    if symbol.is_empty() {
        format!("{sign}{number} {code}")
    } else {
        format!("{sign}{symbol}{number}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_reads_as_people_write_it() {
        assert_eq!(format_money(12900, "CNY"), "¥129.00");
        assert_eq!(format_money(129000000, "CNY"), "¥1,290,000.00");
        assert_eq!(format_money(5, "EUR"), "€0.05");
        assert_eq!(format_money(1200, "JPY"), "JP¥1,200");
        assert_eq!(format_money(1234, "KWD"), "1.234 KWD");
        assert_eq!(format_money(-250, "USD"), "-$2.50");
    }

    #[test]
    fn only_currencies_money_is_paid_in_are_accepted() {
        assert!(currency("CNY").is_some() && currency("KWD").is_some());
        assert!(currency("XAU").is_none(), "gold is not money to pay in");
        assert!(currency("XXX").is_none() && currency("QQQ").is_none() && currency("cny").is_none());
    }

    #[test]
    fn commission_rounds_down() {
        assert_eq!(commission(12900, 500), 645);
        assert_eq!(commission(999, 1000), 99);
        assert_eq!(commission(100, 0), 0);
    }
}
