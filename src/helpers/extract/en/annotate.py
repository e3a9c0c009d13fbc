"""Annotate a normalised English report: lexicon phrases, numbers, dates, sentences and the report's period.

The English counterpart of ``annotate.py``: the same normalisation (``normalize.py``) plus the English
obfuscations it does not restore (``Is-lamic``, ``ki.lled``, ``D a e s h``), the English lexicon
(``data/lexicon_en.toml``), English numbers (``numbers_en.py``), English date forms (``June 29, 2023``) and
the English month phrases ("In the 98th month after the declaration of ...", "ISIS in May 2023 | ...").
The parser (``parse_en.py``) reads these annotations by position; nothing here decides what a number means.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from helpers.contract import calendar
from helpers.extract.document import AnnotatedDoc
from helpers.extract.en.numbers import EnglishNumber, find_english_numbers
from helpers.text.dates import DateMention, find_dates
from helpers.text.intervals import Intervals, piece_at
from helpers.text.lexicon import (
    Lexicon,
    Match,
    ReportLexicons,
    Spans,
    lexicon_table,
    places_by_governorate,
    zone_phrases,
)
from helpers.text.normalize import Normalized
from helpers.text.numbers import literal_alternation
from helpers.text.period import Period

_ABBREVIATIONS = {
    "u.s",
    "mr",
    "dr",
    "st",
    "no",
    "approx",
    "e.g",
    "i.e",
    "jan",
    "feb",
    "aug",
    "sept",
    "oct",
    "nov",
    "dec",
    "gen",
    "col",
    "lt",
    "brig",
    "maj",
    "capt",
    "sgt",
    "vs",
    "al",
}
_FRAMING = re.compile(
    r"caliphate|declaration|isis|isil|daesh|islamic state|so-called|organization", re.IGNORECASE
)
_OBFUSCATION_SEP = r"[*\-._·•'\"]"


@dataclass(frozen=True)
class EnglishLexicons(ReportLexicons):
    """The compiled English lexicons, built once per process: those of every language and English grammar."""

    grammar: Lexicon


@lru_cache(maxsize=1)
def lexicons_en() -> EnglishLexicons:
    """Compile ``data/lexicon_en.toml`` with the gazetteer's English variants."""
    t = lexicon_table("en")
    places = places_by_governorate("en")
    for admin1, variants in t["places"].items():
        places.setdefault(admin1, []).extend(variants)
    ops, scope, grammar = t["operations"], t["scope"], t["grammar"]
    zones = zone_phrases(t)
    return EnglishLexicons(
        groups=Lexicon(t["groups"], ignore_case=True),
        zones=Lexicon(zones, ignore_case=True),
        places=Lexicon(places, ignore_case=True),
        measures=Lexicon(
            {k: v for k, v in t["measures"].items() if k != "passive_fillers"}, ignore_case=True
        ),
        perpetrators=Lexicon(t["perpetrators"], ignore_case=True),
        qualifiers=Lexicon(t["qualifiers"], ignore_case=True),
        operations=Lexicon({"ops": ops["nouns"], "not_isis": ops["not_isis"]}, ignore_case=True),
        implied=Lexicon({noun: [noun] for noun in t["implied"]}, ignore_case=True),
        subgroups=Lexicon(t["subgroups"], ignore_case=True),
        markers=Lexicon(t["markers"], ignore_case=True),
        scope=Lexicon(
            {k: v for k, v in scope.items() if k not in ("durations", "furniture", "not_counts_before")},
            ignore_case=True,
        ),
        words=Lexicon(
            {
                "duration": scope["durations"],
                "furniture": scope["furniture"],
                "not_count": scope["not_counts_before"],
                "passive": t["measures"]["passive_fillers"],
                "ops_between": ops["between"],
                "ops_verb": ops["verbs"],
            },
            ignore_case=True,
        ),
        grammar=Lexicon(
            {
                "connector": grammar["connectors"],
                "modifier": grammar["article_modifiers"],
                "pronoun_one": grammar["pronoun_one"],
            },
            ignore_case=True,
        ),
        isis=Lexicon({"isis": t["isis_terms"]}, ignore_case=True),
        table=t,
    )


