"""Each notebook, run on two datasets, writes Findings that agree with the tables it shows.

Datasets: the real sample alone (notebook defaults, as ``make run`` / ``make monthly MONTH=112`` on it),
and the sample plus the synthetic demo corpus with ``include_synthetic=True`` (and its month-112 brief). For
each run the tables the notebook displayed are recomputed here with the same helpers and found in its
outputs, then every sentence of its Findings cell is matched to a known form and checked against those
tables: a sentence of no known form fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

from helpers import paths
from helpers.analysis import findings, uncertainty
from helpers.analysis import views as analysis
from helpers.build.corpus import build

ROOT = paths.PROJECT_ROOT
SAMPLE = ROOT / "data" / "raw" / "000_ce1fad4af3d1fbde.txt"
NOTEBOOKS = ("01_monthly_trend", "02_regional", "03_actor_comparison", "04_monthly_brief")
DATASETS = ("sample", "sample_and_demo")
RUNS = {  # run -> dataset, parameters, notebooks
    "sample": ("sample", {}, NOTEBOOKS),
    "demo": ("sample_and_demo", {"include_synthetic": True}, NOTEBOOKS),
    "demo_m112": ("sample_and_demo", {"include_synthetic": True, "month": 112}, ("04_monthly_brief",)),
}

pytestmark = pytest.mark.skipif(not SAMPLE.is_file(), reason="the real sample report is not in data/raw")


def _project(base: Path, name: str) -> Path:
    """A project folder with data/raw (the sample, or the whole raw folder) built into data/processed."""
    root = base / name
    raw = root / "data" / "raw"
    if name == "sample":
        raw.mkdir(parents=True)
        shutil.copy(SAMPLE, raw / SAMPLE.name)
    else:
        shutil.copytree(ROOT / "data" / "raw", raw)
    (root / "notebooks").mkdir()
    build(raw, root / "data" / "processed", progress=False)
    return root


def _execute(root: Path, notebook: str, parameters: dict, run: str) -> dict:
    import papermill

    output = root / "notebooks" / f"{notebook}_{run}.ipynb"
    papermill.execute_notebook(str(ROOT / "notebooks" / f"{notebook}.ipynb"), str(output),
                               parameters=parameters, kernel_name="python3", cwd=str(root / "notebooks"),
                               progress_bar=False, log_output=False)
    return json.loads(output.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict:
    """(run, notebook) -> (project root, executed notebook JSON); the kernels see the project folder."""
    base = tmp_path_factory.mktemp("projects")
    roots = {name: _project(base, name) for name in DATASETS}
    previous = os.environ.get("HELPERS_PROJECT_ROOT")
    # papermill's cwd= changes the process's folder while a notebook runs; two threads doing so at once can
    # leave it in a project folder of this test, and later tests that look for the checkout from the working
    # folder (an installed, non-editable package) would not find it.
    cwd = os.getcwd()
    out = {}
    try:
        for dataset in DATASETS:  # the kernel reads the project root from its environment at start
            os.environ["HELPERS_PROJECT_ROOT"] = str(roots[dataset])
            jobs = [(run, nb, params) for run, (d, params, notebooks) in RUNS.items() if d == dataset
                    for nb in notebooks]
            with ThreadPoolExecutor(2) as pool:
                done = pool.map(lambda job, d=dataset: (job, _execute(roots[d], job[1], job[2], job[0])),
                                jobs)
                for (run, nb, _), executed in done:
                    out[(run, nb)] = (roots[dataset], executed)
    finally:
        os.chdir(cwd)
        if previous is None:
            os.environ.pop("HELPERS_PROJECT_ROOT", None)
        else:
            os.environ["HELPERS_PROJECT_ROOT"] = previous
    return out


def _outputs(executed: dict) -> str:
    """All text/plain and stream outputs of the notebook, joined."""
    parts = []
    for cell in executed["cells"]:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                parts.append("".join(output["text"]))
            elif "data" in output:
                parts.append("".join(output["data"].get("text/plain", "")))
    return "\n".join(parts)


def _findings(executed: dict) -> list[str]:
    """The sentences of the Findings cell (tagged ``findings``)."""
    cells = [c for c in executed["cells"] if "findings" in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, "one Findings cell tagged 'findings'"
    text = "".join(cells[0]["outputs"][0]["data"]["text/markdown"])
    return [line[2:] for line in text.splitlines() if line.startswith("- ")]


def _shown(table) -> str:
    with pd.option_context("display.max_rows", 60, "display.width", 120, "display.max_columns", 20):
        return repr(table)


def _data(root: Path) -> analysis.Dataset:
    return analysis.load_tables(root / "data" / "processed")


def _parameters(executed: dict) -> dict:
    cell = next((c for c in executed["cells"] if "injected-parameters" in c["metadata"].get("tags", [])),
                {"source": ""})
    values = {}
    for line in "".join(cell["source"]).splitlines():
        if "=" in line and not line.startswith("#"):
            name, value = line.split("=", 1)
            values[name.strip()] = eval(value.strip())  # noqa: S307 - papermill wrote literals
    return values


def _check_coverage(sentence: str, kinds: pd.Series) -> bool:
    match = re.fullmatch(r"(?:Previous period: )?(?:Months? [\d-]+|none): (\d+) real reports?, "
                         r"(\d+) synthetic demo reports?, (\d+) months? without a report"
                         r"(?: \(([\d, -]+)\))?\.", sentence)
    if not match:
        return False
    real, synthetic, missing = (int(match.group(i)) for i in (1, 2, 3))
    assert (real, synthetic, missing) == ((kinds == "real").sum(), (kinds == "synthetic").sum(),
                                          (kinds == "none").sum()), sentence
    if match.group(4):
        assert match.group(4) == analysis.month_list(kinds.index[kinds == "none"]), sentence
    return True


def _check_synthetic_note(sentence: str, kinds: pd.Series) -> bool:
    match = re.fullmatch(r"Months ([\d, -]+) are synthetic demo data .*", sentence)
    if match:
        assert match.group(1) == analysis.month_list(kinds.index[kinds == "synthetic"]), sentence
    return bool(match)


# ---------------------------------------------------------------------------------------------- the brief

def check_brief(root: Path, executed: dict) -> None:
    include = _parameters(executed).get("include_synthetic", False)
    data = _data(root)
    counts, areas = analysis.monthly_counts(data, include), analysis.area_counts(data, include)
    month = analysis.resolve_month(analysis.available_months(counts), _parameters(executed).get("month", 0))
    headline = analysis.headline_table(counts, month, 12)
    display = analysis.headline_display(headline, month)
    area_lines = analysis.area_table(areas, month, bounds=True)
    governorates = analysis.area_summary(areas, [month], bounds=True)
    shown_governorates = uncertainty.marked(governorates)
    report_ids = analysis.month_report_ids(data, month, include)
    events = analysis.month_events(data.events, report_ids)
    shown = _outputs(executed)
    for table in (display, uncertainty.marked(area_lines), events):
        assert _shown(table) in shown
    names = {name.lstrip("- "): name for name in display.index}
    for sentence in _findings(executed):
        if match := re.fullmatch(r"Month (\d+) rests on one (real report|synthetic demo report): (\S+)\.",
                                 sentence):
            assert int(match.group(1)) == month and [match.group(3)] == report_ids
            assert ("synthetic" in match.group(2)) == bool(headline["kind"].eq("synthetic").all())
        elif match := re.fullmatch(r"([\w /-]+): (.+?) in month (\d+); (.+)\.", sentence):
            row, shown_row = headline.loc[names[match.group(1)]], display.loc[names[match.group(1)]]
            assert shown_row[f"month {month}"] == match.group(2), sentence
            for clause in match.group(4).split("; "):
                _check_brief_clause(clause, row, shown_row, month, sentence)
        elif match := re.fullmatch(r"No comparison: month (\d+) has no (real|synthetic) report, and no "
                                   r"(real|synthetic) month of the (\d+) before states these figures\.",
                                   sentence):
            assert int(match.group(1)) == month - 1 and match.group(2) == headline["kind"].iloc[0]
            assert (display[f"month {month - 1}"] == uncertainty.MISSING).all()
            assert (display["months in mean"] == 0).all()
        elif match := re.fullmatch(r"Stated for month (\d+): (.+)\.", sentence):
            assert int(match.group(1)) == month
            for part in match.group(2).split("; "):
                name = next(n for n in sorted(names, key=len, reverse=True) if part.startswith(n + " "))
                assert display.loc[names[name], f"month {month}"] == part[len(name) + 1:], sentence
        elif match := re.fullmatch(r"The report does not state: (.+) \(shown as —, not 0\)\.", sentence):
            for name in match.group(1).split(", "):
                assert display.loc[names[name], f"month {month}"] == uncertainty.MISSING, sentence
        elif sentence.startswith("The report gives zone totals only"):
            assert area_lines.empty
        elif match := re.fullmatch(r"(\d+) area lines? in (\d+) governorates?; most ISIS operations in "
                                   r"([\w -]+) \((.+)\)\.", sentence):
            assert int(match.group(1)) == len(area_lines) and int(match.group(2)) == len(governorates)
            assert governorates["operations"].idxmax() == match.group(3)
            assert shown_governorates.loc[match.group(3), "operations"] == match.group(4)
        elif sentence == "No notable single event.":
            assert events.empty
        elif match := re.fullmatch(r"(\d+) notable single events?\.", sentence):
            assert int(match.group(1)) == len(events)
        else:
            pytest.fail(f"a Findings sentence of no known form: {sentence!r}")


def _check_brief_clause(clause: str, row: pd.Series, shown: pd.Series, month: int, sentence: str) -> None:
    if match := re.fullmatch(r"(up|down|unchanged|no clear change) from (.+) in month (\d+)", clause):
        assert int(match.group(3)) == month - 1 and shown[f"month {month - 1}"] == match.group(2), sentence
        way = match.group(1)
        if way == "up":
            assert row["this_month_low"] > row["previous_month_high"], sentence
        elif way == "down":
            assert row["this_month_high"] < row["previous_month_low"], sentence
        elif way == "unchanged":
            assert shown["change"] == "+0", sentence
    elif re.fullmatch(rf"month {month - 1} has no (real|synthetic) report stating it", clause):
        assert shown[f"month {month - 1}"] == uncertainty.MISSING, sentence
    elif match := re.fullmatch(r"(above|below|about) the trailing mean (.+) over (\d+) (real|synthetic) "
                               r"months?", clause):
        assert shown["trailing mean"] == match.group(2) and shown["months in mean"] == int(match.group(3))
        assert match.group(4) == row["kind"], sentence
        if match.group(1) == "above":
            assert row["this_month_low"] > row["trailing_mean_high"] and shown["vs mean"].startswith("+")
        elif match.group(1) == "below":
            assert row["this_month_high"] < row["trailing_mean_low"] and shown["vs mean"].startswith("-")
    elif re.fullmatch(r"no trailing mean: no earlier (real|synthetic) month of the \d+ before states it",
                      clause):
        assert shown["months in mean"] == 0, sentence
    else:
        pytest.fail(f"a Findings clause of no known form: {clause!r} in {sentence!r}")


# ----------------------------------------------------------------------------------------------- trend

def check_trend(root: Path, executed: dict) -> None:
    include = _parameters(executed).get("include_synthetic", False)
    data = _data(root)
    counts = analysis.monthly_counts(data, include)
    months = analysis.month_range(analysis.available_months(counts))
    zones = ["sdf_areas", "badia", "government_areas", "other"]
    kinds = analysis.month_kinds(counts, months)
    period = analysis.period_lethality(counts, months, zones)
    groups = analysis.bounded_table(counts, analysis.Metric("killed"), months, by="group", zones=zones).sum()
    shown = _outputs(executed)
    marked = uncertainty.marked(period)
    assert _shown(marked) in shown
    group_display = groups.display()
    assert _shown(group_display.rename("killed in the period").to_frame()) in shown
    for sentence in _findings(executed):
        if _check_coverage(sentence, kinds) or _check_synthetic_note(sentence, kinds):
            continue
        if match := re.fullmatch(r"ISIS operations over the period: (.+)\.", sentence):
            for part in match.group(1).split("; "):
                zone, value = part.split(" ", 1) if not part.startswith(("SDF", "other", "several")) else \
                    _split_named(part, findings.ZONE_NAMES)
                assert marked.loc[_key(findings.ZONE_NAMES, zone), "operations"] == value, sentence
        elif match := re.fullmatch(r"Deaths caused by ISIS per operation are highest in (.+) \(([\d.]+)\)\.",
                                   sentence):
            lethal = period["deaths_per_operation"].dropna()
            assert findings.ZONE_NAMES[lethal.idxmax()] == match.group(1)
            assert f"{lethal.max():.2f}" == match.group(2)
        elif match := re.fullmatch(r"People killed over the period, largest group first: (.+)\.", sentence):
            parts = match.group(1).split("; ")
            values = []
            for part in parts:
                name, value = _split_named(part, findings.GROUP_NAMES)
                assert group_display[_key(findings.GROUP_NAMES, name)] == value, sentence
                values.append(groups.best[_key(findings.GROUP_NAMES, name)])
            assert values == sorted(values, reverse=True), sentence
        elif sentence == "No month states ISIS operations in the selected zones.":
            assert period["operations"].isna().all()
        else:
            pytest.fail(f"a Findings sentence of no known form: {sentence!r}")


def _split_named(part: str, names: dict) -> tuple[str, str]:
    """``"government forces ≥ 22"`` -> (``"government forces"``, ``"≥ 22"``) for a known display name."""
    for name in sorted(names.values(), key=len, reverse=True):
        if part.startswith(name + " "):
            return name, part[len(name) + 1:]
    raise AssertionError(f"no known name in {part!r}")


def _key(names: dict, shown: str) -> str:
    return next(k for k, v in names.items() if v == shown)


# -------------------------------------------------------------------------------------------- regional

def check_regional(root: Path, executed: dict) -> None:
    include = _parameters(executed).get("include_synthetic", False)
    data = _data(root)
    counts, areas = analysis.monthly_counts(data, include), analysis.area_counts(data, include)
    current, previous = analysis.period_months(analysis.available_months(counts), 0, 12)
    operations = analysis.HEADLINE_METRICS["ISIS operations"]
    governorates = analysis.area_summary(areas, current, bounds=True)
    shown_governorates = uncertainty.marked(governorates)
    change = analysis.period_change(areas, operations, current, previous)
    attributed = analysis.attribution(counts, areas, operations, current)
    shown = _outputs(executed)
    for table in (shown_governorates, change):
        assert _shown(table) in shown
    kinds, previous_kinds = analysis.month_kinds(counts, current), analysis.month_kinds(counts, previous)
    for sentence in _findings(executed):
        if sentence.startswith("Previous period: "):
            assert _check_coverage(sentence, previous_kinds)
        elif _check_coverage(sentence, kinds) or _check_synthetic_note(sentence, kinds):
            continue
        elif match := re.fullmatch(r"Most ISIS operations in the period: (.+)\.", sentence):
            ranked = governorates["operations"].dropna().sort_values(ascending=False, kind="stable")
            names = [g for g in ranked.head(3).index]
            expected = [f"{g} {shown_governorates.loc[g, 'operations']}" for g in names]
            assert match.group(1).split("; ") == expected, sentence
        elif match := re.fullmatch(r"Against the previous period: (\d+) governorates up \((.+)\), (\d+) down "
                                   r"\((.+)\), (\d+) unchanged\.", sentence):
            up = [g for g, c in change["change"].items() if c > 0]
            down = [g for g, c in change["change"].items() if c < 0]
            assert int(match.group(1)) == len(up) and match.group(2) == (", ".join(up) or "none"), sentence
            assert int(match.group(3)) == len(down) and match.group(4) == (", ".join(down) or "none")
            assert int(match.group(5)) == int((change["change"] == 0).sum())
        elif "previous period states ISIS operations" in sentence:
            assert change.empty or change["previous"].isna().all(), sentence
        elif "No area line of the period states ISIS operations" in sentence:
            assert governorates.empty or governorates["operations"].isna().all() or \
                change["current"].isna().all(), sentence
        elif match := re.fullmatch(r"Share of the zones' ISIS operations that area lines place: (.+)\.",
                                   sentence):
            for part in match.group(1).split("; "):
                name, pct = part.rsplit(" ", 2)[0], part.rsplit(" ", 2)[1]
                assert f"{attributed[_key(findings.ZONE_NAMES, name)] * 100:.0f}" == pct, sentence
        else:
            pytest.fail(f"a Findings sentence of no known form: {sentence!r}")


# ---------------------------------------------------------------------------------------------- actors

def check_actors(root: Path, executed: dict) -> None:
    include = _parameters(executed).get("include_synthetic", False)
    data = _data(root)
    counts = analysis.monthly_counts(data, include)
    months = analysis.month_range(analysis.available_months(counts))
    kinds = analysis.month_kinds(counts, months)
    summary = analysis.theatre_summary(analysis.theatre_table(counts, months))
    shown_summary = uncertainty.marked(summary)
    counter = uncertainty.marked(analysis.counter_isis_totals(counts, months))
    composition = analysis.shares(analysis.casualty_composition(counts, months, ["badia", "sdf_areas"]))
    shown = _outputs(executed)
    for table in (shown_summary, counter, composition):
        assert _shown(table) in shown
    for sentence in _findings(executed):
        if _check_coverage(sentence, kinds) or _check_synthetic_note(sentence, kinds):
            continue
        if match := re.fullmatch(r"(.+ \(vs .+\)): (.+) ISIS operations, (.+) force members killed by ISIS"
                                 r"(?: \(([\d.]+) per operation\))?; exchange ratio ([\d.]+|—)\.", sentence):
            row, shown_row = summary.loc[match.group(1)], shown_summary.loc[match.group(1)]
            assert (shown_row["operations"], shown_row["force_killed"]) == (match.group(2), match.group(3))
            if match.group(4):
                assert f"{row['force_killed_per_operation']:.2f}" == match.group(4)
            ratio = row["exchange_ratio"]
            assert match.group(5) == ("—" if pd.isna(ratio) else f"{ratio:.2f}"), sentence
        elif match := re.fullmatch(r"Not stated in any month \(gaps, not zeros\): (.+)\.", sentence):
            for name in match.group(1).split(", "):
                assert counter.loc[name, "months_stated"] == 0 and counter.loc[name, "total"] == "—", sentence
        elif match := re.fullmatch(r"(.+): (.+) over (\d+) months? that state it\.", sentence):
            row = counter.loc[match.group(1)]
            assert row["total"] == match.group(2) and row["months_stated"] == int(match.group(3)), sentence
        elif match := re.fullmatch(r"Largest group among the dead in (.+): (.+) \(([\d.]+) %\)\.", sentence):
            zone = match.group(1)
            key = _key(findings.ZONE_NAMES, zone) if zone in findings.ZONE_NAMES.values() else zone
            row = composition.loc[key].dropna()
            assert findings.GROUP_NAMES[row.idxmax()] == match.group(2)
            assert f"{row.max():.1f}" == match.group(3)
        elif match := re.fullmatch(r"(.+ \(vs .+\)): no month states ISIS operations\.", sentence):
            assert pd.isna(summary.loc[match.group(1), "operations"])
        else:
            pytest.fail(f"a Findings sentence of no known form: {sentence!r}")


CHECKS = {"01_monthly_trend": check_trend, "02_regional": check_regional,
          "03_actor_comparison": check_actors, "04_monthly_brief": check_brief}


@pytest.mark.parametrize(("run", "notebook"), [(run, nb) for run, (_, _, nbs) in RUNS.items() for nb in nbs])
def test_findings_agree_with_the_tables(runs, run, notebook):
    root, executed = runs[(run, notebook)]
    CHECKS[notebook](root, executed)
    assert _findings(executed), "a Findings cell with at least one sentence"


def test_the_real_month_is_judged_by_real_months_only_and_lists_only_its_report(runs):
    for run in ("sample", "demo_m112"):
        _, executed = runs[(run, "04_monthly_brief")]
        text = " ".join(_findings(executed))
        assert "Month 112 rests on one real report: 000_ce1fad4af3d1fbde." in text
        assert "trailing mean 37.0" not in text and "synthetic month" not in text
        assert "No comparison: month 111 has no real report, and no real month of the 12 before" in text
    sources = _outputs(runs[("demo_m112", "04_monthly_brief")][1])
    assert "synthetic_m112" in sources and "not used: same month as 000_ce1fad4af3d1fbde" in sources


def test_the_default_brief_is_the_latest_real_month_with_its_area_lines(runs):
    _, executed = runs[("sample", "04_monthly_brief")]
    text = " ".join(_findings(executed))
    assert "8 area lines in 6 governorates" in text and "zone totals only" not in text
    assert "Stated for month 112: ISIS operations 30; Deaths caused by ISIS 81" in text
    assert "ISIS members arrested 17." in text
