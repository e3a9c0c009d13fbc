"""Tables -> Parquet and CSV files, written atomically and byte for byte reproducibly.

Every file is first written whole to a temporary file beside its target and then renamed over it, so an
interrupted run leaves each table either as it was or complete, never half written. All files of a build
are staged before the first rename, and a file whose bytes would not change is not touched at all.
"""

from __future__ import annotations

import io
import logging
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

logger = logging.getLogger(__name__)

FORMATS = ("parquet", "csv")


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as Parquet: no index, no timestamps, so the same frame always gives the same bytes."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd", use_dictionary=True, write_statistics=True)
    return sink.getvalue()


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as CSV in UTF-8 (Arabic intact, no BOM), Unix line ends, dates as ``YYYY-MM-DD``."""
    return frame.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d").encode("utf-8")


def serialise(frame: pd.DataFrame, fmt: str) -> bytes:
    """The frame in one of ``FORMATS``."""
    if fmt == "parquet":
        return parquet_bytes(frame)
    if fmt == "csv":
        return csv_bytes(frame)
    raise ValueError(f"unknown table format {fmt!r}; expected one of {FORMATS}")


def _file_mode() -> int:
    """Permissions of a newly created file under the current umask (mkstemp would make it private)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_temp(directory: Path, name: str, data: bytes) -> Path:
    """Write bytes to a new hidden temporary file in ``directory`` and flush them to disk."""
    handle, temp = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, _file_mode())
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return Path(temp)


def _unchanged(target: Path, data: bytes) -> bool:
    try:
        return target.stat().st_size == len(data) and target.read_bytes() == data
    except OSError:
        return False


def write_files(files: Iterable[tuple[Path, bytes]]) -> list[Path]:
    """Write several files atomically: stage every one, then rename each into place; skip unchanged ones.

    Returns:
        The files whose content changed.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in files:
            if _unchanged(target, data):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            staged.append((_write_temp(target.parent, target.name, data), target))
        written = []
        while staged:
            temp, target = staged[0]
            os.replace(temp, target)
            staged.pop(0)
            written.append(target)
        return written
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)


def write_atomic(target: Path, data: bytes) -> bool:
    """Write one file atomically; return whether its content changed."""
    return bool(write_files([(target, data)]))


def write_tables(tables: Iterable[tuple[str, pd.DataFrame]], directory: Path) -> list[Path]:
    """Write each named table as ``NAME.parquet`` and ``NAME.csv`` in ``directory``; return changed files."""
    directory = Path(directory)
    files = [(directory / f"{name}.{fmt}", serialise(frame, fmt))
             for name, frame in tables for fmt in FORMATS]
    written = write_files(files)
    logger.info("wrote %d of %d table files in %s", len(written), len(files), directory)
    return written
