"""Rendering entry point: a truth and variation choices -> report text, in a chosen language.

Each language has its own module exposing ``render_<language>(truth, variations, rng) -> str``; this module
only dispatches and seeds. A new language registers itself with one entry in ``RENDERERS``.
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable
from dataclasses import dataclass

from helpers.synth.stated import Row, expected_failed_checks, expected_rows
from helpers.synth.truth import MonthTruth
from helpers.synth.variations import Variations

Renderer = Callable[[MonthTruth, Variations, random.Random], str]

RENDERERS: dict[str, str] = {
    "ar": "helpers.synth.render_ar:render_arabic",
    "en": "helpers.synth.render_en:render_english",
}
"""Language code -> ``module:function`` of its renderer."""


def renderer(language: str) -> Renderer:
    """The render function of ``language``, imported on first use."""
    try:
        module_name, _, function = RENDERERS[language].partition(":")
    except KeyError:
        raise ValueError(f"no renderer for language {language!r}; known: {', '.join(RENDERERS)}") from None
    return getattr(importlib.import_module(module_name), function)


def render(truth: MonthTruth, language: str = "ar", variations: Variations | None = None,
           seed: int = 0) -> str:
    """Write ``truth`` as a report text; deterministic given (truth, language, variations, seed).

    Args:
        truth: The month's ground truth.
        language: ``ar`` (Arabic); other languages once their renderer is registered in ``RENDERERS``.
        variations: Wording and layout choices (the plainest forms when None).
        seed: Seed of the wording choices that do not change the figures.

    Returns:
        The report text.
    """
    return renderer(language)(truth, variations or Variations(), random.Random(seed))


@dataclass(frozen=True)
class SyntheticReport:
    """A rendered synthetic report with what it states: the ground truth of one round trip."""

    report_id: str
    truth: MonthTruth
    variations: Variations
    seed: int
    language: str
    text: str
    rows: tuple[Row, ...]
    failed_checks: frozenset

    @classmethod
    def build(cls, truth: MonthTruth, variations: Variations | None = None, *, seed: int = 0,
              language: str = "ar", report_id: str | None = None) -> SyntheticReport:
        """Render ``truth`` and collect its expected figure rows and deliberately failing checks."""
        v = variations or Variations()
        return cls(report_id or f"synthetic_m{truth.month:03d}", truth, v, seed, language,
                   render(truth, language, v, seed), tuple(expected_rows(truth, v)),
                   frozenset(expected_failed_checks(truth, v)))
