"""The real sample report, end to end: exact figures, passing checks, full coverage, the dated event."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import parse_report
from helpers.build.tables import build_tables
from helpers.check.validate import check_report
from tests.rows import COLUMNS as ROW_COLUMNS
from tests.rows import diff, expected_rows, figure_rows

ROOT = Path(__file__).parents[2]
SEED = ROOT / "data" / "raw" / "000_ce1fad4af3d1fbde.txt"
EXPECTED = ROOT / "tests" / "data" / "seed" / "000_ce1fad4af3d1fbde.expected.csv"
COLUMNS = ROW_COLUMNS[:-1]  # the seed's expected CSV has no `since` column


def _report():
    return parse_report(SEED.read_text(encoding="utf-8"), report_id=SEED.stem)


def test_raw_sample_is_the_one_received():
    assert SEED.read_bytes() == (ROOT / "tests" / "data" / "seed" / SEED.name).read_bytes()


def test_sample_figures_are_exact():
    got, expected = figure_rows(_report(), COLUMNS), expected_rows(EXPECTED, COLUMNS)
    assert got == expected, diff(got, expected)
    assert sum(got.values()) == 28


def test_sample_period_and_language():
    report = _report()
    assert (report.month, report.period_start, report.period_end) == (
        112,
        dt.date(2023, 10, 29),
        dt.date(2023, 11, 28),
    )
    assert report.language == "ar" and report.period_kind == "caliphate_month"


def test_sample_checks_all_pass_and_nothing_is_unexplained():
    report = _report()
    checks = check_report(report)
    assert checks and all(c.ok for c in checks)
    kinds = {(c.kind, c.zone, c.measure, c.group, c.stated) for c in checks}
    assert ("total_vs_breakdown", "badia", "operations", "all", 19) in kinds
    assert ("total_vs_breakdown", "badia", "killed", "government_forces", 74) in kinds
    assert ("total_vs_parts", "sdf_areas", "killed", "all", 6) in kinds
    assert report.unexplained == () and report.status == "ok"


def test_badia_homs_line():
    homs = {
        (f.measure, f.group): f.value for f in _report().figures if f.zone == "badia" and f.admin1 == "Homs"
    }
    assert homs == {
        ("operations", "all"): 9,
        ("killed", "government_forces"): 53,
        ("killed", "civilians"): 1,
        ("killed", "isis"): 13,
    }


def test_leader_killed_near_shaddadi_is_an_event_with_its_date():
    report = _report()
    (event,) = report.events
    assert event.date == dt.date(2023, 11, 23)
    assert event.admin1 == "Hasakah" and event.actor == "coalition" and event.target == "isis_leader"
    assert "الشدادي" in event.sentence


def test_every_figure_traces_to_its_raw_phrase():
    text = SEED.read_text(encoding="utf-8")
    for f in _report().figures:
        assert text[f.start : f.end] in f.sentence
        assert f.sentence in text


def test_tables_validate_against_the_schemas():
    tables = build_tables([_report()])
    assert len(tables.figures) == 28 and len(tables.reports) == 1 and len(tables.events) == 1
    assert tables.reports.loc[0, "status"] == "ok"
    assert not tables.checks["ok"].eq(False).any()
