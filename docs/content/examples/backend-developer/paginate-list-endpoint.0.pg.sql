-- Harness: 200 transactions for account 1 with many identical timestamps (ties), plus
-- another account. The example's query becomes a prepared statement with $1..$3, the index
-- is built, and the pages are walked with the cursor taken from each page's last row,
-- inserting newer rows between pages. Every old row must appear exactly once.
CREATE TABLE transactions (
  id           bigint PRIMARY KEY,
  account_id   bigint NOT NULL,
  amount_cents bigint NOT NULL,
  description  text,
  created_at   timestamptz NOT NULL
);
INSERT INTO transactions
SELECT g, 1, g * 10, 'tx ' || g, timestamptz '2024-05-01 00:00:00+00' + (g / 4) * interval '1 minute'
FROM generate_series(1, 200) g;
INSERT INTO transactions
SELECT 1000 + g, 2, g, 'other', timestamptz '2024-05-01 00:00:00+00' + g * interval '1 minute'
FROM generate_series(1, 50) g;

PREPARE page(bigint, timestamptz, bigint) AS
{{EXAMPLE}}

CREATE TEMP TABLE seen (page int, id bigint);

-- page 1: no cursor yet, so start above every key
CREATE TEMP TABLE pg AS EXECUTE page(1, 'infinity', 0);
INSERT INTO seen SELECT 1, id FROM (SELECT id, created_at FROM pg ORDER BY created_at DESC, id DESC LIMIT 50) x;
SELECT (SELECT count(*) FROM pg) > 50 AS has_more \gset
\if :has_more
\else
  SELECT 1 / 0;  -- page 1 must report more rows
\endif
SELECT created_at AS c, id AS i FROM pg ORDER BY created_at DESC, id DESC OFFSET 49 LIMIT 1 \gset
DROP TABLE pg;

-- new rows arrive between requests; they are newer, so they must not shift later pages
INSERT INTO transactions VALUES (500, 1, 1, 'new', now()), (501, 1, 1, 'new', now());

CREATE TEMP TABLE pg AS EXECUTE page(1, :'c', :i);
INSERT INTO seen SELECT 2, id FROM (SELECT id, created_at FROM pg ORDER BY created_at DESC, id DESC LIMIT 50) x;
SELECT created_at AS c, id AS i FROM pg ORDER BY created_at DESC, id DESC OFFSET 49 LIMIT 1 \gset
DROP TABLE pg;

CREATE TEMP TABLE pg AS EXECUTE page(1, :'c', :i);
INSERT INTO seen SELECT 3, id FROM (SELECT id, created_at FROM pg ORDER BY created_at DESC, id DESC LIMIT 50) x;
SELECT created_at AS c, id AS i FROM pg ORDER BY created_at DESC, id DESC OFFSET 49 LIMIT 1 \gset
DROP TABLE pg;

CREATE TEMP TABLE pg AS EXECUTE page(1, :'c', :i);
INSERT INTO seen SELECT 4, id FROM (SELECT id, created_at FROM pg ORDER BY created_at DESC, id DESC LIMIT 50) x;
SELECT (SELECT count(*) FROM pg) AS last_page_rows \gset

DO $$
BEGIN
  IF (SELECT count(*) FROM seen) <> 200 OR (SELECT count(DISTINCT id) FROM seen) <> 200 THEN
    RAISE EXCEPTION 'rows skipped or duplicated across pages';
  END IF;
  IF EXISTS (SELECT 1 FROM seen WHERE id >= 500) THEN
    RAISE EXCEPTION 'rows of another account or rows newer than the first page leaked in';
  END IF;
END $$;
\if :{?last_page_rows}
SELECT :last_page_rows = 50 AS ok \gset
\if :ok
\else
  SELECT 1 / 0;  -- the last page has exactly 50 rows and no 51st: has_more is false
\endif
\endif
SELECT 1 / (count(*) = 1)::int FROM pg_indexes WHERE indexname = 'transactions_account_created_id';
