-- Installed content packs and their role hubs. Rendered role content is kept as JSON;
-- the columns other modules query (rounds, questions) are tables of their own.
CREATE TABLE pack (
    id           TEXT PRIMARY KEY,
    version      TEXT NOT NULL,
    title        TEXT NOT NULL,
    description  TEXT,
    language     TEXT NOT NULL,
    authors      TEXT NOT NULL,          -- JSON array
    license      TEXT NOT NULL,
    sources      TEXT NOT NULL,          -- JSON array
    builtin      INTEGER NOT NULL DEFAULT 0,
    hidden       INTEGER NOT NULL DEFAULT 0,
    content_hash TEXT NOT NULL,
    installed_at TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE TABLE role (
    id        TEXT PRIMARY KEY,
    pack_id   TEXT NOT NULL REFERENCES pack(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    title     TEXT NOT NULL,
    level     TEXT NOT NULL,
    field     TEXT NOT NULL,
    summary   TEXT NOT NULL,
    content   TEXT NOT NULL              -- rendered role (sanitised HTML fields), JSON
);
CREATE INDEX role_pack ON role(pack_id);

CREATE TABLE round (
    role_id     TEXT NOT NULL REFERENCES role(id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    minutes     INTEGER NOT NULL,
    focus_areas TEXT NOT NULL,           -- JSON array of focus-area ids
    PRIMARY KEY (role_id, id)
);

CREATE TABLE focus_area (
    role_id  TEXT NOT NULL REFERENCES role(id) ON DELETE CASCADE,
    id       TEXT NOT NULL,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    weight   INTEGER NOT NULL,
    PRIMARY KEY (role_id, id)
);

CREATE TABLE question (
    role_id    TEXT NOT NULL REFERENCES role(id) ON DELETE CASCADE,
    id         TEXT NOT NULL,
    position   INTEGER NOT NULL,
    round_id   TEXT NOT NULL,
    focus_area TEXT NOT NULL,
    prompt     TEXT NOT NULL,
    difficulty TEXT NOT NULL,
    minutes    INTEGER NOT NULL,
    content    TEXT NOT NULL,            -- rendered question, JSON
    PRIMARY KEY (role_id, id),
    FOREIGN KEY (role_id, round_id) REFERENCES round(role_id, id)
);

-- Full-text index over what a user searches: questions (prompt + answer), rounds and FAQ.
CREATE VIRTUAL TABLE search_index USING fts5(
    role_id UNINDEXED,
    kind UNINDEXED,
    item_id UNINDEXED,
    title,
    body,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
-- Titles (prompts, round names, FAQ questions) weigh 4x the body in the ranking.
INSERT INTO search_index(search_index, rank) VALUES ('rank', 'bm25(0.0, 0.0, 0.0, 4.0, 1.0)');

-- Progress that must outlive pack updates is keyed by role and item id, not by foreign key.
CREATE TABLE checklist_tick (
    role_id   TEXT NOT NULL,
    item_id   TEXT NOT NULL,
    ticked_at TEXT NOT NULL,
    PRIMARY KEY (role_id, item_id)
);
