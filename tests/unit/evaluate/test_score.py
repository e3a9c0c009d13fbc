"""The matching rule of helpers.evaluate.score, on small frames made here (the rule of realdev/score.py)."""

import json

import pandas as pd
import pytest

from helpers.evaluate.annotations import COLUMNS, Truth
from helpers.evaluate.score import Extra, Miss, Tally, evaluate

DEFAULTS = {"zone": "sdf_areas", "level": "total", "admin1": "", "measure": "killed", "group": "civilians",
            "subgroup": "", "perpetrator": "isis", "value": "1", "qualifier": "exact", "scope": "report"}


def annotation(**fields) -> dict:
    return {**DEFAULTS, **fields}


def figure(report_id: str, **fields) -> dict:
    row = {**DEFAULTS, "report_id": report_id, "sentence": f"sentence of {report_id}", "start": 0, "end": 1,
           **fields}
    row["admin1"] = row["admin1"] or None
    row["subgroup"] = row["subgroup"] or None
    row["value"] = int(row["value"])
    return row


def figures(*rows: dict) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=["report_id", *COLUMNS, "sentence", "start", "end"])
    text = [c for c in frame.columns if c not in ("value", "start", "end")]
    return frame.astype({**dict.fromkeys(text, "string"), "value": "int64", "start": "int64", "end": "int64"})


def reports(*rows: tuple) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["report_id", "month", "status"])
    return frame.astype({"report_id": "string", "month": "Int64", "status": "string"})


def truth(annotations: dict[str, list[dict]], sources: list[dict] | None = None) -> Truth:
    frames = {}
    for report_id, rows in annotations.items():
        frame = pd.DataFrame(rows, columns=list(COLUMNS))
        frames[report_id] = frame.assign(line=range(2, 2 + len(frame)), note="")
    if sources is None:
        table = pd.DataFrame({"id": list(annotations), "category": "all", "month": "", "month_in_text": ""})
    else:
        table = pd.DataFrame([{"category": "all", "month": "", "month_in_text": "", **s} for s in sources])
    return Truth(annotations=frames, sources=table, month_scored=sources is not None,
                 files={i: f"{i}.csv" for i in annotations})


def one(annotated: list[dict], extracted: list[dict], month=None):
    result = evaluate(figures(*[figure("r", **e) for e in extracted]), reports(("r", month, "ok")),
                      truth({"r": annotated}))
    return result.reports[0]


def test_a_figure_matching_on_every_field_is_found_and_precise():
    score = one([annotation(value="5")], [dict(value="5")])
    assert (score.tally.found, score.tally.expected, score.tally.extra, score.tally.extracted) == (1, 1, 0, 1)
    assert score.tally.recall == 1.0 and score.tally.precision == 1.0
    assert score.misses == () and score.extras == ()


@pytest.mark.parametrize("field, annotated, extracted", [
    ("zone", "badia", "sdf_areas"),
    ("measure", "injured", "killed"),
    ("group", "sdf", "civilians"),
    ("value", "4", "5"),
    ("level", "breakdown", "total"),
    ("admin1", "Raqqa", ""),
    ("admin1", "Raqqa", "Hasakah"),
    ("subgroup", "children", ""),
    ("subgroup", "", "women"),
    ("scope", "cumulative", "report"),
])
def test_any_compared_field_that_differs_gives_a_miss_and_an_extra(field, annotated, extracted):
    score = one([annotation(**{field: annotated})], [{field: extracted}])
    assert score.tally.found == 0 and score.tally.extra == 1 and score.tally.precision == 0.0
    assert len(score.misses) == 1 and str(getattr(score.misses[0], field)) == annotated


def test_which_subgroup_qualifier_and_perpetrator_do_not_decide_a_match():
    score = one([annotation(subgroup="children", qualifier="exact", perpetrator="isis")],
                [dict(subgroup="women", qualifier="approximately", perpetrator="unknown")])
    assert score.tally.found == 1 and score.tally.extra == 0
    assert (score.tally.qualifier, score.tally.qualifier_ok) == (1, 0)
    assert (score.tally.perpetrator, score.tally.perpetrator_ok) == (1, 0)


