"""validate.py: totals vs breakdown, tolls vs parts, headlines vs body, with qualifiers; no parts, no row."""

from __future__ import annotations

import pytest

from helpers.check.validate import agrees, check_report, headline_vs_body, total_vs_breakdown, total_vs_parts
from helpers.contract.report import Figure, Report


def fig(
    zone,
    level,
    measure,
    group,
    value,
    *,
    admin1=None,
    perpetrator="isis",
    qualifier="exact",
    subgroup=None,
    scope="report",
    sentence="s",
):
    return Figure(
        zone=zone,
        level=level,
        measure=measure,
        group=group,
        value=value,
        perpetrator=perpetrator,
        qualifier=qualifier,
        subgroup=subgroup,
        scope=scope,
        admin1=admin1,
        sentence=sentence,
    )


def report(*figures: Figure) -> Report:
    return Report(report_id="r1", figures=tuple(figures))


def rows(checks):
    return sorted((c.kind, c.zone, c.measure, c.group, c.stated, c.computed, c.ok) for c in checks)


# --- agrees ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stated", "computed", "qualifier", "ok"),
    [
        (12, 12, "exact", True),
        (12, 11, "exact", False),
        (12, 13, "exact", False),
        (30, 32, "approximately", True),
        (30, 28, "approximately", True),
        (30, 34, "approximately", False),
        (100, 110, "approximately", True),
        (100, 111, "approximately", False),
        (5, 7, "approximately", True),
        (5, 8, "approximately", False),  # at least 2 either way for small numbers
        (21, 25, "at_least", True),
        (21, 21, "at_least", True),
        (21, 19, "at_least", True),
        (21, 15, "at_least", False),
    ],
)
def test_agrees_honours_the_qualifier(stated, computed, qualifier, ok):
    assert agrees(stated, computed, qualifier) is ok


# --- total_vs_breakdown ---------------------------------------------------------------------------------


def test_total_vs_breakdown_per_zone_measure_and_group():
    r = report(
        fig("sdf_areas", "total", "operations", "all", 11),
        fig("sdf_areas", "total", "killed", "sdf", 5),
        fig("sdf_areas", "total", "killed", "civilians", 2),
        fig("sdf_areas", "breakdown", "operations", "all", 6, admin1="Deir ez-Zor"),
        fig("sdf_areas", "breakdown", "operations", "all", 5, admin1="Raqqa"),
        fig("sdf_areas", "breakdown", "killed", "sdf", 3, admin1="Deir ez-Zor"),
        fig("sdf_areas", "breakdown", "killed", "sdf", 1, admin1="Raqqa"),
        fig("sdf_areas", "breakdown", "killed", "civilians", 2, admin1="Raqqa"),
        # another zone's lines never count toward this zone
        fig("badia", "breakdown", "operations", "all", 9, admin1="Homs"),
    )
    assert rows(total_vs_breakdown(r)) == [
        ("total_vs_breakdown", "sdf_areas", "killed", "civilians", 2, 2, True),
        ("total_vs_breakdown", "sdf_areas", "killed", "sdf", 5, 4, False),
        ("total_vs_breakdown", "sdf_areas", "operations", "all", 11, 11, True),
    ]


def test_no_breakdown_no_row():
    r = report(
        fig("badia", "total", "operations", "all", 14),
        fig("badia", "total", "killed", "government_forces", 29),
    )
    assert total_vs_breakdown(r) == []
    assert check_report(r) == []


def test_breakdown_ignores_subcounts_and_running_totals():
    r = report(
        fig("badia", "total", "killed", "civilians", 6),
        fig("badia", "breakdown", "killed", "civilians", 6, admin1="Homs"),
        fig("badia", "breakdown", "killed", "civilians", 2, admin1="Homs", subgroup="children"),
        fig("badia", "breakdown", "killed", "civilians", 40, admin1="Hama", scope="cumulative"),
    )
    assert rows(total_vs_breakdown(r)) == [("total_vs_breakdown", "badia", "killed", "civilians", 6, 6, True)]


def test_breakdown_separates_perpetrators():
    r = report(
        fig("badia", "total", "killed", "isis", 9, perpetrator="russia"),
        fig("badia", "breakdown", "killed", "isis", 5, admin1="Homs", perpetrator="russia"),
        fig("badia", "breakdown", "killed", "isis", 4, admin1="Hama", perpetrator="russia"),
        fig("badia", "breakdown", "killed", "isis", 3, admin1="Hama", perpetrator="government_forces"),
    )
    assert rows(total_vs_breakdown(r)) == [("total_vs_breakdown", "badia", "killed", "isis", 9, 9, True)]


