"""Arabic report text -> ``Report``: every count the report states, with its meaning and its raw span.

The text is normalised (``normalize.py``) and annotated (``annotate.py``); then each count — a number
(digits, words, mixed) or a noun that implies one (``مقتل مدني`` = 1, ``عنصرين`` = 2) — is read in its
sentence: what it counts (operations, or the people a killing/injury/arrest word before it applies to), whom
(the group phrase after it), where (zone phrase, place, running context), who did it, whether it is a
sub-count (``بينهم``) or a running total (``منذ``). Numbers that are dates, the month number, durations or
page furniture are explained; every other number that becomes no figure is listed as unexplained.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from helpers.contract import vocab
from helpers.contract.report import (
    Event,
    Figure,
    Report,
)
from helpers.extract.ar.annotate import Annotated, annotate, implied_values, lexicons, place_variants
from helpers.extract.document import AnnotatedDoc
from helpers.extract.engine import (
    AGENTS_AGAINST_ISIS,
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

_FORCES = ("government_forces", "sdf", "other_forces", "military")
_FILLERS = re.compile(
    r'^[\s"،,:]*(?:(?:خلالها|خلالهما|خلاله|فيها|فيه|بها|جراءها|جراءه|منهم|التنظيم|داعش|عناصر التنظيم|'
    r'خلايا التنظيم|مسلحون|مجهولون)[\s"،,:]*)*$'
)
_PLACE_WORD = re.compile(
    r"(?:^|\s)(?:[وبل]|في\s+)?(?P<word>بادي[هة]|ريفي?|مدين[هة]|بلد[هة]|مخيم|محافظ[هة]|محيط|قري[هة]|منطق[هة])\s+$"
)


@dataclass
class _Count:
    """A count candidate: a stated number or an implying noun, before it is read in context."""

    start: int
    end: int
    value: int
    implied: str | None = None  # folded implied noun, when the count is implied by a noun
    head_start: int | None = None  # a noun written before the number (``عملية واحدة``, ``مدنيين اثنين``)


class _Counts(list):
    """Counts sorted by start, with their starts for bisection."""

    def __init__(self, counts: list[_Count]) -> None:
        super().__init__(sorted(counts, key=lambda c: c.start))
        self.starts = [c.start for c in self]


# --- counts -------------------------------------------------------------------------------------------


def _explained(doc: Annotated) -> dict[tuple[int, int], str]:
    """Numbers that are not figures, each with why: month number, date, duration, counter, percentage."""
    text, reasons = doc.text, {}
    month_spans = Intervals(doc.period.spans)
    date_spans = Intervals((d.start, d.end) for d in doc.dates)
    for n in doc.numbers:
        span = (n.start, n.end)
        after = text[n.end : n.end + 20]
        before = text[max(0, n.start - 25) : n.start]
        line = doc.line_at(n.start)
        if n.start in month_spans:
            reasons[span] = "month number"
        elif n.start in date_spans:
            reasons[span] = "date"
        elif (
            line[1] - line[0] <= n.end - n.start + 8
            and text[line[0] : line[1]].strip(' \t"()') == text[n.start : n.end]
        ):
            reasons[span] = "view counter (a lone number on its own line)"
        elif re.match(r"\s*(?:%|٪|بالمئه|بالمائه|في المئه|percent)", after):
            reasons[span] = "percentage"
        elif re.search(r"(?:الفرقه|اللواء|الفوج|الكتيبه|الفيلق|division|brigade|regiment)\s*$", before):
            reasons[span] = "unit name"
        elif any(w.label == "duration" for w in doc.words.within(n.end, n.end + 3)):
            reasons[span] = "duration"
        elif any(
            w.label == "furniture" for w in doc.words.within(max(0, n.start - 25), n.start)
        ) and re.search(r"[:：]\s*$|\s$", before):
            reasons[span] = "page furniture"
    return reasons


def _prev_nonspace(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1] in ' \t"':
        pos -= 1
    return pos


def _counts(doc: Annotated, explained: dict) -> list[_Count]:
    """Stated numbers that may be figures, plus nouns that imply a count where the syntax allows it."""
    text = doc.text
    counts: list[_Count] = []
    number_starts = {}
    for n in doc.numbers:
        if (n.start, n.end) in explained:
            continue
        c = _Count(n.start, n.end, n.value)
        # a number word after its noun: عملية واحدة, مدنيين اثنين, مدنيان اثنان
        if n.words and not n.conj:
            gap = _prev_nonspace(text, n.start)
            noun = next(
                (
                    m
                    for m in doc.operations.within(max(0, gap - 12), gap)
                    if m.end == gap and m.label != "not_isis"
                ),
                None,
            )
            noun = noun or next((m for m in doc.implied.within(max(0, gap - 12), gap) if m.end == gap), None)
            noun = noun or next(
                (
                    m
                    for m in doc.groups.within(max(0, gap - 14), gap)
                    if m.end == gap and m.label in ("civilians", "military", "members", "persons")
                ),
                None,
            )
            if noun is not None:
                c.head_start = noun.start
        counts.append(c)
        number_starts[n.start] = c
    ends = {n.end for n in doc.numbers if (n.start, n.end) not in explained}
    heads = {c.head_start for c in counts if c.head_start is not None}
    implied_table = implied_values()
    for m in doc.implied.items + [o for o in doc.operations.items if o.label == "ops2"]:
        if m.start in heads or any(m.start <= h < m.end for h in heads):
            continue
        if _prev_nonspace(text, m.start) in ends and not _conjoined(text, m):
            continue  # a noun after a number is that number's head, not a count
        covering = doc.groups.covering(m.start)
        if covering is not None and covering.start < m.start:
            continue  # part of a longer phrase (شهيداً وقتيلاً is one toll)
        if m.label == "ops2":
            counts.append(_Count(m.start, m.end, 2, implied="ops2"))
        else:  # the label is the folded term, whatever clings to the noun or stands between its words
            counts.append(_Count(m.start, m.end, implied_table[m.label][1], implied=m.label))
    counts.sort(key=lambda c: c.start)
    return _admit(doc, counts)


def _conjoined(text: str, m: Match) -> bool:
    """Whether a noun starts with the conjunction و (a new item of a list, not the previous number's noun)."""
    word = text[m.start : m.end]
    return word.startswith("و") and _bare(word) != word


def _bare(word: str) -> str:
    """An implied noun without a clinging conjunction or preposition, as in the lexicon."""
    table = implied_values()
    if word in table:
        return word
    for k in range(1, 3):
        if word[k:] in table:
            return word[k:]
    return word


def _admit(doc: Annotated, counts: list[_Count]) -> _Counts:
    """Keep implied nouns only where they count: after a killing/arrest word, a list marker, or in a list."""
    text, kept = doc.text, []
    for c in counts:
        if c.implied is None or c.implied == "ops2":
            kept.append(c)
            continue
        before = _prev_nonspace(text, c.start)
        trigger = doc.measures.last_before(before, max(0, before - 40))
        marker = doc.markers.last_before(before, max(0, before - 20))
        own = doc.measures.covering(c.start)
        arrest = doc.measures.last_before(before, max(0, before - 70))
        if trigger and _FILLERS.match(text[trigger.end : c.start]):
            kept.append(c)
        elif own is not None and implied_values().get(c.implied, ("",))[0] == "persons":
            kept.append(c)  # a death noun is a count by itself: خلّفت قتيلين
        elif (
            arrest is not None
            and arrest.label == "arrested"
            and not re.search(r"[.\n،]", text[arrest.end : c.start])
            and not (kept and arrest.end <= kept[-1].start < c.start)
        ):
            kept.append(c)  # اعتقلت قسد بمساندة التحالف عنصرين من التنظيم
        elif marker and _FILLERS.match(text[marker.end : c.start]):
            kept.append(c)
        elif (
            text[c.start] == "و"
            and kept
            and (kept[-1].end >= c.start - 60 or _listed(doc, kept[-1]))
            and not re.search(r"[.\n]", text[kept[-1].end : c.start])
        ):
            kept.append(c)  # "و35 من قسد ...، وشخص مجهول الهوية": the next part of the same list
        elif (
            re.search(r"،\s*$", text[max(0, c.start - 3) : c.start])
            and kept
            and kept[-1].end >= c.start - 60
            and doc.markers.last_before(c.start, kept[-1].start)
        ):
            kept.append(c)
    return _Counts(kept)


def _listed(doc: Annotated, c: _Count) -> bool:
    """Whether a count is a part of a list ("هم: 10 مدنيين و35 ..."): a split marker or a colon before it."""
    marker = doc.markers.last_before(c.start, max(0, c.start - _LIST_REACH))
    listed = marker is not None and marker.label in ("split", "subcount")
    return listed or ":" in doc.text[max(0, c.start - 3) : c.start]


_LIST_REACH = 80  # characters before a part of a list its "هم:" may start in


# --- reading one count -------------------------------------------------------------------------------


def _is_ops(doc: Annotated, c: _Count, counts: list[_Count], sentence, segment) -> bool | None:
    """True for a count of operations, None for a count of non-ISIS actions (raids, strikes)."""
    text = doc.text
    if c.implied == "ops2":
        return True
    if c.head_start is not None:
        return any(
            m.start == c.head_start and m.label in ("ops", "ops2")
            for m in doc.operations.within(c.head_start, c.start)
        )
    after = doc.operations.within(c.end, c.end + 4)
    noun = next(
        (m for m in after if m.label in ("ops", "ops2") and not text[c.end : m.start].strip(' "')), None
    )
    if noun is not None:
        tail = doc.operations.within(noun.end, noun.end + 3)
        return None if any(m.label == "not_isis" for m in tail) else True
    if any(m.label == "of_them" and not text[c.end : m.start].strip() for m in after):
        return any(
            o.label in ("ops", "ops2")
            for o in doc.operations.within(max(sentence[0], c.start - 300), c.start)
        )
    if (
        re.match(r"\s+في\s", text[c.end : c.end + 5])
        and doc.measures.last_before(c.start, segment[0]) is None
        and not any(m.start == c.end + 1 for m in doc.groups.within(c.end, c.end + 3))
    ):
        return bool(doc.operations.items)
    return False


def _window_end(doc: Annotated, c: _Count, counts: list[_Count], segment) -> int:
    """Where the noun phrase after a count stops: next count, next delimiter, next killing/arrest word."""
    nxt = [_begin(o) for o in _after(counts, c.start)]
    bound = min(segment[1], c.end + 100)
    trig = [m.start for m in doc.measures.within(c.end, bound) if doc.text[c.end : m.start].strip(' "')]
    return min([bound] + nxt[:1] + trig[:1])


def _after(counts: _Counts, pos: int) -> list[_Count]:
    """The first count starting after ``pos``, as a list of at most one."""
    i = bisect.bisect_right(counts.starts, pos)
    return counts[i : i + 1]


def _begin(c: _Count) -> int:
    """Where a count's phrase begins (its noun, for a number written after its noun)."""
    return c.head_start if c.head_start is not None else c.start


def _group(doc: Annotated, c: _Count, counts, segment) -> tuple[str, str | None, bool]:
    """Whom a count counts (``military`` until the zone is known), its Arabic term, whether it is mixed."""
    group, term, mixed = _group_of_count(doc, c, counts, segment)
    if group == "all" and not mixed:
        group = in_ranks_of(doc, c.end, segment[1]) or group
    return group, term, mixed


def _group_of_count(doc: Annotated, c: _Count, counts, segment) -> tuple[str, str | None, bool]:
    text = doc.text
    start = c.end
    label = None
    if c.implied:
        label = implied_values().get(c.implied, (None, 1, None))[0]
    elif c.head_start is not None:
        head = doc.groups.covering(c.head_start)
        noun = doc.implied.covering(c.head_start) if head is None else None
        if head is not None:
            label = head.label
        elif noun is not None:
            label = implied_values()[noun.label][0]
    window = _noun_phrase(doc, start, _window_end(doc, c, counts, segment))
    labels = [m.label for m in window]
    term = text[window[0].start : window[0].end] if window else (text[c.start : c.end] if c.implied else None)
    if label in STRONG_GROUPS:
        return label, term, False
    settled = group_of_phrase(label, labels)
    if settled is not None:
        return settled[0], term, settled[1]
    if label == "persons" or "persons" in labels:
        others = [x for x in labels if x == "persons"]
        word = text[window[0].start : window[0].end] if window else ""
        if others and re.fullmatch(r"(?:و)?(?:ال)?اخرين", word):
            return "others", term, False
        return "all", term, False
    return "all", term, "gunmen" in labels


def in_ranks_of(doc: AnnotatedDoc, start: int, end: int) -> str | None:
    """The side a toll of persons falls on when the clause says so ("5 قتلى و8 جرحى في صفوف قسد")."""
    marker = next((m for m in doc.markers.within(start, end) if m.label == "ranks"), None)
    if marker is None:
        return None
    side = doc.groups.first_within(marker.end, marker.end + 4)
    if side is None or "\n" in doc.text[marker.end : side.start]:
        return None
    return side.label if side.label in STRONG_GROUPS else None


_CONNECTORS = re.compile(
    r'^[\s"]*(?:(?:و|من|بين|عناصر|مسلحي|مقاتلي|افراد|قوات|التابع|التابعه|التابعين|له|لها|في|صفوف|تنظيم)[\s"]*)*$'
)


def _noun_phrase(doc: Annotated, start: int, end: int) -> list[Match]:
    """Group phrases of the noun phrase after a count: each joined to the last by connectors only."""
    phrase, pos = [], start
    for m in doc.groups.within(start, end):
        if not _CONNECTORS.match(doc.text[pos : m.start]):
            break
        phrase.append(m)
        pos = m.end
    return phrase


def _same_group(group: str, zone: str | None, figure: Figure) -> bool:
    """Whether a count's group (``military`` resolved by zone) is the group of an earlier figure."""
    return (military_group(zone) if group == "military" else group) == figure.group


def _measure(doc: Annotated, c: _Count, sentence, segment) -> str | None:
    """What a non-operations count measures: the last killing/injury/arrest word before it in the sentence."""
    if c.implied is not None:
        noun = doc.measures.covering(c.start)
        if noun is not None:
            return noun.label  # قتيلين counts the killed
    own = [
        m
        for m in doc.measures.within(c.start, c.end + 12)
        if m.start >= c.end - 1 and not doc.text[c.end : m.start].strip(' "')
    ]
    if own and c.implied is None:
        return own[0].label  # the count's own noun: 11 جريحاً, 7 قتلى
    before = doc.measures.last_before(c.start, sentence[0])
    if before is not None:
        return before.label
    after = doc.measures.first_within(c.end, segment[1])
    if after is not None:
        return after.label
    # "و40 من قوات النظام، قتلوا في 12 عملية": a passive verb opening the next clause
    nxt = doc.measures.first_within(segment[1], min(sentence[1], segment[1] + 12))
    if nxt is not None and not doc.text[segment[1] : nxt.start].strip(' ،,"'):
        return nxt.label
    return None


def _places(doc: Annotated, start: int, end: int) -> list[Match]:
    return doc.places.within(start, end)


def _place_phrase(doc: Annotated, m: Match) -> tuple[int, int]:
    """The place as the report names it, with its generic word: ``بادية حمص``, ``ريف الشدادي``."""
    window_start = max(0, m.start - 20)
    generic = _PLACE_WORD.search(doc.text, window_start, m.start)
    start = generic.start("word") if generic else m.start
    if start == m.start:  # no generic word: drop a clinging preposition (بالحسكة -> الحسكة)
        known = place_variants()
        start += next((k for k in range(4) if doc.text[m.start + k : m.end] in known), 0)
    return start, m.end


def _admin1(
    doc: Annotated, c: _Count, counts, sentence, segment, item: tuple | None, ops: bool
) -> Match | None:
    """The one governorate a count is tied to, or None when it covers a whole zone or several governorates."""
    if ops:
        bound = min(segment[1], c.end + 60)
        trigger = doc.measures.first_within(c.end, bound)
        stop = min(
            [bound] + ([trigger.start] if trigger else []) + [_begin(o) for o in _after(counts, c.end)]
        )
        found = _places(doc, c.end, stop)
        return found[0] if len({m.label for m in found}) == 1 else None
    if item is not None:
        return item[1]
    own = _segment_place(doc, segment)
    if own is not None:
        return own or None
    pieces = doc.segments_of(sentence)
    index = bisect.bisect_left(pieces, segment)
    for piece in reversed(pieces[max(0, index - _SEGMENTS_BACK) : index]):
        found = _segment_place(doc, piece)
        if found is not None:
            return found or None
    if c.implied is None or any(o.start < sentence[1] for o in _after(counts, segment[1] - 1)):
        return None  # only a single event (قُتل قيادي …) takes a place told later in its sentence
    later = [_segment_place(doc, piece) for piece in pieces[index + 1 : index + 1 + _SEGMENTS_BACK]]
    if any(p is False for p in later):
        return None
    named = [p for p in later if p]
    return named[0] if named and len({m.label for m in named}) == 1 else None


_SEGMENTS_BACK = 6  # how many clauses away a place may be told for a count without one


def _per_sentence(doc: Annotated, kind: str, sentence: tuple[int, int], compute):
    """A result about a whole sentence, computed once however many counts it holds."""
    key = (kind, sentence)
    if key not in doc.cache:
        doc.cache[key] = compute()
    return doc.cache[key]


def _segment_place(doc: Annotated, segment: tuple[int, int]) -> Match | bool | None:
    """The one governorate a clause names (False: several; None: none), computed once per clause."""
    key = ("place", segment)
    if key not in doc.cache:
        found = _places(doc, *segment)
        labels = {m.label for m in found}
        doc.cache[key] = None if not found else (found[0] if len(labels) == 1 else False)
    return doc.cache[key]


def _in_badia(doc: Annotated, place: Match | None) -> bool:
    """Whether a place is named as part of the Badia (``بادية حمص``)."""
    if place is None:
        return False
    return doc.text[_place_phrase(doc, place)[0] : place.end].startswith(("بادي", "وبادي"))


def _title_end(doc: Annotated) -> int:
    """End of the title block: the first lines that read as titles (no closing full stop, short)."""
    end = 0
    for a, b in doc.lines[:6]:
        line = doc.text[a:b].strip()
        if not line:
            continue
        if line.endswith((".", ":", "؟")) or len(line) > 220:
            break
        end = b
    if end and end >= doc.lines[-1][1]:
        return 0
    return end


def continues_incident(doc: AnnotatedDoc, sentence: tuple[int, int]) -> bool:
    """Whether a sentence opens on the language's "also" (``كما``) and names no zone of its own.

    Such a sentence tells more of the incident before it ("كما أصيب طفلان ..."), not a fact about a
    zone ("كما قتل ... في البادية").
    """
    m = doc.markers.first_within(sentence[0], sentence[0] + 12)
    if m is None or m.label != "also" or doc.text[sentence[0] : m.start].strip(' "\n'):
        return False
    return not doc.zones.within(*sentence)


def _perpetrator(doc: Annotated, c: _Count, sentence, counts, measure: str, group: str, mixed: bool) -> str:
    """Who carried it out: ISIS for its victims and operations; the agent named for ISIS dead and arrests."""
    if mixed:
        return "unknown"
    if group != "isis" and measure != "arrested":
        return "isis"
    if measure == "arrested":
        agents = _per_sentence(
            doc, "agents", sentence, lambda: {m.label for m in doc.perpetrators.within(*sentence)}
        )
    else:
        nxt = [o.start for o in _after(counts, c.end) if o.start < sentence[1]]
        stop = nxt[0] if nxt else sentence[1]
        agents = {m.label for m in doc.perpetrators.within(c.end, stop)}
        trigger = doc.measures.last_before(c.start, sentence[0])
        if not agents and trigger is not None:  # active voice: قتلت قوات النظام 5 من عناصر التنظيم
            agents = {
                m.label
                for m in doc.perpetrators.within(trigger.end, c.start)
                if not doc.text[trigger.end : m.start].strip(' "')
            }
    return pick_agent(agents)  # none named: the context decides (``settle_perpetrators``)


def _raw_sentence(doc: Annotated, sentence) -> str:
    return doc.norm.raw_text(*sentence).strip()


def _read(doc: Annotated, explained: dict) -> tuple[list[Figure], list[Event], list[_Count], set, set]:
    """Read every count but the ``explained`` numbers in context: figures, events, counts, consumed spans."""
    counts = _counts(doc, explained)
    title_end = _title_end(doc)
    gov_governorates = set(lexicons().table["zones"]["government_governorates"])
    state = ReadState(text_zone=sole_zone(doc))
    by_sentence: dict[tuple, list[_Count]] = {}
    for c in counts:
        by_sentence.setdefault(doc.sentence_at(c.start), []).append(c)
    for line in doc.lines:
        line_zone = None
        for sentence in doc.sentences_in(line):
            headline = sentence[1] <= title_end
            follow_tally(doc, sentence, state)
            also_sentence = continues_incident(doc, sentence)
            sentence_place = None
            item: tuple | None = None  # the area line (operations count and its place) counts belong to
            raw_sentence = _raw_sentence(doc, sentence)
            sentence_figures: list[Figure] = []
            last_own: Figure | None = None
            last_own_end = sentence[0]  # normalised end of the last count that is a figure of its own
            sub_mode = False
            for c in by_sentence.get(sentence, []):
                segment = doc.segment_at(sentence, c.start)
                ops = _is_ops(doc, c, counts, sentence, segment)
                if ops is None and in_side_operations(doc, last_own, last_own_end, c.start):
                    ops = True
                if ops is None:
                    continue
                place = None if headline else _admin1(doc, c, counts, sentence, segment, item, ops)
                if place is None and not headline and also_sentence:
                    place = state.prev_place  # "كما أصيب طفلان": the same incident, the same place
                if place is not None and not ops and whole_of_period(doc, sentence, c.start):
                    place = None
                if place is not None:
                    sentence_place = place
                if ops:
                    item = (c, place) if place is not None else None
                nxt = [o.start for o in _after(counts, c.end) if o.start < sentence[1]]
                zone, named = zone_of_count(doc, (c.start, c.end), sentence, segment,
                                            nxt[0] if nxt else sentence[1], _in_badia(doc, place), headline,
                                            placed=place is not None)
                measure = "operations" if ops else _measure(doc, c, sentence, segment)
                if measure is None and state.list_head is not None:
                    measure = state.list_head.measure  # "- 21 مدنياً" under "خلفت 93 قتيلاً:"
                if measure is None:
                    continue
                group, group_ar, mixed = ("all", None, False) if ops else _group(doc, c, counts, segment)
                if measure == "arrested":
                    group = "isis"
                if group == "all" and group_ar is None and c.implied is None and last_own is not None:
                    of_them = doc.markers.first_within(c.end, c.end + 8)
                    if (
                        of_them is not None
                        and of_them.label == "subcount"
                        and not doc.text[c.end : of_them.start].strip()
                    ):
                        group = last_own.group  # "مقتل 4 من قسد، وإصابة 3 منهم": 3 of the same side
                cumulative, since = count_scope(
                    doc, sentence, c.start, state,
                    [o.start for o in by_sentence[sentence] if o.start > c.start],
                )
                if cumulative and since:
                    state.since = since
                perp = (
                    operations_agent(doc, segment[0], c.start)
                    if ops
                    else _perpetrator(doc, c, sentence, counts, measure, group, mixed)
                )
                if not named:
                    if place is not None and place.label in gov_governorates:
                        zone = "government_areas"
                    elif perp in ("coalition", "sdf") and (measure == "arrested" or group == "isis"):
                        zone = "sdf_areas"
                    elif perp == "government_forces" and measure == "arrested":
                        zone = "government_areas"
                    else:
                        zone = line_zone or state.zone or state.text_zone
                if group == "military":
                    group = military_group(zone)
                subgroup = None
                marker = doc.markers.last_before(c.start, last_own_end) if last_own else None
                sub_noun = _subgroup_noun(doc, c, counts, segment)
                other_group = (
                    group in STRONG_GROUPS
                    and last_own is not None
                    and group != last_own.group
                    and not (measure == "arrested" and last_own.measure == "arrested")
                )
                opened = marker is not None and marker.label == "subcount"
                if opened and c.implied is not None and implied_values().get(c.implied, (None, 1, None))[2]:
                    other_group = False  # "4 عناصر من قسد بينهم قيادي": a leader of theirs
                new_measure = last_own is not None and any(
                    m.label != last_own.measure for m in doc.measures.within(last_own_end, c.start)
                )  # "... بينهم قيادي، وكذلك إصابة 5 عسكريين": a toll of its own, no sub-count
                if (
                    opened
                    and last_own is not None
                    and sub_noun is None
                    and group == "all"
                    and group_ar is None
                    and c.implied is None
                    and measure == last_own.measure
                ):  # "18 من التنظيم بينهم 4 بغارات روسية": a bare count inside the toll before it
                    group, sub_noun = last_own.group, "other"
                    perp = _perpetrator(doc, c, sentence, counts, measure, group, mixed)
                if (
                    opened
                    and sub_noun is None
                    and last_own is not None
                    and _same_group(group, zone, last_own)
                ):
                    sub_noun = "other"  # بينهم 4 من عناصر الفرقة الرابعة: inside the 15, not more
                if ops and operations_subcount(doc, last_own, last_own_end, c.start, place):
                    subgroup = "other"  # "40 عملية بينها 12 عملية تفجير": a kind of operation inside the 40
                elif (
                    last_own is not None
                    and (opened or sub_mode)
                    and sub_noun
                    and not other_group
                    and not new_measure
                    and (sub_noun != "other" or opened)
                    and (last_own.group != "all" or sub_noun != "other")
                ):
                    subgroup, sub_mode = sub_noun, True
                else:
                    sub_mode = False
                if group == "others" and last_own is not None:
                    group = last_own.group
                elif group == "others":
                    group = "all"
                raw_start, raw_end = doc.norm.raw_span(
                    c.head_start if c.head_start is not None else c.start, c.end
                )
                fig = Figure(
                    zone=zone,
                    level="headline" if headline else ("breakdown" if place is not None else "total"),
                    measure=measure,
                    group=group,
                    value=c.value,
                    perpetrator=perp or "",
                    qualifier=qualifier_of(doc, c.head_start if c.head_start is not None else c.start),
                    scope="cumulative" if cumulative else "report",
                    subgroup=subgroup,
                    since=since if cumulative else None,
                    admin1=place.label if place is not None else None,
                    admin1_pcode=vocab.ADMIN1_PCODES.get(place.label) if place is not None else None,
                    place_ar=doc.norm.raw_text(*_place_phrase(doc, place)).strip()
                    if place is not None
                    else None,
                    group_ar=doc.norm.raw_text(*_term_span(doc, group_ar, c)) if group_ar else None,
                    sentence=raw_sentence,
                    start=raw_start,
                    end=raw_end,
                )
                fig = in_listed_area(fig, state)
                if subgroup is not None:
                    own_agent = fig.perpetrator
                    fig = fig.as_subcount_of(last_own)
                    if last_own.perpetrator in ("", "unknown") and own_agent in AGENTS_AGAINST_ISIS:
                        fig = replace(fig, perpetrator=own_agent)  # "بينهم 4 بغارات روسية"
                else:
                    last_own, last_own_end = fig, c.end
                state.add(fig, sentence)
                sentence_figures.append(fig)
                state.consumed.add((c.start, c.end))
                if not headline and (zone != "all" or doc.zones.within(*sentence)):
                    line_zone = zone  # a sentence placed in the whole country sets no context
            open_tally(state, sentence_figures)
            if sentence_figures and not headline:
                state.prev_place = sentence_place
            head_list(doc, sentence, state, sentence_figures)
            if sentence_figures and not headline:
                _events(doc, sentence, raw_sentence, sentence_figures, state)
        if line_zone:
            state.zone = line_zone
        else:
            named = doc.zones.within(*line)
            if named and line[1] > title_end:
                state.zone = named[-1].label
    figures = settle_perpetrators(settle_toll_parts(state.figures, state.joined))
    return figures, state.events, counts, state.consumed, state.year_starts


def _term_span(doc: Annotated, term: str, c: _Count) -> tuple[int, int]:
    """Normalised span of the group term a count used (searched after the count, or the implied noun)."""
    if c.implied:
        return c.start, c.end
    pos = doc.text.find(term, c.end)
    if pos < 0:
        pos = doc.text.find(term, c.head_start or 0)
    return (pos, pos + len(term)) if pos >= 0 else (c.start, c.end)


def _subgroup_noun(doc: Annotated, c: _Count, counts, segment) -> str | None:
    """The subgroup a count's noun names (children, women, leaders), ``other`` for any other noun."""
    if c.implied:
        sub = implied_values().get(c.implied, (None, 1, None))[2]
        if sub:
            return sub
        return "other" if implied_values().get(c.implied, ("",))[0] in ("members", "isis") else None
    window = doc.subgroups.within(c.end, min(segment[1], c.end + 30))
    if window and re.fullmatch(r'[\s"]*(?:من[\s"]+)?', doc.text[c.end : window[0].start]):
        return window[0].label
    return None


_LEADER = re.compile(r"قيادي|أمير|امير|قائد|مسؤول")


def _events(doc: Annotated, sentence, raw_sentence: str, figs: list[Figure], state: ReadState) -> None:
    """Record the sentence's notable event, described by the clause of its main figure."""
    event = notable_event(
        doc, sentence, figs, raw_sentence,
        is_leader=lambda f: _LEADER.search(doc.norm.raw[f.start : f.end]) is not None,
        describe=lambda main: doc.norm.raw_text(*doc.segment_at(sentence, _first_start(doc, main))).strip(),
    )
    if event is not None:
        state.events.append(event)


def _first_start(doc: Annotated, figure: Figure) -> int:
    """Normalised position of a figure's raw start (for finding its clause)."""
    return bisect.bisect_left(doc.norm.offsets, figure.start)


def parse(text: str, report_id: str) -> Report:
    """Parse an Arabic report; see ``parse_report``."""
    doc = annotate(normalize(text))
    check_count_density(len(doc.numbers) + len(doc.implied.items), report_id)  # number words, nouns
    require_isis(bool(doc.isis.items), lexicons().table["isis_terms"], report_id)
    explained = _explained(doc)
    figures, events, counts, consumed, year_starts = _read(doc, explained)

    def raw_sentence(sentence: tuple[int, int]) -> str:
        return _per_sentence(doc, "raw", sentence, lambda: _raw_sentence(doc, sentence))

    return assemble_report(report_id, "ar", doc.period, figures, events,
                           lambda: unexplained_numbers(doc, consumed, explained, raw_sentence), year_starts)
