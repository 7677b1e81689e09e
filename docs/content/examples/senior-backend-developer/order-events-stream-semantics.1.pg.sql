-- Harness: the pack's consumer-side tables, then a redelivery and an out-of-order pair.
{{EXAMPLE}}

DO $$
DECLARE first boolean; again boolean;
BEGIN
  first := award_points('8f14e45f-ceea-467f-a0e6-7d6b1f6b9a11', 501, 120);
  again := award_points('8f14e45f-ceea-467f-a0e6-7d6b1f6b9a11', 501, 120);   -- redelivered
  PERFORM award_points('c9f0f895-fb98-4b91-9f5a-0f0a1e0b6e22', 501, 30);       -- another order
  IF NOT first OR again THEN RAISE EXCEPTION 'dedup: % %', first, again; END IF;
  IF (SELECT points FROM loyalty_points WHERE customer_id = 501) <> 150 THEN
    RAISE EXCEPTION 'points: %', (SELECT points FROM loyalty_points WHERE customer_id = 501);
  END IF;

  PERFORM index_order(77, 'created', 1);
  PERFORM index_order(77, 'cancelled', 3);
  PERFORM index_order(77, 'paid', 2);            -- older, arrives last
  IF (SELECT status FROM order_search WHERE order_id = 77) <> 'cancelled' THEN
    RAISE EXCEPTION 'search shows % for a cancelled order', (SELECT status FROM order_search WHERE order_id = 77);
  END IF;
  PERFORM index_order(77, 'cancelled', 3);       -- the same event twice: harmless
  IF (SELECT version FROM order_search WHERE order_id = 77) <> 3 THEN RAISE EXCEPTION 'version'; END IF;
END $$;
