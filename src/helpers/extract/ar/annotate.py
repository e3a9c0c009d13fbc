"""Annotate a normalised Arabic report: every lexicon phrase, number, date and the report's period.

The parser (``parse.py``) reads these annotations by position; nothing here decides what a number means.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from helpers.extract.document import AnnotatedDoc, split_at
from helpers.text.dates import find_dates
from helpers.text.intervals import piece_at
from helpers.text.lexicon import (
    Lexicon,
    ReportLexicons,
    Spans,
    gazetteer,
    lexicon_table,
    places_by_governorate,
    zone_phrases,
)
from helpers.text.normalize import Normalized, fold
from helpers.text.numbers import find_numbers
from helpers.text.period import find_period

# A run of . ! ؟ ? | not after a digit and before a space or the end, two or more dots, or a newline. Written
# to start with a character class so the regex engine skips straight to candidates (6 times faster than
# ``(?<!\d)[.!؟?|]+(?=\s|$)|\.{2,}|\n``, which it tries at every character; same matches).
_SENTENCE_END = re.compile(r"[.!؟?|\n](?:(?<=[.!؟?|])(?<!\d[.!؟?|])[.!؟?|]*(?=\s|$)|(?<=\.)\.+|(?<=\n))")


@dataclass(frozen=True)
class Lexicons(ReportLexicons):
    """The compiled Arabic lexicons, built once per process."""


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    """Compile ``data/lexicon_ar.toml`` and the gazetteer."""
    t = lexicon_table("ar")
    ops = t["operations"]
    scope = t["scope"]
    return Lexicons(
        groups=Lexicon({**t["groups"], "gunmen": ["المسلحين", "مسلحين", "مسلحا"]}),
        zones=Lexicon({k: v for k, v in zone_phrases(t).items() if k != "government_governorates"}),
        places=Lexicon(places_by_governorate("ar")),
        measures=Lexicon(t["measures"]),
        perpetrators=Lexicon(t["perpetrators"]),
        qualifiers=Lexicon(t["qualifiers"]),
        operations=Lexicon(
            {
                "ops": [n for n in ops["nouns"] if n not in ops["dual"]],
                "ops2": ops["dual"],
                "not_isis": ops["not_isis"],
                "of_them": ops["of_them"],
            }
        ),
        implied=Lexicon({fold(term): [term] for term in t["implied"]}),  # labels: keys of implied_values
        subgroups=Lexicon(t["subgroups"]),
        markers=Lexicon(t["markers"]),
        scope=Lexicon({k: v for k, v in scope.items() if k not in ("durations", "furniture")}),
        words=Lexicon(
            {"duration": scope["durations"], "furniture": scope["furniture"], "ops_verb": ops["verbs"]}
        ),
        isis=Lexicon({"isis": t["isis_terms"]}),
        table=t,
    )


@lru_cache(maxsize=1)
def implied_values() -> dict[str, tuple[str, int, str | None]]:
    """Folded implied noun -> (group label, value, subgroup)."""
    table = lexicon_table("ar")["implied"]
    return {fold(k): (v[0], v[1], v[2] if len(v) > 2 else None) for k, v in table.items()}


@lru_cache(maxsize=1)
def place_variants() -> frozenset[str]:
    """Every Arabic place variant of the gazetteer, folded like report text."""
    return frozenset(fold(v) for v in gazetteer("ar"))


@dataclass
class Annotated(AnnotatedDoc):
    """A normalised Arabic report with every annotation the Arabic parser reads."""

    isis: Spans
    LANGUAGE = "ar"
    SEGMENT_END = re.compile(r"[،,؛;:]")  # Arabic and Latin commas, semicolons and colons

    def __post_init__(self) -> None:
        super().__post_init__()
        self.cache: dict = {}  # per-clause and per-sentence results the parser computes once

    def line_at(self, pos: int) -> tuple[int, int]:
        """The line containing a normalised position."""
        return piece_at(self.lines, pos) or (pos, pos + 1)

    def sentences_in(self, line: tuple[int, int]) -> list[tuple[int, int]]:
        """The sentences that start inside a line."""
        lo = bisect.bisect_left(self.sentences, (line[0], -1))
        hi = bisect.bisect_left(self.sentences, (line[1], -1))
        return self.sentences[lo:hi]


def annotate(norm: Normalized) -> Annotated:
    """Find every phrase, number and date the parser needs, once."""
    text = norm.text
    found = lexicons().find_all(text)
    zones = Spans(found["zones"])
    groups = Spans(found["groups"]).without(zones.items)
    places = Spans(found["places"]).without(groups.items)
    dates = find_dates(text)
    lines = split_at(text, re.compile(r"\n"), 0, len(text))
    return Annotated(
        norm=norm,
        text=text,
        groups=groups,
        zones=zones,
        places=places,
        **{kind: Spans(found[kind]) for kind in _PLAIN_KINDS},
        numbers=find_numbers(text),
        dates=dates,
        period=find_period(text, dates),
        sentences=split_at(text, _SENTENCE_END, 0, len(text)),
        lines=lines,
    )


# Annotations taken as found (zones, groups and places trump each other).
_PLAIN_KINDS = ("measures", "perpetrators", "qualifiers", "operations", "implied", "subgroups", "markers",
                "scope", "words", "isis")
