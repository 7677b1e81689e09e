-- Harness: the target table after full load + CDC, and per-day aggregates exported from Oracle.
CREATE TABLE orders (
  id           bigint PRIMARY KEY,
  created_at   timestamptz NOT NULL,
  amount_minor bigint NOT NULL
);
INSERT INTO orders VALUES
  (1, '2025-03-01 09:00+00', 1000),
  (2, '2025-03-01 17:30+00', 2500),
  (3, '2025-03-02 08:15+00', 4000),
  (4, '2025-03-02 11:45+00', 1500),
  (5, '2025-03-03 10:00+00',  700);
-- Source: 3 March had two orders in Oracle; one (id 6, 1200) has not arrived yet.
CREATE TABLE oracle_daily (day date PRIMARY KEY, row_count bigint, amount_sum numeric);
INSERT INTO oracle_daily VALUES
  ('2025-03-01', 2, 3500),
  ('2025-03-02', 2, 5500),
  ('2025-03-03', 2, 1900);
SET TIME ZONE 'UTC';

{{EXAMPLE}}

DO $$
DECLARE n int; r record;
BEGIN
  SELECT count(*) INTO n FROM migration_diff;
  IF n <> 1 THEN RAISE EXCEPTION 'expected one differing day, got %', n; END IF;
  SELECT * INTO r FROM migration_diff;
  IF r.day <> DATE '2025-03-03' OR r.source_rows <> 2 OR r.target_rows <> 1
     OR r.source_amount <> 1900 OR r.target_amount <> 700 THEN
    RAISE EXCEPTION 'unexpected diff row: %', r;
  END IF;
  -- once the missing row arrives, the view is empty
  INSERT INTO orders VALUES (6, '2025-03-03 15:00+00', 1200);
  SELECT count(*) INTO n FROM migration_diff;
  IF n <> 0 THEN RAISE EXCEPTION 'expected no differences after catch-up, got %', n; END IF;
END $$;
