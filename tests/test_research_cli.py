"""The researcher's commands: `newsarchive search` and `export --format csv --excel`."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_cli import newsarchive
from tests.test_datasette import SEED_HEADLINE, build_archive


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return build_archive(tmp_path_factory.mktemp("cli") / "archive.db")


def test_search_prints_best_matches_with_the_hit_marked(archive):
    result = newsarchive("search", "曲阜", "--db", str(archive))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 4  # two hits, each a line and its snippet
    assert any(SEED_HEADLINE in line for line in lines[::2])
    assert "【曲阜】" in result.stdout


def test_search_as_json_lines(archive):
    result = newsarchive("search", "王涛", "--db", str(archive), "--format", "jsonl",
                         "--limit", "1")
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(hits) == 1 and "王涛" in hits[0]["authors"]
    assert set(hits[0]) >= {"id", "url", "headline", "source", "published_at", "snippet"}


def test_search_errors_are_one_line(tmp_path, archive):
    missing = newsarchive("search", "曲阜", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 2 and "no archive at" in missing.stderr
    assert "Traceback" not in missing.stderr
    bad = newsarchive("search", "曲阜", "--db", str(archive), "--limit", "0")
    assert bad.returncode == 2 and "--limit" in bad.stderr


def test_excel_csv_has_a_bom_and_plain_text_credits(archive, tmp_path):
    out = tmp_path / "articles.csv"
    result = newsarchive("export", "--db", str(archive), "--format", "csv", "--excel",
                         "-o", str(out))
    assert result.returncode == 0, result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 4
    seed = next(r for r in rows if r["headline"] == SEED_HEADLINE)
    assert seed["authors"] == "梅花、宋思亮、陈宏如"
    assert seed["credits"] == "通讯员 梅花；通讯员 宋思亮；通讯员 陈宏如；责任编辑 孔丽"
    assert seed["body"].split("\n")[0] == "每户农户门口都要悬挂联系卡。"
    # the plain CSV is unchanged: no BOM, JSON columns as JSON
    plain = newsarchive("export", "--db", str(archive), "--format", "csv")
    assert not plain.stdout.startswith("\ufeff")
    assert json.loads(next(csv.DictReader(io.StringIO(plain.stdout)))["authors"])


def test_excel_needs_csv(archive):
    result = newsarchive("export", "--db", str(archive), "--excel")
    assert result.returncode == 2 and "--excel needs --format csv" in result.stderr


def test_sqlite_utils_query_as_search_md_says(archive):
    """SEARCH.md's recipe for sqlite-utils: a query on articles_fts, the words'
    characters spaced and quoted as the index holds them."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "sqlite-utils"), "query", str(archive),
         ("select a.id, a.headline from articles_fts f join articles a on a.id = f.rowid"
          " where articles_fts match :q order by rank"), "-p", "q", '"曲 阜"'],
        capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert sorted(r["id"] for r in json.loads(result.stdout)) == [1, 2]
