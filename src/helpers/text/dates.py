"""Dates written in reports: ``23 تشرين الثاني``, ``19 أيار/مايو``, ``مارس/آذار 2019``, ``العام 2023``.

Also ISO datelines (``2025-06-02``).

Finds them in normalised text so their numbers are explained (not figures) and events and running totals
get their dates. Month names come from ``data/months.csv``; a day without a year takes the year that puts it
inside the report's period.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from helpers.contract.calendar import month_names, resolve_day
from helpers.text.normalize import fold
from helpers.text.numbers import literal_alternation


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date phrase: normalised span, its parts (any may be missing) and the spans of its numbers."""

    start: int
    end: int
    day: int | None
    month: int | None
    year: int | None

    def resolve(self, period: tuple[dt.date, dt.date] | None) -> dt.date | None:
        """The calendar date, with the year taken from the period when the text omits it."""
        if self.day is None or self.month is None:
            return None
        if self.year is not None:
            try:
                return dt.date(self.year, self.month, self.day)
            except ValueError:
                return None
        return resolve_day(self.day, self.month, period)


@lru_cache(maxsize=1)
def _month_lookup() -> dict[str, int]:
    return {fold(name).lower(): number for name, number in month_names().items()}


@lru_cache(maxsize=1)
def _date_re() -> re.Pattern:
    names = literal_alternation(_month_lookup())
    names = f"(?a:{names})"  # ASCII case folding only: the name found is a key of the lookup
    month = rf"(?:شهر\s+)?(?P<m1>{names})(?:\s*[/\\(-]\s*(?P<m2>{names})\)?)?"
    return re.compile(
        rf"(?<![\w])(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:من\s+)?)?(?:ب|ل|و|في)?{month}"
        rf"(?:\s*,?\s*(?:من\s+)?(?:(?:ال)?عام\s+|سنه\s+)?(?P<year>(?:19|20)\d\d))?(?![\w])",
        re.IGNORECASE,
    )


_NUMERIC_DATE = re.compile(
    r"(?<![\w/.-])(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>(?:19|20)\d\d)(?![\w/.-])"
)
# 2025-06-02 (a dateline)
_ISO_DATE = re.compile(r"(?<![\w/.-])(?P<y>(?:19|20)\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\w/.-])")
_YEAR = re.compile(r"(?:19|20)\d\d(?![\w])")  # starts with a digit: the regex engine skips to candidates
_YEAR_WORD = re.compile(
    r"(?<![\w])(?:(?:ل|و|ب)?(?:ال)?عام|سنه|حصاد|منذ|year|in|since|since early|early|of)\Z", re.IGNORECASE
)
_YEAR_WORD_LONGEST = len("since early")
_NUMERIC_HINT = re.compile(r"\d[/.-]\d")


def _years_after_words(text: str):
    """Spans of years written after a word that makes them a year (``عام 2023``, ``in 2024``)."""
    for m in _YEAR.finditer(text):
        start = m.start()
        gap = start
        while gap > 0 and text[gap - 1].isspace():
            gap -= 1
        if gap < start and _YEAR_WORD.search(text, max(0, gap - _YEAR_WORD_LONGEST - 3), gap):
            yield m.span()


def find_dates(text: str) -> list[DateMention]:
    """Every date phrase in normalised text, left to right (day-month-year, month-year, year after عام)."""
    found = []
    lookup = _month_lookup()
    for m in _date_re().finditer(text):
        month = lookup.get(m.group("m1").lower())
        day = int(m.group("day")) if m.group("day") else None
        year = int(m.group("year")) if m.group("year") else None
        if day is None and year is None:
            if m.group("m1").lower() in ("may", "mar"):
                continue  # English "may" is mostly a verb
            found.append(DateMention(m.start("m1"), m.end(), None, month, None))
            continue
        if day is not None and not 1 <= day <= 31:
            day = None
        start = m.start("day") if day is not None else m.start("m1")
        found.append(DateMention(start, m.end(), day, month, year))
    numeric = (*_NUMERIC_DATE.finditer(text), *_ISO_DATE.finditer(text)) if _NUMERIC_HINT.search(text) else ()
    for m in numeric:
        day, month = int(m.group("d")), int(m.group("m"))
        if 1 <= day <= 31 and 1 <= month <= 12:
            found.append(DateMention(m.start(), m.end(), day, month, int(m.group("y"))))
    taken = [(d.start, d.end) for d in found]
    for start, end in _years_after_words(text):
        if not any(a <= start < b for a, b in taken):
            found.append(DateMention(start, end, None, None, int(text[start:end])))
    return sorted(found, key=lambda d: d.start)
