-- Harness: the pack's queries run on a primary (this server), then checks of what the router
-- relies on: a commit moves pg_current_wal_lsn forward, pg_lsn values compare in WAL order,
-- and pg_last_wal_replay_lsn is NULL off a standby (so the router must treat NULL as "not a
-- replica").
\o /dev/null
{{EXAMPLE}}
\o
CREATE TABLE settings (user_id int PRIMARY KEY, theme text);
SELECT pg_current_wal_lsn() AS before_write \gset
INSERT INTO settings VALUES (1, 'dark');
SELECT pg_current_wal_lsn() > :'before_write'::pg_lsn AS advanced \gset
\if :advanced
\else
  DO $$ BEGIN RAISE EXCEPTION 'the commit did not advance the WAL position'; END $$;
\endif
DO $$
BEGIN
  IF NOT ('1/0'::pg_lsn > '0/FFFFFFFF'::pg_lsn) THEN RAISE EXCEPTION 'pg_lsn order'; END IF;
  IF pg_wal_lsn_diff('0/3000060', '0/3000000') <> 96 THEN RAISE EXCEPTION 'lsn diff'; END IF;
  IF pg_last_wal_replay_lsn() IS NOT NULL THEN RAISE EXCEPTION 'expected NULL on a primary'; END IF;
END $$;
