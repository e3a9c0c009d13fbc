import pytest
from pyarabic import number

from helpers.synth.arabic_numbers import (
    bare,
    cardinal_words,
    convert_digits,
    counted,
    ends_with_number_word,
    group_digits,
    ordinal_words,
    thousands_mixed,
)


@pytest.mark.parametrize(("value", "gender", "case", "words"), [
    (3, "f", "acc", "ثلاث"),
    (8, "m", "acc", "ثمانية"),
    (11, "f", "nom", "إحدى عشرة"),
    (12, "m", "nom", "اثنا عشر"),
    (12, "f", "acc", "اثنتي عشرة"),
    (23, "f", "acc", "ثلاث وعشرين"),
    (47, "m", "acc", "سبعة وأربعين"),
    (30, "m", "nom", "ثلاثون"),
])
def test_cardinal_words(value, gender, case, words):
    assert cardinal_words(value, gender, case) == words


@pytest.mark.parametrize("value", [v for v in range(3, 100) if v != 12])
def test_masculine_words_read_back_with_pyarabic(value):
    assert number.text2number(cardinal_words(value, "m", "acc")) == value


@pytest.mark.parametrize(("value", "words"), [
    (100, "المئة"), (103, "الثالث بعد المئة"), (112, "الثاني عشر بعد المئة"), (90, "التسعين"),
    (121, "الحادي والعشرين بعد المئة"), (66, "السادس والستين"),
])
def test_ordinal_words(value, words):
    assert ordinal_words(value) == words


def test_words_out_of_range_raise():
    with pytest.raises(ValueError):
        cardinal_words(100)
    with pytest.raises(ValueError):
        ordinal_words(0)
    with pytest.raises(ValueError):
        thousands_mixed(999)


@pytest.mark.parametrize(("value", "case", "text"), [
    (3215, "acc", "3 آلاف و215"), (2033, "acc", "ألفين و33"), (2057, "nom", "ألفان و57"),
    (1000, "acc", "ألف"),
])
def test_thousands_mixed(value, case, text):
    assert thousands_mixed(value, case) == text


@pytest.mark.parametrize(("value", "noun", "style", "case", "text"), [
    (1, "operation", "one", "acc", "عملية واحدة"),
    (2, "operation", "implied", "nom", "عمليتان"),
    (2, "operation", "implied", "acc", "عمليتين"),
    (2, "operation", "digits", "acc", "2 عملية"),
    (5, "operation", "digits", "acc", "5 عمليات"),
    (5, "operation", "odd", "acc", "5 عملية"),
    (5, "operation", "words", "acc", "خمس عمليات"),
    (11, "civilian", "digits", "acc", "11 مدنياً"),
    (1, "civilian", "implied", "acc", "مدني"),
    (2, "civilian", "implied", "acc", "مدنيين اثنين"),
    (13, "dead", "words", "acc", "ثلاثة عشر قتيلاً"),
    (1320, "person", "digits", "acc", "1320 شخصاً"),
])
def test_counted(value, noun, style, case, text):
    assert counted(value, noun, style=style, case=case) == text


def test_counted_needs_a_positive_count():
    with pytest.raises(ValueError):
        counted(0, "operation")


def test_bare_digits_words_and_separators():
    assert bare(5, style="words") == "خمسة"
    assert bare(5) == "5"
    assert group_digits(2305, "\u066c") == "2٬305"


def test_convert_digits():
    assert convert_digits("112 و2019", "arabic_indic") == "١١٢ و٢٠١٩"
    assert convert_digits("45", "persian") == "۴۵"
    assert convert_digits("45", "ascii") == "45"


@pytest.mark.parametrize(("text", "expected"), [
    ("أسفرت عن مقتل مدني واحد", True), ("مدنيين اثنين.", True), ("وواحد", True),
    ("5 من العسكريين", False), ("", False),
])
def test_ends_with_number_word(text, expected):
    assert ends_with_number_word(text) is expected
