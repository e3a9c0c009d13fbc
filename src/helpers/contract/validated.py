"""Which table files have passed their pandera schema, so each version of a table is validated once.

``analysis.load_tables`` validates every table it reads against ``schemas.py``. The notebooks of a run (and
every later run on the same tables) read the same bytes, so the result is recorded beside the tables in
``.validated.json``: the SHA-256 of each Parquet file that passed, and a digest of the schema sources
(``schemas.py`` and ``vocab.py``) it passed against. A table whose bytes and schemas match the record is
not validated again (and pandera is not even imported); any change to the file or to the contract means
validating it afresh. This module imports nothing heavy, so checking the record costs only the hashing.

The record is a cache: deleting it costs one validation per table, and a folder that cannot be written to
simply gets no record.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from functools import cache
from pathlib import Path

logger = logging.getLogger(__name__)

RECORD = ".validated.json"
"""The record's file name, in the folder of the tables."""

_CONTRACT_SOURCES = ("schemas.py", "vocab.py")


@cache
def schema_digest() -> str:
    """SHA-256 of the schema sources (``schemas.py``, ``vocab.py``): a table passed against these."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in _CONTRACT_SOURCES:
        digest.update(name.encode() + b"\0" + (here / name).read_bytes() + b"\0")
    return digest.hexdigest()


def file_digest(data: bytes) -> str:
    """SHA-256 of a table file's bytes."""
    return hashlib.sha256(data).hexdigest()


def passed(directory: Path | str) -> dict[str, str]:
    """Table name -> SHA-256 of the file that passed, for the current schemas ({} without a valid record)."""
    try:
        record = json.loads((Path(directory) / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(record, dict) or record.get("schemas") != schema_digest():
        return {}
    tables = record.get("tables")
    return {str(k): str(v) for k, v in tables.items()} if isinstance(tables, dict) else {}


def record(directory: Path | str, digests: dict[str, str]) -> bool:
    """Add tables that passed (name -> SHA-256 of the file) to the record; False if it cannot be written.

    The record is replaced whole (a temporary file renamed over it), so a reader never sees half of it;
    two processes recording at once may lose one's entries, which only costs a validation later.
    """
    directory = Path(directory)
    tables = {**passed(directory), **digests}
    text = json.dumps({"schemas": schema_digest(), "tables": dict(sorted(tables.items()))}, indent=1)
    try:
        handle, temp = tempfile.mkstemp(prefix=".validated-", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text + "\n")
            os.replace(temp, directory / RECORD)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as error:
        logger.debug("no record of validated tables in %s: %s", directory, error)
        return False
    return True
