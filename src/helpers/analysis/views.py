"""The aggregations the notebooks show, with the counting conventions in one place.

Counting conventions (every number a notebook shows goes through ``monthly_counts`` or ``area_counts``):

1. **Which reports count (real first).** Reports with status ``error``, duplicates (``same_as`` set),
   reports without a caliphate month and annual tallies (``period_kind == "year"``) never enter monthly
   figures. Synthetic demo reports count only when asked (``include_synthetic=True``), or when the corpus
   has no usable real report at all (a demo-only corpus; the notebooks say so). When several usable reports
   cover the same month (a reprint, an English version), one is used: real before synthetic, Arabic before
   English, status ``ok`` before ``warnings``, then the one with most figures, then the first report id.
   Every count row carries ``synthetic``, so charts mark synthetic months and baselines use one kind
   only. ``month`` is the series' month: a 2014-2019 execution report's month (numbered one higher) is
   shifted to it, so its month 50 and a later report of the same period share a month (``series_months``).
2. **Which figures count.** Only ``scope == "report"`` (cumulative figures never enter monthly sums) and only
   figures of their own (``subgroup`` null: a sub-count of women or children is inside its group's figure).
3. **Zone totals.** For each report, zone, measure, group and perpetrator: the stated zone total (level
   ``total``) when there is one, else the sum of the area lines (level ``breakdown``). Headline figures are
   used only where the body states nothing for the same measure and perpetrator (a reprint that kept only the
   headline); they keep their zone, which may be ``all`` (several zones together).
4. **Groups.** A death toll stated undivided (group ``all``) next to a split into groups is not added to the
   split: what the toll leaves unexplained becomes the group ``unspecified`` (toll minus the named victim
   groups, ISIS members excluded as in ``validate``), so summing the groups gives the toll.
5. **Deaths** are measure ``killed`` (executions, ``executed``, of the 2014-2019 reports are never in it:
   ``whole_life`` shows them as their own line); ``injured`` and ``casualties`` (killed and injured stated
   together) are reported separately, never added to deaths. Deaths caused by ISIS are ``killed`` with
   perpetrator ``isis``; ISIS losses are ``killed`` of group ``isis`` whoever caused them. Qualified
   numbers (``أكثر من 21``: at least; ``نحو 30``: approximately) count with their best estimate in
   ``value`` and carry ``low`` and ``high`` estimates through every sum (``helpers.analysis.uncertainty``).
6. **Lethality** is deaths caused by ISIS per ISIS operation; the **exchange ratio** of a theatre is ISIS
   members killed per force member killed by ISIS in the same zone.
7. **Gaps.** A number is 0 only where the month's report states the same measure in the zone, by one of
   the metric's perpetrators (deaths caused by ISIS in the north-east but none of civilians: civilians 0);
   it is missing (NaN) where there is no usable report for the month, or the report states nothing of that
   measure there or by those actors (no arrests paragraph: arrests unknown, not 0; no count of Coalition
   raids: raids unknown, not 0).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import numpy as np
import pandas as pd

from helpers.analysis import uncertainty
from helpers.analysis.months import (  # noqa: F401 - re-exported: analysis.month_range(...)
    month_label,
    month_list,
    month_range,
    period_months,
    period_text,
    reported_month,
    resolve_month,
    trailing_window,
)
from helpers.analysis.uncertainty import Bounded
from helpers.contract import validated
from helpers.contract.vocab import DEATH_MEASURES, ZONES

logger = logging.getLogger(__name__)

TABLES = ("figures", "reports", "checks", "events", "unexplained")
UNSPECIFIED = "unspecified"
VICTIM_GROUPS = ("civilians", "government_forces", "sdf", "other_forces", UNSPECIFIED)
"""Groups of the people ISIS kills (after convention 4): every group but ISIS and the undivided toll."""

_COUNT_KEYS = ["report_id", "month", "zone", "measure", "group", "perpetrator"]
_AREA_KEYS = ["report_id", "month", "zone", "admin1", "admin1_pcode", "place_ar", "measure", "group",
              "perpetrator"]


@dataclass(frozen=True)
class Dataset:
    """The tables of the contract, as read from ``data/processed``."""

    figures: pd.DataFrame
    reports: pd.DataFrame
    checks: pd.DataFrame
    events: pd.DataFrame
    unexplained: pd.DataFrame


@dataclass(frozen=True)
class Metric:
    """A named count: one measure, optionally restricted to perpetrators, groups and zones (None = any)."""

    measure: str
    perpetrators: tuple[str, ...] | None = None
    groups: tuple[str, ...] | None = None
    zones: tuple[str, ...] | None = None


HEADLINE_METRICS = {
    "ISIS operations": Metric("operations", perpetrators=("isis",)),
    "Deaths caused by ISIS": Metric("killed", perpetrators=("isis",), groups=VICTIM_GROUPS),
    "- civilians": Metric("killed", perpetrators=("isis",), groups=("civilians",)),
    "- government forces": Metric("killed", perpetrators=("isis",), groups=("government_forces",)),
    "- SDF": Metric("killed", perpetrators=("isis",), groups=("sdf",)),
    "ISIS members killed": Metric("killed", groups=("isis",)),
    "ISIS members arrested": Metric("arrested"),
}
"""The headline figures of a month (monthly brief), in display order."""

EXECUTIONS = Metric("executed", perpetrators=("isis",), groups=("all",))
"""People ISIS executed in a month (the 2014-2019 execution reports' month total). Never a death of
``killed``: the deaths metrics above leave executions out, and say so (``whole_life``)."""

WHOLE_LIFE = {
    "executions": (EXECUTIONS, ("all",)),
    "operations": (HEADLINE_METRICS["ISIS operations"], None),
    "deaths caused by ISIS": (HEADLINE_METRICS["Deaths caused by ISIS"], None),
}
"""The whole life of the series: what each era's reports count, with the zones each count is read in."""

COUNTER_ISIS_METRICS = {
    "Coalition/SDF arrests": Metric("arrested", perpetrators=("coalition", "sdf")),
    "Coalition/SDF operations": Metric("operations", perpetrators=("coalition", "sdf")),
    "ISIS killed by Coalition/SDF": Metric("killed", perpetrators=("coalition", "sdf"), groups=("isis",)),
    "ISIS killed by Russian strikes": Metric("killed", perpetrators=("russia",), groups=("isis",)),
    "ISIS killed by government forces": Metric("killed", perpetrators=("government_forces",),
                                               groups=("isis",)),
}
"""Counter-ISIS action by actor: Coalition and SDF (arrests, raids) against Russian air strikes."""


@dataclass(frozen=True)
class Theatre:
    """A zone where ISIS fights one force: the zone and the group of that force."""

    zone: str
    force: str


THEATRES = {
    "Badia (vs government forces)": Theatre("badia", "government_forces"),
    "North-east (vs SDF)": Theatre("sdf_areas", "sdf"),
}


# --------------------------------------------------------------------------------------------- loading

def load_tables(processed_dir: Path | str) -> Dataset:
    """Read the Parquet tables of ``processed_dir`` and validate each with its schema, once per version.

    A table file whose bytes already passed the current schemas (``helpers.contract.validated``: the
    record ``.validated.json`` beside the tables) is not validated again, so the notebooks of a run, and
    later runs on the same tables, do not repeat the work (nor import pandera); any other file is validated
    and, when it passes, added to the record.

    Args:
        processed_dir: Folder written by ``helpers.build.corpus.build``.

    Returns:
        The validated tables.

    Raises:
        FileNotFoundError: When a table is missing (the message says how to build it).
        pandera.errors.SchemaError: When a table breaks its schema.
    """
    processed_dir = Path(processed_dir)
    passed = validated.passed(processed_dir)
    frames, digests = {}, {}
    for name in TABLES:
        path = processed_dir / f"{name}.parquet"
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: build the dataset with `isis-reports build`")
        data = path.read_bytes()
        frame = pd.read_parquet(io.BytesIO(data))
        digest = validated.file_digest(data)
        if passed.get(name) != digest:
            from helpers.contract import schemas  # pandera: imported only when a table needs validating

            frame = schemas.SCHEMAS[name].validate(frame)
            digests[name] = digest
        frames[name] = frame
    if digests:
        validated.record(processed_dir, digests)
    logger.info("loaded %d figures of %d reports from %s", len(frames["figures"]), len(frames["reports"]),
                processed_dir)
    return Dataset(**frames)


# ------------------------------------------------------------------------------------ which reports count

def usable_reports(reports: pd.DataFrame, include_synthetic: bool = False) -> pd.DataFrame:
    """The reports that enter monthly figures, one per caliphate month and numbering (convention 1).

    Args:
        reports: The ``reports`` table.
        include_synthetic: Whether synthetic demo reports count. When false they count only if no real
            report is usable at all (a demo-only corpus), with a warning in the log.

    Returns:
        The chosen reports, sorted by month, with the ``reports`` columns.
    """
    ok = reports[(reports["status"] != "error") & reports["same_as"].isna() & reports["month"].notna()
                 & (reports["period_kind"].fillna("caliphate_month") != "year")]
    ok = ok.assign(month=series_months(ok))
    if not include_synthetic and (~ok["synthetic"]).any():
        ok = ok[~ok["synthetic"]]
    elif not include_synthetic and len(ok):
        logger.warning("no usable real report: the synthetic demo reports are used")
    ranked = ok.assign(
        # an execution report and a later report of the same month count different things: both are kept
        _numbering=ok["month_numbering"].fillna("series") if "month_numbering" in ok else "series",
        _synthetic=ok["synthetic"].astype(int),
        _english=(ok["language"].fillna("ar") != "ar").astype(int),
        _warnings=(ok["status"] != "ok").astype(int),
        _figures=-ok["n_figures"],
    ).sort_values(["month", "_synthetic", "_english", "_warnings", "_figures", "report_id"])
    chosen = ranked.drop_duplicates(["month", "_numbering"], keep="first")
    skipped = sorted(set(ranked["report_id"]) - set(chosen["report_id"]))
    if skipped:
        logger.info("another report of the same month is used instead of: %s", ", ".join(skipped))
    return chosen[reports.columns].reset_index(drop=True)


def synthetic_share(reports: pd.DataFrame) -> str:
    """One line saying how many of the given reports are synthetic demo data."""
    n_synthetic = int(reports["synthetic"].sum())
    n_real = len(reports) - n_synthetic
    noun = "report" if len(reports) == 1 else "reports"
    return f"{len(reports)} {noun}: {n_synthetic} synthetic (demo data), {n_real} real"


def synthetic_footnote(reports: pd.DataFrame) -> str | None:
    """A footnote for figures drawn from synthetic demo reports (None when every report is real)."""
    n_synthetic = int(reports["synthetic"].sum())
    if not n_synthetic:
        return None
    noun = "report" if n_synthetic == 1 else "reports"
    return f"Includes {n_synthetic} synthetic demo {noun}: invented numbers, not real data."


def months_footnote(usable: pd.DataFrame, months: Sequence[int]) -> str | None:
    """The footnote of a chart showing ``months``: how many synthetic reports those months use (or None).

    Args:
        usable: ``usable_reports`` of the notebook.
        months: The months the chart shows (each chart its own: a heatmap may span more than the period).
    """
    return synthetic_footnote(usable[usable["month"].isin(list(months))])


def countable_figures(figures: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """Figures of the given (usable) reports that may enter monthly sums (convention 2).

    Adds ``low`` and ``high`` estimates from each figure's qualifier (``uncertainty.bounds``).
    """
    keep = figures["report_id"].isin(reports["report_id"]) & (figures["scope"] == "report") \
        & figures["subgroup"].isna()
    rows = figures[keep]
    low, high = uncertainty.bounds(rows["value"], rows["qualifier"])
    month = rows["report_id"].map(reports.set_index("report_id")["month"]).fillna(rows["month"])
    return rows.assign(month=month.astype("int64"), low=low, high=high)


def series_months(reports: pd.DataFrame) -> pd.Series:
    """Each report's month in the series' numbering, so both halves of the series share one month axis.

    The 2014-2019 execution reports number their months one higher (``month_numbering == "executions"``):
    their month 50 is the series' month 49 (the same calendar period). Other reports keep their month.
    """
    if "month_numbering" not in reports:
        return reports["month"]
    shift = (reports["month_numbering"] == "executions").fillna(False).astype("int64")
    return reports["month"] - shift


# ------------------------------------------------------------------------------------------- zone totals

def zone_totals(figures: pd.DataFrame) -> pd.DataFrame:
    """Per report, zone, measure, group and perpetrator, the number that counts (convention 3).

    Args:
        figures: Countable figures (see ``countable_figures``).

    Returns:
        Columns report_id, month, zone, measure, group, perpetrator, value, low, high, basis (``total``,
        ``breakdown`` or ``headline``: where the number came from).
    """
    def summed(rows: pd.DataFrame, basis: str) -> pd.DataFrame:
        rows = _with_bounds(rows)
        out = rows.groupby(_COUNT_KEYS, as_index=False, observed=True)[["value", "low", "high"]].sum()
        return out.assign(basis=basis)

    totals = summed(figures[figures["level"] == "total"], "total")
    breakdown = summed(figures[figures["level"] == "breakdown"], "breakdown")
    breakdown = _anti_join(breakdown, totals, _COUNT_KEYS)
    body = figures[figures["level"] != "headline"]
    headline = figures[figures["level"] == "headline"]
    headline = _anti_join(headline, body, ["report_id", "measure", "perpetrator"])
    parts = [frame for frame in (totals, breakdown, summed(headline, "headline")) if len(frame)]
    if not parts:
        return _empty_counts(_COUNT_KEYS)
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(_COUNT_KEYS, ignore_index=True)


def resolve_groups(counts: pd.DataFrame, keys: Sequence[str] = tuple(_COUNT_KEYS)) -> pd.DataFrame:
    """Replace undivided death tolls by what they leave unexplained (convention 4).

    Within each ``keys`` group without ``group`` (same report, zone, measure, perpetrator, ...), a row of
    group ``all`` of a death measure becomes group ``unspecified`` with value toll minus the named victim
    groups (ISIS excluded); it is dropped when nothing is left. Operations and arrests keep group ``all``.

    Args:
        counts: Zone totals or area lines, with a ``group`` and a ``value`` column.
        keys: The columns that identify one number, ``group`` among them.

    Returns:
        The same columns, with undivided tolls resolved.
    """
    within = [k for k in keys if k != "group"]
    counts = _with_bounds(counts)
    is_toll = (counts["group"] == "all") & counts["measure"].isin(DEATH_MEASURES)
    tolls, rest = counts[is_toll], counts[~is_toll]
    if tolls.empty:
        return counts.reset_index(drop=True)
    named = rest[rest["measure"].isin(DEATH_MEASURES) & (rest["group"] != "isis")]
    named = named.groupby(within, as_index=False, dropna=False)[["value", "low", "high"]].sum()
    named = named.rename(columns={"value": "_named", "low": "_named_low", "high": "_named_high"})
    merged = tolls.merge(named, on=within, how="left")
    residual = merged["value"] - merged["_named"].fillna(0).astype("int64")
    short = merged[residual < 0]
    for _, row in short.iterrows():
        logger.debug("named groups exceed the toll of %s %s %s: %d", row["report_id"], row["zone"],
                     row["measure"], row["value"])
    # the rest of a toll: at least its low minus the parts' high, at most its high minus the parts' low
    low = (merged["low"] - merged["_named_high"].fillna(0)).clip(lower=0).fillna(0)
    high = merged["high"] - merged["_named_low"].fillna(0)
    merged = merged.assign(value=residual.astype("int64"), low=low.where(low <= residual, residual),
                           high=high.where(high >= residual, residual), group=UNSPECIFIED)
    merged = merged.drop(columns=["_named", "_named_low", "_named_high"])
    parts = [frame for frame in (rest, merged[merged["value"] > 0]) if not frame.empty]  # no empty frame
    out = pd.concat(parts, ignore_index=True) if parts else rest.iloc[0:0]
    return out.sort_values(list(keys), ignore_index=True)


def monthly_counts(data: Dataset, include_synthetic: bool = False) -> pd.DataFrame:
    """The numbers that count, one row per report, zone, measure, group and perpetrator (conventions 1-4).

    Args:
        data: The tables.
        include_synthetic: Whether synthetic demo reports count.

    Returns:
        Columns report_id, month, zone, measure, group, perpetrator, value, low, high, basis, synthetic.
    """
    reports = usable_reports(data.reports, include_synthetic)
    counts = resolve_groups(zone_totals(countable_figures(data.figures, reports)))
    return _flag_synthetic(counts, reports)


def area_counts(data: Dataset, include_synthetic: bool = False) -> pd.DataFrame:
    """The area lines that count, for governorate and area breakdowns (conventions 1, 2 and 4).

    Area lines are the ``breakdown`` figures; a zone total that names a governorate counts as an area line
    where the zone has no line of its own for the same measure, group and perpetrator.

    Args:
        data: The tables.
        include_synthetic: Whether synthetic demo reports count.

    Returns:
        Columns report_id, month, zone, admin1, admin1_pcode, place_ar, measure, group, perpetrator, value,
        low, high, synthetic.
    """
    reports = usable_reports(data.reports, include_synthetic)
    figures = countable_figures(data.figures, reports)
    lines = figures[figures["level"] == "breakdown"]
    named_totals = figures[(figures["level"] == "total") & figures["admin1"].notna()]
    named_totals = _anti_join(named_totals, lines, ["report_id", "zone", "measure", "group", "perpetrator"])
    rows = pd.concat([lines, named_totals], ignore_index=True)[_AREA_KEYS + ["value", "low", "high"]]
    rows = _canonical_places(rows)
    rows = rows.groupby(_AREA_KEYS, as_index=False, dropna=False)[["value", "low", "high"]].sum()
    return _flag_synthetic(resolve_groups(rows, keys=_AREA_KEYS), reports)


def _with_bounds(rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` with float ``low`` and ``high`` columns (equal to ``value`` where they are absent)."""
    low = rows["low"] if "low" in rows else rows["value"]
    high = rows["high"] if "high" in rows else rows["value"]
    return rows.assign(low=low.astype("float64"), high=high.astype("float64"))


def _flag_synthetic(rows: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """``rows`` with a ``synthetic`` column from their report."""
    flags = reports.set_index("report_id")["synthetic"].astype(bool)
    return rows.assign(synthetic=rows["report_id"].map(flags).fillna(False).astype(bool))


def _canonical_places(rows: pd.DataFrame) -> pd.DataFrame:
    """One Arabic name per zone and governorate (the most frequent), so wording does not split an area.

    ``ريف دير الزور`` and ``دير الزور`` in SDF areas are one area line, named the way reports name it most.
    """
    if rows.empty:
        return rows
    named = rows.dropna(subset=["place_ar"])
    names = (named.groupby(["zone", "admin1", "place_ar"], dropna=False).size().reset_index(name="n")
             .sort_values(["zone", "admin1", "n", "place_ar"], ascending=[True, True, False, True])
             .drop_duplicates(["zone", "admin1"]))
    lookup = {(z, a): p for z, a, p in zip(names["zone"], names["admin1"], names["place_ar"], strict=True)}
    canonical = [lookup.get((z, a), p) for z, a, p in zip(rows["zone"], rows["admin1"], rows["place_ar"],
                                                           strict=True)]
    return rows.assign(place_ar=pd.Series(canonical, index=rows.index, dtype=rows["place_ar"].dtype))


# ---------------------------------------------------------------------------------------------- selecting

def select(counts: pd.DataFrame, metric: Metric, zones: Iterable[str] | None = None) -> pd.DataFrame:
    """Rows of ``counts`` that a metric counts, optionally only in ``zones``."""
    keep = counts["measure"] == metric.measure
    if metric.perpetrators is not None:
        keep &= counts["perpetrator"].isin(metric.perpetrators)
    if metric.groups is not None:
        keep &= counts["group"].isin(metric.groups)
    if metric.zones is not None:
        keep &= counts["zone"].isin(metric.zones)
    if zones is not None:
        keep &= counts["zone"].isin(list(zones))
    return counts[keep]


def available_months(counts: pd.DataFrame) -> list[int]:
    """The caliphate months that have a usable report, ascending."""
    return sorted(int(m) for m in counts["month"].unique())


# ------------------------------------------------------------------------------------------ month tables

def monthly_table(counts: pd.DataFrame, metric: Metric, months: Sequence[int], by: str | None = "zone",
                  zones: Iterable[str] | None = None, estimate: str = "value") -> pd.DataFrame:
    """A month × ``by`` table of a metric over ``months`` (convention 7 for gaps).

    A cell is 0 when the month's report states the metric's measure, by one of the metric's perpetrators,
    in the zone (for ``by="zone"``) or in any of the selected zones, but nothing this metric counts; it is
    NaN when the report states nothing of that measure there or by those actors, or there is no usable
    report for the month (convention 7).

    Args:
        counts: Output of ``monthly_counts``.
        metric: What to count.
        months: The months to show (rows), gaps included.
        by: Column to spread across (``zone``, ``group``, ``perpetrator``), or None for one ``total`` column.
        zones: Only these zones (None = all).
        estimate: ``value`` (best), ``low`` or ``high`` (see ``helpers.analysis.uncertainty``).

    Returns:
        Float table indexed by ``month``, columns in vocabulary order.
    """
    return _monthly_estimates(counts, metric, months, by, zones, (estimate,))[estimate]


_ESTIMATES = ("low", "value", "high")


def _monthly_estimates(counts: pd.DataFrame, metric: Metric, months: Sequence[int], by: str | None,
                       zones: Iterable[str] | None, estimates: Sequence[str] = _ESTIMATES
                       ) -> dict[str, pd.DataFrame]:
    """``monthly_table`` of each of ``estimates`` from one selection and one grouping of the rows."""
    months = list(months)
    zones = list(zones) if zones is not None else None
    key = by or "_total"
    rows = select(counts, metric, zones)
    rows = _with_bounds(rows[rows["month"].isin(months)]).assign(_total="total")
    sums = rows.groupby(["month", key])[list(estimates)].sum()
    mentioned = counts if zones is None else counts[counts["zone"].isin(zones)]
    mentioned = mentioned[mentioned["month"].isin(months) & (mentioned["measure"] == metric.measure)]
    if metric.perpetrators is not None:
        mentioned = mentioned[mentioned["perpetrator"].isin(metric.perpetrators)]
    out = {}
    for estimate in estimates:
        wide = sums[estimate].unstack(key) if len(sums) else pd.DataFrame(index=pd.Index([], name="month"))
        wide = wide.reindex(index=months, columns=_ordered(wide.columns, by)).astype("float64")
        if by is None:
            wide = wide.reindex(columns=["total"])
        for column in wide.columns:
            in_column = mentioned[mentioned["zone"] == column] if by == "zone" else mentioned
            reported = wide.index.isin(sorted(set(in_column["month"])))
            wide.loc[reported, column] = wide.loc[reported, column].fillna(0.0)
        wide.index.name = "month"
        wide.columns.name = by
        out[estimate] = wide
    return out


def _ordered(columns: Iterable, by: str | None) -> list:
    """Columns in vocabulary order (zones, then victim groups and ISIS), others after them by name."""
    order = {"zone": ZONES, "group": (*VICTIM_GROUPS, "isis", "all")}.get(by or "", ())
    rank = {value: i for i, value in enumerate(order)}
    return sorted(columns, key=lambda c: (rank.get(c, len(rank)), str(c)))


def metric_series(counts: pd.DataFrame, metric: Metric, months: Sequence[int],
                  zones: Iterable[str] | None = None, estimate: str = "value") -> pd.Series:
    """One metric per month over ``months``, all zones (or ``zones``) together."""
    table = monthly_table(counts, metric, months, by=None, zones=zones, estimate=estimate)
    return table["total"].rename(None)


def bounded_table(counts: pd.DataFrame, metric: Metric, months: Sequence[int], by: str | None = "zone",
                  zones: Iterable[str] | None = None) -> Bounded:
    """``monthly_table`` of the low, best and high estimates (``.display()`` shows ``≥ 22``, ``~ 32``)."""
    tables = _monthly_estimates(counts, metric, months, by, zones)
    best = tables["value"]
    return Bounded(tables["low"].reindex(columns=best.columns), best,
                   tables["high"].reindex(columns=best.columns))


def bounded_series(counts: pd.DataFrame, metric: Metric, months: Sequence[int],
                   zones: Iterable[str] | None = None) -> Bounded:
    """``metric_series`` of the low, best and high estimates."""
    table = bounded_table(counts, metric, months, None, zones)
    return Bounded(table.low["total"].rename(None), table.best["total"].rename(None),
                   table.high["total"].rename(None))


def whole_life(counts: pd.DataFrame, months: Sequence[int]) -> pd.DataFrame:
    """Per series month: executions (the 2014-2019 reports) and operations and deaths caused by ISIS (2019-).

    The two halves of the series count different things: a month has the executions its execution report
    states, or the operations and deaths its later report states, never a sum of both. Deaths caused by ISIS
    leave executions out (``killed`` only). A column is NaN where the month's report does not count it.

    Returns:
        One row per month of ``months``: ``executions``, ``operations``, ``deaths caused by ISIS`` and
        ``era`` (``executions``, ``operations and deaths`` or ``none``: no report counts any of them).
    """
    table = pd.DataFrame({name: metric_series(counts, metric, months, zones)
                          for name, (metric, zones) in WHOLE_LIFE.items()}, index=pd.Index(list(months)))
    table.index.name = "month"
    later = table[["operations", "deaths caused by ISIS"]].notna().any(axis=1)
    era = np.where(table["executions"].notna(), "executions",
                   np.where(later, "operations and deaths", "none"))
    return table.assign(era=era)


def era_summary(life: pd.DataFrame) -> pd.DataFrame:
    """Per era of ``whole_life``: its first and last month (with the calendar months), months, and totals."""
    rows = []
    for era, part in life[life["era"] != "none"].groupby("era", sort=False):
        first, last = int(part.index.min()), int(part.index.max())
        rows.append({"era": era, "first month": month_label(first), "last month": month_label(last),
                     "months with a report": len(part),
                     **{name: part[name].sum(min_count=1) for name in WHOLE_LIFE}})
    columns = ["era", "first month", "last month", "months with a report", *WHOLE_LIFE]
    return pd.DataFrame(rows, columns=columns).set_index("era")


def month_kinds(counts: pd.DataFrame, months: Sequence[int]) -> pd.Series:
    """Per month: ``real``, ``synthetic`` or ``none`` (no usable report), indexed by month."""
    flags = counts.drop_duplicates("month").set_index("month")["synthetic"]
    kinds = flags.map({True: "synthetic", False: "real"}).reindex(list(months)).fillna("none")
    kinds.index.name = "month"
    return kinds.rename("report")


def missing_months(counts: pd.DataFrame, months: Sequence[int]) -> list[int]:
    """The months of ``months`` without a usable report (gaps in every line)."""
    kinds = month_kinds(counts, months)
    return [int(m) for m in kinds.index[kinds == "none"]]


def synthetic_months(counts: pd.DataFrame, months: Sequence[int]) -> list[int]:
    """The months of ``months`` whose numbers come from a synthetic demo report."""
    kinds = month_kinds(counts, months)
    return [int(m) for m in kinds.index[kinds == "synthetic"]]


def rolling_mean(wide: pd.DataFrame, window: int) -> pd.DataFrame:
    """Trailing mean over ``window`` months (at least one observed month in the window)."""
    if window < 1:
        raise ValueError(f"window must be 1 or more, got {window}")
    return wide.rolling(window, min_periods=1).mean()


def lethality(counts: pd.DataFrame, months: Sequence[int], zones: Iterable[str] | None = None,
              by: str | None = "zone") -> pd.DataFrame:
    """Deaths caused by ISIS per ISIS operation, month × ``by`` (NaN where there was no operation)."""
    return lethality_bounds(counts, months, zones, by).best


def lethality_bounds(counts: pd.DataFrame, months: Sequence[int], zones: Iterable[str] | None = None,
                     by: str | None = "zone") -> Bounded:
    """``lethality`` with its low and high estimates (``uncertainty.ratio_bounds``).

    The best estimate is ``lethality``; a month whose deaths or operations are qualified ("at least",
    "about") gets a range, open above when the deaths are "at least" (the chart marks both).
    """
    zones = list(zones) if zones is not None else None
    deaths = bounded_table(counts, HEADLINE_METRICS["Deaths caused by ISIS"], months, by, zones)
    operations = bounded_table(counts, HEADLINE_METRICS["ISIS operations"], months, by, zones)
    columns, stated = operations.best.columns, operations.best.notna()
    deaths = Bounded(*(getattr(deaths, e).reindex(columns=columns).fillna(0.0).where(stated)
                       for e in ("low", "best", "high")))
    best = deaths.best / operations.best.where(operations.best > 0)
    return uncertainty.ratio_bounds(best, deaths, operations)


def period_lethality(counts: pd.DataFrame, months: Sequence[int], zones: Iterable[str] | None = None
                     ) -> pd.DataFrame:
    """Per zone over ``months``: ISIS operations, deaths caused by ISIS and deaths per operation.

    Sums carry their low and high estimates (``operations_low`` ...; ``uncertainty.marked`` shows them) and
    are missing (NaN) for a zone where no month states the measure; ``months_stated`` counts the months
    whose report states ISIS operations there.
    """
    zones = list(zones) if zones is not None else None
    table = pd.DataFrame()
    for name, metric in (("operations", HEADLINE_METRICS["ISIS operations"]),
                         ("deaths_caused", HEADLINE_METRICS["Deaths caused by ISIS"])):
        bounded = bounded_table(counts, metric, months, "zone", zones).sum()
        table = table.reindex(table.index.union(bounded.best.index))
        table[name], table[f"{name}_low"], table[f"{name}_high"] = bounded.best, bounded.low, bounded.high
    if table.empty:
        return pd.DataFrame(columns=["operations", "operations_low", "operations_high", "deaths_caused",
                                     "deaths_caused_low", "deaths_caused_high", "deaths_per_operation",
                                     "months_stated"], index=pd.Index([], name="zone"))
    table = table.reindex(_ordered(table.index, "zone"))
    operations = table["operations"].where(table["operations"] > 0)
    table["deaths_per_operation"] = (table["deaths_caused"] / operations).round(2)
    stated = monthly_table(counts, HEADLINE_METRICS["ISIS operations"], months, "zone", zones).notna().sum()
    table["months_stated"] = stated.reindex(table.index).fillna(0).astype("int64")
    table.index.name = "zone"
    return table


def month_over_month(series: pd.Series) -> pd.DataFrame:
    """A series with its change from the month before, absolute and in percent (NaN without a base)."""
    previous = series.shift(1)
    pct = (series - previous) / previous.where(previous > 0) * 100
    return pd.DataFrame({"value": series, "previous": previous, "change": series - previous,
                         "change_pct": pct.round(1)})


# -------------------------------------------------------------------------------------------- regional

def area_total(areas: pd.DataFrame, metric: Metric, months: Sequence[int], by: Sequence[str]) -> pd.Series:
    """A metric summed over ``months`` per ``by`` (e.g. ``["admin1"]``), largest first.

    Area lines without a governorate are shown as ``unattributed``.
    """
    rows = select(areas, metric)
    rows = rows[rows["month"].isin(months)].fillna({"admin1": "unattributed", "place_ar": ""})
    out = rows.groupby(list(by))["value"].sum().astype("int64")
    return out.sort_values(ascending=False, kind="stable")


def governorate_matrix(areas: pd.DataFrame, metric: Metric, months: Sequence[int]) -> pd.DataFrame:
    """Governorate × month table of a metric, most active governorate first.

    A cell is 0 when the month's area lines state the measure but not in that governorate, and NaN (a column
    of NaN) when the month has no area line of the measure at all (no report, or totals only).
    """
    return governorate_bounds(areas, metric, months).best


def governorate_bounds(areas: pd.DataFrame, metric: Metric, months: Sequence[int]) -> Bounded:
    """``governorate_matrix`` with its low and high estimates (same rows, same order, same gaps).

    ``plots.heatmap(m.best, ..., low=m.low, high=m.high)`` writes each cell as the tables do: ``22``,
    ``≥ 22`` (at least), ``~ 32`` (a range).
    """
    months = list(months)
    rows = _with_bounds(select(areas, metric))
    rows = rows[rows["month"].isin(months)].fillna({"admin1": "unattributed"})
    stated = areas[(areas["measure"] == metric.measure) & areas["month"].isin(months)]["month"].unique()
    tables = {}
    for estimate in _ESTIMATES:
        matrix = rows.pivot_table(index="admin1", columns="month", values=estimate, aggfunc="sum",
                                  fill_value=0)
        matrix = matrix.reindex(columns=months).astype("float64")
        matrix.loc[:, matrix.columns.isin(stated)] = matrix.loc[:, matrix.columns.isin(stated)].fillna(0.0)
        matrix.columns.name = "month"
        tables[estimate] = matrix
    order = tables["value"].sum(axis=1).sort_values(ascending=False, kind="stable").index
    return Bounded(*(tables[e].reindex(order) for e in _ESTIMATES))


def period_change(areas: pd.DataFrame, metric: Metric, current: Sequence[int],
                  previous: Sequence[int]) -> pd.DataFrame:
    """Per governorate, a metric in the current period against the previous one (change and percent).

    A period without any area line of the metric's measure (no report, or zone totals only) is missing
    (NaN), never 0, and so is the change against it; within a period that has area lines, a governorate
    without one is 0.
    """
    now = area_total(areas, metric, current, ["admin1"]).rename("current")
    before = area_total(areas, metric, previous, ["admin1"]).rename("previous")
    table = pd.concat([now, before], axis=1).astype("float64")
    for column, months in (("current", current), ("previous", previous)):
        if states_measure(areas, metric, months):
            table[column] = table[column].fillna(0.0)
    table["change"] = table["current"] - table["previous"]
    table["change_pct"] = (table["change"] / table["previous"].where(table["previous"] > 0) * 100).round(1)
    table.index.name = "admin1"
    return table.sort_values(["current", "previous"], ascending=False, kind="stable", na_position="last")


def states_measure(areas: pd.DataFrame, metric: Metric, months: Sequence[int]) -> bool:
    """Whether any area line of ``months`` states the metric's measure (by one of its perpetrators)."""
    rows = areas[areas["month"].isin(list(months)) & (areas["measure"] == metric.measure)]
    if metric.perpetrators is not None:
        rows = rows[rows["perpetrator"].isin(metric.perpetrators)]
    return not rows.empty


def attribution(counts: pd.DataFrame, areas: pd.DataFrame, metric: Metric,
                months: Sequence[int]) -> pd.Series:
    """How much of a metric's zone totals the area lines attribute to a place, per zone (share 0-1)."""
    zone = select(counts, metric)
    zone = zone[zone["month"].isin(months)].groupby("zone")["value"].sum()
    lines = select(areas, metric)
    lines = lines[lines["month"].isin(months)].groupby("zone")["value"].sum()
    return (lines.reindex(zone.index).fillna(0) / zone.where(zone > 0)).round(3).rename("attributed_share")


def map_values(totals: pd.Series, gazetteer: pd.DataFrame, stated: bool = True) -> pd.DataFrame:
    """Governorate totals joined to ``gazetteer`` (all 14 governorates).

    Args:
        totals: Per governorate (``area_total``).
        gazetteer: One row per governorate with an ``admin1`` column.
        stated: Whether the period has area lines of the measure at all: then a governorate without one is
            0; otherwise every governorate is missing (NaN), never 0.
    """
    values = totals.reindex(gazetteer["admin1"]).astype("float64")
    if stated:
        values = values.fillna(0.0)
    return gazetteer.assign(value=values.to_numpy())


# ------------------------------------------------------------------------------------------------- actors

THEATRE_COUNTS = ("operations", "force_killed", "isis_killed")


def theatre_table(counts: pd.DataFrame, months: Sequence[int]) -> pd.DataFrame:
    """Per theatre and month: ISIS operations, force members killed by ISIS, ISIS members killed, ratio.

    Each count has its ``_low`` and ``_high`` estimates beside it; the ratio is of the best estimates, with
    ``exchange_ratio_low`` / ``_high`` from the counts' bounds (``uncertainty.ratio_bounds``).
    """
    frames = []
    for name, theatre in THEATRES.items():
        metrics = {
            "operations": Metric("operations", ("isis",)),
            "force_killed": Metric("killed", ("isis",), (theatre.force,)),
            "isis_killed": Metric("killed", groups=("isis",)),
        }
        columns = {}
        for column, metric in metrics.items():
            bounded = bounded_series(counts, metric, months, [theatre.zone])
            columns[column] = bounded.best
            columns[f"{column}_low"], columns[f"{column}_high"] = bounded.low, bounded.high
        table = pd.DataFrame(columns)
        table["exchange_ratio"] = exchange_ratio(table["isis_killed"], table["force_killed"])
        ratio = uncertainty.ratio_bounds(
            table["exchange_ratio"],
            Bounded(table["isis_killed_low"], table["isis_killed"], table["isis_killed_high"]),
            Bounded(table["force_killed_low"], table["force_killed"], table["force_killed_high"]), decimals=2)
        table["exchange_ratio_low"], table["exchange_ratio_high"] = ratio.low, ratio.high
        frames.append(table.assign(theatre=name).reset_index())
    return pd.concat(frames, ignore_index=True).set_index(["theatre", "month"])


def exchange_ratio(isis_killed: pd.Series | float, force_killed: pd.Series | float) -> pd.Series | float:
    """ISIS members killed per force member killed (NaN when no force member was killed), 2 decimals."""
    if isinstance(force_killed, pd.Series):
        return (isis_killed / force_killed.where(force_killed > 0)).round(2)
    return round(isis_killed / force_killed, 2) if force_killed else float("nan")


def theatre_summary(theatres: pd.DataFrame) -> pd.DataFrame:
    """Per theatre over the whole period: totals (with ``_low`` / ``_high``), deaths per operation, ratio.

    ``uncertainty.marked`` shows the totals with their marks; a total no month states is missing.
    """
    columns = [c for name in THEATRE_COUNTS for c in (name, f"{name}_low", f"{name}_high") if c in theatres]
    sums = theatres.groupby(level="theatre", sort=False)[columns].sum(min_count=1)
    operations = sums["operations"].where(sums["operations"] > 0)
    sums["force_killed_per_operation"] = (sums["force_killed"] / operations).round(2)
    sums["exchange_ratio"] = exchange_ratio(sums["isis_killed"], sums["force_killed"])
    return sums


def counter_isis_table(counts: pd.DataFrame, months: Sequence[int]) -> pd.DataFrame:
    """Month × action table of counter-ISIS action (``COUNTER_ISIS_METRICS``).

    0 only where the month's report states the measure for those actors; NaN where it does not (no count
    of Coalition raids is no evidence of none).
    """
    return pd.DataFrame({name: metric_series(counts, metric, months)
                         for name, metric in COUNTER_ISIS_METRICS.items()})


def counter_isis_bounds(counts: pd.DataFrame, months: Sequence[int]) -> Bounded:
    """``counter_isis_table`` of the low, best and high estimates (for the chart's bands and markers)."""
    series = {name: bounded_series(counts, metric, months) for name, metric in COUNTER_ISIS_METRICS.items()}
    return Bounded(*(pd.DataFrame({name: getattr(bounded, estimate) for name, bounded in series.items()})
                     for estimate in ("low", "best", "high")))


def counter_isis_totals(counts: pd.DataFrame, months: Sequence[int]) -> pd.DataFrame:
    """Per counter-ISIS action over ``months``: total (with ``_low`` / ``_high``) and months stating it.

    The total is missing (NaN) for an action no month states (never 0).
    """
    rows = {}
    for name, metric in COUNTER_ISIS_METRICS.items():
        bounded = bounded_series(counts, metric, months)
        rows[name] = {"total": bounded.best.sum(min_count=1), "total_low": bounded.low.sum(min_count=1),
                      "total_high": bounded.high.sum(min_count=1),
                      "months_stated": int(bounded.best.notna().sum())}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "action"
    return table


def casualty_composition(counts: pd.DataFrame, months: Sequence[int], zones: Sequence[str]) -> pd.DataFrame:
    """Zone × group deaths over ``months`` (counts), groups in a fixed order, zones as given.

    When the months mix real and synthetic reports, each zone has a row per kind (``badia (real)``,
    ``badia (synthetic)``), so invented numbers never blend into real ones.
    """
    rows = select(counts, Metric("killed"), zones)
    rows = rows[rows["month"].isin(months)]
    index = list(zones)
    if rows["synthetic"].nunique() > 1:
        kind = rows["synthetic"].map({True: "synthetic", False: "real"})
        rows = rows.assign(zone=rows["zone"] + " (" + kind + ")")
        index = [f"{z} ({k})" for z in zones for k in ("real", "synthetic")]
    table = rows.pivot_table(index="zone", columns="group", values="value", aggfunc="sum", fill_value=0)
    order = [g for g in (*VICTIM_GROUPS, "isis") if g in table.columns]
    table = table.reindex(index=index, columns=order).fillna(0).astype("int64")
    table.index.name = "zone"
    return table


def shares(table: pd.DataFrame) -> pd.DataFrame:
    """Each row as percentages of its sum (1 decimal; NaN for an empty row)."""
    totals = table.sum(axis=1)
    return (table.div(totals.where(totals > 0), axis=0) * 100).round(1)


# -------------------------------------------------------------------------------------------- the brief

def headline_table(counts: pd.DataFrame, month: int, trailing: int = 12) -> pd.DataFrame:
    """The headline figures of ``month`` against the month before and the trailing mean before it.

    Baselines are of the same kind as the month they judge: a real month is compared only with real months,
    a synthetic one only with synthetic months. The previous month is ``month - 1`` when it has a report of
    that kind (else missing); the trailing mean averages the months of the ``trailing`` before ``month``
    that have a report of that kind stating the figure (``months_in_mean`` says how many).

    Args:
        counts: Output of ``monthly_counts``.
        month: The month of the brief.
        trailing: Number of months before ``month`` the mean may use.

    Returns:
        One row per ``HEADLINE_METRICS`` entry (index ``figure``): ``this_month``, ``previous_month``,
        ``trailing_mean`` (best estimates) with their ``*_low`` / ``*_high`` estimates, ``months_in_mean``,
        ``change_vs_previous`` and ``change_vs_mean_pct`` (of the best estimates), and ``kind`` (``real`` or
        ``synthetic``: the month's report).
    """
    window = list(range(month - trailing, month + 1))
    kinds = month_kinds(counts, window)
    kind = kinds.loc[month]
    same_kind = kinds[kinds == kind].index
    rows = {}
    for name, metric in HEADLINE_METRICS.items():
        series = bounded_series(counts, metric, window)
        low, best, high = (x.where(x.index.isin(same_kind)) for x in (series.low, series.best, series.high))
        before = slice(None, month - 1)
        mean_low, mean, mean_high = uncertainty.mean_bounds(low.loc[before], best.loc[before],
                                                            high.loc[before])
        now, prev = best.loc[month], best.get(month - 1, np.nan)
        rows[name] = {
            "this_month": now, "this_month_low": low.loc[month], "this_month_high": high.loc[month],
            "previous_month": prev, "previous_month_low": low.get(month - 1, np.nan),
            "previous_month_high": high.get(month - 1, np.nan),
            "trailing_mean": round(mean, 1), "trailing_mean_low": round(mean_low, 1),
            "trailing_mean_high": round(mean_high, 1) if np.isfinite(mean_high) else mean_high,
            "months_in_mean": int(best.loc[before].notna().sum()),
            "change_vs_previous": now - prev,
            "change_vs_mean_pct": round((now - mean) / mean * 100, 1) if mean > 0 else np.nan,
        }
    table = pd.DataFrame.from_dict(rows, orient="index")
    table["kind"] = kind
    table.index.name = "figure"
    return table


def headline_display(table: pd.DataFrame, month: int) -> pd.DataFrame:
    """``headline_table`` as the brief shows it: counts with their marks (``≥ 22``, ``~ 32``), ``—`` missing.

    Columns: ``month N``, ``month N-1``, ``change``, ``trailing mean``, ``months in mean``, ``vs mean``.
    """
    def shown(column: str, decimals: int = 0) -> list[str]:
        return [uncertainty.format_count(b, lo, hi, decimals) for b, lo, hi in
                zip(table[column], table[f"{column}_low"], table[f"{column}_high"], strict=True)]

    change = [uncertainty.MISSING if pd.isna(c) else f"{c:+.0f}" for c in table["change_vs_previous"]]
    pct = [uncertainty.MISSING if pd.isna(p) else f"{p:+.1f} %" for p in table["change_vs_mean_pct"]]
    out = pd.DataFrame({
        f"month {month}": shown("this_month"), f"month {month - 1}": shown("previous_month"),
        "change": change, "trailing mean": shown("trailing_mean", 1),
        "months in mean": table["months_in_mean"].tolist(), "vs mean": pct,
    }, index=table.index)
    return out


AREA_METRICS = {
    "operations": Metric("operations", ("isis",)),
    "killed_by_isis": Metric("killed", ("isis",), VICTIM_GROUPS),
    "isis_killed": Metric("killed", groups=("isis",)),
}
"""The columns of area tables: ISIS operations, people ISIS killed, ISIS members killed."""


def area_summary(areas: pd.DataFrame, months: Sequence[int], by: Sequence[str] = ("admin1",),
                 bounds: bool = False) -> pd.DataFrame:
    """``AREA_METRICS`` over ``months`` per ``by``, most operations first (then most deaths, then name).

    Area lines without a governorate are shown as ``unattributed``, without a place name as ``""``. A column
    is 0 for an area without a line of its measure where other areas have one, and missing (NaN) in every
    row where no area line states that measure at all (never 0 for what the report does not state).
    With ``bounds``, each column has its ``_low`` and ``_high`` estimates beside it (``uncertainty.marked``).
    """
    by = list(by)
    rows = _with_bounds(areas[areas["month"].isin(months)].fillna({"admin1": "unattributed", "place_ar": ""}))
    estimates = ("value", "low", "high") if bounds else ("value",)
    parts = {}
    for name, metric in AREA_METRICS.items():
        for estimate in estimates:
            column = name if estimate == "value" else f"{name}_{estimate}"
            parts[column] = select(rows, metric).groupby(by)[estimate].sum()
    columns = [c for name in AREA_METRICS for c in (name, f"{name}_low", f"{name}_high") if c in parts]
    table = pd.DataFrame(parts).reindex(columns=columns).astype("float64")
    for name, metric in AREA_METRICS.items():
        if states_measure(rows, metric, months):
            filled = [c for c in (name, f"{name}_low", f"{name}_high") if c in table]
            table[filled] = table[filled].fillna(0.0)
    if table.empty:
        index = pd.MultiIndex.from_tuples([], names=by) if len(by) > 1 else pd.Index([], name=by[0])
        return pd.DataFrame(columns=columns, index=index, dtype="float64")
    table = table.reset_index()
    order = ["operations", "killed_by_isis", *by]
    ascending = [False, False, *[True] * len(by)]
    if "zone" in by:
        table["_zone"] = table["zone"].map({zone: i for i, zone in enumerate(ZONES)})
        order, ascending = ["_zone", *order], [True, *ascending]
    table = table.sort_values(order, ascending=ascending, kind="stable", na_position="last")
    return table.drop(columns="_zone", errors="ignore").set_index(by)


def area_table(areas: pd.DataFrame, month: int, bounds: bool = False) -> pd.DataFrame:
    """The area lines of one month by zone, governorate and place (``area_summary``)."""
    return area_summary(areas, [month], ["zone", "admin1", "place_ar"], bounds)


def month_report_ids(data: Dataset, month: int, include_synthetic: bool = False) -> list[str]:
    """The report behind a month's figures (empty when the month has no usable report): only what is used."""
    chosen = usable_reports(data.reports, include_synthetic)
    return chosen.loc[chosen["month"] == month, "report_id"].tolist()


def month_sources(data: Dataset, month: int, include_synthetic: bool = False) -> pd.DataFrame:
    """Every report of a month, whether the month's figures use it, and why not.

    Returns:
        One row per report of the month: report_id, synthetic, language, status, used (bool), note (why a
        report is not used: a duplicate or translation of the used one, an error, a synthetic report left
        out, another version preferred).
    """
    used = set(month_report_ids(data, month, include_synthetic))
    rows = data.reports[series_months(data.reports) == month].sort_values("report_id")
    notes = []
    for row in rows.itertuples(index=False):
        if row.report_id in used:
            notes.append("used")
        elif row.status == "error":
            notes.append(f"not used: error ({row.error})")
        elif isinstance(row.same_as, str):
            notes.append(f"not used: same month as {row.same_as} (duplicate or translation)")
        elif row.synthetic and not include_synthetic:
            notes.append("not used: synthetic (include_synthetic=False)")
        else:
            notes.append("not used: another report of the month is preferred")
    table = rows[["report_id", "synthetic", "language", "status"]].assign(
        used=rows["report_id"].isin(used).to_numpy(), note=notes)
    return table.reset_index(drop=True)


def month_events(events: pd.DataFrame, report_ids: Sequence[str]) -> pd.DataFrame:
    """Notable events of the given reports, by date then place."""
    rows = events[events["report_id"].isin(report_ids)]
    columns = ["date", "admin1", "place_ar", "actor", "target", "description_ar"]
    return rows.sort_values(["date", "admin1", "place_ar"], kind="stable", na_position="last")[columns] \
        .reset_index(drop=True)


def quality_summary(data: Dataset, report_ids: Sequence[str]) -> pd.DataFrame:
    """Per report: status, figures, checks made and failed, unexplained numbers, error message."""
    reports = data.reports[data.reports["report_id"].isin(report_ids)].set_index("report_id")
    checks = data.checks[data.checks["report_id"].isin(report_ids)]
    made = checks.groupby("report_id").size()
    failed = checks[~checks["ok"]].groupby("report_id").size()
    table = pd.DataFrame({
        "status": reports["status"], "synthetic": reports["synthetic"], "figures": reports["n_figures"],
        "checks": made.reindex(reports.index).fillna(0).astype("int64"),
        "failed_checks": failed.reindex(reports.index).fillna(0).astype("int64"),
        "unexplained_numbers": reports["n_unexplained_numbers"], "error": reports["error"].fillna(""),
    })
    return table.reindex(list(report_ids))


def failed_checks(data: Dataset, report_ids: Sequence[str]) -> pd.DataFrame:
    """The failed checks of the given reports: kind, zone, measure, group, stated, computed, detail."""
    rows = data.checks[data.checks["report_id"].isin(report_ids) & ~data.checks["ok"]]
    columns = ["report_id", "kind", "zone", "measure", "group", "stated", "computed", "detail"]
    return rows[columns].reset_index(drop=True)


_SOURCE_KEYS = ["report_id", "zone", "measure", "group"]
_QUALIFIER_MARKS = {"at_least": "≥", "approximately": "~"}


def check_sources(data: Dataset, checks: pd.DataFrame, link_base: str) -> pd.DataFrame:
    """The source sentences of the figures behind each failed check, with a link to the raw text.

    Args:
        data: The tables.
        checks: Output of ``failed_checks``.
        link_base: Folder of the raw files as seen from where the links are shown (``../data/raw``).

    Returns:
        One row per figure: report_id, zone, measure, group, level, admin1, value, qualifier, sentence, link
        (Markdown).
    """
    figures = data.figures.merge(checks[_SOURCE_KEYS].drop_duplicates(), on=_SOURCE_KEYS)
    return _linked(data, figures[figures["level"] != "headline"], link_base)


def unexplained_numbers(data: Dataset, report_ids: Sequence[str], link_base: str) -> pd.DataFrame:
    """The numbers of the given reports that became no figure, with their sentence and a link to the raw text.

    Args:
        data: The tables.
        report_ids: The reports to list.
        link_base: Folder of the raw files as seen from where the links are shown (``../data/raw``).

    Returns:
        One row per number: report_id, text, sentence, link (Markdown).
    """
    rows = data.unexplained[data.unexplained["report_id"].isin(report_ids)]
    paths, pages = data.reports.set_index("report_id")["path"], _pages(data.reports)
    links = [source_link(link_base, paths.get(r), a, b, page=pages.get(r), sentence=s)
             for r, a, b, s in zip(rows["report_id"], rows["start"], rows["end"], rows["sentence"],
                                   strict=True)]
    return rows[["report_id", "text", "sentence"]].assign(link=links).reset_index(drop=True)


def total_sources(data: Dataset, report_ids: Sequence[str], link_base: str) -> pd.DataFrame:
    """The zone totals the given reports state, with source sentences and links (as ``check_sources``)."""
    figures = data.figures[data.figures["report_id"].isin(report_ids) & (data.figures["level"] == "total")]
    return _linked(data, figures, link_base)


def _linked(data: Dataset, figures: pd.DataFrame, link_base: str) -> pd.DataFrame:
    """Monthly figures of their own, in text order, with a Markdown link to their raw characters."""
    paths, pages = data.reports.set_index("report_id")["path"], _pages(data.reports)
    figures = figures[(figures["scope"] == "report") & figures["subgroup"].isna()]
    figures = figures.sort_values(["report_id", "start", "zone", "measure", "group"], kind="stable")
    links = [source_link(link_base, paths.get(rid), start, end, page=pages.get(rid), sentence=sentence)
             for rid, start, end, sentence in zip(figures["report_id"], figures["start"], figures["end"],
                                                  figures["sentence"], strict=True)]
    columns = _SOURCE_KEYS + ["level", "admin1", "value", "qualifier", "sentence"]
    return figures[columns].assign(link=links).reset_index(drop=True)


def source_lines(sources: pd.DataFrame, empty: str = "_None._") -> str:
    """Sources (``check_sources``, ``total_sources``) as a Markdown list: figure, value, sentence and link."""
    lines = []
    for row in sources.itertuples(index=False):
        where = f" {row.admin1}" if isinstance(row.admin1, str) else ""
        sentence = " ".join(row.sentence.split())
        value = f"{_QUALIFIER_MARKS.get(row.qualifier, '')}{row.value}"
        lines.append(f"- **{row.report_id}** {row.zone} / {row.measure} / {row.group}, {row.level}{where}: "
                     f"**{value}** — {sentence} ({row.link})")
    return "\n".join(lines) if lines else empty


def unexplained_lines(rows: pd.DataFrame, empty: str = "_None._") -> str:
    """Unexplained numbers (``unexplained_numbers``) as a Markdown list: number, sentence and link."""
    lines = [f"- **{row.report_id}** `{row.text}` — {' '.join(row.sentence.split())} ({row.link})"
             for row in rows.itertuples(index=False)]
    return "\n".join(lines) if lines else empty


def _pages(reports: pd.DataFrame) -> dict[str, str]:
    """The web page of each fetched report: its Wayback snapshot when one was used, else its source URL."""
    if "source_url" not in reports:
        return {}
    page = reports["archived_url"].fillna(reports["source_url"])
    return dict(zip(reports.loc[page.notna(), "report_id"], page[page.notna()], strict=True))


_FRAGMENT_WORDS = 4


def _fragment_part(words: Sequence[str]) -> str:
    """Words percent-encoded for a text fragment (``-``, ``,`` and ``&`` are its syntax, so encoded too)."""
    return quote(" ".join(words), safe="").replace("-", "%2D")


def text_fragment(sentence: str) -> str:
    """A text fragment (``#:~:text=``) that makes a browser scroll to and highlight ``sentence`` on a page.

    Short sentences are quoted whole; longer ones by their first and last words (``text=start,end``), which
    survives the page's markup splitting the sentence across elements.
    """
    words = sentence.split()
    if not words:
        return ""
    if len(words) <= 2 * _FRAGMENT_WORDS:
        return f"#:~:text={_fragment_part(words)}"
    return (f"#:~:text={_fragment_part(words[:_FRAGMENT_WORDS])},"
            f"{_fragment_part(words[-_FRAGMENT_WORDS:])}")


def source_link(link_base, path: str | None, start: int, end: int, *, page: str | None = None,
                sentence: str | None = None) -> str:
    """A Markdown link to characters ``start``-``end`` of a report (RFC 5147 ``#char=`` fragment).

    A saved web page's spans count in its article text (``helpers.paths.TEXT_FOLDER``), not in the HTML file,
    so its link goes to that text when ``link_base`` says where it lies.

    Args:
        link_base: ``helpers.paths.link_base()`` (raw and article-text folders relative to where the link is
            shown), or the raw folder alone as a string.
        path: The report's path relative to the raw folder (``reports.path``); None gives plain text.
        start: First character offset.
        end: Character offset after the phrase.
        page: The web page the report was fetched from (``reports.archived_url`` or ``source_url``), if any.
        sentence: The source sentence, highlighted on the page with a text fragment.

    Returns:
        ``[name chars start-end](base/path#char=start,end)``, followed for a fetched report by
        `` · [page](url#:~:text=…)``.
    """
    label = f"chars {start}-{end}"
    if not path or pd.isna(path):
        link = label
    else:
        path = Path(str(path)).as_posix()
        raw = link_base if isinstance(link_base, str) else link_base.raw
        href = f"{raw.rstrip('/')}/{path}"
        if not isinstance(link_base, str) and Path(path).suffix.lower() in WEB_PAGE_SUFFIXES:
            href, label = f"{link_base.text.rstrip('/')}/{path}.txt", f"article text, {label}"
        link = f"[{Path(path).name} {label}]({href}#char={start},{end})"
    if page and not pd.isna(page):
        url = str(page).split("#", 1)[0].replace("(", "%28").replace(")", "%29")
        link += f" · [page]({url}{text_fragment(sentence or '')})"
    return link


WEB_PAGE_SUFFIXES = (".html", ".htm")  # helpers.read.reader.HTML_SUFFIXES, without importing the reader


# ---------------------------------------------------------------------------------------------- helpers

def _anti_join(left: pd.DataFrame, right: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Rows of ``left`` whose ``keys`` do not occur in ``right``."""
    if left.empty or right.empty:
        return left
    seen = pd.MultiIndex.from_frame(right[keys].drop_duplicates())
    mine = pd.MultiIndex.from_frame(left[keys])
    return left[~mine.isin(seen)]


def _empty_counts(keys: list[str]) -> pd.DataFrame:
    """An empty zone-totals frame with the right columns."""
    return pd.DataFrame({**{k: pd.Series(dtype="string") for k in keys}, "value": pd.Series(dtype="int64"),
                         "basis": pd.Series(dtype="string")}).astype({"month": "int64"})
