"""Shared fixtures: paths of the test data copied into the project; the hypothesis profile of CI runs.

Property tests draw new examples on every local run (which is how they find bugs). ``.ci/run`` sets
``HYPOTHESIS_PROFILE=ci``: the same examples every time, so a landing is never refused for an example no
one has seen; a failure found locally gets its own regression test.
"""

import os
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

DATA = Path(__file__).parent / "data"
CONFORMANCE = DATA / "conformance"
SEED = DATA / "seed"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA
