"""Helpers for the end-to-end tests: run the real command, read the archive back."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def crawl_command(base_url: str, db: Path, channels: list[str], *extra: str) -> list[str]:
    command = [sys.executable, "-m", "newsarchive", "crawl", "--base-url", base_url, "--db", str(db)]
    for channel in channels:
        command += ["--channel", channel]
    return [*command, *extra]


def run_crawl(base_url: str, db: Path, channels: list[str], *extra: str, timeout: float = 180):
    """`newsarchive crawl …` in a child process, as a user or cron runs it."""
    return subprocess.run(
        crawl_command(base_url, db, channels, *extra),
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def connect(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    return conn


def stored_record(conn: sqlite3.Connection, url: str) -> dict | None:
    """An article row in the shape of expected.json (absolute URLs kept absolute)."""
    row = conn.execute("SELECT * FROM articles WHERE url = ?", (url,)).fetchone()
    if row is None:
        return None
    credits = [
        {"name": c["name"], "role": c["role"], "kind": c["kind"]}
        for c in conn.execute("SELECT * FROM credits WHERE article_id = ? ORDER BY position", (row["id"],))
    ]
    return {
        "headline": row["headline"],
        "source": row["source"],
        "published_at": row["published_at"],
        "authors": json.loads(row["authors"]),
        "editors": json.loads(row["editors"]),
        "credits": credits,
        "body": row["body"].split("\n"),
        "images": json.loads(row["images"]),
        "channel": row["channel"],
        "channel_path": row["channel_path"],
        "region": row["region"].split(" / ") if row["region"] else [],
        "pages": json.loads(row["pages"]),
    }


def expected_record(expected: dict, base_url: str) -> dict:
    """expected.json's paths made absolute on the mirror's base URL."""
    record = {key: value for key, value in expected.items() if key != "template"}
    record["pages"] = [base_url + path for path in expected["pages"]]
    record["images"] = [
        {**image, "src": base_url + image["src"] if image["src"].startswith("/") else image["src"]}
        for image in expected["images"]
    ]
    return record


def article_paths_requested(requests: list[str]) -> list[str]:
    return [path for path in requests if "/news/" in path]
