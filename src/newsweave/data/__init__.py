"""Package data: the word lists and the gazetteer, read through :mod:`newsweave.wordlists`."""
