"""Story briefs: summary, key points, disagreements, quotes, entities, timeline, coverage."""
