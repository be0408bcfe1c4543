"""One spelling for each city and county: 济宁 and 曲阜, whatever a page printed.

The portal names one county three ways (`山东 / 济宁市 / 曲阜`, `济宁 / 曲阜`, `曲阜新闻`)
and researchers facet on the place. `place_name` reduces a channel or region name to
the place alone, and `place_of` derives an article's city and county from its channel
path and the portal's own names: those of the channel page it was found on when the
crawl has them (the same for every article of the channel), else its breadcrumb.
Pure functions, shared by the crawl and by the migration that backfills old rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from newsarchive.crawl import links
from newsarchive.extract.lexicon import CHANNEL_NAME_SUFFIXES, alternation

# What a channel's name adds to its place (曲阜新闻), from the one vocabulary.
CHANNEL_SUFFIX: Final = re.compile(rf"(?:{alternation(CHANNEL_NAME_SUFFIXES)})$")
# Administrative suffixes: 济宁市, 嘉祥县, 任城区. A name that would be left with one
# character keeps its suffix, as everyone writes it: 曹县, 单县, 冠县.
ADMIN_SUFFIX: Final = re.compile(r"(?:市|县|区)$")
# Provinces open a breadcrumb (山东 / 济宁市 / 曲阜); they are neither city nor county.
PROVINCES: Final = frozenset(
    """北京 天津 河北 山西 内蒙古 辽宁 吉林 黑龙江 上海 江苏 浙江 安徽 福建 江西 山东 河南 湖北
    湖南 广东 广西 海南 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆 台湾 香港 澳门""".split()
)
# ... except the four cities that are provinces too: there the province is the city.
MUNICIPALITIES: Final = frozenset({"北京", "天津", "上海", "重庆"})
_PROVINCE_SUFFIX: Final = re.compile(r"(?:省|市|自治区|特别行政区)$")
# A place name as the portal prints it: a few CJK characters (traditional included).
_PLACE: Final = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,8}")


def place_name(name: str | None) -> str | None:
    """济宁市 -> 济宁, 曲阜新闻 -> 曲阜, 嘉祥县 -> 嘉祥, 任城区 -> 任城, 曹县 -> 曹县;
    None when the name is no place name (empty, Latin, a long phrase)."""
    if not name:
        return None
    place = CHANNEL_SUFFIX.sub("", name.strip()) or name.strip()
    bare = ADMIN_SUFFIX.sub("", place)
    if len(bare) >= 2:
        place = bare
    return place if _PLACE.fullmatch(place) else None


def is_province(name: str) -> bool:
    """山东, 山东省: a province that is not also a city."""
    bare = _PROVINCE_SUFFIX.sub("", name.strip()) or name.strip()
    return bare in PROVINCES and bare not in MUNICIPALITIES


@dataclass(frozen=True)
class Place:
    city: str | None = None
    county: str | None = None


def place_of(
    channel_path: str | None,
    channel: str | None,
    region: Sequence[str] = (),
    city_name: str | None = None,
) -> Place:
    """City and county of an article of `channel_path` (`jining/qufu`).

    `channel` names the channel (曲阜新闻), `region` is the breadcrumb's places
    (山东, 济宁市, 曲阜) and `city_name` the city as a channel page names it (济宁市,
    济宁新闻), when known. A city channel (`jining`) has a city and no county; a path
    that is no channel gives neither.
    """
    segments = [s for s in (channel_path or "").strip("/").split("/") if s]
    if not (len(segments) == 1 or (len(segments) == 2 and links.channel_of("/".join(segments)))):
        return Place()  # no channel: deeper, or a city's article folder (jining/news)
    places = [p for p in (place_name(item) for item in region if not is_province(item)) if p]
    own = place_name(channel) or (places[-1] if places else None)
    if len(segments) == 1:
        return Place(city=own)
    city = place_name(city_name)
    if city is None:
        # the breadcrumb's place right before the county's own (its last mention: a
        # county may share its city's name)
        before = places[: len(places) - 1 - places[::-1].index(own)] if own in places else places
        city = before[-1] if before else None
    return Place(city=city, county=own)
