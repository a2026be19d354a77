-- What the web app and the API need: full-text search over articles and
-- briefs, a cache of computed briefs, and API keys.

-- External-content FTS5 index over articles: the text lives once, in articles;
-- the index points at articles.seq.  Triggers keep it in step.  The update
-- trigger fires only when the indexed columns change, not when ingest sets an
-- article's story or copy link.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body,
    content = 'articles', content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.seq, new.title, new.body);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body)
    VALUES ('delete', old.seq, old.title, old.body);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body)
    VALUES ('delete', old.seq, old.title, old.body);
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.seq, new.title, new.body);
END;

INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');

-- One computed brief per story: the JSON of newsweave.brief.serialise, made
-- for the story as it was at updated_seq (stories.updated_seq).  A cache: a
-- brief older than its story is rebuilt, and the table can be emptied.
CREATE TABLE briefs (
    story_id    TEXT PRIMARY KEY,
    updated_seq INTEGER NOT NULL,
    headline    TEXT,
    lead        TEXT,                 -- the first summary sentence, for story lists
    data        TEXT NOT NULL,        -- JSON (docs/brief-schema.md)
    built_at    TEXT NOT NULL
);

-- Searchable text of each cached brief (headline, summary, key points), kept
-- by the code that writes briefs.
CREATE VIRTUAL TABLE briefs_fts USING fts5(
    story_id UNINDEXED, headline, body,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- API keys: never the key itself, only a salted SHA-256 of it.  The prefix
-- (the key's first characters, not secret) finds the row to check.
CREATE TABLE api_keys (
    name       TEXT PRIMARY KEY,
    prefix     TEXT NOT NULL UNIQUE,
    salt       BLOB NOT NULL,
    hash       BLOB NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
