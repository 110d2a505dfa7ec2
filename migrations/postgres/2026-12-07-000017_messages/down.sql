ALTER TABLE user_settings DROP COLUMN message_mail_minutes;
ALTER TABLE user_settings DROP COLUMN dm_policy;
DROP TABLE messages;
DROP TABLE conversations;
