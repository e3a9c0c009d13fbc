"""An Arabic report and its English version of the same month: link them and check that they agree.

The observatory publishes most monthly reports in Arabic and in English. Both parse into the same figures, so
a month present in both languages is linked (``same_as`` on the non-preferred version names the preferred one,
Arabic by default), counted once in the analyses, and checked figure by figure: one ``translation_agrees``
check per figure key the two versions share (``Figure.key()``), with the preferred version's value as
``stated`` and the other's as ``computed``. A disagreement is a finding about the source, never a reason to
drop a figure.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

import pandas as pd

from helpers.contract.report import Check, Figure, Report, preference

log = logging.getLogger(__name__)

KIND = "translation_agrees"


def pair_key(report: Report) -> tuple | None:
    """The month a report covers, as a linking key, or None when it cannot be linked (failed, no period)."""
    if report.status == "error" or report.period_start is None:
        return None
    return (report.synthetic, report.month, report.period_start, report.period_end)


def _canonical(reports: Sequence[Report]) -> Report:
    """The one report of a language that stands for the month (``report.preference``)."""
    return min(reports, key=preference)


def link_translations(reports: Sequence[Report], preferred: str = "ar") -> list[Report]:
    """Link the versions of each month present in both languages.

    Every report of another language than ``preferred`` that covers the same month (and period, and is real or
    synthetic alike) gets ``same_as`` set to the preferred-language report of that month. Reports already
    marked     (``same_as`` set, e.g. duplicates) and failed reports are left as they are.

    Args:
        reports: Parsed reports, in any order.
        preferred: The language whose version the analyses use (``"ar"`` or ``"en"``).

    Returns:
        The reports in the same order, linked ones replaced by copies with ``same_as`` set.
    """
    by_month: dict[tuple, dict[str, list[Report]]] = defaultdict(lambda: defaultdict(list))
    for r in reports:
        key = pair_key(r)
        if key is not None and r.same_as is None:
            by_month[key][r.language].append(r)
    links: dict[str, str] = {}
    for key, languages in by_month.items():
        if preferred not in languages or len(languages) < 2:
            continue
        kept = _canonical(languages[preferred])
        for language, versions in languages.items():
            if language != preferred:
                links.update({v.report_id: kept.report_id for v in versions})
                log.debug(
                    "month %s: %s linked to %s", key[1], [v.report_id for v in versions], kept.report_id
                )
    return [r.with_provenance(same_as=links[r.report_id]) if r.report_id in links else r for r in reports]


def translation_pairs(reports: Sequence[Report]) -> list[tuple[Report, Report]]:
    """``(preferred, translation)`` pairs of linked reports in different languages, by translation id."""
    by_id = {r.report_id: r for r in reports}
    pairs = []
    for r in sorted(reports, key=lambda r: r.report_id):
        original = by_id.get(r.same_as) if r.same_as else None
        if original is not None and original.language != r.language:
            pairs.append((original, r))
    return pairs


def _values(figures: Sequence[Figure]) -> dict[tuple, list[Figure]]:
    grouped: dict[tuple, list[Figure]] = defaultdict(list)
    for f in figures:
        grouped[f.key()].append(f)
    return grouped


def describe_key(key: tuple) -> str:
    """A figure key in words: ``breakdown Homs killed government_forces``, with subgroup, agent and scope."""
    zone, level, admin1, measure, group, subgroup, perpetrator, scope, since = key
    where = admin1 or zone
    text = f"{level} {where} {measure} {group}" + (f"/{subgroup}" if subgroup else "")
    if perpetrator != "isis":
        text += f" by {perpetrator}"
    if scope == "cumulative":
        text += f" since {since.isoformat() if since else '?'}"
    return text


def compare_versions(original: Report, translation: Report) -> list[Check]:
    """One ``translation_agrees`` check per figure key both versions state.

    Args:
        original: The preferred version (its values are ``stated``).
        translation: The other version (its values are ``computed``).

    Returns:
        Checks under the translation's report id, in key order. A key stated several times (two rows that
        differ only in value) compares the sorted values and reports their sums.
    """
    ours, theirs = _values(original.figures), _values(translation.figures)
    checks = []
    for key in sorted(set(ours) & set(theirs), key=lambda k: tuple("" if v is None else str(v) for v in k)):
        a = sorted(f.value for f in ours[key])
        b = sorted(f.value for f in theirs[key])
        shown_a = "+".join(map(str, a))
        shown_b = "+".join(map(str, b))
        detail = (
            f"{describe_key(key)} ({original.language} {shown_a}, {translation.language} {shown_b}; "
            f"{original.report_id} vs {translation.report_id})"
        )
        sample = ours[key][0]
        checks.append(
            Check(
                translation.report_id,
                KIND,
                sample.zone,
                sample.measure,
                sample.group,
                sum(a),
                sum(b),
                a == b,
                detail,
            )
        )
    return checks


def translation_checks(reports: Sequence[Report]) -> list[Check]:
    """Every ``translation_agrees`` check of the linked pairs among ``reports`` (after linking)."""
    return [
        c
        for original, translation in translation_pairs(reports)
        for c in compare_versions(original, translation)
    ]


def figures_from_table(figures: pd.DataFrame, report_ids: Iterable[str]) -> dict[str, list[Figure]]:
    """The figures of some reports rebuilt from the ``figures`` table (enough of them to compare versions)."""
    wanted = set(report_ids)
    rows = figures[figures["report_id"].isin(wanted)]
    rebuilt: dict[str, list[Figure]] = {rid: [] for rid in wanted}
    for row in rows.itertuples(index=False):
        since = None if pd.isna(row.since) else row.since.date()
        rebuilt[row.report_id].append(Figure(
            zone=row.zone, level=row.level, measure=row.measure, group=row.group, value=int(row.value),
            perpetrator=row.perpetrator, qualifier=row.qualifier, scope=row.scope,
            subgroup=None if pd.isna(row.subgroup) else row.subgroup, since=since,
            admin1=None if pd.isna(row.admin1) else row.admin1))
    return rebuilt


def translation_checks_from_table(figures: pd.DataFrame, reports: Sequence[Report]) -> list[Check]:
    """``translation_checks`` for linked reports whose figures are in a ``figures`` table (a corpus build)."""
    pairs = translation_pairs(reports)
    stored = figures_from_table(figures, {r.report_id for pair in pairs for r in pair})
    return [c for original, translation in pairs
            for c in compare_versions(replace(original, figures=tuple(stored[original.report_id])),
                                      replace(translation, figures=tuple(stored[translation.report_id])))]
