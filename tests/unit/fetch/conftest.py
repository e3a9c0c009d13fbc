"""Fixtures of the fetch tests: a local server, a fast configuration, a recorder instead of sleeping."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.fetch.config import FetchConfig, Manners, SeriesRule, load_config
from tests.unit.fetch.server import LocalServer


@pytest.fixture
def server():
    srv = LocalServer()
    yield srv
    srv.close()


class Sleeps(list):
    """Records the waits the client asks for instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def config(server) -> FetchConfig:
    """The package's configuration with fast manners and the Wayback API on the local server."""
    return fast_config(server)


def fast_config(server: LocalServer) -> FetchConfig:
    """The package's configuration with fast manners and the Wayback API on ``server``."""
    base = load_config(wayback_url=server.url("/wayback/available"))
    manners = Manners(user_agent="helpers-fetch/test (tests)", delay=0.0, timeout=2.0, retries=2, backoff=1.0,
                      max_backoff=8.0, max_retry_after=60.0, max_bytes=64 * 1024)
    return FetchConfig(manners=manners, feeds=(), series=base.series or {"ar": SeriesRule()},
                       wayback_url=base.wayback_url, cdx_url=None)


def files(folder: Path) -> list[str]:
    """Every file under ``folder`` (hidden ones too), relative, sorted."""
    if not folder.exists():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
