"""Which extraction code produced a record: `extractor_version()`.

The package version alone does not change when a selector or a rule does, so the
version carries a digest of the extraction sources too: two rows with the same
`extractor_version` were read by byte-identical code.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from newsarchive import __version__

_EXTRACT_PACKAGE = Path(__file__).resolve().parent


@cache
def extractor_version() -> str:
    """`0.1.0+3f9c2a1b4d5e`: the package version and a digest of newsarchive/extract/."""
    digest = hashlib.sha256()
    for source in sorted(_EXTRACT_PACKAGE.rglob("*.py")):
        digest.update(source.relative_to(_EXTRACT_PACKAGE).as_posix().encode())
        digest.update(b"\0")
        digest.update(source.read_bytes())
        digest.update(b"\0")
    return f"{__version__}+{digest.hexdigest()[:12]}"
