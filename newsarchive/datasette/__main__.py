"""`python -m newsarchive.datasette ARCHIVE [--port N] [--host H]`: serve an archive.

`--metadata` prints the metadata JSON instead, for `datasette ARCHIVE -m FILE` with
the plugin installed.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsarchive.datasette.metadata import build_metadata
from newsarchive.datasette.serve import has_search_id, serve


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m newsarchive.datasette")
    parser.add_argument("db", type=Path, help="the archive (data/newsarchive.db)")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--metadata", action="store_true",
                        help="print the datasette metadata JSON and exit")
    args = parser.parse_args(argv)
    if args.metadata:
        metadata = build_metadata(args.db.stem, search_id=has_search_id(args.db))
        print(json.dumps(metadata, ensure_ascii=False, indent=2))
        return
    try:
        serve(args.db, port=args.port, host=args.host)
    except FileNotFoundError as error:
        parser.exit(2, f"error: {error}\n")


if __name__ == "__main__":
    main()