def test_a_headline_annotation_compares_only_zone_measure_group_value():
    score = one([annotation(level="headline", value="9")],
                [dict(level="breakdown", admin1="Raqqa", subgroup="women", scope="cumulative", value="9")])
    assert score.tally.found == 1 and score.tally.extra == 0
    # but an extracted headline still needs a non-headline annotation to have level headline to match it
    score = one([annotation(level="total", value="9")], [dict(level="headline", value="9")])
    assert score.tally.found == 0 and score.tally.extra == 1


def test_one_annotation_uses_every_figure_it_matches_and_one_figure_serves_several():
    score = one([annotation(value="3")], [dict(value="3", start=5, end=6), dict(value="3", start=20, end=21)])
    assert (score.tally.found, score.tally.extra, score.tally.extracted) == (1, 0, 2)
    score = one([annotation(value="3"), annotation(value="3", level="headline")], [dict(value="3")])
    assert (score.tally.found, score.tally.expected, score.tally.extra) == (2, 2, 0)


def test_qualifier_and_perpetrator_agree_when_any_matched_figure_has_them():
    score = one([annotation(value="3", qualifier="at_least", perpetrator="")],
                [dict(value="3", qualifier="exact"), dict(value="3", qualifier="at_least", level="headline"),
                 dict(value="3", qualifier="at_least", start=9)])
    assert (score.tally.qualifier, score.tally.qualifier_ok) == (1, 1)
    assert (score.tally.perpetrator, score.tally.perpetrator_ok) == (0, 0)  # empty: not compared
    assert score.tally.extra == 1  # the headline figure matches a non-headline annotation only by level


def test_misses_and_extras_say_what_and_where():
    score = one([annotation(value="2", admin1="Raqqa", level="breakdown")],
                [dict(value="2", admin1="Hasakah", level="breakdown", start=40, end=41)])
    assert score.misses == (Miss(report_id="r", line=2, zone="sdf_areas", level="breakdown", admin1="Raqqa",
                                 measure="killed", group="civilians", subgroup="", perpetrator="isis",
                                 value=2, qualifier="exact", scope="report", note=""),)
    assert score.extras == (Extra(report_id="r", zone="sdf_areas", level="breakdown", admin1="Hasakah",
                                  measure="killed", group="civilians", subgroup=None, perpetrator="isis",
                                  value=2, qualifier="exact", scope="report", sentence="sentence of r",
                                  start=40, end=41),)
    assert score.misses[0].describe() == ("zone=sdf_areas, level=breakdown, admin1=Raqqa, measure=killed, "
                                          "group=civilians, perpetrator=isis, value=2, qualifier=exact, "
                                          "scope=report")
    assert score.extras[0].describe() == ("zone=sdf_areas, level=breakdown, admin1=Hasakah, measure=killed, "
                                          "group=civilians, perpetrator=isis, value=2, qualifier=exact, "
                                          "scope=report")


def test_other_reports_figures_never_match_and_unannotated_reports_are_not_scored():
    result = evaluate(figures(figure("a", value="3"), figure("b", value="3"), figure("c", value="8")),
                      reports(("a", None, "ok"), ("b", None, "ok"), ("c", None, "ok")),
                      truth({"a": [annotation(value="3")], "b": []}))
    assert [s.report_id for s in result.reports] == ["a", "b"]
    assert [(s.tally.found, s.tally.extra) for s in result.reports] == [(1, 0), (0, 1)]
    assert result.total.extracted == 2  # c is not annotated


def test_a_report_missing_from_the_build_misses_everything():
    result = evaluate(figures(), reports(), truth({"gone": [annotation(), annotation(value="2")]}))
    score = result.reports[0]
    assert score.status == "missing" and score.month_found is None
    assert (score.tally.found, score.tally.expected, score.tally.extracted) == (0, 2, 0)
    assert score.tally.precision == 0.0 and score.tally.recall == 0.0


def test_an_annotated_duplicate_is_scored_as_the_build_has_it_and_said(caplog):
    build = reports(("kept", 112, "ok"), ("copy", 112, "warnings")).assign(same_as=["<NA>", "kept"])
    build["same_as"] = build["same_as"].astype("string").replace("<NA>", pd.NA)
    result = evaluate(figures(figure("kept")), build, truth({"copy": [annotation()]}))
    assert (result.total.found, result.total.extracted) == (0, 0) and result.reports[0].status == "warnings"
    assert "annotated report copy is a duplicate of kept in the build" in caplog.text


