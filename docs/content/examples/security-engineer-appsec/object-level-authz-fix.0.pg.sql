-- Set-up: the application's database role (roles are cluster-wide, so create it only once).
DO $$ BEGIN
  CREATE ROLE invoices_api NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

{{EXAMPLE}}

-- Checks: as the application role, account 42 sees its own invoice and never account 7's.
BEGIN;
SET LOCAL ROLE invoices_api;
SET LOCAL app.account_id = '42';
DO $$ BEGIN
  IF (SELECT count(*) FROM invoices WHERE id = 1002) <> 0 THEN
    RAISE EXCEPTION 'account 42 can read account 7''s invoice';
  END IF;
  IF (SELECT count(*) FROM invoices) <> 1 OR (SELECT min(id) FROM invoices) <> 1001 THEN
    RAISE EXCEPTION 'account 42 must see exactly its own invoice';
  END IF;
END $$;
COMMIT;

-- After a transaction-local setting has been used, the setting reads as '' in the session:
-- the policy must still fail closed rather than error or show rows.
BEGIN;
SET LOCAL ROLE invoices_api;
DO $$ BEGIN
  IF current_setting('app.account_id', true) IS DISTINCT FROM '' THEN
    RAISE EXCEPTION 'expected the reset setting to read as empty, got %', current_setting('app.account_id', true);
  END IF;
  IF (SELECT count(*) FROM invoices) <> 0 THEN
    RAISE EXCEPTION 'with no account set, no rows may be visible';
  END IF;
END $$;
COMMIT;
