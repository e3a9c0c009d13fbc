"""Where the per-file work of a corpus build runs: in this process, in a local process pool, or on Dask.

The unit of work is a chunk of consecutive files (``chunk_size``, in report id order): ``run_chunk`` reads
each file, takes its report from the parse cache or parses it (``ingest``), stores new parses in the cache,
and tabulates the chunk's figures, checks and events (column by column, ``tables.py``). It returns those
frames with a summary of each report, so the process that assembles the tables never holds a parsed report
and the tabulation runs in parallel too. Every engine maps the same function over the same chunks, so the
tables do not depend on the engine or on the number of workers.

Engines:

* ``LocalEngine(jobs)`` — ``jobs == 1``: in this process; otherwise a process pool with a bounded number of
  chunks in flight (memory stays flat however large the corpus). Its workers leave Ctrl-C to the main
  process and stop with it (``helpers.interrupt``).
* ``DaskEngine(scheduler)`` — ``dask.bag`` partitions of files (one partition per chunk) on a Dask cluster:
  a ``LocalCluster`` by default, or the scheduler at the given address. Workers read the files and the
  cache themselves, so on a cluster of several machines ``raw_dir`` and ``processed_dir`` must be on a file
  system every worker mounts at the same path. Needs the ``[dask]`` extra.
"""

from __future__ import annotations

import importlib.util
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from helpers.build.cache import ParseCache
from helpers.build.ingest import PARSER_CRASHED, ParseFn, Source, failed_before_reading, ingest, sha256
from helpers.build.packed import PackedFrame
from helpers.build.tables import checks_table, events_table, figures_table
from helpers.contract.report import Figure, ReadError, Report
from helpers.interrupt import start_workers, worker_init
from helpers.read.reader import check_size

__all__ = ["ChunkResult", "ChunkTask", "DaskEngine", "Engine", "LocalEngine", "chunk_size",
           "chunk_tasks", "make_engine", "run_chunk", "summarise", "tabulate"]

logger = logging.getLogger(__name__)

MIN_CHUNK_SIZE, MAX_CHUNK_SIZE = 64, 1024
CHUNKS_PER_CORPUS = 32
ENGINES = ("local", "dask")

# Stands in for each figure of a summarised report: the figures are already tabulated, only their number
# matters afterwards (duplicate choice, the n_figures column). One shared object, so a summary is small.
_TABULATED = Figure(zone="all", level="total", measure="operations", group="all", value=0)


@dataclass(frozen=True)
class ChunkTask:
    """A chunk of files to read, parse (or take from the cache) and tabulate, with how to do it.

    Attributes:
        raw_dir: The folder the sources' paths are relative to.
        sources: The files, in report id order.
        parse: ``parse(text, report_id=...) -> Report`` (a module-level function, so workers can import it).
        max_bytes: Files larger than this are not read (error row).
        cache_dir: The parse cache's folder, or None to parse every file.
        cache_version: The parser version the cache keys are salted with (computed once by the client).
    """

    raw_dir: str
    sources: tuple[Source, ...]
    parse: ParseFn
    max_bytes: int
    cache_dir: str | None = None
    cache_version: str | None = None


@dataclass(frozen=True)
class ChunkResult:
    """What a chunk gives back: report summaries, its tables (duplicates not yet removed) and counts.

    Attributes:
        reports: One summary per source, in order (``summarise``).
        figures: The chunk's figures table (packed: a twentieth of its pickle, unpacked only if kept).
        checks: The chunk's checks table, packed.
        events: The chunk's events table, packed.
        parsed: Files parsed.
        from_cache: Reports taken from the cache.
        cache_keys: Cache entries read or written (the others are pruned after the build).
    """

    reports: tuple[Report, ...]
    figures: PackedFrame
    checks: PackedFrame
    events: PackedFrame
    parsed: int = 0
    from_cache: int = 0
    cache_keys: tuple[str, ...] = ()


def summarise(report: Report) -> Report:
    """The report with its figures replaced by one shared placeholder each and without its events.

    What duplicate detection and the reports table need (status, period, provenance, the number of figures
    and the unexplained numbers) is kept; the figures and events themselves are in the chunk's tables.
    """
    return replace(report, figures=(_TABULATED,) * len(report.figures), events=())


