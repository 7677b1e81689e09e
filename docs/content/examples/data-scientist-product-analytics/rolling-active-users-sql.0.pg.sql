-- Harness: DAU, rolling 7-day and 28-day active users for every day of June.
CREATE TABLE events (user_id int NOT NULL, event_at timestamp NOT NULL, event_name text NOT NULL);
INSERT INTO events VALUES
    (4, '2024-05-10 12:00', 'open'),                                  -- only in May
    (1, '2024-05-20 12:00', 'open'), (1, '2024-06-01 08:00', 'open'), (1, '2024-06-02 08:00', 'open'),
    (2, '2024-06-01 09:00', 'open'), (2, '2024-06-01 21:00', 'search'), (2, '2024-06-08 09:00', 'open'),
    (3, '2024-06-05 13:00', 'open');
-- nothing at all on 2024-06-09 (an outage day) or after 2024-06-08

CREATE TABLE result AS
{{EXAMPLE}}

DO $$
DECLARE
    got text;
BEGIN
    IF (SELECT count(*) FROM result) <> 30 THEN
        RAISE EXCEPTION 'every day of June needs a row, even days without events';
    END IF;
    SELECT string_agg(format('%s %s/%s/%s', day, dau, wau_7d, mau_28d), '; ' ORDER BY day)
      INTO got FROM result WHERE day IN ('2024-06-01', '2024-06-09', '2024-06-30');
    IF got IS DISTINCT FROM '2024-06-01 2/2/3; 2024-06-09 0/2/3; 2024-06-30 0/0/2' THEN
        RAISE EXCEPTION 'unexpected activity counts: %', got;
    END IF;
    IF (SELECT dau_over_mau FROM result WHERE day = '2024-06-01') <> 0.667 THEN
        RAISE EXCEPTION 'stickiness on June 1 should be 2/3';
    END IF;
END $$;
