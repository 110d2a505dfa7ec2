-- The shop: brands and their catalogs, product tags on note photos, carts, orders with the note
-- and creator that led to each item, and the counters the attribution dashboards read.

ALTER TABLE users ADD COLUMN is_admin BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE brands (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id BIGINT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    logo TEXT REFERENCES media(hash),
    -- Brand-wide creator commission in basis points (100 = 1%); a product may override it.
    commission_bps INTEGER NOT NULL DEFAULT 0,
    verified_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE brand_staff (
    brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (brand_id, user_id)
);
CREATE INDEX brand_staff_user ON brand_staff(user_id);

CREATE TABLE products (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '',
    price_cents BIGINT NOT NULL CHECK (price_cents >= 0),
    currency TEXT NOT NULL,
    -- Never below zero: the checkout's conditional decrement relies on it too.
    stock BIGINT NOT NULL CHECK (stock >= 0),
    active BOOLEAN NOT NULL DEFAULT TRUE,
    commission_bps INTEGER,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (brand_id, name)
);

CREATE TABLE product_images (
    product_id BIGINT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    media_hash TEXT NOT NULL REFERENCES media(hash),
    PRIMARY KEY (product_id, position)
);

-- A dot on a note's photo: by the author (approved) or by a brand (pending until the author approves).
CREATE TABLE product_tags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    note_id BIGINT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    image INTEGER NOT NULL,
    product_id BIGINT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    x DOUBLE NOT NULL,
    y DOUBLE NOT NULL,
    status TEXT NOT NULL,
    tagged_by BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    brand_id BIGINT REFERENCES brands(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX product_tags_note ON product_tags(note_id);
CREATE INDEX product_tags_product ON product_tags(product_id, status);

CREATE TABLE cart_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    product_id BIGINT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    source_note_id BIGINT REFERENCES notes(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (user_id, product_id)
);

-- The last note (and so creator) that showed a shopper a product: tag tap or add to cart.
CREATE TABLE touches (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    product_id BIGINT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    note_id BIGINT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    touched_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, product_id)
);

-- One row per checkout request, so a retried request (same key) finds its orders.
CREATE TABLE checkouts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    buyer_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    idempotency_key TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (buyer_id, idempotency_key)
);

CREATE TABLE orders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    checkout_id BIGINT NOT NULL REFERENCES checkouts(id),
    buyer_id BIGINT NOT NULL REFERENCES users(id),
    brand_id BIGINT NOT NULL REFERENCES brands(id),
    status TEXT NOT NULL,
    currency TEXT NOT NULL,
    total_cents BIGINT NOT NULL,
    shipping_name TEXT NOT NULL,
    shipping_address TEXT NOT NULL,
    payment_method TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX orders_buyer ON orders(buyer_id, id);
CREATE INDEX orders_brand ON orders(brand_id, id);
CREATE INDEX orders_checkout ON orders(checkout_id);

CREATE TABLE order_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id BIGINT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    product_id BIGINT NOT NULL REFERENCES products(id),
    product_name TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    unit_price_cents BIGINT NOT NULL,
    source_note_id BIGINT REFERENCES notes(id) ON DELETE SET NULL,
    creator_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    commission_bps INTEGER NOT NULL,
    commission_cents BIGINT NOT NULL
);
CREATE INDEX order_items_order ON order_items(order_id);
CREATE INDEX order_items_note ON order_items(source_note_id);
CREATE INDEX order_items_creator ON order_items(creator_id);

-- Funnel counters per note and product (tag taps, add-to-carts); note views live on notes.
CREATE TABLE note_product_stats (
    note_id BIGINT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    product_id BIGINT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    tag_taps BIGINT NOT NULL DEFAULT 0,
    add_to_carts BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (note_id, product_id)
);

ALTER TABLE notes ADD COLUMN view_count BIGINT NOT NULL DEFAULT 0;
-- Set only when the note was written from the author's own delivered order item.
ALTER TABLE notes ADD COLUMN verified_order_item_id BIGINT REFERENCES order_items(id) ON DELETE SET NULL;
CREATE UNIQUE INDEX notes_verified_item ON notes(verified_order_item_id);
ALTER TABLE notifications ADD COLUMN order_id BIGINT REFERENCES orders(id) ON DELETE CASCADE;
