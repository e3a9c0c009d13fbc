"""What a rendered report states: the expected figure rows of a truth written with given variations.

Some variations change *which* numbers a report states (totals only, a headline, an undivided toll, rounded
totals, dropped sections, a deliberate arithmetic slip). Those decisions are made here, once, as small
predicates the renderer calls too; everything else about wording cannot change the rows. The rows use the
figures-table vocabulary so they compare with parsed figures as a multiset.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import NamedTuple, Protocol

from helpers.synth.truth import Area, MonthTruth, Zone
from helpers.synth.variations import Variations

COLUMNS = ("zone", "level", "admin1", "measure", "group", "subgroup", "perpetrator", "value", "qualifier",
           "scope", "since")


class Row(NamedTuple):
    """One figure in the comparison vocabulary (``since`` as an ISO date string or None)."""

    zone: str
    level: str
    admin1: str | None
    measure: str
    group: str
    subgroup: str | None
    perpetrator: str
    value: int
    qualifier: str
    scope: str
    since: str | None

    def describe(self) -> str:
        """A one-line readable form for failure messages."""
        where = self.admin1 or self.level
        extra = f"/{self.subgroup}" if self.subgroup else ""
        scope = f" since {self.since}" if self.scope == "cumulative" else ""
        qual = "" if self.qualifier == "exact" else f" ({self.qualifier})"
        return (f"{self.zone}:{where} {self.measure} {self.group}{extra} by {self.perpetrator} = "
                f"{self.value}{qual}{scope}")


def row(zone: str, level: str, measure: str, group: str, value: int, *, admin1: str | None = None,
        subgroup: str | None = None, perpetrator: str = "isis", qualifier: str = "exact",
        since: dt.date | None = None) -> Row:
    """Build a row with the contract's defaults (ISIS as perpetrator, exact, this report's period)."""
    scope = "report" if since is None else "cumulative"
    return Row(zone, level, admin1, measure, group, subgroup, perpetrator, value, qualifier, scope,
               since.isoformat() if since else None)


# --- content decisions shared with the renderer -------------------------------------------------------------

def qualified(value: int, qualifiers: str) -> tuple[int, str]:
    """The value and qualifier a zone total is stated with: ``نحو`` rounds to 5, ``أكثر من`` floors to 5.

    Numbers under 10 stay exact: the series does not write ``نحو 3``.
    """
    if value < 10:
        return value, "exact"
    if qualifiers == "approximately":
        return 5 * round(value / 5), "approximately"
    if qualifiers == "at_least":
        return 5 * (value // 5), "at_least"
    return value, "exact"


def shows_breakdown(zone: Zone, v: Variations) -> bool:
    """Whether the zone's area lines are written (not for ``breakdown_layout=none``)."""
    return v.breakdown_layout != "none"


def toll_kind(civilians: int, military: int, v: Variations, zone: str = "sdf_areas") -> str:
    """How a zone toll is written: ``none``, ``parts`` (each group) or an undivided toll then its split.

    ``split`` and ``two_words`` split the SDF areas' toll as the sample does (the Badia's stays in parts);
    ``split_all`` splits both. A toll of two is never split (``قتيلين، هم: مدني وعنصر`` is real but the parser
    does not read it yet).
    """
    if civilians + military == 0:
        return "none"
    splits = civilians > 0 and military > 0 and civilians + military >= 3
    if splits and v.tolls in ("split", "two_words") and zone == "sdf_areas":
        return v.tolls
    if splits and v.tolls == "split_all":
        return "split"
    return "parts"


def strikes_in_lines(zone: Zone, v: Variations) -> bool:
    """Whether ISIS members killed by air strikes are repeated in the area lines.

    Not when the zone also states ISIS members killed in clashes: area lines would not say which of the two
    tolls their ISIS dead belong to.
    """
    clashes = keeps_optional(v) and zone.isis_killed_clashes > 0
    return shows_breakdown(zone, v) and v.strike_lines == "in_lines" and not clashes


def keeps_optional(v: Variations) -> bool:
    """Whether optional paragraphs (arrests, leader, Daraa, injured, clashes) are written."""
    return v.sections == "all"


