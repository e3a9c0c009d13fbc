"""Traceable, validated figures from the Arabic and English reports on ISIS activity in Syria.

The package follows the pipeline one way: ``contract`` (vocabularies, schemas, report dataclasses, calendar) →
``read`` (files and saved web pages to text) → ``text`` (normalisation, numbers, dates, lexicon matching) →
``extract`` (one engine, language data and hooks under ``extract/ar`` and ``extract/en``) → ``check`` (a
report's own totals, translations) → ``build`` (a folder of reports to the five tables) → ``analysis`` and
``run`` (views, charts, the notebooks). ``synth`` generates synthetic reports for testing.

The public API below is loaded on first use, so ``import helpers.contract.calendar`` does not load the parser:
``parse_report`` turns one report's text into a ``Report``; ``helpers.build.tables`` turns a list of reports
into the five DataFrames of the contract; ``helpers.build.corpus`` reads and builds a folder.
"""

from __future__ import annotations

import importlib

# Public name -> the module that defines it.
_EXPORTS = {
    "parse_report": "helpers.extract.parse",
    **{name: "helpers.contract.report" for name in (
        "Check", "Event", "Figure", "NotAReportError", "ParserError", "ReadError", "Report", "ReportError",
        "Unexplained")},
}

__all__ = sorted(_EXPORTS)
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
