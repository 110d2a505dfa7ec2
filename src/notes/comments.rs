//! Comments on notes, with one level of replies (as on Xiaohongshu). A comment's author and the
//! note's author may delete it; deleting a comment takes its replies with it.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::accounts::model::{PublicUser, User};
use crate::db::{CommentId, DbConnection, NoteId, UserId};
use crate::notifications::{notify, Kind};
use crate::schema::{comments, notes, users};
use crate::web::AppError;

const MAX_BODY: usize = 1000;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CommentView {
    pub id: CommentId,
    pub note_id: NoteId,
    pub parent_id: Option<CommentId>,
    pub body: String,
    pub author: PublicUser,
    #[serde(with = "crate::web::utc_time")]
    pub created_at: NaiveDateTime,
    /// Whether the viewer may delete it (its author, or the note's author).
    pub can_delete: bool,
    /// `visible`, or (seen only by its author and moderators) `hidden` or `held`.
    #[schema(example = "visible")]
    pub moderation: String,
    /// A top-level comment's replies, oldest first; always empty on a reply.
    #[schema(no_recursion)]
    pub replies: Vec<CommentView>,
}

impl CommentView {}

fn view(comment: Comment, author: &User, can_delete: bool) -> CommentView {
    CommentView {
        id: comment.id,
        note_id: comment.note_id,
        parent_id: comment.parent_id,
        body: comment.body,
        author: author.into(),
        created_at: comment.created_at,
        can_delete,
        moderation: comment.moderation,
        replies: Vec::new(),
    }
}

/// Adds a comment, or a reply when `parent` is given (a reply to a reply joins the same thread).
/// Spam limits apply; a comment with a blocked word is held for a moderator.
pub fn add(
    conn: &mut DbConnection,
    limits: &crate::moderation::limits::Limits,
    author: &User,
    note: NoteId,
    body: &str,
    parent: Option<CommentId>,
) -> Result<CommentView, AppError> {
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::validation("body", msg!("comment-empty")));
    }
    if body.chars().count() > MAX_BODY {
        return Err(AppError::validation("body", msg!("comment-too-long", max = MAX_BODY)));
    }
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let note_row = crate::notes::service::visible_to(conn, Some(author), note)?;
        if crate::accounts::blocks::is_blocked(conn, note_row.author_id, author.id)? {
            return Err(AppError::Forbidden(msg!("comment-blocked")));
        }
        crate::moderation::limits::check(conn, limits, author, crate::moderation::limits::Act::Comment)?;
        crate::moderation::limits::check_repeat_comment(conn, limits, author, body)?;
        let parent = match parent {
            None => None,
            Some(id) => Some(
                find_comment(conn, id)?
                    .filter(|c| c.note_id == note)
                    .ok_or_else(|| AppError::validation("parent_id", msg!("comment-parent-elsewhere")))?,
            ),
        };
        let thread = parent.as_ref().map(|p| p.parent_id.unwrap_or(p.id));
        let id = insert_comment(conn, note, author.id, thread, body)?;
        let held = crate::moderation::hold_if_blocked(
            conn,
            crate::moderation::target::TargetType::Comment,
            id.0,
            &[body],
        )?;
        let comment = find_comment(conn, id)?.ok_or_else(|| AppError::not_found(msg!("thing-comment")))?;
        if held {
            return Ok(view(comment, author, true));
        }
        bump_comment_count(conn, note, 1)?;
        // The person replied to hears of a reply; the note's author of any other comment.
        if let Some(p) = &parent {
            notify(conn, p.author_id, author.id, Kind::Reply, Some(note), Some(id))?;
        }
        if parent.as_ref().is_none_or(|p| p.author_id != note_row.author_id) {
            notify(conn, note_row.author_id, author.id, Kind::Comment, Some(note), Some(id))?;
        }
        crate::notifications::notify_mentions(
            conn,
            author.id,
            &crate::notes::hashtags::mentions(body),
            note,
            Some(id),
        )?;
        Ok(view(comment, author, true))
    })
}

