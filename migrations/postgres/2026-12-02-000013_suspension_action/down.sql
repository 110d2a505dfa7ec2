ALTER TABLE suspensions DROP COLUMN action_id;
