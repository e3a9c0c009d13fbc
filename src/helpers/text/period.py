"""What period a report covers: a caliphate month, a calendar month or a year.

A caliphate month is stated as ``الشهر 112 من عمر الخلافة``, in ordinal words or as ``130 شهراً على الخلافة``;
a calendar month as ``خلال شهر تشرين الأول 2025``; a year as ``حصاد 2023``.

Returns the period and the normalised spans of the numbers that name it, so they are explained rather than
taken for figures.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from helpers.contract import calendar
from helpers.text.dates import DateMention
from helpers.text.lexicon import load_toml

_FRAMING = r"(?:خلاف|الخلاف|اعلان|عمر|دوله|الدوله|caliphate|declaration)"
_MONTH_DIGITS = re.compile(
    rf"(?:الشهر|شهره|شهرها|شهر)\s*(?:ال\s*)?(?P<n>\d{{1,3}})(?![\d])(?=[^\n]{{0,80}}{_FRAMING})"
    rf"|(?P<n2>\d{{1,3}})\s+شهر[اا]?\s+(?:علي|من|لاعلان|ل)(?=[^\n]{{0,60}}{_FRAMING})"
)


@dataclass(frozen=True)
class Period:
    """The period a report covers and the spans of the numbers that state it."""

    month: int | None
    start: dt.date | None
    end: dt.date | None
    kind: str | None
    spans: tuple[tuple[int, int], ...] = field(default=())

    @property
    def bounds(self) -> tuple[dt.date, dt.date] | None:
        """(start, end) when both are known."""
        return (self.start, self.end) if self.start and self.end else None


@lru_cache(maxsize=1)
def _ordinal_re() -> tuple[re.Pattern, dict[str, int]]:
    table = load_toml("ordinals_ar.toml")
    values = {w: v for part in table.values() for w, v in part.items()}
    units = "|".join(table["units"])
    tens = "|".join(table["tens"])
    hundreds = "|".join(table["hundreds"])
    pattern = re.compile(
        rf"الشهر\s+(?:(?P<u>{units})(?:\s+(?P<teen>عشر))?(?:\s+و(?P<t1>{tens}))?|(?P<t2>{tens}))?"
        rf"(?:\s+(?:بعد|من)\s+(?P<h>{hundreds})|\s*(?P<h2>{hundreds}))?"
    )
    return pattern, values


def _ordinal_month(text: str) -> tuple[int, list[tuple[int, int]]] | None:
    """The month written as an ordinal, and the spans of every mention of that ordinal."""
    pattern, values = _ordinal_re()
    found: dict[int, list[tuple[int, int]]] = {}
    for m in pattern.finditer(text):
        if not any(m.group(g) for g in ("u", "t1", "t2", "h", "h2")):
            continue
        n = 0
        if m.group("u"):
            n += values[m.group("u")] + (10 if m.group("teen") else 0)
        for g in ("t1", "t2", "h", "h2"):
            if m.group(g):
                n += values[m.group(g)]
        if n and re.search(_FRAMING, text[m.end() : m.end() + 80]):
            found.setdefault(n, []).append(m.span())
    if not found:
        return None
    n = next(iter(found))
    return n, found[n]


def caliphate_month(text: str) -> tuple[int, list[tuple[int, int]]] | None:
    """The month number the report states, and the spans of every mention of it."""
    spans, numbers = [], []
    for m in _MONTH_DIGITS.finditer(text):
        group = "n" if m.group("n") else "n2"
        numbers.append(int(m.group(group)))
        spans.append(m.span(group))
    spans = [s for s, n in zip(spans, numbers, strict=True) if calendar.is_month(n)]
    numbers = [n for n in numbers if calendar.is_month(n)]
    if numbers:
        month = max(set(numbers), key=numbers.count)
        return month, [s for s, n in zip(spans, numbers, strict=True) if n == month]
    return _ordinal_month(text)


_ANNUAL = re.compile(
    r"(?:حصاد|الحصيله السنويه|حصيلته السنويه|خلال (?:ال)?عام|في (?:ال)?عام)\s*(?P<y>(?:19|20)\d\d)?"
)


_DURING_REACH = 1500  # characters from the top where "خلال شهر …" still names the report's month


def _first_line_end(text: str) -> int:
    """End of the first line that holds text (a report's title)."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def find_period(text: str, dates: list[DateMention]) -> Period:
    """The report's period: caliphate month first, else a calendar month near the top, else a year."""
    found = caliphate_month(text)
    if found:
        month, spans = found
        start, end = calendar.month_period(month)
        return Period(month, start, end, "caliphate_month", tuple(spans))
    head = text[:600]
    # "in <month> <year>" near the top, or "during <month> <year>" further down (after a long introduction,
    # which may name March 2019, the defeat at al-Baghouz, with "in").
    months = [
        d
        for d in dates
        if d.start < _DURING_REACH
        and d.month
        and d.year
        and d.day is None
        and re.search(r"(?:خلال|في)\s+(?:شهر\s+)?$", text[max(0, d.start - 12) : d.start])
        and calendar.in_series(d.year, d.month)
    ]
    # A bare "في <month> <year>" names the report's month in its title only; in the body it dates an event
    # (the defeat at al-Baghouz "in March 2019").
    title_end = _first_line_end(text)
    months = [
        d
        for d in months
        if d.start < title_end or re.search(r"(?:خلال|شهر)\s+$", text[max(0, d.start - 12) : d.start])
    ]
    during = [d for d in months if re.search(r"خلال\s+(?:شهر\s+)?$", text[max(0, d.start - 12) : d.start])]
    months = [d for d in months if d.start < 600]
    if during or months:
        d = max(during or months, key=lambda d: (d.year, d.month))  # the report's month, not the 2019 defeat
        month = calendar.month_of_calendar(d.year, d.month)
        if calendar.is_month(month):
            start, end = calendar.month_period(month)
            return Period(month, start, end, "calendar_month")
    # "في عام 2014" in the body dates an event ("it seized ... in 2014"); in the title, the report's year.
    annual = next(
        (m for m in _ANNUAL.finditer(head) if not m.group().startswith("في") or m.start() < title_end), None
    )
    if annual:
        years = [d.year for d in dates if d.year and d.month is None and d.start < 600]
        year = int(annual.group("y")) if annual.group("y") else (years[0] if years else None)
        if year:
            start, end = calendar.year_period(year)
            return Period(None, start, end, "year")
    return Period(None, None, None, None)


# --- the 2014-2019 execution reports ---------------------------------------------------------------------


def execution_month_of_phrase(
    text: str, dates: list[DateMention], openers: tuple[str, ...], reach: int = 1500
) -> tuple[int, tuple[int, int]] | None:
    """The execution-report month a period phrase names ("between the 29th of May and the 29th of June 2016").

    ``openers`` are the language's words that open the phrase (``بين``, "between"; data of the lexicons). The
    phrase's later date ends the month: the execution reports' month N ends on the 29th of the calendar month
    N months after June 2014 (June 2016 -> 24). Returns the month in the execution reports' numbering and the
    span of the phrase's dates, or None (no such phrase near the top, or a date before the declaration: never
    raises).
    """
    if not openers:
        return None
    opener = re.compile(
        rf"(?:^|\W)(?:{'|'.join(map(re.escape, openers))})\W[^\n]{{0,40}}$", re.IGNORECASE
    )
    near = [d for d in dates if d.start < reach and d.month]
    for i, d in enumerate(near):
        if not opener.search(text[max(0, d.start - 60) : d.start]):
            continue
        end = d
        for later in near[i + 1 :]:
            if later.start - end.end > 40:
                break
            end = later
        if end.year is None:
            continue
        n = (end.year - calendar.EPOCH[0]) * 12 + (end.month - calendar.EPOCH[1])
        if 1 <= n <= calendar.MAX_MONTH:
            return n, (d.start, end.end)
    return None
