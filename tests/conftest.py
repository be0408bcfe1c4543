"""Shared fixtures: the test portal (tests/mirror), served over real HTTP, and its answer key."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from newsarchive.mirror import MirrorServer
from tests.redis_server import RedisServer

# Generated cases are timed on a shared two-core machine: a slow example is no bug.
settings.register_profile("newsarchive", deadline=None)
settings.load_profile("newsarchive")

TESTS = Path(__file__).resolve().parent
MIRROR_SITE = TESTS / "mirror" / "site"
EXPECTED = TESTS / "mirror" / "expected.json"
SEED_HTML = TESTS / "fixtures" / "seed.html"


@pytest.fixture
def mirror_site(tmp_path: Path) -> Path:
    """A fresh copy of the test portal: tests may add pages or edit _routes.json."""
    return Path(shutil.copytree(MIRROR_SITE, tmp_path / "site"))


@pytest.fixture
def mirror(mirror_site: Path) -> Iterator[MirrorServer]:
    """The copy of the test portal, served on 127.0.0.1 (mirror.base_url, mirror.requests)."""
    with MirrorServer(mirror_site) as server:
        yield server


@pytest.fixture
def expected() -> dict:
    """tests/mirror/expected.json: channels, articles by final path, never_requested, not_stored."""
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


@pytest.fixture
def seed_html() -> bytes:
    """The seed article of PORTAL.md as the portal serves it (v2 template, utf-8)."""
    return SEED_HTML.read_bytes()


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """A fresh redis-server with AOF on 127.0.0.1 (redis_server.url, .restart(), .kill())."""
    with RedisServer(tmp_path / "redis") as server:
        yield server
