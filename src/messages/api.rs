//! `/api/v1/conversations`: messages between shoppers and brands, and between members.

use actix_web::{delete, get, patch, post, put, web, HttpResponse};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::model::{CardInput, ConversationView, InboxStatus, MessageView};
use super::service::{self, Assignee, With};
use crate::accounts::ApiUser;
use crate::db::{ConversationId, DbConnection, MessageId, OrderId, ProductId};
use crate::realtime::{Announcement, Hub};
use crate::web::extractors::Json;
use crate::web::openapi::{Forbidden, Invalid, NotFound, RateLimited, Unauthorized};
use crate::web::{ApiResult, AppError};
use crate::AppState;

/// Announces a committed change; a failure is logged, not returned: what it tells of is saved,
/// and clients read it on their next look.
pub(crate) fn announce(hub: &Hub, conn: &mut DbConnection, announcement: &Announcement) {
    if let Err(e) = hub.announce(conn, announcement) {
        tracing::warn!("could not announce {:?}: {e}", announcement.event);
    }
}

/// Whom to talk to: give `brand` or `username`. With a brand, `product_id` or `order_id` (one of
/// your orders from it) says what it is about.
#[derive(Deserialize, ToSchema)]
struct NewConversation {
    /// A brand's slug: its staff answer.
    brand: Option<String>,
    /// A member's username: they must allow it (their setting: everyone, people they follow, or
    /// nobody), unless the two of you already talk.
    username: Option<String>,
    product_id: Option<ProductId>,
    order_id: Option<OrderId>,
}

/// A page of conversations, newest activity first.
#[derive(Serialize, ToSchema)]
struct Conversations {
    items: Vec<ConversationView>,
    /// Pass as `cursor` for the next page; null on the last.
    next_cursor: Option<MessageId>,
}

#[derive(Serialize, ToSchema)]
struct Messages {
    /// Oldest first.
    items: Vec<MessageView>,
}

/// A message: text (up to 2,000 characters), a card, or both.
#[derive(Deserialize, ToSchema)]
struct NewMessage {
    #[serde(default)]
    #[schema(max_length = 2000)]
    body: String,
    card: Option<CardInput>,
}

#[derive(Deserialize, ToSchema)]
struct ReadUpTo {
    /// The last message read (a later one than the conversation has counts as its last).
    up_to: MessageId,
}

fn some<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A change to a conversation in a brand's inbox.
#[derive(Deserialize, ToSchema)]
struct InboxChange {
    /// A username of the brand's staff, or null for nobody; left out: unchanged.
    #[serde(default, deserialize_with = "some")]
    #[schema(value_type = Option<String>)]
    assignee: Option<Option<String>>,
    status: Option<Status>,
}

#[derive(Deserialize, IntoParams)]
struct CursorQuery {
    /// From the previous page's `next_cursor`.
    cursor: Option<MessageId>,
}

/// Where a conversation is in its brand's inbox.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
enum Status {
    Open,
    Done,
}

impl Status {
    fn stored(self) -> InboxStatus {
        match self {
            Status::Open => InboxStatus::Open,
            Status::Done => InboxStatus::Done,
        }
    }
}

/// Who may start a conversation with you.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
enum Policy {
    Everyone,
    /// Members you follow.
    Following,
    Nobody,
}

#[derive(Deserialize, IntoParams)]
struct WindowQuery {
    /// Messages before this id (older ones).
    before: Option<MessageId>,
    /// Messages after this id (what came since), oldest first.
    after: Option<MessageId>,
    /// At most this many, 1 to 100 (default 50).
    limit: Option<i64>,
}

#[derive(Deserialize, IntoParams)]
struct InboxQuery {
    /// `open` (default) or `done`.
    status: Option<Status>,
    /// A staff member's username, or `none` for the unassigned; left out: everyone's.
    assignee: Option<String>,
    /// From the previous page's `next_cursor`.
    cursor: Option<MessageId>,
}

/// Who may write to you, and when unread messages are mailed.
#[derive(Serialize, Deserialize, ToSchema)]
struct MessageSettings {
    dm_policy: Policy,
    /// Minutes of quiet before an unread message is mailed to you (0: never; at most 1,440).
    #[schema(minimum = 0, maximum = 1440)]
    message_mail_minutes: i32,
}

