-- Harness: dimensions and a few sales; order B's line is refunded twice (partial refunds),
-- and buyer 2 moved from DE to AT after the sale (type 2: the sale keeps the DE version).
CREATE TABLE dim_date (date_key int PRIMARY KEY, full_date date, month date);
INSERT INTO dim_date
SELECT to_char(d, 'YYYYMMDD')::int, d, date_trunc('month', d)::date
FROM generate_series(DATE '2024-06-01', DATE '2024-07-31', INTERVAL '1 day') AS d;
CREATE TABLE dim_buyer (buyer_key bigint PRIMARY KEY, buyer_id text, country text);
INSERT INTO dim_buyer VALUES (1, 'b1', 'FR'), (2, 'b2', 'DE'), (3, 'b2', 'AT');
CREATE TABLE dim_seller (seller_key bigint PRIMARY KEY, seller_id text, tier text);
INSERT INTO dim_seller VALUES (10, 's1', 'gold'), (11, 's2', 'silver');

{{EXAMPLE}}

INSERT INTO fact_order_line VALUES
  (20240603, 1, 10, 100, 'A', 1, 1, 100.00, 10.00, 100.00, 'EUR'),
  (20240605, 2, 11, 101, 'B', 1, 4, 200.00, 30.00, 200.00, 'EUR'),
  (20240605, 2, 10, 102, 'B', 2, 1,  50.00,  5.00,  50.00, 'EUR'),
  (20240702, 3, 11, 101, 'C', 1, 1,  80.00, 12.00,  80.00, 'EUR');
INSERT INTO fact_refund VALUES
  ('r1', 'B', 1, 20240610, 20240605, 2, 11, 101, 1, 50.00),
  ('r2', 'B', 1, 20240702, 20240605, 2, 11, 101, 1, 50.00);   -- second partial refund, next month

DO $$
DECLARE r record; naive numeric;
BEGIN
  SELECT * INTO r FROM refund_rate_by_buyer_country WHERE month = DATE '2024-06-01' AND country = 'DE';
  -- June sales to DE: 250; refunded 100 in two events -> 0.4
  IF r.gross <> 250 OR r.refunded <> 100 OR r.refund_rate <> 0.4000 THEN
    RAISE EXCEPTION 'DE June: got gross %, refunded %, rate %', r.gross, r.refunded, r.refund_rate;
  END IF;
  SELECT * INTO r FROM refund_rate_by_buyer_country WHERE month = DATE '2024-06-01' AND country = 'FR';
  IF r.refund_rate <> 0 THEN RAISE EXCEPTION 'FR June should have no refunds'; END IF;
  -- The July sale to the same buyer counts under AT, the version valid then.
  SELECT * INTO r FROM refund_rate_by_buyer_country WHERE month = DATE '2024-07-01';
  IF r.country <> 'AT' OR r.gross <> 80 THEN RAISE EXCEPTION 'July: got % %', r.country, r.gross; END IF;
  -- Joining before aggregating double-counts line B/1's gross: 450 instead of 250.
  SELECT SUM(f.gross_amount_rpt) INTO naive
  FROM fact_order_line f JOIN dim_buyer b USING (buyer_key)
  LEFT JOIN fact_refund x ON x.order_id = f.order_id AND x.order_line_no = f.order_line_no
  WHERE b.country = 'DE';
  IF naive <> 450 THEN RAISE EXCEPTION 'expected the naive join to inflate gross to 450, got %', naive; END IF;
END $$;
