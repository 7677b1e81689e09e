-- Set-up: six months of CI test results, one row per test execution (retries included).
CREATE TABLE test_results (
  test_name   text NOT NULL,
  commit_sha  text NOT NULL,
  outcome     text NOT NULL CHECK (outcome IN ('pass', 'fail')),
  finished_at timestamptz NOT NULL
);
INSERT INTO test_results VALUES
  -- flaky: failed and passed on the same commit, twice in four commits
  ('checkout_applies_coupon', 'c1', 'fail', '2025-02-01 10:00+00'),
  ('checkout_applies_coupon', 'c1', 'pass', '2025-02-01 10:05+00'),
  ('checkout_applies_coupon', 'c2', 'pass', '2025-02-02 10:00+00'),
  ('checkout_applies_coupon', 'c3', 'fail', '2025-02-03 10:00+00'),
  ('checkout_applies_coupon', 'c3', 'pass', '2025-02-03 10:04+00'),
  ('checkout_applies_coupon', 'c4', 'pass', '2025-02-04 10:00+00'),
  -- a real regression: fails every time on c3, passes elsewhere; not flaky
  ('login_redirects', 'c2', 'pass', '2025-02-02 10:00+00'),
  ('login_redirects', 'c3', 'fail', '2025-02-03 10:00+00'),
  ('login_redirects', 'c3', 'fail', '2025-02-03 10:04+00'),
  ('login_redirects', 'c4', 'pass', '2025-02-04 10:00+00'),
  -- always green
  ('search_suggests', 'c1', 'pass', '2025-02-01 10:00+00'),
  ('search_suggests', 'c2', 'pass', '2025-02-02 10:00+00'),
  -- flaky last year, outside the window
  ('export_csv', 'c0', 'fail', '2024-12-01 10:00+00'),
  ('export_csv', 'c0', 'pass', '2024-12-01 10:05+00');

{{EXAMPLE}}

-- Checks: only the coupon test is reported, with two flaky commits out of four.
DO $$ BEGIN
  IF (SELECT array_agg(test_name) FROM flaky_tests) <> ARRAY['checkout_applies_coupon'] THEN
    RAISE EXCEPTION 'unexpected flaky set: %', (SELECT array_agg(test_name) FROM flaky_tests);
  END IF;
  IF (SELECT (commits_run, flaky_commits, flake_rate) FROM flaky_tests) <> (4::bigint, 2::bigint, 0.500) THEN
    RAISE EXCEPTION 'wrong counts: %', (SELECT (commits_run, flaky_commits, flake_rate)::text FROM flaky_tests);
  END IF;
END $$;
