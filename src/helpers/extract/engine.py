"""The extraction engine both languages share: reading state, language-free decisions, the report's assembly.

A language's parser (``ar/parse.py``, ``en/parse.py``) finds the counts of its text and reads each one in its
sentence; what follows from the reading — running totals and their ``since``, lists of parts under a head,
the zone a text names alone, which figure is a headline, a title or a total, a toll's parts and their
perpetrator, the report's status — is decided here, once, on the annotations every language provides
(``document.AnnotatedDoc``). Nothing here branches on the language: what differs lives in the language's
data file and its annotations.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cache

from helpers.check.validate import check_report
from helpers.contract.report import (
    Event,
    Figure,
    NotAReportError,
    Report,
    Unexplained,
)
from helpers.extract.document import AnnotatedDoc, qualifier_gap
from helpers.text.lexicon import Match, lexicon_table
from helpers.text.period import Period

log = logging.getLogger(__name__)

# More counts than any report of the series states (a monthly report states under 100, an annual tally a few
# hundred): a text past it is a flood of numbers or many reports joined, refused before it costs seconds.
MAX_COUNTS = 5_000


def check_count_density(n_counts: int, report_id: str) -> None:
    """Refuse a text stating more numbers (or counting nouns) than any report does, saying why."""
    if n_counts > MAX_COUNTS:
        raise NotAReportError(
            f"{report_id}: not a report of the series: {n_counts:,} numbers, more than any report states "
            f"(the limit is {MAX_COUNTS:,}); a file must hold one report"
        )

STRONG_GROUPS = ("civilians", "isis", "government_forces", "sdf", "other_forces")  # sides


@dataclass
class ReadState:
    """What the reading of the previous sentences leaves for the next ones (both languages' parsers)."""

    zone: str | None = None
    text_zone: str = "all"  # the zone the whole text names alone (``sole_zone``), for figures nothing places
    since: dt.date | None = None
    running: dt.date | None = None  # the start of a running total whose parts the next sentences may list
    year_starts: set = field(default_factory=set)  # "since" dates read from "since the start of the year"
    after_colon: bool = False  # the previous sentence ended with a colon (a list follows)
    list_head: Figure | None = None  # the figure a list of parts follows ("60 dead:"), while the list goes on
    prev_place: Match | None = None  # the place of the previous sentence's incident
    in_list: bool = False  # the sentence being read is a line of a list (or follows a colon)
    joined: list[bool] = field(default_factory=list)  # per figure: read in its predecessor's sentence or list
    _sentence: tuple[int, int] | None = None

    def year_start(self, year: int | None) -> dt.date | None:
        """1 January of ``year``, remembered as the start of a year to date."""
        if year is None:
            return None
        self.year_starts.add(dt.date(year, 1, 1))
        return dt.date(year, 1, 1)

    def add(self, figure: Figure, sentence: tuple[int, int]) -> None:
        """Append a figure read in ``sentence``, noting whether it goes on from the figure before it."""
        self.joined.append(sentence == self._sentence or self.in_list)
        self._sentence = sentence
        self.figures.append(figure)
    figures: list[Figure] = field(default_factory=list)
    consumed: set = field(default_factory=set)
    events: list[Event] = field(default_factory=list)


def group_of_phrase(noun: str | None, labels: list[str]) -> tuple[str, bool] | None:
    """The group a count's noun (its label) and the group phrases after it settle, and whether it is mixed.

    Both languages decide alike: a list of sides is ``all`` (mixed when it names gunmen), one side is that
    side, fighters or members are ``military`` until the zone is known. None when nothing settles it (the
    caller's own rules follow: Arabic "others", English implied "others").
    """
    strong = [x for x in labels if x in STRONG_GROUPS]
    kinds = set(strong) | ({"military"} if "military" in labels or noun == "military" else set())
    gunmen = "gunmen" in labels
    if "civilians" in kinds and (kinds - {"civilians"} or gunmen):
        return "all", gunmen
    forces = kinds & {"government_forces", "sdf", "other_forces"}
    if len(forces) > 1 or ("isis" in kinds and len(kinds) > 1):
        return "all", gunmen
    if strong:
        return strong[0], False
    if "military" in kinds or noun == "members" or "members" in labels:
        return "military", False
    return None


_MILITARY_BY_ZONE = {"sdf_areas": "sdf", "other": "other_forces"}


def military_group(zone: str | None) -> str:
    """The group of military casualties named only as military ("عسكريين", "combatants").

    They are the forces that hold the zone: the SDF in its areas, the factions in zone ``other``, government
    forces elsewhere.
    """
    return _MILITARY_BY_ZONE.get(zone or "", "government_forces")


_SIDE_ZONES = {"sdf": "sdf_areas", "government_forces": "government_areas"}


def joined_zone(doc: AnnotatedDoc, zone: Match) -> str:
    """The zone a zone phrase names: ``all`` when another side's forces or areas are named with it.

    "Areas of the government and the SDF" are both sides' areas, and so are "SDF areas and regime areas"
    read from either phrase.
    """
    for lexicon, side in ((doc.zones, lambda m: m.label), (doc.groups, lambda m: _SIDE_ZONES.get(m.label))):
        nxt = lexicon.first_within(zone.end, zone.end + _JOINED_REACH)
        joined = nxt is not None and doc.joiner.fullmatch(doc.text, zone.end, nxt.start)
        if joined and side(nxt) not in (None, zone.label):
            return "all"
    prv = doc.zones.last_before(zone.start, max(0, zone.start - _JOINED_REACH - _LONGEST_ZONE))
    if prv is not None and prv.label != zone.label and doc.joiner.fullmatch(doc.text, prv.end, zone.start):
        return "all"
    return zone.label


_JOINED_REACH = 12  # characters between two zone phrases named together ("and in the")
_LONGEST_ZONE = 80  # characters a zone phrase may span (the longest holder names run past 60)


# --- reading a whole report -------------------------------------------------------------------------


def zone_named_after(doc: AnnotatedDoc, count_end: int, stop: int) -> str | None:
    """The zone the words after a count name, up to ``stop``; ``all`` when a hedge comes first.

    "70 attacks, most of them in SDF-held areas" are not all in the SDF's areas; None when no zone is named.
    """
    zone = doc.zones.first_within(count_end, stop)
    if zone is None:
        return None
    return "all" if doc.hedged(count_end, zone.start, "zone_hedges") else joined_zone(doc, zone)


def zone_named_before(doc: AnnotatedDoc, count_start: int, sentence_start: int) -> str | None:
    """The zone named last before a count in its sentence; ``all`` when a hedge stands right before it.

    "70 attacks, mostly in SDF-held areas, killing 9 civilians": the 9 fell in attacks not all held there.
    """
    zone = doc.zones.last_before(count_start, sentence_start)
    if zone is None:
        return None
    hedged = doc.hedged(max(sentence_start, zone.start - _HEDGE_REACH), zone.start, "zone_hedges")
    return "all" if hedged else joined_zone(doc, zone)


_HEDGE_REACH = 25  # characters before a zone phrase a hedge ("most of them in") governs it from


def zone_of_count(doc: AnnotatedDoc, count: tuple[int, int], sentence: tuple[int, int],
                  segment: tuple[int, int], clause_end: int, in_badia: bool, headline: bool,
                  placed: bool = False) -> tuple[str | None, bool]:
    """The zone of a count, and whether its sentence named it (rather than the context or the text).

    In order: a place named as part of the Badia (``in_badia``, the language's reading of its place phrase);
    the zone named after the count in its segment; the country named after it there, for a count no
    governorate places (``placed``): ``all``; in a title or lede, the zones its sentence names (two or
    more: ``all``); the zone named before the count in its sentence; after it up to the next count
    (``clause_end``).
    """
    if in_badia:
        return "badia", True
    later = zone_named_after(doc, count[1], segment[1])
    if later is not None:
        return later, True
    country = None if placed else doc.country_named(count[1], segment[1])
    if country is not None and not doc.places.within(count[1], country.start()):
        return "all", True  # "wounded 3 troops in an ambush in Syria": placed in the country only
    if headline:
        zones = {m.label for m in doc.zones.within(*sentence)}
        zones |= {"sdf_areas" for m in doc.groups.within(*sentence) if m.label == "sdf"}
        if zones:
            return (zones.pop() if len(zones) == 1 else "all"), True
    for zone in (zone_named_before(doc, count[0], sentence[0]), zone_named_after(doc, count[1], clause_end)):
        if zone is not None:
            return zone, True
    return None, False


def sole_zone(doc: AnnotatedDoc) -> str:
    """The zone a text is about when it names one zone only ("in areas held by the SDF"), else ``all``.

    A text about SDF-held Deir ez-Zor and Hasakah is about the SDF's areas even in the sentences that do not
    repeat it; a text that names two zones, or none, gives its unplaced figures no zone but ``all``.
    """
    named = {joined_zone(doc, m) for m in doc.zones.items if m.label != "all"}
    return named.pop() if len(named) == 1 else "all"  # "areas of the government and the SDF" names both


_LIST_ITEM = re.compile(r"[\s\u200f\u200e]*(?:[•\-–—*·▪●◦]|\d{1,2}[.)](?!\d)|\d+\s)")


def follow_tally(doc: AnnotatedDoc, sentence: tuple[int, int], state: ReadState) -> None:
    """Keep the running total and the list head open for a sentence that lists parts, close them otherwise.

    A running total ("since the start of 2024 the observatory counted N operations ... leaving M dead:")
    is often followed by its parts and its regional distribution, one line each, none of which repeats the
    "since". A sentence goes on with the total when it opens a list line (a bullet, a dash, a number and a
    bracket, or a conjoined count such as "و35"), follows a colon, or refers back to it (the language's
    ``continuation`` phrases: "these operations", "as follows", "in addition to"). A list head (the toll
    before a colon) serves list lines only.
    """
    listed = _list_line(doc, sentence)
    state.in_list = listed or state.after_colon
    if not state.in_list:
        state.list_head = None
    if state.running is not None:
        referred = any(m.label == "continuation" for m in doc.scope.within(*sentence))
        if not (listed or referred or state.after_colon):
            state.running = None
    state.after_colon = _ends_with_colon(doc, sentence)


def _list_line(doc: AnnotatedDoc, sentence: tuple[int, int]) -> bool:
    """Whether a sentence opens a line of a list.

    A list line opens on a bullet, a dash, "1.", a count ("150 من ...") or a conjoined count ("و35").
    """
    text = doc.text
    line_start = sentence[0]
    while line_start > 0 and text[line_start - 1] != "\n" and text[line_start - 1].isspace():
        line_start -= 1
    if line_start > 0 and text[line_start - 1] != "\n":
        return False
    return bool(_LIST_ITEM.match(text, line_start) or doc.conjoined_number.match(text, line_start))


def head_list(doc: AnnotatedDoc, sentence: tuple[int, int], state: ReadState, figures: list[Figure]) -> None:
    """A sentence that ends with a colon after a toll makes that toll the head of the list lines below it."""
    own = [f for f in figures if f.subgroup is None and f.measure != "operations"]
    if own and _ends_with_colon(doc, sentence):
        state.list_head = own[-1]


def _ends_with_colon(doc: AnnotatedDoc, sentence: tuple[int, int]) -> bool:
    return doc.text[sentence[0] : sentence[1]].rstrip().endswith(":")


RUNNING_MARKS = ("since", "start_of_year", "so_far")
NOT_SCOPE = ("continuation", "whole")  # labels of the scope lexicon that say nothing of a count's scope


def whole_of_period(doc: AnnotatedDoc, sentence: tuple[int, int], pos: int) -> bool:
    """Whether the sentence says all the period's operations took place where it names.

    "All the operations were in Raqqa, and left 3 dead": its figures are the zone's totals, not a
    breakdown line.
    """
    return any(m.label == "whole" and m.start < pos for m in doc.scope.within(*sentence))


def trailing_running_total(
    doc: AnnotatedDoc, sentence: tuple[int, int], pos: int, count_starts
) -> int | None:
    """Where to read the scope of a count at ``pos`` whose sentence closes on a running-total phrase.

    "The observatory logged 90 operations ..., since early 2022." puts the "since" after every count
    of the sentence: then it is their scope, and the position returned lies just past it. None when no such
    phrase follows the count, or a count follows the phrase ("5 in October, bringing the total since 2019 to
    400": the 5 is not a running total).
    """
    marks = [m for m in doc.scope.within(pos, sentence[1]) if m.label in RUNNING_MARKS]
    if not marks or any(s > marks[0].start for s in count_starts):
        return None
    if any(m.label == "same_month" for m in doc.scope.within(pos, marks[0].start)):
        return None
    return marks[-1].end + 1


def publication_year(doc: AnnotatedDoc) -> int | None:
    """The year "the current year" means: the report's period, else the first full date the text gives."""
    if doc.period.end:
        return doc.period.end.year
    return next((d.year for d in doc.dates if d.year and d.month), None)


def in_listed_area(figure: Figure, state: ReadState) -> Figure:
    """A figure of a list line under an area's toll, placed in that area when it names no place of its own.

    "Hama desert: 9 operations left 20 dead:" then "• 15 soldiers": the 15 are Hama's, in its zone.
    """
    head = state.list_head
    if head is None or not state.in_list or head.level != "breakdown" or figure.level != "total":
        return figure
    return replace(figure, level="breakdown", zone=head.zone, admin1=head.admin1,
                   admin1_pcode=head.admin1_pcode, place_ar=head.place_ar)


def scope_marks(doc: AnnotatedDoc, sentence: tuple[int, int], pos: int) -> list[Match]:
    """The scope phrases that may govern a count at ``pos``: before it in its sentence, or in its clause."""
    seg = doc.segment_at(sentence, pos)
    return [
        m
        for m in doc.scope.within(*sentence)
        if m.label not in NOT_SCOPE and (m.start < pos or seg[0] <= m.start < seg[1])
    ]


def scope_without_mark(doc: AnnotatedDoc, sentence, pos: int, state: ReadState, count_starts, marks,
                       since: Callable) -> tuple[bool, dt.date | None]:
    """The scope of a count no "since" phrase governs.

    A phrase of the month closes any running total; else a running-total phrase closing the sentence (read by
    the language's ``since`` there) governs it; else the running total still open.
    """
    if any(m.label == "same_month" for m in marks):
        state.running = None
        return False, None
    tail = trailing_running_total(doc, sentence, pos, count_starts)
    if tail is not None:
        return since(doc, sentence, tail, state)
    return (True, state.running) if state.running is not None else (False, None)


def count_scope(doc: AnnotatedDoc, sentence: tuple[int, int], pos: int, state: ReadState,
                count_starts=()) -> tuple[bool, dt.date | None]:
    """Whether a count at ``pos`` is a running total, and since when ("since early 2024", "منذ مطلع العام").

    The phrase that governs it (``scope_marks``) decides; what a language's phrases need around them (an
    opener before "the start of", a noun phrase after an undated "since") is in its ``[scope_rules]``.
    """
    rules = scope_rules(doc.LANGUAGE)
    marks = scope_marks(doc, sentence, pos)
    if not marks or any(m.label == "same_month" for m in marks):
        return scope_without_mark(doc, sentence, pos, state, count_starts, marks, count_scope)
    before = [m for m in marks if m.start < pos]
    mark = before[-1] if before else marks[0]
    if mark.label == "same_period":
        return (True, state.since) if state.since else (False, None)
    if mark.label == "start_of_year":
        if rules.year_start_opener and not rules.year_start_opener.search(
                doc.text, max(0, mark.start - _OPENER_REACH), mark.start):
            return False, None  # "early" alone, not "since early"
        reach = mark.end + _YEAR_REACH
        year = next((d.year for d in doc.dates if mark.end <= d.start < reach and d.year), None)
        year = year or (state.since.year if state.since else publication_year(doc))
        return True, state.year_start(year)
    if mark.label == "so_far":
        year = next((d.year for d in doc.dates if mark.end <= d.start < mark.end + 6 and d.year), None)
        return True, state.year_start(year or publication_year(doc))
    if mark.label != "since":
        return False, None
    nxt = doc.scope.within(mark.end, mark.end + 4)
    if nxt and nxt[0].label in ("start_of_year", "same_period"):
        return count_scope(doc, sentence, max(pos, nxt[0].end + 1), state)
    if rules.month_start.match(doc.text, mark.end):
        return False, None  # since the start of the month: the month itself
    start = date_after(doc, mark.end)
    if start is not None:
        return True, start
    if state.since is None:  # "since month 1 until today ... since early 2022": the later phrase dates it
        later = [m for m in doc.scope.within(mark.end + 1, sentence[1]) if m.label in RUNNING_MARKS]
        if later and later[-1].end + 1 > pos:
            return count_scope(doc, sentence, later[-1].end + 1, state)
    if rules.since_event is not None and not rules.since_event.match(doc.text, mark.end):
        return False, None
    if rules.not_a_since and rules.not_a_since.search(doc.text, max(0, mark.start - _OPENER_REACH),
                                                      mark.start):
        return False, None  # "the 95th month since the declaration"
    return True, state.since  # since an undated event ("since the Coalition's announcement")


_OPENER_REACH = 12  # characters before a phrase its opener may start in
_YEAR_REACH = 10  # characters after "the start of the year" its year may start in


@dataclass(frozen=True)
class ScopeRules:
    """What a language's running-total phrases need around them (``[scope_rules]`` of its lexicon)."""

    month_start: re.Pattern  # after "since": the start of the month (the month itself, no running total)
    year_start_opener: re.Pattern | None  # before "the start of the year": the word that makes it a since
    since_event: re.Pattern | None  # after an undated "since": the event's noun phrase (None: anything)
    not_a_since: re.Pattern | None  # before "since": words that make it a month's name ("the 95th month")


@cache
def scope_rules(language: str) -> ScopeRules:
    """A language's ``ScopeRules``, compiled from its lexicon (ignoring case)."""
    rules = lexicon_table(language)["scope_rules"]

    def compiled(key: str) -> re.Pattern | None:
        return re.compile(rules[key], re.IGNORECASE) if rules.get(key) else None

    return ScopeRules(compiled("month_start"), compiled("year_start_opener"), compiled("since_event"),
                      compiled("not_a_since"))


def open_tally(state: ReadState, figures: list[Figure]) -> None:
    """A sentence stating a running total "since" a date opens it for the sentences that list its parts."""
    for f in figures:
        if f.scope == "cumulative" and f.since is not None and f.level != "headline":
            state.running = f.since


def date_after(doc: AnnotatedDoc, pos: int) -> dt.date | None:
    """The first day of the date written within 60 characters after ``pos`` (what "since" counts from).

    ``منذ 5 آذار 2023`` / ``since March 5, 2023`` give that day, a month and year its first day, a year
    alone 1 January; None when no date with a year follows.
    """
    i = bisect.bisect_left(doc.date_starts, pos)
    date = doc.dates[i] if i < len(doc.dates) and doc.dates[i].start < pos + 60 else None
    if date is None or not date.year:
        return None
    if not date.month:
        return dt.date(date.year, 1, 1)
    return dt.date(date.year, date.month, date.day or 1)


def settle_perpetrators(figures: list[Figure]) -> list[Figure]:
    """Give ISIS dead and arrests that name no agent the agent their context names, else ``unknown``.

    After a side's own count of operations ("the SDF ran 40 operations; the sweeps killed 5 ISIS
    members and led to 60 arrests"), that side; else ISIS dead take the agent of their zone's total
    (``13 من التنظيم`` in a line).
    """
    totals: dict[str, set] = {}
    for f in figures:
        own_total = f.level != "breakdown" and not f.subgroup
        if (f.group, f.measure) == ("isis", "killed") and f.perpetrator and own_total:
            totals.setdefault(f.zone, set()).add(f.perpetrator)
    settled, side_ops = [], None
    for f in figures:
        if f.measure == "operations" and not f.subgroup:
            side_ops = f if f.perpetrator in AGENTS_AGAINST_ISIS else None
        if not f.perpetrator:
            if side_ops is not None and f.group == "isis" and f.zone == side_ops.zone:
                agent = side_ops.perpetrator
            else:
                agents = totals.get(f.zone, set()) if f.measure != "arrested" else set()
                agent = next(iter(agents)) if len(agents) == 1 else "unknown"
            f = replace(f, perpetrator=agent)
        settled.append(f)
    return settled


AGENTS_AGAINST_ISIS = ("coalition", "russia", "sdf", "government_forces")  # in order of precedence


def operations_agent(doc: AnnotatedDoc, clause_start: int, count_start: int) -> str:
    """Who carried out a count of operations: the side that is the subject of its verb, else ISIS.

    "The Asayish ran 40 operations" are the SDF's (the verbs of carrying out are the language's ``ops_verb``
    words); a side named inside a zone phrase ("in SDF-held areas ISIS carried out …") or before ISIS is not.
    """
    if not any(w.label == "ops_verb" for w in doc.words.within(clause_start, count_start)):
        return "isis"
    sides = [
        m for m in doc.perpetrators.within(clause_start, count_start)
        if m.label in AGENTS_AGAINST_ISIS and doc.zones.covering(m.start) is None
    ]
    if not sides or any(g.label == "isis" for g in doc.groups.within(sides[-1].end, count_start)):
        return "isis"
    return sides[-1].label


def operations_subcount(doc: AnnotatedDoc, parent: Figure | None, parent_end: int, count_start: int,
                        place: Match | None) -> bool:
    """Whether a count of operations lies inside the one before it ("40 attacks, including 12 bombings").

    A sub-count marker stands between them and the later count names no place: with a place it is that
    place's line of a breakdown ("including 12 in Raqqa"), not a kind of operation.
    """
    if parent is None or parent.measure != "operations" or parent.subgroup is not None or place is not None:
        return False
    marker = doc.markers.last_before(count_start, parent_end)
    return marker is not None and marker.label == "subcount"


def in_side_operations(doc: AnnotatedDoc, parent: Figure | None, parent_end: int, count_start: int) -> bool:
    """Whether a count of raids, landings or sweeps is a kind of a side's operations counted just before.

    "The SDF ran 26 operations, among them 4 landings": the 4 are part of the 26 (a sub-count), where alone
    such a count is no ISIS operation and stays unexplained.
    """
    return (
        parent is not None
        and parent.perpetrator in AGENTS_AGAINST_ISIS
        and operations_subcount(doc, parent, parent_end, count_start, None)
    )


def qualifier_of(doc: AnnotatedDoc, count_start: int) -> str:
    """The count's qualifier: one right before it ("at least 15", "نحو 30"), else ``exact``.

    Only quotes, or one of the language's articles (``document.qualifier_gap``: "more than a dozen"), may
    stand between.
    """
    q = doc.qualifiers.last_before(count_start, max(0, count_start - _QUALIFIER_REACH))
    if q is None:
        return "exact"
    gap = doc.text[q.end : count_start].strip(' "')
    return q.label if not gap or gap.lower() in qualifier_gap(doc.LANGUAGE) else "exact"


_QUALIFIER_REACH = 25  # characters before a count its qualifier may start in


def pick_agent(agents: set[str]) -> str:
    """The agent a count is credited to: the first of ``AGENTS_AGAINST_ISIS`` named, else "unknown" if named.

    "" when no agent is named; the order is shared by both languages, so a count names the same agent in each.
    """
    return next((label for label in (*AGENTS_AGAINST_ISIS, "unknown") if label in agents), "")


def settle_toll_parts(figures: list[Figure], joined: list[bool]) -> list[Figure]:
    """The perpetrator of an undivided toll of ISIS's attacks, and of its parts, from what the parts say.

    The parts are the figures of the same measure, scope and zone read in the toll's sentence or the list
    lines after it (``joined``) that add up to the toll ("بالإضافة إلى 6 من عناصر التنظيم" after parts that
    already make the toll is not one of them; a sentence of its own is not a part). When a part, or a
    sub-count of one, was killed by ISIS's enemies ("17 ISIS members killed in Russian strikes", "بينهم 4
    بغارات روسية") beside ISIS's victims, the toll mixes ISIS's attacks and operations against it: it is
    ``unknown``. Otherwise ISIS members among the parts who name no killer died in ISIS's own attacks: they
    take the toll's perpetrator. Run before ``settle_perpetrators`` (an empty perpetrator names no killer).
    """
    settled = list(figures)
    for i, head in enumerate(figures):
        if head.group != "all" or head.subgroup is not None or head.measure == "operations":
            continue
        if head.perpetrator != "isis":
            continue
        parts, agents, total = [], set(), 0
        for j in range(i + 1, len(figures)):
            part = figures[j]
            if not joined[j] or (part.scope, part.since, part.zone) != (head.scope, head.since, head.zone):
                break
            if part.group == "all" and part.measure == head.measure and part.value > head.value - total:
                break  # another undivided toll (an unidentified person among the parts is one of them)
            if part.measure != head.measure:
                continue
            agents.add(part.perpetrator)
            if part.subgroup is None:
                parts.append(j)
                total += part.value
            if total >= head.value:
                break
        if total != head.value:
            continue
        if "isis" in agents and agents & set(AGENTS_AGAINST_ISIS):
            settled[i] = replace(head, perpetrator="unknown")
        else:
            for j in parts:
                if figures[j].group == "isis" and not figures[j].perpetrator:
                    settled[j] = replace(figures[j], perpetrator="isis")
    return settled


def notable_event(doc: AnnotatedDoc, sentence: tuple[int, int], figs: list[Figure], raw_sentence: str, *,
                  is_leader: Callable[[Figure], bool], describe: Callable[[Figure], str]) -> Event | None:
    """The event of a sentence with figures when it is dated or tells of an ISIS leader killed, else None.

    Its main figure is the (first) leader killed, else the sentence's first figure; ``is_leader`` says
    whether a figure's wording names a leader and ``describe`` gives the event's description (each
    language has its words and its notion of the clause).
    """
    lo = bisect.bisect_left(doc.date_starts, sentence[0])
    hi = bisect.bisect_left(doc.date_starts, sentence[1])
    dated = [d for d in doc.dates[lo:hi] if d.day]
    leaders = [
        f for f in figs
        if f.group == "isis" and f.measure == "killed" and f.subgroup is None and is_leader(f)
    ]
    if not dated and not leaders:
        return None
    main = leaders[0] if leaders else figs[0]
    return Event(
        date=dated[0].resolve(doc.period.bounds) if dated else None,
        admin1=main.admin1,
        place_ar=main.place_ar,
        actor=main.perpetrator or "unknown",
        target="isis_leader" if leaders else main.group,
        description_ar=describe(main),
        sentence=raw_sentence,
    )


def unexplained_numbers(doc: AnnotatedDoc, consumed: set, explained: dict,
                        raw_sentence: Callable[[tuple[int, int]], str]) -> list[Unexplained]:
    """Every stated number that is neither a figure nor a known non-figure, with its raw sentence."""
    out = []
    for n in doc.numbers:
        span = (n.start, n.end)
        if span in consumed or span in explained:
            continue
        a, b = doc.norm.raw_span(n.start, n.end)
        out.append(Unexplained(doc.norm.raw[a:b], raw_sentence(doc.sentence_at(n.start)), a, b))
    return out


def require_isis(found: bool, terms: list[str], report_id: str) -> None:
    """Refuse text that never names ISIS or the caliphate, naming the terms looked for (both languages)."""
    if not found:
        raise NotAReportError(
            f"{report_id}: not a report of the series: no mention of ISIS or the caliphate "
            f"(looked for {', '.join(terms[:4])} …)"
        )


_TITLE_NOISE = re.compile(r"[\s•·…\.\-–—|:\"']+")


def drop_repeated_title(figures: list[Figure]) -> list[Figure]:
    """The figures without those of a title line that repeats an earlier one.

    A saved page often shows its title twice (the page's and the article's, one of them cut short): their
    figures are the same figures, kept once.
    """
    seen: list[str] = []
    kept = []
    for f in figures:
        if f.level == "headline":
            line = _TITLE_NOISE.sub(" ", f.sentence).strip()
            if any(line != s and s.startswith(line) or line.startswith(s) and line != s for s in seen):
                continue
            if line not in seen:
                seen.append(line)
        kept.append(f)
    return kept


def title_total(figures: list[Figure]) -> list[Figure]:
    """A running total in the title that the body does not restate is a total, not a headline.

    "More than 1,900 ISIS operations since the Coalition declared ..." heads a text whose body never
    gives the 1,900 again: the title is where the text states it.
    """
    restated = {(f.measure, f.group, f.value) for f in figures if f.level != "headline"}
    return [
        replace(f, level="total")
        if f.level == "headline" and f.scope == "cumulative" and (f.measure, f.group, f.value) not in restated
        else f
        for f in figures
    ]


def settle_lede(figures: list[Figure], period: Period) -> list[Figure]:
    """A lede that the body repeats is a headline; a lede the body does not repeat stays a total.

    When the title states no figure, the first sentence of the text often sums it up ("ISIS cells carried out
    87 operations since the start of the year") and the body states the same count again: that first
    statement is the headline, as a title figure would be. A report of a month or a year states its totals
    in its first sentence by design, so the rule is for the news texts that state no period.
    """
    if not figures or period.kind is not None or any(f.level == "headline" for f in figures):
        return figures
    lede_sentence = figures[0].sentence
    n_lede = next((i for i, f in enumerate(figures) if f.sentence != lede_sentence), len(figures))
    body = figures[n_lede:]
    def key(f: Figure) -> tuple:
        return f.zone, f.measure, f.group, f.value

    stated = {key(f) for f in body if f.level == "total" and f.subgroup is None}
    return [
        replace(f, level="headline", admin1=None, admin1_pcode=None, place_ar=None)
        if i < n_lede and f.level == "total" and f.subgroup is None and key(f) in stated
        else f
        for i, f in enumerate(figures)
    ]


def year_to_date(figures: list[Figure], period: Period, year_starts: set) -> tuple[list[Figure], Period]:
    """A text that opens on a running total since 1 January is that year-to-date tally, not a report with one.

    "Since the start of 2025 the observatory logged 87 operations ..." as the first figure of a text
    that states no month is the text's subject: its period runs from that 1 January (``year_to_date``) and
    the figures of that total are of the report, not cumulative. A running total that follows an incident
    (the usual close of an incident report) stays cumulative.
    """
    if period.kind is not None:
        return figures, period
    body = [f for f in figures if f.level != "headline"]
    first = body[0] if body else None
    if first is None or first.scope != "cumulative" or first.since not in year_starts:
        return figures, period  # "since 2019" is a running total, "since the start of 2025" a year to date
    since = first.since
    settled = [
        replace(f, scope="report", since=None)
        if f.scope == "cumulative" and f.since in (since, None)
        else f
        for f in figures
    ]
    return settled, Period(None, since, None, "year_to_date")


def assemble_report(report_id: str, language: str, period: Period, figures: list[Figure],
                    events: list[Event], unexplained: Callable[[], Iterable[Unexplained]],
                    year_starts: Iterable[dt.date] = ()) -> Report:
    """The parsed ``Report`` with its status, or a refusal when the text states no figures (both languages).

    ``unexplained`` is only called for a text that states figures; ``year_starts`` are the "since" dates the
    reading took from "since the start of the year" (a year-to-date tally may start there).
    """
    if not figures:
        raise NotAReportError(
            f"{report_id}: not a report of the series: it mentions ISIS but states no figures "
            "(no counts of operations, deaths, injuries or arrests were found)"
        )
    figures = settle_lede(title_total(drop_repeated_title(figures)), period)
    figures, period = year_to_date(figures, period, set(year_starts))
    report = Report(
        report_id=report_id,
        language=language,
        month=period.month,
        period_start=period.start,
        period_end=period.end,
        period_kind=period.kind,
        figures=tuple(figures),
        events=tuple(events),
        unexplained=tuple(unexplained()),
    )
    return with_status(report)


def with_status(report: Report) -> Report:
    """Set ``warnings`` (saying why) when a check fails or a number is unexplained, ``ok`` otherwise."""
    failed = [c for c in check_report(report) if not c.ok]
    reasons = [
        f"{c.kind} {c.zone} {c.measure} {c.group}: stated {c.stated}, computed {c.computed}" for c in failed
    ]
    if report.unexplained:
        reasons.append(
            f"{len(report.unexplained)} unexplained number(s): "
            + ", ".join(u.text for u in report.unexplained[:5])
        )
    if reasons:
        return replace(report, status="warnings", error="; ".join(reasons))
    return replace(report, status="ok", error=None)
