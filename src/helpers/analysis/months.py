"""Caliphate months as the analyses use them: ranges, the month of a brief, periods, labels.

Pure functions of month numbers (and of the months that have a usable report); nothing here reads a table.
``helpers.analysis.views`` re-exports them, so notebooks write ``analysis.month_range(...)``.
"""

from __future__ import annotations

from collections.abc import Sequence

from helpers.contract import calendar


def month_range(available: Sequence[int], start_month: int = 0, end_month: int = 0) -> list[int]:
    """The months from ``start_month`` to ``end_month`` inclusive; 0 means the first / last available month.

    Raises:
        ValueError: When there are no months, a bound is outside the data, or start is after end.
    """
    if not available:
        raise ValueError("no usable reports: build the dataset (`isis-reports build`) "
                         "or include synthetic reports")
    first, last = min(available), max(available)
    start = start_month or first
    end = end_month or last
    for name, value in (("start_month", start), ("end_month", end)):
        if not first <= value <= last:
            raise ValueError(f"{name}={value} is outside the data (months {first}-{last})")
    if start > end:
        raise ValueError(f"start_month={start} is after end_month={end}")
    return list(range(start, end + 1))


def resolve_month(available: Sequence[int], month: int = 0) -> int:
    """``month`` itself (within the months the data spans), or the latest month with data when it is 0.

    Raises:
        ValueError: When there are no months or ``month`` is outside the data.
    """
    return month_range(available, month, month)[-1] if month else month_range(available)[-1]


def reported_month(available: Sequence[int], month: int = 0) -> int:
    """``month`` (0: the latest) when it has a usable report; a month without one has no brief.

    Raises:
        ValueError: Naming the months that have a report.
    """
    chosen = resolve_month(available, month)
    if chosen not in available:
        raise ValueError(f"month {chosen} has no usable report (months with one: {month_list(available)}; "
                         "synthetic demo months need include_synthetic=True)")
    return chosen


def period_months(available: Sequence[int], month: int = 0, n_months: int = 1) -> tuple[list[int], list[int]]:
    """The ``n_months`` months ending at ``month`` (0 = latest) and the same number just before them.

    Raises:
        ValueError: When ``month`` is not in the data or ``n_months`` is below 1.
    """
    if n_months < 1:
        raise ValueError(f"n_months must be 1 or more, got {n_months}")
    end = resolve_month(available, month)
    current = list(range(end - n_months + 1, end + 1))
    previous = list(range(end - 2 * n_months + 1, end - n_months + 1))
    return current, previous


def trailing_window(available: Sequence[int], end: int, n_months: int) -> list[int]:
    """Up to ``n_months`` months ending at ``end``, not reaching before the first month with data."""
    first = min(available) if available else end
    return list(range(max(first, end - n_months + 1), end + 1))


def month_label(month: int) -> str:
    """``'112 (Nov 2023)'``: the caliphate month with the calendar month its period ends in."""
    end = calendar.series_period(int(month))[1]
    return f"{month} ({end:%b %Y})"


def period_text(month: int) -> str:
    """``'29 Oct 2023 to 28 Nov 2023'``: the calendar period caliphate month ``month`` covers."""
    start, end = calendar.series_period(int(month))
    return f"{start:%d %b %Y} to {end:%d %b %Y}"


def month_list(months: Sequence[int]) -> str:
    """``"101-105, 107, 110-111"``: months as ranges."""
    months = sorted(int(m) for m in months)
    parts, start = [], None
    for i, month in enumerate(months):
        start = month if start is None else start
        if i + 1 == len(months) or months[i + 1] != month + 1:
            parts.append(str(month) if start == month else f"{start}-{month}")
            start = None
    return ", ".join(parts)
