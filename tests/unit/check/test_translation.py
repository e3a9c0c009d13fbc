"""Arabic and English versions of the same month: linked, counted once, checked figure by figure."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from helpers import analysis, parse_report
from helpers.build.corpus import read_report
from helpers.build.tables import build_tables, checks_frame
from helpers.check.translation import (
    compare_versions,
    describe_key,
    link_translations,
    translation_checks,
)
from helpers.contract.report import Check

DATA = Path(__file__).parents[2] / "data"
ARABIC = DATA / "seed" / "000_ce1fad4af3d1fbde.txt"
ENGLISH = DATA / "english" / "p01_seed_month_112_en.txt"


@pytest.fixture(scope="module")
def arabic():
    return parse_report(read_report(ARABIC), report_id="ar_112")


@pytest.fixture(scope="module")
def english_text():
    return read_report(ENGLISH)


@pytest.fixture(scope="module")
def english(english_text):
    return parse_report(english_text, report_id="en_112")


def test_the_two_versions_state_the_same_figures(arabic, english):
    assert (arabic.language, english.language) == ("ar", "en")
    assert (arabic.month, arabic.period_start) == (english.month, english.period_start)
    assert sorted(f.key() for f in arabic.figures) == sorted(f.key() for f in english.figures)


def test_link_marks_the_english_version(arabic, english):
    linked = link_translations([english, arabic])
    assert [(r.report_id, r.same_as) for r in linked] == [("en_112", "ar_112"), ("ar_112", None)]
    assert linked[0].status == english.status  # a translation is not a duplicate with warnings


def test_preferred_language_is_configurable(arabic, english):
    linked = link_translations([arabic, english], preferred="en")
    assert [(r.report_id, r.same_as) for r in linked] == [("ar_112", "en_112"), ("en_112", None)]


def test_agreeing_pair_gives_one_passing_check_per_shared_figure(arabic, english):
    checks = translation_checks(link_translations([arabic, english]))
    assert len(checks) == len({f.key() for f in arabic.figures}) == 28
    assert all(c.ok and c.kind == "translation_agrees" and c.report_id == "en_112" for c in checks)


def test_one_changed_number_fails_exactly_one_check_naming_the_figure(arabic, english_text):
    changed = parse_report(english_text.replace("53 soldiers", "52 soldiers"), report_id="en_112")
    failed = [c for c in translation_checks(link_translations([arabic, changed])) if not c.ok]
    assert len(failed) == 1
    c = failed[0]
    assert (c.zone, c.measure, c.group, c.stated, c.computed) == (
        "badia",
        "killed",
        "government_forces",
        53,
        52,
    )
    assert c.detail.startswith("breakdown Homs killed government_forces (ar 53, en 52")


def test_months_languages_and_kinds_that_do_not_pair(arabic, english):
    other_month = replace(
        english, report_id="en_other", month=111, period_start=english.period_start.replace(month=9)
    )
    synthetic = replace(english, report_id="en_synth", synthetic=True)
    failed = replace(english, report_id="en_failed", status="error", figures=())
    duplicate = replace(english, report_id="en_dup", same_as="en_112")
    linked = link_translations([arabic, other_month, synthetic, failed, duplicate])
    assert [r.same_as for r in linked] == [None, None, None, None, "en_112"]
    assert translation_checks(linked) == []


def test_two_reports_of_the_preferred_language_link_to_the_cleaner_one(arabic, english):
    warned = replace(arabic, report_id="ar_112_reprint", status="warnings")
    linked = link_translations([warned, english, arabic])
    assert linked[1].same_as == "ar_112"


def test_repeated_keys_compare_their_values():
    from helpers.contract.report import Figure, Report

    def report(rid, lang, values):
        figs = tuple(
            Figure("badia", "breakdown", "killed", "government_forces", v, admin1="Homs") for v in values
        )
        return Report(rid, language=lang, figures=figs)

    checks = compare_versions(report("a", "ar", [12, 6]), report("e", "en", [6, 12]))
    assert [(c.stated, c.computed, c.ok) for c in checks] == [(18, 18, True)]
    checks = compare_versions(report("a", "ar", [12, 6]), report("e", "en", [11, 7]))
    assert [(c.stated, c.computed, c.ok) for c in checks] == [(18, 18, False)]
    assert "(ar 6+12, en 7+11" in checks[0].detail


def test_describe_key_names_subgroup_agent_and_scope(arabic):
    import datetime as dt

    key = (
        "sdf_areas",
        "total",
        None,
        "killed",
        "civilians",
        "women",
        "isis",
        "cumulative",
        dt.date(2024, 1, 1),
    )
    assert describe_key(key) == "total sdf_areas killed civilians/women since 2024-01-01"
    key = ("badia", "total", None, "killed", "isis", None, "russia", "report", None)
    assert describe_key(key) == "total badia killed isis by russia"


def test_checks_fit_the_checks_table_and_the_month_counts_once(arabic, english):
    linked = link_translations([arabic, english])
    frame = checks_frame(translation_checks(linked))
    assert set(frame["kind"]) == {"translation_agrees"} and frame["ok"].all()
    tables = build_tables(linked)
    assert tables.reports.set_index("report_id").loc["en_112", "same_as"] == "ar_112"
    usable = analysis.usable_reports(tables.reports)
    assert usable["report_id"].tolist() == ["ar_112"]
    assert set(analysis.countable_figures(tables.figures, usable)["report_id"]) == {"ar_112"}


def test_check_rows_are_checks(arabic, english):
    checks = translation_checks(link_translations([arabic, english]))
    assert all(isinstance(c, Check) for c in checks)
