"""The whole life of the series (issue 18): execution reports and later reports on one month axis."""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

import matplotlib.pyplot as plt

from helpers import analysis, parse_report
from helpers.analysis import plots
from helpers.build import tables
from helpers.synth import SyntheticReport, generate_truth
from helpers.synth.executions import generate_execution_truth, render_execution

FAMILIES = Path(__file__).parents[1] / "data" / "families" / "executions_texts.toml"


def _dataset(reports):
    return analysis.Dataset(tables.figures_table(reports), tables.reports_table(reports),
                            tables.checks_table(reports), tables.events_table(reports),
                            tables.unexplained_table(reports))


def _reports():
    executions = [parse_report(render_execution(generate_execution_truth(m, 1), "ar"), f"exec_{m:03d}")
                  for m in (55, 56, 57)]
    later = [parse_report(SyntheticReport.build(generate_truth(m, 1)).text, f"later_{m:03d}")
             for m in (58, 59)]
    return executions, later


def test_execution_months_join_the_series_axis_one_lower():
    executions, later = _reports()
    data = _dataset(executions + later)
    usable = analysis.usable_reports(data.reports, include_synthetic=True)
    assert dict(zip(usable["report_id"], usable["month"], strict=True)) == {
        "exec_055": 54, "exec_056": 55, "exec_057": 56, "later_058": 58, "later_059": 59}
    counts = analysis.monthly_counts(data, include_synthetic=True)
    assert set(counts.loc[counts["measure"] == "executed", "month"]) == {54, 55, 56}


def test_whole_life_keeps_the_eras_apart():
    executions, later = _reports()
    data = _dataset(executions + later)
    counts = analysis.monthly_counts(data, include_synthetic=True)
    months = analysis.month_range(analysis.available_months(counts), 0, 0)
    life = analysis.whole_life(counts, months)
    later_era = ["operations and deaths"] * 2
    assert list(life["era"]) == ["executions"] * 3 + ["none", *later_era]
    assert life.loc[54, "executions"] == generate_execution_truth(55, 1).total
    assert math.isnan(life.loc[58, "executions"]) and math.isnan(life.loc[54, "operations"])
    summary = analysis.era_summary(life)
    assert list(summary.index) == ["executions", "operations and deaths"]
    assert summary.loc["executions", "months with a report"] == 3
    fig = plots.whole_life_chart(life)
    assert any(line.get_linestyle() == ":" for line in fig.axes[0].get_lines())  # the change is marked
    plt.close(fig)


def test_month_1_of_the_execution_reports_is_month_0_of_the_axis():
    case = next(c for c in tomllib.loads(FAMILIES.read_text(encoding="utf-8"))["case"]
                if c["id"] == "ex-ar-first-month")
    data = _dataset([parse_report(case["text"], "first")])
    counts = analysis.monthly_counts(data, include_synthetic=True)
    life = analysis.whole_life(counts, [0])
    assert life.loc[0, "executions"] == 23
    assert analysis.month_label(0) == "0 (Jul 2014)"


def test_an_execution_report_and_a_later_report_of_the_same_month_are_both_used():
    executions = parse_report(render_execution(generate_execution_truth(57, 2), "ar"), "exec_057")
    later = parse_report(SyntheticReport.build(generate_truth(56, 2)).text, "later_056")
    data = _dataset([executions, later])
    usable = analysis.usable_reports(data.reports, include_synthetic=True)
    assert sorted(usable["report_id"]) == ["exec_057", "later_056"]
    assert set(usable["month"]) == {56}
    life = analysis.whole_life(analysis.monthly_counts(data, include_synthetic=True), [56])
    assert life.loc[56, "executions"] == generate_execution_truth(57, 2).total
    assert life.loc[56, "operations"] > 0
