-- Harness: a second buyer (connection b, through dblink) takes the last unit first and
-- commits one second later. The example then runs as the other buyer: its UPDATE must wait
-- for b, re-check `stock >= 1` against the committed 0 and change nothing, so stock ends at
-- 0, never -1 (the example's closing ALTER TABLE ... CHECK (stock >= 0) would fail on -1).
-- A psql script cannot branch on the empty RETURNING, so the example's INSERT still runs
-- here; the application rolls back instead, as the comment in the example says.
CREATE EXTENSION IF NOT EXISTS dblink;
CREATE TABLE products (id bigint PRIMARY KEY, stock int NOT NULL);
CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id bigint, product_id bigint, status text);
INSERT INTO products VALUES (42, 1);

SELECT dblink_connect('b', 'dbname=' || current_database());
SELECT dblink_exec('b', 'BEGIN');
SELECT dblink_exec('b', 'UPDATE products SET stock = stock - 1 WHERE id = 42 AND stock >= 1');
SELECT dblink_send_query('b', 'SELECT pg_sleep(1); COMMIT');
CREATE TEMP TABLE started AS SELECT clock_timestamp() AS t;

{{EXAMPLE}}

SELECT dblink_disconnect('b');
DO $$
DECLARE s int;
BEGIN
  SELECT stock INTO s FROM products WHERE id = 42;
  IF s <> 0 THEN
    RAISE EXCEPTION 'stock is %, expected 0: the waiting UPDATE did not re-check', s;
  END IF;
END $$;
DO $$
BEGIN
  IF clock_timestamp() - (SELECT t FROM started) < interval '0.9 seconds' THEN
    RAISE EXCEPTION 'the UPDATE did not wait for the other transaction';
  END IF;
END $$;
-- The constraint added by the example rejects a negative stock from any writer.
DO $$
BEGIN
  BEGIN
    UPDATE products SET stock = stock - 1 WHERE id = 42;
    RAISE EXCEPTION 'negative stock was accepted';
  EXCEPTION WHEN check_violation THEN
    NULL;
  END;
END $$;
