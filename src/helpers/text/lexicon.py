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
from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import cache, cached_property, lru_cache
from importlib import resources
from itertools import accumulate
from operator import itemgetter
from typing import NamedTuple

from helpers.text.normalize import fold

_PREFIXES = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
_WORD = re.compile(r"[^\W\d_]+|\d+")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
_GAP = re.compile(r'[\s"()\-‐-―]*')


class Match(NamedTuple):
    """A lexicon phrase found in the text: its label and normalised span (a tuple: made by the hundred)."""

    label: str
    start: int
    end: int


_START = itemgetter(1)  # a Match's start
_FOUND_LIMIT = 1 << 12  # windows remembered per lexicon (a few MB at most, whatever the text)
_UNSEEN = object()  # not yet looked for (None: looked for, no phrase)

# ``_new_match(Match, (label, start, end))``: a Match without the Python-level ``__new__`` (hot loops).
_new_match = tuple.__new__


class _Tokens(NamedTuple):
    """A text's words with their spans, and the pieces it splits into: gap, word, gap, word, …, gap."""

    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    pieces: tuple[str, ...]


@lru_cache(maxsize=8)
def _tokens(text: str) -> _Tokens:
    """Words of a text with their spans (cached: every lexicon of a report reads the same text).

    One split gives the words and the text between them; their lengths, summed in C, give the spans (much
    faster than a match object per word).
    """
    pieces = tuple(_WORD_SPLIT.split(text))  # gap, word, gap, word, …, gap
    bounds = list(accumulate(map(len, pieces)))
    return _Tokens(pieces[1::2], tuple(bounds[0:-1:2]), tuple(bounds[1::2]), pieces)


@lru_cache(maxsize=8)
def _lower_words(text: str) -> tuple[str, ...]:
    """The text's words, lower-cased (for lexicons that ignore case)."""
    return tuple(w.lower() for w in _tokens(text).words)


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


def _start_keys(word: str, ignore_case: bool) -> tuple[str, ...]:
    """The lexicon keys a text word may start a phrase under (itself, or without a clinging prefix)."""
    return (word,) if ignore_case else tuple(key for key, _skip in _first_word_keys(word))


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
        # The same entries by first and second word (None: one-word phrases), in the same order: a word that
        # starts dozens of phrases ("the") only tries those whose second word follows it.
        self._by_second: dict[str, dict[str | None, list[tuple[tuple[str, ...], str]]]] = {}
        for key, entries in self._index.items():
            buckets = self._by_second.setdefault(key, {})
            for words, label in entries:
                buckets.setdefault(words[1] if len(words) > 1 else None, []).append((words, label))
        self._alone: MultiLexicon | None = None
        self._pairs: dict[tuple[str, str | None], tuple] = {}
        # The phrase found (label, its number of words) or None, by the words and gaps the phrases a word may
        # start could span: the same wording recurs within and across reports, and floods repeat it.
        self._found: dict[tuple[str, ...], tuple[str, int] | None] = {}
        self._reach: dict[tuple[str, str | None], int] = {}  # longest phrase a word pair may start, in words

    def _key(self, text: str) -> str:
        return text.lower() if self._case else text

    def find(self, text: str) -> list[Match]:
        """All matches in the text, left to right, the longest phrase at each place, none overlapping."""
        if self._alone is None:
            self._alone = MultiLexicon([self])
        return self._alone.find(text)[0]

    def _single_word_label(self, word: str) -> str | None:
        """The label matched at this word when every phrase it may start is one word long (no look-ahead)."""
        keys = _start_keys(word, self._case)
        entries = [self._index[key] for key in keys if key in self._index]
        if not entries or any(len(term) > 1 for found in entries for term, _label in found):
            return None
        return entries[0][0][1]

    def _second_words(self, keys: tuple[str, ...]) -> frozenset[str] | None:
        """The words that may follow a word starting phrases under ``keys``; None when one-word phrases do."""
        buckets = [self._by_second.get(key, {}) for key in keys]
        if any(None in b for b in buckets):
            return None
        return frozenset(second for b in buckets for second in b)

    def _candidates(self, key: str, following: str | None) -> tuple[tuple[tuple[str, ...], str], ...]:
        """The phrases a word may start given the word after it, longest first (remembered per word pair)."""
        pair = (key, following)
        found = self._pairs.get(pair)
        if found is None:
            buckets = self._by_second.get(key, {})
            found = (*(buckets.get(following, ()) if following is not None else ()), *buckets.get(None, ()))
            if len(self._pairs) >= MultiLexicon.CACHE_LIMIT:
                self._pairs.clear()  # random text must not grow it forever
            self._pairs[pair] = found
        return found

    def _longest_from(self, word: str, following: str | None) -> int:
        """The most words a phrase starting at ``word``, followed by ``following``, may have."""
        pair = (word, following)
        reach = self._reach.get(pair)
        if reach is None:
            keys = _start_keys(word, self._case)
            reach = max((len(term) for key in keys for term, _ in self._candidates(key, following)),
                        default=1)
            if len(self._reach) >= MultiLexicon.CACHE_LIMIT:
                self._reach.clear()
            self._reach[pair] = reach
        return reach

    def _remembered_match_at(self, tokens: _Tokens, text, words, i) -> tuple[Match, int] | None:
        """``_match_at``, remembered by the words and gaps the phrases starting at word ``i`` could span.

        A match depends only on those pieces (the gaps are checked too, and the window is cut short at the
        end of the text), so the same wording anywhere, in any report, is looked up rather than matched.
        """
        following = words[i + 1] if i + 1 < len(words) else None
        window = tokens.pieces[2 * i + 1 : 2 * (i + self._longest_from(words[i], following))]
        found = self._found.get(window, _UNSEEN)
        if found is _UNSEEN:
            hit = self._match_at(text, words, tokens.starts, tokens.ends, i)
            found = (hit[0].label, hit[1] - i) if hit is not None else None
            if len(self._found) >= _FOUND_LIMIT:
                self._found.clear()  # random text must not grow it forever
            self._found[window] = found
            return hit
        if found is None:
            return None
        label, k = found
        return _new_match(Match, (label, tokens.starts[i], tokens.ends[i + k - 1])), i + k

    def _match_at(self, text, words, starts, ends, i) -> tuple[Match, int] | None:
        """The longest phrase starting at word ``i`` (first listed of equal length) and the word after it."""
        best, best_k, n = None, 0, len(words)
        following = words[i + 1] if i + 1 < n else None
        for key in _start_keys(words[i], self._case):
            for term, label in self._candidates(key, following):
                k = len(term)
                if k <= best_k or i + k > n:
                    continue
                if k == 1 or _rest_matches(text, words, starts, ends, i, term):
                    best, best_k = (_new_match(Match, (label, starts[i], ends[i + k - 1])), i + k), k
                    break
        return best


