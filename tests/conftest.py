"""Shared fixtures: paths of the test data copied into the project."""

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
CONFORMANCE = DATA / "conformance"
SEED = DATA / "seed"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA
