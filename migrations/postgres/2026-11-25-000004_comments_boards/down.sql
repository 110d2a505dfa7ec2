ALTER TABLE notes DROP COLUMN comment_count;
ALTER TABLE notes DROP COLUMN save_count;
DROP TABLE board_items;
DROP TABLE boards;
DROP TABLE comments;
