"""``newsweave spark``: the Spark job over WARC files or JSONL, and loading its tables.

``newsweave spark run`` (also under ``spark-submit scripts/newsweave_spark.py
spark run ...``) writes Parquet tables; ``newsweave --db URL spark load OUT``
puts them into a store for ``serve``.  pyspark (``pip install 'newsweave[spark]'``)
and Java are needed by these commands only.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsweave.cli.app import _open, _progress, _state, app, out, reports_errors
from newsweave.errors import NewsweaveError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["spark_app"]

spark_app = typer.Typer(
    help="Apache Spark: run the pipeline over WARC files or JSONL into Parquet; load it.",
    no_args_is_help=True,
)
app.add_typer(spark_app, name="spark")

_MASTER_HELP = (
    "Spark master, e.g. local[2] or spark://host:7077 (default: what spark-submit set, "
    "else local[*])."
)
_NOT_EMPTY = (
    "{db} already holds articles; load the Spark tables into an empty database "
    "(a new --db FILE, or a new PostgreSQL database: createdb NAME)"
)


def _session(master: str | None) -> SparkSession:
    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise NewsweaveError(
            "pyspark is not installed: pip install 'newsweave[spark]' (and a Java 17+ runtime)"
        ) from exc
    from newsweave.pipeline.spark import spark_session

    # spark-submit starts the JVM and hands this process its gateway, with the master
    # already in the configuration; run directly, the job runs on this machine's cores.
    under_submit = "PYSPARK_GATEWAY_PORT" in os.environ
    session = spark_session(master or (None if under_submit else "local[*]"))
    session.sparkContext.setLogLevel("ERROR")
    return session


@spark_app.command("run")
@reports_errors
def run(
    ctx: typer.Context,
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            help="WARC or JSONL files or directories, or URLs (https://, s3a://).",
            show_default=False,
        ),
    ] = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder of the Parquet tables.")] = Path(
        "newsweave-spark"
    ),
    paths: Annotated[
        Path | None,
        typer.Option(help="A path list, one input a line (CC-NEWS warc.paths)."),
    ] = None,
    prefix: Annotated[
        str,
        typer.Option(
            help="Put before every path of --paths (where the list's paths live, e.g. "
            "https://data.commoncrawl.org/)."
        ),
    ] = "",
    master: Annotated[str | None, typer.Option(help=_MASTER_HELP)] = None,
    partitions: Annotated[
        int | None,
        typer.Option(help="Partitions of the extract and brief phases (default: 4 per core)."),
    ] = None,
    briefs: Annotated[bool, typer.Option(help="Build every story's brief.")] = True,
) -> None:
    """Read, extract, deduplicate, cluster and brief on Spark; write Parquet tables."""
    from newsweave.pipeline.spark import SparkJobOptions, read_path_list, run_spark_job

    settings = _state(ctx).settings
    chosen = list(inputs or [])
    if paths is not None:
        chosen += read_path_list(paths, prefix=prefix)
    if not chosen:
        raise NewsweaveError("give input files or directories, or --paths LIST")
    if partitions is not None and partitions < 1:
        raise NewsweaveError(f"--partitions must be at least 1, got {partitions}")
    # A mistyped path on the command line is refused before Spark starts (the
    # inputs of a --paths list stay rejects rows: one missing file of many).
    for value in inputs or []:
        if "://" not in value and value != "-" and not Path(value).exists():
            raise NewsweaveError(f"{value}: no such file or directory")
    session = _session(master)
    try:
        summary = run_spark_job(
            session,
            chosen,
            out_dir,
            settings=settings,
            options=SparkJobOptions(partitions=partitions, briefs=briefs),
        )
    finally:
        session.stop()
    seconds = ", ".join(f"{name} {value:.1f} s" for name, value in summary.seconds.items())
    out.print(
        f"{summary.inputs} inputs: {summary.articles} articles ({summary.same_key} repeated "
        f"keys), {summary.rejects} rejected, {summary.links} copy links, {summary.stories} "
        f"stories in {summary.storylines} storylines, {summary.briefs} briefs "
        f"({summary.brief_errors} failed); {seconds}; tables in {out_dir}",
        markup=False,
    )
    if summary.articles == 0 and summary.rejects > 0:
        raise NewsweaveError(
            f"no article was read: every record or input was rejected (their reasons are in "
            f"{out_dir}/rejects, and `newsweave articles --failed` after `spark load`)"
        )


@spark_app.command("load")
@reports_errors
def load(
    ctx: typer.Context,
    tables: Annotated[
        Path, typer.Argument(metavar="OUT", help="The folder `spark run --out` wrote.")
    ],
    master: Annotated[str | None, typer.Option(help=_MASTER_HELP)] = None,
) -> None:
    """Load the tables of `spark run` into the (empty) database for `serve`."""
    from newsweave.pipeline.spark_load import load_spark_output

    if not (tables / "articles").is_dir():
        raise NewsweaveError(f"{tables} holds no Spark tables (run `newsweave spark run` first)")
    settings = _state(ctx).settings
    with _open(settings, create=True) as store:
        if store.last_seq() > 0:  # before Spark starts
            raise NewsweaveError(_NOT_EMPTY.format(db=settings.db_label))
    session = _session(master)
    try:
        with _open(settings, create=True) as store, _progress("Loading") as advance:
            summary = load_spark_output(session, tables, store, progress=advance)
    finally:
        session.stop()
    out.print(
        f"{summary.articles} articles, {summary.stories} stories, {summary.links} copy links, "
        f"{summary.briefs} briefs, {summary.rejects} "
        f"{'failure' if summary.rejects == 1 else 'failures'} loaded "
        f"(database: {settings.db_label})",
        markup=False,
    )
