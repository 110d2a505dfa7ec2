//! Demo content for a fresh install, so every kind of page has something to show in both
//! languages: 32 shoppers who follow each other, 216 photo notes in Chinese and English with
//! generated photos and hashtags, a verified brand with bilingual product names tagged on the
//! notes about them, likes, saves and comments (so Hot differs from New and the dashboards have
//! numbers), a published top-ten list, an open team purchase and an open neighbourhood group
//! buy. Deterministic, and only ever into an empty database.

use chrono::Duration;
use image::{DynamicImage, Rgb, RgbImage};
use indicatif::{ProgressBar, ProgressStyle};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::accounts::model::NewUser;
use crate::accounts::{password, queries as user_queries};
use crate::db::{DbConnection, DbPool, UserId};
use crate::media::{self, pipeline, store::WrittenFiles, MediaStore};
use crate::notes::{hashtags, queries as note_queries};
use crate::web::AppError;

pub const DEMO_PASSWORD: &str = "sprout-demo";
const USERS: usize = 32;
const NOTES: usize = 216;

const NAMES: &[(&str, &str)] = &[
    ("lily_chen", "Lily 陈"),
    ("mika_beauty", "Mika"),
    ("orange_cat", "橘猫日记"),
    ("tom_outdoors", "Tom Hikes"),
    ("xiaomei", "小美"),
    ("ana_cooks", "Ana Cooks"),
    ("runner_jo", "Jo runs"),
    ("zoe_skin", "Zoe | skincare"),
    ("dapeng", "大鹏"),
    ("sam_tech", "Sam's Desk"),
    ("yuki_home", "Yuki Home"),
    ("coffee_lin", "林的咖啡"),
    ("priya_style", "Priya"),
    ("ben_bakes", "Ben Bakes"),
    ("momo_travel", "Momo 去旅行"),
    ("nina_reads", "Nina Reads"),
    ("kai_fit", "Kai Fitness"),
    ("luna_nails", "Luna"),
    ("chef_wang", "王师傅"),
    ("eva_vintage", "Eva Vintage"),
    ("leo_camera", "Leo"),
    ("tea_time", "喝茶的人"),
    ("hana_kids", "Hana & kids"),
    ("ollie_plants", "Ollie's Plants"),
    ("mei_makeup", "梅子 makeup"),
    ("jack_diy", "Jack DIY"),
    ("sofia_shoes", "Sofia"),
    ("panda_snacks", "熊猫零食铺"),
    ("iris_perfume", "Iris"),
    ("max_gamer", "Max"),
    ("rui_fashion", "Rui 穿搭"),
    ("grace_pets", "Grace & Biscuit"),
];

