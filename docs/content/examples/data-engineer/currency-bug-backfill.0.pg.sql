-- Harness: two months of order lines; the shadow copy differs only where the rate changed
-- (June amounts 0.5% higher), so row counts match and only June's revenue moves.
CREATE SCHEMA prod;
CREATE SCHEMA shadow;
CREATE TABLE prod.fact_order_line (order_date date, gross_amount_rpt numeric(18,2));
INSERT INTO prod.fact_order_line
SELECT DATE '2024-05-01' + (i % 61), 100 FROM generate_series(1, 6100) AS i;
CREATE TABLE shadow.fact_order_line AS
SELECT order_date,
       CASE WHEN order_date >= DATE '2024-06-01' THEN gross_amount_rpt * 1.005
            ELSE gross_amount_rpt END::numeric(18,2) AS gross_amount_rpt
FROM prod.fact_order_line;

CREATE TEMP TABLE result AS
{{EXAMPLE}}

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM result WHERE prod_rows <> shadow_rows) THEN
    RAISE EXCEPTION 'row counts must be identical per month';
  END IF;
  IF (SELECT pct_change FROM result WHERE month = DATE '2024-05-01') <> 0 THEN
    RAISE EXCEPTION 'May should not change';
  END IF;
  IF (SELECT pct_change FROM result WHERE month = DATE '2024-06-01') <> 0.500 THEN
    RAISE EXCEPTION 'June should change by 0.5%%, got %', (SELECT pct_change FROM result WHERE month = DATE '2024-06-01');
  END IF;
END $$;
