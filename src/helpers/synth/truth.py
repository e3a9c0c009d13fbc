"""The ground truth of one synthetic month: what happened, area by area, before any wording is chosen.

A ``MonthTruth`` holds facts only (counts per area, arrests, a leader killed, a Daraa incident, running
totals).
Zone totals are derived from the areas, so a truth is internally consistent by construction; a report that
contradicts itself is a rendering choice (``Variations.arithmetic``), never a different truth.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from helpers.contract.calendar import month_period

ZONE_NAMES = ("sdf_areas", "badia")
MILITARY_GROUP = {"sdf_areas": "sdf", "badia": "government_forces"}
SDF_AREAS = ("Deir ez-Zor", "Hasakah", "Raqqa", "Aleppo")
BADIA_AREAS = ("Homs", "Deir ez-Zor", "Hama", "Raqqa", "Aleppo")
NEW_AUTHORITIES_FROM = 126
"""First month written with the new authorities' wording (from 29 Dec 2024; Damascus fell on 8 Dec)."""


@dataclass(frozen=True, slots=True)
class Area:
    """One breakdown line: ISIS operations in one governorate of a zone and the deaths they caused.

    Attributes:
        admin1: Governorate (English, as in the figures table).
        operations: ISIS operations (1 or more).
        military: Military killed by ISIS (SDF in ``sdf_areas``, government forces in ``badia``).
        civilians: Civilians killed by ISIS.
        children: Children among ``civilians``.
        women: Women among ``civilians``.
        isis_killed: ISIS members killed here by air strikes (the zone's ``strikes_by``).
    """

    admin1: str
    operations: int
    military: int = 0
    civilians: int = 0
    children: int = 0
    women: int = 0
    isis_killed: int = 0

    def __post_init__(self) -> None:
        if self.operations < 1:
            raise ValueError(f"an area line needs at least one operation: {self}")
        if min(self.military, self.civilians, self.children, self.women, self.isis_killed) < 0:
            raise ValueError(f"counts cannot be negative: {self}")
        if self.children + self.women > self.civilians:
            raise ValueError(f"children and women are among the civilians: {self}")


@dataclass(frozen=True, slots=True)
class Arrests:
    """ISIS suspects arrested in a zone; one named place makes it a breakdown figure of that governorate."""

    value: int
    perpetrator: str
    places: tuple[str, ...]
    leaders: int = 0

    def __post_init__(self) -> None:
        if self.value < 1 or not 0 <= self.leaders < self.value or not self.places:
            raise ValueError(f"inconsistent arrests: {self}")


@dataclass(frozen=True, slots=True)
class LeaderKilled:
    """An ISIS leader killed in a named place on a day inside the month (a figure of 1 and an event)."""

    admin1: str
    town: str
    date: dt.date
    perpetrator: str = "coalition"


@dataclass(frozen=True, slots=True)
class Zone:
    """One zone of the report (SDF areas or the Badia) with its area lines and zone-level facts.

    Attributes:
        name: ``sdf_areas`` or ``badia``.
        areas: The breakdown lines, in report order.
        injured: People injured by ISIS in the zone (stated as a zone total only).
        strikes_by: Who carried out the air strikes that killed the areas' ``isis_killed``.
        isis_killed_clashes: ISIS members killed in clashes with the zone's own forces (zone total only).
        arrests: Arrests in the zone, if any were reported.
        leader: A leader killed in the zone, if any.
    """

    name: str
    areas: tuple[Area, ...]
    injured: int = 0
    strikes_by: str = "russia"
    isis_killed_clashes: int = 0
    arrests: Arrests | None = None
    leader: LeaderKilled | None = None

    def __post_init__(self) -> None:
        if self.name not in ZONE_NAMES:
            raise ValueError(f"unknown zone {self.name!r}")
        if not self.areas:
            raise ValueError("a zone needs at least one area line")
        names = [a.admin1 for a in self.areas]
        if len(set(names)) != len(names):
            raise ValueError(f"an area appears twice: {names}")

    @property
    def military_group(self) -> str:
        """The figures-table group of this zone's military (``sdf`` or ``government_forces``)."""
        return MILITARY_GROUP[self.name]

    @property
    def clash_perpetrator(self) -> str:
        """Who killed the ISIS members that died in clashes (the zone's own forces)."""
        return MILITARY_GROUP[self.name]

    def total(self, attribute: str) -> int:
        """Sum of one area attribute over the zone (``operations``, ``military``, ``civilians`` ...)."""
        return sum(getattr(a, attribute) for a in self.areas)


@dataclass(frozen=True, slots=True)
class Daraa:
    """The occasional Daraa line: ISIS members killed by unknown gunmen, or soldiers killed by ISIS."""

    group: str
    value: int

    @property
    def perpetrator(self) -> str:
        """``unknown`` for ISIS members killed in security incidents, ``isis`` for its victims."""
        return "unknown" if self.group == "isis" else "isis"


@dataclass(frozen=True, slots=True)
class Cumulative:
    """Running totals since ``since`` (start of the year or the 2019 defeat), this month included."""

    since: dt.date
    sdf_operations: int
    sdf_killed: int
    badia_operations: int
    badia_military: int

    def __post_init__(self) -> None:
        operations = (self.sdf_operations, self.badia_operations)
        if min(operations) < 1 or min(self.sdf_killed, self.badia_military) < 0:
            raise ValueError(f"running totals count at least this month's operations: {self}")


@dataclass(frozen=True, slots=True)
class MonthTruth:
    """Everything one synthetic monthly report states, before wording: the ground truth of a round trip."""

    month: int
    sdf: Zone | None = None
    badia: Zone | None = None
    daraa: Daraa | None = None
    cumulative: Cumulative | None = None
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.sdf is None and self.badia is None:
            raise ValueError("a report covers at least one zone")
        if self.sdf is not None and self.sdf.name != "sdf_areas":
            raise ValueError("the sdf slot holds the sdf_areas zone")
        if self.badia is not None and self.badia.name != "badia":
            raise ValueError("the badia slot holds the badia zone")

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        """First and last day of the caliphate month."""
        return month_period(self.month)

    @property
    def new_authorities(self) -> bool:
        """Whether the month falls after December 2024, when the government side is named differently."""
        return self.month >= NEW_AUTHORITIES_FROM

    def zones(self) -> tuple[Zone, ...]:
        """The zones present, SDF areas first."""
        return tuple(z for z in (self.sdf, self.badia) if z is not None)
