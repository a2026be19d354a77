"""Commands of the ``newsweave`` CLI.

Only this package prints.  Every command turns :class:`NewsweaveError` into a
one-line ``Error: ...`` on stderr and exit code 1; usage errors exit with 2.
"""

from __future__ import annotations

import functools
import itertools
import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from newsweave import __version__
from newsweave.cli.help import TidyGroup, tidy_help
from newsweave.config import Settings, load_settings
from newsweave.errors import NewsweaveError, StoreError
from newsweave.models import InputFailure

# The flows, the store and the stages are imported by the commands that use
# them: `newsweave --help` and `newsweave extract` must not pay for numpy,
# scikit-learn or datasketch (tests/test_cli_startup.py).
if TYPE_CHECKING:
    from newsweave.cluster.assign import StoryAssigner
    from newsweave.pipeline.ingest import IngestSummary
    from newsweave.store import Store


class _RootGroup(TidyGroup):
    """The root command: its help and its commands' read naturally (cli/help.py),
    and a global option works before or after the command (``newsweave ingest --db X``
    is ``newsweave --db X ingest``), unless the command has an option of that name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tidy_help(self)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, self._global_options_first(args))

    def _global_options_first(self, args: list[str]) -> list[str]:
        """``args`` with the global options found after the command moved before it."""
        takes_value = {
            opt: not getattr(param, "is_flag", False)
            for param in self.params
            if param.param_type_name == "option"
            for opt in (*param.opts, *param.secondary_opts)
        }

        def width(arg: str) -> int:
            """How many args a global option takes up (0: not a global option)."""
            name = arg.split("=", 1)[0]
            if name not in takes_value:
                return 0
            return 2 if takes_value[name] and "=" not in arg else 1

        at = 0
        while at < len(args) and width(args[at]):
            at += width(args[at])
        if at >= len(args) or args[at] not in self.commands:
            return args
        own = _option_names(self.commands[args[at]])
        moved: list[str] = []
        kept: list[str] = []
        rest = args[at + 1 :]
        index = 0
        while index < len(rest):
            arg = rest[index]
            if arg == "--":
                kept += rest[index:]
                break
            size = width(arg)
            if size and arg.split("=", 1)[0] not in own:
                moved += rest[index : index + size]
                index += size
            else:
                kept.append(arg)
                index += 1
        return [*args[:at], *moved, args[at], *kept]

    def invoke(self, ctx: Any) -> Any:  # click's Context (vendored by recent typer)
        try:
            return super().invoke(ctx)
        except Exception as exc:
            # Click's NoSuchOption, matched by its attributes: typer vendors click
            # in recent versions and exports neither module's exception.
            option = getattr(exc, "option_name", None)
            path = getattr(getattr(exc, "ctx", None), "command_path", None)
            if not isinstance(option, str) or not isinstance(path, str):
                raise
            name = option.split("=", 1)[0]
            if any(name in param.opts for param in self.params):
                command = path.split(" ", 1)[1] if " " in path else path
                exc.message = (  # type: ignore[attr-defined]
                    f"No such option for {command}: {name}. Options of newsweave itself "
                    f"go before the command: newsweave {name} ... {command} ..."
                )
            raise


def _option_names(command: Any) -> set[str]:
    """Every option name of ``command`` and, for a group, of its commands."""
    names = {
        opt
        for param in command.params
        if param.param_type_name == "option"
        for opt in (*param.opts, *param.secondary_opts)
    }
    for sub in getattr(command, "commands", {}).values():
        names |= _option_names(sub)
    return names


app = typer.Typer(
    cls=_RootGroup,
    name="newsweave",
    help="Turn many news articles from many outlets into clear, trustworthy stories.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

P = ParamSpec("P")
R = TypeVar("R")

MAX_FAILURES_SHOWN = 20


@dataclass(slots=True)
class CliState:
    settings: Settings


def _state(ctx: typer.Context) -> CliState:
    state = ctx.find_root().obj
    if not isinstance(state, CliState):  # pragma: no cover - set by the callback
        raise NewsweaveError("internal error: CLI state missing")
    return state


def reports_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn newsweave errors into one line on stderr and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except NewsweaveError as exc:
            err.print(f"[bold red]Error:[/] {escape(str(exc))}", markup=True, highlight=False)
            raise typer.Exit(1) from exc

    return wrapper


def _version(value: bool) -> None:
    if value:
        out.print(f"newsweave {__version__}")
        raise typer.Exit()


@app.callback()
@reports_errors
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            help="SQLite database file (default: under the user data directory), or a "
            "PostgreSQL URL postgresql://user@host/db (pip install 'newsweave\\[postgres]')."
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(help="User config file (TOML); overrides the packaged defaults."),
    ] = None,
    max_input_bytes: Annotated[
        int | None,
        typer.Option(help="Refuse inputs larger than this many bytes (default 20 MiB)."),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Settings: packaged defaults, then the config file, then NEWSWEAVE_* variables, then flags."""
    overrides: dict[str, dict[str, Any]] = {
        "store": {"db": db or None},
        "input": {"max_input_bytes": max_input_bytes},
    }
    ctx.obj = CliState(settings=load_settings(config_file=config, overrides=overrides))


