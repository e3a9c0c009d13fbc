"""English rendering of a synthetic month, in the style of the observatory's English versions of the series.

The English twin of ``render_ar.py``: it words exactly what ``stated.py`` decides a report states (totals
only, undivided tolls, rounded totals, headline figures, dropped sections), so an Arabic and an English
rendering of the same truth state the same figures and both parse back to ``expected_rows(truth, v)``.
Variation families that only make sense in Arabic (Arabic-Indic digits, tatweel, dual nouns, odd count
grammar) leave the English text as it is; obfuscation uses the English forms (``IS*IS``, ``ki*lled``,
``Is-lamic``) and ``implied_numbers=nouns`` writes a count of one as an article (``a civilian``). Wording
lives in ``data/synth_wording_en.toml``.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import re
import tomllib
from functools import lru_cache
from importlib import resources

from helpers.contract.calendar import month_names
from helpers.synth import stated
from helpers.synth.truth import Area, MonthTruth, Zone
from helpers.synth.variations import Variations
from helpers.text.lexicon import load_toml

_OPEN, _CLOSE = "‹", "›"
_APPROX = ("about", "nearly", "around", "approximately")
_AT_LEAST = ("over", "more than", "at least")


@lru_cache(maxsize=1)
def wording() -> dict:
    """The English wording table (``data/synth_wording_en.toml``)."""
    with resources.files("helpers.data").joinpath("synth_wording_en.toml").open("rb") as handle:
        return tomllib.load(handle)


@lru_cache(maxsize=1)
def _gazetteer_en() -> tuple[dict[str, str], ...]:
    with resources.files("helpers.data").joinpath("gazetteer.csv").open(encoding="utf-8") as handle:
        return tuple(row for row in csv.DictReader(handle) if row["lang"] == "en")


def governorate_en(admin1: str, rng: random.Random | None = None) -> str:
    """An English name of a governorate from the gazetteer (the first, or one drawn by ``rng``)."""
    names = [r["variant"] for r in _gazetteer_en() if r["admin1"] == admin1 and r["kind"] == "governorate"]
    if not names:
        raise KeyError(f"no English name for governorate {admin1!r} in the gazetteer")
    return rng.choice(names[:4]) if rng is not None else names[0]


def towns_en(admin1: str) -> tuple[str, ...]:
    """English town names of a governorate from the gazetteer (empty when it has none)."""
    return tuple(r["variant"] for r in _gazetteer_en() if r["admin1"] == admin1 and r["kind"] == "town")


@lru_cache(maxsize=1)
def _month_names_en() -> dict[int, str]:
    names: dict[int, str] = {}
    for name, number in month_names().items():
        if name.isascii() and len(name) > len(names.get(number, "")):
            names[number] = name
    return {n: name.capitalize() for n, name in names.items()}


def month_name_en(month: int) -> str:
    """The full English name of a calendar month (``November``)."""
    return _month_names_en()[month]


def number_words(value: int) -> str:
    """A number below 1000 in English words (``twenty-three``, ``one hundred and twelve``)."""
    table = load_toml("numbers_en.toml")
    by_value = {v: w for kind in ("units", "teens", "tens") for w, v in table[kind].items()}
    if not 0 < value < 1000:
        raise ValueError(f"no words for {value}")
    hundreds, rest = divmod(value, 100)
    words = [f"{by_value[hundreds]} hundred"] if hundreds else []
    if rest:
        tens, units = divmod(rest, 10)
        small = by_value[rest] if rest < 20 or not units else f"{by_value[tens * 10]}-{by_value[units]}"
        words.append(("and " if hundreds else "") + small)
    return " ".join(words)


def ordinal_words(value: int) -> str:
    """A month number as an English ordinal in words (``one hundred and twelfth``)."""
    table = load_toml("numbers_en.toml")
    ordinals = {
        v: w for kind in ("ordinal_units", "ordinal_teens", "ordinal_tens") for w, v in table[kind].items()
    }
    hundreds, rest = divmod(value, 100)
    if not rest:
        return f"{number_words(hundreds)} hundredth"
    tens, units = divmod(rest, 10)
    if rest < 20 or not units:
        tail = ordinals[rest]
    else:
        tail = f"{number_words(tens * 10)}-{ordinals[units]}"
    return f"{number_words(hundreds)} hundred and {tail}" if hundreds else tail


def ordinal_digits(value: int) -> str:
    """``112th``, ``101st``, ``92nd``, ``83rd``."""
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


class _Writer:
    """Writes one English report; holds the truth, the variations and the random source for wording."""

    def __init__(self, truth: MonthTruth, v: Variations, rng: random.Random) -> None:
        self.truth, self.v, self.rng, self.w = truth, v, rng, wording()
        era = "new" if truth.new_authorities else "regime"
        self.names = {**self.w["names"][v.forces], **self.w["names"][era][v.forces]}
        self.line_names = self.w["names"][era]["sample" if v.line_forces == "generic" else "varied"]
        self.body = self.w["counting_body"][v.counting_body]
        self.month_mentioned = False

    # --- small choices ----------------------------------------------------------------------------------
    def pick(self, options: list):
        return self.rng.choice(options)

    def qualifier_prefix(self, qualifier: str) -> str:
        if qualifier == "approximately":
            return self.pick(list(_APPROX)) + " "
        if qualifier == "at_least":
            return self.pick(list(_AT_LEAST)) + " "
        return ""

    def number(self, value: int) -> str:
        """One number: words for some or all numbers under 100, else digits (with separators if chosen)."""
        if value < 100 and (
            self.v.number_words == "all" or (self.v.number_words == "some" and self.rng.random() < 0.4)
        ):
            return number_words(value) if value else "0"  # zero is written in digits
        if value >= 1000 and self.v.large_numbers in ("separators", "mixed_words"):
            return f"{value:,}"
        return str(value)

    def counted(self, value: int, plural: str, one: tuple[str, str], qualifier: str = "exact") -> str:
        """A count with its noun: ``5 SDF members``, ``a combatant`` (implied), ``1 combatant``."""
        if value == 1 and qualifier == "exact":
            article, singular = one
            if self.v.implied_numbers == "nouns":
                return f"{article} {singular}"
            return f"{self.number(1)} {singular}"
        return f"{self.qualifier_prefix(qualifier)}{self.number(value)} {plural}"

    # --- counted phrases --------------------------------------------------------------------------------
    def ops(self, value: int, qualifier: str = "exact") -> str:
        noun = self.pick(["operations", "attacks"])
        if value == 1 and qualifier == "exact":
            return f"{self.number(1)} {noun[:-1]}"
        return f"{self.qualifier_prefix(qualifier)}{self.number(value)} {noun}"

    def military(self, zone: Zone, value: int, *, line: bool = False, qualifier: str = "exact") -> str:
        if zone.name == "sdf_areas":
            plural = self.pick(self.w["military"]["sdf"])
            one = self.pick(self.w["military"]["sdf_one"])
        else:
            plural = self.pick(self.line_names["gov_line"] if line else self.names["gov_military"])
            one = self.pick(self.w["military"]["gov_one"])
        return self.counted(value, plural, tuple(one), qualifier)

    def civilians(self, value: int, children: int = 0, women: int = 0, qualifier: str = "exact") -> str:
        text = self.counted(value, "civilians", ("a", "civilian"), qualifier)
        if stated.states_subcounts(self.v) and (children or women):
            among = [
                self.counted(children, "children", ("a", "child")) if children else "",
                self.counted(women, "women", ("a", "woman")) if women else "",
            ]
            text += ", including " + " and ".join(p for p in among if p) + ","
        return text

    def members(self, value: int, qualifier: str = "exact") -> str:
        return self.counted(
            value,
            self.pick(self.w["military"]["isis"]),
            tuple(self.pick(self.w["military"]["isis_one"])),
            qualifier,
        )

    def persons(self, value: int, qualifier: str = "exact") -> str:
        return self.counted(value, self.pick(["people", "persons"]), ("a", "person"), qualifier)

    def join(self, pieces: list[str]) -> str:
        """Pieces joined by commas and a final "and" (a comma already closes a sub-count)."""
        pieces = [p for p in pieces if p]
        if len(pieces) < 2:
            return pieces[0].rstrip(",") if pieces else ""
        head = ", ".join(p.rstrip(",") for p in pieces[:-1])
        joiner = ", and " if pieces[-2].endswith(",") else " and "
        return head + joiner + pieces[-1].rstrip(",")

    # --- month and dates --------------------------------------------------------------------------------
    def month_fields(self) -> dict[str, str]:
        end = self.truth.period[1]
        return {
            "n": str(self.truth.month),
            "nth": ordinal_digits(self.truth.month),
            "ordinal": ordinal_words(self.truth.month),
            "month_name": month_name_en(end.month),
            "year": str(end.year),
        }

    def when(self) -> str:
        if self.month_mentioned:
            return self.pick(self.w["month_again"]["phrases"])
        self.month_mentioned = True
        return self.pick(self.w["month_phrase"][self.v.month_phrase]).format(**self.month_fields())

    def date(self, day: dt.date, *, with_year: bool = False) -> str:
        name = month_name_en(day.month)
        if with_year:
            return f"{name} {day.day}, {day.year}"
        return self.pick([f"{name} {day.day}", f"{day.day} {name}"])

    # --- tolls ------------------------------------------------------------------------------------------
    def parts(
        self, zone: Zone, civ: int, mil: int, children: int, women: int, qualifiers: str = "exact"
    ) -> str:
        pieces = []
        if mil:
            value, qualifier = stated.qualified(mil, qualifiers)
            pieces.append(self.military(zone, value, qualifier=qualifier))
        if civ:
            value, qualifier = stated.qualified(civ, qualifiers)
            pieces.append(self.civilians(value, children, women, qualifier))
        if (
            zone.name == "sdf_areas"
            and len(pieces) == 2
            and self.rng.random() < 0.5
            and not pieces[1].endswith(",")
        ):
            pieces.reverse()
        return self.join(pieces)

    def toll(self, zone: Zone) -> str:
        civ, mil = zone.total("civilians"), zone.total("military")
        children, women = zone.total("children"), zone.total("women")
        kind = stated.toll_kind(civ, mil, self.v, zone.name)
        templates = self.w["toll"]
        if kind == "none":
            text = self.pick(templates["none"])
        elif kind == "parts":
            text = self.pick(templates["parts"]).format(
                parts=self.parts(zone, civ, mil, children, women, self.v.qualifiers)
            )
        else:
            value, qualifier = stated.qualified(civ + mil, self.v.qualifiers)
            text = self.pick(templates["split"]).format(
                n_persons=self.persons(value, qualifier), parts=self.parts(zone, civ, mil, children, women)
            )
        text = text.rstrip(",")
        if stated.keeps_optional(self.v) and zone.injured:
            text += self.pick(templates["injured"]).format(n_persons=self.persons(zone.injured))
        return text

    # --- zone sections ----------------------------------------------------------------------------------
    def zone_section(self, zone: Zone) -> list[str]:
        ops_value, ops_q = stated.qualified(
            zone.total("operations") + stated.ops_offset(self.truth, zone, self.v), self.v.qualifiers
        )
        key = "sdf" if zone.name == "sdf_areas" else "badia"
        fields = {
            "when": self.when(),
            "body": self.pick(self.body["first"]),
            "ops": self.ops(ops_value, ops_q),
            "zone": self.pick(self.names["sdf_zone"]),
            "toll": self.toll(zone),
        }
        paragraphs = []
        if key == "badia" and self.v.prose != "none":
            paragraphs.append(self.pick(self.w["badia"]["context"]))
        paragraphs.append(self.pick(self.w[key]["summary"]).format(**fields))
        strikes = zone.total("isis_killed")
        if strikes:
            value, qualifier = stated.qualified(strikes, self.v.qualifiers)
            name = zone.strikes_by if key == "badia" else f"sdf_{zone.strikes_by}"
            paragraphs.append(
                self.pick(self.w["strikes"][name]).format(members=self.members(value, qualifier))
            )
        if stated.keeps_optional(self.v) and zone.isis_killed_clashes:
            template = self.pick(self.w["clashes"][zone.clash_perpetrator])
            paragraphs.append(
                template.format(
                    members=self.members(zone.isis_killed_clashes),
                    sdf_forces=self.pick(self.names["sdf_forces"]),
                )
            )
        if stated.shows_breakdown(zone, self.v):
            paragraphs = self.breakdown(zone, paragraphs)
        if stated.keeps_optional(self.v):
            if zone.arrests is not None:
                paragraphs.append(self.arrests(zone))
            if zone.leader is not None:
                paragraphs.append(self.leader(zone))
        return paragraphs

    def line(self, zone: Zone, area: Area) -> str:
        b = self.w["breakdown"]
        place = self.pick(b["sdf_place" if zone.name == "sdf_areas" else "badia_place"]).format(
            gov=governorate_en(area.admin1, self.rng)
        )
        pieces = []
        if area.military:
            pieces.append(self.military(zone, area.military, line=True))
        if area.civilians:
            pieces.append(self.civilians(area.civilians, area.children, area.women))
        if area.isis_killed and stated.strikes_in_lines(zone, self.v):
            pieces.append(self.members(area.isis_killed))
        ops = f"{self.number(area.operations)} operation{'s' if area.operations > 1 else ''}"
        if pieces:
            effect = self.pick(b["effect"]).format(parts=self.join(pieces))
        else:
            effect = self.pick(b["no_effect"])
        return f"{ops} {place}, {effect}"

    def breakdown(self, zone: Zone, paragraphs: list[str]) -> list[str]:
        lines = [self.line(zone, area) for area in zone.areas]
        layout = self.v.breakdown_layout
        b = self.w["breakdown"]
        if layout == "inline":
            text = self.pick(b["intro_inline"]) + "; ".join(lines) + "."
            paragraphs.append(text)
            return paragraphs
        bullet = b["bullets"].get(layout, "")
        body = [f"{bullet}{text}" for text in lines]
        if self.rng.random() < 0.5:
            body[-1] += "."
        return paragraphs + [self.pick(b["intro"])] + body

    def arrests(self, zone: Zone) -> str:
        a = zone.arrests
        w = self.w["arrests"]
        value, qualifier = (
            (a.value, "exact") if len(a.places) == 1 else stated.qualified(a.value, self.v.qualifiers)
        )
        who = self.pick(w["who"])
        n = f"{self.qualifier_prefix(qualifier)}{self.number(value)} {who}"
        names = [governorate_en(p, self.rng) for p in a.places]
        places = "in " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])
        leaders = ""
        if a.leaders and stated.states_subcounts(self.v):
            count = self.counted(a.leaders, "ISIS leaders", ("an", "ISIS leader"))
            leaders = self.pick(w["leaders"]).format(n=count)
        return self.pick(w[a.perpetrator]).format(
            n=n, places=places, leaders=leaders, sdf_forces=self.pick(self.names["sdf_forces"])
        )

    def leader(self, zone: Zone) -> str:
        event = zone.leader
        gov = governorate_en(event.admin1, self.rng)
        if zone.name == "badia":
            where = f"{gov} desert"
        else:
            towns = towns_en(event.admin1)
            where = f"{self.pick(list(towns))} in {gov} countryside" if towns else f"{gov} countryside"
        return self.pick(self.w["leader"][event.perpetrator]).format(date=self.date(event.date), where=where)

    def daraa(self) -> str:
        d = self.truth.daraa
        if d.group == "isis":
            return self.pick(self.w["daraa"]["isis"]).format(members=self.members(d.value))
        victims = self.counted(
            d.value, self.pick(self.names["gov_forces"] if d.value > 1 else ["soldiers"]), ("a", "soldier")
        )
        return self.pick(self.w["daraa"]["government_forces"]).format(victims=victims)

    # --- running totals ---------------------------------------------------------------------------------
    def since(self, again: bool) -> str:
        c = self.truth.cumulative
        w = self.w["cumulative"]
        if again:
            return self.pick(w["again"])
        if c.since.month == 1 and c.since.day == 1:
            return self.pick(w["since_year"]).format(year=c.since.year)
        return self.pick(w["since_2019"]).format(
            day=c.since.day, month_name=month_name_en(c.since.month), year=c.since.year
        )

    def large(self, value: int, plural: str) -> str:
        return f"{self.number(value)} {plural}" if value != 1 else f"1 {plural.rstrip('s')}"

    def cumulative(self, zone: Zone, again: bool) -> str:
        c = self.truth.cumulative
        w = self.w["cumulative"]
        since = self.since(again)
        body = self.pick(self.body["again"])
        if zone.name == "sdf_areas":
            key = "sdf" if c.sdf_killed else "sdf_no_deaths"
            return self.pick(w[key]).format(
                since=since,
                body=body,
                ops=self.large(c.sdf_operations, "operations"),
                dead=self.large(c.sdf_killed, "people"),
            )
        key = "badia" if c.badia_military else "badia_no_deaths"
        return self.pick(w[key]).format(
            since=since,
            ops=self.large(c.badia_operations, "operations"),
            military=self.large(c.badia_military, "members of regime forces"),
        )

    # --- title block and prose --------------------------------------------------------------------------
    def title_block(self, body_rows: list[stated.Row]) -> list[str]:
        if self.v.headline == "none":
            return []
        t = self.w["title"]
        month_title = self.pick(self.w["month_title"][self.v.month_phrase]).format(**self.month_fields())
        headline = stated.headline_rows(self.truth, self.v, body_rows)
        if self.v.headline == "title":
            ops = headline[0]
            key = "both" if ops.zone == "all" else ops.zone
            return [self.pick(t[key]).format(month_title=month_title, ops=self.ops(ops.value, ops.qualifier))]
        lines, parts = [month_title], []
        by_key = {(r.zone, r.measure): r for r in headline}
        badia = by_key.get(("badia", "killed"))
        if badia is not None:
            n_dead = self.qualifier_prefix(badia.qualifier) + self.number(badia.value)
            parts.append(
                self.pick(t["subtitle_badia"]).format(
                    n_dead=n_dead, gov_forces=self.pick(self.names["gov_forces"])
                )
            )
        sdf_ops = by_key.get(("sdf_areas", "operations"))
        if sdf_ops is not None:
            ops_text = self.ops(sdf_ops.value, sdf_ops.qualifier)
            killed = by_key.get(("sdf_areas", "killed"))
            if killed is not None:
                parts.append(
                    self.pick(t["subtitle_sdf"]).format(ops=ops_text, n_dead=self.number(killed.value))
                )
            else:
                parts.append(self.pick(t["subtitle_sdf_ops"]).format(ops=ops_text))
        if parts:
            lines.append(".. ".join(p[0].upper() + p[1:] for p in parts))
        if self.v.counting_body == "observatory":
            lines.append(self.pick(t["observatory"]))
        lines.append(self.date(self.truth.period[1] + dt.timedelta(days=1), with_year=True))
        lines.append(str(self.rng.randint(300, 9000)))
        return lines

    def prose(self, key: str) -> list[str]:
        return [self.pick(self.w["prose"][key])]


def _quote(text: str, style: str) -> str:
    opening, closing = wording()["quotes"].get(style, ('"', '"'))
    return text.replace(_OPEN, opening).replace(_CLOSE, closing)


def _obfuscate(text: str, style: str, rng: random.Random) -> str:
    """Disguise the words the English versions disguise, each with probability 0.7 (the first always)."""
    if style == "none":
        return text
    table = wording()["obfuscation"]
    pattern = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, table), key=len, reverse=True)) + r")\b")
    return stated.disguise(text, pattern, table.__getitem__, rng)


def _capitalise(paragraph: str) -> str:
    return paragraph[:1].upper() + paragraph[1:]


def render_english(truth: MonthTruth, v: Variations, rng: random.Random) -> str:
    """Write ``truth`` as an English report of the series with variations ``v`` (the ``RENDERERS`` signature).

    Args:
        truth: The month's ground truth.
        v: The variation choices.
        rng: Random source for wording choices that do not change the figures.

    Returns:
        The report text, one paragraph or line per text line.
    """
    paragraphs = stated.paragraphs(_Writer(truth, v, rng), truth, v)
    text = "\n".join(_capitalise(p) for p in paragraphs) + "\n"
    text = _quote(text, v.quotes)
    return _obfuscate(text, v.obfuscation, rng)


def render_en(truth: MonthTruth, variations: Variations | None = None, seed: int = 0) -> str:
    """Write ``truth`` as an English report; deterministic given (truth, variations, seed)."""
    return render_english(truth, variations or Variations(), random.Random(seed))
