-- Initial schema: raw inputs, articles, ingest failures, followed feeds.
--
-- Times are ISO 8601 text.  Columns ending in _utc hold fixed-width UTC text
-- ("2024-05-01T12:00:00.000000Z") that sorts chronologically, for range queries;
-- the plain column keeps the source's own offset so nothing is lost.
-- JSON columns hold the shapes written by newsweave.store.serialise.

CREATE TABLE raw_documents (
    id           INTEGER PRIMARY KEY,
    sha256       TEXT NOT NULL,            -- of the decoded content, as UTF-8
    origin       TEXT NOT NULL,
    content_type TEXT NOT NULL,
    compressed   BLOB NOT NULL,            -- zlib(JSON of the whole RawDocument)
    received_at  TEXT NOT NULL
);

-- seq is the rowid: it fixes ingestion order (VACUUM keeps an INTEGER PRIMARY
-- KEY, unlike an implicit rowid) and is the integer rowid an external-content
-- FTS5 index over articles will point at.  id is the public identifier.
CREATE TABLE articles (
    seq               INTEGER PRIMARY KEY,
    id                TEXT NOT NULL UNIQUE,
    key               TEXT NOT NULL UNIQUE,
    url               TEXT,
    canonical_url     TEXT,
    title             TEXT,
    body              TEXT NOT NULL,
    outlet            TEXT,
    published         TEXT,
    published_utc     TEXT,
    authors           TEXT NOT NULL DEFAULT '[]',   -- JSON array
    language          TEXT,
    labels            TEXT NOT NULL DEFAULT '{}',   -- JSON object
    origin            TEXT NOT NULL DEFAULT '',
    content_type      TEXT NOT NULL DEFAULT 'text/plain',
    content_hash      TEXT NOT NULL DEFAULT '',
    extractor_version TEXT NOT NULL DEFAULT '',
    record_id         TEXT,
    extra             TEXT NOT NULL DEFAULT '{}',   -- JSON object
    -- No index on raw_id: raw documents are never deleted on their own, and
    -- ingest speed matters more than a scan in that rare case.
    raw_id            INTEGER REFERENCES raw_documents (id),
    ingested_at       TEXT NOT NULL
);

-- has_url() looks up either column; most rows have both, so partial indexes
-- skip only the URL-less plain-text inputs.
CREATE INDEX articles_url ON articles (url) WHERE url IS NOT NULL;
CREATE INDEX articles_canonical_url ON articles (canonical_url) WHERE canonical_url IS NOT NULL;

CREATE TABLE ingest_failures (
    id      INTEGER PRIMARY KEY,
    origin  TEXT NOT NULL,
    stage   TEXT NOT NULL,
    error   TEXT NOT NULL,
    message TEXT NOT NULL,
    at      TEXT NOT NULL
);

CREATE TABLE feeds (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    last_polled   TEXT,
    last_status   INTEGER,
    error         TEXT
);
