-- Planner inputs: interview processes, their round dates, per-date availability changes,
-- tasks ticked done, and debriefs of real rounds. The plan itself is recomputed, never stored,
-- except the last one shown, to tell the user what changed.

CREATE TABLE process (
    id             INTEGER PRIMARY KEY,
    company        TEXT NOT NULL,
    role_id        TEXT NOT NULL,
    interview_date TEXT NOT NULL,        -- YYYY-MM-DD: the final round
    archived       INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL
);

CREATE TABLE process_round (
    process_id INTEGER NOT NULL REFERENCES process(id) ON DELETE CASCADE,
    round_id   TEXT NOT NULL,
    date       TEXT,                     -- YYYY-MM-DD when known
    done       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (process_id, round_id)
);

-- Minutes available on one date, replacing the weekday default (0 = day off).
CREATE TABLE day_override (
    date    TEXT PRIMARY KEY,
    minutes INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 960),
    note    TEXT NOT NULL DEFAULT ''
);

CREATE TABLE plan_task_done (
    task_key TEXT PRIMARY KEY,
    date     TEXT NOT NULL,
    minutes  INTEGER NOT NULL,
    done_at  TEXT NOT NULL
);

CREATE TABLE debrief (
    id         INTEGER PRIMARY KEY,
    process_id INTEGER NOT NULL REFERENCES process(id) ON DELETE CASCADE,
    round_id   TEXT NOT NULL,
    held_on    TEXT NOT NULL,
    went       INTEGER NOT NULL CHECK (went BETWEEN 1 AND 5),
    notes      TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Questions actually asked; they become priority items for the rounds still to come.
CREATE TABLE debrief_question (
    debrief_id  INTEGER NOT NULL REFERENCES debrief(id) ON DELETE CASCADE,
    role_id     TEXT NOT NULL,
    question_id TEXT NOT NULL,
    PRIMARY KEY (debrief_id, role_id, question_id)
);

-- The last plan shown, so a re-plan can say what changed.
CREATE TABLE plan_snapshot (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    made_on TEXT NOT NULL,
    plan    TEXT NOT NULL
);
