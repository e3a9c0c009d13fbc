"""Find the numbers a text states: digits, Arabic number words, and digits mixed with words.

Works on normalised text (``normalize.py``). A mention is a span with its integer value; ``4 آلاف و215``,
``ألفان و57``, ``لألفين و33`` and ``ثمانياً وعشرين`` are one mention each. Numbers implied by a noun
(``مدني`` = 1, ``عنصرين`` = 2) are the parser's business, not this module's.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

MAX_DIGITS = 18  # longer digit runs (serials, garbage) are not numbers of the report
_PREFIX = "(?:و|ف|ب|ل|وب|ول|فب|فل)"


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number stated in the text: normalised span, value, and whether it was written in words."""

    start: int
    end: int
    value: int
    words: bool
    conj: bool = False  # written with a leading conjunction و (a new item of a list)


@lru_cache(maxsize=1)
def _words() -> dict[str, tuple[str, int]]:
    """Every number word form -> (kind, value)."""
    with resources.files("helpers.data").joinpath("numbers_ar.toml").open("rb") as handle:
        table = tomllib.load(handle)
    return {form: (kind, value) for kind, forms in table.items() for form, value in forms.items()}


def literal_alternation(words) -> str:
    """A regex matching any of ``words``, written as a trie (``ثلاث(?:ه|ين)?``), longest word first.

    It matches what ``"|".join(map(re.escape, sorted(words, key=len, reverse=True)))`` matches, trying the
    same words in the same order (at one place, the words that match are prefixes of one another and greedy
    optional groups try the longest first), but the regex engine follows one branch per character instead of
    trying every word at every position, which halves the time of the patterns below.
    """
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(root)


def _trie_pattern(node: dict) -> str:
    alternatives = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not alternatives:
        return ""
    optional = "" in node
    body = alternatives[0] if len(alternatives) == 1 and not optional else f"(?:{'|'.join(alternatives)})"
    return f"{body}?" if optional else body


@lru_cache(maxsize=1)
def _token_re() -> re.Pattern:
    word = literal_alternation(_words())
    return re.compile(
        rf"(?<![\w])(?:(?P<word>{word})|{_PREFIX}(?P<pword>{word})|(?P<pre>{_PREFIX}?)(?P<digits>\d+))"
        r"(?![^\W\d_])"
    )


@dataclass
class _Tok:
    start: int
    end: int
    kind: str  # digits, units, teen_heads, tens, hundreds, thousands
    value: int
    conj: bool  # written with a leading "و"


def _tokens(text: str) -> list[_Tok]:
    toks = []
    for m in _token_re().finditer(text):
        whole = m.group()
        if m.group("digits") is not None:
            if len(m.group("digits")) > MAX_DIGITS:
                continue  # a run of digits no report states as a count (and beyond int() limits)
            toks.append(_Tok(m.start(), m.end(), "digits", int(m.group("digits")), whole.startswith("و")))
        elif m.group("word") is not None:
            kind, value = _words()[m.group("word")]
            if m.group("word") in ("واحد", "واحده") and re.match(r"[ \t]+عشر", text[m.end():m.end() + 6]):
                kind, value = "teen_heads", 1  # "وأحد عشر": a conjunction and eleven, not "one"
                toks.append(_Tok(m.start(), m.end(), kind, value, True))
                continue
            toks.append(_Tok(m.start(), m.end(), kind, value, False))
        else:
            kind, value = _words()[m.group("pword")]
            toks.append(_Tok(m.start(), m.end(), kind, value, whole.startswith("و")))
    return toks


def _gap_ok(text: str, a: _Tok, b: _Tok) -> bool:
    """Two tokens are parts of one number only when nothing but spaces separates them."""
    gap = text[a.end:b.start]
    return gap.strip() == "" and "\n" not in gap and b.start - a.end <= 3


def _join(text: str, toks: list[_Tok]) -> list[NumberMention]:
    """Group adjacent tokens into whole numbers (teens, unit + tens, thousands + rest)."""
    mentions, i = [], 0
    while i < len(toks):
        t = toks[i]
        value, end, words, j = t.value, t.end, t.kind != "digits", i + 1
        last = t
        if t.kind == "teen_heads":
            if j < len(toks) and toks[j].kind == "units" and toks[j].value == 10 and not toks[j].conj \
                    and _gap_ok(text, t, toks[j]):
                value, end, j = 10 + t.value, toks[j].end, j + 1
            elif j < len(toks) and toks[j].kind == "tens" and toks[j].conj and _gap_ok(text, t, toks[j]):
                value, end, j, last = t.value + toks[j].value, toks[j].end, j + 1, toks[j]  # إحدى وعشرين
            else:
                i += 1
                continue
        elif t.kind == "units" and t.value < 10 and j < len(toks) and toks[j].kind == "units" \
                and toks[j].value == 10 and not toks[j].conj and _gap_ok(text, t, toks[j]):
            value, end, j = 10 + t.value, toks[j].end, j + 1
        elif t.kind == "thousands" and t.value == 1000 and text[t.start:t.end].endswith("الاف"):
            i += 1  # a bare "آلاف" ("thousands of") is no number
            continue
        # multiply by a following "آلاف"/"ألف" or "مئة" (3 آلاف, ثلاث مئة)
        if j < len(toks) and toks[j].kind in ("thousands", "hundreds") and toks[j].value in (1000, 100) \
                and not toks[j].conj and _gap_ok(text, toks[j - 1], toks[j]) and value < 1000:
            value, end, j = value * toks[j].value, toks[j].end, j + 1
            words = True
        # add "و" + smaller parts (unit + و + tens, hundreds + و + rest, thousands + و + rest)
        while j < len(toks) and toks[j].conj and _gap_ok(text, toks[j - 1], toks[j]):
            nxt = toks[j]
            part, part_end, k = nxt.value, nxt.end, j + 1
            if nxt.kind == "teen_heads":
                ten = k < len(toks) and toks[k].kind == "units" and toks[k].value == 10
                if ten and _gap_ok(text, nxt, toks[k]):
                    part, part_end, k = 10 + nxt.value, toks[k].end, k + 1
                else:
                    break
            elif nxt.kind == "units" and k < len(toks) and toks[k].kind == "units" and toks[k].value == 10 \
                    and not toks[k].conj and _gap_ok(text, nxt, toks[k]):
                part, part_end, k = 10 + nxt.value, toks[k].end, k + 1
            if not _adds(value, last, part, nxt.kind, words):
                break
            value, end, j, last = value + part, part_end, k, nxt
            words = True
        mentions.append(NumberMention(t.start, end, value, words, t.conj))
        i = j
    return mentions


def _adds(value: int, last: _Tok | None, part: int, part_kind: str, words: bool) -> bool:
    """Whether "value و part" continues one number: thousands/hundreds + a smaller rest, or unit + tens."""
    if value >= 1000 and part < 1000 and value % 1000 == 0:
        return True
    if value >= 100 and part < 100 and value % 100 == 0 and (words or part_kind != "digits"):
        return True
    return part_kind == "tens" and last is not None and last.kind == "units" and last.value < 10 \
        and value % 100 < 10


def find_numbers(text: str) -> list[NumberMention]:
    """Every number the normalised text states, in order, each as one mention."""
    return _join(text, _tokens(text))
