"""Hostile input costs work in proportion to its size, never more: no quadratic loop, no copy per number.

Time is not measured (tests must not depend on the machine). Work is counted instead, deterministically: every
Python line and call the code runs, plus the length of the string for each whole-string method (``strip``,
``split`` …, whose cost grows with the string). Each family of worst cases found by the fuzzer
(``fuzz/fuzz_parse.py``) is parsed at two sizes, four times apart: linear code does about four times the work
and holds about four times the memory; a quadratic loop does sixteen times the work.
"""

from __future__ import annotations

import logging
import sys
import tracemalloc

import pytest

from helpers.build.corpus import build
from helpers.check.validate import check_report
from helpers.contract.report import Figure, NotAReportError, ReadError, Report, ReportError
from helpers.extract.parse import parse_report
from helpers.read.reader import bytes_to_text, read_report
from helpers.text.normalize import normalize

LINEAR = 6  # allowed growth of work and memory when the input grows 4 times (linear: ~4, quadratic: ~16)
SIZE = 1200  # characters of the smaller input
WHOLE_STRING_METHODS = frozenset({"strip", "lstrip", "rstrip", "split", "rsplit", "splitlines", "replace",
                                  "lower", "upper", "casefold", "translate", "encode", "count"})
HEAD = "في البادية السورية نفذ التنظيم 40 عملية خلال الشهر 112 من عمر الخلافة، وتوزعت على النحو الآتي:\n"

REPORT_FAMILIES = {
    "breakdown lines": "5 عملية في دير الزور أسفرت عن مقتل 1 من العسكريين\n",
    "breakdown lines in one sentence": "9 عمليات في بادية حمص أسفرت عن مقتل 53 عسكريين، ومدني، و13 منهم ",
    "killed numbers": "مقتل 5 ",
    "lone digits": "1 ",
    "thousands separators": "1,000,",
    "number words": "ثلاث و",
    "implied nouns": "ومدني ",
    "sub-counts": "قتل 37 مدنياً بينهم طفل ",
    "comma list": "ثلاثة وعشرين، ",
    "places": "في دير الزور ",
    "spaced letters": "د ا ع ش ",
    "tatweel": "التنـ ـظيم ",
    "dates": "23 تشرين الثاني ",
    "running totals": "منذ مطلع العام ",
}
def _work(fn, arg) -> int:
    """Lines and calls run by ``fn(arg)``, plus the length of each string a whole-string method reads."""
    count = 0

    def tracer(frame, event, _arg):
        nonlocal count
        count += 1
        return tracer

    def profiler(frame, event, c_function):
        nonlocal count
        if event == "c_call":
            owner = getattr(c_function, "__self__", None)
            whole = isinstance(owner, str) and getattr(c_function, "__name__", "") in WHOLE_STRING_METHODS
            count += 1 + (len(owner) if whole else 0)

    sys.settrace(tracer)
    sys.setprofile(profiler)
    try:
        fn(arg)
    except ReportError:
        pass
    finally:
        sys.settrace(None)
        sys.setprofile(None)
    return count


