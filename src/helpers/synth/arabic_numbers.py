"""Arabic numbers for the synthetic renderer: number words, ordinals, counted nouns, digit shapes.

Everything here writes; nothing parses. The words and noun forms come from ``data/synth_numbers.toml`` so a
linguist can correct a form without touching code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
_DIGIT_TABLES = {
    "ascii": None,
    "arabic_indic": str.maketrans("0123456789", ARABIC_INDIC),
    "persian": str.maketrans("0123456789", PERSIAN),
}
THOUSANDS_SEPARATORS = {"none": "", "comma": ",", "arabic": "\u066c"}


@lru_cache(maxsize=1)
def _table() -> dict:
    with resources.files("helpers.data").joinpath("synth_numbers.toml").open("rb") as handle:
        return tomllib.load(handle)


@dataclass(frozen=True, slots=True)
class Noun:
    """The forms of one counted noun (``عملية``, ``مدني`` ...) that counting needs."""

    gender: str
    singular: str
    one: str
    dual_nom: str
    dual_acc: str
    plural: str
    tamyiz: str
    plural_odd: str
    digits_two: str


@cache
def noun(name: str) -> Noun:
    """Return the counted noun ``name`` (a key of ``[noun.*]`` in the numbers table)."""
    return Noun(**_table()["noun"][name])


def cardinal_words(value: int, gender: str = "m", case: str = "acc") -> str:
    """Write 1..99 in words for a counted noun of ``gender`` (``m``/``f``) in ``case`` (``nom``/``acc``).

    Args:
        value: The number, 1 to 99.
        gender: Grammatical gender of the counted noun's singular.
        case: ``nom`` for a subject, ``acc`` for an object or after a preposition.

    Returns:
        The number in words, e.g. ``ثلاث وعشرين`` for 23 operations.
    """
    if not 1 <= value <= 99:
        raise ValueError(f"only 1..99 are written in words, got {value}")
    forms = _table()["cardinal"][gender][case]
    if value <= 10:
        return forms["units"][value]
    if value < 20:
        return forms["teens"][value - 11]
    tens, units = divmod(value, 10)
    if units == 0:
        return forms["tens"][tens]
    return f"{forms['compound_units'][units]} و{forms['tens'][tens]}"


@lru_cache(maxsize=1)
def _number_tokens() -> frozenset[str]:
    tokens = set()
    for gender in _table()["cardinal"].values():
        for case in gender.values():
            for forms in case.values():
                tokens.update(word for form in forms for word in form.split())
    return frozenset(tokens - {""})


def ends_with_number_word(text: str) -> bool:
    """Whether the last word of ``text`` is a cardinal number word (``اثنين``, ``واحد``, ``عشر`` ...)."""
    words = text.rstrip(".،").split()
    return bool(words) and (words[-1] in _number_tokens() or words[-1].removeprefix("و") in _number_tokens())


def ordinal_words(value: int) -> str:
    """Write a month ordinal 1..199 in words with the article (112 -> ``الثاني عشر بعد المئة``)."""
    if not 1 <= value <= 199:
        raise ValueError(f"ordinals are written for 1..199, got {value}")
    forms = _table()["ordinal"]
    if value == 100:
        return forms["hundred"]
    if value > 100:
        return f"{ordinal_words(value - 100)} {forms['after_hundred']}"
    if value <= 10:
        return forms["units"][value]
    if value < 20:
        return f"{forms['compound_units'][value - 10]} عشر"
    tens, units = divmod(value, 10)
    if units == 0:
        return forms["tens"][tens]
    return f"{forms['compound_units'][units]} و{forms['tens'][tens]}"


def group_digits(value: int, separator: str = "") -> str:
    """ASCII digits of ``value`` with ``separator`` between thousands (``2,305``)."""
    text = f"{value:,}"
    return text.replace(",", separator)


def thousands_mixed(value: int, case: str = "acc") -> str:
    """Digits and words mixed, as reports write running totals: ``3 آلاف و215``, ``ألفين و33``.

    Args:
        value: A number from 1000 to 10999.
        case: ``nom`` or ``acc`` (only the form of 2000 changes).

    Returns:
        The mixed form; the remainder below 1000 stays in digits.
    """
    thousands, rest = divmod(value, 1000)
    if not 1 <= thousands <= 10:
        raise ValueError(f"mixed thousands are written for 1000..10999, got {value}")
    forms = _table()["thousands"]
    if thousands == 1:
        head = forms["one"]
    elif thousands == 2:
        head = forms["two_nom"] if case == "nom" else forms["two_acc"]
    else:
        head = f"{thousands} {forms['plural']}"
    return head if rest == 0 else f"{head} و{rest}"


def counted(value: int, noun_name: str, *, style: str = "digits", case: str = "acc",
            separator: str = "") -> str:
    """A number with its counted noun, in one of the series' ways of writing it.

    Args:
        value: The count (1 or more).
        noun_name: Key of the noun in the numbers table (``operation``, ``civilian`` ...).
        style: ``digits`` (``5 عمليات``), ``words`` (``خمس عمليات``), ``implied`` (singular/dual noun for 1
            and 2, digits otherwise), ``odd`` (``5 عملية``: singular after a plural count) or ``one``
            (``عملية واحدة``, for 1 only).
        case: ``nom`` or ``acc``.
        separator: Thousands separator for digits.

    Returns:
        The phrase, e.g. ``عمليتين`` or ``11 عملية``.
    """
    if value < 1:
        raise ValueError(f"a counted phrase needs a positive count, got {value}")
    n = noun(noun_name)
    if style == "one" and value == 1:
        return n.one
    if style == "implied" and value == 1:
        return n.singular
    if style == "implied" and value == 2:
        return n.dual_nom if case == "nom" else n.dual_acc
    if style == "words" and value <= 99:
        if value == 1:
            return n.one
        if value == 2:
            return n.dual_nom if case == "nom" else n.dual_acc
        word = cardinal_words(value, n.gender, case)
        return f"{word} {n.plural if value <= 10 else n.tamyiz}"
    digits = group_digits(value, separator)
    if value == 1:
        return f"{digits} {n.singular}"
    if value == 2:
        return f"{digits} {n.digits_two}"
    if style == "odd" and 3 <= value <= 10:
        return f"{digits} {n.plural_odd}"
    return f"{digits} {n.plural if 3 <= value <= 10 else n.tamyiz}"


def bare(value: int, *, style: str = "digits", gender: str = "m", case: str = "acc",
         separator: str = "") -> str:
    """A number without a noun, for partitive phrases (``5 من العسكريين``, ``خمسة من العسكريين``)."""
    if style == "words" and 1 <= value <= 99:
        return cardinal_words(value, gender, case)
    return group_digits(value, separator)


def convert_digits(text: str, shape: str) -> str:
    """Rewrite every ASCII digit of ``text`` in ``shape`` (``ascii``, ``arabic_indic`` or ``persian``)."""
    table = _DIGIT_TABLES[shape]
    return text if table is None else text.translate(table)
