-- Community group buy (社区团购): a group leader's pickup point, approved by an admin; a brand
-- opens a run there (products, cut-off, minimum orders); neighbours order into the run and
-- collect at the point. At cut-off the run is confirmed or cancelled, exactly once.
CREATE TABLE pickup_points (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    leader_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    hours TEXT NOT NULL,
    -- pending, approved
    status TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    approved_at TIMESTAMP
);
CREATE INDEX pickup_points_leader ON pickup_points(leader_id);
CREATE INDEX pickup_points_status ON pickup_points(status);

CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    brand_id BIGINT NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
    pickup_point_id BIGINT NOT NULL REFERENCES pickup_points(id) ON DELETE CASCADE,
    -- open, confirmed, cancelled
    status TEXT NOT NULL,
    currency TEXT NOT NULL,
    cutoff_at TIMESTAMP NOT NULL,
    min_orders INTEGER NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    settled_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX runs_status ON runs(status, cutoff_at);
CREATE INDEX runs_point ON runs(pickup_point_id);
CREATE INDEX runs_brand ON runs(brand_id);

CREATE TABLE run_products (
    run_id BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    product_id BIGINT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    PRIMARY KEY (run_id, product_id)
);

-- An order into a run is picked up at the run's point; the leader marks it collected.
ALTER TABLE orders ADD COLUMN run_id BIGINT REFERENCES runs(id) ON DELETE SET NULL;
ALTER TABLE orders ADD COLUMN collected_at TIMESTAMP;
CREATE INDEX orders_run ON orders(run_id);
