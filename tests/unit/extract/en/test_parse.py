"""English reports: conformance fixtures 29-31, the project's English set, and the English building blocks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from helpers import NotAReportError, parse_report
from helpers.build.corpus import read_report
from helpers.check.validate import check_report
from helpers.extract.en.annotate import annotate_english, english_dates, restore_english, split_sentences
from helpers.extract.en.numbers import find_english_numbers
from helpers.extract.en.parse import parse as parse_english
from helpers.text.normalize import normalize
from tests.rows import diff, expected_rows, figure_rows

DATA = Path(__file__).parents[3] / "data"
CONFORMANCE = [
    DATA / "conformance" / f"{n}.txt"
    for n in ("29_english_sdf", "30_english_number_words", "31_english_cumulative")
]
ENGLISH = sorted((DATA / "english").glob("[ephb]*.txt"))
NEGATIVE = sorted((DATA / "english").glob("n*.txt"))
ALL = CONFORMANCE + ENGLISH
# A single event named as a breakdown figure ("the deadliest attack ... killing 11") is only part of its
# zone's total, so the total-vs-breakdown check fails by construction: data for the researcher, not an error.
DELIBERATE = {
    "b02_lost_their_lives": [("total_vs_breakdown", "badia", "killed", "government_forces", 14, 11)]
}


def _parse(path: Path):
    return parse_report(read_report(path), report_id=path.stem)


def _expected(path: Path) -> Path:
    return path.with_name(path.stem + ".expected.csv")


def test_the_english_set_is_collected():
    assert len(ENGLISH) >= 12 and len(NEGATIVE) == 3


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_english_rows_are_exact(path):
    report = _parse(path)
    got, expected = figure_rows(report), expected_rows(_expected(path))
    assert got == expected, diff(got, expected)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_english_reports_explain_every_number(path):
    report = _parse(path)
    assert report.language == "en"
    assert [u.text for u in report.unexplained] == []
    failed = [
        (c.kind, c.zone, c.measure, c.group, c.stated, c.computed) for c in check_report(report) if not c.ok
    ]
    assert failed == DELIBERATE.get(path.stem, [])
    assert report.status == ("warnings" if failed else "ok")


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_english_figures_point_at_their_raw_phrase(path):
    text = read_report(path)
    report = parse_report(text, report_id=path.stem)
    for f in report.figures:
        phrase = text[f.start : f.end]
        assert phrase.strip() and phrase in f.sentence, (f, phrase)
        digits = phrase.replace(",", "")
        assert str(f.value) in digits or not any(ch.isdigit() for ch in phrase), (f.value, phrase)


@pytest.mark.parametrize("path", NEGATIVE, ids=lambda p: p.stem)
def test_unrelated_english_text_gets_a_clear_error(path):
    with pytest.raises(NotAReportError, match=path.stem):
        _parse(path)


@pytest.mark.parametrize(
    ("name", "month", "start", "end", "kind"),
    [
        ("29_english_sdf", 98, dt.date(2022, 8, 29), dt.date(2022, 9, 28), "caliphate_month"),
        ("30_english_number_words", 106, dt.date(2023, 4, 29), dt.date(2023, 5, 28), "caliphate_month"),
        ("31_english_cumulative", 119, dt.date(2024, 5, 29), dt.date(2024, 6, 28), "caliphate_month"),
    ],
)
def test_period_from_the_ordinal_month(name, month, start, end, kind):
    report = _parse(DATA / "conformance" / f"{name}.txt")
    assert (report.month, report.period_start, report.period_end, report.period_kind) == (
        month,
        start,
        end,
        kind,
    )


def test_period_from_a_calendar_month_title():
    report = _parse(DATA / "english" / "e05_calendar_month.txt")
    assert (report.month, report.period_start, report.period_end, report.period_kind) == (
        110,
        dt.date(2023, 8, 29),
        dt.date(2023, 9, 28),
        "calendar_month",
    )


def test_title_only_calendar_month():
    text = "ISIS in May 2023 | 4 operations in SDF-held areas\nISIS cells carried out 4 operations there."
    report = parse_english(text, "t")
    assert (report.month, report.period_kind) == (106, "calendar_month")


def test_a_date_inside_the_text_is_not_the_report_month():
    text = (
        "ISIS declared its caliphate in June 2014. In areas controlled by SDF, "
        "ISIS cells carried out 5 operations, killing 2 civilians."
    )
    report = parse_english(text, "t")
    assert report.month is None and report.period_kind is None
    assert [(f.measure, f.value) for f in report.figures] == [("operations", 5), ("killed", 2)]


def test_leader_killed_is_a_figure_and_an_event():
    report = _parse(DATA / "english" / "e03_coalition_arrests_leader.txt")
    leader = [e for e in report.events if e.target == "isis_leader"]
    assert len(leader) == 1
    assert leader[0].date == dt.date(2023, 3, 9) and leader[0].admin1 == "Deir ez-Zor"
    assert leader[0].actor == "coalition"


def test_implied_count_spans_the_article_and_its_noun():
    text = read_report(DATA / "conformance" / "29_english_sdf.txt")
    report = parse_report(text, report_id="29")
    women = [f for f in report.figures if f.subgroup == "women"]
    assert {text[f.start : f.end] for f in women} == {"a woman"}


HEAD_EN = "In the 112th month after the declaration of the Caliphate, ISIS carried out 40 operations. "


@pytest.mark.parametrize("sentence", [
    "ISIS killed a truffle hunter.", "ISIS killed a truffle  hunter.", 'ISIS killed a truffle "hunter".',
    "ISIS killed a truffle-hunter.", "ISIS killed a Truffle Hunter.",
])
def test_an_implied_noun_of_two_words_counts_whatever_stands_between_them(sentence):
    report = parse_report(HEAD_EN + sentence, report_id="t")  # a double space crashed the lookup of the noun
    assert [(f.measure, f.group, f.value) for f in report.figures if f.measure == "killed"] == [
        ("killed", "civilians", 1)]


@pytest.mark.parametrize("sentence", [
    "ISIS killed sıx soldiers.", "ISIS killed ſeven soldiers.", "ISIS killed a ſingle soldier.",
])
def test_letters_a_case_blind_regex_takes_for_ascii_ones_make_no_number_word(sentence):
    # dotless ı and long ſ match i and s under re.IGNORECASE but are not them: no word of the tables, no crash
    report = parse_report(HEAD_EN + sentence, report_id="t")
    assert [f for f in report.figures if f.measure == "killed"] == []


@pytest.mark.parametrize("text", ["On Aprıl 5, 2023", "on ſeptember 5", "Juıy 2023"])
def test_letters_a_case_blind_regex_takes_for_ascii_ones_make_no_month_name(text):
    assert [d.month for d in english_dates(normalize(text).text)] in ([], [None])
    parse_report(HEAD_EN + text + " ISIS killed 6 soldiers.", report_id="t")  # crashed on the month lookup


def test_obfuscated_figures_point_into_the_raw_text():
    text = read_report(DATA / "english" / "e08_obfuscated.txt")
    report = parse_report(text, report_id="e08")
    sentences = {f.sentence for f in report.figures}
    assert any("ki.lled" in s for s in sentences) and any("D a e s h" in s for s in sentences)


# --- building blocks -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("twenty-three members", [(23, "cardinal")]),
        ("Eleven operations kill seven", [(11, "cardinal"), (7, "cardinal")]),
        ("the one hundred and sixth month", [(106, "ordinal")]),
        ("the ninety-sixth month and the 101st", [(96, "ordinal"), (101, "ordinal")]),
        ("one thousand three hundred and twenty", [(1320, "cardinal")]),
        ("3 thousand people", [(3000, "cardinal")]),
        ("2.5 km", [(2, "decimal")]),
        ("two civilians and five members", [(2, "cardinal"), (5, "cardinal")]),
    ],
)
def test_english_numbers(text, expected):
    assert [(n.value, n.kind) for n in find_english_numbers(text)] == expected


def test_thousands_separators_come_from_normalisation():
    norm = normalize("killing 1,146 people")
    assert [n.value for n in find_english_numbers(norm.text)] == [1146]


@pytest.mark.parametrize(
    ("raw", "restored"),
    [
        ("the so-called Is-lamic State", "the so-called Islamic State"),
        ("I.S.I.S cells ki.lled two", "ISIS cells killed two"),
        ("D a e s h attacks", "Daesh attacks"),
        ("Al-Hasakah and twenty-three", "Al-Hasakah and twenty-three"),
    ],
)
def test_restore_english_obfuscation(raw, restored):
    norm = restore_english(normalize(raw))
    assert norm.text == restored
    start = norm.text.index(restored.split()[-1])
    assert norm.raw_text(start, len(norm.text)) == raw[raw.rindex(raw.split()[-1]) :]


def test_english_dates():
    dates = english_dates("published June 29, 2023; on 7 May; since early 2024 and since 2019")
    assert [(d.day, d.month, d.year) for d in dates] == [
        (29, 6, 2023),
        (7, 5, None),
        (None, None, 2024),
        (None, None, 2019),
    ]


def test_sentences_do_not_split_inside_abbreviations_or_obfuscations():
    text = "U.S. forces and the SDF arrested 5. Then 3 more."
    assert [text[a:b].strip() for a, b in split_sentences(text)] == [
        "U.S. forces and the SDF arrested 5",
        "Then 3 more",
    ]


def test_annotations_find_zones_from_templates():
    doc = annotate_english(normalize("in areas controlled by the US-backed SDF and in regime-held areas"))
    assert [m.label for m in doc.zones.items] == ["sdf_areas", "government_areas"]


@pytest.mark.parametrize(
    ("sentence", "row"),
    [
        (
            "In SDF-held areas, ISIS cells carried out 6 attacks, killing 3 people, including a child.",
            ("sdf_areas", "killed", "all", None, 3),
        ),
        (
            "In the Syrian desert, ISIS killed 4 regime soldiers and members of loyal militias.",
            ("badia", "killed", "government_forces", None, 4),
        ),
        ("In the Syrian desert, Russian jets killed 9 ISIS members.", ("badia", "killed", "isis", None, 9)),
        (
            "In SDF-held areas, the SDF arrested 12 ISIS suspects, including 2 leaders.",
            ("sdf_areas", "arrested", "isis", None, 12),
        ),
        (
            "In the Syrian desert, 20 soldiers were killed or injured in 4 ISIS attacks.",
            ("badia", "casualties", "government_forces", None, 20),
        ),
        ("In areas controlled by SDF, ISIS killed 5 fighters.", ("sdf_areas", "killed", "sdf", None, 5)),
    ],
)
def test_wording_variants(sentence, row):
    report = parse_english(sentence, "t")
    assert row in [(f.zone, f.measure, f.group, f.subgroup, f.value) for f in report.figures]


def test_perpetrators_of_isis_dead_and_arrests():
    report = parse_english(
        "In the Syrian desert, Russian warplanes killed 9 ISIS members. "
        "In SDF-held areas, the International Coalition-backed SDF arrested 4 ISIS suspects. "
        "In Daraa, unknown gunmen killed 2 ISIS members.",
        "t",
    )
    assert [(f.zone, f.perpetrator, f.value) for f in report.figures] == [
        ("badia", "russia", 9),
        ("sdf_areas", "coalition", 4),
        ("government_areas", "unknown", 2),
    ]


def test_dozens_has_no_value():
    report = parse_english("In SDF-held areas, ISIS carried out 3 attacks, injuring dozens of people.", "t")
    assert [(f.measure, f.value) for f in report.figures] == [("operations", 3)]


def test_non_isis_actions_are_not_operations():
    report = parse_english(
        "In the Badia, ISIS carried out 3 attacks, while Russian jets carried out 40 airstrikes.", "t"
    )
    assert [(f.measure, f.value) for f in report.figures] == [("operations", 3)]
    assert [u.text for u in report.unexplained] == ["40"]
    assert report.status == "warnings"


def test_english_through_parse_report_dispatch():
    report = parse_report("In areas controlled by SDF, ISIS cells carried out 2 operations.", report_id="x")
    assert report.language == "en" and report.figures[0].value == 2
