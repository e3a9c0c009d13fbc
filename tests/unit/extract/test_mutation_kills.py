"""Behaviour that a one-off mutation run of ``extract/`` (issue 14) found untested; each test kills survivors.

The texts and numbers are invented for this file. The tests read through the public ``parse_report`` and
``detect_language`` only, so they hold whichever private helper a rule moves to.
"""

from __future__ import annotations

import datetime as dt

import pytest

from helpers.extract.parse import detect_language, parse_report


def _figures(text: str):
    return parse_report(text, "t").figures


def _one(text: str, **match):
    """The one figure whose fields equal ``match``."""
    found = [f for f in _figures(text) if all(getattr(f, k) == v for k, v in match.items())]
    assert len(found) == 1, (match, _figures(text))
    return found[0]


# --- zones settled by who acted, when no zone is named --------------------------------------------------


@pytest.mark.parametrize("text", [
    "Coalition strikes killed 6 ISIS members.\n",
    "قتل التحالف الدولي 5 من عناصر تنظيم داعش بغارة جوية.\n",
])
def test_isis_dead_killed_by_the_coalition_are_in_the_sdf_areas(text):
    (figure,) = _figures(text)
    assert (figure.zone, figure.group, figure.perpetrator) == ("sdf_areas", "isis", "coalition")


@pytest.mark.parametrize("text", [
    "ISIS cells killed 6 shepherds in the Homs desert.\nThe SDF arrested 4 ISIS members.\n",
    "قتلت خلايا تنظيم داعش 6 مدنيين في بادية حمص.\nواعتقلت قسد 4 عناصر من التنظيم.\n",
])
def test_arrests_by_the_sdf_are_in_the_sdf_areas_whatever_zone_came_before(text):
    figure = _one(text, measure="arrested")
    assert (figure.zone, figure.perpetrator, figure.value) == ("sdf_areas", "sdf", 4)


def test_arabic_arrests_by_government_forces_are_in_the_government_areas():
    (figure,) = _figures("اعتقلت قوات النظام 3 عناصر من تنظيم داعش.\n")
    assert (figure.zone, figure.measure, figure.perpetrator) == (
        "government_areas", "arrested", "government_forces")


# --- what a figure says of its place and its wording ----------------------------------------------------


def test_an_english_figure_keeps_the_governorate_and_the_words_the_report_uses():
    (figure,) = _figures("ISIS cells killed 5 civilians in the Homs desert.\n")
    assert (figure.zone, figure.admin1, figure.admin1_pcode) == ("badia", "Homs", "SY04")
    assert (figure.place_ar, figure.group_ar) == ("Homs desert", "civilians")


def test_an_arabic_figure_keeps_the_words_the_report_uses():
    (figure,) = _figures("قتلت خلايا تنظيم داعش 6 مدنيين في بادية حمص.\n")
    assert (figure.admin1, figure.admin1_pcode) == ("Homs", "SY04")
    assert (figure.place_ar, figure.group_ar) == ("بادية حمص", "مدنيين")


def test_list_lines_under_an_area_toll_take_the_area_of_the_toll():
    text = (
        "Hama desert: ISIS cells carried out 9 operations that left 20 dead:\n"
        "• 15 soldiers\n• 5 civilians\n"
    )
    head = _one(text, measure="killed", value=20)
    for value in (15, 5):
        line = _one(text, value=value)
        assert (line.level, line.zone, line.admin1, line.admin1_pcode, line.place_ar) == (
            "breakdown", head.zone, head.admin1, head.admin1_pcode, head.place_ar)


# --- numbers that are not counts -----------------------------------------------------------------------


@pytest.mark.parametrize(("text", "row"), [
    ("ISIS cells killed 4 civilians in Raqqa, and no one was arrested.\n", ("killed", "civilians", 4)),
    ("ISIS cells killed 4 civilians in one of the villages of Raqqa.\n", ("killed", "civilians", 4)),
    ("ISIS cells killed 4 civilians in Raqqa at 10:30 on Monday.\n", ("killed", "civilians", 4)),
    ("ISIS cells killed 4 civilians in Raqqa, 75 percent of them shepherds.\n", ("killed", "civilians", 4)),
    ("قتلت خلايا التنظيم 4 عناصر من اللواء 47 في بادية حمص.\n", ("killed", "government_forces", 4)),
])
def test_pronouns_times_percentages_and_unit_numbers_are_not_counts(text, row):
    report = parse_report(text, "t")
    assert [(f.measure, f.group, f.value) for f in report.figures] == [row]
    assert report.unexplained == () and report.status == "ok"


