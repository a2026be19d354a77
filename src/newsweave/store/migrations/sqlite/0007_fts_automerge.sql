-- FTS5 merges a level's index segments once 8 of them exist (its default is 4).
-- Each ingest batch adds one segment, and merging them was a fifth of the cost
-- of indexing an article; at 60k articles, searches take the same time either
-- way (benchmarks/bench_cluster.py for ingest; 'optimize' still merges all).
INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8);