def states_subcounts(v: Variations) -> bool:
    """Whether children/women among civilians and leaders among the arrested are named."""
    return v.subcounts == "stated"


def ops_offset(truth: MonthTruth, zone: Zone, v: Variations) -> int:
    """The deliberate slip of ``arithmetic=off``: the SDF operations total one more than its lines."""
    if (v.arithmetic == "off" and v.qualifiers == "exact" and zone.name == "sdf_areas"
            and shows_breakdown(zone, v)):
        return 1
    return 0


def states_cumulative(truth: MonthTruth, v: Variations) -> bool:
    """Whether running totals are written (the truth must carry them)."""
    return v.cumulative == "stated" and truth.cumulative is not None


def headline_scope(truth: MonthTruth) -> str:
    """Zone of the title's operations count: ``all`` when both zones are reported, else that zone."""
    zones = truth.zones()
    return "all" if len(zones) == 2 else zones[0].name


def headline_killed_badia(body_total: int) -> tuple[int, str] | None:
    """The subtitle's rounded Badia military toll (``نحو 60``), or None when it is too small to round."""
    if body_total < 5:
        return None
    return qualified(body_total, "approximately")


# --- rows ---------------------------------------------------------------------------------------------------

def _area_rows(zone: Zone, area: Area, v: Variations) -> list[Row]:
    name, mil = zone.name, zone.military_group
    rows = [row(name, "breakdown", "operations", "all", area.operations, admin1=area.admin1)]
    if area.military:
        rows.append(row(name, "breakdown", "killed", mil, area.military, admin1=area.admin1))
    if area.civilians:
        rows.append(row(name, "breakdown", "killed", "civilians", area.civilians, admin1=area.admin1))
        rows += _subcount_rows(name, "breakdown", area, v, admin1=area.admin1)
    if area.isis_killed and strikes_in_lines(zone, v):
        rows.append(row(name, "breakdown", "killed", "isis", area.isis_killed, admin1=area.admin1,
                        perpetrator=zone.strikes_by))
    return rows


def _subcount_rows(zone: str, level: str, counts, v: Variations, admin1: str | None = None) -> list[Row]:
    if not states_subcounts(v):
        return []
    rows = []
    for subgroup in ("children", "women"):
        value = getattr(counts, subgroup)
        if value:
            rows.append(row(zone, level, "killed", "civilians", value, admin1=admin1, subgroup=subgroup))
    return rows


class _Totals(NamedTuple):
    children: int
    women: int


def zone_rows(truth: MonthTruth, zone: Zone, v: Variations) -> list[Row]:
    """Rows of one zone: totals, area lines, strikes, clashes, arrests, leader killed."""
    name, mil_group = zone.name, zone.military_group
    ops_value, ops_q = qualified(zone.total("operations") + ops_offset(truth, zone, v), v.qualifiers)
    rows = [row(name, "total", "operations", "all", ops_value, qualifier=ops_q)]
    civ, mil = zone.total("civilians"), zone.total("military")
    kind = toll_kind(civ, mil, v, name)
    if kind in ("split", "two_words"):
        value, q = qualified(civ + mil, v.qualifiers)
        rows.append(row(name, "total", "killed", "all", value, qualifier=q))
        rows.append(row(name, "total", "killed", "civilians", civ))
        rows.append(row(name, "total", "killed", mil_group, mil))
    elif kind == "parts":
        for group, value in (("civilians", civ), (mil_group, mil)):
            if value:
                stated, q = qualified(value, v.qualifiers)
                rows.append(row(name, "total", "killed", group, stated, qualifier=q))
    if civ:
        rows += _subcount_rows(name, "total", _Totals(zone.total("children"), zone.total("women")), v)
    if keeps_optional(v) and zone.injured:
        rows.append(row(name, "total", "injured", "all", zone.injured))
    strikes = zone.total("isis_killed")
    if strikes:
        stated, q = qualified(strikes, v.qualifiers)
        rows.append(row(name, "total", "killed", "isis", stated, perpetrator=zone.strikes_by, qualifier=q))
    if keeps_optional(v) and zone.isis_killed_clashes:
        rows.append(row(name, "total", "killed", "isis", zone.isis_killed_clashes,
                        perpetrator=zone.clash_perpetrator))
    if shows_breakdown(zone, v):
        for area in zone.areas:
            rows += _area_rows(zone, area, v)
    if keeps_optional(v) and zone.arrests is not None:
        arrests = zone.arrests
        single = len(arrests.places) == 1
        level, admin1 = ("breakdown", arrests.places[0]) if single else ("total", None)
        stated, q = qualified(arrests.value, v.qualifiers) if not single else (arrests.value, "exact")
        rows.append(row(name, level, "arrested", "isis", stated, admin1=admin1,
                        perpetrator=arrests.perpetrator, qualifier=q))
        if arrests.leaders and states_subcounts(v):
            rows.append(row(name, level, "arrested", "isis", arrests.leaders, admin1=admin1,
                            subgroup="leaders", perpetrator=arrests.perpetrator))
    if keeps_optional(v) and zone.leader is not None:
        rows.append(row(name, "breakdown", "killed", "isis", 1, admin1=zone.leader.admin1,
                        perpetrator=zone.leader.perpetrator))
    return rows


