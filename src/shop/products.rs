//! Catalog products: made and changed by brand staff, loaded as views in a fixed number of
//! queries, found by name, and bulk-loaded from CSV (all rows or none).

use std::collections::HashMap;

use diesel::prelude::*;
use serde::Deserialize;

use super::brands;
use super::model::{Brand, Product, ProductImage, ProductView};
use crate::accounts::model::User;
use crate::db::{BrandId, DbConnection, ProductId};
use crate::media::ProcessedPhoto;
use crate::schema::{brands as brands_t, product_images, products};
use crate::web::AppError;

pub const MAX_PHOTOS: usize = 6;

#[diesel::expression::functions::declare_sql_function]
extern "SQL" {
    /// SQL `lower()`: PostgreSQL's LIKE is case-sensitive, SQLite's is not.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// A product as submitted by the API, the catalog form or a CSV row.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[schema(as = NewProduct)]
pub struct ProductInput {
    /// 1 to 120 characters (not only spaces), trimmed; not the name of another of the brand's
    /// products (409).
    #[schema(min_length = 1, max_length = 120, pattern = r"\S")]
    pub name: String,
    /// Up to 5,000 characters.
    #[serde(default)]
    #[schema(max_length = 5000)]
    pub description: String,
    /// Up to 60 characters.
    #[serde(default)]
    #[schema(max_length = 60)]
    pub category: String,
    /// In the currency's minor unit (cents).
    #[schema(minimum = 0, maximum = 10_000_000_000_i64)]
    pub price_cents: i64,
    /// An ISO 4217 code of a currency in use, such as CNY or EUR, in any case (else 422).
    #[schema(pattern = r"^[A-Za-z]{3}$", example = "CNY")]
    pub currency: String,
    #[schema(minimum = 0, maximum = 10_000_000)]
    pub stock: i64,
    /// Sold and listed (true when not given).
    #[serde(default = "yes")]
    pub active: bool,
    /// Overrides the brand-wide commission, in basis points: 0 to 5,000 (0% to 50%). None:
    /// the brand's.
    #[serde(default)]
    #[schema(minimum = 0, maximum = 5000)]
    pub commission_bps: Option<i32>,
}

fn yes() -> bool {
    true
}

/// A validated product, ready to store.
#[derive(Debug, Clone)]
pub struct CheckedProduct {
    name: String,
    description: String,
    category: String,
    price_cents: i64,
    currency: String,
    stock: i64,
    active: bool,
    commission_bps: Option<i32>,
}

pub fn check(input: &ProductInput) -> Result<CheckedProduct, AppError> {
    let name = input.name.trim();
    if !(1..=120).contains(&name.chars().count()) {
        return Err(AppError::validation("name", msg!("product-name-length")));
    }
    let description = input.description.trim();
    if description.chars().count() > 5000 {
        return Err(AppError::validation("description", msg!("product-description-too-long")));
    }
    let category = input.category.trim();
    if category.chars().count() > 60 {
        return Err(AppError::validation("category", msg!("product-category-too-long")));
    }
    if !(0..=10_000_000_000).contains(&input.price_cents) {
        return Err(AppError::validation("price_cents", msg!("product-price-invalid")));
    }
    let currency = input.currency.trim().to_uppercase();
    if super::model::currency(&currency).is_none() {
        return Err(AppError::validation("currency", msg!("product-currency-invalid", code = &currency)));
    }
    if !(0..=10_000_000).contains(&input.stock) {
        return Err(AppError::validation("stock", msg!("product-stock-invalid")));
    }
    if let Some(bps) = input.commission_bps {
        brands::check_commission(bps)?;
    }
    Ok(CheckedProduct {
        name: name.to_string(),
        description: description.to_string(),
        category: category.to_string(),
        price_cents: input.price_cents,
        currency,
        stock: input.stock,
        active: input.active,
        commission_bps: input.commission_bps,
    })
}

fn name_taken(
    conn: &mut DbConnection,
    brand: BrandId,
    name: &str,
    except: Option<ProductId>,
) -> QueryResult<bool> {
    let mut q = products::table
        .filter(products::brand_id.eq(brand))
        .filter(products::name.eq(name))
        .select(products::id)
        .into_boxed();
    if let Some(id) = except {
        q = q.filter(products::id.ne(id));
    }
    Ok(q.first::<ProductId>(conn).optional()?.is_some())
}

fn insert(conn: &mut DbConnection, brand: BrandId, p: &CheckedProduct) -> QueryResult<ProductId> {
    let now = crate::db::now();
    let row = (
        products::brand_id.eq(brand),
        products::name.eq(&p.name),
        products::description.eq(&p.description),
        products::category.eq(&p.category),
        products::price_cents.eq(p.price_cents),
        products::currency.eq(&p.currency),
        products::stock.eq(p.stock),
        products::active.eq(p.active),
        products::commission_bps.eq(p.commission_bps),
        products::created_at.eq(now),
        products::updated_at.eq(now),
    );
    crate::per_backend!(conn, |c| diesel::insert_into(products::table)
        .values(row)
        .returning(products::id)
        .get_result(c))
}

fn update_row(conn: &mut DbConnection, id: ProductId, p: &CheckedProduct) -> QueryResult<usize> {
    diesel::update(products::table.find(id))
        .set((
            products::name.eq(&p.name),
            products::description.eq(&p.description),
            products::category.eq(&p.category),
            products::price_cents.eq(p.price_cents),
            products::currency.eq(&p.currency),
            products::stock.eq(p.stock),
            products::active.eq(p.active),
            products::commission_bps.eq(p.commission_bps),
            products::updated_at.eq(crate::db::now()),
        ))
        .execute(conn)
}

/// Adds a product to the catalog of the brand named `slug` (staff only), with photos already
/// written to the media store.
pub fn create(
    conn: &mut DbConnection,
    user: &User,
    slug: &str,
    input: &ProductInput,
    photos: &[ProcessedPhoto],
) -> Result<ProductId, AppError> {
    let checked = check(input)?;
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let brand = brands::staffed(conn, user, slug)?;
        if name_taken(conn, brand.id, &checked.name, None)? {
            return Err(AppError::Conflict(msg!(
                "product-name-taken",
                brand = &brand.name,
                product = &checked.name
            )));
        }
        let id = insert(conn, brand.id, &checked)?;
        add_images(conn, id, photos)?;
        Ok(id)
    })
}

