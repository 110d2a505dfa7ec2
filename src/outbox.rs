//! The search outbox: every write that changes what a note is found by marks the note here, in
//! the write's own transaction, and the search indexer drains the marks into its index. It sits
//! below every domain so that notes, the shop, accounts and moderation can mark a note without
//! depending on search (which shows all of them).

use diesel::prelude::*;

use crate::db::{DbConnection, NoteId, UserId};
use crate::schema::{notes, search_outbox};

/// Marks a note for (re)indexing; call it in the transaction that changes the note.
pub fn enqueue(conn: &mut DbConnection, note: NoteId) -> QueryResult<()> {
    diesel::insert_into(search_outbox::table)
        .values((search_outbox::note_id.eq(note), search_outbox::created_at.eq(crate::db::now())))
        .execute(conn)
        .map(drop)
}

/// Marks every note of an author, whose name is part of what their notes are found by.
pub fn enqueue_author(conn: &mut DbConnection, author: UserId) -> QueryResult<()> {
    let ids: Vec<NoteId> = notes::table.filter(notes::author_id.eq(author)).select(notes::id).load(conn)?;
    for id in ids {
        enqueue(conn, id)?;
    }
    Ok(())
}

/// The oldest pending changes: (sequence number, note).
pub fn pending(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<(i64, NoteId)>> {
    search_outbox::table
        .order(search_outbox::seq)
        .select((search_outbox::seq, search_outbox::note_id))
        .limit(limit)
        .load(conn)
}

/// Forgets changes the index has committed.
pub fn done(conn: &mut DbConnection, up_to_seq: i64) -> QueryResult<usize> {
    diesel::delete(search_outbox::table.filter(search_outbox::seq.le(up_to_seq))).execute(conn)
}

pub fn last_seq(conn: &mut DbConnection) -> QueryResult<Option<i64>> {
    search_outbox::table.select(diesel::dsl::max(search_outbox::seq)).first(conn)
}

pub fn pending_count(conn: &mut DbConnection) -> QueryResult<i64> {
    search_outbox::table.count().get_result(conn)
}
