"""Positions in spans, in logarithmic time: membership (spans may overlap) and the piece holding one."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from itertools import accumulate


class Intervals:
    """Half-open spans ``[start, end)``, asked whether they hold a position or start inside a window."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._reach = list(accumulate((b for _, b in ordered), max))  # furthest end among the first k spans

    def __contains__(self, pos: int) -> bool:
        """Whether some span holds ``pos``."""
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and self._reach[i] > pos

    def starts_within(self, start: int, end: int) -> bool:
        """Whether some span starts inside ``[start, end)``."""
        i = bisect.bisect_left(self._starts, start)
        return i < len(self._starts) and self._starts[i] < end


def piece_at(pieces: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The piece of sorted, non-overlapping pieces (sentences, lines, clauses) that holds ``pos``, if any."""
    i = bisect.bisect_right(pieces, (pos, float("inf"))) - 1
    if i >= 0 and pieces[i][0] <= pos < pieces[i][1]:
        return pieces[i]
    return None
