-- Harness: point-in-time training set. The example's SELECT becomes a table, then checks.
CREATE TABLE prediction_points (
    user_id          int       NOT NULL,
    scored_at        timestamp NOT NULL,
    churned_next_30d boolean   NOT NULL
);
CREATE TABLE feature_snapshots (
    user_id        int       NOT NULL,
    as_of          timestamp NOT NULL,   -- data up to this moment
    available_at   timestamp NOT NULL,   -- when the nightly job finished writing it
    orders_90d     int       NOT NULL,
    avg_basket_90d numeric   NOT NULL
);
CREATE INDEX ON feature_snapshots (user_id, available_at DESC);

INSERT INTO prediction_points VALUES
    (1, '2024-03-10 09:00', false),
    (1, '2024-03-12 09:00', true),
    (2, '2024-03-10 09:00', false);
INSERT INTO feature_snapshots VALUES
    (1, '2024-03-08 00:00', '2024-03-08 06:00', 5, 31.0),
    (1, '2024-03-09 00:00', '2024-03-09 06:00', 6, 30.5),
    (1, '2024-03-10 00:00', '2024-03-10 11:30', 7, 29.0),  -- job ran late: not readable at 09:00
    (2, '2024-03-10 00:00', '2024-03-11 06:00', 1, 12.0);  -- new user: nothing yet at scoring time

CREATE TABLE training_set AS
{{EXAMPLE}}

DO $$
DECLARE
    n int;
    v int;
BEGIN
    SELECT count(*) INTO n FROM training_set;
    IF n <> 3 THEN RAISE EXCEPTION 'expected one row per prediction point, got %', n; END IF;

    SELECT orders_90d INTO v FROM training_set WHERE user_id = 1 AND scored_at = '2024-03-10 09:00';
    IF v IS DISTINCT FROM 6 THEN
        RAISE EXCEPTION 'the 09:00 score must use the snapshot available then (6), got %', v;
    END IF;

    SELECT orders_90d INTO v FROM training_set WHERE user_id = 1 AND scored_at = '2024-03-12 09:00';
    IF v IS DISTINCT FROM 7 THEN RAISE EXCEPTION 'expected the latest snapshot (7), got %', v; END IF;

    IF EXISTS (SELECT 1 FROM training_set WHERE user_id = 2 AND orders_90d IS NOT NULL) THEN
        RAISE EXCEPTION 'user 2 had no snapshot at scoring time; features must be NULL';
    END IF;

    IF (SELECT feature_age FROM training_set WHERE user_id = 1 AND scored_at = '2024-03-10 09:00')
       <> INTERVAL '1 day 9 hours' THEN
        RAISE EXCEPTION 'feature_age is wrong';
    END IF;
END $$;
