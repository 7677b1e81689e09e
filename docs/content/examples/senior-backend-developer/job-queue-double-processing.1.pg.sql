-- Harness: the pack's schema and functions, then the behaviour the answer claims.
{{EXAMPLE}}

INSERT INTO jobs (payload, run_at) VALUES
  ('{"invoice": 1}', now() - interval '3 minutes'),
  ('{"invoice": 2}', now() - interval '2 minutes'),
  ('{"invoice": 3}', now() + interval '1 hour');       -- not due yet

-- Two claims take two different due jobs, oldest first; a job not yet due is left alone.
DO $$
DECLARE a bigint; b bigint; c bigint;
BEGIN
  SELECT id INTO a FROM claim_job('worker-a');
  SELECT id INTO b FROM claim_job('worker-b');
  SELECT id INTO c FROM claim_job('worker-c');
  IF a IS DISTINCT FROM 1 OR b IS DISTINCT FROM 2 OR c IS NOT NULL THEN
    RAISE EXCEPTION 'claims: % % %', a, b, c;
  END IF;
END $$;

-- complete_job only works for the lease holder.
DO $$
BEGIN
  IF complete_job(1, 'worker-b') THEN RAISE EXCEPTION 'a stranger completed job 1'; END IF;
  IF NOT complete_job(1, 'worker-a') THEN RAISE EXCEPTION 'the owner could not complete job 1'; END IF;
END $$;

-- A crashed worker's expired lease is reclaimed while attempts remain.
UPDATE jobs SET locked_until = now() - interval '1 minute' WHERE id = 2;
DO $$
DECLARE r record;
BEGIN
  SELECT * INTO r FROM claim_job('worker-c');
  IF r.id IS DISTINCT FROM 2 OR r.attempts <> 2 THEN RAISE EXCEPTION 'reclaim: %', r; END IF;
  IF (SELECT locked_by FROM jobs WHERE id = 2) <> 'worker-c' THEN RAISE EXCEPTION 'owner'; END IF;
END $$;

-- An error on attempt 2 sends the job back to pending with a later run_at.
DO $$
BEGIN
  IF fail_job(2, 'worker-a', 'late') <> 'lease lost' THEN RAISE EXCEPTION 'stale worker failed the job'; END IF;
  IF fail_job(2, 'worker-c', 'smtp 451') <> 'pending' THEN RAISE EXCEPTION 'retry'; END IF;
  IF (SELECT run_at <= now() + interval '1 minute' FROM jobs WHERE id = 2) THEN
    RAISE EXCEPTION 'no backoff';
  END IF;
END $$;

-- An error on the fifth attempt is terminal: failed, and in the dead-letter table.
UPDATE jobs SET run_at = now() - interval '1 second', attempts = 4 WHERE id = 2;
DO $$
DECLARE r record;
BEGIN
  SELECT * INTO r FROM claim_job('worker-a');
  IF r.id <> 2 OR r.attempts <> 5 THEN RAISE EXCEPTION 'fifth claim: %', r; END IF;
  IF fail_job(2, 'worker-a', 'smtp 550') <> 'failed' THEN RAISE EXCEPTION 'not failed'; END IF;
  IF NOT EXISTS (SELECT 1 FROM dead_letter_jobs WHERE job_id = 2 AND reason = 'smtp 550') THEN
    RAISE EXCEPTION 'no dead letter for job 2';
  END IF;
  IF EXISTS (SELECT 1 FROM claim_job('worker-b')) THEN RAISE EXCEPTION 'a failed job was claimed'; END IF;
END $$;

-- The bug in the original filter: a crash on the fifth attempt. The claim must not take the
-- job, and the reaper must move it to 'failed' and the dead-letter table, not leave it running.
INSERT INTO jobs (id, payload, status, attempts, locked_by, locked_until)
VALUES (10, '{"invoice": 10}', 'running', 5, 'worker-dead', now() - interval '1 minute');
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM claim_job('worker-b')) THEN RAISE EXCEPTION 'claimed a sixth time'; END IF;
  IF bury_expired_jobs() <> 1 THEN RAISE EXCEPTION 'reaper did not bury job 10'; END IF;
  IF (SELECT status FROM jobs WHERE id = 10) <> 'failed' THEN RAISE EXCEPTION 'job 10 not failed'; END IF;
  IF NOT EXISTS (SELECT 1 FROM dead_letter_jobs WHERE job_id = 10) THEN RAISE EXCEPTION 'no dead letter'; END IF;
  IF bury_expired_jobs() <> 0 THEN RAISE EXCEPTION 'buried twice'; END IF;
  IF EXISTS (SELECT 1 FROM jobs WHERE status = 'running' AND locked_until < now()) THEN
    RAISE EXCEPTION 'a job is stuck in running';
  END IF;
END $$;
