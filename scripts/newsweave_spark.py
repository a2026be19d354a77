"""The newsweave command line for ``spark-submit``, which takes a Python file, not a module.

    spark-submit --master spark://HOST:7077 scripts/newsweave_spark.py \\
        spark run --paths warc.paths --prefix /data/cc-news/ --out /data/newsweave-tables

Every argument is passed to ``newsweave`` as it is (global options such as ``--db``
go before ``spark``).  The executors need newsweave installed in their Python
(``pip install 'newsweave[spark]'`` on every node, or ``--py-files`` a wheel).
"""

from __future__ import annotations

import sys

from newsweave.cli import main

if __name__ == "__main__":
    sys.argv = ["newsweave", *sys.argv[1:]]
    main()