/// Deletes a comment (and its replies) if `user` wrote it or wrote the note.
pub fn delete(conn: &mut DbConnection, user: &User, id: CommentId) -> Result<NoteId, AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        let comment = find_comment(conn, id)?.ok_or_else(|| AppError::not_found(msg!("thing-comment")))?;
        let note = super::queries::find(conn, comment.note_id)?
            .ok_or_else(|| AppError::not_found(msg!("thing-note")))?;
        if comment.author_id != user.id && note.author_id != user.id {
            return Err(AppError::Forbidden(msg!("comment-delete-forbidden")));
        }
        let removed = delete_comment(conn, id)?;
        bump_comment_count(conn, comment.note_id, -(removed as i64))?;
        Ok(comment.note_id)
    })
}

/// A note's comments as threads: top-level comments oldest first, each with its replies.
pub fn threads(
    conn: &mut DbConnection,
    viewer: Option<&User>,
    note: NoteId,
) -> Result<Vec<CommentView>, AppError> {
    let note_author =
        super::queries::find(conn, note)?.ok_or_else(|| AppError::not_found(msg!("thing-note")))?.author_id;
    let rows = note_comments(conn, note, 500)?;
    let may_delete = |c: &Comment| viewer.is_some_and(|v| v.id == c.author_id || v.id == note_author);
    // Comments by people the viewer blocked are gone for the viewer.
    let hidden = match viewer {
        Some(v) => crate::accounts::blocks::blocked_by(conn, v.id)?,
        None => Vec::new(),
    };
    // Hidden and held comments are seen only by their authors and moderators.
    let sees = |c: &Comment| {
        c.moderation == crate::moderation::VISIBLE
            || viewer.is_some_and(|v| v.id == c.author_id || v.is_moderator())
    };
    let mut top: Vec<CommentView> = Vec::new();
    let mut replies: HashMap<CommentId, Vec<CommentView>> = HashMap::new();
    for (comment, author) in rows.into_iter().filter(|(c, a)| !hidden.contains(&a.id) && sees(c)) {
        let can_delete = may_delete(&comment);
        match comment.parent_id {
            Some(parent) => replies.entry(parent).or_default().push(view(comment, &author, can_delete)),
            None => top.push(view(comment, &author, can_delete)),
        }
    }
    for thread in &mut top {
        thread.replies = replies.remove(&thread.id).unwrap_or_default();
    }
    Ok(top)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = comments)]
pub struct Comment {
    pub id: CommentId,
    pub note_id: NoteId,
    pub author_id: UserId,
    pub parent_id: Option<CommentId>,
    pub body: String,
    pub created_at: NaiveDateTime,
    pub moderation: String,
}

pub fn find_comment(conn: &mut DbConnection, id: CommentId) -> QueryResult<Option<Comment>> {
    comments::table.find(id).select(Comment::as_select()).first(conn).optional()
}

pub fn insert_comment(
    conn: &mut DbConnection,
    note: NoteId,
    author: UserId,
    parent: Option<CommentId>,
    body: &str,
) -> QueryResult<CommentId> {
    let row = (
        comments::note_id.eq(note),
        comments::author_id.eq(author),
        comments::parent_id.eq(parent),
        comments::body.eq(body),
        comments::created_at.eq(crate::db::now()),
    );
    crate::per_backend!(conn, |c| diesel::insert_into(comments::table)
        .values(row)
        .returning(comments::id)
        .get_result(c))
}

/// Deletes a comment and its replies; returns how many went.
pub fn delete_comment(conn: &mut DbConnection, id: CommentId) -> QueryResult<usize> {
    let replies = diesel::delete(comments::table.filter(comments::parent_id.eq(id))).execute(conn)?;
    Ok(replies + diesel::delete(comments::table.find(id)).execute(conn)?)
}

pub fn bump_comment_count(conn: &mut DbConnection, note: NoteId, delta: i64) -> QueryResult<()> {
    diesel::update(notes::table.find(note))
        .set(notes::comment_count.eq(notes::comment_count + delta))
        .execute(conn)?;
    super::queries::rescore(conn, note).map(drop)
}

/// A note's comments with their authors, oldest first (at most `limit`).
pub fn note_comments(conn: &mut DbConnection, note: NoteId, limit: i64) -> QueryResult<Vec<(Comment, User)>> {
    comments::table
        .inner_join(users::table)
        .filter(comments::note_id.eq(note))
        .order((comments::created_at, comments::id))
        .select((Comment::as_select(), User::as_select()))
        .limit(limit)
        .load(conn)
}
