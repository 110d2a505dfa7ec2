use diesel::prelude::*;

use super::ProcessedPhoto;
use crate::db::DbConnection;
use crate::schema::media;

/// Records a stored photo; a photo already recorded is left as it is.
pub fn ensure(conn: &mut DbConnection, photo: &ProcessedPhoto) -> QueryResult<()> {
    let row = (
        media::hash.eq(&photo.hash),
        media::width.eq(photo.width as i32),
        media::height.eq(photo.height as i32),
        media::card_width.eq(photo.card_width as i32),
        media::card_height.eq(photo.card_height as i32),
        media::created_at.eq(crate::db::now()),
    );
    crate::per_backend!(conn, |c| diesel::insert_into(media::table)
        .values(row)
        .on_conflict_do_nothing()
        .execute(c))?;
    Ok(())
}

pub fn exists(conn: &mut DbConnection, hash: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(media::table.find(hash))).get_result(conn)
}
