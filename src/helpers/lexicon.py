"""Load the phrase lexicons under ``data/`` and find their phrases in normalised text.

A lexicon maps labels (a group, a zone, a measure …) to phrases. Phrases are folded like the report text,
may carry a clinging و/ف/ب/ل/ك (and ``لل`` for ``ال``), tolerate quotes between their words, and the longest
phrase wins where several start at the same place.
"""

from __future__ import annotations

import bisect
import csv
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from helpers.normalize import fold

_PREFIX = "(?:و|ف|ب|ل|ك|وب|ول|فب|فل|وك)?"
_AR_WORD = r"[^\W\d_]"


@dataclass(frozen=True, slots=True)
class Match:
    """A lexicon phrase found in the text: its label and normalised span."""

    label: str
    start: int
    end: int


def _term_pattern(term: str, ignore_case: bool) -> str:
    words = [re.escape(w) for w in fold(term).split()]
    body = r'[\s"]+'.join(words)
    if ignore_case:
        return body
    alternatives = [f"{_PREFIX}{body}"]
    if words and words[0].startswith("ال"):
        alternatives.append("(?:و|ف)?لل" + body[2:])
    return "|".join(alternatives)


class Lexicon:
    """Compiled phrase patterns for a mapping label -> phrases; finds non-overlapping longest matches."""

    def __init__(self, phrases: dict[str, list[str]], ignore_case: bool = False) -> None:
        pairs = sorted(((fold(t), label, t) for label, terms in phrases.items() for t in terms),
                       key=lambda p: len(p[0]), reverse=True)
        self._labels: list[str] = []
        parts = []
        for i, (_, label, term) in enumerate(pairs):
            self._labels.append(label)
            parts.append(f"(?P<t{i}>{_term_pattern(term, ignore_case)})")
        flags = re.IGNORECASE if ignore_case else 0
        edge_l, edge_r = (r"(?<![\w])", r"(?![\w])")
        self._pattern = re.compile(f"{edge_l}(?:{'|'.join(parts)}){edge_r}", flags) if parts else None

    def find(self, text: str) -> list[Match]:
        """All matches in the text, left to right, the longest phrase at each place."""
        if self._pattern is None:
            return []
        return [Match(self._labels[int(m.lastgroup[1:])], m.start(), m.end()) for m in self._pattern.finditer(text)]


class Spans:
    """Matches of one kind, sorted by start, with window queries."""

    def __init__(self, matches: list[Match]) -> None:
        self.items = sorted(matches, key=lambda m: (m.start, -m.end))
        self._starts = [m.start for m in self.items]

    def within(self, start: int, end: int) -> list[Match]:
        """Matches that start inside ``[start, end)``."""
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return self.items[lo:hi]

    def last_before(self, pos: int, floor: int = 0) -> Match | None:
        """The last match ending at or before ``pos`` and starting at or after ``floor``."""
        hits = [m for m in self.within(floor, pos) if m.end <= pos]
        return hits[-1] if hits else None

    def covering(self, pos: int) -> Match | None:
        """The match that covers position ``pos``, if any."""
        for m in self.within(max(0, pos - 200), pos + 1):
            if m.start <= pos < m.end:
                return m
        return None

    def without(self, others: list[Match]) -> Spans:
        """These matches minus the ones overlapping any of ``others``."""
        others = sorted(others, key=lambda m: m.start)
        starts = [m.start for m in others]
        kept = []
        for m in self.items:
            i = bisect.bisect_left(starts, m.end)
            if not any(o.start < m.end and m.start < o.end for o in others[max(0, i - 5):i]):
                kept.append(m)
        return Spans(kept)


@lru_cache(maxsize=None)
def load_toml(name: str) -> dict:
    """A TOML file of ``helpers/data``."""
    with resources.files("helpers.data").joinpath(name).open("rb") as handle:
        return tomllib.load(handle)


@lru_cache(maxsize=None)
def gazetteer(lang: str = "ar") -> dict[str, str]:
    """Place variant -> English governorate, for one language."""
    with resources.files("helpers.data").joinpath("gazetteer.csv").open(encoding="utf-8") as handle:
        return {row["variant"]: row["admin1"] for row in csv.DictReader(handle) if row["lang"] == lang}
