"""Traceable, validated figures from the Arabic monthly reports on ISIS activity in Syria.

The public API: ``parse_report`` turns one report's text into a ``Report``; ``helpers.tables`` turns a list
of reports into the four DataFrames of the contract; ``helpers.corpus`` reads and builds a folder.
"""

from helpers.parse import parse_report
from helpers.report import (
    Check,
    Event,
    Figure,
    NotAReportError,
    ParserError,
    ReadError,
    Report,
    ReportError,
    Unexplained,
)

__all__ = [
    "Check",
    "Event",
    "Figure",
    "NotAReportError",
    "ParserError",
    "ReadError",
    "Report",
    "ReportError",
    "Unexplained",
    "parse_report",
]
__version__ = "0.1.0"
