DROP TABLE notifications;
DROP TABLE blocks;
