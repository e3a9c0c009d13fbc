"""English report text -> ``Report``: the same model and vocabularies as the Arabic reading (``parse.py``).

The observatory's English versions of the series (and reprints of them) say the same things in English word
order: "ISIS cells carried out over 12 operations in areas controlled by SDF, killing 9 persons: 4 civilians,
including a woman, and 5 combatants". The text is normalised (``normalize.py``, plus the English obfuscations
of ``annotate_en.py``) and annotated with the English lexicon; then each count — a number in digits or words,
or an article before a countable noun (``a woman`` = 1) where the syntax makes it a count — is read in its
sentence: what it counts (operations, or the people a killing/injury/arrest word before it, or a passive one
after its noun phrase, applies to), whom (the noun phrase after it), where (zone phrase, governorate, running
context), who did it, whether it is a sub-count ("including") or a running total ("since early 2024").
Numbers that are dates, the month ordinal, other ordinals, durations or page furniture are explained; every
other number that becomes no figure is listed as unexplained.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from helpers.contract import vocab
from helpers.contract.report import Event, Figure, Report
from helpers.extract.en.annotate import EnglishDoc, annotate_english, lexicons_en
from helpers.extract.en.numbers import article_words
from helpers.extract.engine import (
    STRONG_GROUPS,
    ReadState,
    assemble_report,
    check_count_density,
    count_scope,
    follow_tally,
    group_of_phrase,
    head_list,
    in_listed_area,
    in_side_operations,
    military_group,
    notable_event,
    open_tally,
    operations_agent,
    operations_subcount,
    pick_agent,
    qualifier_of,
    require_isis,
    settle_perpetrators,
    settle_toll_parts,
    sole_zone,
    unexplained_numbers,
    whole_of_period,
    zone_of_count,
)
from helpers.text.intervals import Intervals
from helpers.text.lexicon import Match
from helpers.text.normalize import normalize

log = logging.getLogger(__name__)

_FILLERS = re.compile(
    r'^[\s",:]*(?:(?:also|another|only|both|further|additionally)[\s",:]+)*$', re.IGNORECASE
)
_LIST_JOIN = re.compile(r"(?:,\s*(?:and\s+|as well as\s+)?|\s+(?:and|as well as|plus)\s+)$", re.IGNORECASE)
_WORDS = re.compile(r"[^\W\d_]+|\d+")
_PLACE_CHAIN = re.compile(
    r"^(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?:(?:the|in|eastern|western|northern|southern)\s+)*$",
    re.IGNORECASE,
)


@dataclass
class _Count:
    """A count candidate: a stated number or an article before a countable noun, not yet read in context."""

    start: int
    end: int
    value: int
    implied: str | None = None  # the noun's label from the lexicon's [implied] table, for an article count
    sub: str | None = None  # the subgroup that noun names inside a sub-count ("a woman" -> women)
    head_end: int | None = None  # end of the implied noun (the figure's phrase ends there)

    @property
    def phrase_end(self) -> int:
        """End of the count's own phrase (the implied noun for an article count)."""
        return self.head_end if self.head_end is not None else self.end


@dataclass
class _Own:
    """The last figure of its own in a sentence (not a sub-count), with the normalised end of its phrase."""

    figure: Figure
    end: int


# --- explained numbers --------------------------------------------------------------------------------


def _covered(doc: EnglishDoc, start: int, end: int, labels: tuple[str, ...], spans=None) -> bool:
    """Whether every word of ``text[start:end]`` lies inside a match with one of ``labels``."""
    spans = spans if spans is not None else doc.words
    for w in _WORDS.finditer(doc.text, start, end):
        hit = spans.covering(w.start())
        if hit is None or hit.label not in labels or hit.end < w.end():
            return False
    return True