def _read_source(raw_dir: Path, source: Source, max_bytes: int) -> bytes | Report:
    """A file's bytes, or an error report when it is too large or cannot be opened."""
    path = raw_dir / source.path
    try:
        check_size(path.stat().st_size, name=source.path, max_bytes=max_bytes)
        return path.read_bytes()
    except ReadError as exc:
        return failed_before_reading(source, str(exc))
    except OSError as exc:
        return failed_before_reading(source, f"{source.path}: unreadable: {exc.strerror or exc}")


def _report(task: ChunkTask, source: Source, cache: ParseCache | None) -> tuple[Report, str | None, bool]:
    """One file's report, the cache key it was read from or stored under, and whether it was parsed."""
    data = _read_source(Path(task.raw_dir), source, task.max_bytes)
    if isinstance(data, Report):
        return data, None, False
    key = cache.key(sha256(data), source) if cache is not None else None
    cached = cache.get(key) if cache is not None else None
    if cached is not None:
        return cached, key, False
    report = ingest(data, source, task.parse)
    if cache is not None:
        cache.put(key, report)
    return report, key, True


def _tables(reports: Sequence[Report]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return figures_table(reports), checks_table(reports), events_table(reports)


def _tabulable(report: Report) -> Report:
    """The report, or an error row for it when the tables refuse its figures (a value beyond int64 …)."""
    try:
        _tables([report])
    except Exception as exc:  # a parser bug on one file must not stop the batch; the row says what broke
        message = " ".join(str(exc).split())[:300]
        return Report.failed(report.report_id, f"{report.path}: {PARSER_CRASHED}: the tables refuse its "
                                               f"figures ({type(exc).__name__}: {message})",
                             path=report.path, sha256=report.sha256, synthetic=report.synthetic)
    return report


def tabulate(reports: Sequence[Report]) -> tuple[list[Report], tuple[pd.DataFrame, ...]]:
    """The chunk's figures, checks and events tables; reports the tables refuse become error rows."""
    reports = list(reports)
    try:
        return reports, _tables(reports)
    except Exception:
        logger.debug("a report of the chunk does not tabulate; checking them one by one", exc_info=True)
    reports = [_tabulable(r) for r in reports]
    return reports, _tables(reports)


def run_chunk(task: ChunkTask) -> ChunkResult:
    """Read, parse or fetch from the cache, and tabulate one chunk of files (runs in any worker)."""
    cache = (ParseCache(Path(task.cache_dir), task.parse, version=task.cache_version)
             if task.cache_dir is not None else None)
    reports, keys, parsed = [], [], 0
    for source in task.sources:
        report, key, was_parsed = _report(task, source, cache)
        reports.append(report)
        parsed += was_parsed
        if key is not None:
            keys.append(key)
    if cache is not None:
        cache.flush()  # the chunk's new parses as one pack
    reports, (figures, checks, events) = tabulate(reports)
    from_cache = len(keys) - parsed if cache is not None else 0
    return ChunkResult(reports=tuple(summarise(r) for r in reports), figures=PackedFrame.pack(figures),
                       checks=PackedFrame.pack(checks), events=PackedFrame.pack(events), parsed=parsed,
                       from_cache=from_cache, cache_keys=tuple(keys))


def chunk_size(n_files: int) -> int:
    """Files per chunk: a ``CHUNKS_PER_CORPUS``-th of the corpus, ``MIN_CHUNK_SIZE`` to ``MAX_CHUNK_SIZE``.

    Tabulating, validating and packing a chunk's tables has a fixed cost (per report, a chunk of 64 costs
    three times what one of 1,024 does); many chunks keep every worker busy to the end of the build.
    """
    return max(MIN_CHUNK_SIZE, min(MAX_CHUNK_SIZE, n_files // CHUNKS_PER_CORPUS))


def chunk_tasks(raw_dir: Path, sources: Sequence[Source], *, parse: ParseFn, max_bytes: int,
                cache_dir: Path | None, cache_version: str | None, size: int | None = None
                ) -> list[ChunkTask]:
    """The sources cut into consecutive chunks of ``size`` (default ``chunk_size``; the last one shorter)."""
    size = size or chunk_size(len(sources))
    return [ChunkTask(str(raw_dir), tuple(sources[i:i + size]), parse, max_bytes,
                      str(cache_dir) if cache_dir is not None else None, cache_version)
            for i in range(0, len(sources), size)]


# --------------------------------------------------------------------------------------------- engines


class Engine:
    """Maps ``run_chunk`` over chunk tasks and yields the results in the order of the tasks."""

    name = "engine"

    def map(self, tasks: Sequence[ChunkTask]) -> Iterator[ChunkResult]:
        """The result of every task, in order."""
        raise NotImplementedError


def _pool_context() -> multiprocessing.context.BaseContext:
    """Forkserver where available (fork is unsafe with threads, spawn re-imports everything), else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["helpers.build.engines"])
        return context
    return multiprocessing.get_context("spawn")


class LocalEngine(Engine):
    """This process (``jobs == 1``) or a pool of ``jobs`` worker processes on this machine."""

    name = "local"

    def __init__(self, jobs: int = 1, in_flight_per_worker: int = 2) -> None:
        self.jobs = max(1, jobs)
        self.in_flight_per_worker = in_flight_per_worker

    def map(self, tasks: Sequence[ChunkTask]) -> Iterator[ChunkResult]:
        """Run the tasks here or in the pool, with at most ``in_flight_per_worker`` per worker queued."""
        workers = min(self.jobs, len(tasks))
        if workers <= 1:
            yield from map(run_chunk, tasks)
            return
        with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context(),
                                 initializer=worker_init) as pool:
            start_workers(pool)
            yield from _bounded(pool, tasks, workers * self.in_flight_per_worker)


def _bounded(pool: ProcessPoolExecutor, tasks: Iterable[ChunkTask], limit: int) -> Iterator[ChunkResult]:
    """Submit tasks to the pool keeping at most ``limit`` pending, and yield their results in order."""
    pending: deque[Future] = deque()
    try:
        for task in tasks:
            if len(pending) >= limit:
                yield pending.popleft().result()
            pending.append(pool.submit(run_chunk, task))
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


DASK_MISSING = ("the dask engine needs the dask extra, which is not installed: "
                "pip install 'isis-reports[dask]' (or use --engine local)")


class DaskEngine(Engine):
    """``dask.bag`` over the files, one partition per chunk, on a local cluster or a given scheduler.

    Args:
        scheduler: Address of a running Dask scheduler (``tcp://host:8786``); None starts a
            ``LocalCluster`` of ``jobs`` single-threaded worker processes for the build and stops it after.
        jobs: Workers of the local cluster.
    """

    name = "dask"

    def __init__(self, scheduler: str | None = None, jobs: int | None = None) -> None:
        self.scheduler = scheduler
        self.jobs = max(1, jobs or os.cpu_count() or 1)

    def _client(self):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - depends on the installed extras
            raise RuntimeError(DASK_MISSING) from exc
        if self.scheduler:
            logger.info("using the Dask scheduler at %s", self.scheduler)
            return Client(self.scheduler), None
        cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                               dashboard_address=":0")  # any free port: never clash with a running one
        logger.info("started a local Dask cluster of %d workers", self.jobs)
        return Client(cluster), cluster

    def map(self, tasks: Sequence[ChunkTask]) -> Iterator[ChunkResult]:
        """Compute a bag of the tasks' files partitioned like the tasks; yield each partition's result."""
        if not tasks:
            return
        import dask.bag as db

        bag = db.from_sequence(tasks, npartitions=len(tasks)).map(run_chunk)
        client, cluster = self._client()
        try:
            futures = client.compute(bag.to_delayed())
            for future in futures:
                yield from future.result()
                future.release()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def make_engine(name: str = "local", *, jobs: int = 1, scheduler: str | None = None) -> Engine:
    """The engine called ``name`` (``local`` or ``dask``).

    Raises:
        ValueError: An unknown engine, the dask engine without the dask extra installed, or a scheduler
            address for the local engine.
    """
    if name == "local":
        if scheduler:
            raise ValueError("a scheduler address needs --engine dask")
        return LocalEngine(jobs)
    if name == "dask":
        if not all(importlib.util.find_spec(module) for module in ("dask", "distributed")):
            raise ValueError(DASK_MISSING)
        return DaskEngine(scheduler, jobs)
    raise ValueError(f"unknown engine {name!r}; expected one of {', '.join(ENGINES)}")