def _columns(*, counted: bool) -> list[ProgressColumn]:
    """Done of total, time taken and the time left; or a spinner with a count."""
    columns: list[ProgressColumn] = [SpinnerColumn(), TextColumn("{task.description}")]
    if counted:
        columns += [BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
        columns += [TextColumn("ETA"), TimeRemainingColumn()]
    else:
        columns += [TextColumn("{task.completed} done"), TimeElapsedColumn()]
    return columns


@contextmanager
def _progress(description: str, *, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """A rich progress bar on stderr: done of total, time taken and the time left
    (a spinner with a count when the total is unknown)."""
    with Progress(*_columns(counted=total is not None), console=err, transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda n: bar.advance(task, n)


@contextmanager
def _progress_counted_later(
    description: str,
) -> Iterator[tuple[Callable[[int], None], Callable[[int], None]]]:
    """A progress bar whose total the work tells once it knows it: ``(advance, set_total)``."""
    with Progress(*_columns(counted=True), console=err, transient=True) as bar:
        task = bar.add_task(description, total=None)
        yield (lambda n: bar.advance(task, n)), (lambda n: bar.update(task, total=n))


def _print_failures(failures: list[InputFailure], *, hint: str) -> None:
    for failure in failures[:MAX_FAILURES_SHOWN]:
        err.print(f"failed: {failure.origin}: {failure.message}", markup=False)
    hidden = len(failures) - MAX_FAILURES_SHOWN
    if hidden > 0:
        err.print(f"... and {hidden} more; {hint}", markup=False)


def require_database(settings: Settings) -> None:
    """Refuse a SQLite file that does not exist: a mistyped ``--db`` must not
    silently read (and leave behind) a new empty database."""
    if "://" in settings.db_target:
        return  # a database server: the connection says whether it exists
    path = Path(settings.db_target)
    if not path.exists():
        raise StoreError(
            f"no database at {path}; create one with `newsweave --db {path} ingest ...`"
        )


def _open(settings: Settings, *, create: bool = False) -> Store:
    """The store; only commands that add articles or sources pass ``create``."""
    from newsweave.store import open_store

    if not create:
        require_database(settings)
    return open_store(settings.db_target)


def open_stories(store: Store, settings: Settings) -> StoryAssigner:
    """The story assigner of ``store``, caught up (with a progress bar when there is work)."""
    from newsweave.cluster.assign import assigner_inputs
    from newsweave.pipeline.stories import open_assigner

    inputs = assigner_inputs(settings)  # the models load before the progress bar starts
    with _progress_counted_later("Catching up stories") as (advance, set_total):
        return open_assigner(store, progress=advance, on_total=set_total, **inputs)


def run_ingest(settings: Settings, inputs: list[str], *, jobs: int = 1) -> IngestSummary:
    """Ingest ``inputs`` and assign stories, with a progress bar (shared with ``demo``);
    ``jobs`` worker processes extract, everything else runs here."""
    from newsweave.ingest import count_documents, read_inputs
    from newsweave.pipeline.ingest import ingest_documents
    from newsweave.pipeline.stories import save_assigner

    with _open(settings, create=True) as store:
        stories = open_stories(store, settings)
        with _progress("Ingesting", total=count_documents(inputs)) as advance:
            summary = ingest_documents(
                read_inputs(inputs, settings=settings),
                store,
                batch_size=settings.store.batch_size,
                stories=stories,
                progress=advance,
                jobs=jobs,
            )
        if summary.new:
            save_assigner(store, stories)
        return summary


# Extraction in worker processes: one by default (a shared machine, and starting the
# workers costs about a second, more than a few pages take in one process).
_JOBS_OPTION = typer.Option(
    "--jobs",
    "-j",
    help="Extract pages in this many worker processes (same output, same order).",
    min=1,
)
# `extract` is a batch command with no store behind it: by default it uses the cores
# (pipeline.extract.auto_jobs: one worker per core, none for a page or a small batch).
_EXTRACT_JOBS_OPTION = typer.Option(
    "--jobs",
    "-j",
    help="Extract pages in this many worker processes (same output, same order). "
    "Default: one per available core, but one per 50 pages at most, so a small batch "
    "runs in one process.",
    min=1,
    show_default=False,
)


@app.command()
@reports_errors
def ingest(
    ctx: typer.Context,
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories (recursive), feed or page URLs, or - for stdin.",
            show_default=False,
        ),
    ],
    jobs: Annotated[int, _JOBS_OPTION] = 1,
) -> None:
    """Read, extract, clean and store articles, assigning each to a story as it arrives."""
    settings = _state(ctx).settings
    summary = run_ingest(settings, inputs, jobs=jobs)
    _print_failures(summary.failures, hint="see `newsweave articles --failed`")
    out.print(
        f"{summary.new} new, {summary.duplicate} duplicate, {summary.failed} failed "
        f"(database: {settings.db_label})",
        markup=False,
    )
    if summary.failed and not (summary.new or summary.duplicate):
        raise typer.Exit(1)


@app.command()
@reports_errors
def articles(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    failed: Annotated[
        bool, typer.Option("--failed", help="List inputs that failed instead of articles.")
    ] = False,
    limit: Annotated[int | None, typer.Option(help="Show at most this many.", min=1)] = None,
    language: Annotated[
        str | None,
        typer.Option(help="Only articles in this language (a code such as en or de)."),
    ] = None,
) -> None:
    """List stored articles (or, with --failed, the inputs that could not be ingested)."""
    from newsweave.pipeline.extract import article_json

    settings = _state(ctx).settings
    with _open(settings) as store:
        if failed:
            for number, (at, failure) in enumerate(store.iter_failures()):
                if limit is not None and number >= limit:
                    break
                if as_json:
                    record = {
                        "at": at.isoformat(),
                        "origin": failure.origin,
                        "stage": failure.stage,
                        "error": failure.error,
                        "message": failure.message,
                    }
                    out.print(json.dumps(record, ensure_ascii=False), markup=False)
                else:
                    out.print(
                        f"{at:%Y-%m-%d %H:%M} {failure.stage:<9} "
                        f"{failure.origin}: {failure.message}",
                        markup=False,
                    )
            return
        wanted = language.strip().lower() if language else None
        listed = (
            store.iter_articles(limit=limit)
            if wanted is None
            else itertools.islice(
                (a for a in store.iter_articles() if (a.language or "").lower() == wanted), limit
            )
        )
        for article in listed:
            if as_json:
                record = {"id": article.id, **article_json(article)}
                out.print(json.dumps(record, ensure_ascii=False), markup=False)
            else:
                date = article.published.date().isoformat() if article.published else "----------"
                outlet = article.outlet or "?"
                lang = article.language or "--"
                out.print(
                    f"{article.id}  {date}  {lang:<3.3} {outlet:<24.24}  {article.title}",
                    markup=False,
                )


@app.command()
@reports_errors
def extract(
    ctx: typer.Context,
    inputs: Annotated[
        list[str], typer.Argument(help="Pages (.html, .htm, .txt, optionally .gz) or directories.")
    ],
    out_dir: Annotated[Path, typer.Option("--out-dir", help="Where to write the results.")],
    fmt: Annotated[
        str, typer.Option("--format", help="txt: clean body only; json: body and metadata.")
    ] = "txt",
    jobs: Annotated[int | None, _EXTRACT_JOBS_OPTION] = None,
) -> None:
    """Extract pages to files without a database: DIR/<name>.txt or DIR/<name>.json."""
    from newsweave.ingest import count_documents
    from newsweave.pipeline.extract import auto_jobs, extract_to_dir

    if fmt not in ("txt", "json"):
        raise typer.BadParameter(f"--format must be txt or json, not {fmt!r}")
    settings = _state(ctx).settings
    total = count_documents(inputs)
    if jobs is None:
        jobs = auto_jobs(total or 0)
    with _progress("Extracting", total=total) as advance:
        summary = extract_to_dir(
            inputs,
            out_dir,
            settings=settings,
            fmt="json" if fmt == "json" else "txt",
            progress=advance,
            jobs=jobs,
        )
    _print_failures(summary.failures, hint="fix or remove those inputs")
    out.print(f"{summary.written} written to {out_dir}, {summary.failed} failed", markup=False)
    if summary.failed and not summary.written:
        raise typer.Exit(1)


@app.command()
@reports_errors
def reprocess(ctx: typer.Context) -> None:
    """Re-extract every stored article from its kept raw input with the current extractor."""
    from newsweave.pipeline.reprocess import reprocess_store

    settings = _state(ctx).settings
    with _open(settings) as store:
        total = store.count_articles()
        with _progress("Reprocessing", total=total) as advance:
            summary = reprocess_store(store, progress=advance)
    _print_failures(summary.failures, hint="see `newsweave articles --failed`")
    out.print(
        f"{summary.updated} updated, {summary.unchanged} unchanged, {summary.failed} failed",
        markup=False,
    )


def main() -> None:
    """Console-script entry point."""
    # The library warns on its logger (a discarded snapshot, ...); the CLI shows it.
    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("newsweave: %(message)s"))
    logging.getLogger("newsweave").addHandler(handler)
    app()
