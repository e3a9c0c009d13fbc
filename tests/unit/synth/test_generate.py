import datetime as dt
import random

from helpers.synth.generate import allocate, generate_series, generate_truth, poisson, profile
from helpers.synth.places import governorate_ar, towns_ar
from helpers.synth.truth import BADIA_AREAS, SDF_AREAS

DEMO = range(90, 126)


def test_same_month_and_seed_give_the_same_truth_whatever_the_range():
    assert generate_truth(100, seed=7) == generate_series(range(95, 105), seed=7)[5]
    assert generate_truth(100, seed=7) != generate_truth(100, seed=8)


def test_magnitudes_stay_in_the_ranges_of_the_series():
    truths = generate_series(DEMO, seed=7)
    sdf_ops = [t.sdf.total("operations") for t in truths]
    badia_ops = [t.badia.total("operations") for t in truths]
    badia_killed = [t.badia.total("military") for t in truths]
    assert 5 <= sorted(sdf_ops)[len(sdf_ops) // 2] <= 20
    assert 5 <= sorted(badia_ops)[len(badia_ops) // 2] <= 30
    assert 10 <= sorted(badia_killed)[len(badia_killed) // 2] <= 80
    assert max(sdf_ops) <= 60 and max(badia_killed) <= 250
    assert {a.admin1 for t in truths for a in t.sdf.areas} <= set(SDF_AREAS)
    assert {a.admin1 for t in truths for a in t.badia.areas} <= set(BADIA_AREAS)
    assert any(t.daraa for t in truths) and any(t.sdf.leader for t in truths)
    assert all(t.badia.strikes_by == "russia" for t in truths)


def test_events_fall_inside_their_month_and_running_totals_grow():
    for truth in generate_series(DEMO, seed=3):
        start, end = truth.period
        if truth.sdf.leader:
            assert start <= truth.sdf.leader.date <= end
        c = truth.cumulative
        assert c.since <= end
        assert c.sdf_operations >= truth.sdf.total("operations")
        assert c.badia_military >= truth.badia.total("military")


def test_running_totals_since_2019_accumulate_month_by_month():
    since = dt.date(2019, 3, 24)
    from helpers.synth.generate import base_truth, cumulative_since
    a, b = cumulative_since(100, since, 7), cumulative_since(101, since, 7)
    assert b.sdf_operations - a.sdf_operations == base_truth(101, 7).sdf.total("operations")


def test_after_december_2024_the_badia_is_quieter_and_strikes_are_the_coalitions():
    before = [generate_truth(m, 1).badia for m in range(100, 125)]
    after = [generate_truth(m, 1).badia for m in range(126, 136)]
    assert all(z.strikes_by == "coalition" for z in after)
    mean = lambda zones: sum(z.total("operations") for z in zones) / len(zones)  # noqa: E731
    assert mean(after) < mean(before)


def test_helpers_of_the_generator():
    rng = random.Random(1)
    assert poisson(rng, 0) == 0 and poisson(rng, 200) > 100
    shares = allocate(rng, 50, {"a": 1.0, "b": 1.0})
    assert sum(shares.values()) == 50 and all(shares.values())


def test_profile_towns_are_gazetteer_towns_of_their_governorate():
    for admin1, towns in profile()["sdf"]["towns"].items():
        assert governorate_ar(admin1)
        assert set(towns) <= set(towns_ar(admin1))
