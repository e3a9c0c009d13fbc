"""Writing tables (deterministic, atomic) and the parse cache of a corpus build."""

import datetime as dt
import io
import pickle
import zlib

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from helpers.build import cache as cache_module
from helpers.build import store
from helpers.build.cache import ParseCache, source_digest
from helpers.build.ingest import Source
from helpers.build.tables import build_tables
from helpers.contract.report import Figure, Report


def _report(report_id="r1", value=11, sentence="11 عملية في دير الزور"):
    figure = Figure(zone="sdf_areas", level="total", measure="operations", group="all", value=value,
                    sentence=sentence, start=0, end=2)
    return Report(report_id, month=112, period_start=dt.date(2023, 10, 29), period_end=dt.date(2023, 11, 28),
                  period_kind="caliphate_month", figures=(figure,), path=f"{report_id}.txt", sha256="ab" * 32)


@pytest.fixture
def tables():
    failed = Report.failed("bad", "bad.txt: empty file (0 bytes)", path="bad.txt")
    return build_tables([_report("r1"), _report("r2", 4), failed])


def test_parquet_is_deterministic_and_round_trips(tables):
    first = store.parquet_bytes(tables.figures)
    assert first == store.parquet_bytes(tables.figures.copy())
    back = pd.read_parquet(io.BytesIO(first))
    assert_frame_equal(back, tables.figures)


def test_parquet_keeps_nullable_types_of_an_empty_table(tables):
    back = pd.read_parquet(io.BytesIO(store.parquet_bytes(tables.events)))
    assert list(back.columns) == list(tables.events.columns)
    assert back.empty


def test_csv_is_utf8_with_arabic_intact_and_plain_dates(tables):
    text = store.csv_bytes(tables.figures).decode("utf-8")
    assert "11 عملية في دير الزور" in text
    assert "2023-10-29" in text and "00:00:00" not in text
    assert "\r" not in text
    assert not text.startswith("\ufeff")
    back = pd.read_csv(io.StringIO(text))
    assert back["value"].tolist() == [11, 4]


def test_unknown_format_is_refused(tables):
    with pytest.raises(ValueError, match="unknown table format 'xlsx'"):
        store.serialise(tables.figures, "xlsx")


def test_write_tables_writes_both_formats_and_skips_unchanged_files(tmp_path, tables):
    written = store.write_tables(tables.items(), tmp_path)
    names = sorted(p.name for p in written)
    tables_ = ("figures", "reports", "checks", "events", "unexplained")
    assert names == sorted(f"{t}.{f}" for t in tables_ for f in store.FORMATS)
    stamps = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    assert store.write_tables(tables.items(), tmp_path) == []
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == stamps
    assert not list(tmp_path.glob(".*.tmp"))


def test_written_files_are_not_private(tmp_path):
    store.write_atomic(tmp_path / "t.csv", b"a\n")
    assert (tmp_path / "t.csv").stat().st_mode & 0o044  # readable by others under the usual umask


def _snapshot(directory):
    return {p.name: p.read_bytes() for p in directory.iterdir()}


