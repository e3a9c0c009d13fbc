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
