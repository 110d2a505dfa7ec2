//! The rows the search index is built from.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::{DbConnection, NoteId};
use crate::schema::{hashtags, note_hashtags, notes, users};

/// What the index holds of a note.
#[derive(Debug, Clone)]
pub struct NoteDoc {
    pub id: NoteId,
    pub title: String,
    pub body: String,
    pub username: String,
    pub display_name: String,
    pub created_at: NaiveDateTime,
    pub like_count: i64,
    pub hashtags: Vec<String>,
    /// Names of the tagged products and their brands (approved tags only).
    pub products: Vec<String>,
    /// Neither hidden nor held: only such notes are in the index.
    pub visible: bool,
}

type DocRow = (NoteId, String, String, String, String, NaiveDateTime, i64, String);

fn with_hashtags(conn: &mut DbConnection, rows: Vec<DocRow>) -> QueryResult<Vec<NoteDoc>> {
    let ids: Vec<NoteId> = rows.iter().map(|r| r.0).collect();
    let tags: Vec<(NoteId, String)> = note_hashtags::table
        .inner_join(hashtags::table)
        .filter(crate::db::in_ids(note_hashtags::note_id, &ids))
        .select((note_hashtags::note_id, hashtags::name))
        .load(conn)?;
    let mut by_note: HashMap<NoteId, Vec<String>> = HashMap::new();
    for (id, tag) in tags {
        by_note.entry(id).or_default().push(tag);
    }
    let tagged: Vec<(NoteId, String, String)> = crate::schema::product_tags::table
        .inner_join(crate::schema::products::table.inner_join(crate::schema::brands::table))
        .filter(crate::db::in_ids(crate::schema::product_tags::note_id, &ids))
        .filter(crate::schema::product_tags::status.eq(crate::shop::model::TAG_APPROVED))
        .filter(crate::schema::products::moderation.eq(crate::moderation::VISIBLE))
        .select((
            crate::schema::product_tags::note_id,
            crate::schema::products::name,
            crate::schema::brands::name,
        ))
        .load(conn)?;
    let mut products: HashMap<NoteId, Vec<String>> = HashMap::new();
    for (id, product, brand) in tagged {
        let names = products.entry(id).or_default();
        names.push(product);
        if !names.contains(&brand) {
            names.push(brand);
        }
    }
    Ok(rows
        .into_iter()
        .map(|(id, title, body, username, display_name, created_at, like_count, moderation)| NoteDoc {
            visible: moderation == crate::moderation::VISIBLE,
            hashtags: by_note.remove(&id).unwrap_or_default(),
            products: products.remove(&id).unwrap_or_default(),
            id,
            title,
            body,
            username,
            display_name,
            created_at,
            like_count,
        })
        .collect())
}

macro_rules! doc_rows {
    () => {
        notes::table.inner_join(users::table).select((
            notes::id,
            notes::title,
            notes::body,
            users::username,
            users::display_name,
            notes::created_at,
            notes::like_count,
            notes::moderation,
        ))
    };
}

/// The documents of these notes (notes that no longer exist are simply absent; hidden and held
/// ones come marked, and the index leaves them out).
pub fn docs(conn: &mut DbConnection, ids: &[NoteId]) -> QueryResult<Vec<NoteDoc>> {
    let rows: Vec<DocRow> = doc_rows!().filter(crate::db::in_ids(notes::id, ids)).load(conn)?;
    with_hashtags(conn, rows)
}

/// The next `limit` documents by id, for a full rebuild.
pub fn docs_after(conn: &mut DbConnection, after: NoteId, limit: i64) -> QueryResult<Vec<NoteDoc>> {
    let rows: Vec<DocRow> =
        doc_rows!().filter(notes::id.gt(after)).order(notes::id).limit(limit).load(conn)?;
    with_hashtags(conn, rows)
}

pub fn note_count(conn: &mut DbConnection) -> QueryResult<i64> {
    notes::table.count().get_result(conn)
}
