"""Find the numbers an English text states: digits, number words, ordinals.

Works on normalised text (``normalize.py``: thousands separators are already gone, so ``1,146`` reads as
``1146``). A mention is a span with its integer value; ``twenty-three``, ``one hundred and twenty`` and
``3 thousand`` are one mention each, and ``96th``, ``ninety-sixth`` and ``one hundred and sixth`` are ordinal
mentions (never counts). Counts implied by an article (``a woman`` = 1) are the parser's business: this module
only offers the article words through ``article_words``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from helpers.text.lexicon import load_toml
from helpers.text.numbers import MAX_DIGITS, literal_alternation

_CARDINAL_KINDS = ("units", "teens", "tens", "scales")
_ORDINAL_KINDS = {
    "ordinal_units": "units",
    "ordinal_teens": "teens",
    "ordinal_tens": "tens",
    "ordinal_scales": "scales",
}


@dataclass(frozen=True, slots=True)
class EnglishNumber:
    """A number stated in English text: normalised span, value and what kind of number it is.

    Attributes:
        start: Normalised start offset.
        end: Normalised end offset.
        value: The integer value (the integer part for a decimal).
        words: Whether any part is written in words.
        kind: ``cardinal``, ``ordinal`` (``96th``, ``sixth``) or ``decimal`` (``1.5``: never a count).
    """

    start: int
    end: int
    value: int
    words: bool
    kind: str = "cardinal"


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    kind: str  # digits, decimal, units, teens, tens, scales; ordinal words keep their base kind
    value: int
    ordinal: bool


@lru_cache(maxsize=1)
def _words() -> dict[str, tuple[str, int, bool]]:
    """Every number word -> (base kind, value, is ordinal)."""
    table = load_toml("numbers_en.toml")
    words = {}
    for kind in _CARDINAL_KINDS:
        words.update({w: (kind, v, False) for w, v in table[kind].items()})
    for kind, base in _ORDINAL_KINDS.items():
        words.update({w: (base, v, True) for w, v in table[kind].items()})
    words.update({w: ("teens", v, False) for w, v in table.get("read_only", {}).items()})
    return words


@lru_cache(maxsize=1)
def article_words() -> dict[str, int]:
    """Article-like words that count one before a countable noun (``a``, ``an``, ``a single``)."""
    return dict(load_toml("numbers_en.toml")["article"])


@lru_cache(maxsize=1)
def _token_re() -> re.Pattern:
    # (?a:…): only ASCII letters fold case, so ``sıx`` (dotless ı) or ``ſeven`` (long s) is no number word
    # (IGNORECASE alone matches them, and they are no key of the table).
    forms = literal_alternation(_words())
    return re.compile(
        rf"(?<![\w.])(?:(?P<decimal>\d+\.\d+)|(?P<digits>\d+)(?P<suffix>st|nd|rd|th)?|(?P<word>(?a:{forms})))"
        r"(?![\w])",
        re.IGNORECASE,
    )


def _tokens(text: str) -> list[_Tok]:
    toks = []
    for m in _token_re().finditer(text):
        if m.group("decimal"):
            if len(m.group("decimal")) > MAX_DIGITS:
                continue
            toks.append(_Tok(m.start(), m.end(), "decimal", int(float(m.group("decimal"))), False))
        elif m.group("digits"):
            if len(m.group("digits")) > MAX_DIGITS:
                continue  # a run of digits no report states as a count (and beyond int() limits)
            toks.append(_Tok(m.start(), m.end(), "digits", int(m.group("digits")), bool(m.group("suffix"))))
        else:
            kind, value, ordinal = _words()[m.group("word").lower()]
            toks.append(_Tok(m.start(), m.end(), kind, value, ordinal))
    return toks


_PLAIN_GAP = re.compile(r"[ \t]{1,2}|-|[ \t]?-[ \t]?")
_AND_GAP = re.compile(r"[ \t]+and[ \t]+|[ \t]*,?[ \t]+", re.IGNORECASE)


def _follows(prev: _Tok, nxt: _Tok, text: str) -> bool:
    """Whether ``nxt`` continues the number ``prev`` belongs to (twenty-three, one hundred and six)."""
    gap = text[prev.end : nxt.start]
    if prev.ordinal or nxt.kind in ("digits", "decimal"):
        return False
    if prev.kind == "scales":
        return bool(_AND_GAP.fullmatch(gap)) and (nxt.kind != "scales" or nxt.value > prev.value)
    if not _PLAIN_GAP.fullmatch(gap):
        return False
    if prev.kind == "tens":
        return nxt.kind == "units" or nxt.kind == "scales"
    if prev.kind in ("units", "teens", "digits"):
        return nxt.kind == "scales"
    return False


def _value(toks: list[_Tok]) -> int:
    """Value of a run of tokens that make one number (scales multiply what precedes them)."""
    total, current = 0, 0
    for t in toks:
        if t.kind == "scales" and t.value == 100:
            current = (current or 1) * 100
        elif t.kind == "scales":
            total += (current or 1) * t.value
            current = 0
        else:
            current += t.value
    return total + current


def find_english_numbers(text: str) -> list[EnglishNumber]:
    """Every number the normalised English text states, in order, each as one mention."""
    toks = _tokens(text)
    mentions, i = [], 0
    while i < len(toks):
        run = [toks[i]]
        while i + len(run) < len(toks) and _follows(run[-1], toks[i + len(run)], text):
            run.append(toks[i + len(run)])
        if run[0].kind == "decimal":
            kind = "decimal"
        elif run[-1].ordinal:
            kind = "ordinal"
        else:
            kind = "cardinal"
        words = any(t.kind not in ("digits", "decimal") for t in run)
        mentions.append(EnglishNumber(run[0].start, run[-1].end, _value(run), words, kind))
        i += len(run)
    return mentions
