//! Boards (收藏): named collections of saved notes, public or private. Everyone has a private
//! "Saved" board, made the first time they save. A private board is visible to its owner only:
//! to anyone else it answers 404, so its existence does not leak.

use serde::Serialize;

use super::queries::{self, Board};
use crate::accounts::model::User;
use crate::db::{BoardId, DbConnection, NoteId};
use crate::notes::model::NoteView;
use crate::web::AppError;

pub const DEFAULT_BOARD: &str = "Saved";

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BoardView {
    pub id: BoardId,
    pub name: String,
    pub private: bool,
    /// The owner's username.
    pub owner: String,
    /// The board's page.
    pub url: String,
    /// Its notes, the latest saved first (at most 200).
    pub notes: Vec<NoteView>,
}

impl BoardView {
    /// The "Saved" board everyone gets: its name is said in the reader's language.
    pub fn is_default(&self) -> bool {
        self.name == DEFAULT_BOARD
    }
}

fn check_name(name: &str) -> Result<String, AppError> {
    let name = name.trim();
    if !(1..=40).contains(&name.chars().count()) {
        return Err(AppError::validation("name", msg!("board-name-length", min = 1, max = 40)));
    }
    Ok(name.to_string())
}

pub fn create(conn: &mut DbConnection, owner: &User, name: &str, private: bool) -> Result<Board, AppError> {
    let name = check_name(name)?;
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        if queries::board_by_name(conn, owner.id, &name)?.is_some() {
            return Err(AppError::Conflict(msg!("board-name-taken", name = name.as_str())));
        }
        let id = queries::insert_board(conn, owner.id, &name, private)?;
        queries::find_board(conn, id)?.ok_or_else(|| AppError::not_found(msg!("thing-board")))
    })
}

/// The board `viewer` may see; 404 for someone else's private board.
fn visible(conn: &mut DbConnection, viewer: Option<&User>, id: BoardId) -> Result<Board, AppError> {
    queries::find_board(conn, id)?
        .filter(|b| !b.private || viewer.is_some_and(|v| v.id == b.owner_id))
        .ok_or_else(|| AppError::not_found(msg!("thing-board")))
}

/// The board `user` owns, for changing it.
fn owned(conn: &mut DbConnection, user: &User, id: BoardId) -> Result<Board, AppError> {
    let board = visible(conn, Some(user), id)?;
    if board.owner_id != user.id {
        return Err(AppError::Forbidden(msg!("board-owner-only")));
    }
    Ok(board)
}

/// Saves a note into a board (once); returns the note's save count.
pub fn save(conn: &mut DbConnection, user: &User, board: BoardId, note: NoteId) -> Result<i64, AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        owned(conn, user, board)?;
        let saved = crate::notes::service::visible_to(conn, Some(user), note)?;
        if queries::insert_board_item(conn, board, note)? == 1 {
            queries::bump_save_count(conn, note, 1)?;
            crate::notifications::notify(
                conn,
                saved.author_id,
                user.id,
                crate::notifications::Kind::Save,
                Some(note),
                None,
            )?;
        }
        Ok(crate::notes::queries::find(conn, note)?.map(|n| n.save_count).unwrap_or_default())
    })
}

pub fn unsave(conn: &mut DbConnection, user: &User, board: BoardId, note: NoteId) -> Result<i64, AppError> {
    crate::db::write_transaction::<_, AppError, _>(conn, |conn| {
        owned(conn, user, board)?;
        if queries::delete_board_item(conn, board, note)? == 1 {
            queries::bump_save_count(conn, note, -1)?;
        }
        Ok(crate::notes::queries::find(conn, note)?.map(|n| n.save_count).unwrap_or_default())
    })
}

/// The user's "Saved" board, made on first use.
pub fn default_board(conn: &mut DbConnection, user: &User) -> Result<Board, AppError> {
    match queries::board_by_name(conn, user.id, DEFAULT_BOARD)? {
        Some(board) => Ok(board),
        None => create(conn, user, DEFAULT_BOARD, true),
    }
}

pub fn show(conn: &mut DbConnection, viewer: Option<&User>, id: BoardId) -> Result<BoardView, AppError> {
    let board = visible(conn, viewer, id)?;
    let owner = crate::accounts::queries::by_id(conn, board.owner_id)?;
    let ids = queries::board_note_ids(conn, board.id, 200)?;
    let mut notes = crate::notes::queries::load_views(conn, &ids)?;
    crate::notes::queries::mark_liked(conn, viewer, &mut notes)?;
    Ok(BoardView {
        url: format!("/boards/{}", board.id),
        id: board.id,
        name: board.name,
        private: board.private,
        owner: owner.username,
        notes,
    })
}
