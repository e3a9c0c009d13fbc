"""The families real 2019-2025 texts use (FORMAT-VARIATIONS.md §6-8), one fixture each, parsed exactly.

The fixtures live in ``tests/data/families/real_texts.toml``: short texts written for this project in its own
words, numbers and places changed from anything published, each with the rows a careful reader gives it on
the columns of ``tests.rows.COLUMNS`` and, where the case is about the period, the month and period kind.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from helpers import parse_report
from tests.rows import assert_case_rows

FIXTURES = Path(__file__).parents[1] / "data" / "families" / "real_texts.toml"
CASES = tomllib.loads(FIXTURES.read_text(encoding="utf-8"))["case"]


def test_fixture_ids_are_unique_and_every_case_names_its_family():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
    assert all(c.get("family") for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_rows_are_exact(case):
    assert_case_rows(case)


@pytest.mark.parametrize("case", [c for c in CASES if "month" in c or "period_kind" in c],
                         ids=lambda c: c["id"])
def test_period_is_what_the_text_states(case):
    report = parse_report(case["text"], case["id"])
    if "month" in case:
        assert report.month == (case["month"] or None)
    if "period_kind" in case:
        assert report.period_kind == case["period_kind"]