def cumulative_rows(truth: MonthTruth, v: Variations) -> list[Row]:
    """Running totals since the truth's ``since`` date, for the zones the report covers."""
    if not states_cumulative(truth, v):
        return []
    c = truth.cumulative
    rows = []
    if truth.sdf is not None:
        rows.append(row("sdf_areas", "total", "operations", "all", c.sdf_operations, since=c.since))
        rows.append(row("sdf_areas", "total", "killed", "all", c.sdf_killed, since=c.since))
    if truth.badia is not None:
        rows.append(row("badia", "total", "operations", "all", c.badia_operations, since=c.since))
        rows.append(row("badia", "total", "killed", "government_forces", c.badia_military, since=c.since))
    return [r for r in rows if r.value > 0]


def _stated(rows: list[Row], zone: str, measure: str, groups: tuple[str, ...]) -> tuple[int, str] | None:
    """Sum and qualifier of a zone's own total rows of ``measure`` for ``groups`` (None if none)."""
    found = [r for r in rows if r.zone == zone and r.level == "total" and r.scope == "report"
             and r.measure == measure and r.group in groups and r.subgroup is None
             and r.perpetrator == "isis"]
    if not found:
        return None
    qualifiers = {r.qualifier for r in found} - {"exact"}
    return sum(r.value for r in found), (qualifiers.pop() if qualifiers else "exact")


def headline_rows(truth: MonthTruth, v: Variations, body: list[Row]) -> list[Row]:
    """Figures of the title (operations count) and of the title block's subtitle, taken from the body.

    Args:
        truth: The month's ground truth.
        v: The variation choices.
        body: The body's rows, so a headline repeats or sums what the body states.

    Returns:
        The headline rows (none for ``headline=none``).
    """
    rows = []
    if v.headline == "title":
        parts = [_stated(body, z.name, "operations", ("all",)) for z in truth.zones()]
        qualifiers = {q for _, q in parts} - {"exact"}
        rows.append(row(headline_scope(truth), "headline", "operations", "all", sum(n for n, _ in parts),
                        qualifier=qualifiers.pop() if qualifiers else "exact"))
    if v.headline == "title_block":
        if truth.badia is not None:
            stated = _stated(body, "badia", "killed", ("government_forces",))
            badia = headline_killed_badia(stated[0]) if stated else None
            if badia is not None:
                rows.append(row("badia", "headline", "killed", "government_forces", badia[0],
                                qualifier=badia[1]))
        if truth.sdf is not None:
            killed = (_stated(body, "sdf_areas", "killed", ("all",))
                      or _stated(body, "sdf_areas", "killed", ("civilians", "sdf")))
            if killed:
                rows.append(row("sdf_areas", "headline", "killed", "all", killed[0]))
            ops = _stated(body, "sdf_areas", "operations", ("all",))
            rows.append(row("sdf_areas", "headline", "operations", "all", ops[0], qualifier=ops[1]))
    return rows


