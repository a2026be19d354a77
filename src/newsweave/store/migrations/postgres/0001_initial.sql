-- The whole schema of the SQLite migrations 0001-0008, in PostgreSQL's dialect.
--
-- Values are written by the same code as in SQLite (newsweave.store.serialise):
-- times are ISO 8601 text, and columns ending in _utc hold fixed-width UTC text
-- that sorts chronologically; JSON columns hold JSON text.  So a database moves
-- between the two back ends value for value.
--
-- seq and raw_documents.id are given by the store under its write lock
-- (PostgresStore._writing), not by a sequence: they then follow commit order,
-- which story assignment relies on ("every article stored after seq N").

CREATE TABLE raw_documents (
    id           BIGINT PRIMARY KEY,
    sha256       TEXT NOT NULL,
    origin       TEXT NOT NULL,
    content_type TEXT NOT NULL,
    compressed   BYTEA NOT NULL,           -- zlib(JSON of the whole RawDocument)
    received_at  TEXT NOT NULL
);

CREATE TABLE articles (
    seq               BIGINT PRIMARY KEY,
    id                TEXT NOT NULL UNIQUE,
    key               TEXT NOT NULL UNIQUE,
    url               TEXT,
    canonical_url     TEXT,
    title             TEXT,
    body              TEXT NOT NULL,
    outlet            TEXT COLLATE "C",
    published         TEXT,
    published_utc     TEXT COLLATE "C",
    authors           TEXT NOT NULL DEFAULT '[]',
    language          TEXT,
    labels            TEXT NOT NULL DEFAULT '{}',
    origin            TEXT NOT NULL DEFAULT '',
    content_type      TEXT NOT NULL DEFAULT 'text/plain',
    content_hash      TEXT NOT NULL DEFAULT '',
    extractor_version TEXT NOT NULL DEFAULT '',
    record_id         TEXT,
    extra             TEXT NOT NULL DEFAULT '{}',
    raw_id            BIGINT REFERENCES raw_documents (id),
    ingested_at       TEXT NOT NULL,
    story_id          TEXT,
    link_kind         TEXT,
    link_to           TEXT,
    link_score        DOUBLE PRECISION,
    link_matched      TEXT
);

CREATE INDEX articles_url ON articles (url) WHERE url IS NOT NULL;
CREATE INDEX articles_canonical_url ON articles (canonical_url) WHERE canonical_url IS NOT NULL;
CREATE INDEX articles_story ON articles (story_id, seq) WHERE story_id IS NOT NULL;
CREATE INDEX articles_outlet ON articles (lower(outlet)) WHERE outlet IS NOT NULL;

-- Full-text search over articles, in a table of its own (as SQLite's FTS5 index
-- is): story assignment updates every new article row in its transaction, and
-- an update of a row with its tsvector would write all its words into the GIN
-- index again.  The store fills it once per batch (PostgresStore.add_articles)
-- with newsweave.store.postgres.SEARCH_VECTOR: the 'simple' configuration
-- (lower-cased words, no stemming, no stop words), like SQLite's unicode61
-- tokenizer, because the articles are in many languages; title words weigh more.
CREATE TABLE article_search (
    seq    BIGINT PRIMARY KEY REFERENCES articles (seq) ON DELETE CASCADE,
    search TSVECTOR NOT NULL
);
-- New rows wait in the index's pending list (GIN fastupdate), which every search
-- scans linearly: the store empties it at the end of each batch
-- (gin_clean_pending_list), or after 10,000 articles searches take 200 ms instead
-- of 1 ms until autovacuum comes.  Batch by batch that costs half of what
-- fastupdate = off (every row straight into the index) does.
CREATE INDEX article_search_words ON article_search USING GIN (search);

CREATE TABLE ingest_failures (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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

-- Text that is sorted or paged on is COLLATE "C" (byte order), as in SQLite,
-- so both back ends list stories in one order whatever the database's locale.
CREATE TABLE stories (
    id                  TEXT COLLATE "C" PRIMARY KEY,
    headline            TEXT,
    first_seen          TEXT,
    first_seen_utc      TEXT COLLATE "C",
    last_seen           TEXT,
    last_seen_utc       TEXT COLLATE "C",
    articles            INTEGER NOT NULL,
    independent_sources INTEGER NOT NULL,
    sources             TEXT NOT NULL DEFAULT '[]',
    groups              TEXT NOT NULL DEFAULT '[]',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    updated_seq         BIGINT NOT NULL DEFAULT 0
);

CREATE INDEX stories_updated ON stories (updated_seq);
-- One per story list order (PostgresStore.story_page), matching its ORDER BY.
CREATE INDEX stories_recent ON stories ((COALESCE(last_seen_utc, '')), id);
CREATE INDEX stories_oldest ON stories ((COALESCE(first_seen_utc, '')), id);
CREATE INDEX stories_largest ON stories (independent_sources, articles, id);

CREATE TABLE story_events (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind       TEXT NOT NULL,
    story_id   TEXT NOT NULL,
    other_id   TEXT NOT NULL,
    at_article TEXT,
    score      DOUBLE PRECISION,
    articles   TEXT NOT NULL DEFAULT '[]',
    at         TEXT NOT NULL
);

CREATE INDEX story_events_story ON story_events (story_id);
-- A story event is written once per change (as SQLite's migration 0009): a
-- replay after a crash or a second writer repeats the same events.
CREATE UNIQUE INDEX story_events_once
    ON story_events (kind, story_id, other_id, COALESCE(at_article, ''));
CREATE INDEX story_events_other ON story_events (other_id);

-- Saved pipeline state (the story assigner's snapshot; the briefs' format and
-- epoch): the header here, the bytes in pipeline_state_chunks, a megabyte a
-- row, so a snapshot of hundreds of MB is written and read as a stream and
-- never passes through memory (or one protocol message) whole.
CREATE TABLE pipeline_state (
    name     TEXT PRIMARY KEY,
    format   TEXT NOT NULL,
    upto_seq BIGINT NOT NULL,
    saved_at TEXT NOT NULL
);

CREATE TABLE pipeline_state_chunks (
    name TEXT NOT NULL REFERENCES pipeline_state (name) ON DELETE CASCADE,
    part INTEGER NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (name, part)
);

-- Cached briefs; search is the searchable text of the brief (headline,
-- summary, key points) as put_brief was given it.
CREATE TABLE briefs (
    story_id    TEXT PRIMARY KEY,
    updated_seq BIGINT NOT NULL,
    headline    TEXT,
    lead        TEXT,
    data        TEXT NOT NULL,
    built_at    TEXT NOT NULL,
    body        TEXT NOT NULL DEFAULT '',
    search      TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', COALESCE(headline, '')), 'A')
        || setweight(to_tsvector('simple', body), 'B')
    ) STORED
);

CREATE INDEX briefs_search ON briefs USING GIN (search) WITH (fastupdate = off);

CREATE TABLE api_keys (
    name       TEXT PRIMARY KEY,
    prefix     TEXT NOT NULL UNIQUE,
    salt       BYTEA NOT NULL,
    hash       BYTEA NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL,
    revoked_at TEXT
);

CREATE TABLE sources (
    name_key     TEXT COLLATE "C" PRIMARY KEY,
    name         TEXT NOT NULL,
    domain       TEXT,
    country      TEXT,
    type         TEXT NOT NULL DEFAULT 'unknown',
    owner        TEXT,
    bias_ratings TEXT NOT NULL DEFAULT '[]',
    imported_at  TEXT NOT NULL
);

CREATE INDEX sources_domain ON sources (domain) WHERE domain IS NOT NULL;
