"""The "Findings" of each notebook, written from the tables the notebook shows, never by hand.

Every sentence states a number or a fact the notebook's own tables show (the same numbers with the same
marks: ``≥ 22``, ``~ 32``, ``—``), so a finding cannot contradict its table; ``tests/notebooks`` runs each
notebook on two datasets and checks every sentence against the tables it printed. Directions (up, down) are
claimed only where the low/high ranges of the two numbers do not overlap (``direction``).

Each function returns the sentences; ``as_markdown`` makes the bullet list a notebook displays.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from helpers.analysis import views
from helpers.analysis.uncertainty import MISSING, Bounded, format_count

ZONE_NAMES = {"sdf_areas": "SDF areas", "badia": "Badia", "government_areas": "other government areas",
              "other": "other areas", "all": "several zones"}
GROUP_NAMES = {"civilians": "civilians", "government_forces": "government forces", "sdf": "SDF",
               "other_forces": "other forces", "unspecified": "not specified", "isis": "ISIS members"}


def as_markdown(sentences: Sequence[str]) -> str:
    """The sentences as a Markdown bullet list under a **Findings** heading."""
    return "**Findings** (generated from the tables above)\n\n" + "\n".join(f"- {s}" for s in sentences)


def direction(now: float, now_low: float, now_high: float, before: float, before_low: float,
              before_high: float) -> str:
    """``up``, ``down``, ``unchanged`` or ``no clear change``: up only when the ranges do not overlap."""
    if now_low > before_high:
        return "up"
    if now_high < before_low:
        return "down"
    if now == before and now_low == now_high == before_low == before_high:
        return "unchanged"
    return "no clear change"


def _count(value: float, decimals: int = 0) -> str:
    return format_count(value, decimals=decimals)


def _marked(row: pd.Series, column: str) -> str:
    """A row's ``column`` with its mark, from ``column_low`` / ``column_high`` where the row has them."""
    return format_count(row[column], row.get(f"{column}_low"), row.get(f"{column}_high"))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def coverage(kinds: pd.Series) -> str:
    """One sentence: the months, how many have a real or a synthetic report, which have none."""
    months = [int(m) for m in kinds.index]
    real = int((kinds == "real").sum())
    synthetic = int((kinds == "synthetic").sum())
    missing = [int(m) for m in kinds.index[kinds == "none"]]
    span = "none" if not months else (f"Month {months[0]}" if len(months) == 1 else
                                       f"Months {months[0]}-{months[-1]}")
    text = (f"{span}: {_plural(real, 'real report')}, {_plural(synthetic, 'synthetic demo report')}, "
            f"{_plural(len(missing), 'month')} without a report")
    return text + (f" ({views.month_list(missing)})." if missing else ".")


def synthetic_note(kinds: pd.Series) -> list[str]:
    """A sentence naming the synthetic months shown, if any."""
    synthetic = [int(m) for m in kinds.index[kinds == "synthetic"]]
    if not synthetic:
        return []
    return [f"Months {views.month_list(synthetic)} are synthetic demo data (invented numbers), drawn with "
            "hollow markers or hatching in the charts."]


# ------------------------------------------------------------------------------------------------ brief

