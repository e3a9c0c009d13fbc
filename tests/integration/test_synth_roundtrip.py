"""Round trips: parse(render(truth)) gives back exactly the truth's figures, for any truth and variation."""

import csv
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import parse_report
from helpers.synth import SyntheticReport, round_trip, rows_of
from helpers.synth.demo import GROUND_TRUTH, MANIFEST
from helpers.synth.stated import COLUMNS
from helpers.synth.strategies import truths, variations

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "raw" / "synthetic"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(truth=truths(), v=variations(), seed=st.integers(0, 2**16))
def test_round_trip_default_variations(truth, v, seed):
    result = round_trip(SyntheticReport.build(truth, v, seed=seed))
    assert result.ok, "\n" + result.explain()


def _ground_truth() -> dict[str, Counter]:
    with (SHIPPED / GROUND_TRUTH).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    by_report: dict[str, Counter] = {}
    for row in rows:
        key = tuple(row[c] for c in COLUMNS)
        by_report.setdefault(row["report_id"], Counter())[key] += 1
    return by_report


def _as_strings(rows) -> Counter:
    return Counter(tuple("" if cell is None else str(cell) for cell in row) for row in rows)


def test_shipped_corpus_parses_to_its_ground_truth():
    expected = _ground_truth()
    files = sorted(SHIPPED.glob("synthetic_m*.txt"))
    assert len(files) >= 36 and {f.stem for f in files} == set(expected)
    for path in files:
        report = parse_report(path.read_text(encoding="utf-8"), report_id=path.stem)
        assert _as_strings(rows_of(report)) == expected[path.stem], path.name
        assert not report.unexplained, path.name


def test_shipped_manifest_marks_every_report_synthetic():
    with (SHIPPED / MANIFEST).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(r["synthetic"] == "true" and r["report_id"].startswith("synthetic_") for r in rows)
    assert {r["file"] for r in rows} == {p.name for p in SHIPPED.glob("*.txt")}


@pytest.mark.parametrize("name", ["ground_truth.csv", "manifest.csv"])
def test_ground_truth_files_are_not_report_files(name):
    assert (SHIPPED / name).suffix not in (".txt", ".md", ".html", ".htm")
