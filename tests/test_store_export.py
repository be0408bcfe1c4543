"""newsarchive.store.export: JSON Lines and CSV, filtered, streamed."""

from __future__ import annotations

import csv
import io
import json

import pytest

from newsarchive.items import Credit
from newsarchive.store import ArchiveDB
from newsarchive.store.export import export_records
from tests.test_store import BASE, SEED_URL, seed_article, start


@pytest.fixture()
def archive(tmp_path):
    path = tmp_path / "a.db"
    with ArchiveDB(path) as db:
        run = start(db)
        db.save(seed_article(), run_id=run, fetched_at="t")
        db.save(seed_article(url=BASE + "jining/news/201707/2.html", pages=[],
                             source="济宁日报", published_at="2017-07-02",
                             credits=[Credit("王涛", "记者")], body=["第一段", "第二段"]),
                run_id=run, fetched_at="t")
    return path


def test_jsonl_is_the_record_with_nested_lists(archive):
    out = io.StringIO()
    assert export_records(archive, "jsonl", None, (), out) == 2
    first, second = [json.loads(line) for line in out.getvalue().splitlines()]
    assert first["url"] == SEED_URL
    assert first["authors"] == ["梅花", "宋思亮", "陈宏如"]
    assert first["credits"][3] == {"name": "孔丽", "role": "责任编辑", "kind": "editor"}
    assert first["images"] == [{"src": BASE + "img/1.jpg", "caption": "干部走访农户"}]
    assert second["body"] == "第一段\n第二段"


def test_csv_filtered_by_where_with_params(archive):
    out = io.StringIO()
    assert export_records(archive, "csv", "year = ? AND source = ?", [2017, "济宁日报"],
                          out) == 1
    header, row = list(csv.reader(io.StringIO(out.getvalue())))
    record = dict(zip(header, row))
    assert record["source"] == "济宁日报"
    assert record["body"] == "第一段\n第二段"
    assert json.loads(record["authors"]) == ["王涛"]


def test_empty_csv_still_has_its_header(archive):
    out = io.StringIO()
    assert export_records(archive, "csv", "source = :s", {"s": "人民日报"}, out) == 0
    assert out.getvalue().startswith("id,url,")


def test_bad_input_says_what_is_wrong(archive, tmp_path):
    with pytest.raises(ValueError, match="bad --where"):
        export_records(archive, "jsonl", "no_such_column = 1", (), io.StringIO())
    with pytest.raises(ValueError, match="unknown export format"):
        export_records(archive, "xml", None, (), io.StringIO())
    with pytest.raises(FileNotFoundError):
        export_records(tmp_path / "missing.db", "csv", None, (), io.StringIO())
