"""A seeded generator of plausible monthly ground truths, with a trend, a season and occasional spikes.

Each month is drawn from its own random stream (seeded by the generator seed and the month number), so month
N is the same whichever range it is generated in, and running totals are sums of the same months. The
parameters live in ``data/synth_profile.toml``; the numbers are invented and must never be read as real.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import tomllib
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from helpers.contract.calendar import month_of_date, month_period
from helpers.synth.truth import Area, Arrests, Cumulative, Daraa, LeaderKilled, MonthTruth, Zone


@lru_cache(maxsize=1)
def profile() -> dict:
    """The generator's parameters (``data/synth_profile.toml``)."""
    with resources.files("helpers.data").joinpath("synth_profile.toml").open("rb") as handle:
        return tomllib.load(handle)


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth's method below 30, a rounded normal above), never negative."""
    if mean <= 0:
        return 0
    if mean >= 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def binomial(rng: random.Random, n: int, p: float) -> int:
    """A binomial draw by counting successes (n is small here)."""
    return sum(rng.random() < p for _ in range(n))


def allocate(rng: random.Random, total: int, weights: dict[str, float]) -> dict[str, int]:
    """Split ``total`` over the keys of ``weights`` (a multinomial draw), keeping only non-zero shares."""
    names, shares = list(weights), list(weights.values())
    counts = dict.fromkeys(names, 0)
    for name in rng.choices(names, weights=shares, k=total):
        counts[name] += 1
    return {name: n for name, n in counts.items() if n}


def activity(section: dict, month: int, calendar_month: int) -> float:
    """Mean operations of a zone in a month: baseline x trend x season (before spikes)."""
    reference = profile()["reference_month"]
    trend = math.exp(section["trend"] * (month - reference))
    season = 1 + section["season_amplitude"] * math.cos(
        2 * math.pi * (calendar_month - section["season_peak_month"]) / 12)
    return section["operations"] * trend * season


def _operations(rng: random.Random, section: dict, month: int, calendar_month: int, factor: float) -> int:
    mean = activity(section, month, calendar_month) * factor
    if rng.random() < section["spike_probability"]:
        mean *= section["spike_factor"]
    return max(1, poisson(rng, mean))


def _subcounts(rng: random.Random, civilians: int, probability: float) -> tuple[int, int]:
    if civilians < 2 or rng.random() >= probability:
        return 0, 0
    children = binomial(rng, civilians, 0.3)
    women = binomial(rng, civilians - children, 0.25)
    return children, women


def _areas(rng: random.Random, section: dict, ops: int, civilian_rate: float,
           strikes: int = 0) -> tuple[Area, ...]:
    shares = allocate(rng, ops, section["areas"])
    strike_shares = allocate(rng, strikes, {name: float(n) for name, n in shares.items()}) if strikes else {}
    areas = []
    for admin1, n in shares.items():
        civilians = poisson(rng, n * civilian_rate)
        children, women = _subcounts(rng, civilians, section["subcount_probability"])
        areas.append(Area(admin1, n, military=poisson(rng, n * section["military_per_operation"]),
                          civilians=civilians, children=children, women=women,
                          isis_killed=strike_shares.get(admin1, 0)))
    return tuple(areas)


def _sdf_zone(rng: random.Random, month: int, period: tuple[dt.date, dt.date]) -> Zone:
    p = profile()["sdf"]
    ops = _operations(rng, p, month, period[1].month, 1.0)
    areas = _areas(rng, p, ops, p["civilians_per_operation"])
    injured = poisson(rng, ops * p["injured_per_operation"]) if rng.random() < p["injured_probability"] else 0
    clashes = 1 + poisson(rng, p["clash_mean"] - 1) if rng.random() < p["clash_probability"] else 0
    arrests = None
    if rng.random() < p["arrests_probability"]:
        value = 3 + poisson(rng, p["arrests_mean"] - 3)
        by = "sdf" if rng.random() < p["arrests_by_sdf_alone"] else "coalition"
        candidates = [a for a in ("Hasakah", "Deir ez-Zor", "Raqqa")]
        places = tuple(rng.sample(candidates, rng.choice((1, 2, 2, 3))))
        leaders = rng.randint(1, 3) if rng.random() < p["arrest_leaders_probability"] else 0
        arrests = Arrests(value, by, places, leaders=min(leaders, value - 1))
    leader = None
    if rng.random() < p["leader_killed_probability"]:
        admin1 = rng.choice(sorted(p["towns"]))
        days = (period[1] - period[0]).days
        leader = LeaderKilled(admin1, rng.choice(p["towns"][admin1]),
                              period[0] + dt.timedelta(days=rng.randint(0, days)))
    return Zone("sdf_areas", areas, injured=injured, strikes_by="coalition", isis_killed_clashes=clashes,
                arrests=arrests, leader=leader)


