ALTER TABLE orders DROP COLUMN shipping_phone;
