-- Harness: one covered area in Berlin time. Orders on 3 June (local):
--   A eligible, one parcel delivered the same evening              -> counts
--   B eligible, two parcels, one delivered the next day             -> not same-day
--   C placed at 15:00 local, after the cut-off                      -> not eligible
--   D test account                                                  -> not eligible
--   E eligible, cancelled before dispatch (no parcels)              -> in the denominator
--   F placed 22:30 UTC on 2 June = 00:30 local on 3 June, delivered -> counts for 3 June
-- So 3 June has 4 eligible orders, 2 delivered same day: share 0.500.
CREATE TABLE delivery_areas (postcode text PRIMARY KEY, time_zone text, same_day_covered boolean);
INSERT INTO delivery_areas VALUES ('10115', 'Europe/Berlin', TRUE);
CREATE TABLE orders (order_id text PRIMARY KEY, postcode text, created_at timestamptz, is_test_account boolean);
INSERT INTO orders VALUES
  ('A', '10115', '2024-06-03 08:00+00', FALSE),
  ('B', '10115', '2024-06-03 09:00+00', FALSE),
  ('C', '10115', '2024-06-03 13:00+00', FALSE),
  ('D', '10115', '2024-06-03 07:00+00', TRUE),
  ('E', '10115', '2024-06-03 10:00+00', FALSE),
  ('F', '10115', '2024-06-02 22:30+00', FALSE);
CREATE TABLE parcels (parcel_id text, order_id text, delivered_at timestamptz);
INSERT INTO parcels VALUES
  ('a1', 'A', '2024-06-03 18:00+00'),
  ('b1', 'B', '2024-06-03 17:00+00'), ('b2', 'B', '2024-06-04 09:00+00'),
  ('c1', 'C', '2024-06-03 19:00+00'),
  ('d1', 'D', '2024-06-03 12:00+00'),
  ('f1', 'F', '2024-06-03 16:00+00');

{{EXAMPLE}}

DO $$
DECLARE r record;
BEGIN
  SELECT * INTO r FROM daily_same_day_share WHERE order_date_local = DATE '2024-06-03';
  IF r.eligible_orders <> 4 OR r.same_day_delivered_share <> 0.500 THEN
    RAISE EXCEPTION 'expected 4 eligible and 0.500, got % and %', r.eligible_orders, r.same_day_delivered_share;
  END IF;
  IF EXISTS (SELECT 1 FROM daily_same_day_share WHERE order_date_local = DATE '2024-06-02') THEN
    RAISE EXCEPTION 'order F belongs to 3 June in local time';
  END IF;
END $$;
