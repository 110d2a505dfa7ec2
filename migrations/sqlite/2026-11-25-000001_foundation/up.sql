CREATE TABLE media (
    hash TEXT PRIMARY KEY NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    card_width INTEGER NOT NULL,
    card_height INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    display_name TEXT NOT NULL,
    bio TEXT NOT NULL DEFAULT '',
    avatar TEXT REFERENCES media(hash),
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE auth_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX auth_tokens_user ON auth_tokens(user_id);

CREATE TABLE notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    author_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    like_count BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX notes_created ON notes(created_at, id);
CREATE INDEX notes_author_created ON notes(author_id, created_at, id);

CREATE TABLE note_images (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    media_hash TEXT NOT NULL REFERENCES media(hash),
    alt TEXT NOT NULL DEFAULT '',
    UNIQUE (note_id, position)
);

CREATE TABLE hashtags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE note_hashtags (
    note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    hashtag_id INTEGER NOT NULL REFERENCES hashtags(id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (note_id, hashtag_id)
);
CREATE INDEX note_hashtags_tag ON note_hashtags(hashtag_id, created_at, note_id);
