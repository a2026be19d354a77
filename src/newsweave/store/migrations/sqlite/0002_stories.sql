-- Stories: every article's story, its copy/rewrite link, the stories themselves,
-- their merge/split history, and the saved state of the story assigner.

-- The story an article belongs to now (NULL until assigned), and the earlier
-- article it copies or rewrites, if any (link_to is the copy chain's original;
-- link_matched the article it was compared with).
ALTER TABLE articles ADD COLUMN story_id TEXT;
ALTER TABLE articles ADD COLUMN link_kind TEXT;     -- exact | near | syndicated | rewrite
ALTER TABLE articles ADD COLUMN link_to TEXT;
ALTER TABLE articles ADD COLUMN link_score REAL;
ALTER TABLE articles ADD COLUMN link_matched TEXT;

CREATE INDEX articles_story ON articles (story_id, seq) WHERE story_id IS NOT NULL;

CREATE TABLE stories (
    id                  TEXT PRIMARY KEY,
    headline            TEXT,
    first_seen          TEXT,
    first_seen_utc      TEXT,
    last_seen           TEXT,
    last_seen_utc       TEXT,
    articles            INTEGER NOT NULL,
    independent_sources INTEGER NOT NULL,
    sources             TEXT NOT NULL DEFAULT '[]',   -- JSON array of source names
    groups              TEXT NOT NULL DEFAULT '[]',   -- JSON array of collapsed copy groups
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    updated_seq         INTEGER NOT NULL DEFAULT 0    -- bumps on every change, for "what's new"
);

CREATE INDEX stories_last_seen ON stories (last_seen_utc);
CREATE INDEX stories_updated ON stories (updated_seq);

-- History: story other_id merged into story_id, or split off from it.
CREATE TABLE story_events (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,          -- merge | split
    story_id   TEXT NOT NULL,          -- the story kept (merge) or split (split)
    other_id   TEXT NOT NULL,          -- the story absorbed (merge) or created (split)
    at_article TEXT,                   -- the article whose arrival triggered it
    score      REAL,
    articles   TEXT NOT NULL DEFAULT '[]',   -- JSON array: the article ids that moved
    at         TEXT NOT NULL
);

CREATE INDEX story_events_story ON story_events (story_id);
CREATE INDEX story_events_other ON story_events (other_id);

-- The assigner's in-memory state after article upto_seq, so the next run goes
-- on from there instead of replaying every stored article.  A cache: when it
-- is missing or of another format, the state is rebuilt from the articles.
CREATE TABLE pipeline_state (
    name     TEXT PRIMARY KEY,
    format   TEXT NOT NULL,
    upto_seq INTEGER NOT NULL,
    data     BLOB NOT NULL,
    saved_at TEXT NOT NULL
);
