"""What the parsers of both languages read of a normalised report: its text, phrases, numbers, dates, period.

``annotate.Annotated`` (Arabic) and ``annotate_en.EnglishDoc`` (English) add what only their parser reads
and how their sentences split into segments; nothing here depends on the language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import ClassVar

from helpers.text.dates import DateMention
from helpers.text.intervals import piece_at
from helpers.text.lexicon import Spans, lexicon_table, load_toml
from helpers.text.normalize import Normalized, fold
from helpers.text.period import Period


@dataclass
class AnnotatedDoc:
    """A normalised report with the annotations every parser reads, one ``Spans`` per kind of phrase."""

    SEGMENT_END: ClassVar[re.Pattern]  # the punctuation that cuts a sentence into segments, per language
    LANGUAGE: ClassVar[str]  # the language code, which names its lexicon (``data/lexicon_<code>.toml``)

    norm: Normalized
    text: str
    groups: Spans
    zones: Spans
    places: Spans
    measures: Spans
    perpetrators: Spans
    qualifiers: Spans
    operations: Spans
    implied: Spans
    subgroups: Spans
    markers: Spans
    scope: Spans
    words: Spans
    numbers: list  # the language's number mentions (numbers.NumberMention, numbers_en.EnglishNumber)
    dates: list[DateMention]
    period: Period
    sentences: list[tuple[int, int]]
    lines: list[tuple[int, int]]

    def __post_init__(self) -> None:
        self.date_starts = [d.start for d in self.dates]
        self._segments: dict[tuple[int, int], list[tuple[int, int]]] = {}

    @property
    def joiner(self) -> re.Pattern:
        """What may join two named sides or zones: "and", "in", an article, each optional (``[joiners]``)."""
        return joiners(self.LANGUAGE)[0]

    @property
    def conjoined_number(self) -> re.Pattern:
        """A line that opens on "and" and a number: a part of the list above it (``[joiners]``)."""
        return joiners(self.LANGUAGE)[1]

    def hedged(self, start: int, end: int, kind: str = "place_hedges") -> bool:
        """Whether ``[start, end)`` holds a hedge: what it names is only part of a count.

        ``place_hedges`` ("including", "most of which") for the places after a count, ``zone_hedges``
        ("mostly", "معظمها") for a zone: such places or zone do not place the count.
        """
        return grammar_words(self.LANGUAGE, kind).search(self.text, start, end) is not None

    def country_named(self, start: int, end: int) -> re.Match | None:
        """The first naming of the country as a whole in ``[start, end)`` ("in Syria", "في سوريا")."""
        return grammar_words(self.LANGUAGE, "country").search(self.text, start, end)

    def segments_of(self, sentence: tuple[int, int]) -> list[tuple[int, int]]:
        """Pieces of a sentence between ``SEGMENT_END`` marks (the sentence if none; computed once)."""
        if sentence not in self._segments:
            self._segments[sentence] = split_at(self.text, self.SEGMENT_END, *sentence) or [sentence]
        return self._segments[sentence]

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """The sentence containing a normalised position (a one-character span when none does)."""
        return piece_at(self.sentences, pos) or (pos, pos + 1)

    def segment_at(self, sentence: tuple[int, int], pos: int) -> tuple[int, int]:
        """The piece of a sentence containing a position (the sentence when none does)."""
        return piece_at(self.segments_of(sentence), pos) or sentence


def split_at(text: str, pattern: re.Pattern, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` between matches of the pattern, blank pieces dropped."""
    pieces, pos = [], start
    for m in pattern.finditer(text, start, end):
        if text[pos : m.start()].strip():
            pieces.append((pos, m.start()))
        pos = m.end()
    if text[pos:end].strip():
        pieces.append((pos, end))
    return pieces


@cache
def joiners(language: str) -> tuple[re.Pattern, re.Pattern]:
    """The ``joiner`` and ``conjoined_number`` patterns, from the ``[joiners]`` of a language's lexicon."""
    words = lexicon_table(language)["joiners"]

    def optional(kind: str, gap: str) -> str:
        alternatives = "|".join(re.escape(w) for w in sorted(words[kind], key=len, reverse=True))
        return f"(?:(?:{alternatives}){gap})?" if alternatives else ""

    and_words = "|".join(re.escape(w) for w in sorted(words["and"], key=len, reverse=True))
    quote = r"\"?"  # a name in quotes ("مناطق "قسد" والبادية")
    words_between = optional("and", r"\s*") + optional("in", r"\s*") + optional("article", r"\s+")
    joiner = quote + r"\s*" + words_between + quote
    conjoined = rf"[\s\u200f\u200e]*(?:{and_words})\s*\d"
    return re.compile(joiner, re.IGNORECASE), re.compile(conjoined, re.IGNORECASE)


@cache
def grammar_words(language: str, kind: str) -> re.Pattern:
    """A list of words of a language's lexicon (``[grammar] <kind>``) as one pattern, folded like report text.

    A word may carry a clinging prefix the language lists (``[grammar] clinging``: و in ``ومعظمها``).
    """
    grammar = lexicon_table(language)["grammar"]
    words = sorted((re.escape(fold(w)).replace(r"\ ", r"\s+") for w in grammar[kind]), key=len, reverse=True)
    clinging = "|".join(re.escape(c) for c in grammar.get("clinging", []))
    prefix = f"(?:{clinging})?" if clinging else ""
    return re.compile(rf"(?<![^\W\d_]){prefix}(?:{'|'.join(words)})(?![^\W\d_])", re.IGNORECASE)


@cache
def qualifier_gap(language: str) -> frozenset[str]:
    """Words allowed between a qualifier and its count: the language's articles ("more than a dozen").

    They are the ``[article]`` of ``data/numbers_<code>.toml``, the words that count one; none without it.
    """
    return frozenset(w.lower() for w in load_toml(f"numbers_{language}.toml").get("article", {}))
