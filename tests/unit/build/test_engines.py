"""How a build cuts its files into chunks (the unit every engine maps over)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.build.engines import MAX_CHUNK_SIZE, MIN_CHUNK_SIZE, chunk_size, chunk_tasks
from helpers.build.ingest import Source
from helpers.extract.parse import parse_report


@pytest.mark.parametrize(("n_files", "size"), [
    (0, MIN_CHUNK_SIZE), (37, MIN_CHUNK_SIZE), (10_000, 312), (32 * MAX_CHUNK_SIZE, MAX_CHUNK_SIZE),
    (100_000, MAX_CHUNK_SIZE),
])
def test_chunks_are_a_32nd_of_the_corpus_within_bounds(n_files, size):
    assert chunk_size(n_files) == size


def test_chunk_tasks_cover_every_source_once_in_order():
    sources = [Source(f"{i:05d}.txt", f"{i:05d}") for i in range(10_000)]
    tasks = chunk_tasks(Path("raw"), sources, parse=parse_report, max_bytes=1, cache_dir=None,
                        cache_version=None)
    assert [len(t.sources) for t in tasks] == [312] * 32 + [16]
    assert [s for t in tasks for s in t.sources] == sources
