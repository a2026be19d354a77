-- The user's source registry (`newsweave sources import`): what is known about
-- each outlet, with the file each fact came from.  Keyed by the case- and
-- space-folded name, as the registry matches outlet names.

CREATE TABLE sources (
    name_key     TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    domain       TEXT,
    country      TEXT,
    type         TEXT NOT NULL DEFAULT 'unknown',
    owner        TEXT,
    bias_ratings TEXT NOT NULL DEFAULT '[]',   -- JSON: [{value, rater, provenance}]
    imported_at  TEXT NOT NULL
);

CREATE INDEX sources_domain ON sources (domain) WHERE domain IS NOT NULL;