def _explained(doc: EnglishDoc) -> dict[tuple[int, int], str]:
    """Numbers that are not figures, each with why: month, date, ordinal, year, duration, counter, name."""
    text, reasons = doc.text, {}
    month_spans = Intervals(doc.period.spans)
    date_spans = Intervals((d.start, d.end) for d in doc.dates)
    urls = Intervals(m.span() for m in re.finditer(r"(?:https?://|www\.)\S+", text))
    for n in doc.numbers:
        span = (n.start, n.end)
        after, before = text[n.end : n.end + 20], text[max(0, n.start - 30) : n.start]
        line = doc.line_at(n.start) or span
        raw = doc.norm.raw_text(n.start, n.end)
        if n.start in month_spans:
            reasons[span] = "month number"
        elif n.start in date_spans:
            reasons[span] = "date"
        elif n.start in urls:
            reasons[span] = "link"
        elif n.kind == "ordinal":
            reasons[span] = "ordinal (a rank or a unit name, not a count)"
        elif n.kind == "decimal":
            reasons[span] = "decimal (a measurement, not a count)"
        elif (
            not n.words
            and 1990 <= n.value <= 2035
            and raw.isdigit()
            and not doc.operations.within(n.end, n.end + 3)
            and not doc.groups.within(n.end, n.end + 3)
        ):
            reasons[span] = "year"
        elif (
            line[1] - line[0] <= n.end - n.start + 8  # a long line cannot be a lone number: no copy of it
            and text[line[0] : line[1]].strip(' \t"()') == text[n.start : n.end]
        ):
            reasons[span] = "view counter (a lone number on its own line)"
        elif re.match(r"\s*(?:%|percent|per cent)", after, re.IGNORECASE):
            reasons[span] = "percentage"
        elif re.match(r"\s*[:.]\d\d\b", after) or re.search(r"\d[:.]$", before):
            reasons[span] = "time of day"
        elif any(w.label == "duration" for w in doc.words.within(n.end, n.end + 3)):
            reasons[span] = "duration or measurement"
        elif any(
            w.label == "furniture" and w.end >= n.start - 3
            for w in doc.words.within(max(0, n.start - 25), n.start)
        ) or any(w.label == "furniture" for w in doc.words.within(n.end, n.end + 2)):
            reasons[span] = "page furniture (a counter)"
        elif any(
            w.label == "not_count" and w.end >= n.start - 2
            for w in doc.words.within(max(0, n.start - 20), n.start)
        ):
            reasons[span] = "a name, an age or a unit number"
        elif _pronoun_one(doc, n):
            reasons[span] = "the pronoun 'one'"
    return reasons


def _pronoun_one(doc: EnglishDoc, n) -> bool:
    """``one of the villages``, ``no one``: the word "one" that counts nobody the report tallies."""
    hit = next(
        (
            m
            for m in doc.grammar.within(max(0, n.start - 6), n.end)
            if m.label == "pronoun_one" and m.start <= n.start < m.end
        ),
        None,
    )
    if hit is None:
        return False
    if doc.text[hit.start : hit.end].lower().startswith("one of"):
        return not _noun_phrase(doc, hit.end, min(len(doc.text), hit.end + 60))
    return True


# --- counts -------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _implied_table() -> dict[str, tuple[str, str | None]]:
    table = lexicons_en().table["implied"]
    return {k.lower(): (v[0], v[1] or None) for k, v in table.items()}


@lru_cache(maxsize=1)
def _article_re() -> re.Pattern:
    words = "|".join(sorted(map(re.escape, article_words()), key=len, reverse=True))
    return re.compile(rf"(?<![\w\-])(?a:{words})(?=\s)", re.IGNORECASE)  # ASCII case folding: a key


def _article_counts(doc: EnglishDoc) -> list[_Count]:
    """``a woman``, ``an ISIS leader``, ``a single attack``: an article, modifiers, then a countable noun."""
    text, counts = doc.text, []
    for m in _article_re().finditer(text):
        noun = next(iter(doc.implied.within(m.end(), m.end() + 50)), None)
        if noun is None or not _modifiers_only(doc, m.end(), noun.start):
            continue
        if text[noun.end : noun.end + 1].isalpha():
            continue
        label, sub = _implied_table()[noun.label.lower()]  # the phrase, whatever the gaps in the text
        counts.append(
            _Count(
                m.start(),
                m.end(),
                article_words()[m.group().lower()],
                implied=label,
                sub=sub,
                head_end=noun.end,
            )
        )
    return counts


def _modifiers_only(doc: EnglishDoc, start: int, end: int) -> bool:
    """Whether the (at most 3) words between an article and its noun are adjectives or group words."""
    words = list(_WORDS.finditer(doc.text, start, end))
    if len(words) > 3 or re.search(r"[,.;:()]", doc.text[start:end]):
        return False
    for w in words:
        hit = doc.grammar.covering(w.start()) or doc.groups.covering(w.start())
        if hit is None or (hit in doc.grammar and hit.label != "modifier" and hit.label != "connector"):
            return False
    return True


def _counts(doc: EnglishDoc, explained: dict) -> list[_Count]:
    """Stated numbers that may be figures, plus article counts where the syntax makes them counts."""
    counts = [
        _Count(n.start, n.end, n.value)
        for n in doc.numbers
        if n.kind == "cardinal" and (n.start, n.end) not in explained
    ]
    taken = Intervals((c.start, c.end) for c in counts)
    articles = [
        a
        for a in _article_counts(doc)
        if a.start not in taken and not taken.starts_within(a.start, a.phrase_end)
    ]
    merged = sorted(counts + articles, key=lambda c: c.start)
    return _admit(doc, merged)


