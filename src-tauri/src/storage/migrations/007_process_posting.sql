-- The job posting pasted on an interview process: the planner matches it against the role's
-- content to raise what it stresses. Only the text is kept; the matches are recomputed.
CREATE TABLE process_posting (
    process_id INTEGER PRIMARY KEY REFERENCES process(id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    source     TEXT NOT NULL DEFAULT '',  -- the file it came from, or '' when pasted
    saved_at   TEXT NOT NULL
);
