//! The rules of messages: who may talk to whom, what a message may carry, read markers and the
//! brand inbox. Each change is one transaction, and returns the [`Announcement`] to make once it
//! is committed.

use diesel::prelude::*;

use super::model::*;
use crate::accounts::model::User;
use crate::accounts::{blocks, queries as users_q};
use crate::db::{BrandId, ConversationId, DbConnection, MessageId, UserId};
use crate::moderation::limits::{self, Act, Limits};
use crate::realtime::{Announcement, Event};
use crate::schema::{brand_staff, conversations, follows, messages, users};
use crate::shop::{brands, orders, products};
use crate::web::AppError;

/// A message has at most this many characters.
pub const MAX_BODY: usize = 2000;
/// Messages a page of a conversation shows at most.
pub const PAGE: i64 = 50;

crate::db::status_enum!(
    /// Who may start a conversation with a member.
    DmPolicy {
        Everyone => "everyone",
        /// Members they follow (so two who follow each other always can).
        Following => "following",
        Nobody => "nobody",
    }
);

/// Minutes of quiet before an unread message is mailed, unless a member set their own.
pub const DEFAULT_MAIL_MINUTES: i32 = 10;
/// The longest quiet period a member may choose: a day.
pub const MAX_MAIL_MINUTES: i32 = 24 * 60;

/// A member's message settings, with the defaults filled in.
pub fn settings(conn: &mut DbConnection, user: UserId) -> QueryResult<(DmPolicy, i32)> {
    let (policy, minutes) = users_q::message_settings(conn, user)?;
    Ok((
        policy.as_deref().and_then(DmPolicy::parse).unwrap_or(DmPolicy::Following),
        minutes.unwrap_or(DEFAULT_MAIL_MINUTES),
    ))
}

pub fn set_settings(
    conn: &mut DbConnection,
    user: UserId,
    policy: DmPolicy,
    minutes: i32,
) -> Result<(), AppError> {
    if !(0..=MAX_MAIL_MINUTES).contains(&minutes) {
        return Err(AppError::validation(
            "message_mail_minutes",
            msg!("msg-mail-minutes-range", max = MAX_MAIL_MINUTES),
        ));
    }
    users_q::set_message_settings(conn, user, policy.as_str(), minutes)?;
    Ok(())
}

