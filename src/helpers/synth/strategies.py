"""Hypothesis strategies for synthetic truths and variations (needs the ``test`` extra).

Built from small parts so failures shrink well: fewer areas, smaller counts, no optional sections and the
plainest variation options (the first of each family) are what a failing example shrinks towards.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from helpers.contract.calendar import month_period
from helpers.synth.generate import profile
from helpers.synth.truth import (
    BADIA_AREAS,
    NEW_AUTHORITIES_FROM,
    SDF_AREAS,
    Area,
    Arrests,
    Cumulative,
    Daraa,
    LeaderKilled,
    MonthTruth,
    Zone,
)
from helpers.synth.variations import Variations, default_options

MONTHS = (66, 135)
"""Caliphate months drawn (December 2019 - October 2025)."""


@st.composite
def areas(draw, zone: str) -> Area:
    """One area line of ``zone`` (the governorate is set by ``zones``)."""
    badia = zone == "badia"
    civilians = draw(st.integers(0, 12))
    children = draw(st.integers(0, civilians)) if civilians >= 2 else 0
    women = draw(st.integers(0, civilians - children)) if civilians >= 2 else 0
    return Area("", operations=draw(st.integers(1, 25 if badia else 12)),
                military=draw(st.integers(0, 60 if badia else 12)), civilians=civilians, children=children,
                women=women, isis_killed=draw(st.integers(0, 15)) if badia else 0)


@st.composite
def zones(draw, name: str, month: int) -> Zone:
    """A zone with 1-4 area lines and optional injured, clashes, arrests and a leader killed."""
    names = SDF_AREAS if name == "sdf_areas" else BADIA_AREAS
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=4, unique=True))
    lines = tuple(Area(admin1, a.operations, a.military, a.civilians, a.children, a.women, a.isis_killed)
                  for admin1, a in zip(chosen, draw(st.lists(areas(name), min_size=len(chosen),
                                                              max_size=len(chosen))), strict=True))
    new = month >= NEW_AUTHORITIES_FROM
    optional = st.booleans()
    arrests = leader = None
    injured = clashes = 0
    if name == "sdf_areas":
        injured = draw(st.integers(0, 9)) if draw(optional) else 0
        if draw(optional):
            value = draw(st.integers(1, 40))
            places = tuple(draw(st.lists(st.sampled_from(("Hasakah", "Deir ez-Zor", "Raqqa")), min_size=1,
                                         max_size=3, unique=True)))
            arrests = Arrests(value, draw(st.sampled_from(("coalition", "sdf"))), places,
                              leaders=draw(st.integers(0, value - 1)) if draw(optional) else 0)
        if draw(optional):
            towns = profile()["sdf"]["towns"]
            admin1 = draw(st.sampled_from(sorted(towns)))
            start, end = month_period(month)
            day = start + dt.timedelta(days=draw(st.integers(0, (end - start).days)))
            leader = LeaderKilled(admin1, draw(st.sampled_from(towns[admin1])), day)
    if draw(optional):
        clashes = draw(st.integers(1, 6))
    strikes_by = "russia" if name == "badia" and not new else "coalition"
    return Zone(name, lines, injured=injured, strikes_by=strikes_by, isis_killed_clashes=clashes,
                arrests=arrests, leader=leader)


@st.composite
def truths(draw) -> MonthTruth:
    """A month's ground truth with one or both zones and optional Daraa line and running totals."""
    month = draw(st.integers(*MONTHS))
    which = draw(st.sampled_from(("both", "sdf_areas", "badia")))
    sdf = draw(zones("sdf_areas", month)) if which in ("both", "sdf_areas") else None
    badia = draw(zones("badia", month)) if which in ("both", "badia") else None
    daraa = None
    if draw(st.booleans()):
        daraa = Daraa(draw(st.sampled_from(("isis", "government_forces"))), draw(st.integers(1, 6)))
    cumulative = None
    if draw(st.booleans()):
        end = month_period(month)[1]
        since = draw(st.sampled_from((dt.date(2019, 3, 24),) if end.month == 1
                                     else (dt.date(end.year, 1, 1), dt.date(2019, 3, 24))))
        since_2019 = since.year == 2019  # years of running totals behind it, hundreds at least
        extra = st.integers(150, 4000) if since_2019 else st.integers(0, 400)
        ops_extra = st.integers(150, 4000) if since_2019 else st.integers(1, 400)

        def total(zone: Zone | None, attribute: str) -> int:
            return zone.total(attribute) if zone is not None else 0

        cumulative = Cumulative(
            since,
            sdf_operations=total(sdf, "operations") + draw(ops_extra),
            sdf_killed=total(sdf, "military") + total(sdf, "civilians") + draw(extra),
            badia_operations=total(badia, "operations") + draw(ops_extra),
            badia_military=total(badia, "military") + draw(extra),
        )
    return MonthTruth(month, sdf=sdf, badia=badia, daraa=daraa, cumulative=cumulative)


def variations(options: dict[str, tuple[str, ...]] | None = None) -> st.SearchStrategy[Variations]:
    """Variation choices drawn from ``options`` (the default set when None), plainest first."""
    allowed = default_options() if options is None else options
    return st.builds(Variations, **{name: st.sampled_from(opts) for name, opts in allowed.items()})