def _admit(doc: EnglishDoc, counts: list[_Count]) -> list[_Count]:
    """Keep article counts only where they are counts.

    That is: after a killing/arrest word or "including", in a list
    of counts, before a passive killing word, or (operations) after "carried out" or at the head of a line.
    """
    text, kept = doc.text, []
    for c in counts:
        if c.implied is None:
            kept.append(c)
            continue
        before = c.start
        trigger = doc.measures.last_before(before, max(0, before - 40))
        marker = doc.markers.last_before(before, max(0, before - 25))
        verb = next(
            (w for w in reversed(doc.words.within(max(0, before - 30), before)) if w.label == "ops_verb"),
            None,
        )
        line_start = text.rfind("\n", 0, c.start) + 1
        if trigger and _FILLERS.match(text[trigger.end : c.start]):
            kept.append(c)
        elif marker and _FILLERS.match(text[marker.end : c.start]):
            kept.append(c)
        elif (
            kept
            and kept[-1].phrase_end >= c.start - 80
            and _LIST_JOIN.search(text[kept[-1].phrase_end : c.start])
            and not re.search(r"[.\n]", text[kept[-1].phrase_end : c.start])
        ):
            kept.append(c)
        elif (
            kept
            and c.start - kept[-1].phrase_end <= 60
            and re.search(r"(?:[:(]|\bnamely\b,?)\s*$", text[max(0, c.start - 60) : c.start])
            and not re.search(r"[.\n]", text[kept[-1].phrase_end : c.start])
        ):
            kept.append(c)
        elif _passive_after(doc, c, _noun_phrase_end(doc, c, len(text))) is not None:
            kept.append(c)
        elif c.implied == "ops" and (
            verb
            and _FILLERS.match(text[verb.end : c.start])
            or re.fullmatch(r"[\s\-–•*]*", text[line_start : c.start])
        ):
            kept.append(c)
    return kept


# --- reading one count -------------------------------------------------------------------------------


def _connector_gap(doc: EnglishDoc, start: int, end: int) -> bool:
    """Whether only connectors (and, of, the, ranks of …) and light punctuation separate two group phrases."""
    if re.search(r"[.;:]|\bwhile\b|\bwhich\b|\bwho\b", doc.text[start:end]):
        return False
    return _covered(doc, start, end, ("connector",), doc.grammar)


def _noun_phrase(doc: EnglishDoc, start: int, end: int) -> list[Match]:
    """Group phrases of the noun phrase after a count: each joined to the last by connectors only."""
    phrase, pos = [], start
    for m in doc.groups.within(start, end):
        if m.start < pos:
            continue
        if not _connector_gap(doc, pos, m.start):
            break
        phrase.append(m)
        pos = m.end
    return phrase


def _window_end(doc: EnglishDoc, c: _Count, limit: int) -> int:
    """Where the noun phrase after a count stops at the latest: next count, killing word, marker, sentence."""
    stops = [limit, c.end + 150]
    stops += [
        m.start
        for m in doc.measures.within(c.phrase_end, limit)
        if doc.text[c.phrase_end : m.start].strip(' "')
    ][:1]
    stops += [m.start for m in doc.markers.within(c.phrase_end, limit)][:1]
    return min(stops)


def _noun_phrase_end(doc: EnglishDoc, c: _Count, limit: int) -> int:
    phrase = _noun_phrase(doc, c.end, _window_end(doc, c, limit))
    return max([c.phrase_end] + [m.end for m in phrase])


def _passive_after(doc: EnglishDoc, c: _Count, np_end: int) -> str | None:
    """A killing/injury/arrest word right after the noun phrase ("30 members ... were killed", "23 die")."""
    hit = next(iter(doc.measures.within(np_end, np_end + 40)), None)
    if hit is None:
        return None
    gap = doc.text[np_end : hit.start]
    if re.search(r"[.;:\n]", gap) or not _covered(doc, np_end, hit.start, ("passive",)):
        return None
    return hit.label


def _subject_of_active_verb(doc: EnglishDoc, np_end: int) -> bool:
    """Whether a noun phrase is the subject of a killing/arrest verb whose object is a count ("killed 2")."""
    verb = doc.measures.first_within(np_end, np_end + 3)
    if verb is None or doc.text[np_end : verb.start].strip():
        return False
    i = bisect.bisect_left(doc.numbers, verb.end, key=lambda n: n.start)  # numbers in text order
    number = doc.numbers[i] if i < len(doc.numbers) else None
    if number is None or number.start >= verb.end + _OBJECT_REACH:
        return False
    between = doc.qualifiers.within(verb.end, number.start)
    return not doc.text[between[-1].end if between else verb.end : number.start].strip()


_OBJECT_REACH = 20  # characters after an active verb its object's count may start in ("killed at least 4")


