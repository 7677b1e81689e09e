-- Harness: plans, bulk jobs and envelopes.
CREATE TABLE accounts (id int PRIMARY KEY, plan text NOT NULL, is_test boolean NOT NULL DEFAULT false);
CREATE TABLE bulk_jobs (id int PRIMARY KEY, account_id int REFERENCES accounts(id), created_at timestamptz NOT NULL);
CREATE TABLE envelopes (
  id int PRIMARY KEY, bulk_job_id int REFERENCES bulk_jobs(id), account_id int REFERENCES accounts(id),
  sent_at timestamptz NOT NULL, completed_at timestamptz,
  status text NOT NULL CHECK (status IN ('sent', 'completed', 'declined', 'bounced'))
);
SET TIME ZONE 'UTC';
INSERT INTO accounts VALUES
  (1, 'business', false), (2, 'enterprise', false), (3, 'business', false), (4, 'enterprise', false),
  (5, 'enterprise', true),   -- internal test account: excluded
  (6, 'free', false);        -- not eligible
INSERT INTO bulk_jobs VALUES
  (10, 1, '2025-06-03'), (11, 2, '2025-06-10'), (12, 5, '2025-06-11'), (13, 1, '2025-05-20');
INSERT INTO envelopes VALUES
  (100, 10, 1, '2025-06-03', '2025-06-04', 'completed'),
  (101, 10, 1, '2025-06-03', '2025-06-10', 'completed'),
  (102, 10, 1, '2025-06-03', '2025-06-23', 'completed'),  -- completed after 14 days
  (103, 10, 1, '2025-06-03', NULL, 'bounced'),
  (104, 11, 2, '2025-06-10', '2025-06-11', 'completed'),
  (105, 11, 2, '2025-06-10', NULL, 'sent'),
  (106, 12, 5, '2025-06-11', '2025-06-11', 'completed'),
  (107, 12, 5, '2025-06-11', '2025-06-11', 'completed'),
  (108, 12, 5, '2025-06-11', '2025-06-11', 'completed'),
  (109, 13, 1, '2025-05-20', '2025-05-21', 'completed'),
  (110, 13, 1, '2025-05-20', '2025-05-21', 'completed');

{{EXAMPLE}}

DO $$
DECLARE m record;
BEGIN
  SELECT * INTO m FROM bulk_send_metrics;
  IF m.eligible_accounts <> 4 OR m.adopting_accounts <> 2 OR m.adoption_pct <> 50.0
     OR m.completed_per_eligible_account <> 0.75 OR m.completion_14d_pct <> 50.0
     OR m.bounce_pct <> 16.7 THEN
    RAISE EXCEPTION 'unexpected metrics: %', m;
  END IF;
END $$;
