"""``python -m helpers run``: the notebooks executed by papermill into ``reports/``, parameters checked first.

Steps, each of which can stop the run with a message naming what is wrong:

1. pick the notebooks (``notebooks/NN_*.ipynb``, or those named with ``--only``);
2. check the parameters against each notebook's ``parameters`` cell (``papermill.inspect_notebook``): unknown
   names and wrong types are refused before anything else happens;
3. build the dataset if it is stale (``helpers.build.corpus.build`` is incremental; ``--no-build`` skips it);
4. check the values against the data (a month must have a usable report, zones must be known zones ...);
5. execute the notebooks with papermill (kernel ``python3``, working directory ``notebooks/``, a per-cell
   timeout), in parallel worker processes, into ``reports/NN_name.ipynb`` plus an HTML export in
   ``reports/html/``; the first failure stops the run and names the notebook and the cell.

``--baseline`` instead re-executes the committed notebooks in place with their default parameters and strips
volatile metadata (``nbstripout --keep-output --keep-count``), which is how the nbval baselines are refreshed.
"""

from __future__ import annotations

import argparse
import ast
import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from helpers import paths

from helpers.contract import vocab
from helpers.fetch.monthly import LATEST, latest_month, month_argument

logger = logging.getLogger(__name__)

KERNEL = "python3"
CELL_TIMEOUT = 600
START_TIMEOUT = 120
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
MONTH_PARAMETERS = ("month", "end_month")
"""Parameters that ``--month N`` sets in every notebook that has them (the month shown, or the last one)."""

_KEEP_NOTEBOOK_METADATA = ("kernelspec",)
_KEEP_CELL_METADATA = ("tags",)


class ParameterError(ValueError):
    """A parameter the notebook does not have, of the wrong type, or with a value the data does not allow."""


@dataclass(frozen=True)
class Job:
    """One notebook to execute: its source, where the executed copy and its HTML go, and its parameters."""

    notebook: Path
    output: Path
    html: Path
    parameters: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """What became of one job (picklable, so it can come back from a worker process)."""

    notebook: str
    ok: bool
    seconds: float
    output: str
    message: str = ""


# ------------------------------------------------------------------------------------------- notebooks

def discover(notebooks_dir: Path) -> list[Path]:
    """The numbered notebooks of ``notebooks_dir`` in reading order."""
    return sorted(Path(notebooks_dir).glob(NOTEBOOK_GLOB))


def select(notebooks: Sequence[Path], only: Iterable[str]) -> list[Path]:
    """The notebooks named by ``only`` (file name, stem, number ``02`` or name without number ``regional``).

    Raises:
        ParameterError: When a name matches no notebook.
    """
    only = [name for item in only for name in item.split(",") if name]
    if not only:
        return list(notebooks)
    chosen = []
    for name in only:
        stem = Path(name).stem
        matches = [nb for nb in notebooks if stem in (nb.stem, nb.stem[:2], nb.stem[3:])]
        if not matches:
            known = ", ".join(nb.stem for nb in notebooks)
            raise ParameterError(f"--only {name}: no such notebook (known: {known})")
        chosen.extend(nb for nb in matches if nb not in chosen)
    return [nb for nb in notebooks if nb in chosen]


def notebook_parameters(notebook: Path) -> dict[str, dict]:
    """The parameters a notebook declares: name -> {type, default (Python value), help}.

    Raises:
        ParameterError: When the notebook has no ``parameters`` cell.
    """
    import papermill

    declared = papermill.inspect_notebook(str(notebook))
    if not declared:
        raise ParameterError(f"{notebook.name} has no cell tagged 'parameters'")
    return {name: {"type": spec["inferred_type_name"], "default": _literal(spec["default"]),
                   "help": spec["help"]} for name, spec in declared.items()}


