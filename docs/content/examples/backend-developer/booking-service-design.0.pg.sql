-- Harness: runs the schema and the booking from the example, then checks the claims:
-- a second active booking for the slot is rejected, a cancelled one frees it, the
-- idempotency key is unique per customer, and only :00 and :30 slots are accepted.
{{EXAMPLE}}

DO $$
BEGIN
  BEGIN
    INSERT INTO bookings (specialist_id, customer_id, starts_at, idempotency_key)
    VALUES (7, 2002, '2025-03-03 09:30+00', 'c2002-aa');
    RAISE EXCEPTION 'double booking accepted';
  EXCEPTION WHEN unique_violation THEN NULL;
  END;
  BEGIN
    INSERT INTO bookings (specialist_id, customer_id, starts_at, idempotency_key)
    VALUES (7, 1001, '2025-03-03 10:00+00', 'c1001-7f3a');
    RAISE EXCEPTION 'a reused idempotency key was accepted';
  EXCEPTION WHEN unique_violation THEN NULL;
  END;
  BEGIN
    INSERT INTO bookings (specialist_id, customer_id, starts_at, idempotency_key)
    VALUES (7, 2002, '2025-03-03 09:45+00', 'c2002-bb');
    RAISE EXCEPTION 'a 09:45 slot was accepted';
  EXCEPTION WHEN check_violation THEN NULL;
  END;
  UPDATE bookings SET status = 'cancelled' WHERE customer_id = 1001;
  INSERT INTO bookings (specialist_id, customer_id, starts_at, idempotency_key)
  VALUES (7, 2002, '2025-03-03 09:30+00', 'c2002-cc');
  IF (SELECT count(*) FROM outbox WHERE kind = 'booking_confirmed') <> 1 THEN
    RAISE EXCEPTION 'the confirmation was not written with the booking';
  END IF;
END $$;
