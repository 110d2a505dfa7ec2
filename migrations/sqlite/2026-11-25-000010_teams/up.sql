-- Team purchase (拼团): a brand's deal on a product gives lower prices as a team grows; each
-- member commits an order (stock reserved) that is confirmed or cancelled when the team settles.
CREATE TABLE deals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    product_id BIGINT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    -- JSON: [{"size": 2, "price_cents": 900}, ...], sizes ascending, prices descending.
    tiers TEXT NOT NULL,
    duration_secs BIGINT NOT NULL,
    max_size INTEGER NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX deals_product ON deals(product_id);

CREATE TABLE teams (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    deal_id BIGINT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
    opener_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    size INTEGER NOT NULL,
    max_size INTEGER NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    settled_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX teams_deal ON teams(deal_id, status);

CREATE TABLE team_members (
    team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    order_id BIGINT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    joined_at TIMESTAMP NOT NULL,
    PRIMARY KEY (team_id, user_id)
);
