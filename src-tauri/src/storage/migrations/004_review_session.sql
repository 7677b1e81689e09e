-- The practice queue reads a session's ratings after every rating, and deleting a session
-- sets its reviews' session_id to NULL: both would scan every review ever given without this.
CREATE INDEX review_session ON review(session_id, id);
