"""Synthetic 2014-2019 execution reports (issue 18): they render in both languages and round-trip exactly."""

from __future__ import annotations

import pytest

from helpers.synth.executions import (
    LAST_MONTH,
    execution_round_trip,
    execution_rows,
    execution_sample,
    generate_execution_truth,
    render_execution,
)


def test_truth_is_reproducible_and_its_parts_add_up():
    a, b = generate_execution_truth(19, seed=3), generate_execution_truth(19, seed=3)
    assert a == b
    assert a.total == sum(a.parts.values()) and a.running_total > a.total
    assert sum(a.subs.values()) <= a.parts["civilians"]


def test_months_outside_the_execution_series_are_refused():
    with pytest.raises(ValueError, match="execution-report months"):
        generate_execution_truth(LAST_MONTH + 1)


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("style", ["list", "prose", "rewrite"])
def test_each_style_states_its_rows(language, style):
    truth = generate_execution_truth(30, seed=1)
    text = render_execution(truth, language, style=style, title="both")
    rows = execution_rows(truth, style, "both", True)
    assert str(truth.running_total) in text
    assert all(r.measure == "executed" for r in rows)
    assert any(r.scope == "cumulative" and r.since == "2014-06-29" for r in rows)


@pytest.mark.parametrize("spec", list(execution_sample(200, seed=11)),
                         ids=lambda s: f"m{s['month']}-{s['language']}-{s['style']}")
def test_round_trip_is_exact(spec):
    result = execution_round_trip(**spec)
    assert result.ok, f"{result.text}\nmissing {result.missing}\nextra {result.extra}\n{result.unexplained}"


def test_the_synth_command_writes_execution_reports_with_their_ground_truth(tmp_path):
    from helpers.synth.cli import main

    assert main(["synth", str(tmp_path), "--executions", "1-3,57"]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["ground_truth_executions.csv", "synthetic_exec_m001.txt", "synthetic_exec_m002.txt",
                     "synthetic_exec_m003.txt", "synthetic_exec_m057.txt"]
    from helpers import parse_report

    report = parse_report((tmp_path / "synthetic_exec_m001.txt").read_text(encoding="utf-8"), "m1")
    assert (report.month, report.month_numbering, str(report.period_start)) == (1, "executions", "2014-06-29")


@pytest.mark.parametrize("spec", ["0-3", "58", "3-1", "x"])
def test_execution_months_outside_the_series_are_a_usage_error(spec, capsys):
    from helpers.synth.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["synth", "out", "--executions", spec])
    assert exit_.value.code == 2
    assert "execution-report months 1-57" in capsys.readouterr().err
