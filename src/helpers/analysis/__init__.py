"""Analyses over the built tables: views, months, uncertainty, findings and plots.

Counting conventions and views (``views``), month ranges and labels (``months``), low/best/high estimates
(``uncertainty``), findings written from the tables (``findings``) and the charts (``plots``).

``helpers.analysis.X`` is ``helpers.analysis.views.X``, loaded on first use, so notebooks can write
``analysis.monthly_counts(...)``.
"""

from __future__ import annotations

import importlib


def __getattr__(name: str):
    if name.startswith("__"):
        raise AttributeError(name)
    return getattr(importlib.import_module("helpers.analysis.views"), name)


def __dir__() -> list[str]:
    views = importlib.import_module("helpers.analysis.views")
    return sorted(set(globals()) | {n for n in dir(views) if not n.startswith("_")})
