"""The Dask engine: the same chunks mapped with dask.bag on a LocalCluster give the local engine's tables."""

import shutil
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from helpers import __main__ as cli  # noqa: E402
from helpers import parse_report  # noqa: E402
from helpers.build import engines
from helpers.build.cache import ParseCache  # noqa: E402
from helpers.build.corpus import build  # noqa: E402
from helpers.build.engines import DaskEngine, LocalEngine, make_engine  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
CONFORMANCE = ROOT / "tests" / "data" / "conformance"
SAMPLE = ROOT / "data" / "raw" / "000_ce1fad4af3d1fbde.txt"


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as local:
        yield local


@pytest.fixture
def raw(tmp_path):
    root = tmp_path / "raw"
    (root / "conformance").mkdir(parents=True)
    for path in sorted(CONFORMANCE.glob("[0-2]*.txt"))[:12]:
        shutil.copy(path, root / "conformance" / path.name)
    shutil.copy(SAMPLE, root / SAMPLE.name)
    (root / "copy_of_sample.txt").write_bytes(SAMPLE.read_bytes())  # a duplicate
    (root / "empty.txt").write_bytes(b"")  # an error row
    (root / "huge.txt").write_bytes(b"x" * 20_000)  # over the size limit below
    return root


def _outputs(directory):
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(engines, "MIN_CHUNK_SIZE", 4)  # several partitions even for a small corpus
    monkeypatch.setattr(engines, "MAX_CHUNK_SIZE", 4)


def test_dask_build_equals_local_build(raw, tmp_path, cluster, small_chunks):
    local = build(raw, tmp_path / "local", jobs=1, progress=False, max_bytes=10_000)
    dask = build(raw, tmp_path / "dask", progress=False, max_bytes=10_000, engine="dask",
                 scheduler=cluster.scheduler_address)
    assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "local")
    assert dask.summary().replace(str(tmp_path / "dask"), str(tmp_path / "local")) == local.summary()
    assert (dask.n_files, dask.parsed, dask.duplicates, dask.failed) == (16, 15, 1, 2)


def test_dask_build_uses_and_prunes_the_parse_cache(raw, tmp_path, cluster, small_chunks):
    out = tmp_path / "out"
    build(raw, out, progress=False, engine="dask", scheduler=cluster.scheduler_address)
    before = _outputs(out)
    (raw / "empty.txt").unlink()
    again = build(raw, out, progress=False, engine="dask", scheduler=cluster.scheduler_address)
    assert (again.parsed, again.from_cache) == (0, 15)
    assert len(ParseCache(out / ".cache", parse_report).keys()) == 15
    assert _outputs(out)["figures.parquet"] == before["figures.parquet"]


def test_cli_engine_dask_with_a_scheduler_address(raw, tmp_path, cluster, capsys):
    code = cli.main(["build", str(raw), str(tmp_path / "out"), "-q", "--engine", "dask",
                     "--scheduler", cluster.scheduler_address, "--max-mb", "0.01"])
    assert code == 1  # the empty and the huge file fail
    assert (tmp_path / "out" / "figures.parquet").exists()


def test_engines_by_name():
    assert isinstance(make_engine("local", jobs=3), LocalEngine)
    engine = make_engine("dask", scheduler="tcp://127.0.0.1:8786")
    assert isinstance(engine, DaskEngine) and engine.scheduler == "tcp://127.0.0.1:8786"
    with pytest.raises(ValueError, match="unknown engine"):
        make_engine("spark")
    with pytest.raises(ValueError, match="needs --engine dask"):
        make_engine("local", scheduler="tcp://127.0.0.1:8786")


def test_cli_refuses_a_scheduler_without_the_dask_engine(raw, tmp_path):
    assert cli.main(["build", str(raw), str(tmp_path / "out"), "-q", "--scheduler", "tcp://x:1"]) == 2


def test_dask_engine_starts_and_stops_its_own_local_cluster(raw, tmp_path):
    local = build(raw, tmp_path / "local", jobs=1, progress=False, use_cache=False)
    dask = build(raw, tmp_path / "dask", jobs=1, progress=False, use_cache=False, engine="dask")
    assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "local")
    assert dask.parsed == local.parsed == 16
