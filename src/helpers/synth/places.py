"""Arabic names of governorates, towns and calendar months for the synthetic reports.

Taken from the project's reference tables (``data/gazetteer.csv``, ``data/months.csv``), so the synthetic
reports only name places and months the parser's own tables know.
"""

from __future__ import annotations

import csv
from functools import cache, lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, str], ...]:
    with resources.files("helpers.data").joinpath("gazetteer.csv").open(encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


@cache
def governorate_ar(admin1: str) -> str:
    """The Arabic name the reports use for a governorate (the gazetteer's first Arabic variant)."""
    for entry in _gazetteer():
        if entry["admin1"] == admin1 and entry["kind"] == "governorate" and entry["lang"] == "ar":
            return entry["variant"]
    raise KeyError(f"no Arabic name for governorate {admin1!r} in the gazetteer")


@cache
def towns_ar(admin1: str) -> tuple[str, ...]:
    """Arabic town names of a governorate, in gazetteer order (empty when the gazetteer has none)."""
    return tuple(e["variant"] for e in _gazetteer()
                 if e["admin1"] == admin1 and e["kind"] == "town" and e["lang"] == "ar")


@lru_cache(maxsize=1)
def _months() -> tuple[dict[str, str], ...]:
    with resources.files("helpers.data").joinpath("months.csv").open(encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


@cache
def month_name_ar(month: int, style: str = "levantine") -> str:
    """The first Arabic name of calendar ``month`` in ``style`` (``levantine`` or ``egyptian``)."""
    for entry in _months():
        if int(entry["month"]) == month and entry["style"] == style:
            return entry["name"]
    raise KeyError(f"no {style} name for month {month}")
