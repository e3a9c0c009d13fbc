"""Rules that decide a figure's group and zone from each other, in both languages (they once had no test)."""

from __future__ import annotations

import pytest

from helpers import parse_report
from helpers.extract.engine import military_group


@pytest.mark.parametrize(("zone", "group"), [
    ("sdf_areas", "sdf"), ("other", "other_forces"), ("badia", "government_forces"),
    ("government_areas", "government_forces"), ("all", "government_forces"), (None, "government_forces"),
])
def test_military_casualties_are_the_forces_that_hold_the_zone(zone, group):
    assert military_group(zone) == group


def _rows(text: str) -> set[tuple]:
    return {(f.zone, f.measure, f.group, f.value) for f in parse_report(text, "t").figures}


@pytest.mark.parametrize("text", [
    "وفي مناطق نفوذ الفصائل الموالية لتركيا، قتلت خلايا تنظيم داعش 3 عسكريين بهجوم على حاجز.\n",
    "In areas of the Turkish-backed factions, ISIS cells killed 3 combatants in an attack on a checkpoint.\n",
])
def test_military_dead_in_the_factions_zone_are_other_forces(text):
    assert ("other", "killed", "other_forces", 3) in _rows(text)


def test_an_english_sdf_toll_with_no_zone_named_is_in_the_sdf_areas():
    text = ("ISIS cells in the Syrian desert killed 5 regime soldiers.\n"
            "Elsewhere, gunmen of ISIS shot dead 2 SDF members.\n")
    assert ("sdf_areas", "killed", "sdf", 2) in _rows(text)
