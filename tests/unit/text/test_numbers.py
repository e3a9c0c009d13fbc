"""numbers.py: digits, Arabic number words of both genders, compounds, hundreds, thousands and mixed forms."""

from __future__ import annotations

import pytest

from helpers.text.normalize import normalize
from helpers.text.numbers import find_numbers


def _values(raw: str) -> list[int]:
    return [m.value for m in find_numbers(normalize(raw).text)]


def _one(raw: str):
    """The single mention of a text, with its normalised phrase."""
    text = normalize(raw).text
    (mention,) = find_numbers(text)
    return mention, text[mention.start : mention.end]


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("7", 7),
        ("42", 42),
        ("305", 305),
        ("2023", 2023),
        ("٧", 7),
        ("٤٢", 42),
        ("۴۶", 46),
        ("۳۰۵", 305),
        ("1,146", 1146),
        ("2٬305", 2305),
        ("١٬٤٠٧", 1407),
    ],
)
def test_digits(raw, value):
    mention, _ = _one(raw)
    assert mention.value == value and not mention.words


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        # masculine and feminine forms of 1-10
        ("واحد", 1),
        ("واحدة", 1),
        ("اثنان", 2),
        ("اثنين", 2),
        ("اثنتان", 2),
        ("اثنتين", 2),
        ("ثلاثة", 3),
        ("ثلاث", 3),
        ("أربعة", 4),
        ("أربع", 4),
        ("خمسة", 5),
        ("خمس", 5),
        ("ستة", 6),
        ("ست", 6),
        ("سبعة", 7),
        ("سبع", 7),
        ("ثمانية", 8),
        ("ثماني", 8),
        ("ثمان", 8),
        ("تسعة", 9),
        ("تسع", 9),
        ("عشرة", 10),
        ("عشر", 10),
        # 11-19, both genders
        ("أحد عشر", 11),
        ("إحدى عشرة", 11),
        ("اثنا عشر", 12),
        ("اثني عشر", 12),
        ("اثنتا عشرة", 12),
        ("اثنتي عشرة", 12),
        ("ثلاثة عشر", 13),
        ("ثلاث عشرة", 13),
        ("أربعة عشر", 14),
        ("أربع عشرة", 14),
        ("خمسة عشر", 15),
        ("خمس عشرة", 15),
        ("ستة عشر", 16),
        ("ست عشرة", 16),
        ("سبعة عشر", 17),
        ("سبع عشرة", 17),
        ("ثمانية عشر", 18),
        ("ثماني عشرة", 18),
        ("تسعة عشر", 19),
        ("تسع عشرة", 19),
        # with diacritics
        ("سَبْعَة", 7),
        ("ثَلاثَ عَشْرَةَ", 13),
    ],
)
def test_number_words_one_to_nineteen(raw, value):
    mention, phrase = _one(raw)
    assert mention.value == value and mention.words
    assert phrase == normalize(raw).text  # the whole phrase is one mention


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("عشرون", 20),
        ("عشرين", 20),
        ("ثلاثون", 30),
        ("ثلاثين", 30),
        ("أربعون", 40),
        ("أربعين", 40),
        ("خمسون", 50),
        ("خمسين", 50),
        ("ستون", 60),
        ("ستين", 60),
        ("سبعون", 70),
        ("سبعين", 70),
        ("ثمانون", 80),
        ("ثمانين", 80),
        ("تسعون", 90),
        ("تسعين", 90),
    ],
)
def test_tens(raw, value):
    assert _one(raw)[0].value == value


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("واحد وعشرون", 21),
        ("اثنان وثلاثون", 32),
        ("ثلاثة وأربعين", 43),
        ("خمس وخمسون", 55),
        ("ثمانياً وعشرين", 28),
        ("سبعة وأربعين", 47),
        ("تسعة وتسعين", 99),
        ("ست وستين", 66),
        ("ثلاثاً وعشرين", 23),
        ("أربعاً وثلاثين", 34),
        ("خمساً وعشرين", 25),
        ("تسعاً وأربعين", 49),
    ],
)
def test_unit_and_tens_compounds(raw, value):
    mention, phrase = _one(raw)
    assert (mention.value, phrase) == (value, normalize(raw).text)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("مئة", 100),
        ("مائة", 100),
        ("مئتان", 200),
        ("مئتين", 200),
        ("مائتين", 200),
        ("ثلاثمئة", 300),
        ("أربعمائة", 400),
        ("خمسمئة", 500),
        ("تسعمئة", 900),
        ("مئة وخمسة", 105),
        ("مئتين واثنا عشر", 212),
        ("ثلاثمئة وعشرين", 320),
        ("أربعمئة وسبعة وثلاثين", 437),
        ("مئة وخمسة وعشرين", 125),
        ("ثلاث مئة", 300),
    ],
)
def test_hundreds(raw, value):
    mention, phrase = _one(raw)
    assert (mention.value, phrase) == (value, normalize(raw).text)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("ألف", 1000),
        ("ألفان", 2000),
        ("ألفين", 2000),
        ("ثلاثة آلاف", 3000),
        ("ثلاث آلاف", 3000),
        ("عشرة آلاف", 10000),
        ("ألف وثلاثمئة وعشرين", 1320),
        ("ألفين وخمسمئة وخمسين", 2550),
        ("خمسة آلاف ومئتين", 5200),
        ("ثلاثة آلاف وأربعمئة", 3400),
        ("ألفين وثلاثة", 2003),
        ("ألف ومئتين وثلاثة وأربعين", 1243),
    ],
)
def test_thousands(raw, value):
    mention, phrase = _one(raw)
    assert (mention.value, phrase) == (value, normalize(raw).text)