@lru_cache(maxsize=1)
def _result_re() -> re.Pattern:
    g = lexicons_en().table["grammar"]
    verbs = "|".join(
        sorted((re.escape(v).replace(r"\ ", r"\s+") for v in g["result_verbs"]), key=len, reverse=True)
    )
    quals = "|".join(re.escape(q) for table in lexicons_en().table["qualifiers"].values() for q in table)
    return re.compile(rf"\b(?:{verbs})\s+(?:(?:{quals})\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _opener_re() -> re.Pattern:
    words = lexicons_en().table["grammar"]["subject_openers"]
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _raising_re() -> re.Pattern:
    verbs = "|".join(map(re.escape, lexicons_en().table["grammar"]["raising_verbs"]))
    return re.compile(
        rf"\b(?:{verbs})\s+the\s+(?:total\s+|overall\s+|death\s+)?(?:number|toll|tally|count)\b",
        re.IGNORECASE,
    )


_VERB_REACH = 80  # characters before a count that a verb right before it ("has reached about") fits in
_TO_BEFORE = re.compile(r"\bto\s+$", re.IGNORECASE)


def _raised_to(doc: EnglishDoc, c: _Count, segment) -> re.Match | None:
    """The "to" of "brings the number of ... to N", when the count follows it."""
    near = max(segment[0], c.start - _VERB_REACH)
    to = _TO_BEFORE.search(doc.text, near, c.start)
    if to is None or not _raising_re().search(doc.text, segment[0], c.start):
        return None
    return to


def _subject(doc: EnglishDoc, c: _Count, segment) -> Match | None:
    """The first operations noun or group phrase of the subject of a count after a result verb.

    As in ("the attacks ... numbered 10", "the number of soldiers killed has
    reached 4,712"): the first operations noun or group phrase of its subject, else None.
    """
    near = max(segment[0], c.start - _VERB_REACH)  # the verb ends right before the count
    verb = _result_re().search(doc.text, near, c.start) or _raised_to(doc, c, segment)
    if verb is None or c.phrase_end != c.end and c.implied is not None:
        return None
    openers = list(_opener_re().finditer(doc.text, segment[0], verb.start()))
    start = openers[-1].end() if openers else segment[0]
    found = sorted(
        doc.operations.within(start, verb.start()) + doc.groups.within(start, verb.start()),
        key=lambda m: m.start,
    )
    return found[0] if found else None


def _is_ops(doc: EnglishDoc, c: _Count, limit: int, prev_ops: bool, segment: tuple[int, int]) -> bool | None:
    """True for a count of ISIS operations, None for a count of other actions (raids, strikes), else False."""
    text = doc.text
    if c.implied is not None:
        return True if c.implied == "ops" else False
    noun = next(iter(doc.operations.within(c.end, min(limit, c.end + 60))), None)
    if (
        noun is not None
        and _covered(doc, c.end, noun.start, ("ops_between",))
        or noun is not None
        and not text[c.end : noun.start].strip(' "')
    ):
        if noun.label == "not_isis":
            return None
        if re.match(
            r"[^.;]{0,40}?\b(?:against|targeting|on)\s+(?:the\s+)?(?:isis|daesh|isil|suspected)\b",
            text[noun.end : limit],
            re.IGNORECASE,
        ):  # operations against ISIS: a side's, when it is their subject (or they lie inside such a count)
            return True if operations_agent(doc, segment[0], c.start) != "isis" else None
        return True
    subject = _subject(doc, c, segment) if not doc.groups.within(c.end, c.end + 3) else None
    if subject is not None and subject in doc.operations:
        return None if subject.label == "not_isis" else True
    if re.match(r"\s+of\s+(?:them|which|these)\b", text[c.end : c.end + 12], re.IGNORECASE):
        return prev_ops
    if (
        re.match(r"\s+in\s", text[c.end : c.end + 5])
        and doc.operations.items
        and not doc.groups.within(c.end, c.end + 4)
        and doc.places.within(c.end, c.end + 20)
    ):
        return not doc.measures.within(segment[0], c.start)
    return False


def _measure(doc: EnglishDoc, c: _Count, sentence, segment, np_end: int, limit: int) -> str | None:
    """What a count of people measures.

    A passive word after its noun phrase, else the last killing/injury/
    arrest word before it in the sentence, else the first one after it.
    """
    if _subject_of_active_verb(doc, np_end):
        return None  # "an ISIS gunman killed two civilians": the gunman is who killed, no victim
    passive = _passive_after(doc, c, np_end)
    if passive is not None:
        return passive
    before = doc.measures.last_before(c.start, sentence[0])
    if before is not None:
        return before.label
    after = doc.measures.within(c.end, max(limit, segment[1]))
    if after:
        return after[0].label
    tail = doc.measures.within(c.end, sentence[1])  # "attacks left 8 civilians, a man and 30 fighters dead"
    if tail and _toll_verb_re().search(doc.text[sentence[0] : c.start]):
        return tail[0].label
    return None


@lru_cache(maxsize=1)
def _toll_verb_re() -> re.Pattern:
    """A verb opening a list of victims the sentence's closing measure word completes ("left ... dead")."""
    verbs = "|".join(re.escape(v) for v in lexicons_en().table["grammar"]["toll_verbs"])
    return re.compile(rf"\b(?:{verbs})\b", re.IGNORECASE)


def _group(doc: EnglishDoc, c: _Count, phrase: list[Match]) -> tuple[str, str | None, bool]:
    """Whom a count counts (``military``/``others`` until the context settles them), its wording, mixed."""
    labels = [m.label for m in phrase]
    term = doc.norm.raw_text(phrase[0].start, phrase[-1].end) if phrase else None
    base = c.implied
    strong = [x for x in labels if x in STRONG_GROUPS]
    if base in STRONG_GROUPS and (not strong or base in strong):
        return base, term, False
    if base == "government_forces":
        return base, term, False
    settled = group_of_phrase(base, labels)
    if settled is not None:
        return settled[0], term, settled[1]
    if "others" in labels:
        return "others", term, False
    return "all", term, "gunmen" in labels


def _place_chain(doc: EnglishDoc, start: int, stop: int) -> list[Match]:
    """The governorates named from ``start``: the first one and those listed after it (", X and Y")."""
    found = doc.places.within(start, stop)
    if not found:
        return []
    chain = [found[0]]
    for m in doc.places.within(found[0].end, len(doc.text)):
        if not _PLACE_CHAIN.match(doc.text[chain[-1].end : m.start]) and not _is_place_tail(
            doc, chain[-1].end, m.start
        ):
            break
        chain.append(m)
    return chain + [m for m in found[1:] if m not in chain]


def _is_place_tail(doc: EnglishDoc, start: int, end: int) -> bool:
    """Whether only generic place words (countryside, desert, city) and a joiner lie between two places."""
    gap = re.sub(
        r"\b(?:countryside|desert|deserts|badia|city|governorate|province|town|village|villages|areas?|"
        r"eastern|western|northern|southern|rural)\b",
        " ",
        doc.text[start:end],
        flags=re.IGNORECASE,
    )
    return bool(_PLACE_CHAIN.match(gap)) or not gap.strip(" ,")


def _unique(places: list[Match]) -> Match | None:
    return places[0] if places and len({m.label for m in places}) == 1 else None


def _admin1(
    doc: EnglishDoc, c: _Count, sentence, before: int, after: int, item: Match | None, ops: bool
) -> Match | None:
    """The one governorate a count is tied to, or None for a whole zone or several governorates.

    Args:
        doc: The annotated report.
        c: The count.
        sentence: Its sentence.
        before: Where the count's clause starts (the previous count's end, or the sentence start).
        after: Where it ends (the next count's start, or the sentence end).
        item: The governorate of the operations count that opened the breakdown item, if any.
        ops: Whether the count is a count of operations.
    """
    if ops:
        stop = min([after, c.end + 80] + [m.start for m in doc.measures.within(c.end, after)][:1])
        found = _place_chain(doc, c.end, stop)
        if found:
            return None if doc.hedged(c.end, found[0].start) else _unique(found)
        return _unique(_place_chain(doc, before, c.start))
    if item is not None:
        return item
    found = _place_chain(doc, before, after)
    if found:
        return _unique(found)
    return _unique(_place_chain(doc, sentence[0], c.start))


@lru_cache(maxsize=1)
def _badia_words() -> str:
    words = lexicons_en().table["zone_rules"]["badia_place_words"]
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


def _badia_place(doc: EnglishDoc, place: Match) -> bool:
    """Whether a governorate is named as part of the Badia ("Homs desert", "the Badia of Deir Ezzor")."""
    words = _badia_words()
    inside = doc.text[place.start : place.end]
    after = doc.text[place.end : place.end + 14]
    before = doc.text[max(0, place.start - 20) : place.start]
    return bool(
        re.search(rf"\b(?:{words})\b", inside, re.IGNORECASE)
        or re.match(rf"[\"]?s?\s*(?:{words})\b", after, re.IGNORECASE)
        or re.search(
            rf"\b(?:{words})\s+(?:the\s+)?(?:(?:eastern|western|northern|southern)\s+)?$",
            before,
            re.IGNORECASE,
        )
    )


def _place_phrase(doc: EnglishDoc, place: Match) -> tuple[int, int]:
    """The place as the report names it, with an adjacent generic word ("Homs desert", "Badia of Homs")."""
    start, end = place.start, place.end
    after = re.match(
        r"['\"]?s?\s+(?:desert|deserts|badia|countryside)\b", doc.text[end : end + 16], re.IGNORECASE
    )
    if after:
        end += after.end()
    before = re.search(
        r"\b(?:(?:the\s+)?(?:desert|deserts|badia|countryside)\s+of\s+(?:the\s+)?|"
        r"(?:eastern|western|northern|southern|rural)\s+)$",
        doc.text[max(0, start - 24) : start],
        re.IGNORECASE,
    )
    if before:
        start -= len(before.group())
    return start, end


def _agents(doc: EnglishDoc, start: int, end: int, victims: list[tuple[int, int]] = ()) -> set[str]:
    """Agents named in ``[start, end)``, leaving out names inside the noun phrases of counted victims."""
    return {
        m.label for m in doc.perpetrators.within(start, end) if not any(a <= m.start < b for a, b in victims)
    }


def _perpetrator(
    doc: EnglishDoc,
    c: _Count,
    sentence,
    segment,
    before: int,
    after: int,
    measure: str,
    group: str,
    mixed: bool,
    victims: list[tuple[int, int]],
) -> str:
    """Who carried it out: ISIS for its victims and operations; the agent named for ISIS dead and arrests."""
    if mixed:
        return "unknown"
    if group != "isis" and measure != "arrested":
        return "isis"
    if measure == "arrested":
        agents = _agents(doc, before, after, victims) or _agents(doc, *sentence, victims)
        return pick_agent(agents)  # none named: the context decides (``settle_perpetrators``)
    agents = (
        _agents(doc, c.end, after, victims)
        or _agents(doc, segment[0], c.start, victims)
        or _agents(doc, before, c.start, victims)
    )
    return pick_agent(agents)


def _fits(sub_noun: str, group: str, own_group: str) -> bool:
    """Whether a sub-count of ``sub_noun`` (read as ``group``) can lie inside a figure of ``own_group``."""
    if sub_noun == "other":
        return own_group != "all" and group in (own_group, "all")
    if sub_noun in ("children", "women"):
        return own_group in ("civilians", "all") and group in ("civilians", "all")
    return group in (own_group, "all") or own_group == "all"


def _subgroup_noun(doc: EnglishDoc, c: _Count, phrase: list[Match]) -> str | None:
    """The subgroup a count's noun names (children, women, leaders), None for a group of its own."""
    if c.implied is not None:
        return c.sub
    hit = next(iter(doc.subgroups.within(c.end, c.end + 40)), None)
    if hit is not None and _modifiers_only(doc, c.end, hit.start):
        return hit.label
    return None


# --- reading a whole report -------------------------------------------------------------------------


def _title_end(doc: EnglishDoc) -> int:
    """End of the title block: the first lines that read as titles (no closing full stop, short)."""
    end = 0
    for a, b in doc.lines[:6]:
        line = doc.text[a:b].strip()
        if line.endswith((".", ":", "?", "!")) or len(line) > 220:
            break
        end = b
    if end and doc.lines and end >= doc.lines[-1][1]:
        return 0
    return end


def _raw_sentence(doc: EnglishDoc, sentence) -> str:
    """The raw text of a sentence (made once per sentence, however many figures quote it)."""
    if sentence not in doc.raw_sentences:
        doc.raw_sentences[sentence] = doc.norm.raw_text(*sentence).strip()
    return doc.raw_sentences[sentence]


_REACH = 300  # characters before a count that its clause is read in (a clause of a real report is shorter)


def _segment_of(doc: EnglishDoc, sentence, pos: int) -> tuple[int, int]:
    """The clause of a count at ``pos``, cut to ``_REACH`` characters before it (a flood stays linear)."""
    a, b = doc.segment_at(sentence, pos)
    return max(a, pos - _REACH), b


def _respectively(doc: EnglishDoc, sentence, counts: list[_Count], kinds: list) -> dict[int, Match]:
    """Places given in order for counts in order ("in Homs and Deir Ezzor, 8 and 4 attacks, respectively")."""
    if not re.search(r"\brespectively\b", doc.text[sentence[0] : sentence[1]], re.IGNORECASE):
        return {}
    ops = [i for i, k in enumerate(kinds) if k]
    if len(ops) < 2:
        return {}
    chain = _place_chain(doc, sentence[0], counts[ops[0]].start)
    places = [m for n, m in enumerate(chain) if m.label not in {p.label for p in chain[:n]}]
    return dict(zip(ops, places, strict=True)) if len(places) == len(ops) else {}


def _elliptic(doc: EnglishDoc, c: _Count, phrase: list[Match], last_own: _Own | None) -> bool:
    """A count with no noun after another count of a group ("19 soldiers dead and 7 injured")."""
    if phrase or c.implied is not None or last_own is None:
        return False
    own = last_own.figure
    if own.measure == "operations" or own.group == "all":
        return False
    nouns = [m for m in doc.groups.within(last_own.end, c.start) if not doc.measures.covering(m.start)]
    return not nouns and not doc.operations.within(last_own.end, c.start)


def _read_sentence(doc: EnglishDoc, sentence, counts: list[_Count], state: ReadState, headline: bool) -> None:
    """Read the counts of one sentence in order, appending figures to the state."""
    text = doc.text
    gov_governorates = set(lexicons_en().table["zone_rules"]["government_governorates"])
    last_own: _Own | None = None
    sub_mode, item = False, None
    victims: list[tuple[int, int]] = []
    bounds = [
        (
            counts[i - 1].phrase_end if i else sentence[0],
            counts[i + 1].start if i + 1 < len(counts) else sentence[1],
        )
        for i in range(len(counts))
    ]
    kinds: list[bool | None] = []
    any_ops = False
    for i, c in enumerate(counts):
        kinds.append(_is_ops(doc, c, bounds[i][1], any_ops, _segment_of(doc, sentence, c.start)))
        any_ops = any_ops or bool(kinds[-1])
    for i in range(len(counts) - 2, -1, -1):  # "8 and 4 attacks": the noun of the last count serves the list
        if (
            kinds[i] is False
            and kinds[i + 1]
            and counts[i].implied is None
            and re.fullmatch(
                r"\s*(?:,\s*(?:and\s+)?|and\s+|or\s+)", text[counts[i].end : counts[i + 1].start]
            )
        ):
            kinds[i] = True
    in_order = _respectively(doc, sentence, counts, kinds)
    ops_places: set[str] = set()  # the places of a list of operations counts ("11 in X and 2 in Y")
    listed_ops = False  # the count before was an operations count
    for i, c in enumerate(counts):
        before, after = bounds[i]
        segment = _segment_of(doc, sentence, c.start)
        ops = kinds[i]
        if ops is None and last_own is not None and in_side_operations(doc, last_own.figure, last_own.end,
                                                                         c.start):
            ops = True
        if ops is None:
            continue
        phrase = [] if ops else _noun_phrase(doc, c.end, _window_end(doc, c, after))
        np_end = max([c.phrase_end] + [m.end for m in phrase])
        if not ops and not phrase and c.implied is None:
            subject = _subject(doc, c, segment)
            if subject is not None and subject in doc.groups:
                phrase = _noun_phrase(doc, subject.start, c.start)
        if (
            not ops
            and i + 1 < len(counts)
            and kinds[i + 1]
            and not headline
            and re.fullmatch(r"[^,.;:]*\bin\s+", text[np_end : counts[i + 1].start])
        ):
            item = _admin1(
                doc, counts[i + 1], sentence, *bounds[i + 1], None, True
            )  # "killed 6 in 2 attacks in X"
        place = None if headline else _admin1(doc, c, sentence, before, after, item, bool(ops))
        if i in in_order:
            place = in_order[i]
        if place is not None and not ops and whole_of_period(doc, sentence, c.start):
            place = None  # "all ISIS operations of the week were in Raqqa; they killed ..."
        if ops:
            item = place
            joined_to_last = listed_ops and not re.search(r"[;:]", text[counts[i - 1].end : c.start]) and (
                _LIST_JOIN.search(text, counts[i - 1].end, c.start) is not None)
            ops_places = ops_places | {place.label} if place is not None and joined_to_last else (
                {place.label} if place is not None else set())
            listed_ops = True
        else:
            if place is not None and place is item and len(ops_places) > 1:
                place = None  # "9 attacks in X and two in Y, killing three civilians"
            listed_ops = False
        measure = "operations" if ops else _measure(doc, c, sentence, segment, np_end, after)
        if measure is None and state.list_head is not None and phrase:
            measure = state.list_head.measure  # "• 14 civilians." under "these operations left 60 dead:"
        if measure is None:
            continue
        group, group_term, mixed = ("all", None, False) if ops else _group(doc, c, phrase)
        if measure == "arrested":
            group = "isis"
        cumulative, since = count_scope(doc, sentence, c.start, state, [o.start for o in counts[i + 1 :]])
        if cumulative and since:
            state.since = since
        perp = (
            operations_agent(doc, segment[0], c.start)
            if ops
            else _perpetrator(doc, c, sentence, segment, before, after, measure, group, mixed, victims)
        )
        if phrase and group != "isis":
            victims.append((phrase[0].start, phrase[-1].end))
        zone, named = zone_of_count(doc, (c.start, c.end), sentence, segment, after,
                                    place is not None and _badia_place(doc, place), headline,
                                    placed=place is not None)
        if not named:
            if place is not None and place.label in gov_governorates:
                zone = "government_areas"
            elif perp in ("coalition", "sdf") and (measure == "arrested" or group == "isis"):
                zone = "sdf_areas"
            elif group == "sdf":
                zone = "sdf_areas"
            elif perp == "government_forces" and measure == "arrested":
                zone = "government_areas"
            elif (headline or state.zone is None) and any(
                m.label == "sdf" for m in doc.groups.within(*sentence)
            ):
                zone = "sdf_areas"
            else:
                zone = state.zone or state.text_zone
        if group == "military":
            group = military_group(zone)
        inside = last_own is not None and not ops and group != "others" and measure == last_own.figure.measure
        marker = doc.markers.last_before(c.start, last_own.end) if inside else None
        sub_noun = _subgroup_noun(doc, c, phrase) if inside else None
        if (
            sub_noun is None
            and marker is not None
            and last_own.figure.group != "all"
            and group in (last_own.figure.group, "all")
        ):
            sub_noun = "other"
        subgroup = None
        if ops and last_own is not None and operations_subcount(doc, last_own.figure, last_own.end, c.start,
                                                                place):
            subgroup = "other"  # "40 attacks, including 12 bombings": a kind of operation inside the 40
        elif (
            inside
            and (marker is not None or sub_mode)
            and sub_noun
            and _fits(sub_noun, group, last_own.figure.group)
        ):
            subgroup, sub_mode = sub_noun, True
        else:
            sub_mode = False
        if group == "others" or (not ops and group == "all" and _elliptic(doc, c, phrase, last_own)):
            group = last_own.figure.group if last_own is not None else "all"
        raw_start, raw_end = doc.norm.raw_span(c.start, c.phrase_end)
        fig = Figure(
            zone=zone,
            level="headline" if headline else ("breakdown" if place is not None else "total"),
            measure=measure,
            group=group,
            value=c.value,
            perpetrator=perp,
            qualifier=qualifier_of(doc, c.start),
            scope="cumulative" if cumulative else "report",
            subgroup=subgroup,
            since=since if cumulative else None,
            admin1=place.label if place is not None else None,
            admin1_pcode=vocab.ADMIN1_PCODES.get(place.label) if place is not None else None,
            place_ar=doc.norm.raw_text(*_place_phrase(doc, place)).strip() if place is not None else None,
            group_ar=group_term,
            sentence=_raw_sentence(doc, sentence),
            start=raw_start,
            end=raw_end,
        )
        fig = in_listed_area(fig, state)
        if subgroup is not None:
            fig = fig.as_subcount_of(last_own.figure)
        else:
            last_own = _Own(fig, np_end)
        state.add(fig, sentence)
        state.consumed.add((c.start, c.end))
        log.debug("%s -> %s", text[c.start : c.phrase_end], fig)


_LEADER = re.compile(r"\b(?:leader|commander|emir|official)s?\b", re.IGNORECASE)


def _events(doc: EnglishDoc, sentence, state: ReadState, first: int) -> None:
    """Record the sentence's notable event (its figures from ``first`` on), described by the sentence."""
    figs = state.figures[first:]
    if not figs:
        return
    description = _raw_sentence(doc, sentence)
    event = notable_event(
        doc, sentence, figs, description,
        is_leader=lambda f: _LEADER.search(doc.norm.raw[f.start : f.end + 40]) is not None,
        describe=lambda _main: description,
    )
    if event is not None:
        state.events.append(event)


def _read(doc: EnglishDoc, explained: dict) -> tuple[list[Figure], list[Event], set, set]:
    """Read every count in context; returns figures, events and the number spans consumed."""
    counts = _counts(doc, explained)
    title_end = _title_end(doc)
    state = ReadState(text_zone=sole_zone(doc))
    starts = [c.start for c in counts]
    for sentence in doc.sentences:
        lo, hi = bisect.bisect_left(starts, sentence[0]), bisect.bisect_left(starts, sentence[1])
        in_sentence = counts[lo:hi]
        headline = sentence[1] <= title_end
        first = len(state.figures)
        follow_tally(doc, sentence, state)
        _read_sentence(doc, sentence, in_sentence, state, headline)
        open_tally(state, state.figures[first:])
        head_list(doc, sentence, state, state.figures[first:])
        if headline:
            continue
        _events(doc, sentence, state, first)
        made = state.figures[first:]
        named = doc.zones.within(*sentence)
        if made and (made[-1].zone != "all" or named):
            state.zone = made[-1].zone if made[-1].zone != "all" else named[-1].label
        elif named:
            state.zone = named[-1].label
    figures = settle_perpetrators(settle_toll_parts(state.figures, state.joined))
    return figures, state.events, state.consumed, state.year_starts


def parse(text: str, report_id: str) -> Report:
    """Parse an English report of the series into a ``Report`` (``language = "en"``).

    Args:
        text: The report text, as read (raw offsets of figures point into it).
        report_id: Stable id of the report, used in error messages.

    Returns:
        The report with its figures, events and unexplained numbers, status set by its own checks.

    Raises:
        NotAReportError: the text does not mention ISIS or the caliphate, or states no figures.
    """
    doc = annotate_english(normalize(text), check_numbers=lambda n: check_count_density(n, report_id))
    check_count_density(len(doc.numbers) + len(doc.implied.items), report_id)  # and articles
    require_isis(doc.is_about_isis(), lexicons_en().table["isis_terms"], report_id)
    explained = _explained(doc)
    figures, events, consumed, year_starts = _read(doc, explained)
    def raw_sentence(sentence: tuple[int, int]) -> str:
        return _raw_sentence(doc, sentence)

    return assemble_report(report_id, "en", doc.period, figures, events,
                           lambda: unexplained_numbers(doc, consumed, explained, raw_sentence), year_starts)
