"""Compare parsed figures with expected CSV rows (the conformance and seed fixtures' format)."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from helpers.contract.report import Report

COLUMNS = (
    "zone",
    "level",
    "admin1",
    "measure",
    "group",
    "subgroup",
    "perpetrator",
    "value",
    "qualifier",
    "scope",
    "since",
)


def _cell(value) -> str:
    return "" if value is None else str(value)


def figure_rows(report: Report, columns=COLUMNS) -> Counter:
    """The report's figures as a multiset of string rows on the given columns."""
    return Counter(tuple(_cell(getattr(f, c)) for c in columns) for f in report.figures)


def expected_rows(path: Path, columns=COLUMNS) -> Counter:
    """Rows of an expected CSV on the given columns (a missing column reads as empty)."""
    with path.open(encoding="utf-8") as handle:
        return Counter(tuple(row.get(c) or "" for c in columns) for row in csv.DictReader(handle))


def diff(got: Counter, expected: Counter) -> str:
    """A readable account of missing and extra rows."""
    lines = [f"missing {','.join(r)}" for r in (expected - got).elements()]
    lines += [f"extra   {','.join(r)}" for r in (got - expected).elements()]
    return "\n".join(lines)


def rows_of_text(rows: str, columns=COLUMNS) -> Counter:
    """Expected rows written one per line as comma-separated cells (missing trailing cells read as empty)."""
    out = Counter()
    for line in rows.strip().splitlines():
        cells = [c.strip() for c in line.split(",")]
        cells += [""] * (len(columns) - len(cells))
        if len(cells) != len(columns):
            raise ValueError(f"bad expected row {line!r}")
        out[tuple(cells)] += 1
    return out


def assert_case_rows(case: dict) -> None:
    """A fixture case (``text``, ``rows``, ``id``) parses to exactly its rows."""
    from helpers import parse_report

    got, expected = figure_rows(parse_report(case["text"], case["id"])), rows_of_text(case["rows"])
    assert got == expected, "\n" + diff(got, expected)
