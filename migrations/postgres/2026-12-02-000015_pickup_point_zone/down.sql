ALTER TABLE pickup_points DROP COLUMN time_zone;
