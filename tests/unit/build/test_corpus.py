"""Building the dataset from a folder: every file accounted for, duplicates, cache, parallel, atomic, CLI.

These tests drive ``corpus.build`` with a small fake parser (module level, so pool workers can import it) over
a corpus made in ``tmp_path``: good reports in several encodings and formats, duplicates and bad files.
"""

import datetime as dt
import random
import re

import pandas as pd
import pytest

from helpers import __main__ as cli
from helpers import parse_report
from helpers.build import corpus, store
from helpers.build.cache import ParseCache
from helpers.build.corpus import build, discover, mark_duplicates
from helpers.contract import schemas
from helpers.contract.calendar import month_period
from helpers.contract.report import Event, Figure, NotAReportError, Report, Unexplained

# --------------------------------------------------------------------------------------------- fake parser

MONTH = re.compile(r"الشهر (\d+)")
TOTAL = re.compile(r"المجموع (\d+)")
LINE = re.compile(r"^(\d+) عملية في (\S+)", re.MULTILINE)
UNEXPLAINED = re.compile(r"؟(\d+)")
PLACES = {"دير_الزور": ("Deir ez-Zor", "SY09"), "الحسكة": ("Hasakah", "SY08"), "الرقة": ("Raqqa", "SY11")}


def fake_parse(text: str, report_id: str = "report") -> Report:
    """A stand-in for the real parser: month, a total, area lines, unexplained numbers, one event."""
    if "انهيار" in text:
        raise RuntimeError("parser bug on this text")
    month = MONTH.search(text)
    if month is None:
        raise NotAReportError("no caliphate month in the text")
    n = int(month.group(1))
    start, end = month_period(n)
    figures = []
    total = TOTAL.search(text)
    if total:
        figures.append(Figure("sdf_areas", "total", "operations", "all", int(total.group(1)),
                              sentence=total.group(0), start=total.start(1), end=total.end(1)))
    for line in LINE.finditer(text):
        admin1, pcode = PLACES.get(line.group(2), (None, None))
        figures.append(Figure("sdf_areas", "breakdown", "operations", "all", int(line.group(1)),
                              admin1=admin1, admin1_pcode=pcode, place_ar=line.group(2),
                              sentence=line.group(0), start=line.start(1), end=line.end(1)))
    unexplained = tuple(Unexplained(m.group(1), m.group(0), m.start(1), m.end(1))
                        for m in UNEXPLAINED.finditer(text))
    events = (Event(start, "Hasakah", "الشدادي", "coalition", "isis", "مقتل قيادي", "حدث مقتل قيادي"),) \
        if "حدث" in text else ()
    return Report(report_id, month=n, period_start=start, period_end=end, period_kind="caliphate_month",
                  figures=tuple(figures), events=events, unexplained=unexplained,
                  status="warnings" if unexplained else "ok",
                  error=f"{len(unexplained)} unexplained numbers" if unexplained else None)


def report_text(month: int, lines: dict[str, int], total: int | None = None, extra: str = "") -> str:
    body = [f"تقرير الشهر {month} من عمر الخلافة"]
    if total is not None:
        body.append(f"المجموع {total}")
    body += [f"{value} عملية في {place}" for place, value in lines.items()]
    if extra:
        body.append(extra)
    return "\n".join(body) + "\n"


def page(text: str) -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines())
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>x</title></head><body>"
            f"<nav>الشهر 999 | الرئيسية</nav><div class='ticker'>42 عملية في الرقة</div>"
            f"<article>{paragraphs}<div class='share-count'>7 عملية في الحسكة</div></article>"
            f"<footer>الشهر 998</footer></body></html>")


M112 = report_text(112, {"دير_الزور": 5, "الحسكة": 4, "الرقة": 2}, total=11, extra="حدث مقتل قيادي")
LIMIT = 50_000

