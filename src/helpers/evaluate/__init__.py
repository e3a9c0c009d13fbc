"""Scoring a build against hand annotations: ``python -m helpers evaluate TRUTH_DIR``.

Downstream of the build (it reads finished tables and never changes a parse, so it lies outside the folders
whose files salt the parse cache). ``annotations`` reads and validates a folder of annotation CSVs (the format
of docs/EVALUATE.md), ``score`` compares them with the ``figures`` and ``reports`` tables by the project's
matching rule, and ``cli`` is the command that builds or reads the tables and prints the result.
"""

from helpers.evaluate.annotations import AnnotationError, Truth, read_truth
from helpers.evaluate.score import Evaluation, Extra, Miss, ReportScore, Tally, evaluate

__all__ = ["AnnotationError", "Evaluation", "Extra", "Miss", "ReportScore", "Tally", "Truth", "evaluate",
           "read_truth"]
