"""One newspaper, one name: the spellings of a source that are plainly one paper
(济宁晚报 / 济宁晚报社 / 【济宁晚报】 / ＣＨＩＮＡ ＤＡＩＬＹ) folded together, as datasette
shows them; the archive keeps what each page said.

Folded in datasette, not in the file: a generated column or a view would need the
rule in SQL (a Python function in the schema makes the archive unreadable by stock
sqlite3, and NFKC is no SQL function), and a stored column would freeze today's rule
into every row. Here the rule is a Python function datasette registers on its
connections (`source_name(source)`), a facet that groups the raw spellings by it, a
filter (`?_source_name=济宁晚报`) that selects every spelling of one paper, and the
source page, which lists them all.

Conservative on purpose: only width, whitespace, enclosing brackets, and the
newspaper's office (报社) or web edition (报网) suffix. 大众日报 and 大众网, 新华社
and 新华网, 中国青年报 and 中国青年网 stay apart: they are different outlets.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from datasette.database import QueryInterrupted
from datasette.filters import FilterArguments
from datasette.utils import path_with_added_args, path_with_removed_args

from newsarchive.datasette.facets import BoundedFacet

_CLOSING = {"【": "】", "《": "》", "[": "]", "(": ")", "〔": "〕", "「": "」", "『": "』",
            "<": ">", "“": "”", "‘": "’", '"': '"', "'": "'"}
_CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff"
# Whitespace with a CJK character on either side means nothing in a Chinese name.
_CJK_SPACE = re.compile(rf"\s+(?=[{_CJK}])|(?<=[{_CJK}])\s+")


def source_name(raw: str | None) -> str | None:
    """The key that every spelling of one newspaper shares."""
    if raw is None:
        return None
    name = " ".join(_CJK_SPACE.sub("", unicodedata.normalize("NFKC", raw)).split())
    while len(name) > 2 and _CLOSING.get(name[0]) == name[-1] \
            and name[0] not in name[1:-1] and name[-1] not in name[1:-1]:
        name = name[1:-1].strip()
    # 济宁晚报社 (the paper's office), 济宁晚报网 (its web edition): the paper. A stem
    # of at least two characters before 报, so that 报社 alone stays what it is.
    if len(name) > 3 and name[-2:] in ("报社", "报网"):
        name = name[:-1]
    return name


def source_groups(counts: Iterable[tuple[str, int]]) -> list[dict]:
    """Raw spellings with their article counts, grouped by newspaper: each group's
    label is its most used spelling; most articles first."""
    groups: dict[str, Counter[str]] = {}
    for raw, count in counts:
        key = source_name(raw)
        if key:
            groups.setdefault(key, Counter())[raw] += count
    result = [{"label": min(spellings, key=lambda s: (-spellings[s], len(s), s)),
               "count": sum(spellings.values()), "spellings": sorted(spellings)}
              for spellings in groups.values()]
    return sorted(result, key=lambda g: (-g["count"], g["label"]))


def spellings_of(name: str, all_sources: Iterable[str]) -> list[str]:
    """Every spelling among `all_sources` of the newspaper `name` names."""
    key = source_name(name)
    return sorted(s for s in all_sources if source_name(s) == key)


# The table argument that selects one newspaper in all its spellings:
# /db/articles?_source_name=济宁晚报 (a datasette filter, see source_filter).
SOURCE_ARG = "_source_name"


async def source_spellings(db, name: str) -> list[str]:
    """The archive's spellings of the newspaper `name` names (济宁晚报, 济宁晚报社 …),
    read from the distinct values of articles.source (through its index)."""
    result = await db.execute("SELECT DISTINCT source FROM articles WHERE source IS NOT NULL")
    return spellings_of(name, (row[0] for row in result.rows))


def source_filter(request, database: str, table: str, datasette):
    """`?_source_name=X` on the articles table: the rows whose source is any spelling
    of X's newspaper, described as such above the table."""
    name = request.args.get(SOURCE_ARG)
    if table != "articles" or not name:
        return None

    async def inner() -> FilterArguments:
        spellings = await source_spellings(datasette.get_database(database), name)
        return FilterArguments(
            ['"source" IN (SELECT value FROM json_each(:source_spellings))'],
            {"source_spellings": json.dumps(spellings, ensure_ascii=False)},
            [f"source is {name} in any of its spellings ({'、'.join(spellings) or 'none'})"])
    return inner


class SourceNameFacet(BoundedFacet):
    """`{"source_name": "source"}` in the articles table's facets: the column's values
    folded by source_name, each selecting its paper through SOURCE_ARG. Counted from
    the raw values (through the column's index), folded in Python over the few
    distinct spellings."""

    type = "source_name"

    async def bounded_results(self):
        results, timed_out = [], []
        chosen = self.request.args.get(SOURCE_ARG)
        chosen_key = source_name(chosen) if chosen else None
        size = self.get_facet_size()
        for config in self.get_configs():
            column = config["config"].get("column") or config["config"]["simple"]
            quoted = '"' + column.replace('"', '""') + '"'
            sql = (f"SELECT {quoted} AS value, count(*) AS count FROM ({self.sql})"
                   f" WHERE {quoted} IS NOT NULL GROUP BY {quoted}")
            try:
                rows = await self.ds.execute(
                    self.database, sql, self.params, truncate=False,
                    custom_time_limit=self.ds.setting("facet_time_limit_ms"))
            except QueryInterrupted:
                timed_out.append(column)
                continue
            groups = source_groups((row["value"], row["count"]) for row in rows.rows)
            values = []
            for group in groups[:size]:
                # selected by any spelling of the paper (?_source_name=济宁晚报社)
                selected = chosen_key is not None and source_name(group["label"]) == chosen_key
                path = (path_with_removed_args(self.request, {SOURCE_ARG}) if selected
                        # (None: the paper chosen before, if any, gives way)
                        else path_with_added_args(self.request, [(SOURCE_ARG, None),
                                                                 (SOURCE_ARG, group["label"])]))
                values.append({
                    "value": group["label"], "label": group["label"],
                    "count": group["count"], "selected": selected,
                    "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(path)),
                })
            results.append({
                "name": column, "type": self.type, "hideable": config["source"] != "metadata",
                "toggle_url": self.ds.urls.path(path_with_removed_args(
                    self.request, {f"_facet_{self.type}": column})),
                "results": values, "truncated": len(groups) > size,
            })
        return results, timed_out