def daraa_rows(truth: MonthTruth, v: Variations) -> list[Row]:
    """The Daraa line, a breakdown figure of ``government_areas``."""
    if truth.daraa is None or not keeps_optional(v):
        return []
    d = truth.daraa
    return [row("government_areas", "breakdown", "killed", d.group, d.value, admin1="Daraa",
                perpetrator=d.perpetrator)]


def expected_rows(truth: MonthTruth, v: Variations) -> list[Row]:
    """Every figure the report written from ``truth`` with ``v`` states, in no particular order.

    Args:
        truth: The month's ground truth.
        v: The variation choices (only the content-changing ones matter here).

    Returns:
        The figure rows, to compare with parsed figures as a multiset.
    """
    rows = []
    for zone in truth.zones():
        rows += zone_rows(truth, zone, v)
    rows = headline_rows(truth, v, rows) + rows
    rows += cumulative_rows(truth, v)
    rows += daraa_rows(truth, v)
    return rows


def expected_failed_checks(truth: MonthTruth, v: Variations) -> set[tuple[str, str, str, str]]:
    """The ``(kind, zone, measure, group)`` checks a report deliberately fails (``arithmetic=off``)."""
    failed = set()
    for zone in truth.zones():
        if ops_offset(truth, zone, v):
            failed.add(("total_vs_breakdown", zone.name, "operations", "all"))
    return failed


def as_multiset(rows: Iterable[Row]) -> Counter:
    """Rows as a multiset (a Counter of tuples)."""
    return Counter(tuple(r) for r in rows)


def compare(expected: Iterable[Row], found: Iterable[Row]) -> tuple[list[Row], list[Row], int]:
    """Missing rows, extra rows and the number of matches between two multisets of rows."""
    want, got = as_multiset(expected), as_multiset(found)
    missing = [Row(*key) for key, n in (want - got).items() for _ in range(n)]
    extra = [Row(*key) for key, n in (got - want).items() for _ in range(n)]
    matched = sum((want & got).values())
    return missing, extra, matched


class SectionWriter(Protocol):
    """What a language's renderer writes: the pieces ``paragraphs`` puts in order."""

    def title_block(self, body_rows: list[Row]) -> list[str]:
        """Title lines (with their own figures when the variations say so)."""

    def prose(self, key: str) -> list[str]:
        """Paragraphs of prose of one kind (intro, commentary, closing …)."""

    def zone_section(self, zone: Zone) -> list[str]:
        """A zone's headline sentence and area lines."""

    def cumulative(self, zone: Zone, again: bool) -> str:
        """A zone's running totals sentence."""

    def daraa(self) -> str:
        """The Daraa paragraph."""


def paragraphs(writer: SectionWriter, truth: MonthTruth, v: Variations) -> list[str]:
    """A report's paragraphs in order, in any language: title, prose, zone sections, running totals, Daraa.

    Which sections appear and in what order is decided here once, for every renderer.
    """
    zones = list(truth.zones())
    if v.section_order == "badia_first":
        zones.reverse()
    body_rows = [r for z in truth.zones() for r in zone_rows(truth, z, v)]
    out = writer.title_block(body_rows)
    if v.prose != "none":
        out += writer.prose("intro") + writer.prose("intro_second")
    for index, zone in enumerate(zones):
        out += writer.zone_section(zone)
        if states_cumulative(truth, v):
            out.append(writer.cumulative(zone, again=index > 0))
        if v.prose == "extended" and index == 0:
            out += writer.prose("commentary")
    if truth.daraa is not None and keeps_optional(v):
        out.append(writer.daraa())
    if v.prose != "none":
        out += writer.prose("closing")
    return out



def disguise(text: str, pattern: re.Pattern, forms: Callable[[str], list[str]], rng: random.Random) -> str:
    """Replace the words ``pattern`` finds by one of their ``forms``, as the series disguises them.

    The first occurrence of each word always, later ones with probability 0.7 (both renderers obfuscate so).
    """
    seen: set[str] = set()

    def replace(match: re.Match) -> str:
        word = match.group(0)
        first = word not in seen
        seen.add(word)
        if not first and rng.random() >= 0.7:
            return word
        return rng.choice(forms(word))

    return pattern.sub(replace, text)
