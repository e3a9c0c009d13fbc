"""Round trips and parser accuracy: render synthetic reports, parse them, compare figures with the truth.

``round_trip`` checks one report; ``evaluate`` renders N reports with random truths and variations and
counts, for every variation family and option, how many expected figures the parser found (recall) and how
many of the figures it found were expected (precision). Pure functions of their inputs and seed.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import pandas as pd

from helpers.check.validate import check_report
from helpers.contract.report import Report
from helpers.extract.parse import parse_report
from helpers.synth.generate import generate_truth
from helpers.synth.render import SyntheticReport
from helpers.synth.stated import Row, compare
from helpers.synth.variations import default_options, families, sample_variations

log = logging.getLogger(__name__)


def rows_of(report: Report) -> list[Row]:
    """A parsed report's figures in the comparison vocabulary."""
    return [Row(f.zone, f.level, f.admin1, f.measure, f.group, f.subgroup, f.perpetrator, f.value,
                f.qualifier, f.scope, f.since.isoformat() if f.since else None) for f in report.figures]


@dataclass(frozen=True)
class RoundTrip:
    """The outcome of parsing one synthetic report against its truth."""

    report: SyntheticReport
    missing: tuple[Row, ...] = ()
    extra: tuple[Row, ...] = ()
    matched: int = 0
    unexplained: tuple[str, ...] = ()
    unexpected_checks: tuple[str, ...] = ()
    error: str | None = None
    month: str | None = None

    @property
    def ok(self) -> bool:
        """Exactly the truth's figures and month, nothing unexplained, only the deliberate check failures."""
        return not (self.missing or self.extra or self.unexplained or self.unexpected_checks or self.error
                    or self.month)

    def explain(self) -> str:
        """A readable account of a failed round trip: variations, text, and what went wrong."""
        lines = [f"variations: {self.report.variations.spec() or '(plainest)'}  seed: {self.report.seed}",
                 "--- text ---", self.report.text.rstrip(), "--- differences ---"]
        if self.error:
            lines.append(f"parse error: {self.error}")
        if self.month:
            lines.append(f"period      {self.month}")
        lines += [f"missing     {r.describe()}" for r in self.missing]
        lines += [f"extra       {r.describe()}" for r in self.extra]
        lines += [f"unexplained {u}" for u in self.unexplained]
        lines += [f"check       {c}" for c in self.unexpected_checks]
        return "\n".join(lines)


def round_trip(report: SyntheticReport) -> RoundTrip:
    """Parse a rendered synthetic report and compare it with its expected rows and checks."""
    try:
        parsed = parse_report(report.text, report_id=report.report_id)
    except Exception as exc:  # a crash is a finding, reported with the text that caused it
        log.debug("parser failed on %s", report.report_id, exc_info=True)
        return RoundTrip(report, missing=report.rows, error=f"{type(exc).__name__}: {exc}")
    if parsed.status == "error":
        return RoundTrip(report, missing=report.rows, error=parsed.error or "status error")
    missing, extra, matched = compare(report.rows, rows_of(parsed))
    period = (parsed.period_start, parsed.period_end)
    wrong_period = parsed.month != report.truth.month or period != report.truth.period
    failed = {(c.kind, c.zone, c.measure, c.group) for c in check_report(parsed) if not c.ok}
    unexpected = sorted(failed ^ set(report.failed_checks))
    checks = tuple(f"{'failed' if k in failed else 'passed'} {' '.join(k)}" for k in unexpected)
    month = (f"month {parsed.month} ({parsed.period_start} - {parsed.period_end}), expected "
             f"{report.truth.month}" if wrong_period else None)
    return RoundTrip(report, tuple(missing), tuple(extra), matched,
                     tuple(f"{u.text} in: {u.sentence}" for u in parsed.unexplained), checks, month=month)