def test_month_found_wrong_invented_and_not_scored():
    sources = [{"id": "ok", "month": "112", "month_in_text": "yes"},
               {"id": "wrong", "month": "112", "month_in_text": "yes"},
               {"id": "lost", "month": "112", "month_in_text": "yes"},
               {"id": "invented", "month": "", "month_in_text": ""},
               {"id": "none", "month": "", "month_in_text": "no"}]
    build = reports(("ok", 112, "ok"), ("wrong", 56, "warnings"), ("lost", None, "ok"),
                    ("invented", 60, "ok"), ("none", None, "ok"))
    result = evaluate(figures(), build, truth({s["id"]: [] for s in sources}, sources))
    by_id = {s.report_id: s for s in result.reports}
    assert [by_id[i].month_ok for i in ("ok", "wrong", "lost", "invented", "none")] == [True, False, False,
                                                                                        None, None]
    assert [by_id[i].month_invented for i in ("ok", "wrong", "lost", "invented", "none")] == [
        False, False, False, True, False]
    assert (result.total.months, result.total.month_ok, result.total.month_invented) == (3, 1, 1)
    # without sources months are not scored at all
    result = evaluate(figures(), build, truth({s["id"]: [] for s in sources}))
    assert not result.month_scored
    assert (result.total.months, result.total.month_ok, result.total.month_invented) == (0, 0, 0)
    assert result.reports[1].month_found == 56 and result.reports[1].month_in_text is None


def test_categories_and_total_add_up():
    sources = [{"id": "a", "category": "series"}, {"id": "b", "category": "related"},
               {"id": "c", "category": "series"}]
    result = evaluate(
        figures(figure("a", value="1"), figure("a", value="2"), figure("b", value="5"),
                figure("c", value="7")),
        reports(("a", None, "ok"), ("b", None, "ok"), ("c", None, "ok")),
        truth({"a": [annotation(value="1"), annotation(value="9")], "b": [annotation(value="5")],
               "c": [annotation(value="7")]}, sources))
    assert list(result.categories) == ["related", "series"]
    series = result.categories["series"]
    assert (series.reports, series.expected, series.found, series.extracted, series.extra) == (2, 3, 2, 3, 1)
    assert series.recall == pytest.approx(2 / 3) and series.precision == pytest.approx(2 / 3)
    assert result.total == series + result.categories["related"]
    assert (result.total.found, result.total.expected) == (3, 4)


def test_empty_tallies_follow_the_yardstick():
    assert Tally().recall == 1.0 and Tally().precision == 0.0


def test_the_json_shape():
    result = evaluate(figures(figure("r", value="3"), figure("r", value="4")), reports(("r", 112, "ok")),
                      truth({"r": [annotation(value="3"), annotation(value="5")]},
                            [{"id": "r", "category": "series", "month": "112", "month_in_text": "yes"}]))
    data = json.loads(json.dumps(result.to_dict()))
    assert set(data) == {"month_scored", "reports", "categories", "total"}
    counts = {"reports", "expected", "found", "extracted", "extra", "months", "month_ok", "month_invented",
              "qualifier", "qualifier_ok", "perpetrator", "perpetrator_ok", "recall", "precision"}
    assert set(data["total"]) == counts and set(data["categories"]) == {"series"}
    report = data["reports"][0]
    assert set(report) == counts | {"report_id", "category", "status", "month", "misses", "extras"}
    assert (report["found"], report["expected"], report["extra"], report["precision"]) == (1, 2, 1, 0.5)
    assert report["month"] == {"found": 112, "expected": 112, "in_text": True, "ok": True, "invented": False}
    assert (report["months"], report["month_ok"], report["month_invented"]) == (1, 1, 0)
    assert report["misses"] == [{"report_id": "r", "line": 3, "zone": "sdf_areas", "level": "total",
                                 "admin1": "", "measure": "killed", "group": "civilians", "subgroup": "",
                                 "perpetrator": "isis", "value": 5, "qualifier": "exact", "scope": "report",
                                 "note": ""}]
    assert report["extras"][0]["value"] == 4 and report["extras"][0]["sentence"] == "sentence of r"
