"""tables.py and schemas.py: frames whose schemas enforce the contract's vocabularies; errors stay visible."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pandera.errors
import pytest

from helpers import parse_report
from helpers.build.tables import build_tables, checks_frame, figures_table, reports_table
from helpers.contract import schemas, vocab
from helpers.contract.report import Check, Event, Figure, Report

D = dt.date

TEXT = (
    'خلال الشهر 113 من عمر "الخلافة"، نفذت خلايا تنظيم "داعش" 8 عمليات في مناطق نفوذ "قسد"، '
    "أسفرت عن مقتل 5 أشخاص، هم: مدني، و4 من القوات العسكرية.\n"
    "وتوزعت العمليات على النحو الآتي:\n"
    "5 عمليات في دير الزور أسفرت عن مقتل مدني و3 من العسكريين\n"
    "3 عمليات في الرقة أسفرت عن مقتل 1 من العسكريين\n"
)


def _figure(**changes) -> Figure:
    base = Figure(
        zone="badia",
        level="breakdown",
        measure="killed",
        group="government_forces",
        value=12,
        admin1="Homs",
        admin1_pcode="SY04",
        place_ar="بادية حمص",
        sentence="مقتل 12",
        start=5,
        end=7,
    )
    return dataclasses.replace(base, **changes)


def _report(report_id="r1", **figure_changes) -> Report:
    return Report(
        report_id,
        month=112,
        period_start=D(2023, 10, 29),
        period_end=D(2023, 11, 28),
        period_kind="caliphate_month",
        figures=(_figure(**figure_changes),),
    )


def test_a_parsed_report_gives_valid_tables():
    tables = build_tables([parse_report(TEXT, report_id="frag_113")])
    assert len(tables.figures) == 9 and len(tables.reports) == 1
    assert list(tables.figures.columns) == list(schemas.FIGURES.columns)
    assert list(tables.reports.columns) == list(schemas.REPORTS.columns)
    row = tables.reports.iloc[0]
    assert (
        row["report_id"],
        row["month"],
        row["status"],
        row["n_figures"],
        row["n_unexplained_numbers"],
    ) == ("frag_113", 113, "ok", 9, 0)
    assert row["period_start"] == pd.Timestamp("2023-11-29") and row["period_end"] == pd.Timestamp(
        "2023-12-28"
    )
    assert set(tables.figures["month"]) == {113}
    deir = tables.figures[
        (tables.figures["admin1"] == "Deir ez-Zor") & (tables.figures["measure"] == "operations")
    ]
    assert deir["admin1_pcode"].tolist() == ["SY09"] and deir["value"].tolist() == [5]
    assert len(tables.checks) == 4 and tables.checks["ok"].all()
    for name, frame in tables.items():
        schemas.SCHEMAS[name].validate(frame)


@pytest.mark.parametrize(
    "change",
    [
        {"zone": "desert"},  # not a zone of the contract
        {"level": "summary"},
        {"measure": "beheaded"},
        {"group": "soldiers"},
        {"subgroup": "elderly"},
        {"perpetrator": "hts"},
        {"qualifier": "roughly"},
        {"scope": "monthly"},
        {"admin1": "Aleppo city"},
        {"admin1_pcode": "SY99"},
        {"value": -3},
        {"start": 9, "end": 4},
    ],
)
def test_figures_schema_refuses_values_outside_the_vocabularies(change):
    with pytest.raises(pandera.errors.SchemaError):
        figures_table([_report(**change)])


def test_every_vocabulary_value_is_accepted():
    columns = {
        "zone": vocab.ZONES,
        "level": vocab.LEVELS,
        "measure": vocab.MEASURES,
        "group": vocab.GROUPS,
        "subgroup": vocab.SUBGROUPS + (None,),
        "perpetrator": vocab.PERPETRATORS,
        "qualifier": vocab.QUALIFIERS,
        "scope": vocab.SCOPES,
        "admin1": vocab.ADMIN1,
    }
    n = max(len(v) for v in columns.values())
    reports = [
        _report(
            f"r{i:02d}",
            **{c: v[i % len(v)] for c, v in columns.items()},
            admin1_pcode=vocab.ADMIN1_PCODES[vocab.ADMIN1[i % len(vocab.ADMIN1)]],
        )
        for i in range(n)
    ]
    frame = figures_table(reports)
    assert len(frame) == n == 14
    for column, values in columns.items():
        assert set(frame[column].dropna()) == {v for v in values if v is not None}


def test_a_figure_without_a_governorate_is_valid():
    frame = figures_table([_report(level="total", admin1=None, admin1_pcode=None, place_ar=None)])
    assert frame["admin1"].isna().all() and frame["admin1_pcode"].isna().all()


def test_error_reports_appear_in_the_reports_table_with_no_figures():
    failed = Report.failed(
        "weather_note",
        "weather_note: not a report of the series: no mention of ISIS",
        path="raw/weather_note.txt",
    )
    tables = build_tables([_report("r1"), failed])
    assert tables.reports["report_id"].tolist() == ["r1", "weather_note"]
    err = tables.reports.set_index("report_id").loc["weather_note"]
    assert err["status"] == "error" and "weather_note" in err["error"]
    assert err["n_figures"] == 0 and pd.isna(err["language"]) and pd.isna(err["month"])
    assert tables.figures["report_id"].tolist() == ["r1"]
    assert (tables.checks["report_id"] != "weather_note").all()


def test_reports_table_refuses_an_unknown_status_and_duplicate_ids():
    with pytest.raises(pandera.errors.SchemaError):
        reports_table([dataclasses.replace(_report(), status="fine")])
    with pytest.raises(pandera.errors.SchemaError):
        reports_table([_report("same"), _report("same")])


def test_checks_schema_refuses_an_unknown_kind_or_zone():
    good = Check("r1", "total_vs_breakdown", "badia", "operations", "all", 19, 19, True)
    assert len(checks_frame([good])) == 1
    with pytest.raises(pandera.errors.SchemaError):
        checks_frame([dataclasses.replace(good, kind="sum_check")])
    with pytest.raises(pandera.errors.SchemaError):
        checks_frame([dataclasses.replace(good, zone="desert")])


def test_events_table_has_dates_and_refuses_an_unknown_actor():
    event = Event(
        date=D(2023, 1, 2),
        admin1="Hasakah",
        place_ar="ريف الحسكة",
        actor="coalition",
        target="isis_leader",
        description_ar="قتل قيادي",
        sentence="قتل قيادي",
    )
    ok = dataclasses.replace(_report(), events=(event,))
    tables = build_tables([ok])
    assert tables.events["date"].tolist() == [pd.Timestamp("2023-01-02")]
    bad = dataclasses.replace(_report(), events=(dataclasses.replace(event, actor="nobody"),))
    with pytest.raises(pandera.errors.SchemaError):
        build_tables([bad])


def test_tables_are_sorted_by_report_id_and_stable():
    a, b = _report("b_report"), _report("a_report")
    first, second = build_tables([a, b]), build_tables([b, a])
    assert first.reports["report_id"].tolist() == ["a_report", "b_report"]
    for (_, x), (_, y) in zip(first.items(), second.items(), strict=True):
        pd.testing.assert_frame_equal(x, y)
