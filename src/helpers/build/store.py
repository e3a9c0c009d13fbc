"""Tables -> Parquet and CSV files, written atomically and byte for byte reproducibly.

Every file is first written whole to a temporary file beside its target and then renamed over it, so an
interrupted run leaves each table either as it was or complete, never half written. All files of a build
are staged before the first rename, and a file whose bytes would not change is not touched at all. Tables
are streamed into their temporary files, so a large table is never held in memory a second time as bytes.
"""

from __future__ import annotations

import io
import logging
import os
import tempfile
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import BinaryIO

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from helpers.interrupt import deferred

logger = logging.getLogger(__name__)

FORMATS = ("parquet", "csv")


def write_parquet(frame: pd.DataFrame, stream: BinaryIO) -> None:
    """Write the frame as Parquet: no index, no timestamps, so the same frame always gives the same bytes."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(table, stream, compression="zstd", use_dictionary=True, write_statistics=True)


def write_csv(frame: pd.DataFrame, stream: BinaryIO) -> None:
    """Write the frame as CSV in UTF-8 (Arabic intact, no BOM), Unix line ends, dates as ``YYYY-MM-DD``.

    Moments in UTC (``reports.retrieved_at``) keep their time: ``2026-12-07T09:30:00Z``.
    """
    moments = [name for name, dtype in frame.dtypes.items() if isinstance(dtype, pd.DatetimeTZDtype)]
    if moments:
        frame = frame.assign(**{name: frame[name].dt.tz_convert("UTC").dt.strftime("%Y-%m-%dT%H:%M:%SZ")
                                for name in moments})
    frame.to_csv(stream, index=False, lineterminator="\n", date_format="%Y-%m-%d", encoding="utf-8")


_WRITERS: dict[str, Callable[[pd.DataFrame, BinaryIO], None]] = {"parquet": write_parquet, "csv": write_csv}


def write_frame(frame: pd.DataFrame, fmt: str, stream: BinaryIO) -> None:
    """Write the frame to a binary stream in one of ``FORMATS`` (the stream last, for ``partial``)."""
    try:
        writer = _WRITERS[fmt]
    except KeyError:
        raise ValueError(f"unknown table format {fmt!r}; expected one of {FORMATS}") from None
    writer(frame, stream)


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as Parquet: no index, no timestamps, so the same frame always gives the same bytes."""
    return serialise(frame, "parquet")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as CSV in UTF-8 (Arabic intact, no BOM), Unix line ends, dates as ``YYYY-MM-DD``."""
    return serialise(frame, "csv")


def serialise(frame: pd.DataFrame, fmt: str) -> bytes:
    """The frame in one of ``FORMATS``."""
    sink = io.BytesIO()
    write_frame(frame, fmt, sink)
    return sink.getvalue()


def _file_mode() -> int:
    """Permissions of a newly created file under the current umask (mkstemp would make it private)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_temp(directory: Path, name: str, write: Callable[[BinaryIO], None],
                unless_same_as: Path | None = None, durable: bool = True) -> Path | None:
    """Write a new hidden temporary file in ``directory`` and flush it to disk.

    Args:
        directory: Where the temporary file goes (beside its target, so the rename is atomic).
        name: The target's name, part of the temporary file's name.
        write: Writes the content to a binary stream.
        unless_same_as: A file to compare with: if the new content is the same, the temporary file is
            removed and None returned.
        durable: Wait until the bytes are on the disk (``fsync``). Without it the rename is still atomic
            for other processes and after a killed run, but a power cut may leave an empty file.
    """
    handle, temp = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w+b") as stream:
            write(stream)
            stream.flush()
            if unless_same_as is not None and _same_content(stream, unless_same_as):
                Path(temp).unlink()
                return None
            if durable:
                os.fsync(stream.fileno())
        os.chmod(temp, _file_mode())
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return Path(temp)


def _same_content(stream: BinaryIO, target: Path, block: int = 1 << 20) -> bool:
    """Whether the bytes written to ``stream`` are those of ``target`` (read block by block)."""
    try:
        if os.fstat(stream.fileno()).st_size != target.stat().st_size:
            return False
        stream.seek(0)
        with target.open("rb") as other:
            while True:
                mine, theirs = stream.read(block), other.read(block)
                if mine != theirs:
                    return False
                if not mine:
                    return True
    except OSError:
        return False


def _unchanged(target: Path, data: bytes) -> bool:
    try:
        return target.stat().st_size == len(data) and target.read_bytes() == data
    except OSError:
        return False


def _rename_all(staged: list[tuple[Path, Path]]) -> list[Path]:
    """Rename staged temporary files over their targets, in order; return the targets.

    A SIGINT or SIGTERM arriving meanwhile takes effect after the last rename (``interrupt.deferred``), so a
    stopped build leaves the previous files or the new ones, never a mix.
    """
    written = []
    with deferred():
        while staged:
            temp, target = staged[0]
            os.replace(temp, target)
            staged.pop(0)
            written.append(target)
    return written


def write_files(files: Iterable[tuple[Path, bytes]], *, durable: bool = True) -> list[Path]:
    """Write several files atomically: stage every one, then rename each into place; skip unchanged ones.

    Args:
        files: Targets and their bytes.
        durable: ``fsync`` each file before the renames (see ``_write_temp``); a cache can do without.

    Returns:
        The files whose content changed.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in files:
            if _unchanged(target, data):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = _write_temp(target.parent, target.name, lambda stream, d=data: stream.write(d),
                               durable=durable)
            staged.append((temp, target))
        return _rename_all(staged)
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)


def write_atomic(target: Path, data: bytes, *, durable: bool = True) -> bool:
    """Write one file atomically; return whether its content changed (``durable``: see ``write_files``)."""
    return bool(write_files([(target, data)], durable=durable))


def write_tables(tables: Iterable[tuple[str, pd.DataFrame]], directory: Path) -> list[Path]:
    """Write each named table as ``NAME.parquet`` and ``NAME.csv`` in ``directory``; return changed files.

    Each file is streamed into its temporary file and compared with the file it would replace; all changed
    files are staged before the first is renamed into place.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    n_files = 0
    try:
        for name, frame in tables:
            for fmt in FORMATS:
                target = directory / f"{name}.{fmt}"
                n_files += 1
                temp = _write_temp(directory, target.name, partial(write_frame, frame, fmt),
                                   unless_same_as=target)
                if temp is not None:
                    staged.append((temp, target))
        written = _rename_all(staged)
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
    logger.info("wrote %d of %d table files in %s", len(written), n_files, directory)
    return written
