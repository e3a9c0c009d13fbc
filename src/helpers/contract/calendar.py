"""The series' calendar: caliphate month N <-> the calendar period it covers.

Month N runs from the day after the 28th of (June 2014 + N - 1 months) to the 28th of (June 2014 + N + 1
months): month 112 = 29 Oct - 28 Nov 2023. Starting from "the day after the 28th" rather than "the 29th" keeps
February months well defined. The precursor execution-count series (2014-2019) numbered its months one higher:
its month 1 (29 Jun - 28 Jul 2014, the month the caliphate was declared) is the series' month 0, and its month
N is the series' month N - 1, so the two halves join without a gap or an overlap. A report keeps the number it
states; ``numbering`` ("series" or "executions", ``vocab.MONTH_NUMBERINGS``) says which count it follows.
"""

from __future__ import annotations

import csv
import datetime as dt
from functools import lru_cache
from importlib import resources

_EPOCH_YEAR, _EPOCH_MONTH = 2014, 6  # declaration of the caliphate, 29 June 2014
EPOCH = (_EPOCH_YEAR, _EPOCH_MONTH)  # the calendar month of the declaration (year, month)
PRECURSOR_OFFSET = 1
MAX_MONTH = 1200  # a century of the series: larger "month numbers" are not months


def is_month(n: int) -> bool:
    """Whether ``n`` can be a caliphate month number (1 to ``MAX_MONTH``)."""
    return 1 <= n <= MAX_MONTH


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def _period_end(n: int) -> dt.date:
    year, month = _add_months(_EPOCH_YEAR, _EPOCH_MONTH, n + 1)
    return dt.date(year, month, 28)


def series_month(n: int, numbering: str = "series") -> int:
    """The series' number of month ``n`` stated in ``numbering`` (executions month 50 -> series month 49)."""
    if numbering == "executions":
        return n - PRECURSOR_OFFSET
    if numbering != "series":
        raise ValueError(f"month numbering must be 'series' or 'executions', got {numbering!r}")
    return n


def month_period(n: int, *, precursor: bool = False, numbering: str | None = None) -> tuple[dt.date, dt.date]:
    """Return the first and last day covered by caliphate month ``n``.

    ``precursor=True`` (or ``numbering="executions"``) reads ``n`` in the execution reports' numbering, one
    higher, whose month 1 is the month of the declaration (29 Jun - 28 Jul 2014, the series' month 0).
    """
    if precursor or numbering == "executions":
        if not 1 <= n <= MAX_MONTH + PRECURSOR_OFFSET:
            raise ValueError(f"execution-report month must be 1 to {MAX_MONTH + PRECURSOR_OFFSET}, got {n}")
        n = series_month(n, "executions")
        if n == 0:
            return dt.date(2014, 6, 29), _period_end(0)
    elif not is_month(n):
        raise ValueError(f"caliphate month must be 1 to {MAX_MONTH}, got {n}")
    return _period_end(n - 1) + dt.timedelta(days=1), _period_end(n)


def series_period(n: int) -> tuple[dt.date, dt.date]:
    """The period of the series' month ``n``, month 0 included: the analyses' month axis.

    Month 0 (29 Jun - 28 Jul 2014, the month of the declaration) is covered only by the execution reports,
    as their month 1.
    """
    return month_period(n + PRECURSOR_OFFSET, numbering="executions")


def _months_since_epoch(year: int, month: int) -> int:
    return (year - _EPOCH_YEAR) * 12 + (month - _EPOCH_MONTH) - 1


def in_series(year: int, month: int) -> bool:
    """Whether a calendar month ends a caliphate month of the series (false before July 2014)."""
    return _months_since_epoch(year, month) >= 1


def month_of_calendar(year: int, month: int) -> int:
    """Return the caliphate month whose period ends in the given calendar month (July 2022 -> 96)."""
    n = _months_since_epoch(year, month)
    if n < 1:
        raise ValueError(f"{year}-{month:02d} is before the series began")
    return n


def month_of_date(day: dt.date) -> int:
    """Return the caliphate month whose period contains ``day``."""
    n = _months_since_epoch(day.year, day.month) + (day.day > 28)
    if n < 1:
        raise ValueError(f"{day} is before the series began (29 July 2014)")
    return n


def year_period(year: int) -> tuple[dt.date, dt.date]:
    """Return the calendar year as a period, for annual tallies."""
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def resolve_day(day: int, month: int, period: tuple[dt.date, dt.date] | None) -> dt.date | None:
    """Date a day-and-month with no year, taking the year that puts it inside (or nearest) the period."""
    if period is None:
        return None
    start, end = period
    candidates = []
    for year in {start.year - 1, start.year, end.year, end.year + 1}:
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None

    def distance(d: dt.date) -> int:
        if start <= d <= end:
            return 0
        return min(abs((d - start).days), abs((d - end).days))

    return min(candidates, key=lambda d: (distance(d), d))


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    """Map every month name the reports use (Levantine, Egyptian/Gulf, English) to its number."""
    with resources.files("helpers.data").joinpath("months.csv").open(encoding="utf-8") as handle:
        return {row["name"]: int(row["month"]) for row in csv.DictReader(handle)}
