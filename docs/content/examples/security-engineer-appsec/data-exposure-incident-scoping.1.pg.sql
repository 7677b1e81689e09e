-- Set-up: invoices and the export audit log (one row per invoice served in a response).
CREATE TABLE invoices (id bigint PRIMARY KEY, account_id bigint NOT NULL);
INSERT INTO invoices VALUES (1, 100), (2, 100), (3, 200), (4, 300);

CREATE TABLE export_log (
  request_id        text NOT NULL,
  served_at         timestamptz NOT NULL,
  requester_account bigint NOT NULL,
  invoice_id        bigint NOT NULL
);
INSERT INTO export_log VALUES
  ('r1', '2025-03-07 16:00+00', 200, 1),   -- before the deploy: not counted
  ('r2', '2025-03-07 18:00+00', 100, 1),   -- own data
  ('r2', '2025-03-07 18:00+00', 100, 2),
  ('r3', '2025-03-08 10:00+00', 200, 1),   -- cached export of account 100 served to 200
  ('r3', '2025-03-08 10:00+00', 200, 2),
  ('r4', '2025-03-09 12:00+00', 300, 1),   -- and to 300
  ('r5', '2025-03-09 13:00+00', 100, 3),   -- account 200's invoice served to 100
  ('r6', '2025-03-10 10:00+00', 300, 3);   -- after the flag went off: not counted

{{EXAMPLE}}

-- Checks: three exposed records for owner 100 seen by two accounts, one for owner 200.
DO $$ BEGIN
  IF (SELECT count(*) FROM exposed_records) <> 4 THEN
    RAISE EXCEPTION 'expected 4 exposed rows, got %', (SELECT count(*) FROM exposed_records);
  END IF;
  IF (SELECT count(DISTINCT invoice_id) FROM exposed_records WHERE owner_account = 100) <> 2
     OR (SELECT count(DISTINCT requester_account) FROM exposed_records WHERE owner_account = 100) <> 2 THEN
    RAISE EXCEPTION 'owner 100: 2 invoices seen by 2 accounts';
  END IF;
  IF (SELECT array_agg(DISTINCT owner_account ORDER BY owner_account) FROM exposed_records) <> ARRAY[100, 200]::bigint[] THEN
    RAISE EXCEPTION 'only owners 100 and 200 were exposed';
  END IF;
END $$;