/// Whom a conversation is with, as a request names them.
pub enum With<'a> {
    Brand(&'a str),
    Member(&'a str),
}

fn not_found() -> AppError {
    AppError::not_found(msg!("thing-conversation"))
}

pub fn find(conn: &mut DbConnection, id: ConversationId) -> QueryResult<Option<Conversation>> {
    conversations::table.find(id).select(Conversation::as_select()).first(conn).optional()
}

/// The conversation and `me`'s side of it; 404 to anyone who is on neither side.
pub fn access(
    conn: &mut DbConnection,
    me: UserId,
    id: ConversationId,
) -> Result<(Conversation, i32), AppError> {
    let conv = find(conn, id)?.ok_or_else(not_found)?;
    let side = side_of(conn, me, &conv)?.ok_or_else(not_found)?;
    Ok((conv, side))
}

fn side_of(conn: &mut DbConnection, me: UserId, conv: &Conversation) -> QueryResult<Option<i32>> {
    if conv.starter_id == me {
        return Ok(Some(STARTER));
    }
    if conv.member_id == Some(me) {
        return Ok(Some(OTHER));
    }
    match conv.brand_id {
        Some(brand) if brands::role(conn, brand, me)?.is_some() => Ok(Some(OTHER)),
        _ => Ok(None),
    }
}

fn staff_ids(conn: &mut DbConnection, brand: BrandId) -> QueryResult<Vec<UserId>> {
    brand_staff::table.filter(brand_staff::brand_id.eq(brand)).select(brand_staff::user_id).load(conn)
}

/// Everyone on one side: the starter, or the other member, or the brand's staff.
fn people_on(conn: &mut DbConnection, conv: &Conversation, side: i32) -> QueryResult<Vec<UserId>> {
    match (side, conv.member_id, conv.brand_id) {
        (STARTER, _, _) => Ok(vec![conv.starter_id]),
        (_, Some(member), _) => Ok(vec![member]),
        (_, None, Some(brand)) => staff_ids(conn, brand),
        _ => Ok(Vec::new()),
    }
}

/// Everyone on both sides (each of their open pages hears of a change).
fn everyone(conn: &mut DbConnection, conv: &Conversation) -> QueryResult<Vec<UserId>> {
    let mut all = people_on(conn, conv, STARTER)?;
    all.extend(people_on(conn, conv, OTHER)?);
    Ok(all)
}

/// A block between the two sides (for a brand, between the shopper and the brand's owner): the
/// conversation can still be read, not written to.
pub fn read_only(conn: &mut DbConnection, conv: &Conversation) -> QueryResult<bool> {
    let other = match (conv.member_id, conv.brand_id) {
        (Some(member), _) => member,
        (None, Some(brand)) => match brands::find(conn, brand)? {
            Some(brand) => brand.owner_id,
            None => return Ok(true),
        },
        _ => return Ok(true),
    };
    blocks::between(conn, conv.starter_id, other)
}

/// Whether `sender` may start a conversation with `recipient`, by the recipient's setting.
fn may_start(conn: &mut DbConnection, sender: &User, recipient: &User) -> Result<(), AppError> {
    let (policy, _) = settings(conn, recipient.id)?;
    let name = recipient.display_name.as_str();
    match policy {
        DmPolicy::Everyone => Ok(()),
        DmPolicy::Nobody => Err(AppError::Forbidden(msg!("msg-dm-nobody", name = name))),
        DmPolicy::Following => {
            let follows_sender: bool =
                diesel::select(diesel::dsl::exists(follows::table.find((recipient.id, sender.id))))
                    .get_result(conn)?;
            if follows_sender {
                Ok(())
            } else {
                Err(AppError::Forbidden(msg!("msg-dm-following-only", name = name)))
            }
        }
    }
}

/// Starts a conversation with a brand or a member, or finds the one the two already have;
/// a product or order given becomes what it is about. Returns its id and whether it is new.
pub fn start(
    conn: &mut DbConnection,
    limits: &Limits,
    me: &User,
    with: With<'_>,
    subject: &CardInput,
) -> Result<(ConversationId, bool), AppError> {
    crate::db::write_transaction(conn, |conn| {
        let (brand_id, member) = match with {
            With::Brand(slug) => {
                let brand = brands::by_slug(conn, slug)?;
                if brands::role(conn, brand.id, me.id)?.is_some() {
                    return Err(AppError::validation("brand", msg!("msg-own-brand", brand = &brand.name)));
                }
                if blocks::between(conn, brand.owner_id, me.id)? {
                    return Err(AppError::Forbidden(msg!("msg-blocked")));
                }
                (Some(brand.id), None)
            }
            With::Member(name) => {
                let name = name.trim().trim_start_matches('@').to_lowercase();
                let them = users_q::by_username(conn, &name)?
                    .ok_or_else(|| AppError::not_found(msg!("thing-user")))?;
                if them.id == me.id {
                    return Err(AppError::validation("username", msg!("msg-self")));
                }
                if blocks::between(conn, me.id, them.id)? {
                    return Err(AppError::Forbidden(msg!("msg-blocked")));
                }
                (None, Some(them))
            }
        };
        let (product, order) = check_subject(conn, me, brand_id, subject)?;
        let existing = between(conn, me.id, brand_id, member.as_ref().map(|m| m.id))?;
        if let Some(conv) = existing {
            if product.is_some() || order.is_some() {
                diesel::update(conversations::table.find(conv.id))
                    .set((conversations::product_id.eq(product), conversations::order_id.eq(order)))
                    .execute(conn)?;
            }
            return Ok((conv.id, false));
        }
        if let Some(them) = &member {
            may_start(conn, me, them)?;
        }
        limits::check(conn, limits, me, Act::Conversation)?;
        let now = crate::db::now();
        let row = (
            conversations::starter_id.eq(me.id),
            conversations::brand_id.eq(brand_id),
            conversations::member_id.eq(member.as_ref().map(|m| m.id)),
            conversations::product_id.eq(product),
            conversations::order_id.eq(order),
            conversations::status.eq(InboxStatus::Open),
            conversations::created_at.eq(now),
        );
        let id: Result<ConversationId, _> =
            crate::per_backend!(conn, |c| diesel::insert_into(conversations::table)
                .values(row)
                .returning(conversations::id)
                .get_result(c));
        match id {
            Ok(id) => Ok((id, true)),
            // The same two started one at the same moment: it is there now.
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => Err(AppError::Conflict(msg!("msg-started-twice"))),
            Err(e) => Err(e.into()),
        }
    })
}

/// The conversation `me` has with the brand or the member, if any.
fn between(
    conn: &mut DbConnection,
    me: UserId,
    brand: Option<BrandId>,
    member: Option<UserId>,
) -> QueryResult<Option<Conversation>> {
    let query = conversations::table.select(Conversation::as_select());
    match (brand, member) {
        (Some(brand), _) => query
            .filter(conversations::brand_id.eq(brand))
            .filter(conversations::starter_id.eq(me))
            .first(conn)
            .optional(),
        (None, Some(member)) => query
            .filter(
                conversations::starter_id
                    .eq(me)
                    .and(conversations::member_id.eq(member))
                    .or(conversations::starter_id.eq(member).and(conversations::member_id.eq(me))),
            )
            .first(conn)
            .optional(),
        (None, None) => Ok(None),
    }
}

/// A conversation's subject: a product of its brand, or one of `me`'s orders from it.
fn check_subject(
    conn: &mut DbConnection,
    me: &User,
    brand: Option<BrandId>,
    subject: &CardInput,
) -> Result<(Option<crate::db::ProductId>, Option<crate::db::OrderId>), AppError> {
    if subject.note_id.is_some() {
        return Err(AppError::validation("note_id", msg!("msg-subject-note")));
    }
    if (subject.product_id.is_some() || subject.order_id.is_some()) && brand.is_none() {
        return Err(AppError::validation("product_id", msg!("msg-subject-brand-only")));
    }
    if let Some(id) = subject.product_id {
        let product = products::find(conn, id)?.ok_or_else(|| AppError::not_found(msg!("thing-product")))?;
        if Some(product.brand_id) != brand {
            return Err(AppError::validation("product_id", msg!("msg-product-not-theirs")));
        }
    }
    if let Some(id) = subject.order_id {
        let order = orders::find(conn, id)?.ok_or_else(|| AppError::not_found(msg!("thing-order")))?;
        if order.buyer_id != me.id || Some(order.brand_id) != brand {
            return Err(AppError::not_found(msg!("thing-order")));
        }
    }
    Ok((subject.product_id, subject.order_id))
}

/// A message's text, trimmed: at most [`MAX_BODY`] characters.
pub fn check_body(body: &str) -> Result<String, AppError> {
    crate::web::extractors::no_nul("body", body)?;
    let body = body.trim();
    if body.chars().count() > MAX_BODY {
        return Err(AppError::validation("body", msg!("msg-body-too-long", count = MAX_BODY)));
    }
    Ok(body.to_string())
}

/// The card a message carries, checked: a product that is on sale, a note everyone may see, or
/// (between a shopper and a brand) one of the shopper's orders from that brand.
fn check_card(
    conn: &mut DbConnection,
    conv: &Conversation,
    card: &CardInput,
) -> Result<Option<(&'static str, i64)>, AppError> {
    let given = [card.product_id.is_some(), card.note_id.is_some(), card.order_id.is_some()];
    match given.iter().filter(|g| **g).count() {
        0 => return Ok(None),
        1 => {}
        _ => return Err(AppError::validation("card", msg!("msg-card-one"))),
    }
    if let Some(id) = card.product_id {
        let product = products::load_view(conn, id)?.filter(|p| !p.hidden);
        product.ok_or_else(|| AppError::not_found(msg!("thing-product")))?;
        return Ok(Some(("product", id.0)));
    }
    if let Some(id) = card.note_id {
        if crate::notes::queries::load_views(conn, &[id])?.is_empty() {
            return Err(AppError::not_found(msg!("thing-note")));
        }
        return Ok(Some(("note", id.0)));
    }
    let id = card.order_id.expect("one card is given");
    let order = orders::find(conn, id)?.ok_or_else(|| AppError::not_found(msg!("thing-order")))?;
    if order.buyer_id != conv.starter_id || Some(order.brand_id) != conv.brand_id {
        return Err(AppError::not_found(msg!("thing-order")));
    }
    Ok(Some(("order", id.0)))
}

/// Refuses a message whose text its sender already sent three times in the last ten minutes.
fn check_repeat(conn: &mut DbConnection, limits: &Limits, me: &User, body: &str) -> Result<(), AppError> {
    let mine = limits::fingerprint(body);
    if !limits.enabled || mine.is_empty() {
        return Ok(());
    }
    let recent: Vec<String> = messages::table
        .filter(messages::sender_id.eq(me.id))
        .filter(messages::created_at.gt(crate::db::now() - chrono::Duration::minutes(10)))
        .select(messages::body)
        .limit(200)
        .load(conn)?;
    if recent.iter().filter(|b| limits::fingerprint(b) == mine).count() >= 3 {
        return Err(AppError::validation("body", msg!("msg-repeat")));
    }
    Ok(())
}

/// Sends a message. The conversation must be `me`'s (404), not blocked (403); the text at most
/// [`MAX_BODY`] characters, with a card or not, but not empty (422).
pub fn send(
    conn: &mut DbConnection,
    limits: &Limits,
    me: &User,
    id: ConversationId,
    body: &str,
    card: &CardInput,
) -> Result<(MessageId, Announcement), AppError> {
    let body = check_body(body)?;
    crate::db::write_transaction(conn, |conn| {
        let (conv, side) = access(conn, me.id, id)?;
        if read_only(conn, &conv)? {
            return Err(AppError::Forbidden(msg!("msg-read-only")));
        }
        let card = check_card(conn, &conv, card)?;
        if body.is_empty() && card.is_none() {
            return Err(AppError::validation("body", msg!("msg-empty")));
        }
        limits::check(conn, limits, me, Act::Message)?;
        check_repeat(conn, limits, me, &body)?;
        let now = crate::db::now();
        let row = (
            messages::conversation_id.eq(conv.id),
            messages::sender_id.eq(me.id),
            messages::side.eq(side),
            messages::body.eq(&body),
            messages::card_type.eq(card.map(|c| c.0)),
            messages::card_id.eq(card.map(|c| c.1)),
            messages::created_at.eq(now),
        );
        let message: MessageId = crate::per_backend!(conn, |c| diesel::insert_into(messages::table)
            .values(row)
            .returning(messages::id)
            .get_result(c))?;
        let target = conversations::table.find(conv.id);
        let moved = (conversations::last_message_id.eq(message), conversations::last_side.eq(side));
        if side == STARTER {
            // The shopper writing again puts a done conversation back in the brand's inbox.
            let reopen = conversations::status.eq(InboxStatus::Open);
            diesel::update(target)
                .set((moved, conversations::starter_read_id.eq(message), reopen))
                .execute(conn)?;
        } else {
            diesel::update(target).set((moved, conversations::other_read_id.eq(message))).execute(conn)?;
        }
        super::mail::schedule(conn, &conv, 1 - side, message)?;
        let event =
            Event::Message { conversation_id: conv.id, message_id: message, sender: me.username.clone() };
        Ok((message, Announcement { to: everyone(conn, &conv)?, event }))
    })
}

/// Moves `me`'s side's read marker up to `up_to` (never back, never past the last message).
/// Returns the announcement when it moved.
pub fn mark_read(
    conn: &mut DbConnection,
    me: &User,
    id: ConversationId,
    up_to: MessageId,
) -> Result<Option<Announcement>, AppError> {
    let (conv, side) = access(conn, me.id, id)?;
    let up_to = up_to.min(conv.last_message_id);
    let target = conversations::table.find(conv.id);
    let moved = if side == STARTER {
        diesel::update(target.filter(conversations::starter_read_id.lt(up_to)))
            .set(conversations::starter_read_id.eq(up_to))
            .execute(conn)?
    } else {
        diesel::update(target.filter(conversations::other_read_id.lt(up_to)))
            .set(conversations::other_read_id.eq(up_to))
            .execute(conn)?
    };
    if moved == 0 {
        return Ok(None);
    }
    let event = Event::Read { conversation_id: conv.id, reader: me.username.clone(), up_to };
    Ok(Some(Announcement { to: everyone(conn, &conv)?, event }))
}

/// Tells the other side that `me` is typing (nothing is stored).
pub fn typing(conn: &mut DbConnection, me: &User, id: ConversationId) -> Result<Announcement, AppError> {
    let (conv, side) = access(conn, me.id, id)?;
    if read_only(conn, &conv)? {
        return Err(AppError::Forbidden(msg!("msg-read-only")));
    }
    let event = Event::Typing { conversation_id: conv.id, username: me.username.clone() };
    Ok(Announcement { to: people_on(conn, &conv, 1 - side)?, event })
}

/// Takes the conversation out of `me`'s inbox: what was said so far is gone for their side
/// (the other side keeps it); a new message brings the conversation back.
pub fn clear(conn: &mut DbConnection, me: &User, id: ConversationId) -> Result<(), AppError> {
    let (conv, side) = access(conn, me.id, id)?;
    let target = conversations::table.find(conv.id);
    let last = conv.last_message_id;
    if side == STARTER {
        diesel::update(target)
            .set((conversations::starter_cleared_id.eq(last), conversations::starter_read_id.eq(last)))
            .execute(conn)?;
    } else {
        diesel::update(target)
            .set((conversations::other_cleared_id.eq(last), conversations::other_read_id.eq(last)))
            .execute(conn)?;
    }
    Ok(())
}

/// Which messages of a conversation to read.
#[derive(Debug, Clone, Copy, Default)]
pub struct Window {
    pub before: Option<MessageId>,
    pub after: Option<MessageId>,
    pub limit: i64,
}

/// Messages of a conversation as `me` sees them, oldest first: the latest ones, or those
/// before or after an id. What `me`'s side cleared is left out, and so are held messages of the
/// other side.
pub fn messages_of(
    conn: &mut DbConnection,
    me: UserId,
    conv: &Conversation,
    side: i32,
    window: Window,
) -> Result<Vec<MessageView>, AppError> {
    let limit = window.limit.clamp(1, 100);
    let mut query = messages::table
        .filter(messages::conversation_id.eq(conv.id))
        .filter(messages::id.gt(conv.cleared_id(side)))
        .select(Message::as_select())
        .limit(limit)
        .into_boxed();
    let rows: Vec<Message> = match (window.after, window.before) {
        (Some(after), _) => query.filter(messages::id.gt(after)).order(messages::id.asc()).load(conn)?,
        (None, before) => {
            if let Some(before) = before {
                query = query.filter(messages::id.lt(before));
            }
            let mut rows: Vec<Message> = query.order(messages::id.desc()).load(conn)?;
            rows.reverse();
            rows
        }
    };
    let rows: Vec<Message> = rows
        .into_iter()
        .filter(|m| m.moderation == crate::moderation::VISIBLE || m.sender_id == me)
        .collect();
    let senders: Vec<UserId> = rows.iter().map(|m| m.sender_id).collect();
    let names: std::collections::HashMap<UserId, (String, String)> = users::table
        .filter(crate::db::in_ids(users::id, &senders))
        .select((users::id, users::username, users::display_name))
        .load::<(UserId, String, String)>(conn)?
        .into_iter()
        .map(|(id, u, d)| (id, (u, d)))
        .collect();
    let mut views = Vec::with_capacity(rows.len());
    for m in rows {
        let (sender, sender_name) = names.get(&m.sender_id).cloned().unwrap_or_default();
        let card = match (m.card_type.as_deref(), m.card_id) {
            (Some(kind), Some(id)) => Some(card_view(conn, kind, id)?),
            _ => None,
        };
        views.push(MessageView {
            id: m.id,
            mine: m.side == side,
            from_brand: m.side == OTHER && conv.brand_id.is_some(),
            sender,
            sender_name,
            body: m.body,
            images: Vec::new(),
            card,
            moderation: m.moderation,
            created_at: m.created_at,
        });
    }
    Ok(views)
}

/// A card as it reads now.
fn card_view(conn: &mut DbConnection, kind: &str, id: i64) -> Result<CardView, AppError> {
    Ok(match kind {
        "product" => match products::load_view(conn, crate::db::ProductId(id))?.filter(|p| !p.hidden) {
            Some(product) => CardView::Product { product: Box::new(product) },
            None => CardView::Gone {},
        },
        "note" => match crate::notes::queries::load_views(conn, &[crate::db::NoteId(id)])?.pop() {
            Some(note) => CardView::Note { note: Box::new(note) },
            None => CardView::Gone {},
        },
        "order" => match orders::views(conn, &[crate::db::OrderId(id)])?.pop() {
            Some(order) => CardView::Order { order: Box::new(order) },
            None => CardView::Gone {},
        },
        _ => CardView::Gone {},
    })
}

/// A conversation as `me` (on `side`) sees it in a list or at the top of its page.
pub fn view(
    conn: &mut DbConnection,
    me: UserId,
    conv: &Conversation,
    side: i32,
) -> Result<ConversationView, AppError> {
    let starter = users_q::by_id(conn, conv.starter_id)?;
    let with = if side == OTHER {
        party_of_user(&starter)
    } else if let Some(member) = conv.member_id {
        let member = users_q::by_id(conn, member)?;
        party_of_user(&member)
    } else {
        let brand = brands::find(conn, conv.brand_id.unwrap_or_default())?.ok_or_else(not_found)?;
        let shown = crate::shop::model::BrandView::from(&brand);
        Party {
            kind: "brand".into(),
            name: shown.name,
            handle: shown.slug,
            avatar_url: shown.logo_url,
            url: shown.url,
        }
    };
    let subject = match (conv.order_id, conv.product_id) {
        (Some(order), _) => Some(card_view(conn, "order", order.0)?),
        (None, Some(product)) => Some(card_view(conn, "product", product.0)?),
        _ => None,
    };
    let assignee = match conv.assignee_id {
        Some(id) => Some(users_q::by_id(conn, id)?.username),
        None => None,
    };
    let last: Option<(String, chrono::NaiveDateTime)> = messages::table
        .find(conv.last_message_id)
        .filter(messages::moderation.eq(crate::moderation::VISIBLE).or(messages::sender_id.eq(me)))
        .select((messages::body, messages::created_at))
        .first(conn)
        .optional()?;
    let (last_message, last_message_at) = match last {
        Some((body, at)) => (excerpt(&body, 80), at),
        None => (String::new(), conv.created_at),
    };
    let unread_count: i64 = messages::table
        .filter(messages::conversation_id.eq(conv.id))
        .filter(messages::id.gt(conv.read_id(side).max(conv.cleared_id(side))))
        .filter(messages::side.ne(side))
        .filter(messages::moderation.eq(crate::moderation::VISIBLE))
        .count()
        .get_result(conn)?;
    Ok(ConversationView {
        id: conv.id,
        with,
        starter: starter.username,
        subject,
        status: conv.status.clone(),
        assignee,
        last_message,
        last_message_at,
        last_message_id: conv.last_message_id,
        unread_count,
        unanswered: conv.brand_id.is_some() && conv.last_side == STARTER && conv.last_message_id.0 > 0,
        read_only: read_only(conn, conv)?,
        read_up_to: conv.read_id(side),
        other_read_up_to: conv.read_id(1 - side),
        url: format!("/messages/{}", conv.id),
    })
}

fn party_of_user(user: &User) -> Party {
    let shown = crate::accounts::model::PublicUser::from(user);
    Party {
        kind: "member".into(),
        name: shown.display_name,
        handle: shown.username,
        avatar_url: shown.avatar_url,
        url: shown.url,
    }
}

/// `me`'s own conversations (with brands, and with members), newest activity first, after the
/// `cursor` (a `last_message_id`); a conversation they cleared shows again once someone writes.
pub fn mine(
    conn: &mut DbConnection,
    me: UserId,
    cursor: Option<MessageId>,
    limit: i64,
) -> Result<Vec<ConversationView>, AppError> {
    let mut query = conversations::table
        .filter(
            conversations::starter_id
                .eq(me)
                .and(
                    conversations::starter_cleared_id
                        .lt(conversations::last_message_id)
                        .or(conversations::last_message_id.eq(MessageId(0))),
                )
                .or(conversations::member_id
                    .eq(me)
                    .and(conversations::other_cleared_id.lt(conversations::last_message_id))),
        )
        .select(Conversation::as_select())
        .order(conversations::last_message_id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(cursor) = cursor {
        query = query.filter(conversations::last_message_id.lt(cursor));
    }
    let rows: Vec<Conversation> = query.load(conn)?;
    rows.iter().map(|c| view(conn, me, c, if c.starter_id == me { STARTER } else { OTHER })).collect()
}

/// Who of a brand's staff the inbox is filtered to.
pub enum Assignee<'a> {
    Anyone,
    Nobody,
    Named(&'a str),
}

/// A brand's inbox for its staff: conversations with `status`, unread first, then those the
/// brand has not answered, then by latest activity; after the `cursor` (a `last_message_id`).
pub fn inbox(
    conn: &mut DbConnection,
    me: &User,
    slug: &str,
    status: InboxStatus,
    assignee: Assignee<'_>,
    cursor: Option<MessageId>,
    limit: i64,
) -> Result<Vec<ConversationView>, AppError> {
    let brand = brands::staffed(conn, me, slug)?;
    let mut query = conversations::table
        .filter(conversations::brand_id.eq(brand.id))
        .filter(conversations::status.eq(status))
        .filter(conversations::last_message_id.gt(conversations::other_cleared_id))
        .select(Conversation::as_select())
        .order(conversations::last_message_id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(cursor) = cursor {
        query = query.filter(conversations::last_message_id.lt(cursor));
    }
    match assignee {
        Assignee::Anyone => {}
        Assignee::Nobody => query = query.filter(conversations::assignee_id.is_null()),
        Assignee::Named(name) => {
            let user = users_q::by_username(conn, &name.trim_start_matches('@').to_lowercase())?
                .ok_or_else(|| AppError::not_found(msg!("thing-user")))?;
            query = query.filter(conversations::assignee_id.eq(user.id));
        }
    }
    let rows: Vec<Conversation> = query.load(conn)?;
    let mut views: Vec<ConversationView> =
        rows.iter().map(|c| view(conn, me.id, c, OTHER)).collect::<Result<_, _>>()?;
    views.sort_by_key(|v| (v.unread_count == 0, !v.unanswered));
    Ok(views)
}

/// Assigns a brand conversation to one of the brand's staff (or nobody), and marks it done or
/// open again: the brand's staff only (404 to others; 422 for a conversation between members).
pub fn update(
    conn: &mut DbConnection,
    me: &User,
    id: ConversationId,
    assignee: Option<Option<&str>>,
    status: Option<InboxStatus>,
) -> Result<Announcement, AppError> {
    crate::db::write_transaction(conn, |conn| {
        let (conv, side) = access(conn, me.id, id)?;
        let Some(brand) = conv.brand_id.filter(|_| side == OTHER) else {
            return Err(AppError::validation("status", msg!("msg-inbox-brand-only")));
        };
        if let Some(status) = status {
            diesel::update(conversations::table.find(id))
                .set(conversations::status.eq(status))
                .execute(conn)?;
        }
        if let Some(name) = assignee {
            let assignee = match name {
                None => None,
                Some(name) => {
                    let user = users_q::by_username(conn, &name.trim_start_matches('@').to_lowercase())?;
                    let staff = match &user {
                        Some(user) => brands::role(conn, brand, user.id)?.is_some(),
                        None => false,
                    };
                    if !staff {
                        return Err(AppError::validation(
                            "assignee",
                            msg!("msg-assignee-not-staff", name = name),
                        ));
                    }
                    user.map(|u| u.id)
                }
            };
            diesel::update(conversations::table.find(id))
                .set(conversations::assignee_id.eq(assignee))
                .execute(conn)?;
        }
        Ok(Announcement { to: staff_ids(conn, brand)?, event: Event::Notification {} })
    })
}

/// Conversations with something `me` has not read: their own, and the open ones of the brands
/// they work for that wait for the brand. The count in the header.
pub fn unread_total(conn: &mut DbConnection, me: UserId) -> QueryResult<i64> {
    let own: i64 = conversations::table
        .filter(
            conversations::starter_id
                .eq(me)
                .and(conversations::last_side.eq(OTHER))
                .and(conversations::starter_read_id.lt(conversations::last_message_id))
                .or(conversations::member_id
                    .eq(me)
                    .and(conversations::last_side.eq(STARTER))
                    .and(conversations::other_read_id.lt(conversations::last_message_id))),
        )
        .count()
        .get_result(conn)?;
    let my_brands = brand_staff::table.filter(brand_staff::user_id.eq(me)).select(brand_staff::brand_id);
    let brands: i64 = conversations::table
        .filter(conversations::brand_id.eq_any(my_brands.nullable()))
        .filter(conversations::status.eq(InboxStatus::Open))
        .filter(conversations::last_side.eq(STARTER))
        .filter(conversations::other_read_id.lt(conversations::last_message_id))
        .count()
        .get_result(conn)?;
    Ok(own + brands)
}

/// The first `n` characters of `text`, with an ellipsis when there was more.
fn excerpt(text: &str, n: usize) -> String {
    let mut out: String = text.chars().take(n).collect();
    if text.chars().nth(n).is_some() {
        out.push('…');
    }
    out
}
