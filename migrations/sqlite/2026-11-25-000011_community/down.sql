DROP INDEX orders_run;
ALTER TABLE orders DROP COLUMN collected_at;
ALTER TABLE orders DROP COLUMN run_id;
DROP TABLE run_products;
DROP TABLE runs;
DROP TABLE pickup_points;
