"""Events are single events: running totals never become events; events outside the period are flagged."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from helpers.build.tables import build_tables
from helpers.check.events import event_checks, is_running_total, single_events
from helpers.contract.report import Event, Figure, Report

D = dt.date
RUNNING = "أما منذ 24 مارس 2019، فقد بلغ عدد عمليات التنظيم في البادية 1040 عملية"
LEADER = "قتل قيادي في التنظيم بغارة للتحالف الدولي في ريف تل تمر يوم 3 تموز"


def _report(*events: Event, figures=()) -> Report:
    return Report("r1", month=108, period_start=D(2023, 6, 29), period_end=D(2023, 7, 28),
                  period_kind="caliphate_month", figures=tuple(figures), events=events)


def _event(date, sentence=LEADER, admin1="Hasakah") -> Event:
    return Event(date=date, admin1=admin1, place_ar="تل تمر", actor="coalition", target="isis_leader",
                 description_ar=sentence, sentence=sentence)


def _cumulative(sentence: str = RUNNING) -> Figure:
    return Figure(zone="badia", level="total", measure="operations", group="all", value=1040,
                  scope="cumulative", since=D(2019, 3, 24), sentence=sentence, start=0, end=4)


def test_a_running_total_is_no_event_by_sentence_or_by_its_since_date():
    tally = _event(D(2019, 3, 24), sentence=RUNNING, admin1=None)
    leader = _event(D(2023, 7, 3))
    report = _report(tally, leader, figures=[_cumulative()])
    assert is_running_total(report, tally)
    assert not is_running_total(report, leader)
    other_sentence = _report(_event(D(2019, 3, 24), sentence="x"), figures=[_cumulative()])
    assert is_running_total(other_sentence, other_sentence.events[0])
    assert single_events(report) == (leader,)


def test_events_table_keeps_only_single_events():
    report = _report(_event(D(2019, 3, 24), sentence=RUNNING, admin1=None), _event(D(2023, 7, 3)),
                     figures=[_cumulative()])
    tables = build_tables([report])
    assert tables.events["date"].astype(str).tolist() == ["2023-07-03"]
    assert not tables.checks["kind"].eq("event_in_period").any()  # the running total is no event to check


def test_an_event_outside_its_report_period_fails_a_check():
    early = _event(D(2023, 5, 1))
    report = _report(early, _event(D(2023, 7, 3)), _event(None))
    checks = event_checks(report)
    assert [(c.kind, c.stated, c.computed, c.ok) for c in checks] == [("event_in_period", -59, 0, False)]
    assert "2023-05-01" in checks[0].detail and "Hasakah" in checks[0].detail
    late = event_checks(_report(_event(D(2023, 8, 2))))
    assert late[0].stated == 5
    table = build_tables([report]).checks
    row = table[table["kind"] == "event_in_period"].iloc[0]
    assert not row["ok"] and pd.isna(row["zone"])
    no_period = dataclasses.replace(report, period_start=None, period_end=None)
    assert event_checks(no_period) == []
