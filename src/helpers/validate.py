"""Consistency checks of a parsed report against its own arithmetic.

Three kinds, all data (``Check`` rows), never prints: a zone's stated total against the sum of its area lines
(``total_vs_breakdown``), a toll against the groups it is split into (``total_vs_parts``), and a title or
headline number against the body (``headline_vs_body``). A check that cannot be made writes no row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from helpers.report import Check, Figure, Report

_DEATH_MEASURES = ("killed", "injured", "casualties")


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


def total_vs_breakdown(report: Report) -> list[Check]:
    """Each zone total against the sum of the area lines of the same zone, measure and group.

    Areas that do not name a group count as zero for it, except for undivided tolls (group ``all``): there the
    check is made only when every area with a toll states an undivided one.
    """
    areas: dict[tuple, list[Figure]] = defaultdict(list)
    for f in _own(report.figures, "breakdown"):
        areas[(f.zone, f.measure)].append(f)
    checks = []
    for total in _own(report.figures, "total"):
        lines = areas.get((total.zone, total.measure), [])
        same = [f for f in lines if f.group == total.group and f.perpetrator == total.perpetrator]
        if not same:
            continue
        if total.group == "all" and total.measure != "operations":
            if {f.admin1 for f in lines} != {f.admin1 for f in same}:
                continue
        detail = " + ".join(f"{f.admin1} {f.value}" for f in same)
        checks.append(_check(report, "total_vs_breakdown", total, sum(f.value for f in same), detail))
    return checks


def total_vs_parts(report: Report) -> list[Check]:
    """Each undivided toll (group ``all``) against the groups it is split into at the same place and scope."""
    checks = []
    by_place: dict[tuple, list[Figure]] = defaultdict(list)
    for f in report.figures:
        if f.subgroup is None and f.measure in _DEATH_MEASURES:
            by_place[(f.zone, f.level, f.admin1, f.measure, f.scope, f.since, f.sentence)].append(f)
    for group in by_place.values():
        tolls = [f for f in group if f.group == "all"]
        parts = [f for f in group if f.group not in ("all", "isis")]
        if len(tolls) == 1 and parts:
            detail = " + ".join(f"{f.group} {f.value}" for f in parts)
            checks.append(_check(report, "total_vs_parts", tolls[0], sum(f.value for f in parts), detail))
    return checks


def _body_value(headline: Figure, body: Sequence[Figure]) -> int | None:
    """What the body says for a headline number, or None when the body does not state it."""
    same = [
        f
        for f in body
        if f.measure == headline.measure
        and f.group == headline.group
        and (headline.zone == "all" or f.zone == headline.zone)
    ]
    direct = [f for f in same if f.zone == headline.zone]
    if direct:
        return direct[0].value
    if headline.zone != "all":
        if headline.group == "all" and headline.measure != "operations":
            parts = [
                f
                for f in body
                if f.zone == headline.zone and f.measure == headline.measure and f.group != "isis"
            ]
            return sum(f.value for f in parts) or None
        return None
    zones = sorted({f.zone for f in body if f.measure == headline.measure})
    total = 0
    for zone in zones:
        in_zone = [f for f in body if f.zone == zone and f.measure == headline.measure]
        undivided = [f for f in in_zone if f.group == headline.group]
        if undivided:
            total += undivided[0].value
        elif headline.group == "all":
            include_isis = headline.perpetrator == "unknown"
            total += sum(f.value for f in in_zone if include_isis or f.group != "isis")
    return total or None


def headline_vs_body(report: Report) -> list[Check]:
    """Each title or headline number against the body figure (or zone sum) it summarises."""
    body = _own(report.figures, "total")
    checks = []
    for headline in _own(report.figures, "headline"):
        computed = _body_value(headline, body)
        if computed is not None:
            checks.append(_check(report, "headline_vs_body", headline, computed, "body totals"))
    return checks


def check_report(report: Report) -> list[Check]:
    """Every consistency check that the report's figures allow."""
    return total_vs_breakdown(report) + total_vs_parts(report) + headline_vs_body(report)
