"""Synthetic 2014-2019 execution reports (issue 18): a truth, its Arabic or English rendering, its round trip.

A truth is one month of the execution reports (their numbering: month 1 = 29 Jun - 28 Jul 2014): the
month's executions by part, with sub-counts, and the running total since the declaration with the same
parts. ``render_execution`` writes it as the observatory's report (title, lede with the period phrase, the
parts as a list or in prose, places and methods, the running total) or as an outlet's rewrite (headline
totals only); ``execution_rows`` says which figures that text states. Wording lives in
``data/synth_executions.toml``.
"""

from __future__ import annotations

import csv
import io
import random
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from helpers.contract import calendar
from helpers.synth.arabic_numbers import ordinal_words as ordinal_ar
from helpers.synth.demo import month_ranges
from helpers.synth.places import governorate_ar, month_name_ar
from helpers.synth.render_en import governorate_en, month_name_en, number_words, ordinal_digits
from helpers.synth.render_en import ordinal_words as ordinal_en
from helpers.synth.stated import Row

PARTS = ("civilians", "other_forces", "government_forces", "isis", "foreigners")
SUBS = ("children", "women", "teenagers")
_GROUP = {  # part -> (group, subgroup) in the figures' vocabulary
    "civilians": ("civilians", None), "other_forces": ("other_forces", None),
    "government_forces": ("government_forces", None), "isis": ("isis", None), "foreigners": ("all", "other"),
    "children": ("civilians", "children"), "women": ("civilians", "women"),
    "teenagers": ("civilians", "other"),
}
SINCE = "2014-06-29"
LAST_MONTH = 57  # the execution reports' last month before the territorial defeat (March 2019)
STYLES = ("list", "prose", "rewrite")
TITLES = ("month", "both", "none")


@lru_cache(maxsize=1)
def wording() -> dict:
    """The wording table (``data/synth_executions.toml``)."""
    with resources.files("helpers.data").joinpath("synth_executions.toml").open("rb") as handle:
        return tomllib.load(handle)


@dataclass(frozen=True)
class ExecutionTruth:
    """One month of the execution reports: its parts and sub-counts, and the running total's."""

    month: int  # in the execution reports' numbering
    parts: dict[str, int]
    subs: dict[str, int]
    total_parts: dict[str, int]
    total_subs: dict[str, int]
    at_least: bool = False
    places: tuple[str, ...] = field(default=())

    @property
    def total(self) -> int:
        """The month's executions."""
        return sum(self.parts.values())

    @property
    def running_total(self) -> int:
        """Executions since the declaration."""
        return sum(self.total_parts.values())

    @property
    def period(self):
        """The calendar period of the month."""
        return calendar.month_period(self.month, numbering="executions")


