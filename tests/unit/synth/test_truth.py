import datetime as dt

import pytest

from helpers.synth.truth import Area, Arrests, Cumulative, MonthTruth, Zone


def test_zone_totals_are_sums_of_areas():
    zone = Zone("badia", (Area("Homs", 9, military=53, civilians=1, isis_killed=13), Area("Hama", 2, 4)))
    assert (zone.total("operations"), zone.total("military"), zone.total("isis_killed")) == (11, 57, 13)
    assert zone.military_group == "government_forces"


@pytest.mark.parametrize("build", [
    lambda: Area("Homs", 0),
    lambda: Area("Homs", 1, civilians=1, children=1, women=1),
    lambda: Area("Homs", 1, military=-1),
    lambda: Zone("badia", ()),
    lambda: Zone("badia", (Area("Homs", 1), Area("Homs", 2))),
    lambda: Zone("north", (Area("Homs", 1),)),
    lambda: Arrests(3, "coalition", ("Hasakah",), leaders=3),
    lambda: Arrests(3, "coalition", ()),
    lambda: MonthTruth(112),
    lambda: MonthTruth(112, sdf=Zone("badia", (Area("Homs", 1),))),
    lambda: Cumulative(dt.date(2023, 1, 1), 0, 0, 5, 5),
])
def test_inconsistent_truths_are_rejected(build):
    with pytest.raises(ValueError):
        build()


def test_period_and_era():
    truth = MonthTruth(112, sdf=Zone("sdf_areas", (Area("Raqqa", 2),)))
    assert truth.period == (dt.date(2023, 10, 29), dt.date(2023, 11, 28))
    assert not truth.new_authorities
    assert MonthTruth(126, sdf=truth.sdf).new_authorities