def _peak_memory(fn, arg) -> int:
    """Peak bytes allocated by Python while ``fn(arg)`` runs."""
    tracemalloc.start()
    try:
        fn(arg)
    except ReportError:
        pass
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def _growth(measure, fn, make) -> float:
    """How much more ``measure`` says ``fn`` costs on an input 4 times larger (after a warm-up run)."""
    try:
        fn(make(SIZE // 2))  # loads lexicons and compiles patterns, once per process
    except ReportError:
        pass
    small = measure(fn, make(SIZE))
    return measure(fn, make(4 * SIZE)) / small


def _report_text(unit: str, head: str = HEAD):
    return lambda size: head + unit * (size // len(unit))


@pytest.fixture(autouse=True)
def _quiet_parser_bugs():
    logging.disable(logging.CRITICAL)  # parse_report logs the exceptions it wraps as ParserError
    yield
    logging.disable(logging.NOTSET)


def _families() -> list:
    return [pytest.param(unit, id=name) for name, unit in REPORT_FAMILIES.items()]


@pytest.mark.parametrize("unit", _families())
def test_parsing_a_repeated_phrase_costs_linear_work_and_memory(unit):
    make = _report_text(unit)
    assert _growth(_work, parse_report, make) <= LINEAR
    assert _growth(_peak_memory, parse_report, make) <= LINEAR


HEAD_EN = ("In the 112th month after the declaration of the Caliphate, ISIS carried out 40 operations in the "
           "Syrian desert, as follows:\n")
ENGLISH_FAMILIES = {
    "breakdown lines": "5 operations in Deir Ezzor killed 1 soldier\n",
    "breakdown lines in one sentence":
        "9 operations in the Homs desert killed 53 soldiers, a civilian, and 13 ISIS members, ",
    "killed numbers": "killed 5 ",
    "lone digits": "1 ",
    "number words": "twenty-three and ",
    "articles": "a civilian and ",
    "sub-counts": "killed 37 civilians including a child ",
    "dates": "on May 23, 2023 ",
    "years": "since 2019 ",
    "places": "in Deir Ezzor ",
    "sentences": "ISIS killed 5 soldiers. ",
    "links": "https://x.org/5 ",
    "percentages": "5% ",
    "running totals": "since the start of the year ",
    "month mentions": "the 112th month of the caliphate ",
}


@pytest.mark.parametrize("unit", [pytest.param(u, id=name) for name, u in ENGLISH_FAMILIES.items()])
def test_parsing_a_repeated_english_phrase_costs_linear_work_and_memory(unit):
    make = _report_text(unit, HEAD_EN)
    assert _growth(_work, parse_report, make) <= LINEAR
    assert _growth(_peak_memory, parse_report, make) <= LINEAR


@pytest.mark.parametrize("unit", ["د ا ع ش ", "التنـ ـظيم ", "1,000,", "خلا*فة ", "\u200f\u064b", "ـ "])
def test_normalising_a_repeated_obfuscation_costs_linear_work(unit):
    assert _growth(_work, normalize, _report_text(unit)) <= LINEAR


SAMPLE = "وثقت المنظمات 19 عملية لعناصر التنظيم، خلفت مقتل 74 من الجيش السوري.<br>" * 3


def _page(body: str) -> bytes:
    return f"<html><body>{body}{SAMPLE}</body></html>".encode()


@pytest.mark.parametrize("make", [
    lambda k: _page("<div>" * (k // 5) + "</div>" * (k // 5)),
    lambda k: _page("<section>" * (k // 9)),
    lambda k: _page("<div>" * (k // 10) + "<h1>عنوان</h1>" * (k // 20)),
    lambda k: _page("<header><p>x</p></header>" * (k // 25)),
    lambda k: _page("<div class='share views'>x</div>" * (k // 30)),
    lambda k: _page("<br>" * (k // 4)),
], ids=["nested divs", "unclosed sections", "headlines in deep nesting", "headers", "boilerplate", "breaks"])
def test_reading_a_hostile_page_costs_linear_work(make):
    def read(data):
        return bytes_to_text(data, name="page.html", suffix=".html")

    assert _growth(_work, read, make) <= LINEAR


def _many_figures_of_one_zone(size: int) -> Report:
    """``size // 100`` headlines, stated totals and area lines each, all of one zone and measure."""
    n = size // 100
    figures = []
    for i in range(n):
        figures.append(Figure("all", "headline", "killed", "all", 9, sentence=f"h{i}"))
        figures.append(Figure("badia", "total", "killed", "military", 5, sentence=f"t{i}"))
        figures.append(Figure("badia", "breakdown", "killed", "military", 5, admin1="Homs", sentence=f"b{i}"))
    return Report("flood", figures=tuple(figures))


def test_checking_many_totals_against_many_area_lines_costs_linear_work():
    report = _many_figures_of_one_zone(SIZE)
    kinds = {c.kind for c in check_report(report)}
    assert kinds == {"total_vs_breakdown", "headline_vs_body"}  # both quadratic candidates are exercised
    assert _growth(_work, check_report, _many_figures_of_one_zone) <= LINEAR


def test_a_check_over_thousands_of_lines_abbreviates_its_detail():
    (check,) = {c.detail: c for c in check_report(_many_figures_of_one_zone(100_000))
                if c.kind == "total_vs_breakdown"}.values()
    assert check.computed == 5 * 1000
    assert check.detail.endswith("+ Homs 5 + … (988 more)")


def test_files_over_the_size_limit_are_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(ReadError, match=r"huge.txt: too large: 2,048 bytes, over the limit of 1,024 bytes"):
        read_report(path, max_bytes=1024)


def test_an_absurdly_long_number_is_an_error_row_not_a_failed_build(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "ok.txt").write_text("خلال الشهر 112 من عمر الخلافة قتل 5 من عناصر داعش\n", encoding="utf-8")
    (raw / "huge_number.txt").write_text("قتل 99999999999999999999 من عناصر داعش\n", encoding="utf-8")
    result = build(raw, tmp_path / "out", progress=False, use_cache=False)
    problems = dict((report_id, message) for report_id, _, message in result.problems)
    assert "huge_number" in problems["huge_number"] and "states no figures" in problems["huge_number"]
    assert "ok" not in problems and result.figures == 1


@pytest.mark.parametrize("head, unit",
                         [(HEAD, "1 "), (HEAD, "ثلاث و"), (HEAD, "ومدني "), (HEAD_EN, "twenty-three and ")],
                         ids=["digits", "number words", "counting nouns", "english number words"])
def test_a_megabyte_flood_of_numbers_is_refused_naming_the_limit(head, unit):
    text = head + unit * (1_000_000 // len(unit))
    with pytest.raises(NotAReportError, match=r"numbers, more than any report states \(the limit is 5,000\)"):
        parse_report(text, report_id="flood.txt")


def test_a_report_with_hundreds_of_numbers_is_still_read():
    line = "{} عملية في دير الزور أسفرت عن مقتل {} من العسكريين\n"
    lines = "".join(line.format(i % 9 + 1, i % 5 + 1) for i in range(600))
    report = parse_report(HEAD + lines, report_id="annual.txt")
    assert len(report.figures) > 1000
