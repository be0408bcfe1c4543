"""The loopback mirror of the portal that tests and `newsarchive demo` crawl over HTTP."""

from newsarchive.mirror.bundled import SampleSite, sample_site
from newsarchive.mirror.server import MirrorServer

__all__ = ["MirrorServer", "SampleSite", "sample_site"]
