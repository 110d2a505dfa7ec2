ALTER TABLE users DROP COLUMN digest_sent_at;
ALTER TABLE users DROP COLUMN digest_token;
ALTER TABLE users DROP COLUMN daily_digest;
