-- FTS5 keeps the terms of a transaction in memory and writes them out as one segment each time
-- that memory passes 'hashsize' (1 MB by default). A 10,000-question pack needs about 7 MB, so
-- at the default it was written out in pieces that were merged again, all inside the install.
-- 32 MB lets a pack that size go out as one segment; the memory is freed at commit.
INSERT INTO search_index(search_index, rank) VALUES ('hashsize', 33554432);
