-- Harness: the tables the example refers to, the example, then the ledger's promises.
CREATE TABLE sellers (id bigint PRIMARY KEY);
CREATE TABLE orders  (id bigint PRIMARY KEY, buyer_id bigint NOT NULL,
                      created_at timestamptz NOT NULL DEFAULT now());

{{EXAMPLE}}

INSERT INTO sellers VALUES (7), (8);
INSERT INTO orders (id, buyer_id) VALUES (100, 1), (101, 2);
INSERT INTO seller_orders (id, order_id, seller_id, status) VALUES (1, 100, 7, 'shipped'), (2, 100, 8, 'pending');
INSERT INTO order_lines VALUES (1, 1, 55, 'Teapot', 2500, 'EUR', 2, 0);

-- Over-refunding a line is rejected by the check constraint.
DO $$
BEGIN
  UPDATE order_lines SET refunded_qty = 3 WHERE id = 1;
  RAISE EXCEPTION 'refunded more than was ordered';
EXCEPTION WHEN check_violation THEN NULL;
END $$;
-- Two seller orders for the same seller in one order are rejected.
DO $$
BEGIN
  INSERT INTO seller_orders (id, order_id, seller_id, status) VALUES (3, 100, 7, 'pending');
  RAISE EXCEPTION 'duplicate seller order accepted';
EXCEPTION WHEN unique_violation THEN NULL;
END $$;

-- Week 1 for seller 7: a sale of 50.00, 10% commission, a refund of one teapot (25.00 less
-- the commission returned, 2.50).
INSERT INTO ledger_entries (seller_id, order_id, kind, amount_minor, currency) VALUES
  (7, 100, 'sale', 5000, 'EUR'), (7, 100, 'commission', -500, 'EUR'),
  (7, 100, 'refund', -2250, 'EUR'),
  (8, 100, 'sale', 1200, 'EUR');

DO $$
DECLARE p1 bigint; p2 bigint; p3 bigint;
BEGIN
  p1 := run_payout(7, 'EUR');
  IF (SELECT amount_minor FROM payouts WHERE id = p1) <> 2250 THEN RAISE EXCEPTION 'payout 1 amount'; END IF;
  IF (SELECT count(*) FROM payout_items WHERE payout_id = p1) <> 3 THEN RAISE EXCEPTION 'payout 1 items'; END IF;
  -- The seller's balance is the sum of its entries, payout included: nothing owed now.
  IF (SELECT sum(amount_minor) FROM ledger_entries WHERE seller_id = 7) <> 0 THEN RAISE EXCEPTION 'balance'; END IF;
  -- Running again pays nothing twice.
  IF run_payout(7, 'EUR') IS NOT NULL THEN RAISE EXCEPTION 'paid twice'; END IF;
  -- Week 2: a refund larger than the new sales carries over instead of paying out.
  INSERT INTO ledger_entries (seller_id, order_id, kind, amount_minor, currency) VALUES
    (7, 101, 'sale', 1000, 'EUR'), (7, 101, 'commission', -100, 'EUR'), (7, 100, 'refund', -2250, 'EUR');
  IF run_payout(7, 'EUR') IS NOT NULL THEN RAISE EXCEPTION 'paid a negative balance'; END IF;
  -- Week 3: enough new sales; the payout settles weeks 2 and 3 together.
  INSERT INTO ledger_entries (seller_id, order_id, kind, amount_minor, currency) VALUES
    (7, 101, 'sale', 4000, 'EUR'), (7, 101, 'commission', -400, 'EUR');
  p3 := run_payout(7, 'EUR');
  IF (SELECT amount_minor FROM payouts WHERE id = p3) <> 2250 THEN RAISE EXCEPTION 'payout 3 amount'; END IF;
  IF (SELECT count(*) FROM payout_items WHERE payout_id = p3) <> 5 THEN RAISE EXCEPTION 'payout 3 items'; END IF;
  -- Seller 8 was never touched by seller 7's runs.
  IF EXISTS (SELECT 1 FROM payout_items i JOIN ledger_entries e ON e.id = i.ledger_entry_id WHERE e.seller_id = 8) THEN
    RAISE EXCEPTION 'seller 8 paid by mistake';
  END IF;
END $$;

-- The ledger really is append-only.
DO $$
BEGIN
  UPDATE ledger_entries SET amount_minor = 0 WHERE id = 1;
  RAISE EXCEPTION 'an UPDATE of the ledger succeeded';
EXCEPTION WHEN raise_exception THEN
  IF SQLERRM NOT LIKE '%append-only%' THEN RAISE; END IF;
END $$;
DO $$
BEGIN
  DELETE FROM ledger_entries WHERE id = 1;
  RAISE EXCEPTION 'a DELETE of the ledger succeeded';
EXCEPTION WHEN raise_exception THEN
  IF SQLERRM NOT LIKE '%append-only%' THEN RAISE; END IF;
END $$;
-- An entry cannot be settled by two payouts.
DO $$
BEGIN
  INSERT INTO payouts (seller_id, amount_minor, currency) VALUES (7, 1, 'EUR');
  INSERT INTO payout_items VALUES (1, currval(pg_get_serial_sequence('payouts', 'id')));
  RAISE EXCEPTION 'an entry was paid twice';
EXCEPTION WHEN unique_violation THEN NULL;
END $$;
