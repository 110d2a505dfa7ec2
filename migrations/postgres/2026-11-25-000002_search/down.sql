DROP INDEX notes_likes;
DROP INDEX notes_hot;
ALTER TABLE notes DROP COLUMN hot_score;
DROP TABLE search_outbox;
