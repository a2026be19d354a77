"""The flows: every sequence that wires stages, inputs and the store together.

The stage packages (:mod:`newsweave.extract`, :mod:`newsweave.dedup`,
:mod:`newsweave.cluster`, :mod:`newsweave.brief`) know nothing of inputs, the
store or the applications; the flows here do, and the CLI and the web app call them.

* :mod:`~newsweave.pipeline.ingest`: read -> extract -> store (+ stories), in batches;
* :mod:`~newsweave.pipeline.reprocess`: re-extract every stored article;
* :mod:`~newsweave.pipeline.extract`: stateless ``extract`` to files;
* :mod:`~newsweave.pipeline.cluster`: stateless ``cluster`` of one input;
* :mod:`~newsweave.pipeline.stories`: the story assigner over a store (snapshot, recluster);
* :mod:`~newsweave.pipeline.storylines`: a story's place in its storyline, a storyline's stories;
* :mod:`~newsweave.pipeline.brief`: briefs of stored stories (``show``, ``export``, the
  server's cached briefs) and the stateless ``brief`` of one input;
* :mod:`~newsweave.pipeline.brief_pool`: the worker processes that build briefs;
* :mod:`~newsweave.pipeline.extract_pool`: the worker processes that extract pages
  (``extract --jobs``, ``ingest --jobs``).
"""