def synthetic_sample(n: int, seed: int = 0, options: dict[str, tuple[str, ...]] | None = None,
                     months: Sequence[int] = tuple(range(66, 136))) -> Iterable[SyntheticReport]:
    """``n`` rendered reports with random months, truths and variations (reproducible from ``seed``)."""
    rng = random.Random(f"helpers.synth.evaluate:{seed}")
    for index in range(n):
        month = rng.choice(months)
        truth = generate_truth(month, seed=rng.randrange(1 << 30))
        variations = sample_variations(rng, options)
        yield SyntheticReport.build(truth, variations, seed=rng.randrange(1 << 30),
                                    report_id=f"synthetic_eval_{index:05d}")


@dataclass
class Tally:
    """Running counts of one family option (or of everything)."""

    reports: int = 0
    exact_reports: int = 0
    expected: int = 0
    found: int = 0
    matched: int = 0
    errors: int = 0
    unexplained: int = 0
    failed_checks: int = 0
    wrong_month: int = 0

    def add(self, result: RoundTrip) -> None:
        """Count one round trip."""
        self.reports += 1
        self.exact_reports += result.ok
        self.expected += len(result.report.rows)
        self.found += result.matched + len(result.extra)
        self.matched += result.matched
        self.errors += result.error is not None
        self.unexplained += len(result.unexplained)
        self.failed_checks += len(result.unexpected_checks)
        self.wrong_month += result.month is not None

    def row(self) -> dict:
        """Counts plus precision and recall (1.0 when there was nothing to find or nothing found)."""
        precision = self.matched / self.found if self.found else 1.0
        recall = self.matched / self.expected if self.expected else 1.0
        return {"reports": self.reports, "exact_reports": self.exact_reports, "expected": self.expected,
                "found": self.found, "matched": self.matched, "precision": precision, "recall": recall,
                "errors": self.errors, "wrong_month": self.wrong_month, "unexplained": self.unexplained,
                "check_surprises": self.failed_checks}


@dataclass
class Evaluation:
    """Results of a synth-eval run: one tally for everything and one per (family, option)."""

    overall: Tally = field(default_factory=Tally)
    by_option: dict[tuple[str, str], Tally] = field(default_factory=dict)
    failures: list[RoundTrip] = field(default_factory=list)

    def add(self, result: RoundTrip, keep_failures: int) -> None:
        """Count one round trip under every option it used."""
        self.overall.add(result)
        for key in result.report.variations.items():
            self.by_option.setdefault(key, Tally()).add(result)
        if not result.ok and len(self.failures) < keep_failures:
            self.failures.append(result)

    def table(self) -> pd.DataFrame:
        """One row per (family, option) plus an ``all`` row, in family order."""
        order = {name: i for i, name in enumerate(families())}
        rows = [{"family": "all", "option": "", **self.overall.row()}]
        for (family, option), tally in sorted(self.by_option.items(),
                                              key=lambda kv: (order[kv[0][0]],
                                                              families()[kv[0][0]].index(kv[0][1]))):
            rows.append({"family": family, "option": option, **tally.row()})
        return pd.DataFrame(rows)


def evaluate(n: int, seed: int = 0, options: dict[str, tuple[str, ...]] | None = None, *,
             jobs: int = 1, keep_failures: int = 3) -> Evaluation:
    """Render ``n`` synthetic reports, parse each, and tally precision/recall per variation option.

    Args:
        n: Number of reports.
        seed: Seed of months, truths, variations and wording.
        options: Allowed options per family (the default set when None).
        jobs: Worker processes for parsing (1: in this process).
        keep_failures: How many failed round trips to keep for display.

    Returns:
        The evaluation, with a table per option and a few failures to read.
    """
    evaluation = Evaluation()
    reports = synthetic_sample(n, seed, options or default_options())
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = pool.map(round_trip, reports, chunksize=16)
            for result in results:
                evaluation.add(result, keep_failures)
    else:
        for report in reports:
            evaluation.add(round_trip(report), keep_failures)
    return evaluation


