"""python -m newsarchive.mirror ROOT [--host H] [--port N]

Serves ROOT until killed. The first line on stdout is the base URL (flushed), so a test
or a script that starts this as a subprocess knows where to point the crawler."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from newsarchive.mirror.server import MirrorServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsarchive.mirror", description="Serve a portal mirror directory over HTTP.")
    parser.add_argument("root", type=Path, help="site directory (may hold _routes.json)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 (default): any free port")
    parser.add_argument("--verbose", action="store_true", help="log each request to stderr")
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        parser.error(f"not a directory: {args.root}")

    # SIGTERM ends the process like Ctrl-C does: through the context manager's stop()
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    with MirrorServer(args.root, args.host, args.port, verbose=args.verbose) as mirror:
        print(mirror.base_url, flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
