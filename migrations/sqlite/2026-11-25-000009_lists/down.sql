ALTER TABLE notifications DROP COLUMN list_id;
ALTER TABLE order_items DROP COLUMN source_list_id;
ALTER TABLE cart_items DROP COLUMN source_list_id;
DROP TABLE list_touches;
DROP TABLE list_reactions;
DROP TABLE list_items;
DROP TABLE lists;
