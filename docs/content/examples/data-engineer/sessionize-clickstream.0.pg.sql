-- Harness: the hand-checked user from the answer (10:00, 10:20, 10:55, 11:05), a tie on the
-- timestamp, a single-event session and a session that crosses midnight.
CREATE TABLE events (user_id int, event_id int, event_ts timestamp, event_type text);
INSERT INTO events VALUES
  (1, 1, '2024-06-01 10:00', 'view'), (1, 2, '2024-06-01 10:20', 'view'),
  (1, 3, '2024-06-01 10:55', 'view'), (1, 4, '2024-06-01 11:05', 'click'),
  (2, 5, '2024-06-01 23:50', 'view'), (2, 6, '2024-06-02 00:20', 'view'),
  (2, 7, '2024-06-02 00:20', 'click'),
  (3, 8, '2024-06-02 09:00', 'view');

CREATE TEMP TABLE result AS
{{EXAMPLE}}

DO $$
DECLARE r record;
BEGIN
  -- 1 June: user 1's two sessions (20 and 10 minutes) and user 2's session that starts at
  -- 23:50 and ends at 00:20 (30 minutes), counted on the day it starts.
  SELECT * INTO r FROM result WHERE day = DATE '2024-06-01';
  IF r.sessions <> 3 OR r.median_minutes <> 20 THEN
    RAISE EXCEPTION '1 June: expected 3 sessions, median 20, got % and %', r.sessions, r.median_minutes;
  END IF;
  -- 2 June: only user 3's single-event session, length 0.
  SELECT * INTO r FROM result WHERE day = DATE '2024-06-02';
  IF r.sessions <> 1 OR r.median_minutes <> 0 THEN
    RAISE EXCEPTION '2 June: expected 1 session of 0 minutes, got % and %', r.sessions, r.median_minutes;
  END IF;
END $$;
