"""The conformance fixtures: exact rows, no unexplained number, checks as built, errors for non-reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import ReportError, parse_report
from helpers.build.corpus import read_report
from helpers.build.ingest import Source, ingest
from helpers.check.validate import check_report
from tests.rows import diff, expected_rows, figure_rows

CONFORMANCE = Path(__file__).parents[1] / "data" / "conformance"
SOURCES = sorted(p for p in CONFORMANCE.iterdir() if p.suffix in (".txt", ".html"))
REPORTS = [p for p in SOURCES if not p.name.startswith(("32_", "33_", "34_"))]
NOT_REPORTS = [p for p in SOURCES if p.name.startswith(("32_", "33_", "34_"))]


def _expected(path: Path) -> Path:
    return path.with_name(path.stem + ".expected.csv")


def test_every_fixture_is_collected():
    assert len(REPORTS) == 31 and len(NOT_REPORTS) == 3


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_fixture_rows_are_exact(path):
    report = parse_report(read_report(path), report_id=path.stem)
    got, expected = figure_rows(report), expected_rows(_expected(path))
    assert got == expected, diff(got, expected)


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_fixture_has_no_unexplained_numbers(path):
    report = parse_report(read_report(path), report_id=path.stem)
    assert [u.text for u in report.unexplained] == []


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_fixture_checks_pass_except_the_deliberate_ones(path):
    report = parse_report(read_report(path), report_id=path.stem)
    failed = sorted(
        (c.kind, c.zone, c.measure, c.group, c.stated, c.computed) for c in check_report(report) if not c.ok
    )
    if path.name.startswith("21_"):
        assert failed == [
            ("total_vs_breakdown", "sdf_areas", "killed", "sdf", 7, 6),
            ("total_vs_breakdown", "sdf_areas", "operations", "all", 13, 12),
        ]
        assert report.status == "warnings"
    else:
        assert failed == []
        assert report.status == "ok"


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_fixture_figures_point_at_their_raw_numbers(path):
    text = read_report(path)
    report = parse_report(text, report_id=path.stem)
    for f in report.figures:
        phrase = text[f.start : f.end]
        assert phrase.strip() and phrase in f.sentence, (f, phrase)


@pytest.mark.parametrize("path", NOT_REPORTS, ids=lambda p: p.stem)
def test_non_reports_get_a_clear_error_naming_the_file(path):
    with pytest.raises(ReportError, match=path.stem):
        parse_report(read_report(path), report_id=path.stem)


@pytest.mark.parametrize("path", NOT_REPORTS, ids=lambda p: p.stem)
def test_non_reports_become_error_rows_without_figures(path):
    report = ingest(path.read_bytes(), Source(path.name, path.stem, False), parse_report)
    assert report.status == "error" and report.figures == ()
    assert path.stem in report.error
