"""scrapyd end to end: start scrapyd on 127.0.0.1, deploy this project with scrapyd-deploy,
schedule the `portal` spider through schedule.json against a served mirror, and find
its records in the SQLite archive.

Needs scrapyd and scrapyd-client (scrapyd 1.6 needs setuptools < 81): the test extra
installs them. The deploy runs in a copy of the project, because scrapyd-deploy writes
a setup.py, build/ and *.egg-info next to scrapy.cfg.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import tomllib
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

# Not skipped when missing: CI installs the test extra and must run this test.
import scrapyd  # noqa: F401  (pip install -e '.[test]')
import scrapyd_client  # noqa: F401
from warcio.archiveiterator import ArchiveIterator

from newsarchive.mirror import MirrorServer

REPO = Path(__file__).resolve().parents[1]
SITE = REPO / "tests" / "mirror" / "site"
EXPECTED = json.loads((REPO / "tests" / "mirror" / "expected.json").read_text(encoding="utf-8"))
CHANNEL = "jining/qufu"
PROJECT_FILES = ("pyproject.toml", "README.md", "scrapy.cfg")
START_TIMEOUT = 30.0
JOB_TIMEOUT = 180.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env() -> dict[str, str]:
    """The environment of a process that must load the project from the deployed egg."""
    env = dict(os.environ)
    for name in ("PYTHONPATH", "SCRAPY_SETTINGS_MODULE", "SCRAPY_PROJECT"):
        env.pop(name, None)
    return env


@dataclass
class Scrapyd:
    url: str
    home: Path
    process: subprocess.Popen

    def get(self, endpoint: str, **params: str) -> dict:
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        with urllib.request.urlopen(f"{self.url}{endpoint}{query}", timeout=10) as response:
            return json.load(response)

    def post(self, endpoint: str, fields: list[tuple[str, str]]) -> dict:
        data = urllib.parse.urlencode(fields).encode()
        with urllib.request.urlopen(f"{self.url}{endpoint}", data=data, timeout=30) as response:
            return json.load(response)

    def log(self) -> str:
        """scrapyd's own output so far, for failure messages."""
        return (self.home / "scrapyd.out").read_text(errors="replace")[-4000:]


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[Scrapyd]:  # noqa: F811 - the fixture shadows the import on purpose
    home = tmp_path / "scrapyd"
    home.mkdir()
    port = free_port()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        "bind_address = 127.0.0.1\n"
        f"http_port = {port}\n"
        f"eggs_dir = {home / 'eggs'}\n"
        f"logs_dir = {home / 'logs'}\n"
        f"dbs_dir = {home / 'dbs'}\n"
        "items_dir =\n"
        "jobs_to_keep = 5\n"
        "max_proc = 1\n"
        "poll_interval = 0.5\n"
        "username =\n"
        "password =\n"
    )
    out = (home / "scrapyd.out").open("wb")
    # Its own session: scrapyd and the crawl processes it launches form one process
    # group, which teardown ends as a whole even when a job is still running.
    process = subprocess.Popen(
        [sys.executable, "-m", "scrapyd"], cwd=home, env=clean_env(),
        stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
    )
    server = Scrapyd(f"http://127.0.0.1:{port}/", home, process)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert process.poll() is None, f"scrapyd exited:\n{server.log()}"
            try:
                if server.get("daemonstatus.json")["status"] == "ok":
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, f"scrapyd did not answer in {START_TIMEOUT}s:\n{server.log()}"
            time.sleep(0.2)
        yield server
    finally:
        _stop_group(process)
        out.close()


