-- A pack's number, fixed for its life. Search index rows carry it in the high 32 bits of their
-- rowid, so a search leaves out hidden packs, and an update clears a pack's rows, by rowid alone
-- instead of reading each row's role.
ALTER TABLE pack ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
UPDATE pack SET seq = rowid;
CREATE UNIQUE INDEX pack_seq ON pack(seq);

DELETE FROM search_index WHERE role_id NOT IN (SELECT id FROM role);
UPDATE search_index SET rowid = rowid + (
    (SELECT p.seq FROM role r JOIN pack p ON p.id = r.pack_id WHERE r.id = search_index.role_id) << 32
);

-- Written on every install and read by nothing; hashing a 10 MB pack cost 50 ms of each install.
ALTER TABLE pack DROP COLUMN content_hash;