#[derive(Serialize, ToSchema)]
struct Unread {
    /// Conversations with messages you have not read (with those waiting for brands you work for).
    conversations: i64,
    /// Notifications you have not read.
    notifications: i64,
}

fn next_cursor(items: &[ConversationView], limit: i64) -> Option<MessageId> {
    (items.len() as i64 == limit).then(|| items.iter().map(|c| c.last_message_id).min().unwrap_or_default())
}

async fn conversation_json(
    state: &AppState,
    me: crate::db::UserId,
    id: ConversationId,
) -> ApiResult<ConversationView> {
    state
        .db(move |conn| {
            let (conv, side) = service::access(conn, me, id)?;
            service::view(conn, me, &conv, side)
        })
        .await
}

/// Start a conversation (or open the one you have)
///
/// With a brand (its staff share one inbox) or a member. A conversation you already have with
/// them comes back with 200, its subject changed to the product or order given.
#[utoipa::path(
    operation_id = "start_conversation",
    tag = "messages",
    security(("bearer" = [])),
    request_body = NewConversation,
    responses(
        (status = 201, description = "The new conversation", body = ConversationView),
        (status = 200, description = "The conversation the two of you already have", body = ConversationView),
        Unauthorized, Forbidden, NotFound, Invalid, RateLimited,
    )
)]
#[post("/api/v1/conversations")]
async fn start(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    body: Json<NewConversation>,
) -> ApiResult<HttpResponse> {
    let limits = state.config.spam_limits();
    let me_id = me.id;
    let (id, created) = state
        .db(move |conn| {
            let with = match (body.brand.as_deref(), body.username.as_deref()) {
                (Some(brand), None) => With::Brand(brand),
                (None, Some(username)) => With::Member(username),
                _ => return Err(AppError::validation("brand", msg!("msg-brand-or-username"))),
            };
            let subject = CardInput { product_id: body.product_id, order_id: body.order_id, note_id: None };
            service::start(conn, &limits, &me, with, &subject)
        })
        .await?;
    let view = conversation_json(&state, me_id, id).await?;
    Ok(if created { HttpResponse::Created() } else { HttpResponse::Ok() }
        .insert_header(("Location", view.url.clone()))
        .json(view))
}

/// Your conversations
///
/// Newest activity first, 30 a page, each with how many messages you have not read. Those with a
/// brand you work for are in the brand's inbox instead.
#[utoipa::path(
    operation_id = "list_conversations",
    tag = "messages",
    security(("bearer" = [])),
    params(CursorQuery),
    responses((status = 200, description = "A page of conversations", body = Conversations), Unauthorized, Invalid)
)]
#[get("/api/v1/conversations")]
async fn list(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    query: web::Query<CursorQuery>,
) -> ApiResult<HttpResponse> {
    let cursor = query.cursor;
    let items = state.db(move |conn| service::mine(conn, me.id, cursor, 30)).await?;
    let next_cursor = next_cursor(&items, 30);
    Ok(HttpResponse::Ok().json(Conversations { items, next_cursor }))
}

/// One conversation
///
/// Only its two sides (for a brand, its staff) see it: 404 to anyone else.
#[utoipa::path(
    operation_id = "get_conversation",
    tag = "messages",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The conversation's id")),
    responses((status = 200, description = "The conversation", body = ConversationView), Unauthorized, NotFound)
)]
#[get("/api/v1/conversations/{id}")]
async fn show(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    id: web::Path<ConversationId>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(conversation_json(&state, me.id, *id).await?))
}

/// A conversation's messages
///
/// The latest 50, or those `before` an id (older) or `after` one (what came since: how a
/// client catches up after the live channel dropped), oldest first.
#[utoipa::path(
    operation_id = "list_messages",
    tag = "messages",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The conversation's id"), WindowQuery),
    responses((status = 200, description = "Messages, oldest first", body = Messages), Unauthorized, NotFound, Invalid)
)]
#[get("/api/v1/conversations/{id}/messages")]
async fn messages(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    id: web::Path<ConversationId>,
    query: web::Query<WindowQuery>,
) -> ApiResult<HttpResponse> {
    let (id, q) = (*id, query.into_inner());
    let window =
        service::Window { before: q.before, after: q.after, limit: q.limit.unwrap_or(service::PAGE) };
    let items = state
        .db(move |conn| {
            let (conv, side) = service::access(conn, me.id, id)?;
            service::messages_of(conn, me.id, &conv, side, window)
        })
        .await?;
    Ok(HttpResponse::Ok().json(Messages { items }))
}