fn add_images(conn: &mut DbConnection, id: ProductId, photos: &[ProcessedPhoto]) -> Result<(), AppError> {
    let next: Option<i32> = product_images::table
        .filter(product_images::product_id.eq(id))
        .select(diesel::dsl::max(product_images::position))
        .first(conn)?;
    let start = next.map(|n| n + 1).unwrap_or(0);
    if start as usize + photos.len() > MAX_PHOTOS {
        return Err(AppError::validation("images", msg!("product-too-many-photos", count = MAX_PHOTOS)));
    }
    for (i, photo) in photos.iter().enumerate() {
        crate::media::queries::ensure(conn, photo)?;
        diesel::insert_into(product_images::table)
            .values((
                product_images::product_id.eq(id),
                product_images::position.eq(start + i as i32),
                product_images::media_hash.eq(&photo.hash),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The product, if `user` is on its brand's staff.
pub fn staffed(conn: &mut DbConnection, user: &User, id: ProductId) -> Result<(Product, Brand), AppError> {
    let product = find(conn, id)?.ok_or_else(|| AppError::not_found(msg!("thing-product")))?;
    let brand = brands::staffed_by_id(conn, user, product.brand_id)?;
    Ok((product, brand))
}

/// Changes a product (staff only); adds any new photos. Past orders keep the price they paid.
pub fn update(
    conn: &mut DbConnection,
    user: &User,
    id: ProductId,
    input: &ProductInput,
    photos: &[ProcessedPhoto],
) -> Result<(), AppError> {
    let checked = check(input)?;
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let (product, brand) = staffed(conn, user, id)?;
        if name_taken(conn, brand.id, &checked.name, Some(id))? {
            return Err(AppError::Conflict(msg!(
                "product-name-taken",
                brand = &brand.name,
                product = &checked.name
            )));
        }
        update_row(conn, id, &checked)?;
        add_images(conn, id, photos)?;
        if product.name != checked.name {
            reindex_tagging_notes(conn, id)?;
        }
        Ok(())
    })
}

/// Notes that tag a product carry its name in the search index; a rename re-indexes them.
fn reindex_tagging_notes(conn: &mut DbConnection, id: ProductId) -> QueryResult<()> {
    use crate::schema::product_tags;
    let notes: Vec<crate::db::NoteId> = product_tags::table
        .filter(product_tags::product_id.eq(id))
        .select(product_tags::note_id)
        .distinct()
        .load(conn)?;
    for note in notes {
        crate::outbox::enqueue(conn, note)?;
    }
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: ProductId) -> QueryResult<Option<Product>> {
    products::table.find(id).select(Product::as_select()).first(conn).optional()
}

/// Full views of the given products, in the given order, in three queries.
pub fn load_views(conn: &mut DbConnection, ids: &[ProductId]) -> QueryResult<Vec<ProductView>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(Product, Brand)> = products::table
        .inner_join(brands_t::table)
        .filter(crate::db::in_ids(products::id, ids))
        .select((Product::as_select(), Brand::as_select()))
        .load(conn)?;
    let images: Vec<(ProductId, String)> = product_images::table
        .filter(crate::db::in_ids(product_images::product_id, ids))
        .order((product_images::product_id, product_images::position))
        .select((product_images::product_id, product_images::media_hash))
        .load(conn)?;
    let mut images_by: HashMap<ProductId, Vec<ProductImage>> = HashMap::new();
    for (id, hash) in images {
        images_by.entry(id).or_default().push(ProductImage::new(&hash));
    }
    let mut by_id: HashMap<ProductId, ProductView> = rows
        .into_iter()
        .map(|(p, b)| {
            let id = p.id;
            (id, ProductView::new(p, &b, images_by.remove(&id).unwrap_or_default()))
        })
        .collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

pub fn load_view(conn: &mut DbConnection, id: ProductId) -> QueryResult<Option<ProductView>> {
    Ok(load_views(conn, &[id])?.pop())
}

/// A brand's catalog, by name (inactive products only for staff).
pub fn catalog(
    conn: &mut DbConnection,
    brand: BrandId,
    include_inactive: bool,
) -> QueryResult<Vec<ProductView>> {
    let mut q = products::table.filter(products::brand_id.eq(brand)).select(products::id).into_boxed();
    if !include_inactive {
        q = q.filter(products::active.eq(true)).filter(products::moderation.eq(crate::moderation::VISIBLE));
    }
    let ids: Vec<ProductId> = q.order(products::name).limit(500).load(conn)?;
    load_views(conn, &ids)
}

/// Active products whose name, category or brand contains `q` (any case), verified brands
/// first, from `offset`; with the number of all matches.
pub fn search_page(
    conn: &mut DbConnection,
    q: &str,
    brand: Option<BrandId>,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<ProductView>, i64)> {
    let q = q.trim().trim_start_matches(['#', '@']).to_lowercase();
    let pattern = format!("%{}%", q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    let matches = || {
        let mut query = products::table
            .inner_join(brands_t::table)
            .filter(products::active.eq(true))
            .filter(products::moderation.eq(crate::moderation::VISIBLE))
            .into_boxed();
        if !q.is_empty() {
            query = query.filter(
                lower(products::name)
                    .like(pattern.clone())
                    .escape('\\')
                    .or(lower(products::category).like(pattern.clone()).escape('\\'))
                    .or(lower(brands_t::name).like(pattern.clone()).escape('\\')),
            );
        }
        if let Some(brand) = brand {
            query = query.filter(products::brand_id.eq(brand));
        }
        query
    };
    let total: i64 = matches().count().get_result(conn)?;
    let ids: Vec<ProductId> = matches()
        .select(products::id)
        .order((brands_t::verified_at.is_null(), products::name, products::id))
        .offset(offset)
        .limit(limit)
        .load(conn)?;
    Ok((load_views(conn, &ids)?, total))
}

pub fn search(
    conn: &mut DbConnection,
    q: &str,
    brand: Option<BrandId>,
    limit: i64,
) -> QueryResult<Vec<ProductView>> {
    Ok(search_page(conn, q, brand, 0, limit)?.0)
}

/// A catalog file's text. Excel saves CSV as UTF-8 (with or without a byte order mark) or, in
/// Chinese, as GB18030/GBK; a file that is valid UTF-8 is read as UTF-8, else as GB18030, else
/// it is refused. A charset the sender named (other than UTF-8) is used as it is.
pub fn decode_catalog(
    bytes: &[u8],
    named: Option<&'static encoding_rs::Encoding>,
) -> Result<String, AppError> {
    if let Some(encoding) = named.filter(|e| *e != encoding_rs::UTF_8) {
        return encoding
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|t| t.into_owned())
            .ok_or_else(|| {
                AppError::validation("file", msg!("catalog-file-not-text", charset = encoding.name()))
            });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| t.into_owned())
        .ok_or_else(|| AppError::validation("file", msg!("catalog-file-not-utf8")))
}

/// One bad CSV row: its line number and what is wrong.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
#[schema(as = CatalogRowError)]
pub struct RowError {
    pub line: usize,
    // Said in the language of the request when it is written out.
    #[serde(serialize_with = "said")]
    #[schema(value_type = String)]
    pub message: crate::i18n::Msg,
}

/// A message as JSON: its words in the language of the request being served.
fn said<S: serde::Serializer>(message: &crate::i18n::Msg, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&message.to_string())
}

/// What an import did: products added and updated (matched by name).
#[derive(Debug, Clone, Default, serde::Serialize, utoipa::ToSchema)]
#[schema(as = CatalogImportReport)]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
}

