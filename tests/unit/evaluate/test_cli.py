"""``python -m helpers evaluate``: a tiny report (written for this test) built for real and scored.

The report states ten figures; the annotations written here find eight of them, get one wrong on purpose
(Raqqa: 2 operations instead of 1) and leave one out (the SDF member killed in Deir ez-Zor), so the numbers
below are known by hand: 8/9 found, 2 extras of 10 (precision 80 %), the month found, one qualifier off.
"""

import json
from pathlib import Path

import pytest

from helpers.__main__ import build_parser, main
from helpers.evaluate.cli import load_build

REPORT = """\
ISIS in the 115th month of the "caliphate" | 6 operations and 4 dead in SDF-held areas

SOHR recorded 6 operations carried out by ISIS cells in SDF-held areas in the 115th month after the \
declaration of the so-called "caliphate", killing 4 people.
The victims were 3 civilians and 1 member of SDF.
* Deir Ezzor: 5 operations that killed 3 civilians and 1 SDF member
* Raqqa: 1 operation
"""

ANNOTATION = """\
zone,level,admin1,measure,group,subgroup,perpetrator,value,qualifier,scope,note
sdf_areas,headline,,operations,all,,isis,6,exact,report,title
sdf_areas,headline,,killed,all,,isis,4,exact,report,title
sdf_areas,total,,operations,all,,isis,6,exact,report,
sdf_areas,total,,killed,all,,isis,4,exact,report,
sdf_areas,total,,killed,civilians,,isis,3,exact,report,
sdf_areas,total,,killed,sdf,,isis,1,exact,report,
sdf_areas,breakdown,Deir ez-Zor,operations,all,,isis,5,exact,report,
sdf_areas,breakdown,Deir ez-Zor,killed,civilians,,isis,3,at_least,report,qualifier off on purpose
sdf_areas,breakdown,Raqqa,operations,all,,isis,2,exact,report,wrong on purpose
"""

SOURCES = """\
id,category,month,month_in_text,url
tiny_en,series-en,115,yes,https://example.org/tiny
absent,other,,,
"""

EXPECTED_LINES = [
    "[series-en] tiny_en: month 115/115, 8/9 found, 2 extra of 10 extracted (ok)",
    "[other] absent: month -/-, 0/1 found, 0 extra of 0 extracted (missing)",
    "other: 1 report; figures found 0/1 (0.0%); precision 0.0%; month 0/0, invented 0; qualifier 0/0; "
    "perpetrator 0/0",
    "series-en: 1 report; figures found 8/9 (88.9%); precision 80.0%; month 1/1, invented 0; qualifier 7/8; "
    "perpetrator 8/8",
    "total: 2 reports; figures found 8/10 (80.0%); precision 80.0%; month 1/1, invented 0; qualifier 7/8; "
    "perpetrator 8/8",
]


