"""A DataFrame packed as compressed Arrow IPC bytes: how a chunk's tables travel and wait during a build.

A chunk's figures pickled as a DataFrame take about 11 KB a report (each figure repeats its sentence); as
zstd-compressed Arrow they take a twentieth of that, and the building process only unpacks the rows it keeps
(duplicates are dropped in Arrow, before pandas sees them). The round trip is exact: dtypes and values.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

_OPTIONS = pa.ipc.IpcWriteOptions(compression="zstd")


@dataclass(frozen=True)
class PackedFrame:
    """A frame's rows as compressed Arrow IPC bytes, with the values of its key column for filtering.

    Attributes:
        data: The Arrow IPC stream (schema with pandas metadata, then the rows).
        n_rows: How many rows it holds.
        keys: The distinct values of the ``key`` column (which reports the rows belong to).
        key: The column ``unpack`` can drop rows by.
    """

    data: bytes
    n_rows: int
    keys: frozenset[str]
    key: str = "report_id"

    @classmethod
    def pack(cls, frame: pd.DataFrame, key: str = "report_id") -> PackedFrame:
        """Pack a frame (its index is not kept: the tables have a plain range index)."""
        table = pa.Table.from_pandas(frame, preserve_index=False)
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema, options=_OPTIONS) as writer:
            writer.write_table(table)
        keys = frozenset(frame[key].dropna().unique().tolist()) if len(frame) else frozenset()
        return cls(sink.getvalue().to_pybytes(), len(frame), keys, key)

    def table(self, drop: Set[str] = frozenset()) -> pa.Table:
        """The rows as an Arrow table, without those whose key is in ``drop``."""
        table = pa.ipc.open_stream(self.data).read_all()
        dropped = [k for k in self.keys if k in drop]
        if dropped:
            table = table.filter(pc.invert(pc.is_in(table[self.key], value_set=pa.array(dropped))))
        return table

    def unpack(self, drop: Set[str] = frozenset()) -> pd.DataFrame:
        """The frame, exactly as packed, without the rows whose key is in ``drop``."""
        return self.table(drop).to_pandas()


def unpack_all(packed: Sequence[PackedFrame], empty: pd.DataFrame,
               drop: Set[str] = frozenset()) -> pd.DataFrame:
    """The packed frames as one frame in order, without the rows whose key is in ``drop`` (``empty`` if none).

    The tables are concatenated in Arrow and converted to pandas once.
    """
    kept = (p for p in packed if p.n_rows and not all(k in drop for k in p.keys))
    tables = [t for t in (p.table(drop) for p in kept) if t.num_rows]
    if not tables:
        return empty
    return pa.concat_tables(tables).to_pandas()