def brief(headline: pd.DataFrame, month: int, area_lines: pd.DataFrame, governorates: pd.DataFrame,
          events: pd.DataFrame, report_ids: Sequence[str], trailing: int) -> list[str]:
    """The findings of the monthly brief.

    Args:
        headline: ``views.headline_table`` of the month.
        month: The month of the brief.
        area_lines: ``views.area_table`` of the month.
        governorates: ``views.area_summary`` of the month (per governorate).
        events: ``views.month_events`` of the month's report.
        report_ids: The report used (``views.month_report_ids``).
        trailing: Months the trailing mean may use.
    """
    kind = headline["kind"].iloc[0] if len(headline) else "none"
    noun = "synthetic demo report" if kind == "synthetic" else "real report"
    out = [f"Month {month} rests on one {noun}: {', '.join(report_ids)}."]
    compared = headline["previous_month"].notna().any() or headline["months_in_mean"].gt(0).any()
    if not compared:
        out.append(f"No comparison: month {month - 1} has no {kind} report, and no {kind} month of the "
                   f"{trailing} before states these figures.")
    not_stated, stated = [], []
    for name, row in headline.iterrows():
        if pd.isna(row["this_month"]):
            not_stated.append(name.lstrip("- "))
            continue
        now = format_count(row["this_month"], row["this_month_low"], row["this_month_high"])
        text = f"{name.lstrip('- ')}: {now} in month {month}"
        if not compared:
            stated.append(f"{name.lstrip('- ')} {now}")
            continue
        if pd.isna(row["previous_month"]):
            text += f"; month {month - 1} has no {kind} report stating it"
        else:
            before = format_count(row["previous_month"], row["previous_month_low"],
                                  row["previous_month_high"])
            way = direction(row["this_month"], row["this_month_low"], row["this_month_high"],
                            row["previous_month"], row["previous_month_low"], row["previous_month_high"])
            text += f"; {way} from {before} in month {month - 1}"
        if row["months_in_mean"]:
            mean = format_count(row["trailing_mean"], row["trailing_mean_low"], row["trailing_mean_high"], 1)
            months = _plural(int(row["months_in_mean"]), f"{kind} month")
            way = {"up": "above", "down": "below"}.get(
                direction(row["this_month"], row["this_month_low"], row["this_month_high"],
                          row["trailing_mean"], row["trailing_mean_low"], row["trailing_mean_high"]), "about")
            text += f"; {way} the trailing mean {mean} over {months}"
        else:
            text += f"; no trailing mean: no earlier {kind} month of the {trailing} before states it"
        out.append(text + ".")
    if stated:
        out.append(f"Stated for month {month}: {'; '.join(stated)}.")
    if not_stated:
        out.append(f"The report does not state: {', '.join(not_stated)} (shown as {MISSING}, not 0).")
    if area_lines.empty:
        out.append("The report gives zone totals only: no area lines, so no per-area table or governorate "
                   "chart.")
    elif governorates["operations"].isna().all():
        out.append(f"{_plural(len(area_lines), 'area line')} in {_plural(len(governorates), 'governorate')}; "
                   "none states ISIS operations.")
    else:
        top = governorates["operations"].idxmax()
        operations = _marked(governorates.loc[top], "operations")
        out.append(f"{_plural(len(area_lines), 'area line')} in {_plural(len(governorates), 'governorate')}; "
                   f"most ISIS operations in {top} ({operations}).")
    out.append("No notable single event." if events.empty else
               f"{_plural(len(events), 'notable single event')}.")
    return out


# ------------------------------------------------------------------------------------------------ trend

def trend(kinds: pd.Series, period: pd.DataFrame, deaths_by_group: Bounded) -> list[str]:
    """The findings of the monthly-trend notebook.

    Args:
        kinds: ``views.month_kinds`` of the months shown.
        period: ``views.period_lethality`` of the months and zones shown.
        deaths_by_group: People killed per group over the period (``Bounded`` sums; NaN: never stated).
    """
    out = [coverage(kinds), *synthetic_note(kinds)]
    stated = period.dropna(subset=["operations"]).sort_values("operations", ascending=False, kind="stable")
    if stated.empty:
        out.append("No month states ISIS operations in the selected zones.")
    else:
        parts = [f"{ZONE_NAMES.get(z, z)} "
                 f"{format_count(r['operations'], r['operations_low'], r['operations_high'])}"
                 for z, r in stated.iterrows()]
        out.append(f"ISIS operations over the period: {'; '.join(parts)}.")
        lethal = period["deaths_per_operation"].dropna()
        if len(lethal):
            zone = lethal.idxmax()
            out.append(f"Deaths caused by ISIS per operation are highest in {ZONE_NAMES.get(zone, zone)} "
                       f"({lethal.max():.2f}).")
    groups = deaths_by_group.best.dropna().sort_values(ascending=False, kind="stable")
    groups = groups[groups > 0]
    if len(groups):
        parts = [f"{GROUP_NAMES.get(g, g)} "
                 f"{format_count(v, deaths_by_group.low[g], deaths_by_group.high[g])}"
                 for g, v in groups.items()]
        out.append(f"People killed over the period, largest group first: {'; '.join(parts)}.")
    return out


