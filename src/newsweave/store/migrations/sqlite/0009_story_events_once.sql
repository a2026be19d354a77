-- A story event is written once per change (issue 21).  Replaying articles after
-- a crash (the snapshot is older than the stored stories) or two writers
-- assigning the same articles produce the same events again, since assignment
-- is deterministic: the same kind, stories and triggering article.  Keep the
-- first copy of each and let the store ignore later ones (INSERT OR IGNORE).
DELETE FROM story_events WHERE id NOT IN (
    SELECT MIN(id) FROM story_events
    GROUP BY kind, story_id, other_id, IFNULL(at_article, '')
);
CREATE UNIQUE INDEX story_events_once
    ON story_events (kind, story_id, other_id, IFNULL(at_article, ''));
