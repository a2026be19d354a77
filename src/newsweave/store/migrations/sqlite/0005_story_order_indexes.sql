-- Indexes for the story list orders of the web app and the API
-- (newsweave.store.sqlite_serving): each matches its ORDER BY expression
-- exactly, so a page of stories is read in order instead of sorting them all.
CREATE INDEX stories_recent ON stories (COALESCE(last_seen_utc, ''), id);
CREATE INDEX stories_oldest ON stories (COALESCE(first_seen_utc, ''), id);
CREATE INDEX stories_largest ON stories (independent_sources, articles, id);
