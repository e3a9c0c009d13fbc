import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.check.validate import check_report
from helpers.contract.report import Figure, Report
from helpers.synth.stated import expected_failed_checks, expected_rows, qualified, toll_kind
from helpers.synth.strategies import truths, variations
from helpers.synth.truth import Area, Arrests, Daraa, LeaderKilled, MonthTruth, Zone
from helpers.synth.variations import Variations, families
from tests.conftest import SEED
from tests.rows import expected_rows as csv_rows

SAMPLE = MonthTruth(
    112,
    sdf=Zone("sdf_areas", (Area("Deir ez-Zor", 5, military=1), Area("Hasakah", 4, military=2),
                           Area("Raqqa", 2, military=2, civilians=1)),
             arrests=Arrests(17, "coalition", ("Hasakah", "Deir ez-Zor", "Raqqa")),
             leader=LeaderKilled("Hasakah", "الشدادي", dt.date(2023, 11, 23))),
    badia=Zone("badia", (Area("Homs", 9, military=53, civilians=1, isis_killed=13),
                         Area("Deir ez-Zor", 8, 16), Area("Aleppo", 1, 2), Area("Raqqa", 1, 3))),
    daraa=Daraa("isis", 2),
)
"""The sample report's month as a ground truth (its figures are the seed's expected CSV)."""


def _strings(rows):
    return {tuple("" if c is None else str(c) for c in r) for r in rows}


def test_sample_truth_states_exactly_the_seed_figures():
    rows = expected_rows(SAMPLE, Variations(tolls="split", obfuscation="spaced"))
    expected = csv_rows(SEED / "000_ce1fad4af3d1fbde.expected.csv")
    as_counter = {k: n for k, n in expected.items()}
    assert sum(as_counter.values()) == len(rows)
    assert _strings(rows) == set(as_counter)


def test_qualified_rounds_only_totals_of_ten_or_more():
    assert qualified(8, "approximately") == (8, "exact")
    assert qualified(28, "approximately") == (30, "approximately")
    assert qualified(24, "at_least") == (20, "at_least")
    assert qualified(24, "exact") == (24, "exact")


def test_toll_kind():
    v = Variations(tolls="split")
    assert toll_kind(0, 0, v) == "none"
    assert toll_kind(1, 1, v) == "parts"  # a toll of two is not split
    assert toll_kind(1, 5, v) == "split"
    assert toll_kind(1, 5, v, "badia") == "parts"
    assert toll_kind(1, 5, Variations(tolls="split_all"), "badia") == "split"
    assert toll_kind(0, 5, v) == "parts"


def test_totals_only_drops_area_lines_and_line_strikes():
    rows = expected_rows(SAMPLE, Variations(breakdown_layout="none"))
    assert not [r for r in rows if r.level == "breakdown" and r.zone == "badia"]
    assert [r for r in rows if r.measure == "killed" and r.group == "isis" and r.perpetrator == "russia"]


def test_arithmetic_off_adds_one_operation_and_expects_that_check_to_fail():
    v = Variations(arithmetic="off")
    total = [r for r in expected_rows(SAMPLE, v) if r.zone == "sdf_areas" and r.level == "total"
             and r.measure == "operations"]
    assert [r.value for r in total] == [12]
    assert expected_failed_checks(SAMPLE, v) == {("total_vs_breakdown", "sdf_areas", "operations", "all")}
    assert expected_failed_checks(SAMPLE, Variations(arithmetic="off", qualifiers="approximately")) == set()


def test_headline_repeats_the_body():
    rows = expected_rows(SAMPLE, Variations(headline="title"))
    assert [(r.zone, r.value) for r in rows if r.level == "headline"] == [("all", 30)]


def _figures(rows):
    return tuple(Figure(zone=r.zone, level=r.level, measure=r.measure, group=r.group, value=r.value,
                        perpetrator=r.perpetrator, qualifier=r.qualifier, scope=r.scope, subgroup=r.subgroup,
                        since=dt.date.fromisoformat(r.since) if r.since else None, admin1=r.admin1,
                        sentence=f"{r.zone} {r.level} {r.admin1}")
                 for r in rows)


@settings(max_examples=150, deadline=None)
@given(truth=truths(), v=variations(families()), seed=st.integers(0, 10))
def test_stated_figures_pass_the_projects_checks(truth, v, seed):
    """Ground truths are consistent: only the deliberate slip of arithmetic=off fails a check."""
    report = Report("synthetic", figures=_figures(expected_rows(truth, v)))
    failed = {(c.kind, c.zone, c.measure, c.group) for c in check_report(report) if not c.ok}
    assert failed == expected_failed_checks(truth, v)