/// Send a message
///
/// Saved first, then announced on the live channel of both sides. A card shows a product (price
/// and stock as they are when read), a note, or one of the shopper's orders from the brand.
/// A block between the two makes the conversation read-only (403).
#[utoipa::path(
    operation_id = "send_message",
    tag = "messages",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The conversation's id")),
    request_body = NewMessage,
    responses(
        (status = 201, description = "The message as saved", body = MessageView),
        Unauthorized, Forbidden, NotFound, Invalid, RateLimited,
    )
)]
#[post("/api/v1/conversations/{id}/messages")]
async fn send(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    id: web::Path<ConversationId>,
    body: Json<NewMessage>,
) -> ApiResult<HttpResponse> {
    let (id, limits, hub) = (*id, state.config.spam_limits(), state.realtime.clone());
    state.jobs_changed();
    let message = state
        .db(move |conn| {
            let card = body.card.clone().unwrap_or_default();
            let (message, announcement) = service::send(conn, &limits, &me, id, &body.body, &card)?;
            announce(&hub, conn, &announcement);
            let (conv, side) = service::access(conn, me.id, id)?;
            let window = service::Window { after: Some(MessageId(message.0 - 1)), limit: 1, before: None };
            service::messages_of(conn, me.id, &conv, side, window)?
                .pop()
                .ok_or_else(|| AppError::not_found(msg!("thing-message")))
        })
        .await?;
    Ok(HttpResponse::Created().json(message))
}

/// Mark read up to a message
///
/// The other side sees it (a read marker). Never moves back.
#[utoipa::path(
    operation_id = "read_conversation",
    tag = "messages",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The conversation's id")),
    request_body = ReadUpTo,
    responses((status = 204, description = "Marked"), Unauthorized, NotFound, Invalid)
)]
#[post("/api/v1/conversations/{id}/read")]
async fn read(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    id: web::Path<ConversationId>,
    body: Json<ReadUpTo>,
) -> ApiResult<HttpResponse> {
    let (id, up_to, hub) = (*id, body.up_to, state.realtime.clone());
    state
        .db(move |conn| {
            if let Some(announcement) = service::mark_read(conn, &me, id, up_to)? {
                announce(&hub, conn, &announcement);
            }
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Say you are typing
///
/// The other side's live channel hears it; nothing is stored. Send it again every few seconds
/// while typing.
#[utoipa::path(
    operation_id = "typing_in_conversation",
    tag = "messages",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The conversation's id")),
    responses((status = 204, description = "Told"), Unauthorized, Forbidden, NotFound)
)]
#[post("/api/v1/conversations/{id}/typing")]
async fn typing(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    id: web::Path<ConversationId>,
) -> ApiResult<HttpResponse> {
    let (id, hub) = (*id, state.realtime.clone());
    state
        .db(move |conn| {
            let announcement = service::typing(conn, &me, id)?;
            announce(&hub, conn, &announcement);
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Delete from your inbox
///
/// Only for you: the other side keeps the conversation. A new message brings it back, without
/// what came before.
#[utoipa::path(
    operation_id = "clear_conversation",
    tag = "messages",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The conversation's id")),
    responses((status = 204, description = "Gone from your inbox"), Unauthorized, NotFound)
)]
#[delete("/api/v1/conversations/{id}")]
async fn clear(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    id: web::Path<ConversationId>,
) -> ApiResult<HttpResponse> {
    let id = *id;
    state.db(move |conn| service::clear(conn, &me, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Assign or close a conversation (brand staff)
///
/// `assignee`: a member of the brand's staff, or null; `status`: `open` or `done`. A shopper's
/// next message opens a done conversation again.
#[utoipa::path(
    operation_id = "update_conversation",
    tag = "messages",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The conversation's id")),
    request_body = InboxChange,
    responses((status = 200, description = "The conversation", body = ConversationView), Unauthorized, NotFound, Invalid)
)]
#[patch("/api/v1/conversations/{id}")]
async fn update(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    id: web::Path<ConversationId>,
    body: Json<InboxChange>,
) -> ApiResult<HttpResponse> {
    let (id, me_id, hub) = (*id, me.id, state.realtime.clone());
    state
        .db(move |conn| {
            let assignee = body.assignee.as_ref().map(|a| a.as_deref());
            let status = body.status.map(Status::stored);
            let announcement = service::update(conn, &me, id, assignee, status)?;
            announce(&hub, conn, &announcement);
            Ok(())
        })
        .await?;
    Ok(HttpResponse::Ok().json(conversation_json(&state, me_id, id).await?))
}

/// A brand's inbox (its staff)
///
/// Open (or done) conversations, 30 a page: unread first, then those not answered yet, then by
/// latest activity. Filter by `assignee` (a username, or `none`).
#[utoipa::path(
    operation_id = "brand_inbox",
    tag = "messages",
    security(("bearer" = [])),
    params(("slug" = String, Path, description = "The brand's slug"), InboxQuery),
    responses((status = 200, description = "A page of the inbox", body = Conversations), Unauthorized, Forbidden, NotFound, Invalid)
)]
#[get("/api/v1/brands/{slug}/inbox")]
async fn inbox(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    slug: web::Path<String>,
    query: web::Query<InboxQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.into_inner();
    let (status, cursor) = (q.status.unwrap_or(Status::Open).stored(), q.cursor);
    let items = state
        .db(move |conn| {
            let assignee = match q.assignee.as_deref() {
                None | Some("") => Assignee::Anyone,
                Some("none") => Assignee::Nobody,
                Some(name) => Assignee::Named(name),
            };
            service::inbox(conn, &me, &slug, status, assignee, cursor, 30)
        })
        .await?;
    let next_cursor = next_cursor(&items, 30);
    Ok(HttpResponse::Ok().json(Conversations { items, next_cursor }))
}

/// Your unread counts
///
/// What the header shows: conversations with unread messages, and unread notifications.
#[utoipa::path(
    operation_id = "unread_counts",
    tag = "messages",
    security(("bearer" = [])),
    responses((status = 200, description = "The counts", body = Unread), Unauthorized)
)]
#[get("/api/v1/unread")]
async fn unread(state: web::Data<AppState>, ApiUser(me): ApiUser) -> ApiResult<HttpResponse> {
    let count = state.unread_count;
    let (conversations, notifications) =
        state.db(move |conn| Ok((service::unread_total(conn, me.id)?, count(conn, me.id)?))).await?;
    Ok(HttpResponse::Ok().json(Unread { conversations, notifications }))
}

