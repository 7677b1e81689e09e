-- Harness: a micro-batch with a producer retry (same payment at two offsets), a newer status
-- for an existing payment, and a stale event that must not overwrite newer data. The MERGE runs
-- twice (a replay of the same batch) and must leave the same table.
CREATE TABLE payments (payment_id text, payment_date date, status text, amount numeric(12,2),
                       currency char(3), event_ts timestamptz);
CREATE TABLE stg_payments (payment_id text, payment_date date, status text, amount numeric(12,2),
                           currency char(3), event_ts timestamptz, log_offset bigint);
INSERT INTO payments VALUES
  ('p1', CURRENT_DATE, 'authorised', 40.00, 'EUR', now() - INTERVAL '10 minutes'),
  ('p3', CURRENT_DATE, 'captured',   15.00, 'EUR', now() - INTERVAL '1 minute');
INSERT INTO stg_payments VALUES
  ('p1', CURRENT_DATE, 'captured', 40.00, 'EUR', now() - INTERVAL '5 minutes', 101),
  ('p2', CURRENT_DATE, 'captured', 25.00, 'EUR', now() - INTERVAL '4 minutes', 102),
  ('p2', CURRENT_DATE, 'captured', 25.00, 'EUR', now() - INTERVAL '4 minutes', 107),  -- retry
  ('p3', CURRENT_DATE, 'authorised', 15.00, 'EUR', now() - INTERVAL '9 minutes', 103); -- stale

{{EXAMPLE}}

CREATE TEMP TABLE after_first AS SELECT * FROM payments;

{{EXAMPLE}}

DO $$
BEGIN
  IF (SELECT count(*) FROM payments) <> 3 OR
     (SELECT count(DISTINCT payment_id) FROM payments) <> 3 THEN
    RAISE EXCEPTION 'expected exactly one row per payment';
  END IF;
  IF (SELECT status FROM payments WHERE payment_id = 'p1') <> 'captured' THEN
    RAISE EXCEPTION 'p1 should have moved to captured';
  END IF;
  IF (SELECT status FROM payments WHERE payment_id = 'p3') <> 'captured' THEN
    RAISE EXCEPTION 'the stale event overwrote p3';
  END IF;
  IF EXISTS (SELECT * FROM payments EXCEPT SELECT * FROM after_first) THEN
    RAISE EXCEPTION 'replaying the batch changed the table';
  END IF;
END $$;