def _badia_zone(rng: random.Random, month: int, period: tuple[dt.date, dt.date]) -> Zone:
    p, new_from = profile()["badia"], profile()["new_authorities_from"]
    new = month >= new_from
    factor = p["new_authorities_factor"] if new else 1.0
    ops = _operations(rng, p, month, period[1].month, factor)
    truffles = period[1].month in p["truffle_months"]
    civilian_rate = p["truffle_civilians_per_operation"] if truffles else p["civilians_per_operation"]
    strikes = poisson(rng, p["strikes_mean_new"] if new else p["strikes_mean"])
    areas = _areas(rng, p, ops, civilian_rate, strikes=strikes)
    clashes = 1 + poisson(rng, p["clash_mean"] - 1) if rng.random() < p["clash_probability"] else 0
    return Zone("badia", areas, strikes_by="coalition" if new else "russia", isis_killed_clashes=clashes)


@lru_cache(maxsize=4096)
def base_truth(month: int, seed: int = 0) -> MonthTruth:
    """The month's facts without running totals (each month from its own seeded stream)."""
    rng = random.Random(f"helpers.synth:{seed}:{month}")
    period = month_period(month)
    sdf = _sdf_zone(rng, month, period)
    badia = _badia_zone(rng, month, period)
    p = profile()["daraa"]
    daraa = None
    if rng.random() < p["probability"]:
        group = "isis" if rng.random() < p["isis_killed_share"] else "government_forces"
        daraa = Daraa(group, 1 + poisson(rng, p["mean"] - 1))
    return MonthTruth(month, sdf=sdf, badia=badia, daraa=daraa)


def cumulative_since(month: int, since: dt.date, seed: int = 0) -> Cumulative:
    """Running totals from the month containing ``since`` up to ``month`` (inclusive)."""
    months = [base_truth(m, seed) for m in range(month_of_date(since), month + 1)]
    return Cumulative(
        since=since,
        sdf_operations=sum(t.sdf.total("operations") for t in months),
        sdf_killed=sum(t.sdf.total("military") + t.sdf.total("civilians") for t in months),
        badia_operations=sum(t.badia.total("operations") for t in months),
        badia_military=sum(t.badia.total("military") for t in months),
    )


def generate_truth(month: int, seed: int = 0) -> MonthTruth:
    """A plausible ground truth for caliphate ``month``, with running totals; same (month, seed), same truth.

    Args:
        month: Caliphate month (the sample is 112).
        seed: Generator seed.

    Returns:
        The month's truth.
    """
    truth = base_truth(month, seed)
    rng = random.Random(f"helpers.synth.cumulative:{seed}:{month}")
    end = truth.period[1]
    year_start = dt.date(end.year, 1, 1)
    use_2019 = end.month == 1 or rng.random() < profile()["cumulative"]["since_2019_probability"]
    since = dt.date.fromisoformat(profile()["cumulative"]["since_2019"]) if use_2019 else year_start
    return MonthTruth(month, sdf=truth.sdf, badia=truth.badia, daraa=truth.daraa,
                      cumulative=cumulative_since(month, since, seed))


def generate_series(months: Iterable[int], seed: int = 0) -> list[MonthTruth]:
    """Ground truths for several months (e.g. ``range(90, 126)``), each as ``generate_truth`` gives it."""
    return [generate_truth(m, seed) for m in months]
