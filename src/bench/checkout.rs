//! `sprout bench checkout`: buyers checking out at once through the JSON API — each adds a
//! product to the cart and orders it, and every tenth checkout is sent twice with the same
//! idempotency key, as a phone on a bad connection does — on SQLite or (with `--database-url`)
//! PostgreSQL. Then the count: orders placed a second, checkout latency, and the checks that
//! matter more than speed: every order in the database was answered, the stock taken equals the
//! orders, no retry ordered twice, and buyers racing for the last few in stock get exactly that
//! many orders.

use std::io::BufReader;
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use diesel::prelude::*;

use super::feed::{insert_rows, sql_text};
use super::http::{exchange, Reply};
use super::{ms, percentile};
use crate::accounts::tokens::{self, TokenKind};
use crate::config::Config;
use crate::db::UserId;
use crate::schema::{order_items, orders, products};

#[derive(clap::Args, Debug)]
pub struct CheckoutBenchArgs {
    /// Buyers checking out at once, each on its own keep-alive connection.
    #[arg(long, default_value_t = 32)]
    pub clients: usize,
    /// Seconds of checkouts.
    #[arg(long, default_value_t = 10)]
    pub seconds: u64,
    /// How many of the raced-for product are left when every buyer tries for one.
    #[arg(long, default_value_t = 10)]
    pub race_stock: usize,
    /// A PostgreSQL server (a fresh database is made on it and dropped after); default SQLite.
    #[arg(long)]
    pub database_url: Option<String>,
}

/// Plenty: the timed part must not sell out.
const STOCK: i64 = 10_000_000;
const PRODUCT: &str = "Bench Sunscreen";
const RACED: &str = "Bench Limited Edition";

pub fn checkout(args: &CheckoutBenchArgs) -> anyhow::Result<()> {
    anyhow::ensure!((1..=512).contains(&args.clients), "--clients takes 1 to 512");
    anyhow::ensure!((1..=600).contains(&args.seconds), "--seconds takes 1 to 600");
    anyhow::ensure!(
        args.race_stock < args.clients,
        "--race-stock must be below --clients, or nobody loses the race"
    );
    super::with_scratch_database("checkout", args.database_url.as_deref(), |dir, url| run(args, dir, url))
}

/// One buyer's connection and token.
struct Buyer {
    writer: TcpStream,
    reader: BufReader<TcpStream>,
    token: String,
}

impl Buyer {
    fn connect(addr: SocketAddr, token: String) -> anyhow::Result<Buyer> {
        let stream = TcpStream::connect(addr)?;
        Ok(Buyer { writer: stream.try_clone()?, reader: BufReader::new(stream), token })
    }

    fn post(&mut self, path: &str, body: &serde_json::Value) -> Option<Reply> {
        let body = body.to_string();
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer {}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\n\r\n{body}",
            self.token,
            body.len()
        );
        exchange(&mut self.writer, &mut self.reader, &request)
    }

    fn add_to_cart(&mut self, product: i64) -> Option<Reply> {
        self.post("/api/v1/cart/items", &serde_json::json!({ "product_id": product, "quantity": 1 }))
    }

    fn check_out(&mut self, key: &str) -> Option<Reply> {
        let shipping = serde_json::json!({ "name": "Bench Buyer", "address": "1 Bench Road, Test City" });
        self.post("/api/v1/checkout", &serde_json::json!({ "shipping": shipping, "idempotency_key": key }))
    }
}

fn order_id(reply: &Reply) -> Option<i64> {
    serde_json::from_slice::<serde_json::Value>(&reply.body).ok()?["id"].as_i64()
}

/// What one buyer saw in the timed part.
#[derive(Default)]
struct Seen {
    orders: usize,
    checkout: Vec<Duration>,
    add: Vec<Duration>,
    retries: usize,
    retries_same: usize,
    errors: usize,
}

