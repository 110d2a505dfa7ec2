-- Durable background work (email first): enqueued in the transaction of what caused it, run by
-- a worker with retries and backoff, kept after it is done for the record.
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    run_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    done_at TIMESTAMP
);
CREATE INDEX jobs_due ON jobs(done_at, run_at);

ALTER TABLE users ADD COLUMN email_verified_at TIMESTAMP;