def _literal(text: str):
    """The Python value of a parameter's default as written in the cell (the text if it is not a literal)."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def parse_assignment(text: str) -> tuple[str, object]:
    """``"name=value"`` from the command line -> (name, Python value); a value that is no literal is a string.

    Raises:
        ParameterError: When there is no ``=``.
    """
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise ParameterError(f"-p {text!r}: expected NAME=VALUE")
    return name.strip(), _literal(value.strip())


# ------------------------------------------------------------------------------------------ parameters

def conforms(value: object, type_name: str) -> bool:
    """Whether ``value`` has the type a parameter annotation names (``int``, ``list[str]`` ...)."""
    type_name = type_name.replace(" ", "")
    if type_name in ("None", ""):
        return True
    if type_name.startswith(("list[", "tuple[")) and type_name.endswith("]"):
        inner = type_name[type_name.index("[") + 1:-1]
        return isinstance(value, list | tuple) and all(conforms(v, inner) for v in value)
    if type_name in ("list", "tuple"):
        return isinstance(value, list | tuple)
    if type_name == "bool":
        return isinstance(value, bool)
    if type_name == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if type_name == "float":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if type_name == "str":
        return isinstance(value, str)
    return True  # an annotation we do not know: papermill passes the value through


def notebook_values(declared: Mapping[str, dict], overrides: Mapping[str, object], month: int | None
                    ) -> dict[str, object]:
    """The parameters to inject into one notebook: the overrides it declares, and ``--month`` where it fits.

    Args:
        declared: The notebook's parameters (``notebook_parameters``).
        overrides: ``-p`` values; names the notebook does not declare are left out (checked elsewhere).
        month: ``--month``, or None.
    """
    values = {name: value for name, value in overrides.items() if name in declared}
    if month is not None:
        values.update({name: month for name in MONTH_PARAMETERS if name in declared and name not in values})
    return values


def check_types(notebooks: Mapping[str, Mapping[str, dict]], overrides: Mapping[str, object]) -> None:
    """Refuse overrides no selected notebook declares and values of the wrong type.

    Args:
        notebooks: Notebook name -> its declared parameters.
        overrides: ``-p`` values.

    Raises:
        ParameterError: Naming the parameter, the notebooks and what was expected.
    """
    for name, value in overrides.items():
        having = {nb: spec[name] for nb, spec in notebooks.items() if name in spec}
        if not having:
            known = sorted({p for spec in notebooks.values() for p in spec})
            raise ParameterError(f"unknown parameter {name!r}: the selected notebooks take "
                                 f"{', '.join(known)}")
        for nb, spec in having.items():
            if not conforms(value, spec["type"]):
                raise ParameterError(f"parameter {name}={value!r} of {nb} must be {spec['type']} "
                                     f"({spec['help'] or 'no help'})")


def _month_rule(name: str, value, context: Mapping) -> str | None:
    months = context["months"]
    if value == 0 or value in months:
        return None
    span = f"{min(months)}-{max(months)}" if months else "none"
    return f"{name}={value}: no usable report for that month (months with data: {span}; 0 = latest/earliest)"


def _positive_rule(name: str, value, context: Mapping) -> str | None:
    return None if value >= 1 else f"{name}={value}: must be 1 or more"


def _zones_rule(name: str, value, context: Mapping) -> str | None:
    unknown = [z for z in value if z not in vocab.ZONES]
    return f"{name}: unknown zones {unknown} (known: {', '.join(vocab.ZONES)})" if unknown else None


VALUE_RULES: dict[str, Callable[[str, object, Mapping], str | None]] = {
    "month": _month_rule,
    "start_month": _month_rule,
    "end_month": _month_rule,
    "n_months": _positive_rule,
    "trailing_months": _positive_rule,
    "heatmap_months": _positive_rule,
    "rolling_window": _positive_rule,
    "top_n": _positive_rule,
    "zones": _zones_rule,
}
"""Checks of parameter values against the data, by parameter name (each returns an error or None)."""


def check_values(notebook: str, values: Mapping[str, object], months_of: Callable[[bool], list[int]]) -> None:
    """Check one notebook's effective parameter values against the data.

    Args:
        notebook: Name for messages.
        values: All parameters of the notebook (defaults with overrides applied).
        months_of: ``include_synthetic -> months with a usable report``.

    Raises:
        ParameterError: With every problem found, naming the notebook.
    """
    context = {"months": months_of(bool(values.get("include_synthetic", True)))}
    problems = [problem for name, value in values.items() if name in VALUE_RULES
                for problem in [VALUE_RULES[name](name, value, context)] if problem]
    start, end = values.get("start_month"), values.get("end_month")
    if start and end and start > end:
        problems.append(f"start_month={start} is after end_month={end}")
    if problems:
        raise ParameterError(f"{notebook}: " + "; ".join(problems))


def _months_from(processed_dir: Path) -> Callable[[bool], list[int]]:
    """``include_synthetic -> months with a usable report`` from the built tables."""
    from helpers.analysis import views as analysis

    data = analysis.load_tables(processed_dir)

    def months(include_synthetic: bool) -> list[int]:
        usable = analysis.usable_reports(data.reports, include_synthetic)
        return sorted(int(m) for m in usable["month"])

    return months


# ------------------------------------------------------------------------------------------- execution

def output_name(notebook: Path, month: int | None) -> str:
    """The executed copy's stem: the notebook's, with ``_mN`` for a monthly rerun."""
    return notebook.stem if month is None else f"{notebook.stem}_m{month}"


def plan(notebooks: Sequence[Path], parameters: Mapping[Path, dict], reports_dir: Path, month: int | None
         ) -> list[Job]:
    """The jobs: each notebook with its parameters, its output notebook and its HTML export."""
    jobs = []
    for notebook in notebooks:
        stem = output_name(notebook, month)
        jobs.append(Job(notebook, reports_dir / f"{stem}.ipynb", reports_dir / "html" / f"{stem}.html",
                        dict(parameters[notebook])))
    return jobs


def execute(job: Job, timeout: int = CELL_TIMEOUT, cwd: Path | None = None) -> Outcome:
    """Execute one notebook with papermill and export it to HTML; never raises, the outcome says what failed.

    Args:
        job: The notebook, its outputs and parameters.
        timeout: Seconds allowed per cell.
        cwd: Working directory of the kernel (the notebook's folder by default).
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    started = time.perf_counter()
    job.output.parent.mkdir(parents=True, exist_ok=True)
    name = job.notebook.name
    try:
        papermill.execute_notebook(
            str(job.notebook), str(job.output), parameters=job.parameters, kernel_name=KERNEL,
            cwd=str(cwd or job.notebook.parent), progress_bar=False, log_output=False,
            start_timeout=START_TIMEOUT, execution_timeout=timeout)
        export_html(job.output, job.html)
    except PapermillExecutionError as exc:
        first_line = next((line for line in exc.source.splitlines() if line.strip()), "")
        message = (f"{name} failed in cell {exc.cell_index} (In [{exc.exec_count}]: {first_line.strip()!r}): "
                   f"{exc.ename}: {exc.evalue} -- see {paths.relative_to_root(job.output)}")
        return Outcome(name, False, time.perf_counter() - started, str(job.output), message)
    except Exception as exc:  # a kernel that does not start, a timeout, an unwritable folder
        message = f"{name} could not be executed: {type(exc).__name__}: {exc}"
        return Outcome(name, False, time.perf_counter() - started, str(job.output), message)
    return Outcome(name, True, time.perf_counter() - started, str(job.output))


def export_html(notebook: Path, html: Path) -> Path:
    """Export an executed notebook to a standalone HTML page."""
    import nbformat
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_notebook_node(nbformat.read(str(notebook), as_version=4))
    html.parent.mkdir(parents=True, exist_ok=True)
    html.write_text(body, encoding="utf-8")
    return html


def execute_all(jobs: Sequence[Job], workers: int, timeout: int = CELL_TIMEOUT, cwd: Path | None = None,
                run: Callable[..., Outcome] = execute) -> list[Outcome]:
    """Execute the jobs, ``workers`` at a time; after the first failure no further job starts.

    Args:
        jobs: What to execute.
        workers: Parallel worker processes (1 = in this process, one after the other).
        timeout: Seconds allowed per cell.
        cwd: Working directory of the kernels.
        run: The function executing one job (``execute``; replaceable in tests).

    Returns:
        The outcomes of the jobs that ran, in job order.
    """
    if workers <= 1 or len(jobs) <= 1:
        outcomes = []
        for job in jobs:
            outcomes.append(_logged(run(job, timeout, cwd)))
            if not outcomes[-1].ok:
                break
        return outcomes
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
        futures: dict[Future, int] = {pool.submit(run, job, timeout, cwd): i for i, job in enumerate(jobs)}
        pending = set(futures)
        finished: dict[int, Outcome] = {}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                finished[futures[future]] = _logged(future.result())
            if any(not o.ok for o in finished.values()):
                for future in pending:
                    future.cancel()
                for future in wait(pending).done:
                    if not future.cancelled():
                        finished[futures[future]] = _logged(future.result())
                break
    return [finished[i] for i in sorted(finished)]


def _logged(outcome: Outcome) -> Outcome:
    if outcome.ok:
        logger.info("executed %s in %.1f s", outcome.notebook, outcome.seconds)
    else:
        logger.error("%s", outcome.message)
    return outcome


# -------------------------------------------------------------------------------------------- baseline

def strip_metadata(nb) -> None:
    """Strip volatile metadata in place, keeping outputs and execution counts.

    The semantics of ``nbstripout --keep-output --keep-count``: notebook metadata but the kernelspec (and the
    language name), cell metadata but tags, and output metadata go.
    """
    nb.metadata = {key: nb.metadata[key] for key in _KEEP_NOTEBOOK_METADATA if key in nb.metadata}
    nb.metadata["language_info"] = {"name": "python"}
    for cell in nb.cells:
        cell.metadata = {key: cell.metadata[key] for key in _KEEP_CELL_METADATA if key in cell.metadata}
        for output in cell.get("outputs", []):
            if "metadata" in output:
                output.metadata = {}


def refresh_baseline(notebook: Path, timeout: int = CELL_TIMEOUT) -> Path:
    """Re-execute a committed notebook in place with its default parameters, then strip volatile metadata.

    Raises:
        nbclient.exceptions.CellExecutionError: When a cell fails (the notebook is left unchanged).
    """
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(str(notebook), as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name=KERNEL, startup_timeout=START_TIMEOUT,
                            record_timing=False, resources={"metadata": {"path": str(notebook.parent)}})
    client.execute()
    strip_metadata(nb)
    nbformat.write(nb, str(notebook))
    logger.info("refreshed %s", paths.relative_to_root(notebook))
    return notebook


# ------------------------------------------------------------------------------------------------ run

@dataclass(frozen=True)
class RunOptions:
    """Everything a run needs; the CLI builds it from its arguments."""

    only: tuple[str, ...] = ()
    month: int | None = None
    overrides: dict = field(default_factory=dict)
    build: bool = True
    workers: int = 2
    timeout: int = CELL_TIMEOUT
    notebooks_dir: Path = paths.NOTEBOOKS_DIR
    reports_dir: Path = paths.REPORTS_DIR
    raw_dir: Path = paths.RAW_DIR
    processed_dir: Path = paths.PROCESSED_DIR


def prepare(options: RunOptions, months_of: Callable[[bool], list[int]] | None = None) -> list[Job]:
    """Select the notebooks, check the parameters, build the data when needed, and plan the jobs.

    Args:
        options: The run's options.
        months_of: ``include_synthetic -> months`` for the value checks (default: from the built tables).

    Raises:
        ParameterError: On any parameter problem, before a kernel starts.
    """
    notebooks = select(discover(options.notebooks_dir), options.only)
    if not notebooks:
        raise ParameterError(f"no notebooks in {options.notebooks_dir}: run inside a clone of the project "
                             "(notebooks/, data/raw/), or set HELPERS_PROJECT_ROOT to one")
    declared = {nb: notebook_parameters(nb) for nb in notebooks}
    check_types({nb.name: spec for nb, spec in declared.items()}, options.overrides)
    if options.month is not None and not any(set(MONTH_PARAMETERS) & set(spec) for spec in declared.values()):
        raise ParameterError("--month: none of the selected notebooks takes a month")
    if options.build:
        _build(options.raw_dir, options.processed_dir)
    months_of = months_of or _months_from(options.processed_dir)
    values = {}
    for nb, spec in declared.items():
        values[nb] = notebook_values(spec, options.overrides, options.month)
        effective = {name: p["default"] for name, p in spec.items()} | values[nb]
        check_values(nb.name, effective, months_of)
    return plan(notebooks, values, options.reports_dir, options.month)


def _build(raw_dir: Path, processed_dir: Path) -> None:
    """Bring ``processed_dir`` up to date with ``raw_dir`` (only new or changed reports are parsed)."""
    from helpers.build import corpus

    result = corpus.build(raw_dir, processed_dir, jobs=os.cpu_count() or 1, progress=False)
    logger.info("dataset: %d reports (%d parsed now, %d failed)", result.n_files, result.parsed,
                result.failed)
    if result.failed:
        logger.warning("%d reports failed to parse; see %s", result.failed, processed_dir / "reports.csv")


def run(options: RunOptions) -> int:
    """Run the notebooks; 0 when all ran, 1 when one failed, 2 for a parameter problem."""
    try:
        jobs = prepare(options)
    except ParameterError as exc:
        logger.error("%s", exc)
        return 2
    logger.info("executing %s", ", ".join(job.notebook.name for job in jobs))
    outcomes = execute_all(jobs, options.workers, options.timeout, options.notebooks_dir)
    failed = [o for o in outcomes if not o.ok]
    skipped = len(jobs) - len(outcomes)
    if failed:
        logger.error("stopped: %d failed%s", len(failed), f", {skipped} not started" if skipped else "")
        return 1
    return 0


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``run`` on the CLI's subcommands."""
    parser = subparsers.add_parser(
        "run", help="build the dataset if stale and execute the notebooks into reports/",
        description="Execute the numbered notebooks with papermill into reports/ (executed .ipynb and HTML), "
                    "after checking their parameters and bringing data/processed up to date.")
    parser.add_argument("--month", type=month_argument,
                        help="caliphate month for the monthly rerun: sets the "
                        f"{' / '.join(MONTH_PARAMETERS)} parameter of every notebook that has one; 'latest' "
                        "first fetches the configured feeds and runs for the newest month that arrived "
                        "(exit 0 with 'no new report' when none did)")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="run only this notebook (file, stem, number such as 04, or name such as "
                             "monthly_brief); repeat or separate with commas")
    parser.add_argument("-p", "--parameter", action="append", default=[], metavar="NAME=VALUE",
                        help="set a notebook parameter (a Python literal: 112, True, ['badia'])")
    parser.add_argument("--no-build", action="store_true", help="use data/processed as it is")
    parser.add_argument("-j", "--jobs", type=int, default=min(4, os.cpu_count() or 1),
                        help="notebooks executed in parallel (default: %(default)s)")
    parser.add_argument("--timeout", type=int, default=CELL_TIMEOUT, help="seconds allowed per cell")
    parser.add_argument("--baseline", action="store_true",
                        help="re-execute the committed notebooks in place with their defaults (refreshes the "
                             "nbval baselines); takes no parameters")
    parser.set_defaults(func=run_cli)
    return parser