fn run(args: &CheckoutBenchArgs, dir: &std::path::Path, url: Option<String>) -> anyhow::Result<()> {
    let mut config = Config::new(dir.to_path_buf(), url);
    config.rate_limit = 0;
    let backend = if crate::db::is_postgres_url(&config.database_url) { "PostgreSQL" } else { "SQLite" };
    let pool = crate::open_database(&config)?;
    let (product, raced) = seed(&mut *pool.get()?, args)?;
    let state = actix_web::web::Data::new(crate::AppState::open(config)?);
    let tokens: Vec<String> = (0..args.clients)
        .map(|i| Ok(tokens::issue(&mut *pool.get()?, UserId(2 + i as i64), TokenKind::Api)?))
        .collect::<anyhow::Result<_>>()?;
    let addr = super::serve_sprout(state)?;

    eprintln!("{} buyers checking out for {} s on {backend}…", args.clients, args.seconds);
    let stop = Arc::new(AtomicBool::new(false));
    let threads: Vec<_> = tokens
        .iter()
        .enumerate()
        .map(|(client, token)| {
            let (stop, token) = (stop.clone(), token.clone());
            std::thread::spawn(move || -> anyhow::Result<Seen> {
                let mut buyer = Buyer::connect(addr, token)?;
                let mut seen = Seen::default();
                while !stop.load(Ordering::Relaxed) {
                    let started = Instant::now();
                    match buyer.add_to_cart(product).map(|r| r.status) {
                        Some(201) => seen.add.push(started.elapsed()),
                        Some(_) => seen.errors += 1,
                        None => anyhow::bail!("the connection closed"),
                    }
                    let key = format!("bench-{client}-{}", seen.orders);
                    let started = Instant::now();
                    let reply =
                        buyer.check_out(&key).ok_or_else(|| anyhow::anyhow!("the connection closed"))?;
                    if reply.status != 201 {
                        seen.errors += 1;
                        continue;
                    }
                    seen.checkout.push(started.elapsed());
                    seen.orders += 1;
                    if seen.orders % 10 == 0 {
                        let again =
                            buyer.check_out(&key).ok_or_else(|| anyhow::anyhow!("the connection closed"))?;
                        seen.retries += 1;
                        if again.status == 201
                            && order_id(&again).is_some()
                            && order_id(&again) == order_id(&reply)
                        {
                            seen.retries_same += 1;
                        }
                    }
                }
                Ok(seen)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(args.seconds));
    stop.store(true, Ordering::Relaxed);
    let mut all = Seen::default();
    for thread in threads {
        let seen = thread.join().map_err(|_| anyhow::anyhow!("a buyer's thread panicked"))??;
        all.orders += seen.orders;
        all.retries += seen.retries;
        all.retries_same += seen.retries_same;
        all.errors += seen.errors;
        all.checkout.extend(seen.checkout);
        all.add.extend(seen.add);
    }
    all.checkout.sort();
    all.add.sort();

    let mut conn = pool.get()?;
    let in_db: i64 = orders::table.count().get_result(&mut conn)?;
    let items: i64 = order_items::table.count().get_result(&mut conn)?;
    let left: i64 =
        products::table.filter(products::name.eq(PRODUCT)).select(products::stock).first(&mut conn)?;
    let taken = STOCK - left;

    eprintln!("{} buyers racing for the last {}…", args.clients, args.race_stock);
    let (won, sold_out) = race(addr, &tokens, raced)?;
    let raced_left: i64 =
        products::table.filter(products::name.eq(RACED)).select(products::stock).first(&mut conn)?;
    let raced_orders: i64 = orders::table.count().get_result::<i64>(&mut conn)? - in_db;

    println!("\n## sprout bench checkout — {backend}\n");
    println!(
        "{} buyers at once, each on its own connection: add to cart, check out (every tenth checkout \
         sent again with the same idempotency key), {} s, {} build, two server workers.\n",
        args.clients,
        args.seconds,
        if cfg!(debug_assertions) { "debug" } else { "release" }
    );
    println!("| measure | figure |");
    println!("|---|---|");
    println!("| **orders placed a second** | **{:.0}** |", all.orders as f64 / args.seconds as f64);
    println!(
        "| checkout p50 / p99 | {} / {} |",
        ms(percentile(&all.checkout, 50)),
        ms(percentile(&all.checkout, 99))
    );
    println!(
        "| add to cart p50 / p99 | {} / {} |",
        ms(percentile(&all.add, 50)),
        ms(percentile(&all.add, 99))
    );
    println!("| refused or failed requests | {} |", all.errors);
    println!("| checkouts answered 201 / orders in the database | {} / {in_db} |", all.orders);
    println!("| items sold / stock taken (oversold: taken beyond items) | {items} / {taken} |");
    println!("| retried checkouts answered with the first order | {} of {} |", all.retries_same, all.retries);
    println!(
        "| {} buyers race for the last {}: orders / told `sold_out` / left in stock | {won} / {sold_out} / {raced_left} |",
        args.clients, args.race_stock
    );
    let correct = in_db == all.orders as i64
        && items == taken
        && all.retries_same == all.retries
        && won == args.race_stock
        && raced_orders == won as i64
        && raced_left == 0;
    println!(
        "\n{}",
        if correct {
            "Every answer matches the database: no oversell, no double order."
        } else {
            "MISMATCH: the answers and the database disagree (see the table)."
        }
    );
    anyhow::ensure!(correct, "the checkout bench found orders and stock that disagree");
    Ok(())
}

/// Every buyer puts one of the raced-for product in an empty cart, then all check out at the
/// same moment. Returns (orders, `sold_out` answers).
fn race(addr: SocketAddr, tokens: &[String], product: i64) -> anyhow::Result<(usize, usize)> {
    let barrier = Arc::new(Barrier::new(tokens.len()));
    let threads: Vec<_> = tokens
        .iter()
        .enumerate()
        .map(|(client, token)| {
            let (barrier, token) = (barrier.clone(), token.clone());
            std::thread::spawn(move || -> anyhow::Result<u16> {
                let mut buyer = Buyer::connect(addr, token)?;
                let added = buyer.add_to_cart(product).map(|r| r.status);
                barrier.wait();
                anyhow::ensure!(added == Some(201), "adding the raced-for product: {added:?}");
                let reply =
                    buyer.check_out(&format!("race-{client}")).ok_or_else(|| anyhow::anyhow!("closed"))?;
                Ok(reply.status)
            })
        })
        .collect();
    let (mut won, mut sold_out) = (0, 0);
    for thread in threads {
        match thread.join().map_err(|_| anyhow::anyhow!("a buyer's thread panicked"))?? {
            201 => won += 1,
            409 => sold_out += 1,
            other => anyhow::bail!("a racing checkout answered {other}"),
        }
    }
    Ok((won, sold_out))
}

/// Member 1 owns a verified brand selling the two products; members 2… are the buyers.
/// Returns the two products' ids.
fn seed(conn: &mut crate::db::DbConnection, args: &CheckoutBenchArgs) -> anyhow::Result<(i64, i64)> {
    let now = sql_text(&crate::db::now().format("%Y-%m-%d %H:%M:%S%.6f").to_string());
    insert_rows(
        conn,
        "INSERT INTO users (username, email, password_hash, display_name, bio, email_verified_at, created_at)",
        (1..=args.clients + 1).map(|i| {
            format!(
                "({}, {}, '!bench', {}, '', {now}, {now})",
                sql_text(&format!("buyer{i}")),
                sql_text(&format!("buyer{i}@bench.invalid")),
                sql_text(&format!("Buyer {i}"))
            )
        }),
    )?;
    diesel::sql_query(format!(
        "INSERT INTO brands (owner_id, name, slug, description, commission_bps, verified_at, created_at) \
         VALUES (1, 'Bench Brand', 'bench-brand', 'Things for the benchmark.', 500, {now}, {now})"
    ))
    .execute(conn)?;
    insert_rows(
        conn,
        "INSERT INTO products (brand_id, name, description, category, price_cents, currency, stock, created_at, updated_at)",
        [(PRODUCT, STOCK as usize), (RACED, args.race_stock)].into_iter().map(|(name, stock)| {
            format!("(1, {}, 'For the benchmark.', 'Bench', 9900, 'CNY', {stock}, {now}, {now})", sql_text(name))
        }),
    )?;
    let id = |conn: &mut crate::db::DbConnection, name: &str| -> QueryResult<i64> {
        products::table
            .filter(products::name.eq(name))
            .select(products::id)
            .first::<crate::db::ProductId>(conn)
            .map(|p| p.0)
    };
    Ok((id(conn, PRODUCT)?, id(conn, RACED)?))
}
