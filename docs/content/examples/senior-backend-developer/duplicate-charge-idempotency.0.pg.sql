-- Harness: the pack's key table; a repeated key is refused by the primary key, which is what
-- lets the service detect a retry inside the same transaction as the insert.
{{EXAMPLE}}

INSERT INTO idempotency_keys (key, request_hash, status) VALUES ('k1', 'h1', 'in_progress');
INSERT INTO idempotency_keys (key, request_hash, status) VALUES ('k1', 'h1', 'in_progress')
  ON CONFLICT (key) DO NOTHING;
DO $$
BEGIN
  IF (SELECT count(*) FROM idempotency_keys) <> 1 THEN RAISE EXCEPTION 'key stored twice'; END IF;
  INSERT INTO idempotency_keys (key, request_hash, status) VALUES ('k1', 'h2', 'in_progress');
  RAISE EXCEPTION 'a duplicate key was accepted';
EXCEPTION WHEN unique_violation THEN NULL;
END $$;
