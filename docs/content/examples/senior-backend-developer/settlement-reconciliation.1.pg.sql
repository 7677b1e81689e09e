-- Harness: our side for the day and the processor's file in a staging table, then the join.
CREATE TABLE payments_for_day (id text PRIMARY KEY, amount_minor bigint NOT NULL, currency char(3) NOT NULL);
CREATE TABLE settlement_staging (id text, amount_minor bigint NOT NULL, currency char(3) NOT NULL);
INSERT INTO payments_for_day VALUES ('t1', 1000, 'EUR'), ('t2', 500, 'EUR'), ('t4', 700, 'EUR'), ('t5', 900, 'USD');
INSERT INTO settlement_staging VALUES ('t2', 500, 'EUR'), ('t3', 300, 'EUR'), ('t4', 710, 'EUR'), ('t5', 900, 'EUR');

CREATE TEMP TABLE result AS
{{EXAMPLE}}

DO $$
BEGIN
  IF (SELECT string_agg(id || ':' || coalesce(ours::text, '-') || '/' || coalesce(theirs::text, '-'), ' ' ORDER BY id) FROM result)
     <> 't1:1000/- t3:-/300 t4:700/710 t5:900/900' THEN
    RAISE EXCEPTION 'unexpected reconciliation: %', (SELECT string_agg(id, ' ' ORDER BY id) FROM result);
  END IF;
END $$;
