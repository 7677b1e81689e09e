-- Harness: four customers (three signed up this year) and their orders; the example's
-- SELECT is captured in a table so its rows can be checked, then its indexes are inspected.
CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE orders (
  id          bigint PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
  status      text   NOT NULL,
  total_cents bigint NOT NULL,
  created_at  timestamptz NOT NULL
);
INSERT INTO customers VALUES
  (1, 'Ada',   date_trunc('year', now()) + interval '1 minute'),   -- two recent paid orders
  (2, 'Grace', date_trunc('year', now()) + interval '2 minutes'),  -- only pending and old orders
  (3, 'Linus', date_trunc('year', now()) + interval '3 minutes'),  -- no orders at all
  (4, 'Ken',   date_trunc('year', now()) - interval '1 day');      -- signed up last year
INSERT INTO orders VALUES
  (10, 1, 'paid',    5000, now() - interval '1 day'),
  (11, 1, 'paid',    2500, now() - interval '2 days'),
  (12, 2, 'pending', 9900, now() - interval '1 day'),
  (13, 2, 'paid',    7000, now() - interval '40 days'),
  (14, 4, 'paid',    1000, now() - interval '1 day');

CREATE TEMP TABLE result AS
{{EXAMPLE}}

DO $$
BEGIN
  IF (SELECT count(*) FROM result) <> 3 OR EXISTS (SELECT 1 FROM result WHERE id = 4) THEN
    RAISE EXCEPTION 'expected exactly the three customers who signed up this year';
  END IF;
  IF (SELECT (paid_orders_30d, revenue_cents_30d) FROM result WHERE id = 1) IS DISTINCT FROM (2::bigint, 7500::numeric) THEN
    RAISE EXCEPTION 'customer 1 should have 2 paid orders worth 7500';
  END IF;
  IF (SELECT (paid_orders_30d, revenue_cents_30d) FROM result WHERE id = 2) IS DISTINCT FROM (0::bigint, 0::numeric)
     OR (SELECT (paid_orders_30d, revenue_cents_30d) FROM result WHERE id = 3) IS DISTINCT FROM (0::bigint, 0::numeric) THEN
    RAISE EXCEPTION 'customers without recent paid orders must show 0 and 0, not disappear or show NULL';
  END IF;
  -- the trap the answer names: the same filters in WHERE drop customers 2 and 3
  IF (SELECT count(*) FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
       WHERE c.created_at >= date_trunc('year', now()) AND o.status = 'paid'
         AND o.created_at >= now() - interval '30 days') <> 2 THEN
    RAISE EXCEPTION 'the WHERE version was expected to keep only customer 1''s two rows';
  END IF;
  -- key columns: equality first, then the range; the read-only column in INCLUDE
  IF (SELECT indexdef FROM pg_indexes WHERE indexname = 'orders_customer_status_created')
     <> 'CREATE INDEX orders_customer_status_created ON public.orders USING btree (customer_id, status, created_at) INCLUDE (total_cents)' THEN
    RAISE EXCEPTION 'unexpected index definition';
  END IF;
END $$;