@pytest.mark.parametrize(("text", "sentence"), [
    ("ISIS cells killed 4 civilians in Raqqa.\nThe committee 77 met.\n", "The committee 77 met"),
    ("قتلت خلايا التنظيم 4 مدنيين في الرقة.\nاجتمعت اللجنة 77 مساء.\n", "اجتمعت اللجنة 77 مساء"),
])
def test_an_unexplained_number_points_at_its_raw_text_and_its_sentence(text, sentence):
    report = parse_report(text, "t")
    (number,) = report.unexplained
    assert (number.text, text[number.start : number.end]) == ("77", "77")
    assert number.sentence == sentence
    assert report.status == "warnings" and "77" in report.error


# --- events --------------------------------------------------------------------------------------------


def test_an_undated_leader_killed_is_an_event_of_its_place():
    report = parse_report("Coalition strikes killed an ISIS leader in Deir Ezzor.\n", "t")
    (event,) = report.events
    assert (event.date, event.admin1, event.actor, event.target) == (
        None, "Deir ez-Zor", "coalition", "isis_leader")
    assert event.place_ar == report.figures[0].place_ar is not None


def test_a_dated_incident_is_an_event_of_its_victims():
    report = parse_report("On March 3, 2024, ISIS cells killed 4 shepherds in the Raqqa desert.\n", "t")
    (event,) = report.events
    assert (event.date, event.admin1, event.actor, event.target) == (
        dt.date(2024, 3, 3), "Raqqa", "isis", "civilians")


# --- groups --------------------------------------------------------------------------------------------


def test_one_count_of_two_sides_forces_is_of_all():
    figure = _one("ISIS cells killed 7 members of the regime forces and the SDF.\n", value=7)
    assert (figure.measure, figure.group) == ("killed", "all")


# --- a text that is a tally of the year so far ------------------------------------------------------------


def test_a_text_opening_on_a_tally_since_1_january_is_that_year_to_date():
    report = parse_report(
        "On March 3, 2025, an attack took place.\n"
        "Since the start of the year, ISIS cells carried out 87 operations, killing 40 soldiers.\n"
        "Since 2019, ISIS cells have killed 900 civilians.\n",
        "t",
    )
    assert (report.period_kind, report.period_start) == ("year_to_date", dt.date(2025, 1, 1))
    assert {(f.value, f.scope, f.since) for f in report.figures} == {
        (87, "report", None), (40, "report", None), (900, "cumulative", dt.date(2019, 1, 1))}


def test_operations_against_isis_are_never_isis_operations():
    report = parse_report(
        "The SDF carried out 6 operations against ISIS cells in Deir Ezzor.\n"
        "Officials said 4 operations against ISIS were under way in Raqqa.\n"
        "ISIS cells killed 3 civilians in Raqqa.\n",
        "t",
    )
    got = [(f.measure, f.perpetrator, f.value) for f in report.figures]
    assert got == [("operations", "sdf", 6), ("killed", "isis", 3)]  # the side's, never ISIS's
    assert [u.text for u in report.unexplained] == ["4"]  # no side carried them out: left for a reader


# --- the execution reports and the language ------------------------------------------------------------


def test_an_execution_report_keeps_its_id_and_its_figures():
    report = parse_report(
        'ISIS executes 35 people in the 20th month of its "caliphate"\n\n'
        "The Syrian Observatory documented the execution by ISIS of 35 people during the 20th month since "
        'the declaration of the "caliphate": 20 civilians and 15 soldiers of the regime forces.\n',
        "ex-7",
    )
    assert (report.report_id, report.language, report.month, report.month_numbering) == (
        "ex-7", "en", 20, "executions")
    assert [(f.level, f.group, f.value) for f in report.figures] == [
        ("headline", "all", 35), ("total", "all", 35), ("total", "civilians", 20),
        ("total", "government_forces", 15)]


def test_a_text_without_letters_has_no_language():
    assert detect_language("2024 - 17 / 3") is None
    assert (detect_language("ISIS killed 3"), detect_language("قتل التنظيم 3")) == ("en", "ar")
