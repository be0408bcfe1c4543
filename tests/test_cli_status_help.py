"""`newsarchive status` and every subcommand's --help."""

from __future__ import annotations

import re

import pytest

from tests.crawling import run_crawl
from tests.test_cli import newsarchive

COMMANDS = ("crawl", "extract", "demo", "serve", "export", "status")


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_its_description_and_examples(command):
    top = newsarchive("--help").stdout
    summary = re.search(rf"^\s+{command}\s+(.+)$", top, re.MULTILINE).group(1)
    result = newsarchive(command, "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert summary[0].upper() + summary[1:] in text
    examples = result.stdout.split("examples:\n", 1)[1].splitlines()
    assert 2 <= len([line for line in examples if line.startswith(f"  newsarchive {command}")]) <= 3


def test_status_shows_runs_channels_newest_article_and_warc_files(mirror, expected, tmp_path):
    db = tmp_path / "a.db"
    assert run_crawl(mirror.base_url, db, expected["channels"]).returncode == 0
    assert run_crawl(mirror.base_url, db, ["jining/zoucheng"]).returncode == 0
    result = newsarchive("status", "--db", str(db))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.fullmatch(rf"archive {re.escape(str(db))}: {len(expected['articles'])} articles, [\d.]+ kB", lines[0])
    newest = max((a["published_at"] for a in expected["articles"].values() if a["published_at"]),
                 key=lambda d: (d[:10], d))
    assert lines[1].startswith(f"newest article: {newest} ")
    per_channel = {c: sum(a["channel_path"] == c for a in expected["articles"].values())
                   for c in expected["channels"]}
    for channel, count in per_channel.items():
        assert re.search(rf"^  {channel}\s+{count}  newest ", result.stdout, re.MULTILINE)
    runs = [line for line in lines if line.startswith("  run ")]
    assert [line.split()[1] for line in runs] == ["2", "1"]
    assert all("finished  ok" in line for line in runs)
    warc = next(line for line in lines if line.startswith("WARC files in"))
    assert warc.startswith(f"WARC files in {tmp_path / 'warc'}: 2, ")


def test_status_finds_the_warc_folder_the_last_run_wrote_to(mirror, expected, tmp_path):
    db, elsewhere = tmp_path / "a.db", tmp_path / "captures"
    result = run_crawl(mirror.base_url, db, expected["channels"], "--warc-dir", str(elsewhere))
    assert result.returncode == 0, result.stderr
    status = newsarchive("status", "--db", str(db))
    assert status.returncode == 0, status.stderr
    warc = next(line for line in status.stdout.splitlines() if line.startswith("WARC files in"))
    assert warc.startswith(f"WARC files in {elsewhere.resolve()}: 1, ")


def test_status_of_no_archive_is_one_line(tmp_path):
    result = newsarchive("status", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"newsarchive status: no archive at {tmp_path / 'none.db'}"