def test_undivided_toll_is_checked_only_when_every_area_states_one():
    split_areas = report(
        fig("sdf_areas", "total", "killed", "all", 8),
        fig("sdf_areas", "breakdown", "killed", "all", 5, admin1="Deir ez-Zor"),
        fig("sdf_areas", "breakdown", "killed", "sdf", 3, admin1="Hasakah"),
    )
    assert total_vs_breakdown(split_areas) == []
    all_areas = report(
        fig("sdf_areas", "total", "killed", "all", 8),
        fig("sdf_areas", "breakdown", "killed", "all", 5, admin1="Deir ez-Zor"),
        fig("sdf_areas", "breakdown", "killed", "all", 3, admin1="Hasakah"),
    )
    assert rows(total_vs_breakdown(all_areas)) == [
        ("total_vs_breakdown", "sdf_areas", "killed", "all", 8, 8, True)
    ]


def test_approximate_total_against_breakdown():
    r = report(
        fig("badia", "total", "operations", "all", 25, qualifier="at_least"),
        fig("badia", "breakdown", "operations", "all", 14, admin1="Homs"),
        fig("badia", "breakdown", "operations", "all", 13, admin1="Hama"),
    )
    assert rows(total_vs_breakdown(r)) == [("total_vs_breakdown", "badia", "operations", "all", 25, 27, True)]


# --- total_vs_parts -------------------------------------------------------------------------------------


def test_toll_against_its_parts_in_the_same_sentence():
    r = report(
        fig("sdf_areas", "total", "killed", "all", 14, sentence="a"),
        fig("sdf_areas", "total", "killed", "civilians", 4, sentence="a"),
        fig("sdf_areas", "total", "killed", "sdf", 10, sentence="a"),
        fig("sdf_areas", "total", "killed", "civilians", 1, subgroup="women", sentence="a"),  # inside the 4
        fig("sdf_areas", "total", "killed", "isis", 3, perpetrator="sdf", sentence="a"),  # added, not a part
    )
    assert rows(total_vs_parts(r)) == [("total_vs_parts", "sdf_areas", "killed", "all", 14, 14, True)]


def test_toll_parts_that_do_not_add_up_fail():
    r = report(
        fig("badia", "total", "killed", "all", 31, sentence="a"),
        fig("badia", "total", "killed", "civilians", 3, sentence="a"),
        fig("badia", "total", "killed", "government_forces", 27, sentence="a"),
    )
    assert rows(total_vs_parts(r)) == [("total_vs_parts", "badia", "killed", "all", 31, 30, False)]


def test_an_undivided_count_after_the_parts_is_one_more_part():
    r = report(
        fig("sdf_areas", "total", "killed", "all", 13, sentence="a"),
        fig("sdf_areas", "total", "killed", "civilians", 5, sentence="a"),
        fig("sdf_areas", "total", "killed", "sdf", 7, sentence="a"),
        fig("sdf_areas", "total", "killed", "all", 1, sentence="a"),  # "and an unidentified man"
    )
    assert rows(total_vs_parts(r)) == [("total_vs_parts", "sdf_areas", "killed", "all", 13, 13, True)]


def test_parts_without_a_toll_before_them_write_no_row():
    r = report(
        fig("sdf_areas", "total", "killed", "civilians", 5, sentence="a"),
        fig("sdf_areas", "total", "killed", "all", 1, sentence="a"),  # "5 civilians and an unidentified man"
    )
    assert total_vs_parts(r) == []


def test_isis_members_count_among_the_parts_when_the_toll_needs_them():
    r = report(
        fig("sdf_areas", "total", "killed", "all", 18, sentence="a"),
        fig("sdf_areas", "total", "killed", "civilians", 4, sentence="a"),
        fig("sdf_areas", "total", "killed", "sdf", 11, sentence="a"),
        fig("sdf_areas", "total", "killed", "isis", 3, sentence="a"),
    )
    assert rows(total_vs_parts(r)) == [("total_vs_parts", "sdf_areas", "killed", "all", 18, 18, True)]


