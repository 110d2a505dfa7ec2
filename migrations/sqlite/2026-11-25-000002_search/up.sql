-- Writes that change searchable content append here in their own transaction; the indexer
-- drains it in order, so the search index never misses a change, even across a crash.
CREATE TABLE search_outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    note_id BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- The explore "hot" score (see README: log10(1 + engagement) + created_at_seconds / 45000).
ALTER TABLE notes ADD COLUMN hot_score DOUBLE NOT NULL DEFAULT 0;
-- No note has likes yet when this runs, so the engagement term is zero.
UPDATE notes SET hot_score = CAST(strftime('%s', created_at) AS REAL) / 45000.0;
CREATE INDEX notes_hot ON notes(hot_score, id);
CREATE INDEX notes_likes ON notes(like_count, id);
