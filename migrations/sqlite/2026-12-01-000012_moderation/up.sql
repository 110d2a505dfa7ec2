-- Trust and safety: roles, suspensions, what moderators hide or hold, reports, the public
-- modlog (moderation actions), appeals, the blocked-words list, and who recorded a delivery.
ALTER TABLE users ADD COLUMN is_moderator BOOLEAN NOT NULL DEFAULT FALSE;
-- A suspended account, until then (far in the future: for good).
CREATE TABLE suspensions (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    until_at TIMESTAMP NOT NULL
);

-- visible, hidden (by a moderator), held (a blocked word: waiting for a moderator)
ALTER TABLE notes ADD COLUMN moderation TEXT NOT NULL DEFAULT 'visible';
ALTER TABLE comments ADD COLUMN moderation TEXT NOT NULL DEFAULT 'visible';
ALTER TABLE products ADD COLUMN moderation TEXT NOT NULL DEFAULT 'visible';
ALTER TABLE lists ADD COLUMN moderation TEXT NOT NULL DEFAULT 'visible';

-- Who handed the order over (brand staff, or the pickup point's leader): never the buyer.
ALTER TABLE orders ADD COLUMN delivered_by BIGINT REFERENCES users(id) ON DELETE SET NULL;

CREATE TABLE mod_actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    moderator_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    -- note, comment, user, product, list
    target_type TEXT NOT NULL,
    target_id BIGINT NOT NULL,
    -- whose content it is, or who is suspended: who is told, and who may appeal
    subject_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    -- dismiss, hide, restore, warn, suspend, unsuspend
    action TEXT NOT NULL,
    reason TEXT NOT NULL,
    -- the end of a suspension (NULL: for good)
    until_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX mod_actions_target ON mod_actions(target_type, target_id);
CREATE INDEX mod_actions_subject ON mod_actions(subject_id);

CREATE TABLE reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- NULL: held automatically for a blocked word
    reporter_id BIGINT REFERENCES users(id) ON DELETE CASCADE,
    target_type TEXT NOT NULL,
    target_id BIGINT NOT NULL,
    -- spam, fake_review, undisclosed_ad, counterfeit, harassment, prohibited, other
    reason TEXT NOT NULL,
    details TEXT NOT NULL,
    -- open, resolved
    status TEXT NOT NULL,
    action_id BIGINT REFERENCES mod_actions(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    resolved_at TIMESTAMP
);
-- One report per reporter and target.
CREATE UNIQUE INDEX reports_once ON reports(reporter_id, target_type, target_id);
CREATE INDEX reports_queue ON reports(status, target_type, target_id);
CREATE INDEX reports_by_reporter ON reports(reporter_id, created_at);

CREATE TABLE appeals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- one appeal per action
    action_id BIGINT NOT NULL UNIQUE REFERENCES mod_actions(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    -- open, upheld, reversed
    status TEXT NOT NULL,
    decided_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    decided_at TIMESTAMP
);
CREATE INDEX appeals_status ON appeals(status, id);

CREATE TABLE blocked_words (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    phrase TEXT NOT NULL UNIQUE,
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE INDEX comments_author_time ON comments(author_id, created_at);
CREATE INDEX follows_follower_time ON follows(follower_id, created_at);

-- What a moderator did that concerns the recipient: shown as "Sprout moderators", never by name.
ALTER TABLE notifications ADD COLUMN mod_action_id BIGINT REFERENCES mod_actions(id) ON DELETE CASCADE;
