//! What can be reported and moderated — a note, comment, user, product or list — found from
//! what a request names (`target_id`: the id, or the username for a user), with whose it is
//! and how it reads in the queue.

use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::{HELD, HIDDEN, VISIBLE};
use crate::db::{CommentId, DbConnection, ListId, NoteId, ProductId, UserId};
use crate::i18n::Msg;
use crate::schema::{brands, comments, lists, notes, products, users};
use crate::web::AppError;

/// What is reported or moderated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TargetType {
    Note,
    Comment,
    User,
    Product,
    List,
}

impl TargetType {
    pub const ALL: [TargetType; 5] =
        [TargetType::Note, TargetType::Comment, TargetType::User, TargetType::Product, TargetType::List];

    pub fn as_str(self) -> &'static str {
        match self {
            TargetType::Note => "note",
            TargetType::Comment => "comment",
            TargetType::User => "user",
            TargetType::Product => "product",
            TargetType::List => "list",
        }
    }

    pub fn parse(s: &str) -> Result<TargetType, AppError> {
        TargetType::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| AppError::validation("target_type", msg!("mod-target-type-invalid")))
    }

    /// Reads a stored kind; None for one Sprout does not know.
    pub fn from_stored(s: &str) -> Option<TargetType> {
        TargetType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The message id of its name on its own ("note").
    pub fn name_id(self) -> &'static str {
        match self {
            TargetType::Note => "mod-kind-note",
            TargetType::Comment => "mod-kind-comment",
            TargetType::User => "mod-kind-user",
            TargetType::Product => "mod-kind-product",
            TargetType::List => "mod-kind-list",
        }
    }

    /// Its name on its own ("note").
    pub fn name(self) -> Msg {
        Msg::new(self.name_id())
    }

    /// The message id of "a note", "a comment", ….
    pub fn a_id(self) -> &'static str {
        match self {
            TargetType::Note => "mod-a-note",
            TargetType::Comment => "mod-a-comment",
            TargetType::User => "mod-a-user",
            TargetType::Product => "mod-a-product",
            TargetType::List => "mod-a-list",
        }
    }

    /// The message id of "this note", "this comment", ….
    pub fn this_id(self) -> &'static str {
        match self {
            TargetType::Note => "mod-this-note",
            TargetType::Comment => "mod-this-comment",
            TargetType::User => "mod-this-user",
            TargetType::Product => "mod-this-product",
            TargetType::List => "mod-this-list",
        }
    }

    /// The message id of "your note", "your comment", … (for a user: "your user").
    pub fn yours_id(self) -> &'static str {
        match self {
            TargetType::Note => "mod-your-note",
            TargetType::Comment => "mod-your-comment",
            TargetType::User => "mod-your-user",
            TargetType::Product => "mod-your-product",
            TargetType::List => "mod-your-list",
        }
    }

    /// Whether moderators hide and restore it (a user is suspended instead).
    pub fn hideable(self) -> bool {
        self != TargetType::User
    }
}

/// A target that exists, as it reads now.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ModerationTarget)]
pub struct Target {
    #[serde(rename = "target_type")]
    pub kind: TargetType,
    /// The row id (a user's too; the API shows a user's username instead).
    #[serde(skip)]
    pub id: i64,
    /// Whose it is: the author, the user themself, or the brand's owner.
    #[serde(skip)]
    pub owner: UserId,
    pub owner_username: String,
    /// A few words of it: a title, a comment's start, a name.
    pub summary: String,
    pub url: String,
    /// visible, hidden, held; for a user: active or suspended.
    #[schema(example = "visible")]
    pub state: String,
    /// The note a comment is on.
    #[serde(skip)]
    pub note: Option<NoteId>,
}

impl Target {
    /// The message id of its moderation state in words ("visible", "suspended").
    pub fn state_id(&self) -> &'static str {
        match self.state.as_str() {
            HIDDEN => "mod-state-hidden",
            HELD => "mod-state-held",
            "suspended" => "mod-state-suspended",
            "active" => "mod-state-active",
            _ => "mod-state-visible",
        }
    }

    /// The `target_id` the API shows: the id, or the username of a user.
    pub fn public_id(&self) -> String {
        match self.kind {
            TargetType::User => self.owner_username.clone(),
            _ => self.id.to_string(),
        }
    }
}

fn not_found(kind: TargetType) -> AppError {
    AppError::NotFound(msg!("report-no-such", kind = kind.name()))
}

/// Reads a `target_id`: a number, or a string (a username, or digits).
pub fn raw_id(value: &serde_json::Value) -> Result<String, AppError> {
    match value {
        serde_json::Value::String(s) if !s.trim().is_empty() && s.chars().count() <= 64 => {
            crate::web::extractors::no_nul("target_id", s)?;
            Ok(s.trim().to_string())
        }
        serde_json::Value::Number(n) if n.is_i64() => Ok(n.to_string()),
        _ => Err(AppError::validation("target_id", msg!("mod-target-id-invalid"))),
    }
}

fn numeric(kind: TargetType, raw: &str) -> Result<i64, AppError> {
    raw.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| not_found(kind))
}

fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(120).collect();
    if text.chars().count() > 120 {
        out.push('…');
    }
    out
}

/// The target a request names; 404 when there is none.
pub fn find(conn: &mut DbConnection, kind: TargetType, raw: &str) -> Result<Target, AppError> {
    match kind {
        TargetType::User => {
            let name = raw.trim().trim_start_matches('@').to_lowercase();
            let user = crate::accounts::queries::by_username(conn, &name)?.ok_or_else(|| not_found(kind))?;
            user_target(conn, &user)
        }
        _ => find_by_id(conn, kind, numeric(kind, raw)?),
    }
}

fn user_target(conn: &mut DbConnection, user: &crate::accounts::model::User) -> Result<Target, AppError> {
    let suspended = crate::accounts::suspension::current(conn, user.id)?.is_some();
    Ok(Target {
        kind: TargetType::User,
        id: user.id.0,
        owner: user.id,
        owner_username: user.username.clone(),
        summary: format!("{} (@{})", user.display_name, user.username),
        url: format!("/u/{}", user.username),
        state: if suspended { "suspended".into() } else { "active".into() },
        note: None,
    })
}

/// The target with this row id.
pub fn find_by_id(conn: &mut DbConnection, kind: TargetType, id: i64) -> Result<Target, AppError> {
    let (owner, owner_username, summary, url, state, note) = match kind {
        TargetType::Note => {
            let (owner, name, title, state): (UserId, String, String, String) = notes::table
                .inner_join(users::table)
                .filter(notes::id.eq(NoteId(id)))
                .select((notes::author_id, users::username, notes::title, notes::moderation))
                .first(conn)
                .optional()?
                .ok_or_else(|| not_found(kind))?;
            (owner, name, title, format!("/notes/{id}"), state, Some(NoteId(id)))
        }
        TargetType::Comment => {
            let (owner, name, body, state, note): (UserId, String, String, String, NoteId) = comments::table
                .inner_join(users::table)
                .filter(comments::id.eq(CommentId(id)))
                .select((
                    comments::author_id,
                    users::username,
                    comments::body,
                    comments::moderation,
                    comments::note_id,
                ))
                .first(conn)
                .optional()?
                .ok_or_else(|| not_found(kind))?;
            (owner, name, excerpt(&body), format!("/notes/{note}#comment-{id}"), state, Some(note))
        }
        TargetType::Product => {
            let (owner, name, product, state): (UserId, String, String, String) = products::table
                .inner_join(brands::table)
                .inner_join(users::table.on(users::id.eq(brands::owner_id)))
                .filter(products::id.eq(ProductId(id)))
                .select((brands::owner_id, users::username, products::name, products::moderation))
                .first(conn)
                .optional()?
                .ok_or_else(|| not_found(kind))?;
            (owner, name, product, format!("/products/{id}"), state, None)
        }
        TargetType::List => {
            let (owner, name, title, state): (UserId, String, String, String) = lists::table
                .inner_join(users::table.on(users::id.eq(lists::author_id)))
                .filter(lists::id.eq(ListId(id)))
                .select((lists::author_id, users::username, lists::title, lists::moderation))
                .first(conn)
                .optional()?
                .ok_or_else(|| not_found(kind))?;
            (owner, name, title, format!("/lists/{id}"), state, None)
        }
        TargetType::User => {
            let user = crate::accounts::queries::by_id(conn, UserId(id)).map_err(|_| not_found(kind))?;
            return user_target(conn, &user);
        }
    };
    Ok(Target { kind, id, owner, owner_username, summary, url, state, note })
}

/// Sets the moderation state of a hideable target (visible, hidden or held). A note's change
/// goes through the search outbox in the same transaction, so search follows within a second.
pub fn set_state(conn: &mut DbConnection, target: &Target, state: &str) -> QueryResult<()> {
    debug_assert!([VISIBLE, HIDDEN, HELD].contains(&state));
    match target.kind {
        TargetType::Note => {
            diesel::update(notes::table.find(NoteId(target.id)))
                .set(notes::moderation.eq(state))
                .execute(conn)?;
            crate::outbox::enqueue(conn, NoteId(target.id))?;
        }
        TargetType::Comment => {
            diesel::update(comments::table.find(CommentId(target.id)))
                .set(comments::moderation.eq(state))
                .execute(conn)?;
        }
        TargetType::Product => {
            diesel::update(products::table.find(ProductId(target.id)))
                .set(products::moderation.eq(state))
                .execute(conn)?;
            // Notes tagging it are found by its name: re-index them.
            let tagging: Vec<NoteId> = crate::schema::product_tags::table
                .filter(crate::schema::product_tags::product_id.eq(ProductId(target.id)))
                .select(crate::schema::product_tags::note_id)
                .load(conn)?;
            for note in tagging {
                crate::outbox::enqueue(conn, note)?;
            }
        }
        TargetType::List => {
            diesel::update(lists::table.find(ListId(target.id)))
                .set(lists::moderation.eq(state))
                .execute(conn)?;
        }
        TargetType::User => {}
    }
    Ok(())
}
