-- Harness: customer 1 changes segment on 1 March, customer 2 disappears from the snapshot,
-- customer 3 is new. The example runs twice to show that a rerun of the same date is a no-op.
CREATE SEQUENCE dim_customer_sk_seq;
CREATE TABLE dim_customer (customer_sk bigint PRIMARY KEY, customer_id int, segment text,
  country text, attr_hash text, valid_from date, valid_to date, is_current boolean);
INSERT INTO dim_customer
SELECT nextval('dim_customer_sk_seq'), id, seg, 'DE',
       MD5(COALESCE(seg, '\N') || '|' || 'DE'), DATE '2022-01-01', DATE '9999-12-31', TRUE
FROM (VALUES (1, 'SMB'), (2, 'Enterprise')) AS v(id, seg);
CREATE TABLE crm_customers_snapshot (snapshot_date date, customer_id int, segment text, country text);
INSERT INTO crm_customers_snapshot VALUES
  (DATE '2024-03-01', 1, 'Mid-market', 'DE'),
  (DATE '2024-03-01', 3, NULL, 'FR');
CREATE TABLE fact_order (customer_id int, order_ts timestamp, amount_rpt numeric);
INSERT INTO fact_order VALUES (1, '2023-05-01 10:00', 120), (2, '2023-07-01 09:00', 80);

{{EXAMPLE}}

{{EXAMPLE}}

DO $$
BEGIN
  IF (SELECT count(*) FROM dim_customer) <> 4 THEN
    RAISE EXCEPTION 'expected 4 versions after two runs, got %', (SELECT count(*) FROM dim_customer);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM dim_customer WHERE customer_id = 1 AND segment = 'SMB'
                 AND valid_to = DATE '2024-03-01' AND NOT is_current) THEN
    RAISE EXCEPTION 'SMB version of customer 1 not closed on 2024-03-01';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM dim_customer WHERE customer_id = 1 AND segment = 'Mid-market'
                 AND valid_from = DATE '2024-03-01' AND is_current) THEN
    RAISE EXCEPTION 'Mid-market version of customer 1 missing';
  END IF;
  IF EXISTS (SELECT 1 FROM dim_customer WHERE customer_id = 2 AND is_current) THEN
    RAISE EXCEPTION 'customer 2 vanished from the snapshot but is still current';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM dim_customer WHERE customer_id = 3 AND segment IS NULL AND is_current) THEN
    RAISE EXCEPTION 'new customer 3 missing';
  END IF;
  -- No overlapping versions for any customer (half-open ranges).
  IF EXISTS (SELECT 1 FROM dim_customer a JOIN dim_customer b
             ON a.customer_id = b.customer_id AND a.customer_sk < b.customer_sk
             AND a.valid_from < b.valid_to AND b.valid_from < a.valid_to) THEN
    RAISE EXCEPTION 'overlapping versions';
  END IF;
END $$;
