"""The linters CI runs: ruff (pyflakes, pycodestyle, import order, bugbear) and mypy on
newsarchive/, both configured in pyproject.toml. A redefined constant (the old second
`_CAPTION_MARK`), an unused import or a value of the wrong type fails here, not in a crawl."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    # Not skipped when missing: the test extra installs both, and CI must run them.
    return subprocess.run([str(BIN / tool), *args], cwd=REPO, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing() -> None:
    result = run("ruff", "check", "newsarchive", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
