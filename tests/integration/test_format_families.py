"""Every format family of FORMAT-VARIATIONS.md (§1-6) in short fragments written for this project.

The fragments live in ``tests/data/families/format_families.toml`` (its header describes the format): each
with the exact rows the conformance README's conventions give it and its period (and events, where the case
is about them). Parsing must produce exactly those rows, leave no number unexplained, and pass every
consistency check. The same file holds texts that are not reports of the series.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

import pytest

from helpers import NotAReportError, parse_report
from helpers.build.corpus import read_report
from helpers.check.validate import check_report
from tests.rows import diff, figure_rows, rows_of_text

DATA = Path(__file__).parents[1] / "data"
FIXTURES = tomllib.loads((DATA / "families" / "format_families.toml").read_text(encoding="utf-8"))
CASES = FIXTURES["case"]
NOT_REPORTS = {case["id"]: case["text"] for case in FIXTURES["not_a_report"]}
IDS = [c["id"] for c in CASES]


@cache
def _parse_text(text: str, report_id: str):
    return parse_report(text, report_id=report_id)


def _parse(case: dict):
    """Parse a fragment once per session (reports are immutable)."""
    return _parse_text(case["text"], case["id"])


def test_enough_fragments():
    assert len(CASES) >= 40
    assert len(set(IDS)) == len(IDS)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_rows_are_exact(case):
    got, expected = figure_rows(_parse(case)), rows_of_text(case["rows"])
    assert got == expected, "\n" + diff(got, expected)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_no_unexplained_numbers(case):
    assert [u.text for u in _parse(case).unexplained] == []


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_checks_pass(case):
    report = _parse(case)
    failed = [
        (c.kind, c.zone, c.measure, c.group, c.stated, c.computed) for c in check_report(report) if not c.ok
    ]
    assert failed == []


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_period(case):
    report = _parse(case)
    assert report.month == (case["month"] or None)
    assert report.period_kind == case["period_kind"]
    if "period" in case:
        assert (report.period_start, report.period_end) == tuple(case["period"])


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_figures_point_at_their_raw_numbers(case):
    text = case["text"]
    for f in _parse(case).figures:
        phrase = text[f.start : f.end]
        assert phrase.strip() and phrase in f.sentence and f.sentence in text, (f, phrase)


@pytest.mark.parametrize("case", [c for c in CASES if "events" in c], ids=lambda c: c["id"])
def test_events(case):
    got = sorted(((e.date, e.admin1, e.actor, e.target) for e in _parse(case).events), key=str)
    expected = [(e["date"], e["admin1"], e["actor"], e["target"]) for e in case["events"]]
    assert got == sorted(expected, key=str)


# --- a few explicit checks on top of the rows ---------------------------------------------------------------


def _case(case_id: str) -> dict:
    return next(c for c in CASES if c["id"] == case_id)


def test_dozens_get_no_row_and_no_invented_value():
    case = _case("approximate_and_bounded_with_dozens")
    report = _parse(case)
    assert [f for f in report.figures if f.measure == "injured"] == []
    assert [f.value for f in report.figures if f.measure == "arrested"] == [40]
    assert not any("عشرات" in case["text"][f.start : f.end] for f in report.figures)


def test_military_term_resolves_by_zone_and_keeps_the_arabic_term():
    report = _parse(_case("zone_headings_set_the_zone"))
    terms = {(f.zone, f.group): f.group_ar for f in report.figures if f.measure == "killed"}
    assert terms == {("badia", "government_forces"): "العسكريين", ("sdf_areas", "sdf"): "العسكريين"}


def test_a_figure_span_quotes_the_obfuscated_raw_digits():
    case = _case("digits_thousands_separators_cumulative")
    report = _parse(case)
    arrested = next(f for f in report.figures if f.measure == "arrested")
    assert "١٬٤٠٧" in case["text"][arrested.start : arrested.end]
    ops = next(f for f in report.figures if f.value == 2318)
    assert "2,318" in case["text"][ops.start : ops.end]


def test_cumulative_figures_are_checked_only_against_cumulative_parts():
    report = _parse(_case("cumulative_since_start_of_stated_year"))
    got = [(c.kind, c.zone, c.measure, c.group, c.stated, c.computed, c.ok) for c in check_report(report)]
    assert got == [("total_vs_parts", "sdf_areas", "killed", "all", 19, 19, True)]


def test_annual_report_checks():
    report = _parse(_case("annual_report"))
    got = sorted(
        (c.kind, c.zone, c.measure, c.group, c.stated, c.computed) for c in check_report(report) if c.ok
    )
    assert got == [
        ("headline_vs_body", "all", "operations", "all", 312, 312),
        ("total_vs_breakdown", "sdf_areas", "killed", "civilians", 26, 26),
        ("total_vs_breakdown", "sdf_areas", "killed", "sdf", 71, 71),
        ("total_vs_breakdown", "sdf_areas", "operations", "all", 141, 141),
        ("total_vs_parts", "sdf_areas", "killed", "all", 97, 97),
    ]


# --- §4 pages saved from the web ------------------------------------------------------------------------

SAVED_PAGE = DATA / "html" / "saved_110.html"
SAVED_PAGE_ROWS = """
badia,headline,,operations,all,,isis,9,exact,report,
badia,total,,operations,all,,isis,9,exact,report,
badia,total,,killed,government_forces,,isis,14,exact,report,
"""


def test_saved_web_page_keeps_only_the_article():
    text = read_report(SAVED_PAGE)
    report = parse_report(text, report_id=SAVED_PAGE.stem)
    expected = rows_of_text(SAVED_PAGE_ROWS)
    got = figure_rows(report)
    assert got == expected, "\n" + diff(got, expected)
    assert [u.text for u in report.unexplained] == []
    assert report.month == 110 and report.status == "ok"
    for f in report.figures:
        assert text[f.start : f.end].strip() and text[f.start : f.end] in f.sentence


# --- not reports of the series --------------------------------------------------------------------------


@pytest.mark.parametrize("report_id", sorted(NOT_REPORTS))
def test_not_a_report_raises_a_clear_error_naming_it(report_id):
    with pytest.raises(NotAReportError, match=report_id):
        parse_report(NOT_REPORTS[report_id], report_id=report_id)


@pytest.mark.parametrize("phrase", ["أحد عناصر التنظيم", "أحد  عناصر التنظيم", 'أحد "عناصر" التنظيم',
                                    "أحد عناصر “التنظيم”"])
def test_an_implied_noun_of_several_words_keeps_its_group_whatever_stands_between_them(phrase):
    # the noun was looked up by its text: quotes or a double space inside lost the group and the agent
    head = "في البادية السورية نفذ التنظيم 40 عملية خلال الشهر 112 من عمر الخلافة.\n"
    text = f"{head}وقتل {phrase} بغارة روسية"
    killed = [f for f in parse_report(text, report_id="t").figures if f.measure == "killed"]
    assert [(f.value, f.group, f.perpetrator) for f in killed] == [(1, "isis", "russia")]
