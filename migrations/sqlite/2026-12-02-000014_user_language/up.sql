-- A member's own settings, one row a member who changed one: the language they read Sprout
-- in (a BCP 47 tag: en, zh-CN) and their time zone (IANA: Asia/Shanghai); none follows the browser.
CREATE TABLE user_settings (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    lang TEXT,
    time_zone TEXT
);
