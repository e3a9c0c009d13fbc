"""The low/best/high rule for qualified numbers and how sums and tables show it."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from helpers.analysis import findings, uncertainty
from helpers.analysis import views as analysis
from helpers.contract import schemas
from tests.unit.analysis.test_views import empty, figures_frame, reports_frame


def test_bounds_follow_the_qualifier():
    values = pd.Series([15, 30, 7, 3])
    low, high = uncertainty.bounds(values, pd.Series(["at_least", "approximately", "exact", "approximately"]))
    assert low.tolist() == [15, 27, 7, 1] and high.tolist()[1:] == [33, 7, 5]
    assert math.isinf(high[0])


def test_format_count_marks():
    assert uncertainty.format_count(22, 22, math.inf) == "≥ 22"
    assert uncertainty.format_count(32, 30, 34) == "~ 32"
    assert uncertainty.format_count(22) == "22"
    assert uncertainty.format_count(45, 42, math.inf) == "≥ ~45"
    assert uncertainty.format_count(np.nan) == "—"
    assert uncertainty.format_count(26.1, 26.1, math.inf, 1) == "≥ 26.1"


def _data(rows):
    figures = figures_frame(rows)
    reports = reports_frame([dict(report_id=r, month=m) for r, m in
                             sorted({(row["report_id"], row["month"]) for row in rows})])
    return analysis.Dataset(figures, reports, empty(schemas.CHECKS), empty(schemas.EVENTS),
                            empty(schemas.UNEXPLAINED))


def test_qualified_numbers_are_never_summed_as_exact():
    data = _data([
        dict(report_id="a", month=100, zone="badia", measure="operations", value=15, qualifier="at_least"),
        dict(report_id="a", month=100, zone="sdf_areas", measure="operations", value=7),
        dict(report_id="a", month=100, zone="badia", measure="killed", group="civilians", value=30,
             qualifier="approximately"),
        dict(report_id="a", month=100, zone="sdf_areas", measure="killed", group="civilians", value=1),
        dict(report_id="a", month=100, zone="government_areas", measure="killed", group="civilians", value=1),
    ])
    counts = analysis.monthly_counts(data)
    ops = analysis.bounded_series(counts, analysis.HEADLINE_METRICS["ISIS operations"], [100])
    assert ops.display().tolist() == ["≥ 22"]  # "at least 15" + 7 is not "22"
    civilians = analysis.bounded_series(counts, analysis.HEADLINE_METRICS["- civilians"], [100])
    assert civilians.display().tolist() == ["~ 32"]
    assert (civilians.low.tolist(), civilians.high.tolist()) == ([29.0], [35.0])
    table = analysis.headline_table(counts, 100)
    shown = analysis.headline_display(table, 100)
    assert shown.loc["ISIS operations", "month 100"] == "≥ 22"
    period = uncertainty.marked(analysis.period_lethality(counts, [100]))
    assert period.loc["badia", "operations"] == "≥ 15" and period.loc["sdf_areas", "operations"] == "7"


def test_a_real_month_is_judged_by_real_months_only():
    rows = [dict(report_id=f"s{m}", month=m, zone="badia", measure="killed", group="government_forces",
                 value=37) for m in range(100, 112)]
    rows.append(dict(report_id="real", month=112, zone="badia", measure="killed", group="government_forces",
                     value=74))
    data = _data(rows)
    data.reports.loc[data.reports["report_id"] != "real", "synthetic"] = True
    counts = analysis.monthly_counts(data, include_synthetic=True)
    table = analysis.headline_table(counts, 112)
    row = table.loc["- government forces"]
    assert row["this_month"] == 74 and row["months_in_mean"] == 0 and math.isnan(row["trailing_mean"])
    assert math.isnan(row["previous_month"])  # month 111 is synthetic: not compared with a real month
    synthetic = analysis.headline_table(counts, 111).loc["- government forces"]
    assert synthetic["months_in_mean"] == 11 and synthetic["kind"] == "synthetic"


def test_direction_is_claimed_only_when_ranges_do_not_overlap():
    assert findings.direction(22, 22, math.inf, 20, 20, 20) == "up"
    assert findings.direction(15, 15, math.inf, 20, 20, 20) == "no clear change"
    assert findings.direction(10, 10, 10, 20, 18, 22) == "down"
    assert findings.direction(5, 5, 5, 5, 5, 5) == "unchanged"


def test_month_without_report_is_named_and_a_gap():
    data = _data([dict(report_id="a", month=100, zone="badia", measure="operations", value=5),
                  dict(report_id="b", month=102, zone="badia", measure="operations", value=6)])
    counts = analysis.monthly_counts(data)
    kinds = analysis.month_kinds(counts, [100, 101, 102])
    assert kinds.tolist() == ["real", "none", "real"]
    assert findings.coverage(kinds) == "Months 100-102: 2 real reports, 0 synthetic demo reports, 1 month " \
        "without a report (101)."
    ops = analysis.metric_series(counts, analysis.HEADLINE_METRICS["ISIS operations"], [100, 101, 102])
    assert math.isnan(ops[101])
    assert analysis.month_list([101, 102, 103, 105]) == "101-103, 105"


def test_period_change_against_a_period_without_reports_is_missing_not_zero():
    data = _data([dict(report_id="a", month=112, zone="badia", level="breakdown", admin1="Homs",
                       measure="operations", value=9)])
    areas = analysis.area_counts(data)
    change = analysis.period_change(areas, analysis.HEADLINE_METRICS["ISIS operations"], [112], [111])
    assert change.loc["Homs", "current"] == 9 and change[["previous", "change"]].isna().all().all()
    text = findings.regional(analysis.month_kinds(analysis.monthly_counts(data), [112]),
                             analysis.month_kinds(analysis.monthly_counts(data), [111]),
                             analysis.area_summary(areas, [112]), change, pd.Series(dtype=float))
    assert not any("up (" in s for s in text)  # no "every governorate rose" against nothing
    assert any("previous period states ISIS operations" in s for s in text)
    summary = analysis.area_summary(areas, [112])
    assert math.isnan(summary.loc["Homs", "killed_by_isis"])  # no death lines at all: not 0
    points = analysis.map_values(pd.Series(dtype=float), pd.DataFrame({"admin1": ["Homs"]}), stated=False)
    assert points["value"].isna().all()


# ---------------------------------------------------------------------- ratios and the heatmap's cells

def _qualified_month():
    """Month 100: badia "at least 15" operations and "about 30" government forces killed, 3 ISIS members
    killed; north-east 7 operations, "at least 4" SDF killed, 2 ISIS members killed (all by ISIS but those).
    Area lines: Homs "at least 15" operations, Raqqa "about 30", Hasakah 7."""
    return _data([
        dict(report_id="a", month=100, zone="badia", measure="operations", value=15, qualifier="at_least"),
        dict(report_id="a", month=100, zone="badia", measure="killed", group="government_forces", value=30,
             qualifier="approximately"),
        dict(report_id="a", month=100, zone="badia", measure="killed", group="isis", value=3,
             perpetrator="government_forces"),
        dict(report_id="a", month=100, zone="sdf_areas", measure="operations", value=7),
        dict(report_id="a", month=100, zone="sdf_areas", measure="killed", group="sdf", value=4,
             qualifier="at_least"),
        dict(report_id="a", month=100, zone="sdf_areas", measure="killed", group="isis", value=2,
             perpetrator="sdf"),
        dict(report_id="a", month=100, zone="badia", level="breakdown", admin1="Homs", place_ar="بادية حمص",
             measure="operations", value=15, qualifier="at_least"),
        dict(report_id="a", month=100, zone="sdf_areas", level="breakdown", admin1="Raqqa",
             place_ar="الرقة", measure="operations", value=30, qualifier="approximately"),
        dict(report_id="a", month=100, zone="sdf_areas", level="breakdown", admin1="Hasakah",
             place_ar="الحسكة", measure="operations", value=7),
    ])


def test_ratio_bounds_take_the_extremes_and_stay_open_where_a_count_is():
    best = pd.Series([0.5, 2.0, 1.0, np.nan])
    numerator = uncertainty.Bounded(pd.Series([10.0, 30.0, 4.0, 1.0]), pd.Series([10.0, 30.0, 4.0, 1.0]),
                                    pd.Series([np.inf, 30.0, 4.0, 1.0]))
    denominator = uncertainty.Bounded(pd.Series([18.0, 15.0, 4.0, 0.0]), pd.Series([20.0, 15.0, 4.0, 0.0]),
                                      pd.Series([22.0, np.inf, 4.0, 0.0]))
    ratio = uncertainty.ratio_bounds(best, numerator, denominator, decimals=2)
    assert ratio.low.tolist()[:3] == [round(10 / 22, 2), 0.0, 1.0]
    assert math.isinf(ratio.high[0]) and ratio.high[1] == 2.0 and ratio.high[2] == 1.0
    assert ratio.low[3] != ratio.low[3] and ratio.high[3] != ratio.high[3]  # no ratio: no bounds
    assert ratio.display(2).tolist() == ["≥ ~0.50", "~ 2.00", "1.00", "—"]


def test_lethality_and_exchange_ratio_carry_the_bounds_of_their_counts():
    counts = analysis.monthly_counts(_qualified_month())
    lethality = analysis.lethality_bounds(counts, [100], ["badia", "sdf_areas"])
    assert lethality.best.loc[100].to_dict() == {"sdf_areas": 4 / 7, "badia": 2.0}  # the ratio itself
    assert lethality.best.equals(analysis.lethality(counts, [100], ["badia", "sdf_areas"]))
    # badia: about 30 (27..33) deaths over at least 15 operations: 0 .. 33/15
    assert lethality.low.loc[100, "badia"] == 0.0 and lethality.high.loc[100, "badia"] == 33 / 15
    # north-east: at least 4 deaths over exactly 7 operations: 4/7 .. open
    assert lethality.low.loc[100, "sdf_areas"] == 4 / 7 and math.isinf(lethality.high.loc[100, "sdf_areas"])
    table = analysis.theatre_table(counts, [100])
    badia = table.loc[("Badia (vs government forces)", 100)]
    assert (badia["exchange_ratio"], badia["exchange_ratio_low"], badia["exchange_ratio_high"]) == (
        0.1, round(3 / 33, 2), round(3 / 27, 2))
    north_east = table.loc[("North-east (vs SDF)", 100)]
    assert (north_east["exchange_ratio"], north_east["exchange_ratio_low"]) == (0.5, 0.0)
    assert north_east["exchange_ratio_high"] == 0.5  # at least 4 dead: the ratio can only be lower


def test_governorate_bounds_mark_the_heatmap_cells_like_the_tables():
    data = _qualified_month()
    areas = analysis.area_counts(data)
    ops = analysis.HEADLINE_METRICS["ISIS operations"]
    matrix = analysis.governorate_bounds(areas, ops, [99, 100])
    assert matrix.best.equals(analysis.governorate_matrix(areas, ops, [99, 100]))
    assert list(matrix.best.index) == ["Raqqa", "Homs", "Hasakah"]
    assert matrix.display()[100].tolist() == ["~ 30", "≥ 15", "7"]
    assert matrix.display()[99].tolist() == ["—"] * 3  # no area line that month