def test_toll_without_parts_writes_no_row():
    r = report(fig("sdf_areas", "total", "killed", "all", 7, qualifier="approximately"))
    assert total_vs_parts(r) == [] and check_report(r) == []


def test_cumulative_toll_is_checked_against_cumulative_parts_only():
    r = report(
        fig("sdf_areas", "total", "killed", "all", 19, scope="cumulative", sentence="b"),
        fig("sdf_areas", "total", "killed", "civilians", 5, scope="cumulative", sentence="b"),
        fig("sdf_areas", "total", "killed", "sdf", 14, scope="cumulative", sentence="b"),
        fig("sdf_areas", "total", "killed", "sdf", 6, sentence="c"),
    )
    assert rows(total_vs_parts(r)) == [("total_vs_parts", "sdf_areas", "killed", "all", 19, 19, True)]


# --- headline_vs_body -----------------------------------------------------------------------------------


def test_headline_matches_the_body_total_with_its_qualifier():
    r = report(
        fig("badia", "headline", "killed", "government_forces", 20, qualifier="approximately"),
        fig("badia", "total", "killed", "government_forces", 19),
        fig("sdf_areas", "headline", "operations", "all", 5),
        fig("sdf_areas", "total", "operations", "all", 5),
    )
    assert rows(headline_vs_body(r)) == [
        ("headline_vs_body", "badia", "killed", "government_forces", 20, 19, True),
        ("headline_vs_body", "sdf_areas", "operations", "all", 5, 5, True),
    ]


def test_headline_in_zone_all_sums_the_zones():
    r = report(
        fig("all", "headline", "operations", "all", 312),
        fig("sdf_areas", "total", "operations", "all", 141),
        fig("badia", "total", "operations", "all", 171),
    )
    assert rows(headline_vs_body(r)) == [("headline_vs_body", "all", "operations", "all", 312, 312, True)]


def test_headline_of_unknown_perpetrator_counts_isis_dead_too():
    body = (
        fig("badia", "total", "killed", "government_forces", 29),
        fig("badia", "total", "killed", "civilians", 4),
        fig("badia", "total", "killed", "isis", 5, perpetrator="russia"),
        fig("sdf_areas", "total", "killed", "all", 7),
        fig("sdf_areas", "total", "killed", "civilians", 1),
        fig("sdf_areas", "total", "killed", "sdf", 6),
    )
    mixed = report(
        fig("all", "headline", "killed", "all", 45, perpetrator="unknown", qualifier="approximately"), *body
    )
    assert rows(headline_vs_body(mixed)) == [("headline_vs_body", "all", "killed", "all", 45, 45, True)]
    isis_only = report(fig("all", "headline", "killed", "all", 40, qualifier="approximately"), *body)
    assert rows(headline_vs_body(isis_only)) == [("headline_vs_body", "all", "killed", "all", 40, 40, True)]


def test_headline_toll_in_one_zone_sums_its_groups():
    r = report(
        fig("badia", "headline", "killed", "all", 30, qualifier="at_least"),
        fig("badia", "total", "killed", "government_forces", 32),
        fig("badia", "total", "killed", "isis", 4, perpetrator="russia"),
    )
    assert rows(headline_vs_body(r)) == [("headline_vs_body", "badia", "killed", "all", 30, 32, True)]


def test_headline_off_from_the_body_fails():
    r = report(
        fig("badia", "headline", "operations", "all", 30), fig("badia", "total", "operations", "all", 23)
    )
    assert rows(headline_vs_body(r)) == [("headline_vs_body", "badia", "operations", "all", 30, 23, False)]


def test_headline_without_a_body_figure_writes_no_row():
    r = report(
        fig("badia", "headline", "killed", "civilians", 3), fig("badia", "total", "operations", "all", 6)
    )
    assert headline_vs_body(r) == []


def test_check_rows_carry_the_report_id_and_a_detail():
    r = report(
        fig("sdf_areas", "total", "operations", "all", 7),
        fig("sdf_areas", "breakdown", "operations", "all", 4, admin1="Deir ez-Zor"),
        fig("sdf_areas", "breakdown", "operations", "all", 3, admin1="Hasakah"),
    )
    (check,) = check_report(r)
    assert check.report_id == "r1" and check.ok
    assert "Deir ez-Zor 4" in check.detail and "Hasakah 3" in check.detail
