"""One input file's bytes -> its ``Report``: the unit of work of a corpus build, safe to run in a worker.

Pure (bytes in, report out, no file system) and free of pandas, so pool workers start fast. Whatever goes
wrong with one file becomes a ``Report.failed`` row naming the file and the cause, never an exception that
stops the batch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from helpers.contract.report import NotAReportError, ReadError, Report, ReportError
from helpers.read.reader import REPORT_SUFFIXES, bytes_to_text

ParseFn = Callable[..., Report]
PARSER_CRASHED = "parser crashed"


@dataclass(frozen=True, slots=True)
class Source:
    """One input file of a corpus: its path relative to the raw folder (posix), its report id, its origin."""

    path: str
    report_id: str
    synthetic: bool = False

    @property
    def suffix(self) -> str:
        """The file's suffix, lower case (``""`` when it has none)."""
        return PurePosixPath(self.path).suffix.lower()


def sha256(data: bytes) -> str:
    """Hex SHA-256 of a file's bytes: its identity for provenance, the cache and duplicate detection."""
    return hashlib.sha256(data).hexdigest()


def _provenance(source: Source, digest: str | None) -> dict:
    return {"path": source.path, "sha256": digest, "synthetic": source.synthetic}


def ingest(data: bytes, source: Source, parse: ParseFn) -> Report:
    """Read and parse one file's bytes into a report with its provenance; failures become error reports.

    Args:
        data: The file's bytes.
        source: Where the bytes come from (named in messages, stored as provenance).
        parse: ``parse(text, report_id=...) -> Report``, normally ``helpers.parse_report``.
    """
    digest = sha256(data)
    provenance = _provenance(source, digest)
    if source.suffix not in REPORT_SUFFIXES:
        expected = ", ".join(s for s in REPORT_SUFFIXES if s)
        return Report.failed(source.report_id, f"{source.path}: unsupported file type {source.suffix!r} "
                                                f"(reports are read from {expected})", **provenance)
    try:
        text = bytes_to_text(data, name=source.path, suffix=source.suffix)
    except ReadError as exc:
        return Report.failed(source.report_id, str(exc), **provenance)
    try:
        report = parse(text, report_id=source.report_id)
    except NotAReportError as exc:
        return Report.failed(source.report_id, f"{source.path}: not a report: {exc}", **provenance)
    except ReportError as exc:
        return Report.failed(source.report_id, f"{source.path}: {exc}", **provenance)
    except Exception as exc:  # a parser bug on one file must not stop the batch; the row says what broke
        crash = f"{source.path}: {PARSER_CRASHED}: {type(exc).__name__}: {exc}"
        return Report.failed(source.report_id, crash, **provenance)
    if not isinstance(report, Report):
        return Report.failed(source.report_id, f"{source.path}: {PARSER_CRASHED}: it returned "
                                                f"{type(report).__name__}, not a Report", **provenance)
    return report.with_provenance(report_id=source.report_id, **provenance)


def failed_before_reading(source: Source, error: str) -> Report:
    """An error report for a file that was never read (too large, unreadable), so it has no hash."""
    return Report.failed(source.report_id, error, **_provenance(source, None))
