import csv
from pathlib import Path

import pytest

from helpers.__main__ import main
from helpers.synth.demo import GROUND_TRUTH, MANIFEST, parse_months, write_corpus

SHIPPED = Path(__file__).resolve().parents[3] / "data" / "raw" / "synthetic"


def test_parse_months():
    assert parse_months("90-92,110") == [90, 91, 92, 110]
    with pytest.raises(ValueError):
        parse_months("95-90")


def test_corpus_is_reproducible_and_marked_synthetic(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    write_corpus(first, [100, 101], seed=3)
    write_corpus(second, [100, 101], seed=3)
    names = sorted(p.name for p in first.iterdir())
    assert names == [GROUND_TRUTH, MANIFEST, "synthetic_m100.txt", "synthetic_m101.txt"]
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes()
    with (first / GROUND_TRUTH).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["report_id"] for r in rows} == {"synthetic_m100", "synthetic_m101"}
    assert set(rows[0]) >= {"zone", "level", "admin1", "measure", "group", "subgroup", "perpetrator", "value",
                            "qualifier", "scope", "since"}


def test_shipped_demo_corpus_is_what_the_generator_writes(tmp_path):
    """data/raw/synthetic is `python -m helpers synth --months 90-125 --seed 7 data/raw/synthetic`."""
    write_corpus(tmp_path, range(90, 126), seed=7)
    shipped = sorted(p.name for p in SHIPPED.iterdir())
    assert shipped == sorted(p.name for p in tmp_path.iterdir())
    for name in shipped:
        assert (SHIPPED / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_cli_synth_and_synth_eval(tmp_path, capsys):
    assert main(["synth", "--months", "100-101", "--seed", "2", str(tmp_path)]) == 0
    assert (tmp_path / "synthetic_m101.txt").exists()
    assert main(["synth-eval", "--n", "25", "--min-recall", "0.99", "--csv", str(tmp_path / "eval.csv")]) == 0
    out = capsys.readouterr().out
    assert "precision" in out and "month_phrase" in out
    assert (tmp_path / "eval.csv").exists()
