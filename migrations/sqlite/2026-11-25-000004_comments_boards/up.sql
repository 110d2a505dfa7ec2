CREATE TABLE comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    note_id BIGINT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    author_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- One level of replies: a reply's parent is always a top-level comment.
    parent_id BIGINT REFERENCES comments(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX comments_note ON comments(note_id, created_at, id);
CREATE INDEX comments_parent ON comments(parent_id);

CREATE TABLE boards (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    private BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (owner_id, name)
);

CREATE TABLE board_items (
    board_id BIGINT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    note_id BIGINT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (board_id, note_id)
);
CREATE INDEX board_items_note ON board_items(note_id);

ALTER TABLE notes ADD COLUMN save_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE notes ADD COLUMN comment_count BIGINT NOT NULL DEFAULT 0;