@pytest.fixture
def folders(tmp_path) -> tuple[Path, Path]:
    raw, truth = tmp_path / "raw", tmp_path / "truth"
    raw.mkdir()
    truth.mkdir()
    (raw / "tiny_en.txt").write_text(REPORT, encoding="utf-8")
    (truth / "tiny_en.csv").write_text(ANNOTATION, encoding="utf-8")
    (truth / "absent.csv").write_text(ANNOTATION.splitlines()[0] + "\nbadia,total,,killed,all,,isis,2,exact,"
                                      "report,\n", encoding="utf-8")
    (truth / "sources.csv").write_text(SOURCES, encoding="utf-8")
    return raw, truth


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["evaluate", *map(str, argv)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_build_then_score_per_report_per_category_and_total(folders, capsys, caplog):
    raw, truth = folders
    code, out, _ = run(capsys, truth, "--raw", raw)
    assert code == 0
    assert out.splitlines() == EXPECTED_LINES
    assert "annotated report absent is not in the build" in caplog.text


def test_verbose_lists_every_miss_with_its_line_and_every_extra_with_its_sentence(folders, capsys):
    raw, truth = folders
    code, out, _ = run(capsys, truth, "--raw", raw, "-v")
    assert code == 0
    lines = out.splitlines()
    start = lines.index(EXPECTED_LINES[0])
    assert lines[start + 1:start + 8] == [
        "    missed: zone=sdf_areas, level=breakdown, admin1=Raqqa, measure=operations, group=all, "
        "perpetrator=isis, value=2, qualifier=exact, scope=report  "
        "(tiny_en.csv line 10; note: wrong on purpose)",
        "    extra:  zone=sdf_areas, level=breakdown, admin1=Deir ez-Zor, measure=killed, group=sdf, "
        "perpetrator=isis, value=1, qualifier=exact, scope=report",
        f"            [{REPORT.index('1 SDF member')}:{REPORT.index('1 SDF member') + 1}] * Deir Ezzor: "
        "5 operations that killed 3 civilians and 1 SDF member",
        "    extra:  zone=sdf_areas, level=breakdown, admin1=Raqqa, measure=operations, group=all, "
        "perpetrator=isis, value=1, qualifier=exact, scope=report",
        f"            [{REPORT.index('1 operation')}:{REPORT.index('1 operation') + 1}] * Raqqa: 1 operation",
        EXPECTED_LINES[1],
        "    missed: zone=badia, level=total, measure=killed, group=all, perpetrator=isis, value=2, "
        "qualifier=exact, scope=report  (absent.csv line 2)",
    ]


def test_json_for_scripts(folders, capsys):
    raw, truth = folders
    code, out, _ = run(capsys, truth, "--raw", raw, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["month_scored"] is True
    assert [r["report_id"] for r in data["reports"]] == ["tiny_en", "absent"]
    tiny = data["reports"][0]
    assert (tiny["found"], tiny["expected"], tiny["extra"], tiny["extracted"]) == (8, 9, 2, 10)
    assert tiny["precision"] == pytest.approx(0.8) and tiny["month"]["ok"] is True
    assert [m["line"] for m in tiny["misses"]] == [10]
    assert [e["sentence"] for e in tiny["extras"]] == ["* Deir Ezzor: 5 operations that killed 3 civilians "
                                                       "and 1 SDF member", "* Raqqa: 1 operation"]
    assert set(data["categories"]) == {"other", "series-en"}
    assert (data["total"]["found"], data["total"]["expected"], data["total"]["qualifier_ok"]) == (8, 10, 7)


def test_a_kept_build_reads_back_the_same(folders, capsys, tmp_path):
    raw, truth = folders
    out_dir = tmp_path / "out"
    assert run(capsys, truth, "--raw", raw, "--out", out_dir)[:2] == (0, "\n".join(EXPECTED_LINES) + "\n")
    figures, reports = load_build(out_dir)
    assert len(figures) == 10 and reports["report_id"].tolist() == ["tiny_en"]
    assert run(capsys, truth, "--processed", out_dir)[:2] == (0, "\n".join(EXPECTED_LINES) + "\n")


def test_without_sources_one_category_and_no_month(folders, capsys, tmp_path):
    raw, truth = folders
    (truth / "sources.csv").unlink()
    (truth / "absent.csv").unlink()
    code, out, _ = run(capsys, truth, "--raw", raw)
    assert code == 0
    assert out.splitlines() == [
        "[all] tiny_en: month 115/-, 8/9 found, 2 extra of 10 extracted (ok)",
        "all: 1 report; figures found 8/9 (88.9%); precision 80.0%; month not scored (no sources); "
        "qualifier 7/8; perpetrator 8/8",
        "total: 1 report; figures found 8/9 (88.9%); precision 80.0%; month not scored (no sources); "
        "qualifier 7/8; perpetrator 8/8",
    ]


@pytest.mark.parametrize(("edit", "message"), [
    (lambda raw, truth: (truth / "tiny_en.csv").write_text(ANNOTATION + "badia,total\n", encoding="utf-8"),
     "tiny_en.csv: line 11: 2 fields, but the header names 11"),
    (lambda raw, truth: (truth / "tiny_en.csv").write_text(ANNOTATION.replace("civilians", "civilian", 1),
                                                           encoding="utf-8"),
     "tiny_en.csv: line 6: group is 'civilian'; allowed: all, civilians, government_forces, sdf, isis, "
     "other_forces"),
    (lambda raw, truth: (truth / "sources.csv").write_text("id\ntiny_en\n", encoding="utf-8"),
     "no row for the annotation file absent.csv"),
])
def test_bad_annotations_exit_2_naming_file_and_line(folders, capsys, edit, message):
    raw, truth = folders
    edit(raw, truth)
    code, out, err = run(capsys, truth, "--raw", raw)
    assert code == 2 and out == ""
    assert err.startswith("helpers evaluate: error: ") and message in err


def test_bad_folders_and_options_exit_2(folders, capsys, tmp_path):
    raw, truth = folders
    cases = [
        ((tmp_path / "nowhere", "--raw", raw), "nowhere: no such folder of annotations"),
        ((truth, "--raw", tmp_path / "no_raw"), "no_raw: no such folder of reports"),
        ((truth, "--processed", tmp_path / "empty"), "figures.parquet is missing: build the dataset with"),
        ((truth, "--raw", raw, "--processed", tmp_path),
         "give either --processed DIR or --raw DIR, not both"),
        ((truth, "--out", tmp_path / "o"), "--out needs --raw"),
        ((truth, "--raw", raw, "--sources", tmp_path / "s.csv"), "s.csv: no such sources file"),
    ]
    for argv, message in cases:
        code, out, err = run(capsys, *argv)
        assert (code, out) == (2, ""), argv
        assert message in err, (argv, err)


def test_a_table_of_another_contract_exits_2(folders, capsys, tmp_path):
    raw, truth = folders
    out_dir = tmp_path / "out"
    assert run(capsys, truth, "--raw", raw, "--out", out_dir)[0] == 0
    figures, _ = load_build(out_dir)
    figures.drop(columns="sentence").to_parquet(out_dir / "figures.parquet")
    code, out, err = run(capsys, truth, "--processed", out_dir)
    assert (code, out) == (2, "")
    assert "figures.parquet: not a figures table of this version's contract" in err
    (out_dir / "figures.parquet").write_bytes(b"not parquet")
    code, _, err = run(capsys, truth, "--processed", out_dir)
    assert code == 2 and "figures.parquet: not a figures table" in err


def test_evaluate_is_a_listed_command():
    assert "evaluate" in build_parser().format_help()
