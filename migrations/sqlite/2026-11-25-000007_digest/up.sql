-- Opt-in daily digest of notifications; the token is in every digest's unsubscribe link.
ALTER TABLE users ADD COLUMN daily_digest BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN digest_token TEXT;
ALTER TABLE users ADD COLUMN digest_sent_at TIMESTAMP;
