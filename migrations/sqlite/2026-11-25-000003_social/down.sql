ALTER TABLE users DROP COLUMN following_count;
ALTER TABLE users DROP COLUMN follower_count;
DROP TABLE likes;
DROP TABLE follows;