/// A kind of note: its hashtag, product words, titles (`{}` is the product) and texts.
type Topic = (&'static str, &'static [&'static str], &'static [&'static str], &'static [&'static str]);

const TOPICS: &[Topic] = &[
    ("skincare", &["sunscreen", "serum", "toner", "moisturiser"], &["This {} finally works for my oily skin", "Honest review: a {} under $20", "My morning routine with this {}"], &["Used it every day for three weeks. No breakouts, no white cast, and it sits well under makeup.", "Texture is light and it absorbs fast. I would buy it again, but the pump is fiddly."]),
    ("口红", &["口红", "唇釉", "唇膏"], &["黄皮也能驾驭的{}", "这支{}真的绝了", "平价{}测评"], &["颜色很显白，质地滋润不拔干，上嘴一整天都不掉色。", "包装很精致，但是有点容易沾杯，适合日常通勤。"]),
    ("coffee", &["pour-over kettle", "grinder", "espresso machine", "cold brew jar"], &["Best {} I have owned", "Is this {} worth it?", "Weekend brewing with my new {}"], &["Grind size is consistent and cleanup takes a minute. The coffee tastes brighter than with my old one.", "Solid build, a little loud. For the price it is hard to beat."]),
    ("穿搭", &["风衣", "牛仔裤", "针织衫", "小白鞋"], &["秋天必备的{}", "一衣多穿：{}的三种搭配", "{}开箱"], &["版型很正，面料摸起来很舒服，155的我穿S码刚好。", "颜色和图片一致，洗了两次没有起球，推荐！"]),
    ("hiking", &["trail shoes", "rain jacket", "day pack", "water filter"], &["Tested these {} on a 20 km trail", "The {} that survived a week of rain", "Packing list: my favourite {}"], &["Grippy on wet rock, and my feet stayed dry. Sizing runs half a size small.", "Light, packs small, and the zips still work after a muddy weekend."]),
    ("home", &["linen sheets", "desk lamp", "storage boxes", "scented candle"], &["Small flat, big change: {}", "Cosy corner with a new {}", "Why I switched to these {}"], &["Soft from the first wash and it looks good unmade too. The colour is warmer than online.", "Simple design and it fits the space perfectly. Delivery took four days."]),
    ("美食", &["空气炸锅", "电饭煲", "辣椒酱", "螺蛳粉"], &["宿舍也能用的{}", "回购三次的{}", "一周晚餐靠这个{}"], &["做出来的鸡翅外酥里嫩，清洗也很方便，容量对两个人刚好。", "味道很正宗，辣度适中，配米饭一绝。"]),
    ("tech", &["earbuds", "mechanical keyboard", "power bank", "e-reader"], &["Two weeks with these {}", "The {} on my desk right now", "Budget {} that punches above its weight"], &["Battery lasts all day and pairing is instant. Noise cancelling is good, not great.", "Great feel, quiet enough for the office, and the app is optional."]),
    ("pets", &["cat tree", "dog harness", "slow feeder", "pet fountain"], &["My cat approves this {}", "Finally a {} that fits", "Biscuit tests a new {}"], &["Sturdy, easy to clean, and she uses it every day. Assembly took twenty minutes.", "Adjustable in all the right places, and no more pulling on walks."]),
    ("baking", &["stand mixer", "sourdough starter kit", "cake tin", "digital scale"], &["First loaf with this {}", "The {} that changed my baking", "Is a {} worth it for beginners?"], &["Accurate to the gram and the bowl fits on top. My bread has never been this even.", "Heavy but steady, and it kneads dough without walking across the counter."]),
];

const PALETTES: &[[(u8, u8, u8); 3]] = &[
    [(250, 218, 221), (255, 245, 238), (214, 72, 96)],
    [(214, 234, 248), (245, 250, 255), (40, 116, 166)],
    [(232, 245, 233), (250, 255, 250), (56, 142, 60)],
    [(255, 243, 224), (255, 251, 245), (230, 126, 34)],
    [(237, 231, 246), (250, 248, 255), (103, 58, 183)],
    [(255, 249, 196), (255, 255, 245), (175, 140, 20)],
    [(224, 224, 224), (250, 250, 250), (66, 66, 66)],
];

fn demo_email(username: &str) -> String {
    format!("{username}@{}", crate::accounts::service::DEMO_MAIL_DOMAIN)
}

/// Seeds demo content when the database has no notes yet; says so and does nothing otherwise.
pub fn seed_if_empty(pool: &DbPool, store: &MediaStore, show_progress: bool) -> anyhow::Result<()> {
    let mut conn = pool.get()?;
    if note_queries::count(&mut conn)? > 0 {
        tracing::info!("demo content skipped: the database already has notes");
        return Ok(());
    }
    let bar = if show_progress { ProgressBar::new((USERS + NOTES) as u64) } else { ProgressBar::hidden() };
    bar.set_style(
        ProgressStyle::with_template("{msg:>14} [{bar:30}] {pos}/{len} ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message("demo users");
    let mut rng = StdRng::seed_from_u64(7);
    let hash = password::hash(DEMO_PASSWORD)?;
    let now = crate::db::now();
    let mut users = Vec::new();
    for (i, (username, display)) in NAMES.iter().enumerate().take(USERS) {
        let email = demo_email(username);
        let id = match user_queries::by_username(&mut conn, username)? {
            // An account of an earlier, interrupted demo seeding (nobody else can sign up with
            // a demo address) is reused.
            Some(existing) if existing.email == email => existing.id,
            // Somebody took the name: they get nothing of the demo's (no admin rights, no
            // brand, no notes), and the demo goes on without that name.
            Some(_) => {
                tracing::warn!("demo: the username {username} is taken by a real account; skipping it");
                bar.inc(1);
                continue;
            }
            None => {
                let avatar = pipeline::render(avatar_image(&mut rng, i))
                    .map_err(|e| anyhow::anyhow!("demo avatar {e}"))?;
                save_photo(store, &mut conn, &avatar)?;
                let id = user_queries::insert(
                    &mut conn,
                    &NewUser {
                        username,
                        email: &email,
                        password_hash: &hash,
                        display_name: display,
                        bio: "Demo shopper on Sprout.",
                        created_at: now - Duration::days(60),
                    },
                )?;
                user_queries::update_profile(
                    &mut conn,
                    id,
                    display,
                    "Demo shopper on Sprout.",
                    Some(&avatar.hash),
                )?;
                id
            }
        };
        users.push(id);
        bar.inc(1);
    }
    bar.set_message("demo notes");
    let mut notes = Vec::new();
    for i in 0..NOTES {
        notes.push(seed_note(store, &mut conn, &mut rng, &users, i)?);
        bar.inc(1);
    }
    bar.set_message("demo shop");
    seed_shop(store, &mut conn, &mut rng, &users, &notes)?;
    bar.set_message("demo likes");
    seed_engagement(&mut conn, &mut rng, &users, &notes)?;
    bar.set_message("demo sales");
    seed_sales(&mut conn, &mut rng, &users)?;
    bar.finish_with_message("demo ready");
    tracing::info!("seeded {USERS} demo users and {NOTES} demo notes (password '{DEMO_PASSWORD}')");
    Ok(())
}

/// Demo catalog: (name in Chinese and English, category, price in cents, stock, the hashtag of
/// the notes it is tagged on).
const DEMO_PRODUCTS: &[(&str, &str, i64, i64, &str)] = &[
    ("水润防晒霜 Dewy Sunscreen SPF50", "护肤 Skincare", 12900, 40, "skincare"),
    ("绿茶爽肤水 Green Tea Toner", "护肤 Skincare", 8900, 25, "skincare"),
    ("燕麦卸妆膏 Oat Cleansing Balm", "护肤 Skincare", 9900, 12, "skincare"),
    ("抹茶润唇膏 Matcha Lip Balm", "彩妆 Makeup", 3900, 60, "口红"),
    ("户外运动水壶 Trail Water Bottle 750ml", "户外 Outdoors", 15900, 8, "hiking"),
    ("亚麻托特包 Linen Tote Bag", "包袋 Bags", 6900, 30, "穿搭"),
    ("陶瓷手冲咖啡套装 Ceramic Pour-over Set", "厨房 Kitchen", 21900, 5, "coffee"),
    ("真丝发圈三件套 Silk Scrunchie Trio", "配饰 Accessories", 4500, 3, "穿搭"),
    ("秘制辣椒酱 Chili Crisp Sauce", "美食 Food", 2900, 80, "美食"),
    ("雪松香薰蜡烛 Cedar Scented Candle", "家居 Home", 7900, 20, "home"),
    ("宠物饮水机 Pet Water Fountain", "宠物 Pets", 13900, 15, "pets"),
];

/// What the demo's shoppers say under notes.
const COMMENTS: &[&str] = &[
    "求链接！",
    "Where did you get this?",
    "看起来好好用，已种草",
    "Thanks for the honest review!",
    "这个色号叫什么？",
    "Does it run small?",
    "同款！真的好用",
    "Saved for my next haul.",
    "拍得好好看，滤镜是什么？",
    "How long did delivery take?",
];

/// A verified demo brand run by mika_beauty, its catalog, and its products tagged in the
/// first demo notes; lily_chen is the demo admin.
fn seed_shop(
    store: &MediaStore,
    conn: &mut DbConnection,
    rng: &mut StdRng,
    users: &[UserId],
    notes: &[(crate::db::NoteId, &'static str)],
) -> anyhow::Result<()> {
    use diesel::prelude::*;
    let (Some(&admin), Some(&owner)) = (users.first(), users.get(1)) else { return Ok(()) };
    diesel::update(crate::schema::users::table.find(admin))
        .set(crate::schema::users::is_admin.eq(true))
        .execute(conn)?;
    let owner = user_queries::by_id(conn, owner)?;
    let fail = |e: AppError| anyhow::anyhow!("demo shop: {e}");
    let brand = crate::shop::brands::create(
        conn,
        &owner,
        "Green Leaf",
        "green-leaf",
        "Gentle everyday things, made in small batches.",
    )
    .map_err(fail)?;
    crate::shop::brands::update_settings(conn, &owner, &brand.slug, &brand.description, 500).map_err(fail)?;
    crate::shop::brands::verify(conn, &brand.slug).map_err(fail)?;
    let mut ids = Vec::new();
    for (i, (name, category, price_cents, stock, _)) in DEMO_PRODUCTS.iter().enumerate() {
        let photo = pipeline::render(note_image(rng, 1000 + i))
            .map_err(|e| anyhow::anyhow!("demo product photo {e}"))?;
        store.save(&photo, &mut WrittenFiles::default())?;
        let input = crate::shop::products::ProductInput {
            name: name.to_string(),
            description: format!("{name}: a demo product of Green Leaf. Green Leaf 的演示商品。"),
            category: category.to_string(),
            price_cents: *price_cents,
            currency: "CNY".into(),
            stock: *stock,
            active: true,
            commission_bps: None,
        };
        ids.push(crate::shop::products::create(conn, &owner, &brand.slug, &input, &[photo]).map_err(fail)?);
    }
    // Each product is tagged on two of every three notes about it, never on another subject.
    for (i, &(note, topic)) in notes.iter().enumerate() {
        let fitting: Vec<usize> = (0..ids.len()).filter(|&p| DEMO_PRODUCTS[p].4 == topic).collect();
        if fitting.is_empty() || i % 3 == 2 {
            continue;
        }
        let product_id = ids[fitting[rng.random_range(0..fitting.len())]];
        let author: UserId =
            crate::schema::notes::table.find(note).select(crate::schema::notes::author_id).first(conn)?;
        let author = user_queries::by_id(conn, author)?;
        let (x, y) = (rng.random_range(0.3..0.7), rng.random_range(0.35..0.75));
        let tag = crate::shop::tags::TagInput { image: 0, x, y, product_id };
        crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
            crate::shop::tags::add_by_author(conn, &author, note, &[tag])
        })
        .map_err(fail)?;
    }
    // A creator's published top-ten list of the brand's skincare, with her reasons.
    if let Some(&creator) = users.get(4) {
        let creator = user_queries::by_id(conn, creator)?;
        let list = crate::lists::service::create(
            conn,
            &creator,
            "夏日护肤 Top 3 · My summer skincare top 3",
            "用了一整个夏天，按回购意愿排序。Ranked by how soon I would buy them again.",
        )
        .map_err(fail)?;
        let reasons = [
            "不泛白、不闷痘 No white cast, no breakouts",
            "清爽补水 Light and fresh",
            "卸得干净 Melts make-up away",
        ];
        let entries: Vec<_> = ids
            .iter()
            .take(3)
            .zip(reasons)
            .map(|(&product_id, reason)| crate::lists::service::EntryInput {
                product_id: Some(product_id),
                note_id: None,
                reason: reason.to_string(),
            })
            .collect();
        crate::lists::service::set_items(conn, &creator, list, &entries).map_err(fail)?;
        crate::lists::service::set_published(conn, &creator, list, true).map_err(fail)?;
    }
    // A team purchase of the sunscreen with one shopper in it, waiting for a second.
    let deal = crate::groupbuy::teams::DealInput {
        tiers: vec![
            crate::groupbuy::teams::Tier { size: 2, price_cents: 10900 },
            crate::groupbuy::teams::Tier { size: 5, price_cents: 9900 },
        ],
        duration_secs: 7 * 24 * 3600,
        max_size: 10,
    };
    let deal = crate::groupbuy::teams::create_deal(conn, &owner, ids[0], &deal).map_err(fail)?;
    if let Some(&opener) = users.get(7) {
        let opener = user_queries::by_id(conn, opener)?;
        let shipping = crate::shop::checkout::Shipping {
            name: opener.display_name.clone(),
            address: "杭州市西湖区文三路 1 号 1 Wensan Road, Hangzhou".into(),
            phone: String::new(),
        };
        crate::groupbuy::teams::open(
            conn,
            &opener,
            deal.id,
            &shipping,
            &crate::shop::checkout::PayOnDelivery,
        )
        .map_err(fail)?;
    }
    // A neighbourhood group buy: a leader's approved pickup point, and an open run there.
    if let Some(&leader) = users.get(2) {
        let leader = user_queries::by_id(conn, leader)?;
        let point = crate::community::points::register(
            conn,
            &leader,
            &crate::community::points::PointInput {
                name: "Maple Court corner shop".into(),
                address: "3 Maple Court, Xihu District, Hangzhou".into(),
                hours: "Daily 8:00–21:00".into(),
                time_zone: Some("Asia/Shanghai".into()),
            },
        )
        .map_err(fail)?;
        crate::community::points::approve(conn, point.id, "").map_err(fail)?;
        let run = crate::community::runs::RunInput {
            pickup_point_id: point.id,
            product_ids: vec![ids[0], ids[1], ids[3]],
            cutoff_at: None,
            cutoff_secs: Some(7 * 24 * 3600),
            min_orders: 5,
        };
        crate::community::runs::create(conn, &owner, &run).map_err(fail)?;
    }
    Ok(())
}

fn save_photo(
    store: &MediaStore,
    conn: &mut DbConnection,
    photo: &media::ProcessedPhoto,
) -> anyhow::Result<()> {
    store.save(photo, &mut WrittenFiles::default())?;
    media::queries::ensure(conn, photo)?;
    Ok(())
}

/// Follows, likes, saves and comments, more on some notes than others, as a real feed has.
fn seed_engagement(
    conn: &mut DbConnection,
    rng: &mut StdRng,
    users: &[UserId],
    notes: &[(crate::db::NoteId, &'static str)],
) -> anyhow::Result<()> {
    let fail = |e: AppError| anyhow::anyhow!("demo engagement: {e}");
    let limits = crate::config::Limits { enabled: false, ..Default::default() };
    let people: Vec<_> = users.iter().map(|&id| user_queries::by_id(conn, id)).collect::<Result<_, _>>()?;
    for follower in &people {
        for _ in 0..rng.random_range(4..10) {
            let followee = &people[rng.random_range(0..people.len())];
            if followee.id != follower.id {
                match crate::social::service::follow(conn, &limits, follower, &followee.username) {
                    Ok(_) | Err(AppError::Conflict(_)) => {}
                    Err(e) => return Err(fail(e)),
                }
            }
        }
    }
    for &(note, _) in notes {
        // A few notes take off; most get a handful of likes.
        let likes =
            (rng.random_range(0.0f64..1.0).powi(3) * people.len() as f64) as usize + rng.random_range(0..3);
        let author: UserId = {
            use diesel::prelude::*;
            crate::schema::notes::table.find(note).select(crate::schema::notes::author_id).first(conn)?
        };
        let mut fans: Vec<&crate::accounts::model::User> = people.iter().filter(|p| p.id != author).collect();
        for n in 0..likes.min(fans.len()) {
            let fan = fans.swap_remove(rng.random_range(0..fans.len()));
            crate::social::service::like(conn, fan, note).map_err(fail)?;
            if n % 3 == 0 {
                let board = crate::social::boards::default_board(conn, fan).map_err(fail)?;
                crate::social::boards::save(conn, fan, board.id, note).map_err(fail)?;
            }
        }
        for _ in 0..rng.random_range(0..3) {
            let who = &people[rng.random_range(0..people.len())];
            let body = COMMENTS[rng.random_range(0..COMMENTS.len())];
            crate::notes::comments::add(conn, &limits, who, note, body, None).map_err(fail)?;
        }
    }
    Ok(())
}

/// Shoppers who open the tagged notes, tap their dots, and some of them buy (delivered, so a
/// few can write a verified review): the dashboards have views, taps and attributed sales.
fn seed_sales(conn: &mut DbConnection, rng: &mut StdRng, users: &[UserId]) -> anyhow::Result<()> {
    use crate::schema::product_tags;
    use diesel::prelude::*;
    let fail = |e: AppError| anyhow::anyhow!("demo sales: {e}");
    let tags: Vec<(crate::db::ProductTagId, crate::db::NoteId, crate::db::ProductId, UserId)> =
        product_tags::table
            .inner_join(crate::schema::notes::table)
            .filter(product_tags::status.eq(crate::shop::model::TAG_APPROVED))
            .order(product_tags::id)
            .select((
                product_tags::id,
                product_tags::note_id,
                product_tags::product_id,
                crate::schema::notes::author_id,
            ))
            .load(conn)?;
    if tags.is_empty() {
        return Ok(());
    }
    let config = crate::config::Config::new(std::path::PathBuf::new(), None);
    let pickups = crate::community::runs::RunPickups;
    let Some(&owner) = users.get(1) else { return Ok(()) };
    let owner = user_queries::by_id(conn, owner)?;
    // The brand's owner (users[1]) sells; the shoppers are everyone from the fourth on.
    for (n, &shopper) in users.iter().enumerate().skip(3) {
        let shopper = user_queries::by_id(conn, shopper)?;
        let mut bought = false;
        for _ in 0..rng.random_range(2..6) {
            let (tag, note, product, author) = tags[rng.random_range(0..tags.len())];
            if author == shopper.id {
                continue;
            }
            crate::shop::stats::count_view(conn, note)?;
            crate::shop::tags::tap(conn, Some(shopper.id), tag).map_err(fail)?;
            if !bought && rng.random_range(0..3) == 0 {
                match crate::shop::cart::add(conn, &shopper, product, 1, Some(note), None) {
                    Ok(_) => bought = true,
                    // Sold out already: the shopper just looks.
                    Err(AppError::Conflict(_)) | Err(AppError::Validation { .. }) => {}
                    Err(e) => return Err(fail(e)),
                }
            }
        }
        if !bought {
            continue;
        }
        let request = crate::shop::checkout::CheckoutRequest {
            shipping: crate::shop::checkout::Shipping {
                name: shopper.display_name.clone(),
                address: format!("杭州市西湖区文三路 {} 号 {} Wensan Road, Hangzhou", n + 1, n + 1),
                phone: format!("138 0013 {:04}", 8000 + n),
            },
            run: None,
            idempotency_key: format!("demo-{n}"),
            payment: &crate::shop::checkout::PayOnDelivery,
            pickups: &pickups,
            attribution_days: config.attribution_days,
            base_url: &config.base_url,
        };
        let orders = crate::shop::checkout::checkout(conn, &shopper, &request).map_err(fail)?;
        if n % 2 == 0 {
            for order in orders {
                for status in ["shipped", "delivered"] {
                    crate::shop::orders::set_status(conn, &owner, order, status, &pickups, &config.base_url)
                        .map_err(fail)?;
                }
            }
        }
    }
    Ok(())
}

/// Posts demo note `i`; returns its id and its subject's hashtag.
fn seed_note(
    store: &MediaStore,
    conn: &mut DbConnection,
    rng: &mut StdRng,
    users: &[UserId],
    i: usize,
) -> anyhow::Result<(crate::db::NoteId, &'static str)> {
    let (tag, products, titles, bodies) = TOPICS[i % TOPICS.len()];
    let product = products[rng.random_range(0..products.len())];
    let title = titles[rng.random_range(0..titles.len())].replace("{}", product);
    let extra = ["review", "haul", "种草", "好物分享", "daily", "推荐"][rng.random_range(0..6)];
    let body = format!("{} #{tag} #{extra}", bodies[rng.random_range(0..bodies.len())]);
    let tags = hashtags::collect(&product.replace(' ', "-"), &body).unwrap_or_else(|_| vec![tag.to_string()]);
    let photo_count = 1 + usize::from(rng.random_bool(0.35)) + usize::from(rng.random_bool(0.15));
    let photos = (0..photo_count)
        .map(|p| pipeline::render(note_image(rng, i * 3 + p)).map_err(|e| anyhow::anyhow!("demo photo {e}")))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let author = users[rng.random_range(0..users.len())];
    // Spread over the last 30 days, newest last, so the feed has a history.
    let minutes_ago = ((NOTES - i) as i64) * 200 + rng.random_range(0..120);
    let created_at = crate::db::now() - Duration::minutes(minutes_ago);
    for photo in &photos {
        store.save(photo, &mut WrittenFiles::default())?;
    }
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let id = note_queries::insert(
            conn,
            &note_queries::NewNote { author, title: &title, body: &body, created_at },
        )?;
        for (position, photo) in photos.iter().enumerate() {
            media::queries::ensure(conn, photo)?;
            note_queries::insert_image(
                conn,
                id,
                position as i32,
                &photo.hash,
                &format!("Photo {} of {title}", position + 1),
            )?;
        }
        note_queries::set_hashtags(conn, id, created_at, &tags)?;
        crate::outbox::enqueue(conn, id)?;
        Ok(id)
    })
    .map(|id| (id, tag))
    .map_err(Into::into)
}

fn mix(a: (u8, u8, u8), b: (u8, u8, u8), t: f32) -> Rgb<u8> {
    let l = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t) as u8;
    Rgb([l(a.0, b.0), l(a.1, b.1), l(a.2, b.2)])
}

/// A soft gradient with a "product" on it: a rounded block and a round lid or dot.
fn note_image(rng: &mut StdRng, seed: usize) -> DynamicImage {
    let [bg1, bg2, accent] = PALETTES[seed % PALETTES.len()];
    let (w, h) = (540u32, [540u32, 675, 720][seed % 3]);
    let (bw, bh) = (rng.random_range(120..220) as i64, rng.random_range(160..300) as i64);
    let (cx, cy) =
        (i64::from(w) / 2 + rng.random_range(-60..60), i64::from(h) / 2 + rng.random_range(-40..60));
    let r = rng.random_range(40..80) as i64;
    let img = RgbImage::from_fn(w, h, |x, y| {
        let (x, y) = (i64::from(x), i64::from(y));
        let inside_block = (x - cx).abs() < bw / 2 && (y - cy).abs() < bh / 2;
        let lid_y = cy - bh / 2 - r / 2;
        let inside_lid = (x - cx).pow(2) + (y - lid_y).pow(2) < r * r;
        if inside_block {
            let shade = 0.15 + 0.25 * ((x - cx + bw / 2) as f32 / bw as f32);
            mix(accent, (255, 255, 255), shade)
        } else if inside_lid {
            mix(accent, (0, 0, 0), 0.2)
        } else {
            mix(bg1, bg2, y as f32 / h as f32)
        }
    });
    DynamicImage::ImageRgb8(img)
}

fn avatar_image(rng: &mut StdRng, seed: usize) -> DynamicImage {
    let [bg, _, accent] = PALETTES[seed % PALETTES.len()];
    let offset = rng.random_range(0..40) as i64;
    let img = RgbImage::from_fn(160, 160, |x, y| {
        let (dx, dy) = (i64::from(x) - 80, i64::from(y) - 60 - offset / 4);
        if dx * dx + dy * dy < 900 || (dx * dx + (i64::from(y) - 170).pow(2) < 4900) {
            mix(accent, (255, 255, 255), 0.1)
        } else {
            Rgb([bg.0, bg.1, bg.2])
        }
    });
    DynamicImage::ImageRgb8(img)
}
