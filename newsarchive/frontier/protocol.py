"""The contract between crawl workers and the ingest writer: Redis keys and stream records.

Every key of one frontier starts with its prefix (default `newsarchive`), so several
frontiers can share one Redis database. A record on the stream is a flat hash of
strings: `kind`, `crawl` (the distributed crawl's id), `worker` (the worker's name)
and `data`, a JSON object whose shape depends on the kind (see RECORD_KINDS).
Records are idempotent: the writer may see one twice (a worker retried, a writer
restarted before its ack) and the archive ends the same.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Final, Literal
from urllib.parse import urlsplit

from newsarchive.items import Article, Credit, ExtractedArticle, Image
from newsarchive.store.writer import _site_key

DEFAULT_PREFIX: Final = "newsarchive"
INGEST_GROUP: Final = "ingest"  # the stream's consumer group: the one writer

RecordKind = Literal["crawl_started", "article", "seen", "skip", "channel_failed", "worker_finished"]
RECORD_KINDS: Final[dict[str, str]] = {
    # data: {"base_url", "channels": [...], "options": {...}, "started_at"}; sent once per crawl
    "crawl_started": "a distributed crawl began (its first worker seeded the frontier)",
    # data: {"article": Article.to_record()-like dict (see article_data), "capture": {...}}
    "article": "an extracted article and where its capture is",
    # data: {"url"}
    "seen": "a list page linked an article the archive already holds",
    # data: {"url", "reason"}
    "skip": "a page not to fetch again (gone, or not an article)",
    # data: {"channel"}
    "channel_failed": "a channel's list page failed: the channel is not complete",
    # data: {"reason", "stats": {scrapy stat name: int}, "finished_at"}
    "worker_finished": "a worker left the crawl, with its counts",
}


class FrontierUnavailable(Exception):
    """Redis could not be reached or refused a command; the message is one line."""


@dataclass(frozen=True)
class FrontierKeys:
    """The Redis keys of one frontier."""

    prefix: str = DEFAULT_PREFIX

    def _key(self, name: str) -> str:
        return f"{self.prefix}:{name}"

    @property
    def requests(self) -> str:  # scrapy-redis request queue
        return self._key("requests")

    @property
    def dupefilter(self) -> str:  # the crawl's seen request fingerprints
        return self._key("dupefilter")

    @property
    def leases(self) -> str:  # requests popped by a worker and not yet done, by deadline
        return self._key("leases")

    @property
    def leased(self) -> str:  # hash: lease id -> "<queue score>\\n<request data>" it holds
        return self._key("leased")

    @property
    def records(self) -> str:  # the stream the workers write and the ingest reads
        return self._key("records")

    @property
    def crawl(self) -> str:  # hash: id, base_url, channels (JSON), state, started_at
        return self._key("crawl")

    @property
    def workers(self) -> str:  # hash: worker name -> JSON of its state and last heartbeat
        return self._key("workers")

    @property
    def listed(self) -> str:  # list pages requested in this crawl (paging state)
        return self._key("listed")

    @property
    def channel_names(self) -> str:  # hash: channel path -> JSON of ChannelNames
        return self._key("channel_names")

    @property
    def settled(self) -> str:  # set of url_key(url): archived with a capture, or skipped
        return self._key("settled")

    @property
    def complete_channels(self) -> str:  # set of "base_key channel": paged to the end before
        return self._key("complete_channels")

    def rate(self, host: str) -> str:  # the shared politeness state of one host
        return self._key(f"rate:{host}")


def url_key(url: str) -> str:
    """The member of the `settled` set for an article URL (scheme and host left out, so
    the live portal's and a mirror's URL of one article are one member)."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def complete_channel_member(base_url: str, channel: str) -> str:
    """The member of the `complete_channels` set for a channel of a site."""
    return f"{_site_key(base_url)} {channel.strip('/')}"


def encode(kind: RecordKind, crawl: str, worker: str, data: dict[str, Any]) -> dict[str, str]:
    """A stream record (the fields of XADD)."""
    return {"kind": kind, "crawl": crawl, "worker": worker,
            "data": json.dumps(data, ensure_ascii=False, separators=(",", ":"))}


@dataclass(frozen=True)
class Record:
    kind: str
    crawl: str
    worker: str
    data: dict[str, Any]


def decode(fields: dict[bytes, bytes] | dict[str, str]) -> Record:
    """A stream record back; ValueError names what is wrong with a malformed one."""
    text = {(k.decode() if isinstance(k, bytes) else k): (v.decode() if isinstance(v, bytes) else v)
            for k, v in fields.items()}
    missing = [name for name in ("kind", "crawl", "worker", "data") if name not in text]
    if missing:
        raise ValueError(f"stream record lacks {', '.join(missing)}")
    if text["kind"] not in RECORD_KINDS:
        raise ValueError(f"stream record of unknown kind {text['kind']!r}")
    data = json.loads(text["data"])
    if not isinstance(data, dict):
        raise ValueError("stream record data is not a JSON object")
    return Record(text["kind"], text["crawl"], text["worker"], data)


def article_data(item: ExtractedArticle) -> dict[str, Any]:
    """The `data` of an `article` record: the extracted article and its capture's place."""
    capture = item.capture
    article = item.article
    return {
        "article": {
            "url": article.url, "headline": article.headline, "source": article.source,
            "published_at": article.published_at,
            "credits": [[c.name, c.role, c.kind] for c in article.credits],
            "body": article.body, "images": [[i.src, i.caption] for i in article.images],
            "channel": article.channel, "channel_path": article.channel_path,
            "region": article.region, "city": article.city, "county": article.county,
            "pages": article.pages, "parser": article.parser, "flags": article.flags,
        },
        "capture": {
            "fetched_at": capture.fetched_at, "requested_url": capture.requested_url,
            "warc_file": capture.warc_file, "warc_record_id": capture.warc_record_id,
        },
    }


def article_from_data(data: dict[str, Any]) -> tuple[Article, dict[str, str | None]]:
    """The Article of an `article` record, and its capture's fields (fetched_at,
    requested_url, warc_file, warc_record_id): the arguments of ArchiveDB.save."""
    fields = dict(data["article"])
    fields["credits"] = [Credit(name, role, kind) for name, role, kind in fields["credits"]]
    fields["images"] = [Image(src, caption) for src, caption in fields["images"]]
    return Article(**fields), dict(data["capture"])