class MultiLexicon:
    """Several lexicons matched in one pass over the text's words: each gets what its own ``find`` gives.

    A report is matched against a dozen lexicons; one pass over its words, with the lexicons a word may
    start a phrase of looked up once per distinct word, costs a fraction of a dozen passes.
    """

    CACHE_LIMIT = 1 << 16  # distinct words remembered (hostile text of random words must not grow it forever)

    def __init__(self, lexicons: Sequence[Lexicon]) -> None:
        cases = {lexicon._case for lexicon in lexicons}
        if len(cases) != 1:
            raise ValueError("the lexicons of one pass must all ignore case or all respect it")
        self._lexicons = tuple(lexicons)
        self._case = cases.pop()
        self._starts: dict[str, tuple[tuple[int, str | None, frozenset[str] | None], ...]] = {}

    def _lexicons_starting(self, word: str) -> tuple[tuple[int, str | None, frozenset[str] | None], ...]:
        """The lexicons a phrase may start at this word in, each with how to look for it.

        The label when no look-ahead is needed; else the words that may come next (None: look ahead anyway).
        """
        keys = _start_keys(word, self._case)
        ids = tuple(
            (k, lexicon._single_word_label(word), lexicon._second_words(keys))
            for k, lexicon in enumerate(self._lexicons)
            if any(key in lexicon._index for key in keys)
        )
        if len(self._starts) >= self.CACHE_LIMIT:
            self._starts.clear()
        self._starts[word] = ids
        return ids

    def find(self, text: str) -> list[list[Match]]:
        """Each lexicon's matches, in the order the lexicons were given (see ``Lexicon.find``)."""
        tokens = _tokens(text)
        words, starts, ends = tokens.words, tokens.starts, tokens.ends
        if self._case:
            words = _lower_words(text)
        found: list[list[Match]] = [[] for _ in self._lexicons]
        following = [0] * len(self._lexicons)  # the word after each lexicon's last match
        remembered, n = self._starts, len(words)
        for i, word in enumerate(words):
            ids = remembered.get(word)
            if ids is None:
                ids = self._lexicons_starting(word)
            for k, label, seconds in ids:
                if i < following[k]:
                    continue
                if label is not None:
                    found[k].append(_new_match(Match, (label, starts[i], ends[i])))
                    following[k] = i + 1
                    continue
                if seconds is not None and (i + 1 == n or words[i + 1] not in seconds):
                    continue  # only longer phrases start here, and none goes on with the next word
                hit = self._lexicons[k]._remembered_match_at(tokens, text, words, i)
                if hit is not None:
                    found[k].append(hit[0])
                    following[k] = hit[1]
        return found


