"""A folder of hand annotations -> validated frames (the format of docs/EVALUATE.md).

``TRUTH_DIR/<report_id>.csv`` lists the figures a researcher read in one report, in the vocabulary of
the ``figures`` table: ``zone, level, admin1, measure, group, subgroup, perpetrator, value, qualifier,
scope`` and an optional free-text ``note``. An optional sources file (``TRUTH_DIR/sources.csv`` or one
named elsewhere) says which reports to score and how: ``id`` and, each optional, ``category``, ``month``
and ``month_in_text``.

Everything is checked before anything is scored: a file that cannot be read, a row with the wrong number of
fields, a value outside the contract's vocabulary or a sources row without its annotation file raises
``AnnotationError`` naming the file, the line and (for a vocabulary) the allowed values.
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.contract import vocab

__all__ = ["AnnotationError", "COLUMNS", "DEFAULT_CATEGORY", "SOURCES_FILE", "Truth", "read_annotation",
           "read_sources", "read_truth"]

logger = logging.getLogger(__name__)

COLUMNS = ("zone", "level", "admin1", "measure", "group", "subgroup", "perpetrator", "value", "qualifier",
           "scope")
"""The columns every annotation file has (``note`` may follow; other columns are ignored)."""

OPTIONAL_COLUMNS = ("note",)
SOURCES_FILE = "sources.csv"
"""The sources file's name inside TRUTH_DIR (so no report can be called ``sources``)."""
DEFAULT_CATEGORY = "all"

_VOCABULARIES: Mapping[str, tuple[str, ...]] = {
    "zone": vocab.ZONES,
    "level": vocab.LEVELS,
    "admin1": vocab.ADMIN1,
    "measure": vocab.MEASURES,
    "group": vocab.GROUPS,
    "subgroup": vocab.SUBGROUPS,
    "perpetrator": vocab.PERPETRATORS,
    "qualifier": vocab.QUALIFIERS,
    "scope": vocab.SCOPES,
}
_MAY_BE_EMPTY = frozenset({"admin1", "subgroup", "perpetrator"})
_MONTH_IN_TEXT = ("yes", "no", "")
_INTEGER = re.compile(r"[0-9]+")


class AnnotationError(ValueError):
    """An annotation or sources file that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class Truth:
    """A validated folder of annotations.

    Attributes:
        annotations: Report id -> its annotated figures: the ``COLUMNS`` and ``note`` as strings (empty
            where the file leaves a cell empty), plus ``line``, the row's line in its file.
        sources: One row per report to score, in order: ``id``, ``category``, ``month`` (string, empty when
            none) and ``month_in_text`` (``yes``, ``no`` or empty).
        month_scored: Whether the sources say which reports state a month (else months are not scored).
        files: Report id -> the annotation file it was read from.
    """

    annotations: Mapping[str, pd.DataFrame]
    sources: pd.DataFrame
    month_scored: bool
    files: Mapping[str, Path]


def _rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """A CSV file's header and its non-blank rows with their line numbers (UTF-8, with or without BOM)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            reader = csv.reader(stream, strict=True)
            header = next(reader, None)
            rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    except UnicodeDecodeError as exc:
        raise AnnotationError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except csv.Error as exc:
        raise AnnotationError(f"{path}: line {reader.line_num}: malformed CSV ({exc})") from None
    except OSError as exc:
        raise AnnotationError(f"{path}: cannot read it ({exc.strerror})") from None
    if not header or not any(cell.strip() for cell in header):
        raise AnnotationError(f"{path}: empty file; the first line must name the columns "
                              f"{', '.join(COLUMNS)}[, note]")
    return [cell.strip() for cell in header], rows


def _records(path: Path, required: tuple[str, ...], optional: tuple[str, ...]
             ) -> tuple[list[str], list[dict]]:
    """A CSV's header and its rows as dicts of the required and optional columns (stripped) and ``line``."""
    header, rows = _rows(path)
    missing = [c for c in required if c not in header]
    if missing:
        raise AnnotationError(f"{path}: line 1: missing column{'s' if len(missing) > 1 else ''} "
                              f"{', '.join(missing)} (the header is: {', '.join(header)})")
    duplicated = sorted({c for c in header if c and header.count(c) > 1})
    if duplicated:
        raise AnnotationError(f"{path}: line 1: column {', '.join(duplicated)} named twice")
    records = []
    for line, row in rows:
        if len(row) != len(header):
            raise AnnotationError(f"{path}: line {line}: {len(row)} fields, but the header names "
                                  f"{len(header)} (a comma inside a value needs double quotes)")
        cells = dict(zip(header, row, strict=True))
        records.append({"line": line, **{c: cells.get(c, "").strip() for c in (*required, *optional)}})
    return header, records


def _check_annotation(path: Path, record: dict[str, str]) -> None:
    where = f"{path}: line {record['line']}"
    for column, allowed in _VOCABULARIES.items():
        value = record[column]
        if value == "" and column in _MAY_BE_EMPTY:
            continue
        if value not in allowed:
            shown = "empty" if value == "" else repr(value)
            extra = " or empty" if column in _MAY_BE_EMPTY else ""
            raise AnnotationError(f"{where}: {column} is {shown}; allowed: {', '.join(allowed)}{extra}")
    if not _INTEGER.fullmatch(record["value"]):
        raise AnnotationError(f"{where}: value is {record['value']!r}; expected a whole number written in "
                              f"digits (0, 1, 2 ...)")


