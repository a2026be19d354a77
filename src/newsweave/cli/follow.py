"""``newsweave follow``: poll a list of feeds and store the pages of new items."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsweave.cli.app import _open, _state, app, err, open_stories, out, reports_errors
from newsweave.errors import InputError
from newsweave.models import InputFailure, RawDocument

if TYPE_CHECKING:
    from newsweave.ingest.follow import PollSummary


@app.command()
@reports_errors
def follow(
    ctx: typer.Context,
    feedlist: Annotated[
        Path, typer.Argument(help="Text file with one feed URL a line (# comments), or OPML.")
    ],
    interval: Annotated[
        float | None,
        typer.Option(help="Seconds between polls (default: fetch.poll_interval).", min=0),
    ] = None,
    rounds: Annotated[
        int | None, typer.Option(help="Stop after this many polls (default: run until Ctrl-C).")
    ] = None,
) -> None:
    """Poll feeds with conditional GET, politeness and robots.txt; store each new item's page."""
    # The fetcher and the ingest flow are imported by the command (start-up time).
    from newsweave.ingest.feeds import read_feed_list
    from newsweave.ingest.fetch import Fetcher
    from newsweave.ingest.follow import FeedFollower
    from newsweave.pipeline.ingest import IngestSummary, ingest_documents
    from newsweave.pipeline.stories import save_assigner

    settings = _state(ctx).settings
    try:
        data = feedlist.read_bytes()
    except OSError as exc:
        raise InputError(str(feedlist), f"cannot read the feed list ({exc.strerror})") from exc
    urls = read_feed_list(data, origin=str(feedlist))
    if not urls:
        raise InputError(str(feedlist), "no feed URLs found (one http(s) URL a line, or OPML)")
    total = IngestSummary()
    with _open(settings, create=True) as store, Fetcher(settings) as fetcher:
        follower = FeedFollower(urls, fetcher=fetcher, store=store)
        stories = open_stories(store, settings)

        def on_item(item: RawDocument | InputFailure) -> None:
            # One transaction per item, committed before the feed's new ETag is saved,
            # so an interrupted poll never marks unstored items as seen.
            done = ingest_documents([item], store, batch_size=1, stories=stories)
            total.new += done.new
            total.duplicate += done.duplicate
            total.failed += done.failed
            for failure in done.failures:
                err.print(f"failed: {failure.origin}: {failure.message}", markup=False)

        def on_round(number: int, poll: PollSummary) -> None:
            if poll.new_items:
                save_assigner(store, stories)
            out.print(
                f"poll {number}: {poll.feeds} feeds ({poll.not_modified} unchanged, "
                f"{poll.failed_feeds} failed), {poll.new_items} new items, "
                f"{poll.skipped_items} known; stored so far: {total.new} new",
                markup=False,
            )

        try:
            follower.run(
                interval=settings.fetch.poll_interval if interval is None else interval,
                on_item=on_item,
                on_round=on_round,
                max_rounds=rounds,
            )
        except KeyboardInterrupt:
            err.print("stopped", markup=False)
        if total.new:
            save_assigner(store, stories)
    out.print(
        f"{total.new} new, {total.duplicate} duplicate, {total.failed} failed "
        f"(database: {settings.db_label})",
        markup=False,
    )
