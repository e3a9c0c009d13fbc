"""packed.py: a chunk's tables packed as compressed Arrow come back exactly, minus the dropped reports."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pandas as pd

from helpers import parse_report
from helpers.build.packed import PackedFrame, unpack_all
from helpers.build.tables import checks_table, events_table, figures_table

SAMPLE = Path(__file__).resolve().parents[3] / "data" / "raw" / "000_ce1fad4af3d1fbde.txt"
REPORT = parse_report(SAMPLE.read_text(encoding="utf-8"), report_id="a")


def _copies(*ids: str):
    return [dataclasses.replace(REPORT, report_id=i) for i in ids]


def test_each_table_round_trips_exactly():
    for make in (figures_table, checks_table, events_table):
        frame = make(_copies("a", "b", "c"))
        packed = PackedFrame.pack(frame)
        assert packed.n_rows == len(frame) > 0
        assert packed.keys == {"a", "b", "c"}
        pd.testing.assert_frame_equal(packed.unpack(), frame)


def test_a_chunk_of_figures_packs_far_smaller_than_its_pickle():
    frame = figures_table(_copies(*(f"r{i}" for i in range(100))))
    # pandas 3 pickles each string column whole: 21x smaller packed; pandas 2 pickles object columns, whose
    # strings these copies share and pickle memoises: 3.3x (measured at the pandas floor, 2.1.1, and 2.3.3)
    ratio = 10 if int(pd.__version__.split(".")[0]) >= 3 else 3
    assert len(pickle.dumps(PackedFrame.pack(frame))) * ratio < len(pickle.dumps(frame))


def test_dropped_reports_rows_are_left_out_and_order_is_kept():
    frame = figures_table(_copies("a", "b", "c"))
    kept = PackedFrame.pack(frame).unpack(drop={"b", "zzz"})
    expected = frame[frame["report_id"] != "b"].reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, expected)
    assert list(dict.fromkeys(kept["report_id"])) == ["a", "c"]


def test_unpack_all_concatenates_in_order_like_pandas_concat():
    chunks = [figures_table(_copies("a", "b")), figures_table([]), figures_table(_copies("c"))]
    packed = [PackedFrame.pack(f) for f in chunks]
    expected = pd.concat([chunks[0][chunks[0]["report_id"] != "a"], chunks[2]], ignore_index=True)
    pd.testing.assert_frame_equal(unpack_all(packed, figures_table([]), drop={"a"}), expected)


def test_chunks_whose_optional_columns_are_all_empty_still_concatenate():
    bare = dataclasses.replace(
        REPORT, report_id="x",
        figures=tuple(dataclasses.replace(f, admin1=None, admin1_pcode=None, place_ar=None, group_ar=None,
                                          subgroup=None, since=None) for f in REPORT.figures),
    )
    chunks = [figures_table([bare]), figures_table(_copies("y"))]
    both = unpack_all([PackedFrame.pack(f) for f in chunks], figures_table([]))
    pd.testing.assert_frame_equal(both, pd.concat(chunks, ignore_index=True))
    assert both.loc[both["report_id"] == "x", "admin1"].isna().all()


def test_nothing_kept_gives_the_empty_table():
    empty = figures_table([])
    packed = [PackedFrame.pack(figures_table(_copies("a")))]
    assert unpack_all(packed, empty, drop={"a"}) is empty
    assert unpack_all([], empty) is empty
