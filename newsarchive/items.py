"""The records that flow from the crawler to the archive.

Data moves one way: the spider captures pages (`CapturedArticle`), extraction turns
them into an `Article`, the store writes the `Article` as rows. The field rules are
those of PORTAL.md ("What a stored article says").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from newsarchive.store.record import ArticleRecord

CreditKind = Literal["author", "editor", "agency"]


@dataclass(frozen=True)
class Credit:
    """One credited party, in byline order."""

    name: str
    # Normalised role: 记者, 见习记者, 通讯员, 实习生, 摄影 for authors (None when the
    # page states none); 责任编辑, 编辑, 初审编辑 ... for editors; None for agencies.
    role: str | None = None
    # "author": wrote or photographed; "editor": 责任编辑 and the like, never an
    # author; "agency": a news agency or column team (据新华社), not a person.
    kind: CreditKind = "author"


@dataclass(frozen=True)
class Image:
    src: str  # absolute URL
    caption: str | None = None


@dataclass(frozen=True)
class Page:
    """One fetched page of an article, as it came off the wire."""

    url: str  # final URL, after redirects
    body: bytes | str  # raw bytes preferred: extraction decodes them strictly
    # charset named by the HTTP Content-Type header, if any; it may lie
    header_encoding: str | None = None


@dataclass
class Article:
    """An extracted article: what `newsarchive extract` prints and the store keeps."""

    url: str  # page 1's final URL
    headline: str
    source: str | None  # the newspaper named by 来源/稿件来源, never the portal
    published_at: str | None  # 2015-06-22T07:21:00+08:00, or 2015-06-22 when only a day
    credits: list[Credit] = field(default_factory=list)
    body: list[str] = field(default_factory=list)  # paragraphs, across all pages
    images: list[Image] = field(default_factory=list)
    channel: str | None = None  # channel name from the breadcrumb: 曲阜新闻
    channel_path: str | None = None  # jining/qufu
    region: list[str] = field(default_factory=list)  # [山东, 济宁市, 曲阜]
    # One spelling each, from channel_path and the portal's names (newsarchive.places)
    city: str | None = None  # 济宁
    county: str | None = None  # 曲阜
    pages: list[str] = field(default_factory=list)  # URLs of every page, in order
    parser: str = ""  # which template parser produced it (templates.yybnet_v2, fallback ...)
    # Values that look wrong, by short name (source_label, author_not_a_name ...): the
    # record is stored, and marked (pipelines/validate.py); None until it is checked
    flags: list[str] | None = None

    @property
    def authors(self) -> list[str]:
        return [c.name for c in self.credits if c.kind == "author"]

    @property
    def editors(self) -> list[str]:
        return [c.name for c in self.credits if c.kind == "editor"]

    def to_record(self) -> dict:
        """The JSON shape shared by `newsarchive extract`, exports and the store."""
        record = asdict(self)
        record["authors"] = self.authors
        record["editors"] = self.editors
        record["credits"] = [
            {"name": c.name, "role": c.role, "kind": c.kind} for c in self.credits
        ]
        return record


@dataclass(frozen=True)
class Flag:
    """A value of a record that looks wrong (pipelines/validate.py): the record is stored, and marked."""

    name: str  # short, stable: what researchers filter on
    value: str  # the value that looks wrong, for the log


@dataclass(frozen=True)
class ChannelNames:
    """The portal's own names for a channel, as its list page prints them."""

    channel: str | None = None  # 曲阜新闻
    city: str | None = None  # the channel's city: 济宁市, 济宁新闻


@dataclass(repr=False)
class CapturedArticle:
    """What the spider hands to the pipelines: the raw pages of one article."""

    pages: list[Page]
    channel_path: str  # the channel whose list page linked it
    fetched_at: str  # ISO 8601 UTC time page 1 was received
    requested_url: str | None = None  # the URL linked, when a redirect led elsewhere
    # Where page 1's response record sits in the run's WARC files, when captured
    warc_file: str | None = None
    warc_record_id: str | None = None
    # The names of the channel `channel_path`, read from its list page
    channel_names: ChannelNames | None = None

    @property
    def url(self) -> str:
        return self.pages[0].url

    def __repr__(self) -> str:  # log lines name the article, not megabytes of HTML
        return f"<CapturedArticle {self.url} ({len(self.pages)} page(s))>"


@dataclass
class ExtractedArticle:
    """An article and the capture it came from, on its way to the store.

    The extraction worker places, checks and turns the article into rows beside the
    reactor (pipelines/extract.py prepare); the pipelines after it report what it found
    (logs, stats, a drop) and write the rows."""

    article: Article
    capture: CapturedArticle
    # the body's reprint signature, made with the article, when extraction made one
    presigned: bytes | None = None
    # The breadcrumb's channel path, when it named no channel of the portal and the
    # list page's channel was taken instead (pipelines/place.py)
    breadcrumb_refused: str | None = None
    problems: list[str] = field(default_factory=list)  # field rules it breaks: not stored
    flags: list[Flag] = field(default_factory=list)  # values that look wrong: stored, and marked
    record: ArticleRecord | None = None  # its rows, when this crawl stores it (StorePipeline)
