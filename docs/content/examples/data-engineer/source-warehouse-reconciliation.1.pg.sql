-- Harness: run the summary query against a "source" and a "warehouse" copy of the same rows,
-- where the warehouse has one mangled amount, one missing row and a row changed after the
-- cut-off on both sides. Only the buckets holding the first two may differ.
CREATE TABLE src (id bigint PRIMARY KEY, customer_id bigint, amount numeric(12,2),
                  created_at timestamptz, updated_at timestamptz);
INSERT INTO src
SELECT g * 400000, g % 97, (g % 1000) + 0.5, TIMESTAMPTZ '2024-05-01 00:00+00' + g * INTERVAL '1 minute',
       TIMESTAMPTZ '2024-05-20 00:00+00'
FROM generate_series(0, 1999) AS g;                      -- ids 0 .. 799,600,000
UPDATE src SET updated_at = TIMESTAMPTZ '2024-06-01 06:00+00' WHERE id = 40000000;  -- after cut-off

CREATE TABLE dst AS SELECT * FROM src;
UPDATE dst SET amount = amount * 100 WHERE id = 100000000;    -- bucket 8
DELETE FROM dst WHERE id = 700000000;                        -- bucket 56
UPDATE dst SET amount = 0 WHERE id = 40000000;               -- changed after cut-off: ignored

CREATE VIEW orders_canonical AS
SELECT id, updated_at,
       concat_ws('|', id, customer_id, to_char(amount, 'FM9999999990.00'),
                 to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')) AS canonical_row
FROM src;

CREATE TEMP TABLE source_summary AS
{{EXAMPLE}}

CREATE OR REPLACE VIEW orders_canonical AS
SELECT id, updated_at,
       concat_ws('|', id, customer_id, to_char(amount, 'FM9999999990.00'),
                 to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')) AS canonical_row
FROM dst;

CREATE TEMP TABLE warehouse_summary AS
{{EXAMPLE}}

DO $$
DECLARE differing int[];
BEGIN
  SELECT array_agg(bucket ORDER BY bucket) INTO differing
  FROM source_summary s FULL JOIN warehouse_summary w USING (bucket)
  WHERE s.n IS DISTINCT FROM w.n OR s.checksum IS DISTINCT FROM w.checksum;
  IF differing IS DISTINCT FROM ARRAY[8, 56] THEN
    RAISE EXCEPTION 'expected buckets 8 and 56 to differ, got %', differing;
  END IF;
  IF (SELECT count(*) FROM source_summary) <> 64 THEN
    RAISE EXCEPTION 'expected 64 buckets at the first level';
  END IF;
  -- Every 32-bit hash is non-negative and below 2^32, so a bucket sum stays far from overflow.
  IF (SELECT max(checksum) FROM source_summary) >= 2^32 * 40 THEN
    RAISE EXCEPTION 'checksum out of the expected range';
  END IF;
END $$;
