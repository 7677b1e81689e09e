-- Harness: integrations and daily call counts per API version.
CREATE TABLE integrations (id int PRIMARY KEY, name text NOT NULL, plan text NOT NULL);
CREATE TABLE api_calls_daily (integration_id int REFERENCES integrations(id), day date NOT NULL,
                              api_version text NOT NULL, calls bigint NOT NULL);
INSERT INTO integrations VALUES
  (1, 'acme-erp', 'enterprise'), (2, 'shopsync', 'growth'), (3, 'tinyapp', 'starter'),
  (4, 'legacy-crm', 'growth'), (5, 'newco', 'starter'), (6, 'dormant', 'starter');
INSERT INTO api_calls_daily VALUES
  (1, '2025-06-10', 'v1', 500000),
  (2, '2025-06-11', 'v1', 1200000), (2, '2025-06-12', 'v1', 800000),
  (3, '2025-06-15', 'v1', 100), (3, '2025-06-15', 'v2', 900),
  (4, '2025-06-20', 'v1', 50000),
  (5, '2025-06-21', 'v2', 7000),                 -- v2 only: not on the list
  (6, '2025-05-15', 'v1', 4000);                 -- outside the 30-day window

{{EXAMPLE}}

DO $$
DECLARE got text;
BEGIN
  SELECT string_agg(name || ':' || outreach, ', ' ORDER BY v1_calls DESC) INTO got FROM v1_outreach;
  IF got <> 'shopsync:named contact, acme-erp:named contact, legacy-crm:email and dashboard banner, tinyapp:already moving: reminder' THEN
    RAISE EXCEPTION 'unexpected outreach list: %', got;
  END IF;
  IF (SELECT v1_share_pct FROM v1_outreach WHERE name = 'tinyapp') <> 10.0 THEN
    RAISE EXCEPTION 'wrong v1 share for tinyapp';
  END IF;
END $$;
