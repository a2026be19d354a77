-- New articles are added to the full-text index by the store, once per batch
-- at the end of its transaction (SQLiteStore.add_articles), instead of by a
-- trigger row by row: the same index, at two thirds of the cost (the trigger
-- interleaved FTS5 writes with the article inserts; at ingest speed the index
-- was the largest single cost of storing an article).  Updates and deletes
-- keep their triggers.
DROP TRIGGER articles_fts_insert;
