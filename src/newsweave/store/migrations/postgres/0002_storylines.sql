-- Storylines (issue 16): every story names the storyline (saga) it belongs to.
-- Stories stored before this have none until rebuilt: the code that writes the
-- storyline also changes the assigner's snapshot format (its code digest), so
-- the next run that assigns stories rebuilds them all, storylines included.
ALTER TABLE stories ADD COLUMN storyline TEXT COLLATE "C";
CREATE INDEX stories_storyline ON stories (storyline) WHERE storyline IS NOT NULL;