class LexiconSet:
    """Base of a dataclass of ``Lexicon`` fields matched together: ``find_all`` reads the words once."""

    @cached_property
    def _kinds(self) -> tuple[str, ...]:
        return tuple(f.name for f in fields(self) if isinstance(getattr(self, f.name), Lexicon))

    @cached_property
    def _together(self) -> MultiLexicon:
        return MultiLexicon([getattr(self, kind) for kind in self._kinds])

    def find_all(self, text: str) -> dict[str, list[Match]]:
        """Every lexicon's matches in the text, by field name (``groups``, ``zones`` …), in one pass."""
        return dict(zip(self._kinds, self._together.find(text), strict=True))


@dataclass(frozen=True)
class ReportLexicons(LexiconSet):
    """The lexicons the parser of every language reads (a language may add its own), compiled once."""

    groups: Lexicon
    zones: Lexicon
    places: Lexicon
    measures: Lexicon
    perpetrators: Lexicon
    qualifiers: Lexicon
    operations: Lexicon
    implied: Lexicon
    subgroups: Lexicon
    markers: Lexicon
    scope: Lexicon
    words: Lexicon
    isis: Lexicon
    table: dict


def _rest_matches(text: str, words, starts, ends, i: int, term: tuple[str, ...]) -> bool:
    """Whether the words after word ``i`` are the rest of a phrase, only spaces, quotes or dashes between."""
    for j in range(1, len(term)):
        if words[i + j] != term[j]:
            return False
        gap, end = ends[i + j - 1], starts[i + j]
        if not (end - gap == 1 and text[gap] == " ") and not _GAP.fullmatch(text, gap, end):
            return False  # (one space, the usual gap, needs no regex)
    return True


class Spans:
    """Matches of one kind, sorted by start, with window queries."""

    def __init__(self, matches: list[Match]) -> None:
        starts = list(map(_START, matches))
        if starts == sorted(starts) and len(set(starts)) == len(starts):
            self.items, self._starts = list(matches), starts  # a lexicon's matches: in order already (in C)
        else:
            self.items = sorted(matches, key=lambda m: (m.start, -m.end))
            self._starts = [m.start for m in self.items]
        self._members: frozenset[Match] | None = None

    def __contains__(self, match: Match) -> bool:
        """Whether this match is one of these (a set lookup, not a scan of the list)."""
        if self._members is None:
            self._members = frozenset(self.items)
        return match in self._members

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
def lexicon_table(language: str) -> dict:
    """A language's ``data/lexicon_<code>.toml``, read once per process (shared: never change it)."""
    return load_toml(f"lexicon_{language}.toml")


def zone_phrases(table: dict) -> dict[str, list[str]]:
    """A lexicon's zone phrases: those listed, and each ``[zone_templates]`` pattern filled with each holder.

    "areas held by {}" with the ``[zone_holders]`` of ``sdf_areas`` gives "areas held by the SDF" ….
    """
    zones = {k: list(v) for k, v in table["zones"].items()}
    for zone, holders in table.get("zone_holders", {}).items():
        zones.setdefault(zone, []).extend(
            p.format(h) for p in table["zone_templates"]["patterns"] for h in holders
        )
    return zones


@cache
def gazetteer(lang: str = "ar") -> dict[str, str]:
    """Place variant -> English governorate, for one language."""
    with resources.files("helpers.data").joinpath("gazetteer.csv").open(encoding="utf-8") as handle:
        return {row["variant"]: row["admin1"] for row in csv.DictReader(handle) if row["lang"] == lang}


def places_by_governorate(lang: str) -> dict[str, list[str]]:
    """English governorate -> its place variants in one language (a places lexicon's phrases)."""
    places: dict[str, list[str]] = {}
    for variant, admin1 in gazetteer(lang).items():
        places.setdefault(admin1, []).append(variant)
    return places
