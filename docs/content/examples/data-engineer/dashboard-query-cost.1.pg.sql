-- Harness: orders partitioned by day for May and June 2024 (61 partitions), a few rows each.
-- Checks the claim: the first plan scans every partition, the second only the 7 partitions
-- from 24 to 30 June.
CREATE TABLE customers (customer_id bigint PRIMARY KEY, country text);
INSERT INTO customers SELECT i, (ARRAY['DE', 'FR', 'NL'])[1 + i % 3] FROM generate_series(1, 300) AS i;
CREATE TABLE orders (order_id bigint, customer_id bigint, created_at timestamp, amount numeric(12,2))
  PARTITION BY RANGE (created_at);
DO $$
DECLARE d date;
BEGIN
  FOR d IN SELECT generate_series(DATE '2024-05-01', DATE '2024-06-30', INTERVAL '1 day')::date LOOP
    EXECUTE format('CREATE TABLE orders_%s PARTITION OF orders FOR VALUES FROM (%L) TO (%L)',
                   to_char(d, 'YYYYMMDD'), d, d + 1);
  END LOOP;
END $$;
INSERT INTO orders
SELECT i, 1 + i % 300, TIMESTAMP '2024-05-01' + (i % 61) * INTERVAL '1 day' + INTERVAL '9 hours', 10
FROM generate_series(1, 6100) AS i;
ANALYZE;

{{EXAMPLE}}

CREATE TEMP TABLE ex AS SELECT $ex$
{{EXAMPLE}}
$ex$::text AS body;

DO $$
DECLARE stmt text; plan json; counts int[] := '{}';
BEGIN
  FOR stmt IN SELECT s FROM ex, regexp_split_to_table(body, ';') AS s WHERE s ~ 'EXPLAIN' LOOP
    stmt := replace(stmt, 'EXPLAIN (COSTS OFF)', 'EXPLAIN (COSTS OFF, FORMAT JSON)');
    EXECUTE stmt INTO plan;
    counts := counts || (SELECT count(*) FROM regexp_matches(plan::text, '"Relation Name": "orders_2024', 'g'))::int;
  END LOOP;
  IF counts <> ARRAY[61, 7] THEN
    RAISE EXCEPTION 'expected 61 then 7 partitions scanned, got %', counts;
  END IF;
END $$;
