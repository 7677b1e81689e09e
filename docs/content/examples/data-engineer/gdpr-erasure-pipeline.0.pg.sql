-- Harness: the example's DDL runs first, then three people and their orders are loaded and two
-- erasure requests are opened, then the example's weekly batch runs. Checks: no PII left for the
-- two, the third untouched, revenue per day unchanged, every request marked done, and a second
-- run of the batch changes nothing.
CREATE TEMP TABLE ex AS SELECT $ex$
{{EXAMPLE}}
$ex$::text AS body;
SELECT split_part(body, 'BEGIN;', 1) FROM ex \gexec

INSERT INTO person_pii VALUES
  (11, 1001, 'a@example.com', 'A', 'Street 1'),
  (12, 1002, 'b@example.com', 'B', 'Street 2'),
  (13, 1003, 'c@example.com', 'C', 'Street 3');
INSERT INTO fact_order VALUES
  (1, 11, DATE '2024-05-01', 10.00), (2, 12, DATE '2024-05-01', 20.00),
  (3, 13, DATE '2024-05-02', 30.00), (4, 11, DATE '2024-05-02', 5.00);
INSERT INTO erasure_ledger VALUES
  ('r-1', 1001, DATE '2024-06-01', DATE '2024-07-01', NULL),
  ('r-2', 1002, DATE '2024-06-03', DATE '2024-07-03', NULL);
CREATE TEMP TABLE revenue_before AS SELECT order_date, SUM(amount) AS s FROM fact_order GROUP BY 1;

SELECT 'BEGIN;' || split_part(body, 'BEGIN;', 2) FROM ex \gexec
CREATE TEMP TABLE suppressed_once AS SELECT * FROM erased_persons;
SELECT 'BEGIN;' || split_part(body, 'BEGIN;', 2) FROM ex \gexec

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM person_pii WHERE customer_id IN (1001, 1002)) THEN
    RAISE EXCEPTION 'PII left for erased customers';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM person_pii WHERE customer_id = 1003) THEN
    RAISE EXCEPTION 'customer 1003 was erased by mistake';
  END IF;
  IF EXISTS (SELECT order_date, SUM(amount) FROM fact_order GROUP BY 1
             EXCEPT SELECT order_date, s FROM revenue_before) THEN
    RAISE EXCEPTION 'revenue changed';
  END IF;
  IF EXISTS (SELECT 1 FROM erasure_ledger WHERE warehouse_done_at IS NULL) THEN
    RAISE EXCEPTION 'a request is still open';
  END IF;
  IF (SELECT count(*) FROM erased_persons) <> 2 OR
     EXISTS (SELECT * FROM erased_persons EXCEPT SELECT * FROM suppressed_once) THEN
    RAISE EXCEPTION 'the second run changed the suppression list';
  END IF;
END $$;
