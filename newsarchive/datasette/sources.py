"""One newspaper, one name: the spellings of a source that are plainly one paper
(济宁晚报 / 济宁晚报社 / 【济宁晚报】 / ＣＨＩＮＡ ＤＡＩＬＹ) folded together, as datasette
shows them; the archive keeps what each page said.

Folded in datasette, not in the file: a generated column or a view would need the
rule in SQL (a Python function in the schema makes the archive unreadable by stock
sqlite3, and NFKC is no SQL function), and a stored column would freeze today's rule
into every row. Here the rule is a Python function datasette registers on its
connections (`source_name(source)`), a facet that groups the raw spellings by it, and
the source page, which lists every spelling of its paper.

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
from urllib.parse import parse_qsl

from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.utils import path_with_added_args, path_with_removed_args

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


def _filter_args(column: str, spellings: list[str]) -> tuple[str, str]:
    # One spelling: datasette's plain filter; several: its __in filter, in the JSON
    # form, which keeps a name with a comma whole.
    if len(spellings) == 1:
        return column, spellings[0]
    return f"{column}__in", json.dumps(spellings, ensure_ascii=False)


class SourceNameFacet(Facet):
    """`{"source_name": "source"}` in a table's facets: the column's values folded
    by source_name. Counted from the raw values (through the column's index where
    the table has one), folded in Python over the few distinct spellings."""

    type = "source_name"

    async def facet_results(self):
        results, timed_out = [], []
        pairs = parse_qsl(self.request.query_string, keep_blank_values=True)
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
                arg = _filter_args(column, group["spellings"])
                selected = arg in pairs
                path = (path_with_removed_args(self.request, dict([arg])) if selected
                        else path_with_added_args(self.request, dict([arg])))
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
