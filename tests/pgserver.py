"""A real, throwaway PostgreSQL server for the tests (no mocks).

:class:`LocalPostgres` runs Debian's ``initdb`` and ``pg_ctl`` (from
``/usr/lib/postgresql/*/bin``, or ``PATH``) on a data directory in a temporary
directory, listening only on a unix socket there, and stops it and removes the
directory at the end.  PostgreSQL refuses to run as root, so as root the server
runs as ``nobody``.  :func:`postgres_server` is the session fixture;
:func:`fresh_database` makes an empty database per test.  Without the binaries
or psycopg the tests that need them skip with a message saying what to install.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

__all__ = ["LocalPostgres", "find_pg_bin", "fresh_database", "postgres_server"]

_SKIP = (
    "PostgreSQL tests need Debian's postgresql package (apt-get install -y postgresql; "
    "make test does it) and psycopg (pip install -e '.[postgres]')"
)
_counter = itertools.count()


def find_pg_bin() -> Path | None:
    """The directory holding ``initdb`` and ``pg_ctl``: the newest Debian one, else PATH."""
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
    )
    for folder in reversed(candidates):
        if (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl:
        return Path(initdb).resolve().parent
    return None


class LocalPostgres:
    """One PostgreSQL server in a temporary directory (see the module docstring)."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="newsweave-pg-"))
        self.data = self.root / "data"
        self.user: str | None = None
        if os.geteuid() == 0:
            self.user = "nobody"
            entry = pwd.getpwnam(self.user)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        self.root.chmod(0o755)
        self.port = 5432

    def _run(self, *args: str) -> None:
        command = list(args)
        if self.user is not None:
            command = ["runuser", "-u", self.user, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(args[:2])} failed ({result.returncode}): "
                f"{result.stderr.strip() or result.stdout.strip()}"
            )

    def start(self) -> None:
        self._run(
            str(self.bin_dir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "newsweave",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        options = (
            f"-c listen_addresses='' -c unix_socket_directories={self.root} "
            f"-c port={self.port} -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=200 -c shared_buffers=32MB"
        )
        self._run(
            str(self.bin_dir / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.root / "server.log"),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )

    def url(self, database: str = "postgres") -> str:
        """A libpq URL for ``database`` over the server's unix socket."""
        return f"postgresql://newsweave@/{database}?host={self.root}&port={self.port}"

    def create_schema(self, name: str) -> str:
        """A URL whose connections work in the new, empty schema ``name`` (a schema is
        made in milliseconds, a database in a third of a second)."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{name}"')
        return f"{self.url()}&options=-csearch_path%3D{name}"

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(
                    str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"
                )
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[LocalPostgres]:
    """A PostgreSQL server for the whole test session (skips when one cannot run)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip(_SKIP)
    bin_dir = find_pg_bin()
    if bin_dir is None:
        pytest.skip(_SKIP)
    server = LocalPostgres(bin_dir)
    try:
        server.start()
    except (RuntimeError, OSError) as exc:
        server.stop()
        pytest.skip(f"could not start PostgreSQL from {bin_dir}: {exc}")
    try:
        yield server
    finally:
        server.stop()


def fresh_database(server: LocalPostgres) -> str:
    """The URL of a new, empty database (schema) on ``server``."""
    return server.create_schema(f"t{os.getpid()}_{next(_counter)}")
