-- pipeline_state again, with the snapshot blob as the row's last column.
-- SQLiteStore.save_state reserves the blob with zeroblob(n) and copies the
-- snapshot file into it in chunks; SQLite leaves a zeroblob unwritten only
-- when it is the last column, otherwise it builds the n zero bytes in memory
-- (twice): at 100k articles that was 500 MB of peak memory for nothing.
CREATE TABLE pipeline_state_new (
    name     TEXT PRIMARY KEY,
    format   TEXT NOT NULL,
    upto_seq INTEGER NOT NULL,
    saved_at TEXT NOT NULL,
    data     BLOB NOT NULL
);
INSERT INTO pipeline_state_new (name, format, upto_seq, saved_at, data)
    SELECT name, format, upto_seq, saved_at, data FROM pipeline_state;
DROP TABLE pipeline_state;
ALTER TABLE pipeline_state_new RENAME TO pipeline_state;