def test_interruption_while_staging_leaves_every_old_file(tmp_path, tables, monkeypatch):
    store.write_tables(tables.items(), tmp_path)
    before = _snapshot(tmp_path)
    newer = build_tables([_report("r1", 99), _report("r3", 5)])
    real_fsync, calls = store.os.fsync, []

    def interrupted(fd):  # the third file is killed after part of it reached the disk
        calls.append(fd)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real_fsync(fd)

    monkeypatch.setattr(store.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.write_tables(newer.items(), tmp_path)
    assert _snapshot(tmp_path) == before  # no half-written table, no temporary file left behind


def test_interruption_while_renaming_leaves_each_file_old_or_new(tmp_path, tables, monkeypatch):
    store.write_tables(tables.items(), tmp_path)
    before = _snapshot(tmp_path)
    newer = build_tables([_report("r1", 99), _report("r3", 5)])
    after = {f"{name}.{fmt}": store.serialise(frame, fmt)
             for name, frame in newer.items() for fmt in store.FORMATS}
    real_replace, calls = store.os.replace, []

    def interrupted(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_replace(src, dst)

    monkeypatch.setattr(store.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.write_tables(newer.items(), tmp_path)
    now = _snapshot(tmp_path)
    assert set(now) == set(before)
    assert all(now[name] in (before[name], after[name]) for name in now)
    assert sum(now[name] == after[name] != before[name] for name in now) == 1


# --------------------------------------------------------------------------------------------- cache


def fake_parse(text, report_id="report"):
    return _report(report_id)


def other_parse(text, report_id="report"):
    return _report(report_id, 1)


SOURCE = Source("sub/r1.txt", "r1")


def test_cache_round_trip_and_prune(tmp_path):
    cache = ParseCache(tmp_path, fake_parse, version="v1")
    key = cache.key("ab" * 32, SOURCE)
    assert cache.get(key) is None
    cache.put(key, _report("r1"))
    assert cache.get(key) == _report("r1")  # before the flush too
    assert ParseCache(tmp_path, fake_parse, version="v1").get(key) is None
    cache.flush()
    assert ParseCache(tmp_path, fake_parse, version="v1").get(key) == _report("r1")
    stale = ParseCache(tmp_path, fake_parse, version="v2")
    assert stale.get(stale.key("ab" * 32, SOURCE)) is None
    assert stale.prune() == 1
    assert not list(tmp_path.iterdir())


def _cache_of(tmp_path, n: int) -> tuple[ParseCache, list[str]]:
    """A cache holding ``n`` reports in one pack, and their keys."""
    cache = ParseCache(tmp_path, fake_parse, version="v1")
    keys = [cache.key(f"{i:064x}", Source(f"r{i}.txt", f"r{i}")) for i in range(n)]
    for i, key in enumerate(keys):
        cache.put(key, _report(f"r{i}"))
    cache.flush()
    return cache, keys


def test_a_chunk_of_new_parses_is_one_file(tmp_path):
    cache, keys = _cache_of(tmp_path, 50)
    assert len(list(tmp_path.iterdir())) == 1
    assert cache.keys() == set(keys)
    fresh = ParseCache(tmp_path, fake_parse, version="v1")
    assert [fresh.get(k).report_id for k in keys] == [f"r{i}" for i in range(50)]


def test_prune_keeps_used_packs_rewrites_partly_stale_ones_and_drops_unused_ones(tmp_path):
    _cache_of(tmp_path, 10)
    user = ParseCache(tmp_path, fake_parse, version="v1")
    keys = sorted(user.keys())
    user.used.update(keys)
    assert user.prune() == 0 and user.keys() == set(keys)
    few = ParseCache(tmp_path, fake_parse, version="v1")
    few.used.update(keys[:3])  # 3 of 10 used: rewritten with those 3 only
    assert few.prune() == 7
    assert few.keys() == set(keys[:3]) and len(list(tmp_path.iterdir())) == 1
    again = ParseCache(tmp_path, fake_parse, version="v1")
    assert all(isinstance(again.get(k), Report) for k in keys[:3])
    assert again.get(keys[5]) is None
    none = ParseCache(tmp_path, fake_parse, version="v1")
    assert none.prune() == 3 and not list(tmp_path.iterdir())


def test_prune_removes_leftovers_of_killed_builds_and_older_layouts(tmp_path):
    cache, keys = _cache_of(tmp_path, 2)
    (tmp_path / ".tmp-0123.pack").write_bytes(b"half a pack")
    (tmp_path / f"{keys[0]}.pkl").write_bytes(pickle.dumps(_report("old")))
    cache.used.update(keys)
    assert cache.prune() == 0
    assert [p.suffix for p in tmp_path.iterdir()] == [".pack"]


@pytest.mark.parametrize("change", ["bytes", "path", "report_id", "synthetic", "version", "parse"])
def test_cache_key_changes_with_anything_that_changes_the_report(tmp_path, change):
    base = ParseCache(tmp_path, fake_parse, version="v1").key("ab" * 32, SOURCE)
    cache = ParseCache(tmp_path, other_parse if change == "parse" else fake_parse,
                       version="v2" if change == "version" else "v1")
    digest = "cd" * 32 if change == "bytes" else "ab" * 32
    source = Source("other/r1.txt" if change == "path" else SOURCE.path,
                    "r9" if change == "report_id" else "r1", change == "synthetic")
    assert cache.key(digest, source) != base


def test_corrupt_or_foreign_cache_entries_are_misses(tmp_path):
    cache = ParseCache(tmp_path, fake_parse, version="v1")
    broken, foreign, garbled = (cache.key(c * 32, SOURCE) for c in ("aa", "bb", "cc"))
    (tmp_path / "not-a-pack.pack").write_bytes(b"not a pickle")
    with (tmp_path / "foreign.pack").open("wb") as stream:
        pickle.dump((cache_module.FORMAT, (foreign, garbled)), stream)
        pickle.dump({foreign: zlib.compress(pickle.dumps({"not": "a report"})), garbled: b"garbled"}, stream)
    cache = ParseCache(tmp_path, fake_parse, version="v1")
    assert cache.get(broken) is None
    assert cache.get(foreign) is None
    assert cache.get(garbled) is None


def test_source_digest_follows_parser_files_but_not_downstream_ones(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "extract").mkdir()
    (tmp_path / "extract" / "engine.py").write_text("A = 1\n")
    (tmp_path / "data" / "lexicon.toml").write_text("x = 1\n")
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "tables.py").write_text("T = 1\n")
    first = source_digest(tmp_path)
    (tmp_path / "build" / "tables.py").write_text("T = 2\n")
    (tmp_path / "synth").mkdir()
    (tmp_path / "synth" / "truth.py").write_text("S = 1\n")
    (tmp_path / "data" / "synth_wording.toml").write_text("w = 1\n")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "extract" / "__pycache__").mkdir()
    (tmp_path / "extract" / "__pycache__" / "engine.cpython-311.pyc").write_bytes(b"\x00")
    assert source_digest(tmp_path) == first
    (tmp_path / "data" / "lexicon.toml").write_text("x = 2\n")
    assert source_digest(tmp_path) != first


@pytest.mark.parametrize(("relative", "downstream"), [
    ("build/tables.py", True), ("__main__.py", True), ("synth/truth.py", True), ("data/synth_numbers.toml", True),
    ("run/runner.py", True), ("analysis/plots.py", True), ("extract/engine.py", False),
    ("extract/en/annotate.py", False), ("check/validate.py", False), ("text/normalize.py", False),
    ("contract/report.py", False), ("data/lexicon_ar.toml", False), ("extractor.py", True),
])
def test_is_downstream(relative, downstream):
    assert cache_module.is_downstream(relative) is downstream


def test_parser_version_names_the_package_version():
    import helpers

    assert cache_module.parser_version().startswith(f"{helpers.__version__}-{cache_module.FORMAT}-")


def test_a_file_written_without_durability_is_not_synced_but_still_atomic(tmp_path, monkeypatch):
    def no_fsync(fd):
        raise AssertionError("fsync called")

    monkeypatch.setattr(store.os, "fsync", no_fsync)
    assert store.write_atomic(tmp_path / "entry.pkl", b"abc", durable=False)
    assert (tmp_path / "entry.pkl").read_bytes() == b"abc"
    assert not list(tmp_path.glob(".*.tmp"))
