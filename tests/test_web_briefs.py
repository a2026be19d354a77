"""The brief cache of the server: built once per story version, rebuilt in a worker process."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from tests.webapp import SEEDS, TestClient, ingest_paths, settings_for

from newsweave.web import create_app


def test_stale_brief_is_served_then_rebuilt_in_the_background(tmp_path: Path) -> None:
    db = tmp_path / "bg.db"
    ingest_paths(db, [str(SEEDS)])
    # Niceness 0: at the server's default (10) the rebuild can starve for minutes
    # on a machine busy with other jobs, which is what a server wants but not a test.
    app = create_app(settings_for(db), background_briefs=True, brief_rebuild_nice=0)
    with TestClient(app) as client:
        story_id = client.get("/api/v1/stories").json()["stories"][0]["id"]
        first = client.get(f"/api/v1/stories/{story_id}").json()
        assert first["brief_status"] == "fresh"
        assert first["brief"]["summary"]
        # A writer changes the story (as ingest does when an article joins it).
        with sqlite3.connect(db) as conn:
            conn.execute(
                "UPDATE stories SET updated_seq = updated_seq + 1 WHERE id = ?", (story_id,)
            )
        stale = client.get(f"/api/v1/stories/{story_id}").json()
        assert stale["story"]["version"] == first["story"]["version"] + 1
        assert stale["brief_status"] == "stale"
        assert stale["brief"] == first["brief"], "the old brief is shown meanwhile"
        deadline = time.monotonic() + 240
        while True:
            now = client.get(f"/api/v1/stories/{story_id}").json()
            if now["brief_status"] == "fresh":
                break
            assert time.monotonic() < deadline, f"not rebuilt: {app.state.briefs.failures}"
            time.sleep(0.2)
        assert now["brief_version"] == now["story"]["version"]
        page = client.get(f"/stories/{story_id}")
        assert "being updated" not in page.text
