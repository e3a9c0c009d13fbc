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

_PREFIXES = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
_WORD = re.compile(r"[^\W\d_]+|\d+")
_GAP = re.compile(r'[\s"\-‐-―]*')


@dataclass(frozen=True, slots=True)
class Match:
    """A lexicon phrase found in the text: its label and normalised span."""

    label: str
    start: int
    end: int


@lru_cache(maxsize=8)
def _tokens(text: str) -> tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...]]:
    """Words of a text with their spans (cached: every lexicon of a report reads the same text)."""
    words, starts, ends = [], [], []
    for m in _WORD.finditer(text):
        words.append(m.group())
        starts.append(m.start())
        ends.append(m.end())
    return tuple(words), tuple(starts), tuple(ends)


@lru_cache(maxsize=1 << 16)
def _first_word_keys(word: str) -> tuple[tuple[str, int], ...]:
    """Lexicon keys a text word may stand for, with the length of the clinging prefix to skip."""
    keys = [(word, 0)]
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            keys.append((word[len(prefix):], len(prefix)))
    for prefix in ("لل", "ولل", "فلل"):
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            keys.append(("ال" + word[len(prefix):], 0))
    return tuple(keys)


class Lexicon:
    """Phrases by label, found as whole words with a clinging prefix allowed; the longest phrase wins."""

    def __init__(self, phrases: dict[str, list[str]], ignore_case: bool = False) -> None:
        self._case = ignore_case
        self._index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for label, terms in phrases.items():
            for term in terms:
                words = tuple(_WORD.findall(self._key(fold(term))))
                if words:
                    self._index.setdefault(words[0], []).append((words, label))
        for entries in self._index.values():
            entries.sort(key=lambda e: len(e[0]), reverse=True)

    def _key(self, text: str) -> str:
        return text.lower() if self._case else text

    def find(self, text: str) -> list[Match]:
        """All matches in the text, left to right, the longest phrase at each place, none overlapping."""
        words, starts, ends = _tokens(text)
        if self._case:
            words = tuple(w.lower() for w in words)
        found, i, n = [], 0, len(words)
        while i < n:
            hit = self._match_at(text, words, starts, ends, i)
            if hit is None:
                i += 1
                continue
            found.append(hit[0])
            i = hit[1]
        return found

    def _match_at(self, text, words, starts, ends, i) -> tuple[Match, int] | None:
        best = None
        for key, _skip in _first_word_keys(words[i]) if not self._case else ((words[i], 0),):
            for term, label in self._index.get(key, ()):
                k = len(term)
                if i + k > len(words) or (best is not None and k <= best[1] - i):
                    continue
                if all(words[i + j] == term[j] and _GAP.fullmatch(text, ends[i + j - 1], starts[i + j])
                       for j in range(1, k)):
                    best = (Match(label, starts[i], ends[i + k - 1]), i + k)
                    break
        return best


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
