-- Practice and progress. Keyed by (role_id, question_id) rather than by foreign key to
-- question, so a pack update or removal never cascades into what the user has done;
-- the pack store deletes progress for questions that really went away and says so.

-- FSRS memory state of each practised question. Rebuildable from `review` (undo relies on it).
CREATE TABLE card (
    role_id        TEXT NOT NULL,
    question_id    TEXT NOT NULL,
    state          INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),
    stability      REAL NOT NULL,
    difficulty     REAL NOT NULL,
    elapsed_days   INTEGER NOT NULL,
    scheduled_days INTEGER NOT NULL,
    reps           INTEGER NOT NULL,
    lapses         INTEGER NOT NULL,
    due            TEXT NOT NULL,        -- RFC 3339 UTC, as FSRS scheduled it (deadline rule applied on read)
    last_review    TEXT NOT NULL,
    PRIMARY KEY (role_id, question_id)
);

CREATE TABLE practice_session (
    id         INTEGER PRIMARY KEY,
    role_id    TEXT NOT NULL,
    scope      TEXT NOT NULL,            -- JSON of the chosen scope
    started_at TEXT NOT NULL,
    ended_at   TEXT
);

-- Every rating ever given.
CREATE TABLE review (
    id          INTEGER PRIMARY KEY,
    role_id     TEXT NOT NULL,
    question_id TEXT NOT NULL,
    rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    reviewed_at TEXT NOT NULL,
    seconds     INTEGER NOT NULL CHECK (seconds >= 0),
    session_id  INTEGER REFERENCES practice_session(id) ON DELETE SET NULL
);
CREATE INDEX review_question ON review(role_id, question_id, reviewed_at);
CREATE INDEX review_time ON review(reviewed_at);

CREATE TABLE note (
    role_id     TEXT NOT NULL,
    question_id TEXT NOT NULL,
    body        TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (role_id, question_id)
);

CREATE TABLE flag (
    role_id     TEXT NOT NULL,
    question_id TEXT NOT NULL,
    favourite   INTEGER NOT NULL DEFAULT 0,
    revisit     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (role_id, question_id)
);

-- The user's own answers; every saved version is kept.
CREATE TABLE draft (
    id          INTEGER PRIMARY KEY,
    role_id     TEXT NOT NULL,
    question_id TEXT NOT NULL,
    body        TEXT NOT NULL,
    written_at  TEXT NOT NULL
);
CREATE INDEX draft_question ON draft(role_id, question_id, written_at);

-- Questions the user adds to a role: the personal pack. Ids start with "mine-" so they
-- can never collide with a pack's question ids.
CREATE TABLE own_question (
    role_id    TEXT NOT NULL,
    id         TEXT NOT NULL CHECK (id LIKE 'mine-%'),
    round_id   TEXT NOT NULL,
    focus_area TEXT NOT NULL,
    prompt     TEXT NOT NULL,
    answer     TEXT NOT NULL,
    skills     TEXT NOT NULL DEFAULT '[]',  -- JSON array
    follow_ups TEXT NOT NULL DEFAULT '[]',  -- JSON array
    difficulty TEXT NOT NULL,
    minutes    INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (role_id, id)
);

CREATE TABLE story (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL,
    situation    TEXT NOT NULL,
    task         TEXT NOT NULL,
    action       TEXT NOT NULL,
    result       TEXT NOT NULL,
    metrics      TEXT NOT NULL,
    competencies TEXT NOT NULL,          -- JSON array of competency ids
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE TABLE story_link (
    story_id    INTEGER NOT NULL REFERENCES story(id) ON DELETE CASCADE,
    role_id     TEXT NOT NULL,
    question_id TEXT NOT NULL,
    PRIMARY KEY (story_id, role_id, question_id)
);
CREATE INDEX story_link_question ON story_link(role_id, question_id);

CREATE TABLE mock (
    id          INTEGER PRIMARY KEY,
    role_id     TEXT NOT NULL,
    round_id    TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    seconds     INTEGER NOT NULL CHECK (seconds >= 0),
    notes       TEXT NOT NULL
);
CREATE INDEX mock_role ON mock(role_id, round_id, finished_at);

-- One self-score (1-5) per criterion the round assesses.
CREATE TABLE mock_score (
    mock_id   INTEGER NOT NULL REFERENCES mock(id) ON DELETE CASCADE,
    criterion TEXT NOT NULL,
    score     INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    PRIMARY KEY (mock_id, criterion)
);
