"""Tests of helpers.analysis.views on small hand-made tables that satisfy the schemas."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal, assert_series_equal

from helpers.analysis import views as analysis
from helpers.analysis.views import Dataset, Metric
from helpers.contract import calendar, schemas, validated, vocab

SEED = Path(__file__).parents[2] / "data" / "seed" / "000_ce1fad4af3d1fbde.expected.csv"
FIGURE_DEFAULTS = {"level": "total", "admin1": None, "group": "all", "subgroup": None, "perpetrator": "isis",
                   "qualifier": "exact", "scope": "report", "since": None, "place_ar": None, "group_ar": None}


def figures_frame(rows: list[dict]) -> pd.DataFrame:
    """A valid figures table from short dicts (report_id, month, zone, measure, value and what differs)."""
    full = []
    for i, row in enumerate(rows):
        row = {**FIGURE_DEFAULTS, **row}
        start, end = calendar.month_period(row["month"])
        full.append({
            "report_id": row["report_id"], "month": row["month"], "period_start": start, "period_end": end,
            "zone": row["zone"], "level": row["level"], "admin1": row["admin1"],
            "admin1_pcode": vocab.ADMIN1_PCODES.get(row["admin1"]), "place_ar": row["place_ar"],
            "measure": row["measure"], "group": row["group"], "group_ar": row["group_ar"],
            "subgroup": row["subgroup"], "perpetrator": row["perpetrator"], "value": row["value"],
            "qualifier": row["qualifier"], "scope": row["scope"], "since": row["since"],
            "sentence": row.get("sentence", f"sentence {i}"), "start": 10 * i, "end": 10 * i + 2,
        })
    return typed(full, schemas.FIGURES)


def reports_frame(rows: list[dict]) -> pd.DataFrame:
    """A valid reports table from short dicts (report_id, month and what differs)."""
    full = []
    for row in rows:
        month = row.get("month")
        start, end = calendar.month_period(month) if month else (None, None)
        full.append({
            "report_id": row["report_id"], "path": row.get("path", f"{row['report_id']}.txt"),
            "sha256": "0" * 64, "month": month, "period_start": start, "period_end": end,
            "period_kind": row.get("period_kind", "caliphate_month"),
            "month_numbering": row.get("month_numbering", "series" if month else None),
            "language": row.get("language", "ar"),
            "n_figures": row.get("n_figures", 10),
            "n_unexplained_numbers": row.get("n_unexplained_numbers", 0), "status": row.get("status", "ok"),
            "error": row.get("error"), "synthetic": row.get("synthetic", False),
            "same_as": row.get("same_as"), "source_url": row.get("source_url"),
            "retrieved_at": row.get("retrieved_at"), "archived_url": row.get("archived_url"),
        })
    return typed(full, schemas.REPORTS)


def typed(rows: list[dict], schema) -> pd.DataFrame:
    columns = list(schema.columns)
    frame = pd.DataFrame({name: pd.Series([r[name] for r in rows], dtype=str(schema.columns[name].dtype))
                          for name in columns})
    return schema.validate(frame)


def empty(schema) -> pd.DataFrame:
    columns = {n: pd.Series(dtype=str(c.dtype)) for n, c in schema.columns.items()}
    return schema.validate(pd.DataFrame(columns))


def seed_rows(report_id: str = "seed", month: int = 112) -> list[dict]:
    """The figures of the sample report (month 112) as the seed fixture lists them."""
    with SEED.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for row in rows:
        row = {k: (v or None) for k, v in row.items()}
        out.append({**row, "value": int(row["value"]), "report_id": report_id, "month": month})
    return out


R111 = [
    dict(report_id="r111", month=111, zone="sdf_areas", measure="operations", value=10),
    dict(report_id="r111", month=111, zone="sdf_areas", measure="killed", value=4),
    dict(report_id="r111", month=111, zone="sdf_areas", measure="killed", group="civilians", value=1),
    dict(report_id="r111", month=111, zone="sdf_areas", measure="killed", group="sdf", value=2),
    dict(report_id="r111", month=111, zone="sdf_areas", measure="killed", group="civilians", subgroup="women",
         value=1),
    dict(report_id="r111", month=111, zone="sdf_areas", measure="operations", scope="cumulative", value=900),
    dict(report_id="r111", month=111, zone="badia", measure="operations", value=20),
    dict(report_id="r111", month=111, zone="badia", measure="killed", group="government_forces", value=30),
    dict(report_id="r111", month=111, zone="badia", level="breakdown", admin1="Homs", measure="operations",
         value=12, place_ar="بادية حمص"),
    dict(report_id="r111", month=111, zone="badia", level="breakdown", admin1="Raqqa", measure="operations",
         value=8, place_ar="بادية الرقة"),
    dict(report_id="r111", month=111, zone="all", level="headline", measure="operations", value=30),
]
R110 = [  # a reprint that kept only the headline
    dict(report_id="r110", month=110, zone="all", level="headline", measure="operations", value=25),
    dict(report_id="r110", month=110, zone="all", level="headline", measure="killed", value=40),
]
DROPPED = [
    dict(report_id="dup112", month=112, zone="badia", measure="operations", value=999),
    dict(report_id="err113", month=113, zone="badia", measure="operations", value=999),
    dict(report_id="en112", month=112, zone="badia", measure="operations", value=888),
    dict(report_id="year", month=112, zone="badia", measure="operations", value=777),
]
SYNTH = [
    dict(report_id="synthetic_m114", month=114, zone="badia", measure="operations", value=7),
    dict(report_id="synthetic_m114", month=114, zone="badia", measure="killed", group="government_forces",
         value=3),
]


@pytest.fixture()
def data() -> Dataset:
    figures = figures_frame(R110 + R111 + seed_rows() + DROPPED + SYNTH)
    reports = reports_frame([
        dict(report_id="r110", month=110), dict(report_id="r111", month=111, status="warnings"),
        dict(report_id="seed", month=112), dict(report_id="dup112", month=112, same_as="seed"),
        dict(report_id="err113", month=113, status="error", error="boom"),
        dict(report_id="en112", month=112, language="en", n_figures=99),
        dict(report_id="year", month=112, period_kind="year"),
        dict(report_id="synthetic_m114", month=114, synthetic=True),
    ])
    checks = typed([
        dict(report_id="seed", kind="total_vs_breakdown", zone="badia", measure="operations", group="all",
             stated=19, computed=19, ok=True, detail=None),
        dict(report_id="r111", kind="total_vs_breakdown", zone="sdf_areas", measure="killed",
             group="civilians", stated=1, computed=2, ok=False, detail="Raqqa 2"),
    ], schemas.CHECKS)
    events = typed([
        dict(report_id="seed", date=pd.Timestamp("2023-11-23"), admin1="Hasakah", place_ar="ريف الشدادي",
             actor="coalition", target="isis", description_ar="مقتل قيادي", sentence="s"),
        dict(report_id="r111", date=pd.NaT, admin1=None, place_ar=None, actor="isis", target="sdf",
             description_ar="هجوم", sentence="t"),
    ], schemas.EVENTS)
    unexplained = typed([
        dict(report_id="r111", text="40", sentence="t: 40", start=3, end=5),
    ], schemas.UNEXPLAINED)
    return Dataset(figures, reports, checks, events, unexplained)


@pytest.fixture()
def counts(data) -> pd.DataFrame:
    return analysis.monthly_counts(data, include_synthetic=True)


@pytest.fixture()
def areas(data) -> pd.DataFrame:
    return analysis.area_counts(data, include_synthetic=True)


def rows(counts, **where) -> pd.DataFrame:
    for column, wanted in where.items():
        counts = counts[counts[column] == wanted]
    return counts


def value(counts, **where) -> int:
    return int(rows(counts, **where)["value"].sum())


# ------------------------------------------------------------------------------------------------ loading

def test_load_tables_reads_and_validates(tmp_path, data):
    for name, frame in (("figures", data.figures), ("reports", data.reports), ("checks", data.checks),
                        ("events", data.events), ("unexplained", data.unexplained)):
        frame.to_parquet(tmp_path / f"{name}.parquet", index=False)
    loaded = analysis.load_tables(tmp_path)
    assert_frame_equal(loaded.figures, data.figures)
    assert_frame_equal(loaded.reports, data.reports)
    assert_frame_equal(loaded.unexplained, data.unexplained)


def test_load_tables_names_the_missing_table(tmp_path):
    with pytest.raises(FileNotFoundError, match="figures.parquet.*isis-reports build"):
        analysis.load_tables(tmp_path)


def test_load_tables_rejects_a_table_off_contract(tmp_path, data):
    # of the column's own dtype, so the value is what is off contract (pandas 2 would make it object)
    zone = data.figures["zone"]
    bad = data.figures.assign(zone=pd.Series("moon", index=zone.index, dtype=zone.dtype))
    for name, frame in (("figures", bad), ("reports", data.reports), ("checks", data.checks),
                        ("events", data.events)):
        frame.to_parquet(tmp_path / f"{name}.parquet", index=False)
    with pytest.raises(Exception, match="moon"):
        analysis.load_tables(tmp_path)
    assert "figures" not in validated.passed(tmp_path)  # a table that failed is never recorded


def _write_tables(folder, data, **replace):
    for name in analysis.TABLES:
        replace.get(name, getattr(data, name)).to_parquet(folder / f"{name}.parquet", index=False)


class _Counting:
    """A schema stand-in that counts its validations and passes the frame through."""

    def __init__(self, schema):
        self.schema, self.calls = schema, 0

    def validate(self, frame):
        self.calls += 1
        return self.schema.validate(frame)


def test_load_tables_validates_each_version_of_a_table_once(tmp_path, data, monkeypatch):
    _write_tables(tmp_path, data)
    counting = {name: _Counting(schema) for name, schema in schemas.SCHEMAS.items()}
    monkeypatch.setattr(schemas, "SCHEMAS", counting)
    first = analysis.load_tables(tmp_path)
    assert {name: c.calls for name, c in counting.items()} == dict.fromkeys(analysis.TABLES, 1)
    assert sorted(validated.passed(tmp_path)) == sorted(analysis.TABLES)
    again = analysis.load_tables(tmp_path)  # the same bytes: nothing validated again
    assert {name: c.calls for name, c in counting.items()} == dict.fromkeys(analysis.TABLES, 1)
    assert_frame_equal(again.figures, first.figures)
    assert_frame_equal(again.reports, first.reports)
    # a changed table is validated again (and so is every table when the schemas change)
    _write_tables(tmp_path, data, events=data.events.iloc[:0])
    analysis.load_tables(tmp_path)
    assert counting["events"].calls == 2 and counting["figures"].calls == 1
    monkeypatch.setattr(validated, "schema_digest", lambda: "other schemas")
    analysis.load_tables(tmp_path)
    assert {name: c.calls for name, c in counting.items()} == {**dict.fromkeys(analysis.TABLES, 2),
                                                               "events": 3}


def test_a_recorded_table_changed_off_contract_is_still_rejected(tmp_path, data):
    _write_tables(tmp_path, data)
    analysis.load_tables(tmp_path)
    zone = data.figures["zone"]
    _write_tables(tmp_path, data, figures=data.figures.assign(
        zone=pd.Series("moon", index=zone.index, dtype=zone.dtype)))
    with pytest.raises(Exception, match="moon"):
        analysis.load_tables(tmp_path)


def test_load_tables_from_a_folder_it_cannot_write_to(tmp_path, data, monkeypatch):
    _write_tables(tmp_path, data)
    monkeypatch.setattr(validated.tempfile, "mkstemp", _read_only)
    assert len(analysis.load_tables(tmp_path).figures) == len(data.figures)
    assert validated.passed(tmp_path) == {}


def _read_only(*args, **kwargs):
    raise PermissionError("read-only folder")


# ------------------------------------------------------------------------------------------ which reports

def test_usable_reports_one_per_month_real_arabic_first(data):
    chosen = analysis.usable_reports(data.reports, include_synthetic=True)
    assert chosen["report_id"].tolist() == ["r110", "r111", "seed", "synthetic_m114"]
    assert analysis.usable_reports(data.reports)["report_id"].tolist() == ["r110", "r111", "seed"]


def test_real_reports_only_by_default_synthetic_only_without_any_real_one(data):
    reports = data.reports
    assert not analysis.usable_reports(reports)["synthetic"].any()  # real first
    demo_only = reports[reports["synthetic"]]
    assert analysis.usable_reports(demo_only)["report_id"].tolist() == ["synthetic_m114"]
    counts = analysis.monthly_counts(data)
    assert analysis.available_months(counts) == [110, 111, 112] and not counts["synthetic"].any()


def test_usable_reports_prefers_ok_then_more_figures():
    reports = reports_frame([dict(report_id="a", month=5, status="warnings", n_figures=50),
                             dict(report_id="b", month=5, n_figures=3),
                             dict(report_id="c", month=5, n_figures=4)])
    assert analysis.usable_reports(reports)["report_id"].tolist() == ["c"]


def test_each_chart_counts_the_synthetic_reports_of_the_months_it_shows(data):
    usable = analysis.usable_reports(data.reports, include_synthetic=True)
    assert analysis.months_footnote(usable, [110, 111, 112]) is None
    assert analysis.months_footnote(usable, range(100, 125)) == (
        "Includes 1 synthetic demo report: invented numbers, not real data.")


def test_synthetic_share(data):
    assert analysis.synthetic_share(analysis.usable_reports(data.reports, include_synthetic=True)) == (
        "4 reports: 1 synthetic (demo data), 3 real")
    assert analysis.synthetic_share(data.reports.iloc[:1]) == "1 report: 0 synthetic (demo data), 1 real"


# --------------------------------------------------------------------------------------------- conventions

def test_seed_month_totals(counts):
    m = counts[counts["month"] == 112]
    assert value(m, measure="operations", perpetrator="isis") == 30
    assert value(m, measure="killed", perpetrator="isis") == 81  # 6 in SDF areas + 74 soldiers + 1 civilian
    assert value(m, measure="killed", group="isis") == 16  # 13 by Russia, 1 by the Coalition, 2 in Daraa
    assert value(m, measure="arrested") == 17
    assert value(m, zone="badia", measure="killed", group="isis", perpetrator="russia") == 13
    assert set(m.loc[m["zone"] == "government_areas", "basis"]) == {"breakdown"}


def test_undivided_toll_leaves_only_its_unexplained_rest(counts):
    sdf111 = rows(counts, month=111, zone="sdf_areas", measure="killed")
    assert sorted(zip(sdf111["group"], sdf111["value"], strict=True)) == [
        ("civilians", 1), ("sdf", 2), ("unspecified", 1)]
    sdf112 = rows(counts, month=112, zone="sdf_areas", measure="killed")
    assert "all" not in set(sdf112["group"]) and "unspecified" not in set(sdf112["group"])


def test_cumulative_subgroup_duplicate_error_and_annual_figures_never_count(counts):
    assert value(counts, month=111, zone="sdf_areas", measure="operations") == 10
    assert value(counts, month=111, group="civilians") == 1
    assert not {999, 888, 777} & set(counts["value"])
    assert 113 not in set(counts["month"])


def test_total_preferred_to_breakdown_and_headline_only_where_the_body_is_silent(counts):
    badia111 = rows(counts, month=111, zone="badia", measure="operations")
    assert badia111["value"].tolist() == [20] and badia111["basis"].tolist() == ["total"]
    assert value(counts, month=111, zone="all") == 0  # the headline repeats the body
    m110 = counts[counts["month"] == 110]
    assert m110[["zone", "measure", "group", "value", "basis"]].values.tolist() == [
        ["all", "killed", "unspecified", 40, "headline"], ["all", "operations", "all", 25, "headline"]]


def test_breakdown_summed_when_the_zone_has_no_total():
    figures = figures_frame([
        dict(report_id="a", month=100, zone="badia", level="breakdown", admin1=admin1, measure="operations",
             value=n) for admin1, n in (("Homs", 3), ("Hama", 4))
    ])
    out = analysis.zone_totals(figures)
    assert out[["zone", "value", "basis"]].values.tolist() == [["badia", 7, "breakdown"]]


def test_zone_totals_of_nothing_is_empty_with_columns():
    out = analysis.zone_totals(empty(schemas.FIGURES))
    assert out.empty
    assert list(out.columns) == ["report_id", "month", "zone", "measure", "group", "perpetrator", "value",
                                 "basis"]


def test_resolve_groups_drops_toll_when_parts_exceed_it():
    counts = pd.DataFrame({"report_id": ["a"] * 3, "month": [1] * 3, "zone": ["badia"] * 3,
                           "measure": ["killed"] * 3, "group": ["all", "civilians", "isis"],
                           "perpetrator": ["isis"] * 3, "value": [2, 3, 9]})
    out = analysis.resolve_groups(counts)
    assert out[["group", "value"]].values.tolist() == [["civilians", 3], ["isis", 9]]


def test_include_synthetic_false_drops_demo_months(data):
    counts = analysis.monthly_counts(data, include_synthetic=False)
    assert analysis.available_months(counts) == [110, 111, 112]


# ----------------------------------------------------------------------------------------------- months

def test_month_range_defaults_and_errors():
    assert analysis.month_range([110, 112, 114]) == [110, 111, 112, 113, 114]
    assert analysis.month_range([110, 112, 114], 112, 0) == [112, 113, 114]
    with pytest.raises(ValueError, match="outside the data"):
        analysis.month_range([110, 112], 100, 0)
    with pytest.raises(ValueError, match="after"):
        analysis.month_range([110, 112], 112, 110)
    with pytest.raises(ValueError, match="no usable reports"):
        analysis.month_range([])


def test_period_months():
    assert analysis.period_months([100, 110, 112], 112, 3) == ([110, 111, 112], [107, 108, 109])
    assert analysis.period_months([100, 110, 112]) == ([112], [111])
    with pytest.raises(ValueError, match="n_months"):
        analysis.period_months([112], 112, 0)
    with pytest.raises(ValueError, match="outside"):
        analysis.period_months([112], 99, 1)


def test_resolve_month_and_trailing_window():
    assert analysis.resolve_month([110, 112]) == 112
    assert analysis.resolve_month([110, 112], 111) == 111  # inside the data's span: a gap month is allowed
    with pytest.raises(ValueError, match="outside"):
        analysis.resolve_month([110, 112], 113)
    assert analysis.trailing_window([110, 112], 112, 2) == [111, 112]
    assert analysis.trailing_window([110, 112], 112, 24) == [110, 111, 112]


def test_reported_month_refuses_a_month_without_report():
    assert analysis.reported_month([110, 112]) == 112
    with pytest.raises(ValueError, match="month 111 has no usable report .*110, 112"):
        analysis.reported_month([110, 112], 111)


def test_month_label():
    assert analysis.month_label(112) == "112 (Nov 2023)"
    assert analysis.month_label(96) == "96 (Jul 2022)"
    assert analysis.period_text(112) == "29 Oct 2023 to 28 Nov 2023"


# --------------------------------------------------------------------------------------------- month tables

def test_monthly_table_by_zone_with_gaps(counts):
    ops = analysis.monthly_table(counts, Metric("operations", ("isis",)), [110, 111, 112, 113, 114])
    assert list(ops.columns) == ["sdf_areas", "badia", "all"]
    assert ops.loc[111, ["sdf_areas", "badia"]].tolist() == [10.0, 20.0]
    assert ops.loc[112, ["sdf_areas", "badia"]].tolist() == [11.0, 19.0]
    assert ops.loc[[111, 112], "all"].isna().all()  # the headline repeats the body: zone "all" not reported
    assert math.isnan(ops.loc[110, "badia"]) and ops.loc[110, "all"] == 25.0
    assert ops.loc[113].isna().all()  # no usable report
    assert math.isnan(ops.loc[114, "sdf_areas"]) and ops.loc[114, "badia"] == 7.0


def test_monthly_table_total_and_by_group(counts):
    months = [111, 112, 113]
    deaths = analysis.metric_series(counts, analysis.HEADLINE_METRICS["Deaths caused by ISIS"], months)
    assert_series_equal(deaths, pd.Series([34.0, 81.0, np.nan], index=pd.Index(months, name="month")))
    by_group = analysis.monthly_table(counts, Metric("killed"), [112], by="group")
    assert by_group.loc[112].to_dict() == {"civilians": 2.0, "government_forces": 74.0, "sdf": 5.0,
                                           "isis": 16.0}


def test_monthly_table_zero_only_where_the_measure_is_stated(counts):
    arrests = analysis.metric_series(counts, Metric("arrested"), [111, 112])
    assert math.isnan(arrests[111]) and arrests[112] == 17.0  # no arrests paragraph in 111: unknown, not 0
    russia = analysis.metric_series(counts, Metric("killed", ("russia",)), [111, 112], zones=["sdf_areas"])
    assert russia.isna().all()  # deaths stated in the zone, none of them by Russia: not stated, not 0
    civilians = analysis.metric_series(counts, Metric("killed", ("isis",), ("civilians",)), [111],
                                       zones=["badia"])
    assert civilians.tolist() == [0.0]  # deaths caused by ISIS stated there, none of civilians: 0
    ops = analysis.monthly_table(counts, Metric("operations"), [112], zones=["government_areas"])
    assert list(ops.columns) == [] and ops.index.tolist() == [112]  # Daraa: deaths only, no operations


def test_rolling_mean_and_month_over_month():
    wide = pd.DataFrame({"a": [2.0, 4.0, np.nan, 8.0]}, index=[1, 2, 3, 4])
    assert analysis.rolling_mean(wide, 2)["a"].tolist() == [2.0, 3.0, 4.0, 8.0]
    with pytest.raises(ValueError):
        analysis.rolling_mean(wide, 0)
    mom = analysis.month_over_month(pd.Series([4.0, 6.0, 0.0, 3.0], index=[1, 2, 3, 4]))
    assert mom["change"].tolist()[1:] == [2.0, -6.0, 3.0]
    assert mom["change_pct"].tolist()[1:3] == [50.0, -100.0] and math.isnan(mom["change_pct"].iloc[3])


def test_lethality(counts):
    leth = analysis.lethality(counts, [111, 112], zones=["sdf_areas", "badia"])
    assert leth.loc[111, "sdf_areas"] == pytest.approx(0.4)
    assert leth.loc[112, "badia"] == pytest.approx(75 / 19)
    assert leth.loc[111, "badia"] == pytest.approx(1.5)


# ------------------------------------------------------------------------------------------------ regional

def test_area_counts_and_governorate_totals(areas):
    ops = analysis.area_total(areas, Metric("operations", ("isis",)), [111, 112], ["admin1"])
    assert ops.to_dict() == {"Homs": 21, "Deir ez-Zor": 13, "Raqqa": 11, "Hasakah": 4, "Aleppo": 1}
    by_place = analysis.area_total(areas, Metric("operations", ("isis",)), [111], ["admin1", "place_ar"])
    assert by_place.to_dict() == {("Homs", "بادية حمص"): 12, ("Raqqa", "بادية الرقة"): 8}


def test_governorate_matrix_and_period_change(areas):
    matrix = analysis.governorate_matrix(areas, Metric("operations", ("isis",)), [110, 111, 112])
    assert matrix.loc["Homs", [111, 112]].tolist() == [12, 9]
    assert matrix.loc["Aleppo", [111, 112]].tolist() == [0, 1]
    assert matrix[110].isna().all()  # headline only: no area lines, not zero
    assert matrix.index[0] == "Homs"
    change = analysis.period_change(areas, Metric("operations", ("isis",)), [112], [111])
    assert change.loc["Raqqa"].tolist()[:3] == [3, 8, -5]
    assert change.loc["Raqqa", "change_pct"] == -62.5
    assert math.isnan(change.loc["Hasakah", "change_pct"])


def test_attribution_share(counts, areas):
    share = analysis.attribution(counts, areas, Metric("operations", ("isis",)), [111])
    assert share.to_dict() == {"badia": 1.0, "sdf_areas": 0.0}


def test_map_values_covers_every_governorate(areas):
    gazetteer = pd.DataFrame({"admin1": list(vocab.ADMIN1)})
    totals = analysis.area_total(areas, Metric("operations", ("isis",)), [112], ["admin1"])
    out = analysis.map_values(totals, gazetteer)
    assert len(out) == 14 and out.set_index("admin1").loc["Homs", "value"] == 9
    assert out["value"].sum() == 30


# -------------------------------------------------------------------------------------------------- actors

def test_theatre_table_and_summary(counts):
    table = analysis.theatre_table(counts, [111, 112])
    badia = table.loc["Badia (vs government forces)"]
    assert badia["force_killed"].tolist() == [30.0, 74.0]
    assert badia["isis_killed"].tolist() == [0.0, 13.0]
    assert badia.loc[112, "exchange_ratio"] == round(13 / 74, 2)
    summary = analysis.theatre_summary(table)
    ne = summary.loc["North-east (vs SDF)"]
    assert ne[["operations", "force_killed", "isis_killed"]].tolist() == [21, 7, 1]
    assert ne["exchange_ratio"] == round(1 / 7, 2)


def test_exchange_ratio_without_force_deaths_is_nan():
    assert math.isnan(analysis.exchange_ratio(3, 0))
    assert analysis.exchange_ratio(3, 2) == 1.5


def test_counter_isis_table(counts):
    table = analysis.counter_isis_table(counts, [111, 112])
    row = table.loc[112]
    assert row[["Coalition/SDF arrests", "ISIS killed by Coalition/SDF", "ISIS killed by Russian strikes"]
               ].tolist() == [17.0, 1.0, 13.0]
    # the reports never count Coalition raids or ISIS members killed by government forces: unknown, not 0
    assert row[["Coalition/SDF operations", "ISIS killed by government forces"]].isna().all()
    assert table["Coalition/SDF operations"].isna().all()
    bounds = analysis.counter_isis_bounds(counts, [111, 112])
    assert bounds.best.equals(table) and bounds.low.loc[112, "Coalition/SDF arrests"] == 17.0


def test_casualty_composition_and_shares(counts):
    table = analysis.casualty_composition(counts, [111, 112], ["sdf_areas", "badia"])
    assert list(table.columns) == ["civilians", "government_forces", "sdf", "unspecified", "isis"]
    assert table.loc["sdf_areas"].tolist() == [2, 0, 7, 1, 1]
    pct = analysis.shares(table)
    assert pct.loc["sdf_areas"].sum() == pytest.approx(100, abs=0.2)
    assert analysis.shares(pd.DataFrame({"a": [0]})).isna().all().all()


# -------------------------------------------------------------------------------------------------- brief

def test_headline_table(counts):
    table = analysis.headline_table(counts, 112, trailing=3)
    ops = table.loc["ISIS operations"]
    assert ops["this_month"] == 30 and ops["previous_month"] == 30
    assert ops["trailing_mean"] == 27.5 and ops["months_in_mean"] == 2
    assert ops["change_vs_mean_pct"] == round((30 - 27.5) / 27.5 * 100, 1)
    assert table.loc["- government forces", "this_month"] == 74
    assert list(table.index) == list(analysis.HEADLINE_METRICS)


def test_area_summary_ranks_governorates(areas):
    table = analysis.area_summary(areas, [111, 112])
    assert list(table.columns) == ["operations", "killed_by_isis", "isis_killed"]
    assert table.index.tolist() == ["Homs", "Deir ez-Zor", "Raqqa", "Hasakah", "Aleppo", "Daraa"]
    assert table.loc["Daraa"].tolist() == [0, 0, 2]
    assert table.loc["Homs"].tolist() == [21, 54, 13]
    assert analysis.area_summary(areas, [50]).empty


def test_area_table(areas):
    table = analysis.area_table(areas, 112)
    assert table.index.names == ["zone", "admin1", "place_ar"]
    assert table.index.get_level_values("zone").tolist()[:3] == ["sdf_areas"] * 3
    # the seed names no place for Homs; month 111 calls it "بادية حمص": one area, named the way reports do
    assert table.loc[("badia", "Homs", "بادية حمص")].tolist() == [9, 54, 13]
    assert not table.index.droplevel("place_ar").duplicated().any()
    assert table["operations"].sum() == 30
    assert analysis.area_table(areas, 50).empty


def test_month_report_ids_events_and_quality(data):
    ids = analysis.month_report_ids(data, 112)
    assert ids == ["seed"]  # only the report that is used, never its duplicate or translation
    sources = analysis.month_sources(data, 112)
    assert sources.set_index("report_id")["used"].to_dict() == {
        "dup112": False, "en112": False, "seed": True, "year": False}
    assert sources.set_index("report_id").loc["dup112", "note"].startswith("not used: same month as seed")
    events = analysis.month_events(data.events, ids)
    assert events["admin1"].tolist() == ["Hasakah"]
    quality = analysis.quality_summary(data, ["r111"])
    assert quality.loc["r111", ["checks", "failed_checks"]].tolist() == [1, 1]
    failed = analysis.failed_checks(data, ["r111", "seed"])
    assert failed["report_id"].tolist() == ["r111"]
    sources = analysis.check_sources(data, failed, "../data/raw")
    assert sources["value"].tolist() == [1]
    assert sources["link"].iloc[0].startswith("[r111.txt chars ") and "](../data/raw/r111.txt#char=" in \
        sources["link"].iloc[0]


def test_unexplained_numbers_are_listed_with_links(data):
    rows = analysis.unexplained_numbers(data, ["r111", "seed"], "../data/raw")
    assert rows[["report_id", "text", "sentence"]].values.tolist() == [["r111", "40", "t: 40"]]
    assert rows["link"].iloc[0].endswith("(../data/raw/r111.txt#char=3,5)")
    assert analysis.unexplained_numbers(data, ["seed"], "../data/raw").empty
    text = analysis.unexplained_lines(rows)
    assert text.startswith("- **r111** `40` — t: 40 (") and text.endswith("#char=3,5))")
    assert analysis.unexplained_lines(rows.iloc[:0], empty="none") == "none"


def test_total_sources_and_source_lines(data):
    sources = analysis.total_sources(data, ["r111"], "../data/raw")
    assert sources["level"].unique().tolist() == ["total"]
    assert sources["value"].tolist() == [10, 4, 1, 2, 20, 30]  # text order; no sub-count, no running total
    text = analysis.source_lines(sources.head(1))
    assert text.startswith("- **r111** sdf_areas / operations / all, total: **10** — sentence 2 (")
    assert text.endswith("(../data/raw/r111.txt#char=20,22))")
    assert analysis.source_lines(sources.head(0), empty="nothing") == "nothing"
    approximate = sources.head(1).assign(qualifier="approximately")
    assert "total: **~10** —" in analysis.source_lines(approximate)


def test_source_link():
    link = analysis.source_link("../data/raw/", "sub/a.txt", 5, 9)
    assert link == "[a.txt chars 5-9](../data/raw/sub/a.txt#char=5,9)"
    assert analysis.source_link("../data/raw", None, 5, 9) == "chars 5-9"
