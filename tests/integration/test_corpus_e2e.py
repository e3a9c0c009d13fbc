"""End to end with the real parser: the sample as text, saved pages and re-encoded copies, plus bad files."""

from pathlib import Path

import pandas as pd
import pytest

from helpers import __main__ as cli
from helpers import parse_report
from helpers.build.corpus import build, read_report
from helpers.contract import schemas

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "raw" / "000_ce1fad4af3d1fbde.txt"
SOHR_PAGE = ROOT / "tests" / "data" / "html" / "sohr_style_112.html"
PAGE_115 = ROOT / "tests" / "data" / "conformance" / "27_saved_web_page.html"
SAMPLE_ID = SAMPLE.stem
COPIES = ("sample_cp1256", "sample_page", "sample_utf16", "sample_utf8_bom")
BAD = {"empty": "empty file", "binary": "binary", "unrelated": "not a report"}


@pytest.fixture
def raw(tmp_path):
    root = tmp_path / "raw"
    (root / "copies").mkdir(parents=True)
    text = SAMPLE.read_text(encoding="utf-8")
    (root / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    (root / "copies" / "sample_cp1256.txt").write_bytes(text.replace("\n", "\r\n").encode("cp1256"))
    (root / "copies" / "sample_utf16.txt").write_bytes(text.encode("utf-16"))
    (root / "copies" / "sample_utf8_bom.md").write_bytes(b"\xef\xbb\xbf" + text.encode())
    (root / "copies" / "sample_page.html").write_bytes(SOHR_PAGE.read_bytes())
    (root / "month_115.html").write_bytes(PAGE_115.read_bytes())
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 16)
    unrelated = "أعلنت وزارة الزراعة عن موسم حصاد جيد هذا العام بسبب الأمطار الغزيرة.\n"
    (root / "unrelated.txt").write_text(unrelated, encoding="utf-8")
    return root


def _outputs(directory):
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


def test_build_parses_the_sample_once_and_accounts_for_every_file(raw, tmp_path):
    result = build(raw, tmp_path / "out", progress=False)
    rows = pd.read_parquet(tmp_path / "out" / "reports.parquet").set_index("report_id")
    assert sorted(rows.index) == sorted([SAMPLE_ID, *COPIES, "month_115", *BAD])
    assert rows.loc[SAMPLE_ID, "status"] in {"ok", "warnings"}
    assert pd.isna(rows.loc[SAMPLE_ID, "same_as"])
    assert rows.loc[SAMPLE_ID, "month"] == 112
    for copy in COPIES:
        assert rows.loc[copy, "same_as"] == SAMPLE_ID, copy
        assert f"duplicate of {SAMPLE_ID}" in rows.loc[copy, "error"]
    for name, cause in BAD.items():
        assert rows.loc[name, "status"] == "error"
        assert rows.loc[name, "error"].startswith(f"{name}.txt: ") and cause in rows.loc[name, "error"]
    figures = pd.read_parquet(tmp_path / "out" / "figures.parquet")
    assert set(figures["report_id"]) == {SAMPLE_ID, "month_115"}
    expected = parse_report(read_report(SAMPLE), report_id=SAMPLE_ID)
    assert (figures["report_id"] == SAMPLE_ID).sum() == len(expected.figures)
    assert set(figures.loc[figures["report_id"] == "month_115", "month"]) == {115}
    for name, schema in schemas.SCHEMAS.items():
        schema.validate(pd.read_parquet(tmp_path / "out" / f"{name}.parquet"))
    assert result.exit_code() == 1


def test_saved_page_of_the_sample_gives_the_sample_figures():
    text_report = parse_report(read_report(SAMPLE), report_id="txt")
    page_report = parse_report(read_report(SOHR_PAGE), report_id="page")

    def body(report):
        return sorted((f.key(), f.value, f.qualifier) for f in report.figures if f.level != "headline")

    assert (page_report.month, page_report.period_start) == (text_report.month, text_report.period_start)
    assert body(page_report) == body(text_report)


def test_real_build_is_idempotent_and_parallel_equals_serial(raw, tmp_path):
    serial = build(raw, tmp_path / "serial", jobs=1, progress=False)
    first = _outputs(tmp_path / "serial")
    again = build(raw, tmp_path / "serial", jobs=1, progress=False)
    assert again.parsed == 0 and _outputs(tmp_path / "serial") == first
    parallel = build(raw, tmp_path / "parallel", jobs=2, progress=False)
    assert parallel.parsed == serial.parsed == len(COPIES) + 1 + 1 + len(BAD)
    assert _outputs(tmp_path / "parallel") == first


def test_cli_build_with_the_real_parser(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    assert cli.main(["build", str(raw), str(tmp_path / "out"), "-j", "1"]) == 0
    out = capsys.readouterr().out
    assert "1 file (1 parsed, 0 from cache)" in out and "0 failed" in out
    rows = pd.read_csv(tmp_path / "out" / "figures.csv", encoding="utf-8")
    assert rows["sentence"].str.contains("دير الزور").any()
