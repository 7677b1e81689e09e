-- Harness: the pack's queries run on a primary (this server), then checks of what the router
-- relies on: a commit moves pg_current_wal_lsn forward, pg_lsn values compare in WAL order,
-- and the replay position asked through pg_is_in_recovery() is NULL on a primary (this
-- server may have gone through crash recovery, when pg_last_wal_replay_lsn() alone is not NULL:
-- the reason the pack asks both).
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
  IF pg_is_in_recovery() THEN RAISE EXCEPTION 'this server should be a primary'; END IF;
  IF (SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() END) IS NOT NULL THEN
    RAISE EXCEPTION 'expected no replay position on a primary';
  END IF;
END $$;