# --- normalisation ----------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _obfuscated_re() -> re.Pattern:
    """Known words with a mark between letters (``Is-lamic``) or every letter spaced (``D a e s h``)."""
    words = sorted(lexicon_table("en")["obfuscated_words"], key=len, reverse=True)
    marked = "|".join(f"{_OBFUSCATION_SEP}?".join(map(re.escape, w)) for w in words)
    spaced = "|".join(" ".join(map(re.escape, w)) for w in words if len(w) > 2)
    return re.compile(rf"(?<![\w*\-.])(?:{spaced}|{marked})(?![\w])", re.IGNORECASE)


def restore_english(norm: Normalized) -> Normalized:
    """Rejoin obfuscated English words (``Is-lamic``, ``ki.lled``, ``D a e s h``), keeping the raw offset map.

    ``normalize`` already joins asterisks inside words (``IS*IS``); this step adds the marks and spacing it
    leaves, for the lexicon's ``obfuscated_words`` only, so ordinary hyphens (``twenty-three``,
    ``Al-Hasakah``) stay.
    """
    text = norm.text
    drop: set[int] = set()
    for m in _obfuscated_re().finditer(text):
        piece = m.group()
        if piece.isalpha():
            continue
        drop.update(m.start() + i for i, ch in enumerate(piece) if not ch.isalpha())
    if not drop:
        return norm
    kept = [i for i in range(len(text)) if i not in drop]
    offsets = norm.offsets
    return Normalized("".join(text[i] for i in kept), norm.raw, tuple(offsets[i] for i in kept))


