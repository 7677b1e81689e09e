-- Harness: the first micro-batch holds customer 1 (created, then a new email) and customer 2
-- (created, then deleted). Then the same events are replayed through the sink's INSERT, and an
-- old update of customer 1 is loaded late under a newer ingestion time. The view must show
-- customer 1 with the newest email and no customer 2, and the replay must add no rows.
CREATE TABLE staged_batch (customer_id bigint, op char(1), source_lsn bigint, email text, full_name text);
INSERT INTO staged_batch VALUES
  (1, 'c', 100, 'ana@old.example', 'Ana'),
  (2, 'c', 150, 'ben@example.com', 'Ben'),
  (1, 'u', 200, 'ana@new.example', 'Ana'),
  (2, 'd', 300, NULL, NULL);

{{EXAMPLE}}

CREATE TEMP TABLE ex AS SELECT $ex$
{{EXAMPLE}}
$ex$::text AS body;
CREATE TEMP TABLE before_replay AS SELECT count(*) AS n FROM raw_customers_cdc;
-- Replay: run the sink's INSERT again on the same batch.
SELECT s FROM ex, regexp_split_to_table(body, ';') AS s WHERE s ~ 'INSERT INTO raw_customers_cdc' \gexec

-- An old update loaded late with a newer ingestion time must not win.
INSERT INTO raw_customers_cdc (customer_id, op, source_lsn, email, full_name, ingested_at)
VALUES (1, 'u', 120, 'ana@stale.example', 'Ana', now() + INTERVAL '1 day');

DO $$
BEGIN
  IF (SELECT count(*) FROM raw_customers_cdc) <> (SELECT n FROM before_replay) + 1 THEN
    RAISE EXCEPTION 'the replay inserted rows';
  END IF;
  IF (SELECT email FROM customers_current WHERE customer_id = 1) <> 'ana@new.example' THEN
    RAISE EXCEPTION 'customer 1 should show the newest email, got %',
      (SELECT email FROM customers_current WHERE customer_id = 1);
  END IF;
  IF EXISTS (SELECT 1 FROM customers_current WHERE customer_id = 2) THEN
    RAISE EXCEPTION 'deleted customer 2 is still current';
  END IF;
END $$;
