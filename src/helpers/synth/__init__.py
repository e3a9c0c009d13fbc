"""Synthetic reports of the series: ground truths, Arabic rendering with format variations, round trips.

Everything here is invented data for tests and demos. ``generate_truth`` draws a plausible month,
``render`` writes it as a report (``language="ar"``; other languages register in ``render.RENDERERS``),
``expected_rows`` says which figures that text states, ``round_trip``/``evaluate`` compare the parser's
output with them, and ``write_corpus`` writes the demo corpus (files named ``synthetic_*``).
"""

from helpers.synth.cli import add_eval_parser, add_parser
from helpers.synth.demo import write_corpus
from helpers.synth.evaluate import RoundTrip, evaluate, round_trip, rows_of
from helpers.synth.generate import generate_series, generate_truth
from helpers.synth.render import SyntheticReport, render
from helpers.synth.stated import Row, expected_rows
from helpers.synth.truth import Area, Arrests, Cumulative, Daraa, LeaderKilled, MonthTruth, Zone
from helpers.synth.variations import Variations, default_options, families, sample_variations

__all__ = [
    "Area", "Arrests", "Cumulative", "Daraa", "LeaderKilled", "MonthTruth", "Row", "RoundTrip",
    "SyntheticReport", "Variations", "Zone", "add_eval_parser", "add_parser", "default_options",
    "evaluate", "expected_rows", "families", "generate_series", "generate_truth", "render", "round_trip",
    "rows_of", "sample_variations", "write_corpus",
]
