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
from functools import cache, lru_cache
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
    found = list(_WORD.finditer(text))
    return (tuple(map(re.Match.group, found)), tuple(map(re.Match.start, found)),
            tuple(map(re.Match.end, found)))


@lru_cache(maxsize=8)
def _word_index(text: str, ignore_case: bool) -> tuple[tuple[str, ...], dict[str, list[int]], frozenset[str]]:
    """The text's words and where each lexicon key may start a phrase (cached: once per text, every lexicon).

    Returns:
        The words (lower-cased when ``ignore_case``), the word positions of every key they may stand for
        (the word itself and, unless ``ignore_case``, the word without a clinging prefix), and those keys.
    """
    words = _tokens(text)[0]
    if ignore_case:
        words = tuple(w.lower() for w in words)
    positions: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        positions.setdefault(word, []).append(i)
    if ignore_case:
        return words, positions, frozenset(positions)
    by_key: dict[str, list[int]] = {}
    for word, where in positions.items():
        for key, _skip in _first_word_keys(word):
            by_key.setdefault(key, []).extend(where)
    return words, by_key, frozenset(by_key)


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
        self._keys = frozenset(self._index)

    def _key(self, text: str) -> str:
        return text.lower() if self._case else text

    def find(self, text: str) -> list[Match]:
        """All matches in the text, left to right, the longest phrase at each place, none overlapping."""
        words, by_key, text_keys = _word_index(text, self._case)
        _, starts, ends = _tokens(text)
        candidates = sorted({i for key in self._keys & text_keys for i in by_key[key]})
        found, following = [], 0
        for i in candidates:  # only where a phrase of this lexicon may start; the same as trying every word
            if i < following:
                continue
            hit = self._match_at(text, words, starts, ends, i)
            if hit is not None:
                found.append(hit[0])
                following = hit[1]
        return found

    def _match_at(self, text, words, starts, ends, i) -> tuple[Match, int] | None:
        """The longest phrase starting at word ``i`` (first listed of equal length) and the word after it."""
        best, best_k, n = None, 0, len(words)
        for key, _skip in _first_word_keys(words[i]) if not self._case else ((words[i], 0),):
            for term, label in self._index.get(key, ()):
                k = len(term)
                if k <= best_k or i + k > n:
                    continue
                if k == 1 or _rest_matches(text, words, starts, ends, i, term):
                    best, best_k = (Match(label, starts[i], ends[i + k - 1]), i + k), k
                    break
        return best


def _rest_matches(text: str, words, starts, ends, i: int, term: tuple[str, ...]) -> bool:
    """Whether the words after word ``i`` are the rest of a phrase, only spaces, quotes or dashes between."""
    for j in range(1, len(term)):
        if words[i + j] != term[j] or not _GAP.fullmatch(text, ends[i + j - 1], starts[i + j]):
            return False
    return True


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

    def first_within(self, start: int, end: int) -> Match | None:
        """The first match that starts inside ``[start, end)``, without building the whole list."""
        i = bisect.bisect_left(self._starts, start)
        return self.items[i] if i < len(self.items) and self._starts[i] < end else None

    def last_before(self, pos: int, floor: int = 0) -> Match | None:
        """The last match ending at or before ``pos`` and starting at or after ``floor``."""
        lo = bisect.bisect_left(self._starts, floor)
        for k in range(bisect.bisect_left(self._starts, pos) - 1, lo - 1, -1):  # from the end: O(1) usually
            if self.items[k].end <= pos:
                return self.items[k]
        return None

    def last_within(self, start: int, end: int) -> Match | None:
        """The last match starting inside ``[start, end)`` (``within(start, end)[-1]`` without the copy)."""
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return self.items[hi - 1] if hi > lo else None

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


@cache
def load_toml(name: str) -> dict:
    """A TOML file of ``helpers/data``."""
    with resources.files("helpers.data").joinpath(name).open("rb") as handle:
        return tomllib.load(handle)


@cache
def gazetteer(lang: str = "ar") -> dict[str, str]:
    """Place variant -> English governorate, for one language."""
    with resources.files("helpers.data").joinpath("gazetteer.csv").open(encoding="utf-8") as handle:
        return {row["variant"]: row["admin1"] for row in csv.DictReader(handle) if row["lang"] == lang}
