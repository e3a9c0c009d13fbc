"""One report text -> ``Report``: the language is told from its script, then that language's parser reads it.

Each language is a folder ``extract/<code>/`` whose ``parse`` module has ``parse(text, report_id)``; this
module only picks the folder (``LANGUAGES``) and turns a parser failure into an error row.
"""

from __future__ import annotations

import importlib
import logging
import re

from helpers.contract.report import (
    NotAReportError,
    ParserError,
    Report,
    ReportError,
)
from helpers.extract.engine import check_count_density
from helpers.extract.executions import is_execution_report, parse_executions

log = logging.getLogger(__name__)

# The languages read, each with the letters of its script; on a tie the first listed wins.
LANGUAGES = {
    "ar": re.compile(r"[\u0600-\u06ff]+"),
    "en": re.compile(r"[A-Za-z]+"),
}
_DIGIT_RUN = re.compile(r"\d+")


def detect_language(text: str) -> str | None:
    """The language (``LANGUAGES``) whose script has the most letters in the text; None for no letters."""
    letters = {code: sum(map(len, script.findall(text))) for code, script in LANGUAGES.items()}  # runs
    code = max(letters, key=letters.get)
    return code if letters[code] else None


def parse_report(text: str, report_id: str = "report") -> Report:
    """Parse one report of the series into a ``Report`` with traceable figures.

    Raises:
        NotAReportError: the text is empty, unrelated to the series, or states no figures.
        ParserError: the parser itself failed (a bug); the message names the report.
    """
    if not text or not text.strip("\ufeff \t\r\n\u200f\u200e"):
        raise NotAReportError(f"{report_id}: empty file: no text to parse")
    language = detect_language(text)
    if language is None:
        raise NotAReportError(f"{report_id}: not a report of the series: the text has no letters")
    check_count_density(len(_DIGIT_RUN.findall(text)), report_id)  # before any costly step
    try:
        if is_execution_report(text, language):  # the 2014-2019 execution reports (issue 18)
            return parse_executions(text, report_id, language)
        return importlib.import_module(f"helpers.extract.{language}.parse").parse(text, report_id)
    except ReportError:
        raise
    except Exception as exc:  # a parser bug must become an error row, never stop a batch
        log.exception("parser failed on %s", report_id)
        raise ParserError(
            f"{report_id}: the parser failed on this text ({type(exc).__name__}: {exc}); "
            "this is a bug, please report it with the file"
        ) from exc
