-- Top-ten lists: a creator's ranked products and notes, each with a one-line reason.
CREATE TABLE lists (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    author_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    intro TEXT NOT NULL DEFAULT '',
    cover TEXT REFERENCES media(hash),
    published_at TIMESTAMP,
    like_count BIGINT NOT NULL DEFAULT 0,
    save_count BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX lists_author ON lists(author_id, id);

CREATE TABLE list_items (
    list_id BIGINT NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    product_id BIGINT REFERENCES products(id) ON DELETE CASCADE,
    note_id BIGINT REFERENCES notes(id) ON DELETE CASCADE,
    reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (list_id, position),
    CHECK ((product_id IS NULL) <> (note_id IS NULL))
);

CREATE TABLE list_reactions (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    list_id BIGINT NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, list_id, kind)
);

-- A list that showed a shopper a product, for attribution (as touches do for notes).
CREATE TABLE list_touches (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    product_id BIGINT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    list_id BIGINT NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
    touched_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, product_id)
);

ALTER TABLE cart_items ADD COLUMN source_list_id BIGINT REFERENCES lists(id) ON DELETE SET NULL;
ALTER TABLE order_items ADD COLUMN source_list_id BIGINT REFERENCES lists(id) ON DELETE SET NULL;
ALTER TABLE notifications ADD COLUMN list_id BIGINT REFERENCES lists(id) ON DELETE CASCADE;
