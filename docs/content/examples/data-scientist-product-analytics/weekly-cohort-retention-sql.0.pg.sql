-- Harness: weekly signup cohorts with week-N retention.
CREATE TABLE users (user_id int PRIMARY KEY, signed_up_at timestamp NOT NULL);
CREATE TABLE events (user_id int NOT NULL, event_at timestamp NOT NULL);

INSERT INTO users VALUES
    (1, '2024-01-01 10:00'), (2, '2024-01-03 08:00'), (3, '2024-01-07 23:00'),
    (4, '2024-01-02 12:00'), (5, '2024-01-15 09:00'), (6, '2024-01-17 18:00');
INSERT INTO events VALUES
    (1, '2024-01-09 12:00'), (1, '2024-01-10 12:00'),   -- day 8 and 9: week 1, counted once
    (1, '2024-01-16 12:00'),                            -- day 15: week 2
    (2, '2024-01-03 09:00'), (2, '2024-01-24 09:00'),   -- week 0 and week 3
    (3, '2024-01-13 10:00'),                            -- day 6: still week 0 for a Sunday signup
    (3, '2024-01-14 10:00'),                            -- day 7: week 1
    (4, '2023-12-30 10:00'),                            -- before signup: ignored
    (5, '2024-01-23 10:00');                            -- day 8: week 1
-- user 6 never comes back; user 4 only had a pre-signup event

CREATE TABLE result AS
{{EXAMPLE}}

DO $$
DECLARE
    got text;
BEGIN
    SELECT string_agg(format('%s w%s %s/%s %s', cohort_week, week_n, retained_users, cohort_size, retention),
                      '; ' ORDER BY cohort_week, week_n)
      INTO got FROM result;
    IF got IS DISTINCT FROM
       '2024-01-01 w1 2/4 0.500; 2024-01-01 w2 1/4 0.250; 2024-01-01 w3 1/4 0.250; 2024-01-15 w1 1/2 0.500'
    THEN
        RAISE EXCEPTION 'unexpected retention table: %', got;
    END IF;
END $$;