def _stop_group(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    try:  # crawl processes left behind by a job cut short
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def test_the_egg_names_its_settings_module() -> None:
    # scrapyd runs a deployed egg with the settings module named by the egg's `scrapy`
    # entry point; without it every job fails before it starts.
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    entry_points = pyproject["project"].get("entry-points", {})
    assert entry_points.get("scrapy", {}).get("settings") == "newsarchive.settings", (
        'pyproject.toml needs [project.entry-points.scrapy] settings = "newsarchive.settings"'
    )


def deploy(server: Scrapyd, workdir: Path) -> dict:
    """Deploy the project as an archivist would: scrapyd-deploy with scrapy.cfg's [deploy]."""
    project = workdir / "project"
    project.mkdir()
    for name in PROJECT_FILES:
        if (REPO / name).exists():
            shutil.copy2(REPO / name, project / name)
    shutil.copytree(REPO / "newsarchive", project / "newsarchive",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    # A target named "test" inherits `project` from the repository's [deploy] section.
    with (project / "scrapy.cfg").open("a") as cfg:
        cfg.write(f"\n[deploy:test]\nurl = {server.url}\n")
    result = subprocess.run(
        [sys.executable, "-m", "scrapyd_client.deploy", "test", "--version", "1"],
        cwd=project, env=clean_env(), capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    answer = json.loads(result.stdout)
    # scrapyd finds the settings module through the egg's `scrapy` entry point
    # (pyproject.toml: [project.entry-points.scrapy] settings = "newsarchive.settings").
    assert answer["status"] == "ok", answer.get("message", answer)
    return answer


def wait_finished(server: Scrapyd, job: str) -> dict:
    deadline = time.monotonic() + JOB_TIMEOUT
    while time.monotonic() < deadline:
        jobs = server.get("listjobs.json", project="newsarchive")
        for entry in jobs["finished"]:
            if entry["id"] == job:
                return entry
        time.sleep(0.5)
    pytest.fail(f"job {job} did not finish in {JOB_TIMEOUT}s: {jobs}\n{server.log()}")


def response_target(warc_file: Path, record_id: str) -> str | None:
    with warc_file.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_headers.get_header("WARC-Record-ID") == record_id:
                assert record.rec_type == "response"
                return record.rec_headers.get_header("WARC-Target-URI")
    return None


def test_scheduled_job_stores_articles(scrapyd: Scrapyd, tmp_path: Path) -> None:
    answer = deploy(scrapyd, tmp_path)
    assert answer["project"] == "newsarchive" and answer["spiders"] >= 1
    assert "portal" in scrapyd.get("listspiders.json", project="newsarchive")["spiders"]

    db = tmp_path / "archive" / "news.db"
    warc_dir = tmp_path / "archive" / "warc"
    with MirrorServer(SITE) as mirror:
        scheduled = scrapyd.post("schedule.json", [
            ("project", "newsarchive"),
            ("spider", "portal"),
            ("channels", CHANNEL),
            ("base_url", mirror.base_url),
            ("setting", f"NEWSARCHIVE_DB={db}"),
            ("setting", f"NEWSARCHIVE_WARC_DIR={warc_dir}"),
        ])
        assert scheduled["status"] == "ok", scheduled
        job = scheduled["jobid"]
        wait_finished(scrapyd, job)

    log = (scrapyd.home / "logs" / "newsarchive" / "portal" / f"{job}.log").read_text(errors="replace")
    assert "'finish_reason': 'finished'" in log, log[-4000:]
    assert db.exists(), log[-4000:]

    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT url, headline, warc_file, warc_record_id FROM articles").fetchall()
        runs = conn.execute("SELECT finish_reason, exit_status FROM crawl_runs").fetchall()
    assert runs == [("finished", "ok")], log[-4000:]
    # Exactly the channel's articles of the mirror's answer key, each with its headline.
    expected = {path: article for path, article in EXPECTED["articles"].items()
                if article["channel_path"] == CHANNEL}
    stored = {urllib.parse.urlsplit(url).path: (url, headline, warc_file, record_id)
              for url, headline, warc_file, record_id in rows}
    assert len(rows) == len(stored)
    assert set(stored) == set(expected), log[-4000:]
    for path, (url, headline, warc_file, record_id) in stored.items():
        assert headline == expected[path]["headline"]
        # The job's WARC capture holds the article's page 1 under its URL.
        assert warc_file and record_id, url
        assert response_target(warc_dir / warc_file, record_id) == url
