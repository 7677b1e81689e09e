-- Harness: sign-ups, keys and request log for the April cohort.
CREATE TABLE accounts (id int PRIMARY KEY, signed_up_at timestamptz NOT NULL, is_suspected_spam boolean NOT NULL DEFAULT false);
CREATE TABLE api_keys (account_id int REFERENCES accounts(id), created_at timestamptz NOT NULL);
CREATE TABLE api_requests (account_id int REFERENCES accounts(id), requested_at timestamptz NOT NULL, status_code int NOT NULL);
SET TIME ZONE 'UTC';
INSERT INTO accounts (id, signed_up_at, is_suspected_spam) VALUES
  (1, '2025-04-02', false), (2, '2025-04-03', false), (3, '2025-04-05', false),
  (4, '2025-04-08', false), (5, '2025-04-10', false), (6, '2025-04-12', false),
  (7, '2025-04-15', false), (8, '2025-04-18', false), (9, '2025-04-20', false),
  (10, '2025-04-25', false),
  (11, '2025-04-26', true),            -- spam: excluded
  (12, '2025-05-02', false);           -- next month's cohort: excluded
INSERT INTO api_keys VALUES
  (1, '2025-04-02 01:00'), (2, '2025-04-04'), (3, '2025-04-05'), (4, '2025-04-08'),
  (5, '2025-04-10'), (6, '2025-04-13'), (7, '2025-04-23'),   -- 7: key after day 7
  (9, '2025-04-20'), (10, '2025-04-25'), (11, '2025-04-26'), (12, '2025-05-02');
INSERT INTO api_requests VALUES
  (1, '2025-04-02 02:00', 200),
  (2, '2025-04-04 10:00', 401), (2, '2025-04-05 10:00', 200),
  (3, '2025-04-05 12:00', 401), (3, '2025-04-06 12:00', 401),
  (4, '2025-04-09', 422),
  (5, '2025-04-19', 200),                      -- first call after day 7
  (9, '2025-04-21', 401),
  (10, '2025-04-28', 200),
  (11, '2025-04-26 05:00', 200),
  (12, '2025-05-02 05:00', 200);

{{EXAMPLE}}

DO $$
DECLARE f record;
BEGIN
  SELECT * INTO f FROM activation_funnel;
  IF (f.signed_up, f.created_key, f.called_api, f.activated) IS DISTINCT FROM (10::bigint, 8::bigint, 6::bigint, 3::bigint) THEN
    RAISE EXCEPTION 'unexpected funnel: %', f;
  END IF;
END $$;
