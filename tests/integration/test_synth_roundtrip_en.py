"""English synthetic reports: parse(render_en(truth)) == truth, and Arabic and English renderings agree."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import parse_report
from helpers.check.translation import link_translations, translation_checks
from helpers.check.validate import check_report
from helpers.synth.evaluate import rows_of
from helpers.synth.generate import generate_truth
from helpers.synth.render import render
from helpers.synth.render_en import number_words, ordinal_digits, ordinal_words, render_en, render_english
from helpers.synth.stated import compare, expected_failed_checks, expected_rows
from helpers.synth.strategies import truths, variations
from helpers.synth.truth import Cumulative
from helpers.synth.variations import Variations


def _round_trip(truth, v, seed):
    text = render_english(truth, v, random.Random(seed))
    report = parse_report(text, report_id="synthetic_en")
    missing, extra, _ = compare(expected_rows(truth, v), rows_of(report))
    failed = {(c.kind, c.zone, c.measure, c.group) for c in check_report(report) if not c.ok}
    problems = [f"missing {r.describe()}" for r in missing] + [f"extra {r.describe()}" for r in extra]
    problems += [f"unexplained {u.text}" for u in report.unexplained]
    if (report.month, report.period_start, report.period_end) != (truth.month, *truth.period):
        problems.append(f"period {report.month} {report.period_start}..{report.period_end}")
    if failed != expected_failed_checks(truth, v):
        problems.append(f"checks {sorted(failed)}")
    return report, text, problems


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(truth=truths(), v=variations(), seed=st.integers(0, 2**16))
def test_english_round_trip(truth, v, seed):
    report, text, problems = _round_trip(truth, v, seed)
    assert report.language == "en"
    assert not problems, f"{v.spec()}\n{text}\n" + "\n".join(problems)


def test_a_running_total_without_deaths_renders_when_every_number_is_in_words():
    truth = replace(generate_truth(70, seed=70), cumulative=Cumulative(dt.date(2020, 1, 1), 2, 0, 1, 0))
    v = Variations(number_words="all", cumulative="stated")
    _, text, problems = _round_trip(truth, v, 0)  # the unused zero toll raised "no words for 0"
    assert not problems, text + "\n".join(problems)


@pytest.mark.parametrize("month", [70, 96, 112, 130])
def test_generated_months_round_trip_in_english(month):
    truth = generate_truth(month, seed=month)
    for seed in range(5):
        _, text, problems = _round_trip(truth, Variations(), seed)
        assert not problems, text + "\n".join(problems)


def _rows(text: str, report_id: str):
    return parse_report(text, report_id=report_id)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(truth=truths(), seed=st.integers(0, 2**16))
def test_arabic_and_english_renderings_give_identical_figures(truth, seed):
    arabic = _rows(render(truth, "ar", Variations(), seed), "synthetic_ar")
    english = _rows(render_en(truth, Variations(), seed), "synthetic_en")
    key = Counter(tuple(r) for r in rows_of(arabic))
    assert key == Counter(tuple(r) for r in rows_of(english))
    checks = translation_checks(link_translations([arabic, english]))
    assert checks and all(c.ok for c in checks)


def test_a_pair_made_to_disagree_fails_exactly_one_check():
    truth = next(t for t in (generate_truth(m, seed=m) for m in range(90, 130)) if t.sdf and t.sdf.injured)
    arabic = _rows(render(truth, "ar", Variations(), 0), "synthetic_ar")
    slipped = replace(truth, sdf=replace(truth.sdf, injured=truth.sdf.injured + 1))
    english = _rows(render_en(slipped, Variations(), 0), "synthetic_en")
    checks = translation_checks(link_translations([arabic, english]))
    failed = [c for c in checks if not c.ok]
    assert len(checks) > 1 and len(failed) == 1
    n = truth.sdf.injured
    assert (failed[0].zone, failed[0].measure, failed[0].stated, failed[0].computed) == (
        "sdf_areas",
        "injured",
        n,
        n + 1,
    )
    assert failed[0].detail.startswith(f"total sdf_areas injured all (ar {n}, en {n + 1}")


def test_rendering_is_deterministic():
    truth = generate_truth(100, seed=1)
    assert render_en(truth, seed=7) == render_en(truth, seed=7)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (1, "one"),
        (13, "thirteen"),
        (23, "twenty-three"),
        (40, "forty"),
        (112, "one hundred and twelve"),
        (300, "three hundred"),
    ],
)
def test_number_words(value, words):
    assert number_words(value) == words


@pytest.mark.parametrize(
    ("value", "words", "digits"),
    [
        (96, "ninety-sixth", "96th"),
        (101, "one hundred and first", "101st"),
        (112, "one hundred and twelfth", "112th"),
        (113, "one hundred and thirteenth", "113th"),
        (122, "one hundred and twenty-second", "122nd"),
        (100, "one hundredth", "100th"),
        (83, "eighty-third", "83rd"),
    ],
)
def test_ordinals(value, words, digits):
    assert (ordinal_words(value), ordinal_digits(value)) == (words, digits)