def run_cli(args: argparse.Namespace) -> int:
    """Run ``run`` from parsed CLI arguments and return the exit status."""
    try:
        overrides = dict(parse_assignment(text) for text in args.parameter)
    except ParameterError as exc:
        logger.error("%s", exc)
        return 2
    if args.baseline:
        return _baseline_cli(args, overrides)
    if args.month == LATEST:  # the scheduled rerun: fetch, build, and the newest month that arrived
        latest = latest_month(paths.RAW_DIR, paths.PROCESSED_DIR)
        print(latest.message)
        if latest.month is None:
            return latest.exit_code
        args.month = latest.month
    options = RunOptions(only=tuple(args.only), month=args.month, overrides=overrides,
                         build=not args.no_build, workers=max(1, args.jobs), timeout=args.timeout)
    status = run(options)
    if status == 0:
        print(f"executed notebooks are in {paths.relative_to_root(options.reports_dir)}/ "
              f"(HTML in {paths.relative_to_root(paths.HTML_DIR)}/)")
    return status


def _baseline_cli(args: argparse.Namespace, overrides: Mapping[str, object]) -> int:
    if overrides or args.month is not None:
        logger.error("--baseline runs the notebooks with their defaults: no --month or -p")
        return 2
    try:
        notebooks = select(discover(paths.NOTEBOOKS_DIR), args.only)
    except ParameterError as exc:
        logger.error("%s", exc)
        return 2
    if not args.no_build:
        _build(paths.RAW_DIR, paths.PROCESSED_DIR)
    for notebook in notebooks:
        try:
            refresh_baseline(notebook, args.timeout)
        except Exception as exc:
            logger.error("%s failed: %s", notebook.name, exc)
            return 1
    return 0
