"""A month present in Arabic and English builds into one linked pair with translation checks."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers.analysis.views import load_tables, usable_reports
from helpers.build.corpus import build

DATA = Path(__file__).parents[1] / "data"
SEED = DATA / "seed" / "000_ce1fad4af3d1fbde.txt"
ENGLISH = DATA / "english" / "p01_seed_month_112_en.txt"


def _corpus(tmp_path: Path, english_text: str) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED, raw / SEED.name)
    (raw / ENGLISH.name).write_text(english_text, encoding="utf-8")
    return raw


def test_a_translated_month_is_linked_and_agrees(tmp_path):
    raw = _corpus(tmp_path, ENGLISH.read_text(encoding="utf-8"))
    result = build(raw, tmp_path / "out", progress=False, use_cache=False)
    assert result.failed == 0 and result.duplicates == 0
    reports = result.tables.reports.set_index("report_id")
    assert reports.loc[ENGLISH.stem, "same_as"] == SEED.stem
    assert reports.loc[ENGLISH.stem, "language"] == "en" and reports.loc[SEED.stem, "language"] == "ar"
    checks = result.tables.checks
    agreement = checks[checks["kind"] == "translation_agrees"]
    assert len(agreement) == 28 and agreement["ok"].all()
    # both versions keep their figures; the analyses count the month once, in Arabic
    assert set(result.tables.figures["report_id"]) == {SEED.stem, ENGLISH.stem}
    usable = usable_reports(load_tables(tmp_path / "out").reports)
    assert usable["report_id"].tolist() == [SEED.stem]


def test_one_changed_number_gives_exactly_one_failing_check(tmp_path):
    changed = ENGLISH.read_text(encoding="utf-8").replace("killed 53 soldiers", "killed 52 soldiers")
    raw = _corpus(tmp_path, changed)
    checks = build(raw, tmp_path / "out", progress=False, use_cache=False).tables.checks
    failed = checks[(checks["kind"] == "translation_agrees") & ~checks["ok"]]
    assert len(failed) == 1
    row = failed.iloc[0]
    assert (row["zone"], row["measure"], row["group"], row["stated"], row["computed"]) == (
        "badia", "killed", "government_forces", 53, 52)
    assert "Homs" in row["detail"]


def test_english_can_be_preferred(tmp_path):
    raw = _corpus(tmp_path, ENGLISH.read_text(encoding="utf-8"))
    reports = build(raw, tmp_path / "out", progress=False, use_cache=False, prefer="en").tables.reports
    assert reports.set_index("report_id").loc[SEED.stem, "same_as"] == ENGLISH.stem
