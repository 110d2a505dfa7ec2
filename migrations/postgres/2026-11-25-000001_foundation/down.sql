DROP TABLE note_hashtags;
DROP TABLE hashtags;
DROP TABLE note_images;
DROP TABLE notes;
DROP TABLE auth_tokens;
DROP TABLE users;
DROP TABLE media;
