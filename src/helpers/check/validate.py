"""Consistency checks of a parsed report against its own arithmetic.

Three kinds, all data (``Check`` rows), never prints: a zone's stated total against the sum of its area lines
(``total_vs_breakdown``), a toll against the groups it is split into (``total_vs_parts``), and a title or
headline number against the body (``headline_vs_body``). A check that cannot be made writes no row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from helpers.contract import vocab
from helpers.contract.report import Check, Figure, Report


def agrees(stated: int, computed: int, qualifier: str) -> bool:
    """Whether a computed sum bears out a stated number, honouring its qualifier (``نحو``, ``أكثر من``)."""
    if qualifier == "approximately":
        return abs(stated - computed) <= max(2, round(0.1 * stated))
    if qualifier == "at_least":
        return computed >= stated or agrees(stated, computed, "approximately")
    return stated == computed


def _own(figures: Iterable[Figure], level: str) -> list[Figure]:
    """Monthly figures of one level that count on their own (no sub-counts, no running totals)."""
    return [f for f in figures if f.level == level and f.subgroup is None and f.scope == "report"]


def _check(report: Report, kind: str, anchor: Figure, computed: int, detail: str) -> Check:
    return Check(
        report.report_id,
        kind,
        anchor.zone,
        anchor.measure,
        anchor.group,
        anchor.value,
        computed,
        agrees(anchor.value, computed, anchor.qualifier),
        detail,
    )


DETAIL_ITEMS = 12  # terms a check's detail lists before it abbreviates (a flood of lines stays readable)


def _sum_detail(terms: Sequence[str]) -> str:
    """The terms of a computed sum, joined with ``+``; past ``DETAIL_ITEMS``, the rest is counted."""
    if len(terms) <= DETAIL_ITEMS:
        return " + ".join(terms)
    return " + ".join(terms[:DETAIL_ITEMS]) + f" + … ({len(terms) - DETAIL_ITEMS} more)"


def total_vs_breakdown(report: Report) -> list[Check]:
    """Each zone total against the sum of the area lines of the same zone, measure and group.

    Areas that do not name a group count as zero for it, except for undivided tolls (group ``all``): there the
    check is made only when every area with a toll states an undivided one. Lines are indexed once, so a
    report with thousands of totals and area lines costs linear work.
    """
    areas_of_measure: dict[tuple, set] = defaultdict(set)
    lines: dict[tuple, list[Figure]] = defaultdict(list)
    for f in _own(report.figures, "breakdown"):
        areas_of_measure[(f.zone, f.measure)].add(f.admin1)
        lines[(f.zone, f.measure, f.group, f.perpetrator)].append(f)
    summaries: dict[tuple, tuple[int, str, set]] = {}
    for key, same in lines.items():
        detail = _sum_detail([f"{f.admin1} {f.value}" for f in same])
        summaries[key] = (sum(f.value for f in same), detail, {f.admin1 for f in same})
    checks = []
    for total in _own(report.figures, "total"):
        summary = summaries.get((total.zone, total.measure, total.group, total.perpetrator))
        if summary is None:
            continue
        computed, detail, areas = summary
        if total.group == "all" and total.measure != "operations":
            if areas_of_measure[(total.zone, total.measure)] != areas:
                continue
        checks.append(_check(report, "total_vs_breakdown", total, computed, detail))
    return checks


def total_vs_parts(report: Report) -> list[Check]:
    """Each undivided toll (group ``all``) against the groups it is split into at the same place and scope.

    The toll is the sentence's first figure; an undivided count after the parts is one more part ("5 civilians
    and an unidentified man"), not a toll of its own. ISIS members among the parts count when the toll
    needs them to add up.
    """
    checks = []
    by_place: dict[tuple, list[Figure]] = defaultdict(list)
    for f in report.figures:
        if f.subgroup is None and f.measure in vocab.DEATH_MEASURES:
            by_place[(f.zone, f.level, f.admin1, f.measure, f.scope, f.since, f.sentence)].append(f)
    for group in by_place.values():
        toll, *rest = sorted(group, key=lambda f: f.start)
        parts = [f for f in rest if f.group != "isis"]
        if toll.group != "all" or all(f.group == "all" for f in parts):
            continue
        if not agrees(toll.value, sum(f.value for f in parts), toll.qualifier):
            parts = rest  # a toll may count the ISIS members killed beside its victims, or leave them out
        detail = _sum_detail([f"{f.group} {f.value}" for f in parts])
        checks.append(_check(report, "total_vs_parts", toll, sum(f.value for f in parts), detail))
    return checks


class _Body:
    """The body totals of a report, indexed once so each headline is looked up in constant time."""

    def __init__(self, body: Sequence[Figure]):
        self.first: dict[tuple, int] = {}  # (zone, measure, group) -> first stated value
        self.in_zone: dict[tuple, list[Figure]] = defaultdict(list)  # (zone, measure) -> figures
        self.zones: dict[str, list[str]] = defaultdict(list)  # measure -> zones in sorted order
        for f in body:
            self.first.setdefault((f.zone, f.measure, f.group), f.value)
            self.in_zone[(f.zone, f.measure)].append(f)
        for zone, measure in sorted(self.in_zone):
            self.zones[measure].append(zone)
        self._sums: dict[tuple, int] = {}

    def group_sum(self, zone: str, measure: str, include_isis: bool) -> int:
        """Sum of a zone's figures of one measure, with or without the ones about ISIS's own losses."""
        key = (zone, measure, include_isis)
        if key not in self._sums:
            self._sums[key] = sum(f.value for f in self.in_zone.get((zone, measure), ())
                                  if include_isis or f.group != "isis")
        return self._sums[key]

    def value_for(self, headline: Figure) -> int | None:
        """What the body says for a headline number, or None when the body does not state it."""
        measure, group = headline.measure, headline.group
        if headline.zone != "all":
            direct = self.first.get((headline.zone, measure, group))
            if direct is not None:
                return direct
            if group == "all" and measure != "operations":
                return self.group_sum(headline.zone, measure, include_isis=False) or None
            return None
        direct = self.first.get(("all", measure, group))
        if direct is not None:
            return direct
        total = 0
        for zone in self.zones.get(measure, ()):
            undivided = self.first.get((zone, measure, group))
            if undivided is not None:
                total += undivided
            elif group == "all":
                total += self.group_sum(zone, measure, include_isis=headline.perpetrator == "unknown")
        return total or None


def headline_vs_body(report: Report) -> list[Check]:
    """Each title or headline number against the body figure (or zone sum) it summarises."""
    body = _Body(_own(report.figures, "total"))
    checks = []
    for headline in _own(report.figures, "headline"):
        computed = body.value_for(headline)
        if computed is not None:
            checks.append(_check(report, "headline_vs_body", headline, computed, "body totals"))
    return checks


def check_report(report: Report) -> list[Check]:
    """Every consistency check that the report's figures allow."""
    return total_vs_breakdown(report) + total_vs_parts(report) + headline_vs_body(report)
