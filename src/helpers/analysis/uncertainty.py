"""Low, best and high estimates of every count, UCDP-style, from the qualifier each figure carries.

The rule (docs/ARCHITECTURE.md, "Uncertainty"):

* ``exact`` N: low = best = high = N.
* ``at_least`` N (``أكثر من``, ``ما يزيد عن``, "more than"): low = best = N, high open (infinite).
* ``approximately`` N (``نحو``, ``قرابة``, ``حوالي``, "about"): best = N, low = N - band, high = N + band with
  band = max(2, round(10 % of N)), low never below 0: the tolerance within which ``validate`` takes an
  approximate total to agree with its parts.

Sums add the three estimates separately (an open high stays open), so "at least 15" + 7 is low 22, best 22,
high open, shown as ``≥ 22``, and "about 30" + 1 + 1 is 30..34 around 32, shown as ``~ 32``. A mean is the
mean of each estimate. Missing (not stated) stays missing in all three and is shown as ``—``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

MISSING = "—"
"""How a number a report does not state (or a month without a report) is shown in tables."""


def band(value: float) -> float:
    """Half-width of the range of an approximate number: max(2, round(10 % of it))."""
    return float(max(2, round(0.1 * value)))


def bounds(values: pd.Series, qualifiers: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Low and high estimates of stated numbers from their qualifiers (the module's rule).

    Args:
        values: The stated numbers (best estimates).
        qualifiers: ``exact``, ``at_least`` or ``approximately`` per number.

    Returns:
        Two float series (low, high) aligned with ``values``; high is ``inf`` for ``at_least``.
    """
    values = values.astype("float64")
    approx = qualifiers.eq("approximately").to_numpy()
    at_least = qualifiers.eq("at_least").to_numpy()
    half = np.array([band(v) for v in values]) if len(values) else np.zeros(0)
    low = np.where(approx, np.maximum(values - half, 0.0), values)
    high = np.where(approx, values + half, np.where(at_least, np.inf, values))
    return pd.Series(low, index=values.index), pd.Series(high, index=values.index)


def format_count(best: float, low: float | None = None, high: float | None = None, decimals: int = 0) -> str:
    """One number with its uncertainty mark: ``22``, ``≥ 22``, ``~ 32``, ``≥ ~45``; ``—`` when missing.

    Args:
        best: Best estimate (NaN: not stated).
        low: Low estimate (defaults to ``best``).
        high: High estimate (defaults to ``best``; ``inf`` for an open upper bound).
        decimals: Decimals shown (1 for means).
    """
    if best is None or pd.isna(best):
        return MISSING
    low = best if low is None or pd.isna(low) else low
    high = best if high is None or pd.isna(high) else high
    text = f"{best:.{decimals}f}"
    if math.isinf(high):
        return f"≥ {text}" if math.isclose(low, best) else f"≥ ~{text}"
    if math.isclose(low, best) and math.isclose(high, best):
        return text
    return f"~ {text}"


@dataclass(frozen=True)
class Bounded:
    """Three aligned frames (or series) of low, best and high estimates."""

    low: pd.DataFrame
    best: pd.DataFrame
    high: pd.DataFrame

    def display(self, decimals: int = 0) -> pd.DataFrame:
        """The best estimates as text with their marks (``format_count``), ``—`` where missing."""
        best = self.best if isinstance(self.best, pd.DataFrame) else self.best.to_frame()
        low = self.low if isinstance(self.low, pd.DataFrame) else self.low.to_frame()
        high = self.high if isinstance(self.high, pd.DataFrame) else self.high.to_frame()
        out = pd.DataFrame(
            [[format_count(b, lo, hi, decimals) for b, lo, hi in zip(rb, rl, rh, strict=True)]
             for rb, rl, rh in zip(best.to_numpy(), low.to_numpy(), high.to_numpy(), strict=True)],
            index=best.index, columns=best.columns)
        return out if isinstance(self.best, pd.DataFrame) else out.iloc[:, 0].rename(self.best.name)

    def sum(self) -> Bounded:
        """Column sums of each estimate (NaN for a column with no number)."""
        return Bounded(self.low.sum(min_count=1), self.best.sum(min_count=1), self.high.sum(min_count=1))

    @property
    def qualified(self) -> pd.DataFrame:
        """Where the estimate is not exact (low or high differ from best)."""
        return (self.low.ne(self.best) | self.high.ne(self.best)) & self.best.notna()


def ratio_bounds(best: pd.DataFrame | pd.Series, numerator: Bounded, denominator: Bounded,
                 decimals: int | None = None) -> Bounded:
    """Low and high estimates of a ratio of two bounded counts, around its ``best`` value.

    The ratio is lowest with the lowest numerator over the highest denominator and highest the other way
    round: low = numerator low / denominator high (0 when the denominator is open, "at least"), high =
    numerator high / denominator low (open, ``inf``, when the numerator is open or the denominator's low
    is 0). Where ``best`` is missing (no denominator) both are missing; where both counts are exact, low =
    best = high, so a ratio is marked only when it rests on a qualified figure.

    Args:
        best: The ratio as computed from the best estimates (its own rules for missing numerators).
        numerator: Low / best / high of the numerator, aligned with ``best`` (NaN counts as 0).
        denominator: Low / best / high of the denominator, aligned with ``best``.
        decimals: Round the bounds as ``best`` is rounded (None: not rounded).

    Returns:
        ``Bounded(low, best, high)``.
    """
    low = numerator.low.fillna(0.0) / denominator.high
    high = numerator.high.fillna(0.0) / denominator.low.where(denominator.low > 0)
    high = high.mask(denominator.low.le(0), np.inf)
    if decimals is not None:
        low, high = low.round(decimals), high.round(decimals)
    seen = best.notna()
    return Bounded(low.where(seen), best, high.where(seen))


def mean_bounds(low: pd.Series, best: pd.Series, high: pd.Series) -> tuple[float, float, float]:
    """The mean of each estimate over the observed (non-missing) entries of ``best``."""
    seen = best.notna()
    if not seen.any():
        return (math.nan, math.nan, math.nan)
    return (float(low[seen].mean()), float(best[seen].mean()), float(high[seen].mean()))


def marked(table: pd.DataFrame, columns: list[str] | None = None, decimals: int = 0) -> pd.DataFrame:
    """A table as shown: each column ``c`` with ``c_low`` / ``c_high`` beside it becomes text with its mark.

    Args:
        table: Numbers with optional ``<column>_low`` and ``<column>_high`` columns.
        columns: The columns to mark (default: every column that has a ``_low`` partner).
        decimals: Decimals shown.

    Returns:
        The table without the ``_low`` / ``_high`` columns, the marked columns as text (``—`` missing).
    """
    columns = columns if columns is not None else [c for c in table.columns if f"{c}_low" in table.columns]
    out = table.copy()
    for column in columns:
        low = table.get(f"{column}_low", table[column])
        high = table.get(f"{column}_high", table[column])
        out[column] = [format_count(b, lo, hi, decimals)
                       for b, lo, hi in zip(table[column], low, high, strict=True)]
    drop = [f"{c}_{end}" for c in columns for end in ("low", "high") if f"{c}_{end}" in out.columns]
    return out.drop(columns=drop)
