CREATE TABLE products (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  shop_id     bigint NOT NULL,
  sku         text   NOT NULL,
  title       text   NOT NULL,
  price_cents int    NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE import_rows (
  import_id bigint, row_number int, shop_id bigint, sku text, title text, price_cents int, error text
);
CREATE TABLE import_changes (
  import_id bigint, shop_id bigint, sku text, existed boolean, old_title text, old_price_cents int,
  PRIMARY KEY (import_id, sku)
);
INSERT INTO products (shop_id, sku, title, price_cents, updated_at) VALUES
  (1, 'A1', 'Mug', 900, now() - interval '1 day'),
  (1, 'B2', 'Kettle', 3999, now() - interval '1 day'),
  (1, 'C3', 'Tea', 500, now() - interval '1 day'),
  (2, 'A1', 'Other shop mug', 100, now() - interval '1 day');
INSERT INTO import_rows VALUES
  (9001, 1, 1, 'A1', 'Mug, blue', 950, NULL),
  (9001, 2, 1, 'C3', 'Tea', 500, NULL),             -- unchanged
  (9001, 3, 1, 'D4', 'Teapot', 2500, NULL),         -- new
  (9001, 4, 1, 'A1', 'Mug (blue)', 990, NULL),      -- same SKU again: the last row wins
  (9001, 5, 1, 'E5', '', NULL, 'price is missing'),
  (9001, 6, 1, 'B2', 'Kettle', 4200, NULL);

{{EXAMPLE}}

SELECT apply_import(9001);
SELECT apply_import(9001);   -- a retried job changes nothing and keeps the first snapshot
CREATE TEMP TABLE applied AS SELECT clock_timestamp() AS at;

DO $$
BEGIN
  IF (SELECT string_agg(sku || ':' || title || ':' || price_cents, ',' ORDER BY sku)
        FROM products WHERE shop_id = 1)
     <> 'A1:Mug (blue):990,B2:Kettle:4200,C3:Tea:500,D4:Teapot:2500' THEN
    RAISE EXCEPTION 'import result wrong';
  END IF;
  IF (SELECT updated_at FROM products WHERE shop_id = 1 AND sku = 'C3') > now() - interval '1 hour' THEN
    RAISE EXCEPTION 'an unchanged product was rewritten';
  END IF;
  IF (SELECT title FROM products WHERE shop_id = 2) <> 'Other shop mug' THEN
    RAISE EXCEPTION 'another shop was touched';
  END IF;
  IF (SELECT old_price_cents FROM import_changes WHERE import_id = 9001 AND sku = 'A1') <> 900 THEN
    RAISE EXCEPTION 'the retry overwrote the snapshot';
  END IF;
END $$;

-- the owner edits the kettle after the import; undo must leave it alone
UPDATE products SET title = 'Kettle XL', updated_at = (SELECT at FROM applied) + interval '1 hour'
WHERE shop_id = 1 AND sku = 'B2';
SELECT undo_import(9001, (SELECT at FROM applied));

DO $$
BEGIN
  IF (SELECT string_agg(sku || ':' || title || ':' || price_cents, ',' ORDER BY sku)
        FROM products WHERE shop_id = 1)
     <> 'A1:Mug:900,B2:Kettle XL:4200,C3:Tea:500' THEN
    RAISE EXCEPTION 'undo result wrong: %', (SELECT string_agg(sku || ':' || title || ':' || price_cents, ','
      ORDER BY sku) FROM products WHERE shop_id = 1);
  END IF;
END $$;
