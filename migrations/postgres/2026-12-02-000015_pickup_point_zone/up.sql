-- The time zone a pickup point keeps its hours and cut-offs in (IANA: Asia/Shanghai); none is
-- Sprout's default zone.
ALTER TABLE pickup_points ADD COLUMN time_zone TEXT;
