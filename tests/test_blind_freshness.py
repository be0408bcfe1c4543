"""Each blind portal's committed site/ and expected.json are what its build_site.py writes today.

The crawl tests read the committed files; an edit to a build script (or to tests/blindkit.py,
which they all share) that was not followed by a rebuild would leave them testing stale pages.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
BLIND = sorted((p.parent for p in TESTS.glob("blind*/build_site.py")), key=lambda p: (len(p.name), p.name))


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_every_crawled_blind_portal_is_checked():
    from tests.test_blind_portals import PORTALS

    assert set(PORTALS) <= {p.name for p in BLIND}


@pytest.mark.parametrize("portal", BLIND, ids=[p.name for p in BLIND])
def test_committed_output_is_what_the_script_builds(portal, tmp_path):
    result = subprocess.run([sys.executable, str(portal / "build_site.py"), "--out", str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    built, committed = tree(tmp_path / "site"), tree(portal / "site")
    assert sorted(built) == sorted(committed), "files differ: rebuild with build_site.py"
    stale = [name for name in committed if built[name] != committed[name]]
    assert not stale, f"stale files (rebuild with {portal.name}/build_site.py): {stale[:10]}"
    assert (tmp_path / "expected.json").read_bytes() == (portal / "expected.json").read_bytes()
