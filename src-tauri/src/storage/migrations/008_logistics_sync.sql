-- Interview logistics and sync through a folder (issue 19).

-- A round's time and place, usually read from the recruiter's calendar invite. `starts_at` is
-- RFC 3339 with the offset it has where the invite set it ("2026-12-14T09:00:00-05:00"), or
-- without an offset for a floating time, which is on the user's own clock; `date` stays the
-- planner's day (the user's local date). `time_zone` names the zone the invite gave, to show
-- beside the time. The location or meeting link is text: the app never opens it.
ALTER TABLE process_round ADD COLUMN starts_at TEXT;
ALTER TABLE process_round ADD COLUMN time_zone TEXT;
ALTER TABLE process_round ADD COLUMN location TEXT NOT NULL DEFAULT '';
-- The invite event the round came from (UID and SEQUENCE): an update of it moves the round.
ALTER TABLE process_round ADD COLUMN invite_uid TEXT;
ALTER TABLE process_round ADD COLUMN invite_sequence INTEGER;

-- Lines for "what changed" that the plan itself cannot see (an invite that moved a round's
-- time on the same day); shown with the plan's changes until the user has read them.
CREATE TABLE plan_notice (
    id         INTEGER PRIMARY KEY,
    text       TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- The offer a process ended with. Amounts are in minor units (cents) so sums stay exact.
CREATE TABLE process_offer (
    process_id INTEGER PRIMARY KEY REFERENCES process(id) ON DELETE CASCADE,
    base_cents INTEGER NOT NULL CHECK (base_cents > 0),
    currency   TEXT NOT NULL,           -- ISO 4217, three capitals
    period     TEXT NOT NULL CHECK (period IN ('year', 'month', 'hour')),
    bonus      TEXT NOT NULL DEFAULT '',
    equity     TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);

-- A rating keeps one id on every device it reaches, so a merge never counts it twice. Ratings
-- made before this version get an id from what they are (role, question, instant), the same on
-- every device that already holds them from an earlier backup import; new ones a random id.
ALTER TABLE review ADD COLUMN uid TEXT;
UPDATE review SET uid = 'legacy:' || role_id || '/' || question_id || '@' || reviewed_at;
CREATE UNIQUE INDEX review_uid ON review(uid);
CREATE TRIGGER review_uid_new AFTER INSERT ON review WHEN NEW.uid IS NULL
BEGIN
    UPDATE review SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;

-- An interview process is the same process on every device (uid); the latest edit of it wins.
ALTER TABLE process ADD COLUMN uid TEXT;
ALTER TABLE process ADD COLUMN updated_at TEXT;
UPDATE process SET uid = 'legacy:' || role_id || '@' || created_at, updated_at = created_at;
CREATE UNIQUE INDEX process_uid ON process(uid);
CREATE TRIGGER process_uid_new AFTER INSERT ON process WHEN NEW.uid IS NULL OR NEW.updated_at IS NULL
BEGIN
    UPDATE process SET uid = COALESCE(NEW.uid, lower(hex(randomblob(16)))),
                       updated_at = COALESCE(NEW.updated_at, NEW.created_at)
     WHERE id = NEW.id;
END;

-- A note replaced by a later edit from another device is kept here.
CREATE TABLE note_version (
    role_id     TEXT NOT NULL,
    question_id TEXT NOT NULL,
    body        TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (role_id, question_id, updated_at, body)
);

-- Deleted processes, so the other device's copy does not bring them back.
CREATE TABLE sync_deleted (
    kind       TEXT NOT NULL,
    uid        TEXT NOT NULL,
    deleted_at TEXT NOT NULL,
    PRIMARY KEY (kind, uid)
);

-- The other devices seen in the sync folder: when each last wrote its file and when it was merged.
CREATE TABLE sync_peer (
    device_id   TEXT PRIMARY KEY,
    device_name TEXT NOT NULL,
    written_at  TEXT NOT NULL,
    merged_at   TEXT NOT NULL
);
