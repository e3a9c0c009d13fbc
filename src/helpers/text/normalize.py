"""Normalise report text for matching while keeping a map back to the raw characters.

Every step only deletes characters or replaces one character by one character, so the normalised text
carries, for each of its characters, the raw offset it came from. Steps: invisible marks and diacritics
out; words split by tatweel and a space, spaced or dotted letters (``د ا ع ش``, ``د.ا.ع.ش``) and asterisks
inside words (``خلا*فة``, ``IS*IS``) joined; thousands separators out;
Arabic-Indic and Persian digits to ASCII; quotes unified;
hamza/alef, alef maqsura and ta marbuta folded (matching only: figures quote the raw text).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_AR = "\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff"  # Arabic letters (no digits, no tatweel U+0640)
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069\u00ad\u061c"
_DIACRITICS = "\u064b-\u065f\u0670\u06d6-\u06ed"
_TATWEEL = "\u0640"

_DROP = re.compile(f"[{_INVISIBLE}{_DIACRITICS}]")
# Tatweels and spaces between two letters (``التنـ ـظيم``): letter, tatweels, spaces, tatweels, letter, with
# tatweels on at least one side. Written to start with the tatweel or the space itself (the letter before is
# a lookbehind after it) so the regex engine skips to candidates: 3 times faster than
# ``(?<=L)ـ*[ \t]+ـ+(?=L)|(?<=L)ـ+[ \t]+(?=L)``, which it tries at every character; same matches.
_TATWEEL_SPLIT = re.compile(
    f"{_TATWEEL}(?<=[{_AR}]{_TATWEEL}){_TATWEEL}*[ \t]+{_TATWEEL}*(?=[{_AR}])"
    f"|[ \t](?<=[{_AR}][ \t])[ \t]*{_TATWEEL}+(?=[{_AR}])"
)
_TATWEEL_RUN = re.compile(_TATWEEL + "+")
_SPACED_LETTERS = re.compile(f"(?<![\\w{_AR}])[{_AR}](?:[ .][{_AR}]){{2,}}(?![\\w{_AR}])")
_INWORD_MARK = re.compile(r"(?<=[^\W\d_])\*+(?=[^\W\d_])")
_THOUSANDS = re.compile(r"(?<!\d)\d{1,3}(?:[,\u066c]\d{3})+(?!\d)")

_FOLD = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫أإآٱىةیک“”«»„‟″\u2018\u2019\u201a\u201b'`",
    "01234567890123456789.اااايهيك\"\"\"\"\"\"\"\"\"\"\"\"\"",
)
# The same one-to-one replacements as (old, new) pairs: replacing the few characters a text holds is much
# faster than ``str.translate`` with a dict, which looks up every character of a non-ASCII text.
_FOLD_PAIRS = tuple((chr(old), chr(new)) for old, new in _FOLD.items())

# Each step, with the characters without which its pattern cannot match (the step is skipped when the text
# has none of them; deleting characters never brings one in), and the characters it deletes inside a match
# (None: the whole match).
_STEPS: tuple[tuple[re.Pattern, str | None, str | None], ...] = (
    (_DROP, None, None),
    (_TATWEEL_SPLIT, _TATWEEL, None),
    (_TATWEEL_RUN, _TATWEEL, None),
    (_SPACED_LETTERS, " .", " ."),
    (_INWORD_MARK, "*", None),
    (_THOUSANDS, ",\u066c", ",\u066c"),
)


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus, for each of its characters, the offset of the raw character it came from."""

    text: str
    raw: str
    offsets: Sequence[int]  # a ``range`` when nothing was deleted (no list of a million identical offsets)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``[start, end)`` of the normalised span ``[start, end)`` (end > start)."""
        if end <= start:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.raw)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def raw_text(self, start: int, end: int) -> str:
        """The raw text behind a normalised span."""
        a, b = self.raw_span(start, end)
        return self.raw[a:b]


def _delete(text: str, offsets: Sequence[int], spans) -> tuple[str, list[int]]:
    """Drop the characters inside the given spans, keeping offsets aligned."""
    pieces: list[str] = []
    kept: list[int] = []
    pos = 0
    for start, end in sorted(spans):
        if start > pos:
            pieces.append(text[pos:start])
            kept.extend(offsets[pos:start])
        pos = max(pos, end)
    pieces.append(text[pos:])
    kept.extend(offsets[pos:])
    return "".join(pieces), kept


def _delete_matches(
    pattern: re.Pattern, text: str, offsets: Sequence[int], inner=None
) -> tuple[str, Sequence[int]]:
    """Delete every match of ``pattern`` (with ``inner``, only its characters in ``inner``)."""
    spans = []
    for m in pattern.finditer(text):
        if inner is None:
            spans.append(m.span())
        else:
            spans.extend((m.start() + i, m.start() + i + 1) for i, c in enumerate(m.group()) if c in inner)
    if not spans:
        return text, offsets
    return _delete(text, offsets, spans)


def _fold_chars(text: str) -> str:
    """``text.translate(_FOLD)``, by replacing only the characters the text holds."""
    for old, new in _FOLD_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text


def normalize(raw: str) -> Normalized:
    """Normalise raw report text for matching; see the module docstring for the steps."""
    text, offsets = raw, range(len(raw))
    for pattern, needs, inner in _STEPS:
        if needs is None or any(ch in text for ch in needs):
            text, offsets = _delete_matches(pattern, text, offsets, inner)
    return Normalized(_fold_chars(text), raw, offsets if isinstance(offsets, range) else tuple(offsets))


def fold(text: str) -> str:
    """Fold a lexicon term the way ``normalize`` folds report text, so patterns and text meet."""
    return normalize(text).text
