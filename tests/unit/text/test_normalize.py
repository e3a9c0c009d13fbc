"""normalize.py: obfuscations restored, digits and quotes unified, every character traced to the raw text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.text.normalize import _AR, _TATWEEL, _TATWEEL_SPLIT, fold, normalize

ZWNJ, ZWJ, ZWSP, RLM, LRM, BOM = "\u200c", "\u200d", "\u200b", "\u200f", "\u200e", "\ufeff"


def _assert_offsets_trace(raw: str) -> None:
    """Every normalised character comes from the raw character its offset names (allowing the 1:1 folds)."""
    norm = normalize(raw)
    assert len(norm.offsets) == len(norm.text)
    assert list(norm.offsets) == sorted(set(norm.offsets)), "offsets must be strictly increasing"
    for ch, off in zip(norm.text, norm.offsets, strict=True):
        assert 0 <= off < len(raw)
        assert normalize(raw[off]).text == ch, (ch, off, raw[off])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("د ا ع ش", "داعش"),  # letters spaced out
        ("«د ا ع ش»", '"داعش"'),
        ("تنظيم د ا ع ش الإرهابي", "تنظيم داعش الارهابي"),
        ("د.ا.ع.ش", "داعش"),  # dotted letters
        ("خلا*فة", "خلافه"),  # asterisk inside a word
        ("التن*ظيم", "التنظيم"),
        ("التن**ظيم", "التنظيم"),
        ("التنـ ـظيم", "التنظيم"),  # tatweel + space split
        ("خلا ـفة", "خلافه"),  # space + tatweel
        ("قتـ ـيلاً", "قتيلا"),  # split plus tanween
        ("التنـ ـظـ ـيم", "التنظيم"),  # two splits in one word
        ("مقـ ـاتـ ـلين", "مقاتلين"),
        ("مقتـل", "مقتل"),  # tatweel inside a word
        ("مقتـــــل", "مقتل"),
        (f"دا{ZWNJ}عش", "داعش"),  # zero-width characters
        (f"ال{ZWJ}تنظيم", "التنظيم"),
        (f"خلا{ZWSP}فة", "خلافه"),
        (f"{RLM}12 قتيلاً", "12 قتيلا"),  # right-to-left mark before a number
        (f"{LRM}{BOM}الشهر", "الشهر"),
        ("سَبْعَةُ", "سبعه"),  # diacritics out
    ],
)
def test_obfuscations_are_restored(raw, expected):
    assert normalize(raw).text == expected


def test_spaced_letters_inside_a_sentence_keep_the_words_around_them():
    norm = normalize("قُتل 3 من عناصر د ا ع ش في البادية")
    assert norm.text == "قتل 3 من عناصر داعش في الباديه"


def test_ordinary_short_words_are_not_joined():
    # two-letter words separated by spaces are not an obfuscation (a run needs at least three single letters)
    assert normalize("في دير الزور و 5 من").text == "في دير الزور و 5 من"


def test_a_sentence_end_dot_is_kept():
    assert normalize("قتل 5 مدنيين. وفي البادية").text == "قتل 5 مدنيين. وفي الباديه"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("٠١٢٣٤٥٦٧٨٩", "0123456789"),  # Arabic-Indic
        ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),  # Persian (4, 5, 6 have their own shapes)
        ("١١٣ عملية", "113 عمليه"),
        ("۴۶ عنصراً", "46 عنصرا"),
        ("۴۵۶ و٤٥٦", "456 و456"),
    ],
)
def test_digits_become_ascii(raw, expected):
    assert normalize(raw).text == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1,146", "1146"),
        ("2٬305", "2305"),  # U+066C Arabic thousands separator
        ("١٬٤٠٧", "1407"),
        ("۱٬۲۰۰", "1200"),
        ("12,345,678", "12345678"),
        ("في 3,204 عملية", "في 3204 عمليه"),
    ],
)
def test_thousands_separators_are_dropped(raw, expected):
    assert normalize(raw).text == expected


@pytest.mark.parametrize("raw", ["1,14", "2,3", "12 ، 13", "2-1", "5،6"])
def test_commas_that_are_not_thousands_separators_stay(raw):
    assert normalize(raw).text == raw


@pytest.mark.parametrize("quoted", ['"داعش"', "«داعش»", "“داعش”", "'داعش'", "‘داعش’", "„داعش‟"])
def test_every_quote_style_becomes_a_straight_double_quote(quoted):
    assert normalize(quoted).text == '"داعش"'


def test_hamza_alef_forms_are_folded_for_matching():
    assert normalize("أإآٱ").text == "اااا"
    assert normalize("إحدى عشرة").text == "احدي عشره"
    assert fold("الأسايش") == fold("الآسايش") == "الاسايش"


def test_fold_matches_the_report_text():
    assert fold("قوات سوريا الديمقراطية") in normalize("بيان لقوات سوريا الديمقراطية أمس").text


@pytest.mark.parametrize(
    "raw",
    [
        "قُتل ١٢ من عناصر «د ا ع ش» في التنـ ـظـ ـيم",
        f"{BOM}وثق{ZWNJ} المرصد 2٬305 حالة خلا*فة د.ا.ع.ش {RLM}17",
        "سَبْعَة عناصر من ۴۶ مقـ ـاتـ ـلين، و1,146 مصاباً",
    ],
)
def test_offsets_map_each_character_back_to_its_raw_character(raw):
    _assert_offsets_trace(raw)


def test_raw_span_of_a_number_after_removed_characters():
    raw = f"قتـ ـل {RLM}٢٬٣٠٥ من عناصر د ا ع ش"
    norm = normalize(raw)
    i = norm.text.index("2305")
    assert norm.raw_text(i, i + 4) == "٢٬٣٠٥"
    j = norm.text.index("داعش")
    assert norm.raw_text(j, j + 4) == "د ا ع ش"
    assert norm.raw_span(j, j + 4) == (raw.index("د ا"), raw.index("د ا") + 7)


def test_raw_span_of_an_obfuscated_word():
    raw = "خلايا التنـ ـظـ ـيم"
    norm = normalize(raw)
    i = norm.text.index("التنظيم")
    assert norm.raw_text(i, i + len("التنظيم")) == "التنـ ـظـ ـيم"


def test_empty_span_maps_to_a_point():
    norm = normalize("abc")
    assert norm.raw_span(1, 1) == (1, 1)
    assert norm.raw_span(3, 3) == (3, 3)


def test_normalising_is_idempotent_on_normalised_text():
    raw = "قُتل ١٢ من «د ا ع ش» و2٬305 خلا*فة التنـ ـظـ ـيم"
    once = normalize(raw).text
    assert normalize(once).text == once


_PLAIN_TATWEEL_SPLIT = re.compile(  # the obvious form of the split, which the regex engine tries everywhere
    f"(?<=[{_AR}]){_TATWEEL}*[ \\t]+{_TATWEEL}+(?=[{_AR}])|(?<=[{_AR}]){_TATWEEL}+[ \\t]+(?=[{_AR}])"
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ـ \t\nبتx1.")), max_size=30))
def test_fast_tatweel_split_finds_what_the_plain_pattern_finds(text):
    assert [m.span() for m in _TATWEEL_SPLIT.finditer(text)] == [
        m.span() for m in _PLAIN_TATWEEL_SPLIT.finditer(text)
    ]