/// Your message settings
#[utoipa::path(
    operation_id = "get_message_settings",
    tag = "messages",
    security(("bearer" = [])),
    responses((status = 200, description = "Your settings", body = MessageSettings), Unauthorized)
)]
#[get("/api/v1/messages/settings")]
async fn get_settings(state: web::Data<AppState>, ApiUser(me): ApiUser) -> ApiResult<HttpResponse> {
    let (policy, minutes) = state.db(move |conn| Ok(service::settings(conn, me.id)?)).await?;
    let dm_policy = match policy {
        service::DmPolicy::Everyone => Policy::Everyone,
        service::DmPolicy::Following => Policy::Following,
        service::DmPolicy::Nobody => Policy::Nobody,
    };
    Ok(HttpResponse::Ok().json(MessageSettings { dm_policy, message_mail_minutes: minutes }))
}

/// Change your message settings
#[utoipa::path(
    operation_id = "set_message_settings",
    tag = "messages",
    security(("bearer" = [])),
    request_body = MessageSettings,
    responses((status = 200, description = "Your settings", body = MessageSettings), Unauthorized, Invalid)
)]
#[put("/api/v1/messages/settings")]
async fn set_settings(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    body: Json<MessageSettings>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let policy = match body.dm_policy {
        Policy::Everyone => service::DmPolicy::Everyone,
        Policy::Following => service::DmPolicy::Following,
        Policy::Nobody => service::DmPolicy::Nobody,
    };
    let minutes = body.message_mail_minutes;
    state.db(move |conn| service::set_settings(conn, me.id, policy, minutes)).await?;
    Ok(HttpResponse::Ok().json(body))
}

pub fn configure(cfg: &mut crate::web::Routes) {
    cfg.service(start)
        .service(list)
        .service(show)
        .service(messages)
        .service(send)
        .service(read)
        .service(typing)
        .service(clear)
        .service(update)
        .service(inbox)
        .service(unread)
        .service(get_settings)
        .service(set_settings);
}
