-- A phone number to reach the buyer: required for a pickup (the point calls when the order is
-- in), optional for delivery. None on orders placed before it was asked.
ALTER TABLE orders ADD COLUMN shipping_phone TEXT;
