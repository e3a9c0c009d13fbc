"""calendar.py: caliphate month N <-> calendar period, against the series' dated anchors and as inverses."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.contract import calendar

D = dt.date
FIRST_DAY = D(2014, 7, 29)  # month 1 runs 29 July - 28 August 2014


@pytest.mark.parametrize(
    ("month", "start", "end"),
    [
        (112, D(2023, 10, 29), D(2023, 11, 28)),  # the sample
        (96, D(2022, 6, 29), D(2022, 7, 28)),  # published as the report for July 2022
        (100, D(2022, 10, 29), D(2022, 11, 28)),  # published as the report for November 2022
        (1, D(2014, 7, 29), D(2014, 8, 28)),
        (66, D(2019, 12, 29), D(2020, 1, 28)),  # across a new year
        (101, D(2022, 11, 29), D(2022, 12, 28)),
        (102, D(2022, 12, 29), D(2023, 1, 28)),
        (130, D(2025, 4, 29), D(2025, 5, 28)),
        (135, D(2025, 9, 29), D(2025, 10, 28)),
    ],
)
def test_anchor_periods(month, start, end):
    assert calendar.month_period(month) == (start, end)


def test_month_91_contains_3_february_2022():
    start, end = calendar.month_period(91)
    assert start <= D(2022, 2, 3) <= end
    assert calendar.month_of_date(D(2022, 2, 3)) == 91


def test_the_sample_event_date_falls_in_month_112():
    assert calendar.month_of_date(D(2023, 11, 23)) == 112


@pytest.mark.parametrize(
    ("month", "start", "end"),
    [
        (8, D(2015, 3, 1), D(2015, 3, 28)),  # after a 28-day February: no 29 Feb to start from
        (104, D(2023, 3, 1), D(2023, 3, 28)),
        (115, D(2024, 1, 29), D(2024, 2, 28)),  # leap year: 29 Feb 2024 starts month 116
        (116, D(2024, 2, 29), D(2024, 3, 28)),
        (91, D(2022, 1, 29), D(2022, 2, 28)),
    ],
)
def test_february_months_are_well_defined(month, start, end):
    assert calendar.month_period(month) == (start, end)


@pytest.mark.parametrize(
    ("year", "month", "n"),
    [(2022, 7, 96), (2022, 11, 100), (2023, 11, 112), (2025, 10, 135), (2020, 1, 66), (2014, 8, 1)],
)
def test_month_of_calendar(year, month, n):
    assert calendar.month_of_calendar(year, month) == n


def test_month_of_date_at_the_edges():
    assert calendar.month_of_date(D(2023, 10, 28)) == 111
    assert calendar.month_of_date(D(2023, 10, 29)) == 112
    assert calendar.month_of_date(D(2023, 11, 28)) == 112
    assert calendar.month_of_date(D(2023, 11, 29)) == 113
    assert calendar.month_of_date(D(2024, 2, 29)) == 116
    assert calendar.month_of_date(D(2023, 3, 1)) == 104


def test_the_first_days_of_the_series_are_month_1():
    assert calendar.month_of_date(D(2014, 8, 28)) == 1
    assert calendar.month_of_date(FIRST_DAY) == 1
    assert calendar.month_of_date(D(2014, 7, 31)) == 1


def test_months_before_the_series_are_refused():
    with pytest.raises(ValueError):
        calendar.month_period(0)
    with pytest.raises(ValueError):
        calendar.month_of_calendar(2014, 6)


def test_precursor_series_numbers_one_higher():
    assert calendar.month_period(113, precursor=True) == calendar.month_period(112)


def test_year_period():
    assert calendar.year_period(2023) == (D(2023, 1, 1), D(2023, 12, 31))


@pytest.mark.parametrize(
    ("day", "month", "period", "expected"),
    [
        (23, 11, (D(2023, 10, 29), D(2023, 11, 28)), D(2023, 11, 23)),
        (30, 12, (D(2022, 12, 29), D(2023, 1, 28)), D(2022, 12, 30)),  # period across a new year
        (5, 1, (D(2022, 12, 29), D(2023, 1, 28)), D(2023, 1, 5)),
        (30, 4, (D(2022, 4, 29), D(2022, 5, 28)), D(2022, 4, 30)),
        (29, 2, (D(2024, 1, 29), D(2024, 2, 28)), D(2024, 2, 29)),  # just outside, in the leap year
    ],
)
def test_resolve_day_takes_the_year_of_the_period(day, month, period, expected):
    assert calendar.resolve_day(day, month, period) == expected


def test_resolve_day_without_period():
    assert calendar.resolve_day(3, 5, None) is None


def test_month_names_cover_every_style():
    names = calendar.month_names()
    assert names["كانون الثاني"] == 1 and names["تشرين الأول"] == 10 and names["آب"] == 8
    assert names["يناير"] == 1 and names["مايو"] == 5 and names["ديسمبر"] == 12
    assert names["july"] == 7
    assert sorted(set(names.values())) == list(range(1, 13))


# --- properties -----------------------------------------------------------------------------------------

MONTHS = st.integers(min_value=1, max_value=400)
DATES = st.dates(min_value=FIRST_DAY, max_value=D(2047, 12, 28))


@settings(max_examples=200, deadline=None)
@given(MONTHS)
def test_periods_tile_the_calendar(n):
    start, end = calendar.month_period(n)
    next_start, _ = calendar.month_period(n + 1)
    assert start <= end and next_start == end + dt.timedelta(days=1)
    assert 28 <= (end - start).days + 1 <= 31
    assert end.day == 28


@settings(max_examples=200, deadline=None)
@given(MONTHS)
def test_month_of_date_inverts_month_period(n):
    start, end = calendar.month_period(n)
    assert calendar.month_of_date(start) == n
    assert calendar.month_of_date(end) == n
    assert calendar.month_of_date(start + (end - start) // 2) == n


@settings(max_examples=200, deadline=None)
@given(MONTHS)
def test_month_of_calendar_is_the_month_ending_in_that_calendar_month(n):
    _, end = calendar.month_period(n)
    assert calendar.month_of_calendar(end.year, end.month) == n


@settings(max_examples=200, deadline=None)
@given(DATES)
def test_every_date_lies_in_the_period_of_its_month(day):
    n = calendar.month_of_date(day)
    start, end = calendar.month_period(n)
    assert start <= day <= end


@settings(max_examples=200, deadline=None)
@given(DATES)
def test_resolve_day_recovers_a_date_inside_the_period(day):
    period = calendar.month_period(calendar.month_of_date(day))
    assert calendar.resolve_day(day.day, day.month, period) == day


# --- the 2014-2019 execution reports' numbering (issue 18) ------------------------------------------


def test_execution_month_1_is_the_month_of_the_declaration():
    assert calendar.month_period(1, numbering="executions") == (D(2014, 6, 29), D(2014, 7, 28))
    assert calendar.month_period(1, precursor=True) == calendar.month_period(1, numbering="executions")


@pytest.mark.parametrize("n", [2, 19, 57, 58, 112])
def test_execution_month_n_is_series_month_n_minus_1(n):
    assert calendar.month_period(n, numbering="executions") == calendar.month_period(n - 1)
    assert calendar.series_month(n, "executions") == n - 1
    assert calendar.series_month(n, "series") == n


def test_the_two_numberings_join_without_gap_or_overlap():
    days = []
    for n in range(1, 60):
        days.append(calendar.month_period(n, numbering="executions"))
    for n in range(59, 80):
        days.append(calendar.month_period(n))
    days = sorted(set(days))
    assert days[0][0] == D(2014, 6, 29)
    for (_, end), (start, _) in zip(days, days[1:], strict=False):
        assert start == end + dt.timedelta(days=1)


@pytest.mark.parametrize("bad", [0, -3])
def test_no_execution_month_before_the_declaration(bad):
    with pytest.raises(ValueError, match="execution-report month"):
        calendar.month_period(bad, numbering="executions")


def test_an_unknown_numbering_is_refused():
    with pytest.raises(ValueError, match="numbering"):
        calendar.series_month(3, "lunar")
