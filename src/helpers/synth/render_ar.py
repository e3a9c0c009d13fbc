"""Arabic rendering of a synthetic month in the style of the series, with the chosen variations.

The renderer only words what ``stated.py`` decides a report states: content decisions (totals only, undivided
tolls, rounded totals, headline figures, dropped sections) come from the shared predicates there, and every
other choice (synonyms, word order, which template) is drawn from a seeded ``random.Random``, so a report is
a pure function of (truth, variations, seed). Wording lives in ``data/synth_wording.toml``.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import tomllib
from functools import lru_cache
from importlib import resources

from helpers.synth import stated
from helpers.synth.arabic_numbers import (
    THOUSANDS_SEPARATORS,
    bare,
    convert_digits,
    counted,
    ends_with_number_word,
    group_digits,
    noun,
    ordinal_words,
    thousands_mixed,
)
from helpers.synth.places import governorate_ar, month_name_ar
from helpers.synth.truth import Area, MonthTruth, Zone
from helpers.synth.variations import Variations

_OPEN, _CLOSE = "‹", "›"
_APPROX = ("نحو", "قرابة", "حوالي")
_AT_LEAST = ("أكثر من", "ما يزيد عن", "ما لا يقل عن")
_DIGIT_RUN = re.compile(r"\d+(?:[,\u066c]\d{3})*")


@lru_cache(maxsize=1)
def wording() -> dict:
    """The wording table (``data/synth_wording.toml``)."""
    with resources.files("helpers.data").joinpath("synth_wording.toml").open("rb") as handle:
        return tomllib.load(handle)


class _Writer:
    """Writes one report; holds the truth, the variations and the random source for wording choices."""

    def __init__(self, truth: MonthTruth, v: Variations, rng: random.Random) -> None:
        self.truth, self.v, self.rng, self.w = truth, v, rng, wording()
        era = "new" if truth.new_authorities else "regime"
        self.names = {**self.w["names"][v.forces], **self.w["names"][era][v.forces]}
        lines = "sample" if v.line_forces == "generic" else "varied"
        self.line_names = {**self.w["names"][lines], **self.w["names"][era][lines]}
        self.body = self.w["counting_body"][v.counting_body]
        self.month_mentioned = False

    # --- small choices ----------------------------------------------------------------------------------
    def pick(self, options: list[str]) -> str:
        return self.rng.choice(options)

    def name(self, key: str) -> str:
        return self.pick(self.names[key])

    def qualifier_prefix(self, qualifier: str) -> str:
        if qualifier == "approximately":
            return self.pick(list(_APPROX)) + " "
        if qualifier == "at_least":
            return self.pick(list(_AT_LEAST)) + " "
        return ""

    def style(self, value: int) -> str:
        """How one number is written: ``implied``, ``words``, ``odd`` or ``digits``."""
        if value in (1, 2) and self.v.implied_numbers == "nouns":
            return "implied"
        one_compound = value > 10 and value % 10 == 1
        if value <= 99 and not (one_compound and self.v.compound_one == "digits") and (
                self.v.number_words == "all"
                or (self.v.number_words == "some" and self.rng.random() < 0.4)):
            return "words"
        if self.v.count_grammar == "odd" and 3 <= value <= 10 and self.rng.random() < 0.5:
            return "odd"
        return "digits"

    # --- counted phrases --------------------------------------------------------------------------------
    def ops(self, value: int, case: str = "acc", qualifier: str = "exact",
            noun_name: str = "operation") -> str:
        style = self.style(value)
        if style == "implied" and value == 1:
            style = "one"
        return self.qualifier_prefix(qualifier) + counted(value, noun_name, style=style, case=case)

    def military(self, zone: Zone, value: int, *, line: bool = False, case: str = "acc",
                 qualifier: str = "exact") -> str:
        prefix = "sdf" if zone.name == "sdf_areas" else "gov"
        style = self.style(value)
        if qualifier == "exact" and style == "implied":
            unit = self.pick((self.line_names if line else self.names)[f"{prefix}_member_unit"])
            return f"{counted(value, 'member', style='implied', case=case)} من {unit}"
        if line and style == "odd":
            return f"{value} عسكريين"
        if style == "odd":
            style = "digits"
        phrase = (self.pick(self.line_names[f"{prefix}_military_line"]) if line
                  else self.name(f"{prefix}_military"))
        return f"{self.qualifier_prefix(qualifier)}{bare(value, style=style, case=case)} من {phrase}"

    def civilians(self, value: int, children: int = 0, women: int = 0, *, case: str = "acc",
                  qualifier: str = "exact", tail: bool = False) -> str:
        style = self.style(value)
        if qualifier == "exact" and value == 1 and style in ("digits", "odd"):
            style = self.pick(["implied", "digits"])
        if qualifier != "exact" and style == "implied":
            style = "digits"
        if style == "implied":
            text = counted(value, "civilian", style="implied", case=case)
        elif style == "words":
            text = counted(value, "civilian", style="words", case=case)
        elif self.rng.random() < 0.5 and not tail:
            text = f"{value} من المدنيين"
        else:
            text = counted(value, "civilian", style="digits" if style != "odd" else "odd", case=case)
        text = self.qualifier_prefix(qualifier) + text
        if tail and style != "implied":
            text += " " + self.pick(self.w["badia"]["civilians_tail"])
        if stated.states_subcounts(self.v) and (children or women):
            among = [self.subcount(children, "child"), self.subcount(women, "woman")]
            text += " بينهم " + " و".join(p for p in among if p)
        return text

    def subcount(self, value: int, noun_name: str) -> str:
        if not value:
            return ""
        style = self.style(value)
        return counted(value, noun_name, style="implied" if value <= 2 else style, case="nom")

    def members(self, value: int, *, case: str = "acc", line: bool = False, qualifier: str = "exact") -> str:
        """ISIS members: ``13 من عناصر التنظيم``, ``عنصران من التنظيم``, ``13 من التنظيم`` (in a line)."""
        style = self.style(value)
        if style == "implied" and qualifier == "exact":
            return f"{counted(value, 'member', style='implied', case=case)} من التنظيم"
        if style in ("implied", "odd"):
            style = "digits"
        prefix = self.qualifier_prefix(qualifier)
        if line:
            group = self.pick(["التنظيم", "عناصر التنظيم"])
            return f"{prefix}{bare(value, style=style, case=case)} من {group}"
        if style == "digits" and value >= 3 and self.rng.random() < 0.4:
            return f"{prefix}{counted(value, 'member', case=case)} من التنظيم"
        return f"{prefix}{bare(value, style=style, case=case)} من عناصر التنظيم"

    def persons(self, value: int, noun_name: str, *, case: str = "acc", qualifier: str = "exact") -> str:
        style = self.style(value)
        if style == "odd":
            style = "digits"
        if qualifier != "exact" and style == "implied":
            style = "digits"
        return self.qualifier_prefix(qualifier) + counted(value, noun_name, style=style, case=case)

    def large(self, value: int, noun_name: str | None, *, case: str = "acc") -> str:
        """A running total: digits, digits with separators, or digits and words mixed for thousands."""
        if value >= 1000 and self.v.large_numbers == "separators":
            separator = self.pick([THOUSANDS_SEPARATORS["comma"], THOUSANDS_SEPARATORS["arabic"]])
            text = group_digits(value, separator)
        elif 1000 <= value < 11000 and self.v.large_numbers == "mixed_words":
            text = thousands_mixed(value, case)
        elif value < 1000 and noun_name is not None:
            style = self.style(value)
            return counted(value, noun_name, style="digits" if style == "implied" else style, case=case)
        else:
            text = str(value)
        if noun_name is None:
            return text
        n = noun(noun_name)
        return f"{text} {n.plural if 3 <= value <= 10 else n.tamyiz}"

    # --- month and dates --------------------------------------------------------------------------------
    def month_fields(self) -> dict[str, str]:
        end = self.truth.period[1]
        return {"n": str(self.truth.month), "ordinal": ordinal_words(self.truth.month),
                "calendar_month": month_name_ar(end.month, "levantine"), "year": str(end.year)}

    def when(self) -> str:
        if self.month_mentioned and self.rng.random() < 0.6:
            return self.pick(self.w["month_again"]["phrases"])
        self.month_mentioned = True
        return self.pick(self.w["month_phrase"][self.v.month_phrase]).format(**self.month_fields())

    def date(self, day: dt.date, *, with_year: bool = False) -> str:
        lev, egy = month_name_ar(day.month, "levantine"), month_name_ar(day.month, "egyptian")
        if self.v.dates == "levantine":
            name = lev
        elif self.v.dates == "egyptian":
            name = egy
        else:
            name = self.pick([f"{lev}/{egy}", f"{egy}/{lev}"])
        text = f"{day.day} {name}"
        return f"{text} {day.year}" if with_year else text

    # --- tolls ------------------------------------------------------------------------------------------
    def parts(self, zone: Zone, civ: int, mil: int, children: int, women: int, *, case: str,
              qualifiers: str = "exact", split: bool = False) -> str:
        """The killed groups of a toll, joined (``مدني، و5 من القوات العسكرية``), each qualified as stated."""
        pieces = []
        if civ:
            value, qualifier = stated.qualified(civ, qualifiers)
            pieces.append(("civ", self.civilians(value, children, women, case=case, qualifier=qualifier,
                                                 tail=zone.name == "badia" and not split)))
        if mil:
            value, qualifier = stated.qualified(mil, qualifiers)
            pieces.append(("mil", self.military(zone, value, case=case, qualifier=qualifier)))
        if zone.name == "sdf_areas" and self.rng.random() < 0.5:
            pieces.reverse()
        elif zone.name == "badia":
            pieces.sort(key=lambda p: p[0] != "mil")
        return self.join([text for _, text in pieces], bool(civ and (children or women)))

    def join(self, pieces: list[str], after_subcount: bool = False) -> str:
        """Killed groups joined by ``، و`` or `` و``.

        Always the comma after a ``بينهم`` sub-count or after a number word, so that ``مدني واحد و``
        followed by ``عشرين من ...`` cannot read as one number (21).
        """
        comma = after_subcount and stated.states_subcounts(self.v)
        text = pieces[0] if pieces else ""
        for piece in pieces[1:]:
            joiner = "، و" if comma or ends_with_number_word(text) else self.pick(["، و", " و"])
            text += joiner + piece
        return text

    def toll(self, zone: Zone) -> str:
        civ, mil = zone.total("civilians"), zone.total("military")
        children, women = zone.total("children"), zone.total("women")
        kind = stated.toll_kind(civ, mil, self.v, zone.name)
        templates = self.w["toll"]
        if kind == "none":
            text = self.pick(templates["none"])
        elif kind == "parts":
            template = self.pick(templates["parts"])
            case = "nom" if template.startswith("قُتل") else "acc"
            text = template.format(parts=self.parts(zone, civ, mil, children, women, case=case,
                                                    qualifiers=self.v.qualifiers))
        else:
            value, qualifier = stated.qualified(civ + mil, self.v.qualifiers)
            fields = {
                "n_persons": self.persons(value, "person", qualifier=qualifier),
                "n_dead": self.persons(value, "dead", qualifier=qualifier),
                "n_martyrs": self.persons(value, "martyr_dead", qualifier=qualifier),
                "parts": self.parts(zone, civ, mil, children, women, case="nom", split=True),
            }
            text = self.pick(templates[kind]).format(**fields)
        if stated.keeps_optional(self.v) and zone.injured:
            text += self.pick(templates["injured"]).format(n_persons=self.persons(zone.injured, "person",
                                                                                  case="nom"))
        return text

    # --- zone sections ----------------------------------------------------------------------------------
    def zone_section(self, zone: Zone) -> list[str]:
        ops_value, ops_q = stated.qualified(
            zone.total("operations") + stated.ops_offset(self.truth, zone, self.v), self.v.qualifiers)
        fields = {
            "verb": self.pick(self.body["verb"]),
            "body": self.pick(self.body["first"] if not self.month_mentioned else self.body["again"]),
            "when": self.when(),
            "ops": self.ops(ops_value, qualifier=ops_q),
            "org": self.name("org"),
            "zone": self.name("sdf_zone"),
            "gov_forces": self.name("gov_forces"),
            "toll": self.toll(zone),
        }
        key = "sdf" if zone.name == "sdf_areas" else "badia"
        summary = self.pick(self.w[key]["summary"]).format(**fields)
        paragraphs = []
        if key == "badia" and self.v.prose != "none":
            paragraphs.append(self.pick(self.w["badia"]["context"]).format(**fields))
        paragraphs.append(summary)
        strikes = zone.total("isis_killed")
        if strikes:
            value, qualifier = stated.qualified(strikes, self.v.qualifiers)
            template = self.pick(self.w["strikes"][zone.strikes_by])
            paragraphs.append(template.format(members=self.members(value, case="nom", qualifier=qualifier)))
        if stated.keeps_optional(self.v) and zone.isis_killed_clashes:
            template = self.pick(self.w["clashes"][zone.clash_perpetrator])
            paragraphs.append(template.format(members=self.members(zone.isis_killed_clashes, case="nom"),
                                              gov_forces=self.name("gov_forces"),
                                              sdf_forces=self.name("sdf_forces")))
        if stated.shows_breakdown(zone, self.v):
            paragraphs = self.breakdown(zone, paragraphs)
        if stated.keeps_optional(self.v):
            if zone.arrests is not None:
                paragraphs.append(self.arrests(zone))
            if zone.leader is not None:
                paragraphs.append(self.leader(zone))
        return paragraphs

    def line(self, zone: Zone, area: Area) -> str:
        ops_text = self.ops(area.operations, case="nom")
        dual = ops_text in (noun("operation").dual_nom, noun("operation").dual_acc)
        if self.v.count_grammar == "odd" and area.operations == 1 and self.rng.random() < 0.3:
            ops_text = "1"
        places = self.w["breakdown"]["sdf_place" if zone.name == "sdf_areas" else "badia_place"]
        place = self.pick(places).format(gov=governorate_ar(area.admin1))
        pieces = []
        if area.military:
            pieces.append(self.military(zone, area.military, line=True))
        if area.civilians:
            pieces.append(self.civilians(area.civilians, area.children, area.women))
        if zone.name == "sdf_areas" and len(pieces) == 2 and self.rng.random() < 0.5:
            pieces.reverse()
        if area.isis_killed and stated.strikes_in_lines(zone, self.v):
            pieces.append(self.members(area.isis_killed, line=True))
        suffix = "_dual" if dual else ""
        if pieces:
            parts = self.join(pieces, bool(area.children or area.women))
            effect = self.pick(self.w["breakdown"]["effect" + suffix]).format(parts=parts)
        else:
            effect = self.pick(self.w["breakdown"]["no_effect" + suffix])
        return f"{ops_text} {place} {effect}"

    def breakdown(self, zone: Zone, paragraphs: list[str]) -> list[str]:
        lines = [self.line(zone, area) for area in zone.areas]
        layout = self.v.breakdown_layout
        if layout == "inline":
            joiner = "، و" if zone.name == "sdf_areas" else "؛ "
            text = self.pick(self.w["breakdown"]["intro_inline"]) + joiner.join(lines) + "."
            summary_at = 1 if zone.name == "badia" and self.v.prose != "none" else 0
            paragraphs[summary_at] = paragraphs[summary_at] + " " + text
            return paragraphs
        bullet = self.w["breakdown"]["bullets"].get(layout, "")
        if layout == "dash":
            bullet = self.pick([bullet, "- "])
        body = [f"{bullet}{text}" for text in lines]
        if self.rng.random() < 0.5:
            body[-1] += "."
        # A line ending in a number word gets a full stop: without one the parser reads it together with a
        # number word opening the next line (مدنيين اثنين / عشر عمليات -> 12).
        body = [line + "." if i < len(body) - 1 and ends_with_number_word(line) else line
                for i, line in enumerate(body)]
        return paragraphs + [self.pick(self.w["breakdown"]["intro"])] + body

    def arrests(self, zone: Zone) -> str:
        a = zone.arrests
        w = self.w["arrests"]
        # Arrest counts are never implied by a noun (اعتقلت ... عنصرين): the parser does not read that yet.
        style = self.style(a.value)
        style = "digits" if style in ("odd", "implied") else style
        value, qualifier = ((a.value, "exact") if len(a.places) == 1
                            else stated.qualified(a.value, self.v.qualifiers))
        n = f"{self.qualifier_prefix(qualifier)}{bare(value, style=style)} {self.pick(w['who'])}"
        names = [governorate_ar(p) for p in a.places]
        if len(names) == 1:
            places = self.pick(w["places_one"]).format(a=names[0])
        elif len(names) == 2:
            places = self.pick(w["places_two"]).format(a=names[0], b=names[1])
        else:
            listed = " و".join(names)
            places = self.pick(w["places_many"]).format(list=listed)
        leaders = ""
        if a.leaders and stated.states_subcounts(self.v):
            style = self.style(a.leaders)
            leaders = self.pick(w["leaders"]).format(
                n=counted(a.leaders, "leader", style="implied" if a.leaders <= 2 else style, case="nom"))
        template = self.pick(w[a.perpetrator])
        return template.format(n=n, places=places, leaders=leaders, sdf_forces=self.name("sdf_forces"),
                               sdf_security=self.name("sdf_security"))

    def leader(self, zone: Zone) -> str:
        event = zone.leader
        return self.pick(self.w["leader"]["templates"]).format(
            date=self.date(event.date), town=event.town, gov=governorate_ar(event.admin1),
            sdf_forces=self.name("sdf_forces"))

    def daraa(self) -> str:
        d = self.truth.daraa
        if d.group == "isis":
            return self.pick(self.w["daraa"]["isis"]).format(members=self.members(d.value, case="nom"))
        style = self.style(d.value)
        unit = self.name("gov_daraa")
        if style == "implied":
            member = counted(d.value, "member", style="implied", case="nom")
            victims = f"{member} من {unit.removeprefix('عناصر ')}"
        else:
            victims = f"{bare(d.value, style='digits' if style == 'odd' else style, case='nom')} من {unit}"
        return self.pick(self.w["daraa"]["government_forces"]).format(victims=victims)

    # --- running totals ---------------------------------------------------------------------------------
    def since(self, again: bool) -> str:
        c = self.truth.cumulative
        w = self.w["cumulative"]
        if c.since.month == 1 and c.since.day == 1:
            return self.pick(w["since_year_again" if again else "since_year"]).format(year=c.since.year)
        name = self.date(c.since).split(" ", 1)[1]
        return self.pick(w["since_2019_again" if again else "since_2019"]).format(day=c.since.day,
                                                                                  month_name=name)

    def cumulative(self, zone: Zone, again: bool) -> str:
        c = self.truth.cumulative
        w = self.w["cumulative"]
        since = self.since(again)
        if zone.name == "sdf_areas":
            key = "sdf" if c.sdf_killed else "sdf_no_deaths"
            return self.pick(w[key]).format(zone=self.name("sdf_zone"), since=since,
                                            ops=self.large(c.sdf_operations, "operation"),
                                            dead=self.large(c.sdf_killed, "dead") if c.sdf_killed else "")
        military = ""
        if c.badia_military:
            military = f"{self.large(c.badia_military, None, case='nom')} من العسكريين"
        key = "badia" if c.badia_military else "badia_no_deaths"
        return self.pick(w[key]).format(since=since, ops=self.large(c.badia_operations, "operation"),
                                        military=military)

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
            ops_text = self.qualifier_prefix(ops.qualifier) + counted(ops.value, "operation")
            return [self.pick(t[key]).format(month_title=month_title, ops=ops_text)]
        lines = [month_title]
        parts = []
        by_key = {(r.zone, r.measure): r for r in headline}
        badia = by_key.get(("badia", "killed"))
        if badia is not None:
            parts.append(self.pick(t["subtitle_badia"]).format(
                n_dead=self.qualifier_prefix(badia.qualifier) + counted(badia.value, "dead"),
                gov_forces=self.name("gov_forces")))
        sdf_ops = by_key.get(("sdf_areas", "operations"))
        if sdf_ops is not None:
            ops_text = self.qualifier_prefix(sdf_ops.qualifier) + counted(sdf_ops.value, "operation")
            killed = by_key.get(("sdf_areas", "killed"))
            if killed is not None:
                parts.append(self.pick(t["subtitle_sdf"]).format(n_dead=counted(killed.value, "dead"),
                                                                 ops=ops_text))
            else:
                parts.append(self.pick(t["subtitle_sdf_ops"]).format(ops=ops_text))
        if parts:
            lines.append(".. و".join(parts))
        if self.v.counting_body == "observatory":
            lines.append(self.pick(t["observatory"]))
        lines.append(self.date(self.truth.period[1] + dt.timedelta(days=1), with_year=True))
        lines.append(str(self.rng.randint(300, 9000)))
        return lines

    def prose(self, key: str) -> list[str]:
        fields = {"org": self.name("org"), "gov_forces": self.name("gov_forces")}
        return [self.pick(self.w["prose"][key]).format(**fields)]


def _quote(text: str, style: str) -> str:
    opening, closing = wording()["quotes"][style]
    return text.replace(_OPEN, opening).replace(_CLOSE, closing)


def _obfuscate(text: str, style: str, rng: random.Random) -> str:
    """Disguise the words the series disguises, each occurrence with probability 0.7 (the first always)."""
    if style == "none":
        return text
    table = wording()["obfuscation"]
    styles = [s for s in table if s != "none"] if style == "mixed" else [style]
    targets = sorted({word for s in styles for word in table[s]}, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, targets)))

    def forms(word: str) -> list[str]:
        return [f for s in styles for f in table[s].get(word, [])]

    return stated.disguise(text, pattern, forms, rng)


def _digits(text: str, style: str, rng: random.Random) -> str:
    if style != "mixed":
        return convert_digits(text, style)
    return _DIGIT_RUN.sub(lambda m: convert_digits(m.group(0), rng.choice(["ascii", "arabic_indic",
                                                                          "persian"])), text)


def render_arabic(truth: MonthTruth, v: Variations, rng: random.Random) -> str:
    """Write ``truth`` as an Arabic report of the series with variations ``v``.

    Args:
        truth: The month's ground truth.
        v: The variation choices.
        rng: Random source for wording choices that do not change the figures.

    Returns:
        The report text, one paragraph or line per text line.
    """
    paragraphs = stated.paragraphs(_Writer(truth, v, rng), truth, v)
    text = "\n".join(paragraphs) + "\n"
    text = _quote(text, v.quotes)
    text = _obfuscate(text, v.obfuscation, rng)
    return _digits(text, v.digits, rng)
