-- A change counter for the whole store: every write transaction moves it on
-- (SQLiteStore._writing, just before COMMIT), so a reader that finds it unchanged
-- knows nothing it could see changed: no article stored or reprocessed, no story
-- assigned or reclustered, no brief cached or marked stale, no source imported.
-- The server keys its search cache on it (Store.change_count).
CREATE TABLE store_changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    counter INTEGER NOT NULL
);
INSERT INTO store_changes (id, counter) VALUES (1, 0);
