-- Where each article's published date came from (issue 16): 'input' (the
-- container: a JSONL field, a feed entry, a WARC header), 'page' (the page's
-- declared metadata) or 'text' (read from the words of the page).  Articles
-- stored before this have none (NULL, read as "not metadata": the clusterer
-- then treats their dates as it did before); `newsweave reprocess` fills it.
ALTER TABLE articles ADD COLUMN date_source TEXT;