def generate_execution_truth(month: int, seed: int = 0) -> ExecutionTruth:
    """A plausible month of executions (invented numbers), reproducible from ``seed``."""
    if not 1 <= month <= LAST_MONTH:
        raise ValueError(f"execution-report months run 1 to {LAST_MONTH}, got {month}")
    rng = random.Random(f"helpers.synth.executions:{month}:{seed}")
    parts = {"civilians": rng.randint(5, 90), "other_forces": rng.choice([0, rng.randint(2, 40)]),
             "government_forces": rng.randint(1, 50), "isis": rng.choice([0, rng.randint(1, 20)]),
             "foreigners": rng.choice([0, 0, rng.randint(1, 6)])}
    civ = parts["civilians"]
    subs = {"children": rng.choice([0, rng.randint(1, max(1, civ // 6))]),
            "women": rng.choice([0, rng.randint(1, max(1, civ // 6))]),
            "teenagers": rng.choice([0, 0, rng.randint(1, max(1, civ // 8))])}
    scale = 60 * month
    total_parts = {"civilians": scale + rng.randint(100, 900),
                   "other_forces": scale // 3 + rng.randint(10, 300),
                   "government_forces": scale // 4 + rng.randint(10, 300), "isis": rng.randint(20, 400),
                   "foreigners": 0}
    total_subs = {"children": rng.randint(20, 200), "women": rng.randint(20, 200), "teenagers": 0}
    admin1 = ["Aleppo", "Raqqa", "Deir ez-Zor", "Homs", "Hama", "Hasakah", "Rif Dimashq"]
    places = tuple(rng.sample(admin1, rng.randint(2, 4)))
    return ExecutionTruth(month, parts, subs, total_parts, total_subs, rng.random() < 0.3, places)


def _row(level: str, group: str, subgroup: str | None, value: int, qualifier: str, scope: str) -> Row:
    return Row("all", level, None, "executed", group, subgroup, "isis", value, qualifier, scope,
               SINCE if scope == "cumulative" else None)


def _part_rows(parts: dict[str, int], subs: dict[str, int], scope: str) -> list[Row]:
    rows = []
    for part in PARTS:
        if parts[part]:
            rows.append(_row("total", *_GROUP[part], parts[part], "exact", scope))
        if part == "civilians" and parts[part]:
            rows += [_row("total", *_GROUP[s], subs[s], "exact", scope) for s in SUBS if subs[s]]
    return rows


def execution_rows(truth: ExecutionTruth, style: str, title: str, running_parts: bool) -> list[Row]:
    """The figures a rendering states (the comparison vocabulary of ``synth.stated``)."""
    q = "at_least" if truth.at_least else "exact"
    if style == "rewrite":
        return [_row("headline", "all", None, truth.running_total, "exact", "cumulative"),
                _row("total", "all", None, truth.running_total, "exact", "cumulative"),
                _row("total", "civilians", None, truth.total_parts["civilians"], "exact", "cumulative")]
    rows = []
    if title in ("month", "both"):
        rows.append(_row("headline", "all", None, truth.total, q, "report"))
    if title == "both":
        rows.append(_row("headline", "all", None, truth.running_total, "exact", "cumulative"))
    rows.append(_row("total", "all", None, truth.total, q, "report"))
    rows += _part_rows(truth.parts, truth.subs, "report")
    rows.append(_row("total", "all", None, truth.running_total, "exact", "cumulative"))
    if running_parts:
        rows += _part_rows(truth.total_parts, truth.total_subs, "cumulative")
    return rows


def _parts_text(w: dict, parts: dict[str, int], subs: dict[str, int], language: str, listed: bool) -> str:
    items = []
    for part in PARTS:
        if not parts[part]:
            continue
        text = w["parts"][part].format(v=parts[part])
        if part == "civilians":
            named = [w["parts"][s].format(v=subs[s]) for s in SUBS if subs[s]]
            if named:
                joined = (", ".join(named[:-1]) + f" {w['and']}" + named[-1]) if language == "en" and len(
                    named) > 1 else (" " + w["and"]).join(named) if language == "ar" else named[0]
                text += w["sub_open"] + joined
        items.append(text)
    if listed:
        return "\n" + "\n".join(f"- {item}." for item in items)
    if language == "ar":
        return "، و".join(items)
    return "; ".join(items[:-1]) + ("; and " if len(items) > 1 else "") + items[-1]


def render_execution(truth: ExecutionTruth, language: str = "ar", *, style: str = "list",
                     title: str = "month", running_parts: bool = True, month_words: bool = False,
                     seed: int = 0) -> str:
    """Write ``truth`` as an execution report (``style`` list or prose) or an outlet's rewrite."""
    rng = random.Random(seed)
    w = wording()[language]
    en = language == "en"
    if en:
        month = ordinal_en(truth.month) if month_words else ordinal_digits(truth.month)
        months = number_words(truth.month) if month_words else str(truth.month)
    else:
        month = ordinal_ar(truth.month) if month_words else f"الـ {truth.month}"
        months = str(truth.month)
    values = {"n": truth.total, "total": truth.running_total, "month": month, "months": months,
              "q": w["at_least"] if truth.at_least else ""}
    if style == "rewrite":
        head = rng.choice(w["title_rewrite"]).format(**values)
        body = w["rewrite_body"].format(**values, civilians=truth.total_parts["civilians"])
        return f"{head}\n\n{body}\n"
    end = truth.period[1]  # the 28th of the month whose 29th the phrase names
    names = month_name_en if en else (lambda m: month_name_ar(m, "levantine"))
    start = names((end.month - 2) % 12 + 1)
    lede = w["lede"].format(**values, start=start, end=names(end.month), year=end.year)
    if title == "none":
        lines = []
    else:
        lines = [rng.choice(w[f"title_{title}"]).format(**values), ""]
    listed = style == "list"
    lede += (w["lede_list_end"] if listed else w["lede_prose_end"])
    lines.append(lede + _parts_text(w, truth.parts, truth.subs, language, listed) + ("" if listed else "."))
    place_names = [governorate_en(a) if en else governorate_ar(a) for a in truth.places]
    joined = (", ".join(place_names[:-1]) + f" {w['and']}" + place_names[-1]) if en else (
        " و".join(place_names))
    lines.append(w["places"].format(places=joined, methods=rng.choice(w["methods"])))
    running = w["running"].format(**values)
    if running_parts:
        running += w["running_parts"].format(
            cparts=_parts_text(w, truth.total_parts, truth.total_subs, language, False))
    else:
        running += "."
    lines.append(running)
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class ExecutionRoundTrip:
    """One rendered execution report parsed back: what was missing, extra, or wrong about its month."""

    text: str
    missing: tuple[Row, ...]
    extra: tuple[Row, ...]
    month_ok: bool
    unexplained: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """Exactly the stated figures, the right month and numbering, nothing unexplained."""
        return not (self.missing or self.extra or self.unexplained) and self.month_ok


def execution_round_trip(month: int, seed: int, language: str, style: str, title: str, running_parts: bool,
                         month_words: bool) -> ExecutionRoundTrip:
    """Render one truth, parse it back, compare."""
    from helpers import parse_report  # noqa: PLC0415 - the parser only when a round trip runs
    from helpers.synth.evaluate import rows_of  # noqa: PLC0415
    from helpers.synth.stated import compare  # noqa: PLC0415

    truth = generate_execution_truth(month, seed)
    text = render_execution(truth, language, style=style, title=title, running_parts=running_parts,
                            month_words=month_words, seed=seed)
    expected = execution_rows(truth, style, title, running_parts)
    parsed = parse_report(text, f"synthetic_exec_{month:03d}")
    missing, extra, _ = compare(expected, rows_of(parsed))
    month_ok = (parsed.month == truth.month and parsed.month_numbering == "executions"
                and (parsed.period_start, parsed.period_end) == truth.period)
    return ExecutionRoundTrip(text, tuple(missing), tuple(extra), month_ok,
                              tuple(u.text for u in parsed.unexplained))


def execution_sample(n: int, seed: int = 0):
    """``n`` round-trip specifications drawn at random (reproducible from ``seed``)."""
    rng = random.Random(f"helpers.synth.executions.sample:{seed}")
    for _ in range(n):
        yield dict(month=rng.randint(1, LAST_MONTH), seed=rng.randrange(1 << 30),
                   language=rng.choice(("ar", "en")), style=rng.choice(STYLES), title=rng.choice(TITLES),
                   running_parts=rng.random() < 0.6, month_words=rng.random() < 0.4)


def parse_execution_months(spec: str) -> list[int]:
    """Read ``"1-57"`` or ``"12,30-33"`` into sorted execution-report months (1 to ``LAST_MONTH``).

    Raises:
        ValueError: Text that is no month or range, or a month outside 1 to ``LAST_MONTH``.
    """
    allowed = f"execution-report months 1-{LAST_MONTH}, written like 1-57, 30 or 12,30-33"
    return month_ranges(spec, 1, LAST_MONTH, allowed)


GROUND_TRUTH = "ground_truth_executions.csv"


def write_execution_corpus(out_dir: Path | str, months: list[int], seed: int = 7) -> list[str]:
    """Write one synthetic execution report per month (``synthetic_exec_mNNN.txt``) and their ground truth.

    Every file is named ``synthetic_*`` (the build flags it synthetic); the numbers are invented. The
    ground truth (``ground_truth_executions.csv``) lists the figures each text states.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"helpers.synth.executions.corpus:{seed}")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["report_id", *Row._fields])
    names = []
    for month in months:
        truth = generate_execution_truth(month, seed)
        style, title = rng.choice(("list", "prose")), rng.choice(("month", "both"))
        running_parts = rng.random() < 0.6
        text = render_execution(truth, "ar", style=style, title=title, running_parts=running_parts,
                                seed=month)
        report_id = f"synthetic_exec_m{month:03d}"
        (out / f"{report_id}.txt").write_text(text, encoding="utf-8")
        for row in execution_rows(truth, style, title, running_parts):
            writer.writerow([report_id, *("" if cell is None else cell for cell in row)])
        names.append(report_id)
    (out / GROUND_TRUTH).write_text(buffer.getvalue(), encoding="utf-8")
    return names
