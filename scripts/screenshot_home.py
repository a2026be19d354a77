"""Make ``docs/home-page.png``: the home page over a real dated stream, in headless Chromium.

1. Ingests the AllSides stream of March-June 2020 (``story-judgments/allsides-2020.jsonl.gz``
   under the shared data directory) into a fresh database, with story assignment.
2. Imports a source registry made from the AllSides articles' own outlet ratings
   (``allsides/articles.jsonl.gz``: each outlet's ``bias_text``), so the cards' left /
   center / right bars have ratings.
3. Starts ``newsweave serve`` on loopback and screenshots ``/?period=week`` with
   Playwright's Chromium (Debian's ``/usr/bin/chromium``, as the browser tests use).

Run: ``.venv/bin/python scripts/screenshot_home.py [--data ../shared/data]``
(``--out`` defaults to ``docs/home-page.png``).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
NEWSWEAVE = Path(sys.executable).with_name("newsweave")
CHROMIUM = os.environ.get("NEWSWEAVE_CHROMIUM", "/usr/bin/chromium")


def write_registry(articles: Path, out: Path) -> int:
    """A registry CSV (name, bias, bias_rater) of every outlet's AllSides rating."""
    ratings: dict[str, str] = {}
    with gzip.open(articles, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            name, bias = record.get("source"), record.get("bias_text")
            if name and bias:
                ratings.setdefault(name, str(bias).capitalize())
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "bias", "bias_rater"])
        for name, bias in sorted(ratings.items()):
            writer.writerow([name, bias, "AllSides"])
    return len(ratings)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "home-page.png")
    parser.add_argument("--path", default="/?period=week", help="the page to shoot")
    args = parser.parse_args()
    stream = args.data / "story-judgments" / "allsides-2020.jsonl.gz"
    articles = args.data / "allsides" / "articles.jsonl.gz"
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="newsweave-shot-") as work:
        db = Path(work) / "home.db"
        registry = Path(work) / "registry.csv"
        write_registry(articles, registry)
        base = [str(NEWSWEAVE), "--db", str(db)]
        subprocess.run([*base, "ingest", str(stream)], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([*base, "sources", "import", str(registry)], check=True)
        port = free_port()
        server = subprocess.Popen(
            [*base, "serve", "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            for _ in range(300):
                try:
                    if httpx.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
                )
                page = browser.new_page(viewport={"width": 1100, "height": 1500})
                page.goto(url + args.path)
                page.screenshot(path=str(args.out))
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