def read_annotation(path: str | Path) -> pd.DataFrame:
    """Read and check one annotation file.

    Args:
        path: ``<report_id>.csv`` with the ``COLUMNS`` (and optionally ``note``).

    Returns:
        One row per annotated figure: the columns as stripped strings (empty for an empty cell) and ``line``.

    Raises:
        AnnotationError: The file is unreadable, malformed, or a value is outside the vocabulary.
    """
    path = Path(path)
    _, records = _records(path, COLUMNS, OPTIONAL_COLUMNS)
    for record in records:
        _check_annotation(path, record)
    frame = pd.DataFrame(records, columns=["line", *COLUMNS, *OPTIONAL_COLUMNS])
    return frame.astype({"line": "int64"})


def read_sources(path: str | Path) -> tuple[pd.DataFrame, bool]:
    """Read and check a sources file.

    Args:
        path: A CSV with an ``id`` column and optionally ``category``, ``month`` and ``month_in_text``
            (other columns are ignored).

    Returns:
        The rows (``id``, ``category``, ``month``, ``month_in_text``; ``category`` defaults to ``all``) and
        whether months are scored (the file has a ``month`` or ``month_in_text`` column). Without a
        ``month_in_text`` column, a report with a month is taken to state it and one without to state none.

    Raises:
        AnnotationError: The file is unreadable or malformed, an id repeats, a month is not a whole number,
            ``month_in_text`` is not ``yes``/``no``/empty, or ``yes`` comes without a month.
    """
    path = Path(path)
    header, records = _records(path, ("id",), ("category", "month", "month_in_text"))
    month_scored = "month" in header or "month_in_text" in header
    seen: dict[str, int] = {}
    for record in records:
        where = f"{path}: line {record['line']}"
        if not record["id"]:
            raise AnnotationError(f"{where}: empty id")
        if record["id"] in seen:
            raise AnnotationError(f"{where}: id {record['id']!r} repeats line {seen[record['id']]}")
        seen[record["id"]] = record["line"]
        record["category"] = record["category"] or DEFAULT_CATEGORY
        if record["month"] and not _INTEGER.fullmatch(record["month"]):
            raise AnnotationError(f"{where}: month is {record['month']!r}; expected a caliphate month number")
        if "month_in_text" not in header:
            record["month_in_text"] = "yes" if record["month"] else "no"
        if record["month_in_text"] not in _MONTH_IN_TEXT:
            raise AnnotationError(f"{where}: month_in_text is {record['month_in_text']!r}; allowed: yes, no "
                                  f"or empty")
        if record["month_in_text"] == "yes" and not record["month"]:
            raise AnnotationError(f"{where}: month_in_text is yes but the month is empty")
    frame = pd.DataFrame(records, columns=["line", "id", "category", "month", "month_in_text"])
    return frame.drop(columns="line"), month_scored


def read_truth(truth_dir: str | Path, sources: str | Path | None = None) -> Truth:
    """Read and check a folder of annotations and its sources file.

    Args:
        truth_dir: Folder of ``<report_id>.csv`` annotation files.
        sources: The sources file; None for ``truth_dir/sources.csv`` when it exists. Without one, every
            annotation file is scored, in report id order, in category ``all``, and months are not scored.

    Returns:
        The validated annotations.

    Raises:
        AnnotationError: ``truth_dir`` or ``sources`` does not exist, a file is bad (see ``read_annotation``
            and ``read_sources``), a sources row has no annotation file or an annotation file no sources row.
    """
    truth_dir = Path(truth_dir)
    if not truth_dir.is_dir():
        raise AnnotationError(f"{truth_dir}: no such folder of annotations")
    if sources is None and (truth_dir / SOURCES_FILE).is_file():
        sources = truth_dir / SOURCES_FILE
    files = {p.stem: p for p in sorted(truth_dir.glob("*.csv"))
             if p.is_file() and not (sources is not None and p.resolve() == Path(sources).resolve())
             and p.name != SOURCES_FILE}
    if sources is None:
        table = pd.DataFrame({"id": list(files), "category": DEFAULT_CATEGORY, "month": "",
                              "month_in_text": ""}, columns=["id", "category", "month", "month_in_text"])
        month_scored = False
    else:
        if not Path(sources).is_file():
            raise AnnotationError(f"{sources}: no such sources file")
        table, month_scored = read_sources(sources)
        unannotated = [i for i in table["id"] if i not in files]
        if unannotated:
            first = truth_dir / f"{unannotated[0]}.csv"
            raise AnnotationError(f"{sources}: no annotation file in {truth_dir} for "
                                  f"{', '.join(unannotated)} (expected {first})")
        unlisted = sorted(set(files) - set(table["id"]))
        if unlisted:
            raise AnnotationError(f"{sources}: no row for the annotation file"
                                  f"{'s' if len(unlisted) > 1 else ''} "
                                  f"{', '.join(files[i].name for i in unlisted)} in {truth_dir}")
    if table.empty:
        raise AnnotationError(f"{truth_dir}: no annotation files (<report_id>.csv)")
    annotations = {report_id: read_annotation(files[report_id]) for report_id in table["id"]}
    logger.info("read %d annotated figures of %d reports from %s",
                sum(len(a) for a in annotations.values()), len(annotations), truth_dir)
    return Truth(annotations=annotations, sources=table.reset_index(drop=True), month_scored=month_scored,
                 files={report_id: files[report_id] for report_id in table["id"]})