# --------------------------------------------------------------------------------------------- regional

def regional(kinds: pd.Series, previous_kinds: pd.Series, governorates: pd.DataFrame,
             change: pd.DataFrame, attributed: pd.Series) -> list[str]:
    """The findings of the regional notebook.

    Args:
        kinds: ``views.month_kinds`` of the period.
        previous_kinds: ``views.month_kinds`` of the period before.
        governorates: ``views.area_summary`` of the period.
        change: ``views.period_change`` of ISIS operations.
        attributed: Share of each zone's operations placed in an area (``views.attribution``).
    """
    out = [coverage(kinds), "Previous period: " + coverage(previous_kinds), *synthetic_note(kinds)]
    if governorates.empty or governorates["operations"].isna().all():
        out.append("No area line of the period states ISIS operations: no governorate can be ranked.")
    else:
        ranked = governorates["operations"].dropna().sort_values(ascending=False, kind="stable").head(3)
        parts = [f"{g} {_marked(governorates.loc[g], 'operations')}" for g in ranked.index]
        out.append(f"Most ISIS operations in the period: {'; '.join(parts)}.")
    if change.empty or change["previous"].isna().all():
        out.append("No area line of the previous period states ISIS operations: no change by governorate "
                   "can be stated.")
    elif change["current"].isna().all():
        out.append("No area line of the period states ISIS operations: no change by governorate can be "
                   "stated.")
    else:
        up = [g for g, c in change["change"].items() if c > 0]
        down = [g for g, c in change["change"].items() if c < 0]
        same = [g for g, c in change["change"].items() if c == 0]
        out.append(f"Against the previous period: {len(up)} governorates up ({', '.join(up) or 'none'}), "
                   f"{len(down)} down ({', '.join(down) or 'none'}), {len(same)} unchanged.")
    shares = attributed.dropna()
    if len(shares):
        parts = [f"{ZONE_NAMES.get(z, z)} {v * 100:.0f} %" for z, v in shares.items()]
        out.append(f"Share of the zones' ISIS operations that area lines place: {'; '.join(parts)}.")
    return out


# ------------------------------------------------------------------------------------------------ actors

def actors(kinds: pd.Series, summary: pd.DataFrame, counter: pd.DataFrame,
           composition_shares: pd.DataFrame) -> list[str]:
    """The findings of the actor-comparison notebook.

    Args:
        kinds: ``views.month_kinds`` of the months shown.
        summary: ``views.theatre_summary``.
        counter: ``views.counter_isis_totals`` (per action: total with its estimates, months stating it).
        composition_shares: ``views.shares`` of ``views.casualty_composition`` (zone × group, percent).
    """
    out = [coverage(kinds), *synthetic_note(kinds)]
    for theatre, row in summary.iterrows():
        if pd.isna(row["operations"]):
            out.append(f"{theatre}: no month states ISIS operations.")
            continue
        text = (f"{theatre}: {_marked(row, 'operations')} ISIS operations, "
                f"{_marked(row, 'force_killed')} force members killed by ISIS")
        if not pd.isna(row["force_killed_per_operation"]):
            text += f" ({row['force_killed_per_operation']:.2f} per operation)"
        ratio = row["exchange_ratio"]
        text += "; exchange ratio " + (MISSING if pd.isna(ratio) else f"{ratio:.2f}") + "."
        out.append(text)
    never = [name for name, row in counter.iterrows() if row["months_stated"] == 0]
    if never:
        out.append(f"Not stated in any month (gaps, not zeros): {', '.join(never)}.")
    for name, row in counter.iterrows():
        if row["months_stated"]:
            out.append(f"{name}: {_marked(row, 'total')} over {_plural(int(row['months_stated']), 'month')} "
                       "that state it.")
    for zone, row in composition_shares.iterrows():
        row = row.dropna()
        if len(row) and row.max() > 0:
            group = row.idxmax()
            out.append(f"Largest group among the dead in {ZONE_NAMES.get(zone, zone)}: "
                       f"{GROUP_NAMES.get(group, group)} ({row.max():.1f} %).")
    return out