GOOD = {
    "m112.txt": M112.encode(),
    "m113_cp1256.txt": report_text(113, {"دير_الزور": 5, "الحسكة": 3}, total=9).encode("cp1256"),
    "m114_utf16.txt": report_text(114, {"الرقة": 6}, total=6, extra="ورقم غامض ؟7").encode("utf-16"),
    "m115.html": page(report_text(115, {"الحسكة": 2, "الرقة": 1}, total=3)).encode(),
    "sub/m116.md": b"\xef\xbb\xbf" + report_text(116, {"دير_الزور": 8}, total=8).encode(),
    "synthetic/synthetic_m117.txt": report_text(117, {"الرقة": 4}, total=4).encode(),
}
DUPLICATES = {  # file -> (kept report, why)
    "m112_copy.txt": (M112.encode(), "m112", "identical file"),
    "m112_reprint.htm": (page(report_text(112, {}, total=11)).encode(), "m112", "same language and period"),
    "synthetic/a_m112.txt": (report_text(112, {"دير_الزور": 5, "الحسكة": 4, "الرقة": 1, "x": 1}).encode(),
                             "m112", "same language and period"),
}
BAD = {  # file -> (bytes, what the error message must say)
    "empty.txt": (b"", "empty file"),
    "binary.txt": (bytes(range(256)) * 8, "binary"),
    "truncated.txt": (M112.encode()[:-1] + "مقتل".encode()[:3], "truncated"),
    "huge.txt": (M112.encode() * (LIMIT // len(M112.encode()) + 1), "too large"),
    "undecodable.txt": (bytes(random.Random(3).randrange(256) for _ in range(4000)), "undecodable"),
    "notreport.txt": ("الطقس اليوم مشمس ودرجة الحرارة 18".encode(), "not a report: no caliphate month"),
    "crash.txt": ("الشهر 118 انهيار".encode(), "parser crashed: RuntimeError: parser bug"),
    "scan.pdf": (b"%PDF-1.4 not really", "unsupported file type '.pdf'"),
}
IGNORED = {"README.md": b"# about these files\n", ".DS_Store": b"\x00\x01", ".hidden/m119.txt": b"x"}


def _write(root, files):
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


@pytest.fixture
def raw(tmp_path):
    root = tmp_path / "raw"
    _write(root, GOOD)
    _write(root, {name: data for name, (data, _, _) in DUPLICATES.items()})
    _write(root, {name: data for name, (data, _) in BAD.items()})
    _write(root, IGNORED)
    return root


def _build(raw, out, **kwargs):
    kwargs.setdefault("parse", fake_parse)
    kwargs.setdefault("max_bytes", LIMIT)
    kwargs.setdefault("progress", False)
    return build(raw, out, **kwargs)


def _stem(name):
    return name.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def _cache_keys(out) -> set[str]:
    return ParseCache(out / ".cache", parse_report).keys()


def _outputs(directory):
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


def _raw_state(root):
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(root.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------------------------- the build


def test_every_file_gets_a_reports_row_and_bad_files_name_file_and_cause(raw, tmp_path):
    result = _build(raw, tmp_path / "out")
    rows = pd.read_parquet(tmp_path / "out" / "reports.parquet").set_index("report_id")
    expected_ids = sorted(_stem(n) for n in [*GOOD, *DUPLICATES, *BAD])
    assert sorted(rows.index) == expected_ids
    for name, (_, cause) in BAD.items():
        row = rows.loc[_stem(name)]
        assert row["status"] == "error"
        assert row["error"].startswith(f"{name}: ") and cause in row["error"], row["error"]
    assert set(rows.loc[[_stem(n) for n in GOOD], "status"]) <= {"ok", "warnings"}
    assert rows.loc["m114_utf16", "status"] == "warnings"
    assert (result.n_files, result.ok, result.warnings, result.failed, result.duplicates) == (17, 5, 4, 8, 3)
    assert result.ignored == (".DS_Store", ".hidden/m119.txt", "README.md")
    assert result.exit_code() == 1


def test_reading_handles_encodings_pages_and_subfolders(raw, tmp_path):
    _build(raw, tmp_path / "out")
    figures = pd.read_parquet(tmp_path / "out" / "figures.parquet")
    values = {rid: sorted(g["value"]) for rid, g in figures.groupby("report_id")}
    assert values == {"m112": [2, 4, 5, 11], "m113_cp1256": [3, 5, 9], "m114_utf16": [6, 6],
                      "m115": [1, 2, 3], "m116": [8, 8], "synthetic_m117": [4, 4]}
    assert set(figures.loc[figures["report_id"] == "m115", "month"]) == {115}  # not the 999 of the menu
    rows = pd.read_parquet(tmp_path / "out" / "reports.parquet").set_index("report_id")
    assert rows.loc["m116", "path"] == "sub/m116.md"
    assert rows.loc["synthetic_m117", "synthetic"] and rows.loc["a_m112", "synthetic"]
    assert not rows.loc["m112", "synthetic"]
    assert pd.isna(rows.loc["huge", "sha256"]) and len(rows.loc["empty", "sha256"]) == 64


def test_duplicates_are_reported_and_not_double_counted(raw, tmp_path):
    result = _build(raw, tmp_path / "out")
    rows = pd.read_parquet(tmp_path / "out" / "reports.parquet").set_index("report_id")
    for name, (_, kept, why) in DUPLICATES.items():
        row = rows.loc[_stem(name)]
        assert row["same_as"] == kept
        assert row["status"] == "warnings"
        assert f"duplicate of {kept} ({why}" in row["error"]
    assert rows["same_as"].notna().sum() == len(DUPLICATES)
    duplicate_ids = {_stem(n) for n in DUPLICATES}
    for table in ("figures", "checks", "events"):
        frame = pd.read_parquet(tmp_path / "out" / f"{table}.parquet")
        assert not set(frame["report_id"]) & duplicate_ids, table
    assert result.figures == 4 + 3 + 2 + 3 + 2 + 2
    assert result.events == 1
    assert result.failed_checks == 1  # m113: 5 + 3 is not 9
    assert result.unexplained == 1


def test_outputs_follow_the_schemas_in_parquet_and_csv(raw, tmp_path):
    out = tmp_path / "out"
    _build(raw, out)
    for name, schema in schemas.SCHEMAS.items():
        frame = pd.read_parquet(out / f"{name}.parquet")
        schema.validate(frame)
        csv = pd.read_csv(out / f"{name}.csv", encoding="utf-8")
        assert list(csv.columns) == list(frame.columns)
        assert len(csv) == len(frame)
    sentences = pd.read_csv(out / "figures.csv", encoding="utf-8")["sentence"]
    assert "5 عملية في دير_الزور" in set(sentences)


def test_outputs_hold_no_machine_specific_path(raw, tmp_path):
    out = tmp_path / "out"
    _build(raw, out)
    for name, data in _outputs(out).items():
        assert str(tmp_path).encode() not in data, name


def test_rerun_is_byte_identical_parses_nothing_and_leaves_raw_untouched(raw, tmp_path):
    out = tmp_path / "out"
    before = _raw_state(raw)
    first = _build(raw, out)
    outputs = _outputs(out)
    second = _build(raw, out)
    assert _outputs(out) == outputs
    assert (first.parsed, first.from_cache, second.parsed, second.from_cache) == (16, 0, 0, 16)  # 1 unread
    assert second.changed == ()
    assert _raw_state(raw) == before


def test_only_changed_files_or_a_new_parser_are_parsed_again(raw, tmp_path, monkeypatch):
    out = tmp_path / "out"
    _build(raw, out)
    (raw / "sub" / "m116.md").write_bytes(report_text(116, {"دير_الزور": 8, "الرقة": 1}, total=9).encode())
    changed = _build(raw, out)
    assert changed.parsed == 1
    assert "figures.parquet" in changed.changed
    monkeypatch.setattr("helpers.build.cache.parser_version", lambda: "a-newer-parser")
    assert _build(raw, out).parsed == 16
    no_cache = _build(raw, tmp_path / "fresh", use_cache=False)
    assert no_cache.parsed == 16
    assert _outputs(tmp_path / "fresh") == _outputs(out)


def test_stale_cache_entries_are_pruned(raw, tmp_path):
    out = tmp_path / "out"
    _build(raw, out)
    entries = _cache_keys(out)
    (raw / "m113_cp1256.txt").unlink()
    _build(raw, out)
    assert len(_cache_keys(out)) == len(entries) - 1 > 0


def test_parallel_build_equals_serial_build(raw, tmp_path):
    serial = _build(raw, tmp_path / "serial", jobs=1)
    parallel = _build(raw, tmp_path / "parallel", jobs=3)
    assert parallel.parsed == serial.parsed == 16
    assert _outputs(tmp_path / "parallel") == _outputs(tmp_path / "serial")


def test_interrupted_build_leaves_the_old_tables_intact(raw, tmp_path, monkeypatch):
    out = tmp_path / "out"
    _build(raw, out)
    before = _outputs(out)
    (raw / "sub" / "m116.md").write_bytes(report_text(116, {"الرقة": 3}, total=3).encode())
    real_fsync, calls = store.os.fsync, []

    def killed(fd):  # call 1 stores m116 in the cache; 2 and later stage the tables
        calls.append(fd)
        if len(calls) == 4:
            raise KeyboardInterrupt
        return real_fsync(fd)

    monkeypatch.setattr(store.os, "fsync", killed)
    with pytest.raises(KeyboardInterrupt):
        _build(raw, out)
    assert _outputs(out) == before
    assert not list(out.rglob("*.tmp"))
    monkeypatch.setattr(store.os, "fsync", real_fsync)
    result = _build(raw, out)
    assert result.parsed == 0  # the parse before the interruption was cached
    assert _outputs(out) != before


def not_a_report_object(text, report_id="report"):
    return {"month": 112}


def test_a_parser_returning_garbage_is_an_error_row_not_a_crash(tmp_path):
    raw = tmp_path / "raw"
    _write(raw, {"m112.txt": GOOD["m112.txt"]})
    result = _build(raw, tmp_path / "out", parse=not_a_report_object)
    assert result.problems == (("m112", "error", "m112.txt: parser crashed: it returned dict, not a Report"),)


def test_exit_code_and_strict(tmp_path):
    raw = tmp_path / "raw"
    _write(raw, {"m112.txt": GOOD["m112.txt"], "sub/m116.md": GOOD["sub/m116.md"]})
    assert _build(raw, tmp_path / "out").exit_code() == 0
    _write(raw, {"m114_utf16.txt": GOOD["m114_utf16.txt"]})
    assert _build(raw, tmp_path / "out").exit_code() == 0
    assert _build(raw, tmp_path / "out", strict=True).exit_code() == 1
    _write(raw, {"empty.txt": b""})
    assert _build(raw, tmp_path / "out").exit_code() == 1


def test_empty_folder_writes_empty_tables(tmp_path):
    (tmp_path / "raw").mkdir()
    result = _build(tmp_path / "raw", tmp_path / "out")
    assert result.n_files == 0 and result.exit_code() == 0
    assert pd.read_parquet(tmp_path / "out" / "reports.parquet").empty


def test_missing_raw_folder_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no folder of reports"):
        _build(tmp_path / "nowhere", tmp_path / "out")


def test_summary_fits_one_screen_and_names_the_problems(raw, tmp_path):
    result = _build(raw, tmp_path / "out")
    text = result.summary()
    lines = text.splitlines()
    assert len(lines) <= 24
    assert "5 ok, 4 with warnings (3 duplicates), 8 failed" in text
    assert "1 failed" in lines[4 - 1]  # the checks line
    assert "unexplained  1 numbers" in text
    assert any(line.startswith("  FAILED  crash: crash.txt: parser crashed") for line in lines)
    assert result.summary(max_problems=5).splitlines()[-1] == "  ... and 7 more (see reports.csv)"


# --------------------------------------------------------------------------------------------- pieces


def test_discover_ids_are_stems_unless_two_files_share_one(tmp_path):
    raw = tmp_path / "raw"
    _write(raw, {"a.txt": b"x", "a.html": b"x", "x/b.txt": b"x", "y/b.txt": b"x", "c.md": b"x",
                 "Synthetic/d.txt": b"x", "README.txt": b"x", ".git/config": b"x"})
    sources, ignored = discover(raw)
    assert [(s.path, s.report_id, s.synthetic) for s in sources] == [
        ("Synthetic/d.txt", "d", True), ("a.html", "a.html", False), ("a.txt", "a.txt", False),
        ("c.md", "c", False), ("x/b.txt", "x/b.txt", False), ("y/b.txt", "y/b.txt", False)]
    assert ignored == [".git/config", "README.txt"]


def test_discover_skips_a_processed_folder_inside_the_raw_folder(tmp_path):
    _write(tmp_path, {"m.txt": b"x", "out/figures.csv": b"x"})
    sources, _ = discover(tmp_path, exclude=tmp_path / "out")
    assert [s.path for s in sources] == ["m.txt"]


def _parsed(report_id, month=112, language="ar", figures=1, synthetic=False, status="ok", sha="s"):
    start, end = month_period(month)
    figure = Figure("sdf_areas", "total", "operations", "all", 1)
    return Report(report_id, language=language, month=month, period_start=start, period_end=end,
                  figures=(figure,) * figures, synthetic=synthetic, status=status, sha256=sha + report_id,
                  path=f"{report_id}.txt")


def test_mark_duplicates_keys_on_language_and_period_and_prefers_real_full_reports():
    reports = [_parsed("a", synthetic=True, figures=9), _parsed("b", figures=2), _parsed("c", figures=5),
               _parsed("d", status="warnings", figures=9), _parsed("e", language="en"),
               _parsed("f", month=113), Report.failed("g", "g.txt: empty file (0 bytes)")]
    marked = {r.report_id: r for r in mark_duplicates(reports)}
    assert {rid: r.same_as for rid, r in marked.items()} == {
        "a": "c", "b": "c", "c": None, "d": "c", "e": None, "f": None, "g": None}
    assert marked["d"].status == "warnings" and marked["d"].error.startswith("d.txt: duplicate of c (same")
    assert marked["g"].status == "error"


def test_mark_duplicates_of_undated_reports_by_identical_bytes():
    undated = [Report("x", sha256="same", path="x.txt"), Report("y", sha256="same", path="y.txt"),
               Report("z", sha256="other", path="z.txt")]
    marked = {r.report_id: r.same_as for r in mark_duplicates(undated)}
    assert marked == {"x": None, "y": "x", "z": None}


def test_failed_report_rows_keep_the_file_and_its_hash(tmp_path):
    raw = tmp_path / "raw"
    _write(raw, {"empty.txt": b""})
    _build(raw, tmp_path / "out")
    row = pd.read_parquet(tmp_path / "out" / "reports.parquet").iloc[0]
    assert (row["report_id"], row["path"], row["status"]) == ("empty", "empty.txt", "error")
    assert row["sha256"] == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"  # of b""


# --------------------------------------------------------------------------------------------- CLI


@pytest.fixture
def fake_default_parse(monkeypatch):
    monkeypatch.setattr(corpus, "_default_parse", lambda: fake_parse)


def test_cli_build_prints_a_summary_and_fails_on_failed_reports(raw, tmp_path, capsys, fake_default_parse):
    code = cli.main(["build", str(raw), str(tmp_path / "out"), "--jobs", "2", "--max-mb", str(LIMIT / 2**20)])
    assert code == 1
    out = capsys.readouterr().out
    assert "8 failed" in out and "FAILED" in out
    assert (tmp_path / "out" / "figures.csv").exists()


def test_cli_strict_and_quiet(tmp_path, capsys, fake_default_parse):
    raw = tmp_path / "raw"
    _write(raw, {"m112.txt": GOOD["m112.txt"], "m114_utf16.txt": GOOD["m114_utf16.txt"]})
    assert cli.main(["build", str(raw), str(tmp_path / "out"), "-q"]) == 0
    assert capsys.readouterr().out == ""
    assert cli.main(["build", str(raw), str(tmp_path / "out"), "-q", "--strict"]) == 1


def test_cli_missing_raw_folder_exits_2(tmp_path, fake_default_parse):
    assert cli.main(["build", str(tmp_path / "nowhere"), str(tmp_path / "out"), "-q"]) == 2


def test_cli_defaults_to_data_raw_and_data_processed(tmp_path, monkeypatch, fake_default_parse):
    _write(tmp_path / "data" / "raw", {"m112.txt": GOOD["m112.txt"]})
    monkeypatch.chdir(tmp_path)
    assert cli.main(["-v", "build", "-q", "-j", "1"]) == 0
    assert (tmp_path / "data" / "processed" / "reports.parquet").exists()


def test_cli_help_lists_build_and_skips_commands_not_importable(monkeypatch, capsys):
    monkeypatch.setitem(cli.COMMANDS, "ghost", "helpers.no_such_module:add_parser")
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "build" in out and "ghost" not in out
    assert cli.main(["ghost"]) == 2
    assert "invalid choice: 'ghost' (choose from 'build'" in capsys.readouterr().err


def test_cli_without_command_is_a_usage_error(capsys):
    assert cli.main([]) == 2
    assert "COMMAND" in capsys.readouterr().err


def test_two_year_to_date_tallies_of_one_year_are_not_copies():
    start = dt.date(2025, 1, 1)
    tallies = [Report("oct", language="ar", period_start=start, period_kind="year_to_date", sha256="1", path="o"),
               Report("dec", language="ar", period_start=start, period_kind="year_to_date", sha256="2", path="d")]
    assert [r.same_as for r in mark_duplicates(tallies)] == [None, None]
