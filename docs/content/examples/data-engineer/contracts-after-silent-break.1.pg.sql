-- Harness: 28 normal days in prod (average order value about 50), then three candidate
-- staging partitions for 2024-06-10: amounts in cents (100x), a normal day, and an empty day.
CREATE SCHEMA staging;
CREATE SCHEMA prod;
CREATE TABLE prod.fact_order (order_date date, amount_rpt numeric);
CREATE TABLE staging.fact_order (order_date date, amount_rpt numeric);
INSERT INTO prod.fact_order
SELECT DATE '2024-06-10' - d, 40 + (i % 21)
FROM generate_series(1, 28) AS d, generate_series(1, 50) AS i;

INSERT INTO staging.fact_order SELECT DATE '2024-06-10', (40 + (i % 21)) * 100 FROM generate_series(1, 50) AS i;
CREATE TEMP TABLE cents_day AS
{{EXAMPLE}}

TRUNCATE staging.fact_order;
INSERT INTO staging.fact_order SELECT DATE '2024-06-10', 38 + (i % 25) FROM generate_series(1, 50) AS i;
CREATE TEMP TABLE normal_day AS
{{EXAMPLE}}

TRUNCATE staging.fact_order;
CREATE TEMP TABLE empty_day AS
{{EXAMPLE}}

DO $$
BEGIN
  IF (SELECT result FROM cents_day) <> 'FAIL' THEN RAISE EXCEPTION 'the 100x day should fail'; END IF;
  IF (SELECT result FROM normal_day) <> 'PASS' THEN RAISE EXCEPTION 'a normal day should pass'; END IF;
  IF (SELECT result FROM empty_day) <> 'FAIL' THEN RAISE EXCEPTION 'an empty day should fail'; END IF;
END $$;
