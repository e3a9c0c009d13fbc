"""Tests of helpers.run.runner: selection, parameter checks, planning, run folders, execution, failures."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers.run import runner
from helpers.run.runner import Job, Outcome, ParameterError, RunOptions

PARAMETERS = '''month: int = 0  # caliphate month (0: the latest)
include_synthetic: bool = True  # count synthetic reports
zones: list[str] = ["badia"]  # zones shown'''


def write_notebook(path: Path, parameters: str = PARAMETERS, body: str = "print(month * 2)") -> Path:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cell = new_code_cell(parameters)
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [new_markdown_cell("# t"), cell, new_code_cell(body)]
    for i, c in enumerate(nb.cells):
        c.id = f"c{i}"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


@pytest.fixture()
def folder(tmp_path) -> Path:
    notebooks = tmp_path / "notebooks"
    write_notebook(notebooks / "01_trend.ipynb", "start_month: int = 0  # first\nend_month: int = 0  # last")
    write_notebook(notebooks / "04_monthly_brief.ipynb")
    (notebooks / "scratch.ipynb").write_text("{}")
    return notebooks


def months_of(include_synthetic: bool) -> list[int]:
    return [110, 111, 112] if include_synthetic else [112]


# ----------------------------------------------------------------------------------------------- selection

def test_discover_takes_numbered_notebooks_in_order(folder):
    assert [p.name for p in runner.discover(folder)] == ["01_trend.ipynb", "04_monthly_brief.ipynb"]


@pytest.mark.parametrize("name", ["04", "monthly_brief", "04_monthly_brief", "04_monthly_brief.ipynb"])
def test_select_by_number_name_or_file(folder, name):
    assert [p.stem for p in runner.select(runner.discover(folder), [name])] == ["04_monthly_brief"]


def test_select_all_by_default_and_comma_lists(folder):
    notebooks = runner.discover(folder)
    assert runner.select(notebooks, []) == notebooks
    assert runner.select(notebooks, ["04,01"]) == notebooks


def test_select_unknown_names_the_known_ones(folder):
    with pytest.raises(ParameterError, match="no such notebook.*01_trend, 04_monthly_brief"):
        runner.select(runner.discover(folder), ["regional"])


# ---------------------------------------------------------------------------------------------- parameters

def test_notebook_parameters_reads_types_defaults_and_help(folder):
    spec = runner.notebook_parameters(folder / "04_monthly_brief.ipynb")
    assert spec["month"] == {"type": "int", "default": 0, "help": "caliphate month (0: the latest)"}
    assert spec["zones"]["type"] == "list[str]" and spec["zones"]["default"] == ["badia"]
    assert spec["include_synthetic"]["default"] is True


def test_notebook_without_parameters_cell_is_refused(tmp_path):
    path = write_notebook(tmp_path / "01_x.ipynb")
    nb = nbformat.read(str(path), as_version=4)
    nb.cells[1].metadata = {}
    nbformat.write(nb, str(path))
    with pytest.raises(ParameterError, match="no cell tagged 'parameters'"):
        runner.notebook_parameters(path)


@pytest.mark.parametrize(("text", "expected"), [
    ("month=113", ("month", 113)), ("zones=['badia']", ("zones", ["badia"])),
    ("include_synthetic=False", ("include_synthetic", False)), ("name=Homs", ("name", "Homs")),
])
def test_parse_assignment(text, expected):
    assert runner.parse_assignment(text) == expected


def test_parse_assignment_needs_an_equals_sign():
    with pytest.raises(ParameterError, match="NAME=VALUE"):
        runner.parse_assignment("month")


@pytest.mark.parametrize(("value", "type_name", "ok"), [
    (3, "int", True), (True, "int", False), ("3", "int", False), (3, "float", True), (2.5, "float", True),
    (True, "bool", True), (1, "bool", False), (["a"], "list[str]", True), (["a", 1], "list[str]", False),
    ("a", "list[str]", False), ([1, 2], "list[int]", True), ("x", "str", True), (object(), "Whatever", True),
])
def test_conforms(value, type_name, ok):
    assert runner.conforms(value, type_name) is ok


def test_check_types_refuses_unknown_and_wrong_types(folder):
    declared = {nb.name: runner.notebook_parameters(nb) for nb in runner.discover(folder)}
    runner.check_types(declared, {"month": 112, "end_month": 111})
    with pytest.raises(ParameterError, match="unknown parameter 'mnth'.*end_month, include_synthetic, month"):
        runner.check_types(declared, {"mnth": 112})
    with pytest.raises(ParameterError, match="month='112' of 04_monthly_brief.ipynb must be int"):
        runner.check_types(declared, {"month": "112"})


def test_notebook_values_applies_month_where_it_fits(folder):
    brief = runner.notebook_parameters(folder / "04_monthly_brief.ipynb")
    trend = runner.notebook_parameters(folder / "01_trend.ipynb")
    values = runner.notebook_values(brief, {"end_month": 5, "zones": ["x"]}, 113)
    assert values == {"zones": ["x"], "month": 113}
    assert runner.notebook_values(trend, {}, 113) == {"end_month": 113}
    assert runner.notebook_values(trend, {"end_month": 111}, 113) == {"end_month": 111}


def test_check_values_against_the_data():
    runner.check_values("nb", {"month": 112, "include_synthetic": False}, months_of)
    runner.check_values("nb", {"month": 0, "zones": ["badia", "sdf_areas"]}, months_of)
    with pytest.raises(ParameterError, match="nb: month=111: no usable report.*112-112"):
        runner.check_values("nb", {"month": 111, "include_synthetic": False}, months_of)
    with pytest.raises(ParameterError, match="unknown zones \\['moon'\\]"):
        runner.check_values("nb", {"zones": ["moon"]}, months_of)
    with pytest.raises(ParameterError, match="n_months=0: must be 1 or more"):
        runner.check_values("nb", {"n_months": 0}, months_of)
    with pytest.raises(ParameterError, match="start_month=112 is after end_month=110"):
        runner.check_values("nb", {"start_month": 112, "end_month": 110}, months_of)


# ------------------------------------------------------------------------------------------------ planning

def test_prepare_checks_everything_before_a_kernel_starts(folder, tmp_path):
    options = RunOptions(month=112, build=False, notebooks_dir=folder, reports_dir=tmp_path / "reports")
    plan = runner.prepare(options, months_of)
    jobs = plan.jobs
    assert [(j.notebook.name, j.parameters) for j in jobs] == [
        ("01_trend.ipynb", {"end_month": 112}), ("04_monthly_brief.ipynb", {"month": 112})]
    assert plan.folder == tmp_path / "reports" / "m112"
    assert jobs[1].output == tmp_path / "reports" / "m112" / "04_monthly_brief.ipynb"
    assert jobs[1].html == tmp_path / "reports" / "m112" / "04_monthly_brief.html"
    assert jobs[1].env["HELPERS_FIGURES_DIR"] == str((tmp_path / "reports" / "m112" / "figures").resolve())
    assert jobs[1].env["HELPERS_OUTPUT_DIR"] == str((tmp_path / "reports" / "m112").resolve())


def test_prepare_honours_output_and_the_tables_folder(folder, tmp_path):
    options = RunOptions(build=False, notebooks_dir=folder, output=tmp_path / "mine",
                         processed_dir=tmp_path / "tables")
    plan = runner.prepare(options, months_of)
    assert plan.folder == tmp_path / "mine"
    assert plan.jobs[0].env["HELPERS_PROCESSED_DIR"] == str((tmp_path / "tables").resolve())
    staged = plan.staged(tmp_path / ".mine.partial-1")
    assert staged[0].output == tmp_path / ".mine.partial-1" / "01_trend.ipynb"
    assert staged[0].env["HELPERS_FIGURES_DIR"] == str((tmp_path / ".mine.partial-1" / "figures").resolve())
    assert staged[0].env["HELPERS_PROCESSED_DIR"] == str((tmp_path / "tables").resolve())


def test_prepare_refuses_to_replace_a_folder_that_is_not_a_run(folder, tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.tex").write_text("months of work")
    options = RunOptions(build=False, notebooks_dir=folder, output=tmp_path / "mine")
    with pytest.raises(ParameterError, match="is not the folder of a run"):
        runner.prepare(options, months_of)
    (tmp_path / "mine" / "run.json").write_text("{}")
    assert runner.prepare(options, months_of).folder == tmp_path / "mine"


def test_run_names_never_share_a_folder_between_different_parameters(folder):
    notebooks = runner.discover(folder)
    assert runner.run_name(notebooks, notebooks, None, {}) == "latest"
    assert runner.run_name(notebooks, notebooks, 113, {}) == "m113"
    assert runner.run_name(notebooks, notebooks[1:], 113, {}) == "m113-04"
    custom = runner.run_name(notebooks, notebooks, None, {"include_synthetic": False})
    assert custom.startswith("latest-") and len(custom) == len("latest-") + 8
    assert custom != runner.run_name(notebooks, notebooks, None, {"include_synthetic": True})
    assert custom == runner.run_name(notebooks, notebooks, None, {"include_synthetic": False})


def test_leftovers_of_killed_runs_are_removed_but_not_those_of_running_ones(tmp_path):
    dead = tmp_path / ".latest.partial-999999999"
    alive = tmp_path / f".latest.partial-{os.getpid()}"
    other = tmp_path / ".m113.partial-999999999"
    for folder in (dead, alive, other, tmp_path / ".latest.old-999999999"):
        folder.mkdir()
    assert sorted(p.name for p in runner.remove_leftovers(tmp_path / "latest")) == [
        ".latest.old-999999999", ".latest.partial-999999999"]
    assert alive.is_dir() and other.is_dir()


def test_replace_folder_swaps_a_finished_run_in(tmp_path):
    old, new = tmp_path / "latest", tmp_path / ".latest.partial-1"
    old.mkdir()
    (old / "01.ipynb").write_text("old")
    new.mkdir()
    (new / "01.ipynb").write_text("new")
    runner.replace_folder(new, old)
    assert (old / "01.ipynb").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latest"]


def test_prepare_refuses_a_month_without_data(folder, tmp_path):
    options = RunOptions(month=150, build=False, notebooks_dir=folder, reports_dir=tmp_path)
    with pytest.raises(ParameterError, match="01_trend.ipynb: end_month=150: no usable report"):
        runner.prepare(options, months_of)


def test_prepare_refuses_a_month_no_selected_notebook_takes(tmp_path):
    write_notebook(tmp_path / "nb" / "03_actors.ipynb", "include_synthetic: bool = True  # synthetic")
    options = RunOptions(month=112, build=False, notebooks_dir=tmp_path / "nb", reports_dir=tmp_path)
    with pytest.raises(ParameterError, match="none of the selected notebooks takes a month"):
        runner.prepare(options, months_of)


def test_run_returns_2_on_a_parameter_problem(folder, tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "_months_from", lambda _: months_of)
    options = RunOptions(overrides={"mnth": 1}, build=False, notebooks_dir=folder, reports_dir=tmp_path)
    assert runner.run(options) == 2


# ----------------------------------------------------------------------------------------------- execution

def fake_execute(job: Job, timeout: int, cwd: Path | None) -> Outcome:
    """Module level so that worker processes can unpickle it."""
    ok = "bad" not in job.notebook.name
    return Outcome(job.notebook.name, ok, 0.0, str(job.output), "" if ok else f"{job.notebook.name} failed")


def jobs_for(names: list[str], tmp_path: Path) -> list[Job]:
    return [Job(tmp_path / n, tmp_path / "r" / n, tmp_path / "h" / n, {}) for n in names]


def test_execute_all_in_order_and_stops_at_the_first_failure(tmp_path):
    jobs = jobs_for(["01.ipynb", "02_bad.ipynb", "03.ipynb"], tmp_path)
    outcomes = runner.execute_all(jobs, workers=1, run=fake_execute)
    assert [(o.notebook, o.ok) for o in outcomes] == [("01.ipynb", True), ("02_bad.ipynb", False)]


def test_execute_all_in_parallel_processes(tmp_path):
    jobs = jobs_for(["01.ipynb", "02.ipynb", "03.ipynb"], tmp_path)
    outcomes = runner.execute_all(jobs, workers=2, run=fake_execute)
    assert [o.notebook for o in outcomes] == ["01.ipynb", "02.ipynb", "03.ipynb"]
    assert all(o.ok for o in outcomes)


def test_execute_all_in_parallel_reports_the_failure(tmp_path):
    jobs = jobs_for(["01.ipynb", "02_bad.ipynb", "03.ipynb", "04.ipynb"], tmp_path)
    outcomes = runner.execute_all(jobs, workers=2, run=fake_execute)
    assert [o.message for o in outcomes if not o.ok] == ["02_bad.ipynb failed"]


FIGURE = """import os
import matplotlib.pyplot as plt
fig, ax = plt.subplots(figsize=(2, 2))
ax.plot([1, 2])
ax.set_title("Operations per month")
print(month * 2, os.environ["HELPERS_OUTPUT_DIR"])"""


def test_execute_runs_papermill_injects_parameters_and_exports_html(tmp_path):
    notebook = write_notebook(tmp_path / "nb" / "04_brief.ipynb", body=FIGURE)
    reports = tmp_path / "reports"
    job = Job(notebook, reports / "04_brief.ipynb", reports / "04_brief.html", {"month": 21},
              env={"HELPERS_OUTPUT_DIR": "/somewhere"})
    outcome = runner.execute(job, timeout=60)
    assert outcome.ok, outcome.message
    executed = nbformat.read(str(job.output), as_version=4)
    assert executed.cells[-1].outputs[0]["text"] == "42 /somewhere\n"  # the kernel got the run's folders
    assert "injected-parameters" in executed.cells[2].metadata["tags"]
    html = job.html.read_text(encoding="utf-8")
    assert "42 /somewhere" in html
    assert 'alt="Operations per month"' in html  # the figure's title
    assert "ax.set_title" not in html  # code hidden by default
    assert "HELPERS_OUTPUT_DIR" not in os.environ


SHOWN_FIGURE = """import matplotlib.pyplot as plt
from helpers.analysis import plots
plots.set_style()
fig, ax = plt.subplots(figsize=(2, 2))
ax.set_title("Deaths per operation")
saved = plots.show_figure(fig, "x", "figures")"""


def test_a_figure_shown_from_its_png_keeps_its_size_and_alt_text_in_the_html(tmp_path):
    notebook = write_notebook(tmp_path / "nb" / "01_shown.ipynb", body=SHOWN_FIGURE)
    job = Job(notebook, tmp_path / "r" / "01_shown.ipynb", tmp_path / "r" / "01_shown.html", {})
    outcome = runner.execute(job, timeout=60)
    assert outcome.ok, outcome.message
    html = job.html.read_text(encoding="utf-8")
    assert 'alt="Deaths per operation"' in html
    png = nbformat.read(str(job.output), as_version=4).cells[-1].outputs[0]
    width = png["metadata"]["image/png"]["width"]
    assert width < 240 and f'width="{width}"' in html  # shown at the figure's 100 dpi, not the PNG's 120


def test_export_html_keeps_code_on_request(tmp_path):
    notebook = write_notebook(tmp_path / "nb" / "01_x.ipynb", body="print('shown')")
    runner.refresh_baseline(notebook, timeout=60)
    assert "zones shown" in runner.export_html(notebook, tmp_path / "a.html", with_code=True
                                                           ).read_text(encoding="utf-8")
    assert "zones shown" not in runner.export_html(notebook, tmp_path / "b.html").read_text(
        encoding="utf-8")


def test_execute_names_the_failing_cell(tmp_path):
    notebook = write_notebook(tmp_path / "nb" / "02_bad.ipynb", body="x = 1\nraise ValueError('no data')")
    job = Job(notebook, tmp_path / "r" / "02_bad.ipynb", tmp_path / "r" / "02_bad.html", {})
    outcome = runner.execute(job, timeout=60)
    assert not outcome.ok
    assert outcome.message.startswith("02_bad.ipynb failed in cell 2 (In [2]: 'x = 1'): ValueError: no data")


# ------------------------------------------------------------------------------------------------ baseline

def test_strip_metadata_keeps_outputs_counts_and_tags():
    nb = new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3"},
                   "language_info": {"name": "python", "version": "3.11.9"}, "widgets": {}}
    cell = new_code_cell("1", execution_count=3, outputs=[nbformat.v4.new_output(
        "execute_result", data={"text/plain": "1"}, execution_count=3, metadata={"x": 1})])
    cell.metadata = {"tags": ["parameters"], "execution": {"iopub.execute_input": "2024-01-01"},
                     "scrolled": True}
    nb.cells = [cell]
    runner.strip_metadata(nb)
    assert nb.metadata == {"kernelspec": {"name": "python3"}, "language_info": {"name": "python"}}
    assert cell.metadata == {"tags": ["parameters"]}
    assert cell.execution_count == 3 and cell.outputs[0]["data"] == {"text/plain": "1"}
    assert cell.outputs[0]["metadata"] == {}


def test_refresh_baseline_executes_in_place_with_defaults(tmp_path):
    notebook = write_notebook(tmp_path / "01_x.ipynb", "month: int = 4  # m")
    runner.refresh_baseline(notebook, timeout=60)
    nb = nbformat.read(str(notebook), as_version=4)
    assert nb.cells[2].outputs[0]["text"] == "8\n" and nb.cells[2].execution_count == 2
    assert "execution" not in nb.cells[2].metadata and len(nb.cells) == 3


# --------------------------------------------------------------------------- paths (helpers.paths, used here)

def test_find_project_root_from_a_subfolder(tmp_path):
    from helpers import paths

    (tmp_path / "pyproject.toml").write_text('[project]\nname = "isis-reports"\n')
    (tmp_path / "notebooks").mkdir()
    assert paths.find_project_root([tmp_path / "notebooks"]) == tmp_path.resolve()


def test_find_project_root_skips_other_projects(tmp_path):
    from helpers import paths

    (tmp_path / "pyproject.toml").write_text('[project]\nname = "isis-reports"\n')
    other = tmp_path / "vendor" / "thing"
    other.mkdir(parents=True)
    (other / "pyproject.toml").write_text('[project]\nname = "thing"\n')
    assert paths.find_project_root([other]) == tmp_path.resolve()
    with pytest.raises(FileNotFoundError, match="no checkout of the isis-reports project"):
        paths.find_project_root([tmp_path.parent / "nowhere"])


def test_project_folders_hang_off_the_root():
    from helpers import paths

    assert (paths.PROJECT_ROOT / "pyproject.toml").is_file()
    assert paths.PROCESSED_DIR == paths.PROJECT_ROOT / "data" / "processed"
    assert paths.FIGURES_DIR == paths.PROJECT_ROOT / "reports" / "figures"
    assert paths.relative_to_root(paths.REPORTS_DIR / "x.ipynb") == "reports/x.ipynb"


def test_link_base_is_relative_to_where_the_links_are_shown():
    from helpers import paths

    base = paths.link_base(paths.REPORTS_DIR / "m113")
    assert base == paths.LinkBase(raw="../../data/raw", text="../../data/processed/text")
    assert paths.link_base(paths.NOTEBOOKS_DIR).raw == "../data/raw"


def test_kernel_figure_title_for_alt_text():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from helpers.analysis.plots import figure_title
    from helpers.run.kernel import with_alt_text

    fig, (left, right) = plt.subplots(1, 2)
    left.set_title("Deaths  per\nmonth")
    right.set_title("Operations")
    assert figure_title(fig) == "Deaths per month; Operations"
    fig.suptitle("Both")
    assert with_alt_text(lambda f: "PNG")(fig) == ("PNG", {"alt": "Both"})
    assert with_alt_text(lambda f: "PNG")(plt.figure()) == "PNG"
    plt.close("all")


# ------------------------------------------------------------------------------------------ run folders

def test_run_writes_a_folder_of_its_own_and_replaces_it_only_when_every_notebook_ran(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "_months_from", lambda _: months_of)
    notebooks = tmp_path / "notebooks"
    write_notebook(notebooks / "01_fig.ipynb", body=(
        "import matplotlib.pyplot as plt\nfrom helpers import paths\nfig, ax = plt.subplots()\n"
        "ax.set_title('t')\npaths.FIGURES_DIR.mkdir(parents=True)\nfig.savefig(paths.FIGURES_DIR / 'f.png')\n"
        "print(month, paths.link_base().raw)"))
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "figures.parquet").write_bytes(b"not really parquet")
    reports = tmp_path / "reports"
    (reports / "m112").mkdir(parents=True)
    (reports / "m112" / "run.json").write_text("{}")  # the previous run
    options = RunOptions(month=112, build=False, notebooks_dir=notebooks, reports_dir=reports,
                         processed_dir=tmp_path / "tables", raw_dir=tmp_path / "raw", workers=1)
    done = []
    assert runner.run(options, done=done.append) == 0
    folder = reports / "m112"
    assert done == [folder]
    assert sorted(p.name for p in folder.iterdir()) == ["01_fig.html", "01_fig.ipynb", "figures", "run.json"]
    assert (folder / "figures" / "f.png").is_file()
    executed = nbformat.read(str(folder / "01_fig.ipynb"), as_version=4)
    assert executed.cells[-1].outputs[0]["text"] == "112 ../../raw\n"  # links relative to the run folder
    record = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    assert record["run"] == "m112" and record["month"] == 112
    assert record["notebooks"]["01_fig"]["parameters"] == {"month": 112}
    assert record["notebooks"]["01_fig"]["status"] == "ok"
    assert record["data"]["tables"] == {"figures": hashlib.sha256(b"not really parquet").hexdigest()}
    assert record["package"]["version"] and record["started"].endswith("Z")
    assert sorted(p.name for p in reports.iterdir()) == ["m112"]  # no staging folder left

    write_notebook(notebooks / "01_fig.ipynb", body="raise ValueError('broken')")
    assert runner.run(options) == 1
    assert (folder / "figures" / "f.png").is_file()  # the previous run is as it was
    failed = reports / "m112.failed"
    assert json.loads((failed / "run.json").read_text())["notebooks"]["01_fig"]["status"] == "failed"
    assert sorted(p.name for p in reports.iterdir()) == ["m112", "m112.failed"]


def dying_execute(job: Job, timeout: int, cwd: Path | None) -> Outcome:
    """Module level so that worker processes can unpickle it."""
    os._exit(9)


def test_execute_all_reports_a_worker_that_died(tmp_path):
    outcomes = runner.execute_all(jobs_for(["01.ipynb", "02.ipynb"], tmp_path), workers=1, run=dying_execute)
    assert [(o.notebook, o.ok) for o in outcomes] == [("01.ipynb", False)]
    assert "its worker process died (BrokenProcessPool" in outcomes[0].message