@pytest.mark.parametrize(
    ("raw", "value", "phrase"),
    [
        ("4 آلاف و215", 4215, "4 الاف و215"),
        ("3 آلاف و9", 3009, "3 الاف و9"),
        ("ألفان و57", 2057, "الفان و57"),
        ("ألفين و192", 2192, "الفين و192"),
        ("لألفين و33", 2033, "لالفين و33"),  # clinging preposition
        ("بألفين و61", 2061, "بالفين و61"),
        ("ألف و4", 1004, "الف و4"),
        ("٤ آلاف و٢١٥", 4215, "4 الاف و215"),
        ("مئة و12", 112, "مئه و12"),
    ],
)
def test_digits_and_words_mixed(raw, value, phrase):
    mention, got = _one(raw)
    assert (mention.value, got) == (value, phrase)


@pytest.mark.parametrize(
    ("raw", "value", "conj"),
    [
        ("وخمسة", 5, True),
        ("و12", 12, True),
        ("بعشرة", 10, False),
        ("لثلاثة", 3, False),
        ("فسبعة", 7, False),
        ("ولثلاثة", 3, True),
    ],
)
def test_clinging_prefixes(raw, value, conj):
    mention, _ = _one(raw)
    assert (mention.value, mention.conj) == (value, conj)


@pytest.mark.parametrize(
    "raw",
    [
        "عشرات المدنيين",  # dozens: no number
        "عشرات العسكريين بجروح",
        "آلاف المدنيين",  # thousands of: no number
        "أحد المهاجمين",  # "one of": implied by the parser, not a number here
        "إحدى القرى",
        "بعد أحد عشرات الهجمات",
    ],
)
def test_no_number_is_invented(raw):
    assert _values(raw) == []


def test_a_number_word_after_its_noun_is_found():
    assert _values("عملية واحدة") == [1]
    assert _values("مدنيين اثنين") == [2]


def test_a_list_of_counts_stays_separate():
    assert _values("5 عمليات و3 في الرقة و10 و20") == [5, 3, 10, 20]


def test_two_digit_counts_joined_by_waw_are_not_summed():
    # digits + و + digits is a list, not 12+13
    assert _values("قتل 12 و 13") == [12, 13]


def test_a_score_is_two_numbers():
    assert _values("بنتيجة 2-1") == [2, 1]


def test_spans_point_at_the_whole_phrase():
    text = normalize("قتل نحو ثلاثة آلاف ومئتين من عناصر الجيش").text
    (m,) = find_numbers(text)
    assert text[m.start : m.end] == "ثلاثه الاف ومئتين"
    assert m.value == 3200


def test_numbers_in_order_with_words_flag():
    text = normalize("نفذ التنظيم 14 عملية قتل فيها ثلاثين عنصرا واثني عشر من التنظيم").text
    got = [(m.value, m.words) for m in find_numbers(text)]
    assert got == [(14, False), (30, True), (12, True)]