/// Reads a catalog CSV: a header naming the columns (`name`, `price_cents`, `currency`,
/// `stock` required; `description`, `category`, `active`, `commission_bps` optional), then a
/// product a row. Every row is checked first; if any is wrong, nothing is imported and every
/// wrong row is reported by line number. Otherwise all rows land in one transaction; a name
/// the brand already sells updates that product.
pub fn import_csv(
    conn: &mut DbConnection,
    user: Option<&User>,
    slug: &str,
    text: &str,
) -> Result<Result<ImportReport, Vec<RowError>>, AppError> {
    let rows = parse_csv(text).map_err(|(line, message)| {
        AppError::validation("file", msg!("catalog-csv-line", line = line, message = message))
    })?;
    let Some(((_, header), body)) = rows.split_first() else {
        return Err(AppError::validation("file", msg!("catalog-csv-empty")));
    };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let col = |name: &str| header.iter().position(|h| h == name);
    for required in ["name", "price_cents", "currency", "stock"] {
        if col(required).is_none() {
            return Err(AppError::validation("file", msg!("catalog-csv-missing-column", column = required)));
        }
    }
    let mut errors = Vec::new();
    let mut checked = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (line, fields) in body {
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let get = |name: &str| col(name).and_then(|i| fields.get(i)).map(|s| s.trim()).unwrap_or("");
        let number = |name: &str| -> Result<i64, crate::i18n::Msg> {
            get(name)
                .parse::<i64>()
                .map_err(|_| msg!("catalog-row-not-a-number", column = name, value = get(name)))
        };
        let parsed = (|| -> Result<CheckedProduct, crate::i18n::Msg> {
            let input = ProductInput {
                name: get("name").to_string(),
                description: get("description").to_string(),
                category: get("category").to_string(),
                price_cents: number("price_cents")?,
                currency: get("currency").to_string(),
                stock: number("stock")?,
                active: !matches!(get("active").to_lowercase().as_str(), "false" | "no" | "0"),
                commission_bps: match get("commission_bps") {
                    "" => None,
                    _ => Some(number("commission_bps")? as i32),
                },
            };
            let p = check(&input)
                .map_err(|e| e.message().cloned().unwrap_or_else(|| msg!("catalog-row-unreadable")))?;
            if !seen.insert(p.name.to_lowercase()) {
                return Err(msg!("catalog-row-twice", product = &p.name));
            }
            Ok(p)
        })();
        match parsed {
            Ok(p) => checked.push(p),
            Err(message) => errors.push(RowError { line: *line, message }),
        }
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    if checked.is_empty() {
        return Err(AppError::validation("file", msg!("catalog-csv-no-products")));
    }
    let report = crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let brand = match user {
            Some(user) => brands::staffed(conn, user, slug)?,
            None => brands::by_slug(conn, slug)?,
        };
        let mut report = ImportReport::default();
        for p in &checked {
            let existing: Option<ProductId> = products::table
                .filter(products::brand_id.eq(brand.id))
                .filter(products::name.eq(&p.name))
                .select(products::id)
                .first(conn)
                .optional()?;
            match existing {
                Some(id) => {
                    update_row(conn, id, p)?;
                    report.updated += 1;
                }
                None => {
                    insert(conn, brand.id, p)?;
                    report.created += 1;
                }
            }
        }
        Ok(report)
    })?;
    Ok(Ok(report))
}

type CsvRow = (usize, Vec<String>);

/// RFC 4180 CSV: commas, double quotes around fields with commas, quotes or line breaks, `""`
/// for a quote inside quotes. Rows carry the line number they start on.
pub fn parse_csv(text: &str) -> Result<Vec<CsvRow>, (usize, crate::i18n::Msg)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut line = 1;
    let mut row_line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => in_quotes = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push((row_line, std::mem::take(&mut row)));
                line += 1;
                row_line = line;
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err((row_line, msg!("catalog-csv-quote-open")));
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push((row_line, row));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::parse_csv;

    #[test]
    fn csv_handles_quotes_commas_and_line_breaks() {
        let rows =
            parse_csv("name,price\r\n\"Tea, green\",100\n\"Say \"\"hi\"\"\nthere\",5\nlast,7").unwrap();
        assert_eq!(rows[1], (2, vec!["Tea, green".to_string(), "100".into()]));
        assert_eq!(rows[2], (3, vec!["Say \"hi\"\nthere".to_string(), "5".into()]));
        assert_eq!(rows[3], (5, vec!["last".to_string(), "7".into()]));
        assert!(parse_csv("a,\"open\n").is_err());
    }
}
