-- Harness: the service's role, the pack's table, query and policy, then the pen test's request.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'expenses_app') THEN
    CREATE ROLE expenses_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
END $$;

{{EXAMPLE}}

INSERT INTO expense_reports VALUES (9001, 42, 7, 'submitted', 125000),   -- tenant 42's report
                                   (9002, 41, 3, 'draft', 4000);        -- tenant 41's report

BEGIN;
SET LOCAL ROLE expenses_app;
DO $$ BEGIN PERFORM set_config('app.tenant_id', '41', true); END $$;
CREATE TEMP TABLE seen AS SELECT 'scoped' AS q, count(*) AS n FROM expense_reports WHERE id = 9001 AND tenant_id = 41;
INSERT INTO seen SELECT 'forgetful', count(*) FROM expense_reports WHERE id = 9001;    -- the pen test's bug
INSERT INTO seen SELECT 'own', count(*) FROM expense_reports WHERE id = 9002;
INSERT INTO seen SELECT 'all', count(*) FROM expense_reports;
DO $$
BEGIN
  IF (SELECT string_agg(q || '=' || n, ' ' ORDER BY q) FROM seen) <> 'all=1 forgetful=0 own=1 scoped=0' THEN
    RAISE EXCEPTION 'tenant 41 sees: %', (SELECT string_agg(q || '=' || n, ' ' ORDER BY q) FROM seen);
  END IF;
  -- Writing a row into another tenant is refused by WITH CHECK.
  BEGIN
    INSERT INTO expense_reports VALUES (9003, 42, 3, 'draft', 1);
    RAISE EXCEPTION 'inserted into tenant 42';
  EXCEPTION WHEN insufficient_privilege THEN NULL;   -- new row violates row-level security policy
  END;
  -- Updating another tenant's report touches nothing.
  UPDATE expense_reports SET status = 'approved' WHERE id = 9001;
  IF FOUND THEN RAISE EXCEPTION 'updated tenant 42''s report'; END IF;
END $$;
COMMIT;

-- The prepared statement, as the app runs it: tenant 41 asking for 9001 gets no row (a 404),
-- asking for its own 9002 gets one.
BEGIN;
SET LOCAL ROLE expenses_app;
DO $$ BEGIN PERFORM set_config('app.tenant_id', '41', true); END $$;
\o /dev/null
EXECUTE get_report(9001, 41);
\o
SELECT :ROW_COUNT = 0 AS other_tenant_hidden \gset
\o /dev/null
EXECUTE get_report(9002, 41);
\o
SELECT :ROW_COUNT = 1 AS own_report_found \gset
COMMIT;
\if :other_tenant_hidden
\else
  DO $$ BEGIN RAISE EXCEPTION 'get_report returned another tenant''s report'; END $$;
\endif
\if :own_report_found
\else
  DO $$ BEGIN RAISE EXCEPTION 'get_report did not return the tenant''s own report'; END $$;
\endif
