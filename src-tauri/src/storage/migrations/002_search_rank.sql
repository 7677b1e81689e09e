-- Rank search results by bm25 with titles (prompts, round names, FAQ questions) weighted 4x,
-- so `ORDER BY rank` ranks without computing snippets for every match.
INSERT INTO search_index(search_index, rank) VALUES ('rank', 'bm25(0.0, 0.0, 0.0, 4.0, 1.0)');
