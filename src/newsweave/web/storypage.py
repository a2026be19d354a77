"""The story page's view model: what ``story.html`` shows, from the story's data.

The data is :func:`~newsweave.web.views.story_data`'s.

The JSON twin (``/stories/ID.json``) stays the story's data; this module only
lays it out for a reader:

* **one numbering of sources for the page**: every cited article gets a number
  the first time a reader meets it (summary, key points, disagreements,
  single-source claims, quotes, timeline: the page's order), the same number
  wherever it is cited again, and the same number ``newsweave export`` gives it
  (:mod:`newsweave.render.citations` numbers both); each citation links to its
  entry in the source list (outlet, title, date, the original's link, the cited
  sentences), and the entry links back to every place that cites it;
* **the outlets' headlines side by side**, grouped by the side of their outlet's
  bias rating (left, center, right: the raters' and the home page's word; unrated apart);
* **the story's own timeline**: an entry dated well before the story's first
  article (more than :data:`OWN_EVENT_DAYS` days) is background, shown folded;
* the charts' geometry (:mod:`newsweave.render.charts`): the timeline, the
  coverage bar, the storyline's stories on a time axis.

Long sections are cut to :data:`CAPS` items (the JSON twin has them all); the
numbers are the full brief's, and the source list names every source it cites
(one cited only in a cut part has no link back).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from newsweave.brief.coverage import bias_side
from newsweave.render.charts import (
    chart_date,
    stacked_bar,
    storyline_chart,
    timeline_chart,
    whole_percents,
)
from newsweave.render.citations import cited_articles
from newsweave.render.present import (
    SINGLE_CITATION_NOTE,
    reported_text,
    short_name,
    single_citation_note,
)

__all__ = ["CAPS", "OWN_EVENT_DAYS", "SIDES", "story_page"]

Data = dict[str, Any]

CAPS = {"single_source": 30, "disagreements": 20, "quotes": 20, "timeline": 40, "entities": 80}
"""Items shown per section; the rest is in the JSON twin."""

OWN_EVENT_DAYS = 7
"""An event this many days before the story's first article still belongs to it (a
report published days after what it tells); an earlier one is background."""

STORYLINE_CHARTED = 20
"""Stories drawn on the storyline chart before and after this one (the nearest in time)."""

STORYLINE_LISTED = 5
"""Stories listed before and after this one in its storyline (the nearest in time)."""

SIDES = (("left", "Left"), ("center", "Center"), ("right", "Right"))
"""The sides headlines are grouped by, left to right (unrated outlets apart)."""


class _Sources:
    """The brief's numbered sources (:func:`~newsweave.render.citations.cited_articles`,
    the numbers of the exported brief too), and every chip that cites each."""

    def __init__(self, brief: Data, articles: dict[str, Data]) -> None:
        self.entries: dict[str, Data] = {}
        for cited in cited_articles(brief):
            row = articles.get(cited.article, {})
            title = row.get("title")
            outlet = cited.outlet or row.get("outlet")
            self.entries[cited.article] = {
                "number": cited.number,
                "article": cited.article,
                "outlet": outlet,
                # A source of unknown outlet goes by its article's title, never a bare "article".
                "name": outlet or (short_name(title, known=False) if title else "unknown outlet"),
                "title": title,
                "published": row.get("published"),
                "url": row.get("url"),
                "sentences": [{"index": i, "text": text} for i, text in cited.sentences],
                "backlinks": [],
            }

    def chips(self, citations: Iterable[Data]) -> list[Data]:
        """One chip per cited article of ``citations`` (its sentences in the chip's title)."""
        chips: dict[str, Data] = {}
        for citation in citations:
            entry = self.entries.get(citation.get("article"))  # type: ignore[arg-type]
            if entry is None:
                continue
            chip = chips.get(entry["article"])
            if chip is None:
                anchor = f"cite-{entry['number']}-{len(entry['backlinks']) + 1}"
                entry["backlinks"].append(anchor)
                chip = chips[entry["article"]] = {
                    "number": entry["number"],
                    "anchor": anchor,
                    "name": entry["name"],
                    "texts": [],
                }
            chip["texts"].append(citation.get("text", ""))
        return sorted(chips.values(), key=lambda chip: int(chip["number"]))

    def listed(self) -> list[Data]:
        return sorted(self.entries.values(), key=lambda entry: int(entry["number"]))


def _article_rows(articles: list[Data]) -> dict[str, Data]:
    rows: dict[str, Data] = {}
    for article in articles:
        for row in (article, *article.get("copies", [])):
            rows[row["id"]] = row
    return rows


def _sides(brief: Data | None) -> dict[str, str]:
    """Each article's side, from its outlet's bias ratings (one side or none)."""
    sides: dict[str, str] = {}
    if brief is None:
        return sides
    for entry in brief.get("coverage", {}).get("outlets", []):
        found = {bias_side(r["value"]) for r in entry["source"].get("bias_ratings", [])}
        named = {side for side in found if side is not None}
        if len(named) == 1:
            sides.update(dict.fromkeys(entry["articles"], named.pop()))
    return sides


def _headlines(articles: list[Data], sides: dict[str, str]) -> list[Data]:
    """The articles' headlines grouped left, centre, right, then unrated (empty groups kept
    for the three sides, so an empty column shows)."""
    groups: dict[str, list[Data]] = {side: [] for side, _ in SIDES}
    groups["unrated"] = []
    # A copy or rewrite carries its own outlet's headline: it is shown too.
    for article in articles:
        for row in (article, *article.get("copies", [])):
            groups[sides.get(row["id"], "unrated")].append(row)
    named = [*SIDES, ("unrated", "Outlet not rated")]
    return [
        {"side": side, "label": label, "articles": groups[side]}
        for side, label in named
        if groups[side] or side != "unrated"
    ]


def _is_background(when: str, first_seen: str | None) -> bool:
    """An event dated more than :data:`OWN_EVENT_DAYS` days before the story's first article."""
    start = chart_date(first_seen)
    # A month, week or year is before the story only when all of it is.
    last = chart_date(when, last=True)
    if start is None or last is None:
        return False
    return last < start - timedelta(days=OWN_EVENT_DAYS)


def _timeline(brief: Data, story: Data, numbers: _Sources, articles: list[Data]) -> Data:
    own: list[Data] = []
    background: list[Data] = []
    shown = brief.get("timeline", [])[: CAPS["timeline"]]
    flags = [_is_background(t["date"], story.get("first_seen")) for t in shown]
    # Own events first, in date order, then the background: the order they are read in.
    for wanted, into in ((False, own), (True, background)):
        for entry, is_background in zip(shown, flags, strict=True):
            if is_background is wanted:
                anchor = f"t-{len(own) + len(background) + 1}"
                into.append({**entry, "anchor": anchor, "chips": numbers.chips(entry["sources"])})
    published = [row.get("published") for a in articles for row in (a, *a.get("copies", []))]
    chart = timeline_chart(
        [
            (
                t["date"],
                t["text"],
                len({c["article"] for c in t["sources"]}),
                bool(t.get("planned")),
                t["anchor"],
            )
            for t in own
        ],
        published,
    )
    return {
        "own": own,
        "background": background,
        "more": max(0, len(brief.get("timeline", [])) - CAPS["timeline"]),
        "chart": chart,
    }


def _coverage(brief: Data) -> Data | None:
    coverage = brief.get("coverage") or {}
    outlets = coverage.get("outlets") or []
    if not outlets:
        return None
    bias = [g for g in coverage.get("counts", []) if g["dimension"] == "bias"]
    segments = stacked_bar([(g["value"], g["outlets"]) for g in bias])
    return {
        "total": len(outlets),
        "bias_bar": [
            {
                "x": s.x,
                "width": s.width,
                "value": s.value,
                "share": s.share,
                "count": s.count,
                "side": bias_side(s.value) or "none",
                "lean": len(s.value.replace("-", " ").split()) > 1,
            }
            for s in segments
        ],
        "dimensions": [
            {"title": title, "rows": _shared_rows(coverage, dim, len(outlets))}
            for dim, title in (
                ("bias", "By bias rating"),
                ("type", "By outlet type"),
                ("country", "By country"),
            )
        ],
        "blindspots": coverage.get("blindspots", []),
    }


def _shared_rows(coverage: Data, dimension: str, total: int) -> list[Data]:
    """The counts of one dimension, each with its share of the outlets (``share``, %);
    none when nothing is known of it (a lone "unknown" row tells a reader nothing)."""
    rows = [g for g in coverage.get("counts", []) if g["dimension"] == dimension]
    if all(g["value"] == "unknown" for g in rows):
        return []
    shares = whole_percents([int(g["outlets"]) for g in rows], total)
    return [{**g, "share": share} for g, share in zip(rows, shares, strict=True)]


def _storyline(data: Data) -> Data | None:
    """The storyline's stories around this one, and their chart; ``None`` without other stories."""
    line = data.get("storyline")
    if not isinstance(line, dict):
        return None
    earlier = list(line.get("earlier") or [])
    later = list(line.get("later") or [])
    if not earlier and not later:
        return None
    story = data["story"]
    total = len(earlier) + len(later) + 1
    # A storyline can hold hundreds of stories: the chart shows those nearest this one.
    near_before = earlier[-STORYLINE_CHARTED:]
    near_after = later[:STORYLINE_CHARTED]

    def row(
        s: Data, untitled: str, current: bool
    ) -> tuple[str, str, str | None, str | None, int, bool]:
        return (
            s["id"],
            s.get("headline") or untitled,
            s.get("first_seen"),
            s.get("last_seen"),
            int(s.get("articles") or 0),
            current,
        )

    rows = [row(s, "Untitled story", False) for s in near_before]
    rows.append(row(story, "This story", True))
    rows += [row(s, "Untitled story", False) for s in near_after]
    chart = storyline_chart(rows)
    return {
        "id": line.get("id"),
        "name": line.get("name"),
        "stories": total,
        "charted": len(rows),
        # The lists name the stories nearest this one; the chart shows them all.
        "earlier": earlier[-STORYLINE_LISTED:],
        "earlier_more": max(0, len(earlier) - STORYLINE_LISTED),
        "later": later[:STORYLINE_LISTED],
        "later_more": max(0, len(later) - STORYLINE_LISTED),
        "chart": chart,
    }


def story_page(data: Data) -> Data:
    """What the story page shows (see the module docstring), from the story's data."""
    brief: Data | None = data.get("brief")
    story: Data = data["story"]
    articles: list[Data] = data["articles"]
    page: Data = {
        "headline": (brief or {}).get("headline") or story.get("headline") or "Untitled story",
        "storyline": _storyline(data),
        "headlines": None,
        "brief": None,
    }
    if brief is None:
        return page
    numbers = _Sources(brief, _article_rows(articles))
    summary = [{**s, "chips": numbers.chips(s["citations"])} for s in brief.get("summary", [])]
    key_points = [
        {
            **p,
            "chips": numbers.chips(p["support"]),
            "reported": reported_text(
                p.get("independent_sources", 0),
                p.get("total_sources", 0),
                p.get("partial_sources", 0),
            ),
        }
        for p in brief.get("key_points", [])
    ]
    disagreements = [
        {
            **d,
            "versions": [{**v, "chips": numbers.chips(v["sources"])} for v in d["versions"]],
        }
        for d in brief.get("disagreements", [])[: CAPS["disagreements"]]
    ]
    single = [
        {**p, "chips": numbers.chips(p["support"])}
        for p in brief.get("single_source", [])[: CAPS["single_source"]]
    ]
    quotes = [
        {**q, "chips": numbers.chips([q["source"]] if q.get("source") else [])}
        for q in brief.get("quotes", [])[: CAPS["quotes"]]
    ]
    timeline = _timeline(brief, story, numbers, articles)
    page["headlines"] = _headlines(articles, _sides(brief))
    note = single_citation_note(
        int((brief.get("coverage") or {}).get("independent_sources") or 0),
        [{c["article"] for c in s.get("citations") or []} for s in brief.get("summary", [])],
    )
    page["brief"] = {
        "summary": summary,
        "summary_note": SINGLE_CITATION_NOTE if note else None,
        "key_points": key_points,
        "coverage": _coverage(brief),
        "disagreements": disagreements,
        "disagreements_more": max(0, len(brief.get("disagreements", [])) - CAPS["disagreements"]),
        "single_source": single,
        "single_source_more": max(0, len(brief.get("single_source", [])) - CAPS["single_source"]),
        "quotes": quotes,
        "quotes_more": max(0, len(brief.get("quotes", [])) - CAPS["quotes"]),
        "timeline": timeline,
        "entities": brief.get("entities", [])[: CAPS["entities"]],
        "entities_more": max(0, len(brief.get("entities", [])) - CAPS["entities"]),
        "sources": numbers.listed(),
    }
    return page
