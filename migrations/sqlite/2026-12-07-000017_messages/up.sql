-- Conversations: a member with a brand (whose staff share one inbox), or two members, one a
-- pair. Each has two sides: 0 is the member who started it, 1 the brand or the other member;
-- each side's read marker and what it cleared from its inbox live on the row.
CREATE TABLE conversations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    starter_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    brand_id BIGINT REFERENCES brands(id) ON DELETE CASCADE,
    member_id BIGINT REFERENCES users(id) ON DELETE CASCADE,
    -- What it is about now: the card at the top.
    product_id BIGINT REFERENCES products(id) ON DELETE SET NULL,
    order_id BIGINT REFERENCES orders(id) ON DELETE SET NULL,
    -- The brand inbox: open or done, and who of the staff has it.
    status TEXT NOT NULL DEFAULT 'open',
    assignee_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    last_message_id BIGINT NOT NULL DEFAULT 0,
    last_side INTEGER NOT NULL DEFAULT 0,
    starter_read_id BIGINT NOT NULL DEFAULT 0,
    other_read_id BIGINT NOT NULL DEFAULT 0,
    starter_cleared_id BIGINT NOT NULL DEFAULT 0,
    other_cleared_id BIGINT NOT NULL DEFAULT 0,
    -- The last mail about it (at most one an hour).
    mailed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    CHECK ((brand_id IS NULL) <> (member_id IS NULL))
);
CREATE UNIQUE INDEX conversations_brand_pair ON conversations(brand_id, starter_id) WHERE brand_id IS NOT NULL;
CREATE UNIQUE INDEX conversations_member_pair
    ON conversations(min(starter_id, member_id), max(starter_id, member_id)) WHERE member_id IS NOT NULL;
CREATE INDEX conversations_starter ON conversations(starter_id, last_message_id);
CREATE INDEX conversations_member ON conversations(member_id, last_message_id);
CREATE INDEX conversations_brand ON conversations(brand_id, status, last_message_id);

-- Messages, kept until the conversation goes: text and an optional card (a product, note or
-- order, shown as it is when read).
CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id BIGINT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    sender_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    side INTEGER NOT NULL,
    body TEXT NOT NULL,
    card_type TEXT,
    card_id BIGINT,
    moderation TEXT NOT NULL DEFAULT 'visible',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX messages_conversation ON messages(conversation_id, id);
CREATE INDEX messages_sender ON messages(sender_id, created_at);

-- Who may start a conversation with a member (everyone, following, nobody; none: following),
-- and how many quiet minutes pass before an unread message is mailed (none: 10; 0: never).
ALTER TABLE user_settings ADD COLUMN dm_policy TEXT;
ALTER TABLE user_settings ADD COLUMN message_mail_minutes INTEGER;
