"""Reports -> the tidy DataFrames of the contract (figures, reports, checks, events, unexplained).

Tables are assembled column by column from plain Python lists (no per-row DataFrame work) and validated
with the pandera schemas of ``schemas.py`` before they leave this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter

import pandas as pd

from helpers.check.events import event_checks, single_events
from helpers.check.validate import check_report
from helpers.contract import schemas
from helpers.contract.report import Check, Report


@dataclass(frozen=True)
class Tables:
    """The tables of one corpus, always built and validated together."""

    figures: pd.DataFrame
    reports: pd.DataFrame
    checks: pd.DataFrame
    events: pd.DataFrame
    unexplained: pd.DataFrame

    def items(self):
        """Name and frame of each table, in the contract's order."""
        return (
            ("figures", self.figures),
            ("reports", self.reports),
            ("checks", self.checks),
            ("events", self.events),
            ("unexplained", self.unexplained),
        )


def _frame(columns: dict[str, list], schema) -> pd.DataFrame:
    """Build a frame with the schema's dtypes from column lists, then validate it."""
    frame = pd.DataFrame(
        {name: pd.Series(values, dtype=_dtype(schema, name)) for name, values in columns.items()}
    )
    return schema.validate(frame)


def _dtype(schema, name: str) -> str:
    dtype = str(schema.columns[name].dtype)
    return {"str": "string"}.get(dtype, dtype)


def _dates(values: Iterable) -> list:
    return [pd.Timestamp(v) if v is not None else pd.NaT for v in values]


_FIGURE_FIELDS = ("zone", "level", "admin1", "admin1_pcode", "place_ar", "measure", "group", "group_ar",
                  "subgroup", "perpetrator", "value", "qualifier", "scope", "since", "sentence", "start",
                  "end")


def _repeated(values: Iterable, counts: Sequence[int]) -> list:
    """Each report's value once per figure of the report (a report-level column of the figures table)."""
    out: list = []
    for value, n in zip(values, counts, strict=True):
        out += [value] * n
    return out


def figures_table(reports: Sequence[Report]) -> pd.DataFrame:
    """One row per extracted number, with its report's month and period.

    Report-level values are converted once per report; the figures are read field by field with one
    ``attrgetter`` call each and transposed (a chunk of reports is tabulated in a fraction of its parse time).
    """
    counts = [len(r.figures) for r in reports]
    cols = {
        "report_id": _repeated((r.report_id for r in reports), counts),
        "month": _repeated((r.month for r in reports), counts),
        "period_start": _repeated(_dates(r.period_start for r in reports), counts),
        "period_end": _repeated(_dates(r.period_end for r in reports), counts),
    }
    get = attrgetter(*_FIGURE_FIELDS)
    columns = list(zip(*(get(f) for r in reports for f in r.figures), strict=True))
    columns = columns or [()] * len(_FIGURE_FIELDS)
    cols.update(zip(_FIGURE_FIELDS, map(list, columns), strict=True))  # in the contract's column order
    cols["since"] = _dates(cols["since"])
    return _frame(cols, schemas.FIGURES)


def reports_table(reports: Sequence[Report]) -> pd.DataFrame:
    """One row per input file, failed ones included (status ``error`` with the cause)."""
    cols = {name: [getattr(r, name) for r in reports] for name in ("report_id", "path", "sha256", "month")}
    cols["period_start"] = _dates(r.period_start for r in reports)
    cols["period_end"] = _dates(r.period_end for r in reports)
    cols["period_kind"] = [r.period_kind for r in reports]
    cols["month_numbering"] = [r.month_numbering if r.month is not None else None for r in reports]
    cols["language"] = [r.language if r.status != "error" else None for r in reports]
    cols["n_figures"] = [len(r.figures) for r in reports]
    cols["n_unexplained_numbers"] = [len(r.unexplained) for r in reports]
    cols["status"] = [r.status for r in reports]
    cols["error"] = [r.error for r in reports]
    cols["synthetic"] = [bool(r.synthetic) for r in reports]
    cols["same_as"] = [r.same_as for r in reports]
    cols["source_url"] = [r.source_url for r in reports]
    cols["retrieved_at"] = [pd.Timestamp(r.retrieved_at) if r.retrieved_at is not None else pd.NaT
                            for r in reports]
    cols["archived_url"] = [r.archived_url for r in reports]
    return _frame(cols, schemas.REPORTS)


def checks_frame(checks: Sequence[Check]) -> pd.DataFrame:
    """The checks table from already computed checks."""
    cols = {
        name: [getattr(c, name) for c in checks]
        for name in ("report_id", "kind", "zone", "measure", "group", "stated", "computed", "ok", "detail")
    }
    return _frame(cols, schemas.CHECKS)


def checks_table(reports: Sequence[Report]) -> pd.DataFrame:
    """One row per consistency check of every parsed report, events outside their period included."""
    usable = [r for r in reports if r.status != "error"]
    return checks_frame([c for r in usable for c in (*check_report(r), *event_checks(r))])


def events_table(reports: Sequence[Report]) -> pd.DataFrame:
    """One row per notable single event; running totals the parser dated are left out (``single_events``)."""
    rows = [(r, e) for r in reports for e in single_events(r)]
    cols = {"report_id": [r.report_id for r, _ in rows], "date": _dates(e.date for _, e in rows)}
    for name in ("admin1", "place_ar", "actor", "target", "description_ar", "sentence"):
        cols[name] = [getattr(e, name) for _, e in rows]
    return _frame(cols, schemas.EVENTS)


def unexplained_table(reports: Sequence[Report]) -> pd.DataFrame:
    """One row per number of a report that became no figure and is no known non-figure, with its sentence."""
    rows = [(r, u) for r in reports for u in r.unexplained]
    cols = {"report_id": [r.report_id for r, _ in rows]}
    for name in ("text", "sentence", "start", "end"):
        cols[name] = [getattr(u, name) for _, u in rows]
    return _frame(cols, schemas.UNEXPLAINED)


def build_tables(reports: Sequence[Report]) -> Tables:
    """All the tables of a list of reports, sorted by report id so the output is stable."""
    ordered = sorted(reports, key=lambda r: r.report_id)
    return Tables(
        figures_table(ordered),
        reports_table(ordered),
        checks_table(ordered),
        events_table(ordered),
        unexplained_table(ordered),
    )