# --- sentences, dates, period ---------------------------------------------------------------------------


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentences of a text.

    Split at a full stop (not after an abbreviation, an initial or inside a number), ``!``,
    ``?``, ``|``, a run of dots and a line break.
    """
    pieces, pos = [], 0
    for m in re.finditer(r"[.!?|]+(?=[\s\"]|$)|\n", text):
        if m.group().startswith(".") and m.group() == ".":
            word = re.search(r"([\w.]+)$", text[max(0, m.start() - 8) : m.start()])
            if word and (word.group(1).lower() in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", word.group(1))):
                continue
        if text[pos : m.start()].strip():
            pieces.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        pieces.append((pos, len(text)))
    return pieces


@lru_cache(maxsize=1)
def _month_day_re() -> re.Pattern:
    names = [n for n, _ in calendar.month_names().items() if n.isascii()]
    alt = literal_alternation(names)
    return re.compile(  # (?a:…): ASCII case folding only, so the name found is a key of the lookup
        rf"(?<![\w])(?P<m>(?a:{alt}))\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\w])"
        rf"(?:\s*,?\s*(?P<year>(?:19|20)\d\d)(?![\w]))?",
        re.IGNORECASE,
    )


_YEAR_HINT = re.compile(r"(?:19|20)\d\d")  # starts with a digit: found or ruled out at once
_YEAR_AFTER = re.compile(
    r"(?<![\w])(?:since|from|until|till|by|to|and|in|during|throughout|of|for|year)\s+"
    r"(?:the\s+(?:year\s+)?|mid-?|late\s+|the\s+end\s+of\s+)?(?P<year>(?:19|20)\d\d)(?![\w])",
    re.IGNORECASE,
)


def english_dates(text: str) -> list[DateMention]:
    """Date phrases in normalised English text: ``find_dates`` plus ``June 29, 2023`` and ``since 2019``."""
    lookup = {n.lower(): v for n, v in calendar.month_names().items() if n.isascii()}
    extra = []
    for m in _month_day_re().finditer(text):
        if m.group("m").lower() in ("may", "mar") and not m.group("year") and not m.group("m")[0].isupper():
            continue
        day = int(m.group("day"))
        if 1 <= day <= 31:
            year = int(m.group("year")) if m.group("year") else None
            extra.append(DateMention(m.start(), m.end(), day, lookup[m.group("m").lower()], year))
    taken = Intervals((e.start, e.end) for e in extra)
    found = [
        d for d in find_dates(text) if d.start not in taken and not taken.starts_within(d.start, d.end)
    ]
    found += extra
    dated = Intervals((d.start, d.end) for d in found)
    for m in _YEAR_AFTER.finditer(text) if _YEAR_HINT.search(text) else ():  # skipped without a year
        if m.start("year") not in dated:
            found.append(DateMention(m.start("year"), m.end("year"), None, None, int(m.group("year"))))
    return sorted(found, key=lambda d: d.start)


def _month_mentions(text: str, numbers: list[EnglishNumber]) -> list[tuple[int, tuple[int, int]]]:
    """Caliphate month numbers the text states, each with the span of its number.

    Forms: ``98th month``, ``one hundred and sixth month``, ``month 112``,
    ``54 months after the declaration``, ``Fifth anniversary of the "Caliphate"`` (month
    60, the anniversary's month); each with the span of its number.
    """
    found = []
    framed: dict[int, bool] = {}  # line start -> whether the line frames a month number (searched once)
    newlines = [m.start() for m in re.finditer("\n", text)]
    for n in numbers:
        after, before = text[n.end : n.end + 24], text[max(0, n.start - 12) : n.start]
        k = bisect.bisect_left(newlines, n.start)  # the line's bounds by bisection: no scan of a long line
        line_start = newlines[k - 1] if k else 0
        if line_start not in framed:
            j = bisect.bisect_left(newlines, n.end)
            line_end = newlines[j] if j < len(newlines) else len(text)
            framed[line_start] = bool(_FRAMING.search(text, line_start, line_end))
        if not framed[line_start]:
            continue
        if n.kind == "ordinal" and re.match(r"[\s\"-]*month\b", after, re.IGNORECASE):
            found.append((n.value, (n.start, n.end)))
        elif n.kind == "ordinal" and re.match(r"[\s\"-]*anniversary\b", after, re.IGNORECASE):
            found.append((12 * n.value, (n.start, n.end)))  # "Fifth anniversary of the Caliphate": month 60
        elif n.kind == "cardinal" and not n.words and re.search(r"\bmonth\s*$", before, re.IGNORECASE):
            found.append((n.value, (n.start, n.end)))
        elif n.kind == "cardinal" and re.match(
            r"\s+months\s+(?:after|since|of|on|from|into)\b", after, re.IGNORECASE
        ):
            found.append((n.value, (n.start, n.end)))
    return found


_CALENDAR_LEAD = re.compile(
    r"(?:\b(?:in|during|for|of|throughout|over)\s+(?:the\s+month\s+of\s+)?|^\s*)$", re.IGNORECASE
)
_ANNUAL = re.compile(
    r"(?:\b(?:in|during|throughout|for|of)\s+(?:the\s+year\s+)?|\bannual\b[^\n]{0,40}?|"
    r"\byear\s+)(?P<y>(?:19|20)\d\d)(?![\w])",
    re.IGNORECASE,
)


def _reports_month(text: str, pos: int) -> bool:
    """Whether a "<Month YYYY>" at ``pos`` names the report's month.

    It does in the title line ("ISIS in May 2023 |")
    or opening a sentence ("In September 2023, ...", "During October 2025 ...").
    """
    line_start = text.rfind("\n", 0, pos) + 1
    lead = _CALENDAR_LEAD.search(text[max(line_start, pos - 30) : pos])
    if lead is None:
        return False
    if line_start == len(text) - len(text.lstrip()):
        return True
    opening = text[max(line_start, pos - 40) : pos - len(lead.group())].rstrip(' "')
    return opening == "" or opening.endswith((".", "|", ":"))


def english_period(text: str, numbers: list[EnglishNumber], dates: list[DateMention]) -> Period:
    """The period: a caliphate month (ordinal phrase), else a calendar month at the top, else a year."""
    mentions = [(v, s) for v, s in _month_mentions(text, numbers) if calendar.is_month(v)]
    if mentions:
        values = [v for v, _ in mentions]
        month = max(set(values), key=lambda v: (values.count(v), -values.index(v)))
        start, end = calendar.month_period(month)
        return Period(month, start, end, "caliphate_month", tuple(s for v, s in mentions if v == month))
    head = 600
    for d in dates:
        if d.start < head and d.month and d.year and d.day is None and _reports_month(text, d.start):
            try:
                month = calendar.month_of_calendar(d.year, d.month)
            except ValueError:
                continue
            if not calendar.is_month(month):
                continue
            start, end = calendar.month_period(month)
            return Period(month, start, end, "calendar_month")
    for m in _ANNUAL.finditer(text[:head]):
        if "annual" in m.group().lower() or _reports_month(text, m.start("y")):
            start, end = calendar.year_period(int(m.group("y")))
            return Period(None, start, end, "year")
    return Period(None, None, None, None)


# --- the annotated document -----------------------------------------------------------------------------


@dataclass
class EnglishDoc(AnnotatedDoc):
    """A normalised English report with every annotation the English parser reads."""

    grammar: Spans
    isis_found: bool = False
    LANGUAGE = "en"
    SEGMENT_END = re.compile(r"[,;:()]")  # commas, semicolons, colons and brackets

    def __post_init__(self) -> None:
        super().__post_init__()
        self.raw_sentences: dict[tuple[int, int], str] = {}

    def line_at(self, pos: int) -> tuple[int, int] | None:
        """The line containing a position, if any."""
        return piece_at(self.lines, pos)

    def is_about_isis(self) -> bool:
        """Whether the text names ISIS or the caliphate at all."""
        return self.isis_found


_DATELINE = re.compile(r"\s*[A-Z][A-Z'.-]+(?:\s+[A-Z][A-Z'.-]+)*(?:,[^\n]{0,60}?)?\s+[-–—]\s")


def _without(spans: Spans, others: list[Match]) -> Spans:
    return spans.without(others) if others else spans


def annotate_english(norm: Normalized, check_numbers: Callable[[int], None] | None = None) -> EnglishDoc:
    """Restore English obfuscations, then find every phrase, number and date the parser needs, once.

    ``check_numbers(n)``, when given, sees how many numbers the text states before anything else is looked
    for, and may raise to stop there (a flood of number words is refused without its phrases being matched).
    """
    norm = restore_english(norm)
    text = norm.text
    numbers = find_english_numbers(text)
    if check_numbers is not None:
        check_numbers(len(numbers))
    found = lexicons_en().find_all(text)
    zones = Spans(found["zones"])
    groups = _without(Spans(found["groups"]), zones.items)
    places = _without(Spans(found["places"]), groups.items)
    dateline = _DATELINE.match(text)
    if dateline:  # "QAMISHLI - The SDF said ...": where the story was filed, not where anything happened
        places = Spans([m for m in places.items if m.start >= dateline.end()])
    perpetrators = _without(Spans(found["perpetrators"]), zones.items)
    dates = english_dates(text)
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    return EnglishDoc(
        norm=norm,
        text=text,
        groups=groups,
        zones=zones,
        places=places,
        perpetrators=perpetrators,
        **{kind: Spans(found[kind]) for kind in _PLAIN_KINDS},
        isis_found=bool(found["isis"]),
        numbers=numbers,
        dates=dates,
        period=english_period(text, numbers, dates),
        sentences=split_sentences(text),
        lines=lines,
    )


_PLAIN_KINDS = ("measures", "qualifiers", "operations", "implied", "subgroups", "markers", "scope", "words",
                "grammar")  # taken as found (zones, groups, places, perpetrators trump each other)
