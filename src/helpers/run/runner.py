"""``python -m helpers run``: the notebooks executed by papermill into the run's folder, parameters checked.

Steps, each of which can stop the run with a message naming what is wrong:

1. pick the notebooks (``notebooks/NN_*.ipynb``, or those named with ``--only``);
2. check the parameters against each notebook's ``parameters`` cell (``papermill.inspect_notebook``): unknown
   names and wrong types are refused before anything else happens;
3. build the dataset if it is stale (``helpers.build.corpus.build`` is incremental; ``--no-build`` skips it);
4. check the values against the data (a month must have a usable report, zones must be known zones ...);
5. execute the notebooks with papermill (kernel ``python3`` over IPC, working directory ``notebooks/``, a
   per-cell timeout), in worker processes, each into ``NN_name.ipynb`` plus ``NN_name.html`` (code hidden
   unless ``--with-code``) in the run's folder; the first failure stops the run and names the notebook and
   the cell.

A run's folder is ``reports/<run name>/``: ``latest`` for the default run, ``m113`` for ``--month 113``, a
suffix for ``--only`` (``latest-04``) and for ``-p`` values (a digest of them), or ``--output DIR``. It holds
the executed notebooks, their HTML, ``figures/`` and ``run.json`` (parameters, data digest, package version,
time). The run is written into a hidden staging folder beside it, which replaces the folder of the same name
only when every notebook ran, so no run overwrites another's files and an interrupted run (SIGINT,
SIGTERM: ``helpers.interrupt`` stops the workers and kernels) leaves no half-executed notebook behind. A run
with a failed notebook is kept as ``<name>.failed/`` for inspection, and the previous ``<name>/`` stays.

The kernels learn the run's folders through their environment (``helpers.paths``: ``HELPERS_PROCESSED_DIR``,
``HELPERS_FIGURES_DIR``, ``HELPERS_OUTPUT_DIR`` ...), so the notebooks read the run's tables, save figures in
its folder and make links relative to where their HTML lies.

``--baseline`` instead re-executes the committed notebooks in place with their default parameters and strips
volatile metadata (``nbstripout --keep-output --keep-count``), which is how the nbval baselines are refreshed.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import hashlib
import json
import logging
import multiprocessing
import os
import platform
import shlex
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from helpers import interrupt, paths
from helpers.contract import vocab
from helpers.fetch.monthly import LATEST, latest_month, month_argument

logger = logging.getLogger(__name__)

KERNEL = "python3"
CELL_TIMEOUT = 600
START_TIMEOUT = 120
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
MONTH_PARAMETERS = ("month", "end_month")
"""Parameters that ``--month N`` sets in every notebook that has them (the month shown, or the last one)."""

DEFAULT_RUN = "latest"
RUN_RECORD = "run.json"
FAILED_SUFFIX = ".failed"
_KEEP_NOTEBOOK_METADATA = ("kernelspec",)
_KEEP_CELL_METADATA = ("tags",)


class ParameterError(ValueError):
    """A parameter the notebook does not have, of the wrong type, or with a value the data does not allow."""


@dataclass(frozen=True)
class Job:
    """One notebook to execute: its source, where the executed copy and its HTML go, and its parameters.

    Attributes:
        env: Environment variables of its kernel (the run's folders, ``helpers.paths``).
        with_code: Keep the code cells in the HTML export.
    """

    notebook: Path
    output: Path
    html: Path
    parameters: dict = field(default_factory=dict)
    env: dict = field(default_factory=dict)
    with_code: bool = False


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

def kernel_options(alt_text: bool = True) -> dict:
    """Options of papermill / nbclient for a quiet kernel.

    The kernel talks over IPC (local sockets; over TCP it warns that its traffic is unencrypted) and its
    own log shows critical messages only: shutting a kernel down interrupts it first, which it logs as an
    error although nothing is wrong. Errors of the notebook's code are in the notebook, not in that log.

    Args:
        alt_text: Load ``helpers.run.kernel``, which gives every figure its title as alt text.
    """
    import uuid

    from traitlets.config import Config

    arguments = ["--IPKernelApp.log_level=CRITICAL"]
    if alt_text:
        arguments.append("--IPKernelApp.extensions=helpers.run.kernel")
    # The sockets' path prefix, unique per kernel (the default, "kernel-ipc" in the working directory, is
    # shared by kernels running side by side); in the run's runtime folder, which is removed after the run.
    folder = os.environ.get("JUPYTER_RUNTIME_DIR") or tempfile.gettempdir()
    sockets = os.path.join(folder, f"kernel-{uuid.uuid4().hex[:12]}")
    return {"config": Config({"KernelManager": {"transport": "ipc", "ip": sockets}}),
            "extra_arguments": arguments}


@contextlib.contextmanager
def _environment(values: Mapping[str, str]) -> Iterator[None]:
    """``os.environ`` with ``values`` set (the kernel started meanwhile inherits them), restored after."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


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
        with _environment(job.env):
            papermill.execute_notebook(
                str(job.notebook), str(job.output), parameters=job.parameters, kernel_name=KERNEL,
                cwd=str(cwd or job.notebook.parent), progress_bar=False, log_output=False,
                start_timeout=START_TIMEOUT, execution_timeout=timeout, **kernel_options())
        export_html(job.output, job.html, with_code=job.with_code)
    except PapermillExecutionError as exc:
        first_line = next((line for line in exc.source.splitlines() if line.strip()), "")
        message = (f"{name} failed in cell {exc.cell_index} (In [{exc.exec_count}]: {first_line.strip()!r}): "
                   f"{exc.ename}: {exc.evalue} -- see {job.output.name}")
        return Outcome(name, False, time.perf_counter() - started, str(job.output), message)
    except Exception as exc:  # a kernel that does not start, a timeout, an unwritable folder
        message = f"{name} could not be executed: {type(exc).__name__}: {exc}"
        return Outcome(name, False, time.perf_counter() - started, str(job.output), message)
    return Outcome(name, True, time.perf_counter() - started, str(job.output))


_HTML_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{% block data_png scoped %}
{%- set width = output | get_metadata('width', 'image/png') -%}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
{%- if width %} width="{{ width | escape_html }}"{% endif %}
alt="{{ (output | get_metadata('alt', 'image/png')) or 'figure without a title' | escape_html }}">
</div>
{%- endblock data_png %}
"""


def export_html(notebook: Path, html: Path, with_code: bool = False) -> Path:
    """Export an executed notebook to a standalone HTML page.

    Code cells and prompts are left out unless ``with_code``; every image has the alt text its output
    carries (a figure's title, ``helpers.run.kernel``).
    """
    import jinja2
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(extra_loaders=[jinja2.DictLoader({"helpers.html.j2": _HTML_TEMPLATE})],
                            template_file="helpers.html.j2", exclude_input=not with_code,
                            exclude_input_prompt=not with_code, exclude_output_prompt=not with_code)
    body, _ = exporter.from_notebook_node(nbformat.read(str(notebook), as_version=4))
    html.parent.mkdir(parents=True, exist_ok=True)
    html.write_text(body, encoding="utf-8")
    return html


def _worker_setup(runtime_dir: str) -> None:
    """Initializer of the notebook workers: stop with the run (``interrupt.worker_init``).

    The kernels' connection files and sockets go to the run's own runtime folder (removed after the run).
    """
    interrupt.worker_init()
    os.environ["JUPYTER_RUNTIME_DIR"] = runtime_dir


def execute_all(jobs: Sequence[Job], workers: int, timeout: int = CELL_TIMEOUT, cwd: Path | None = None,
                run: Callable[..., Outcome] = execute) -> list[Outcome]:
    """Execute the jobs in worker processes, ``workers`` at a time; after the first failure none starts.

    The notebooks always run in worker processes, never in this one, so a signal stops them cleanly
    (``helpers.interrupt``): the workers and their kernels are stopped and ``Interrupted`` propagates.

    Args:
        jobs: What to execute.
        workers: Parallel worker processes (1: one after the other).
        timeout: Seconds allowed per cell.
        cwd: Working directory of the kernels.
        run: The function executing one job (``execute``; replaceable in tests, at module level).

    Returns:
        The outcomes of the jobs that ran, in job order.
    """
    if not jobs:
        return []
    runtime = tempfile.mkdtemp(prefix="helpers-run-")
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=max(1, min(workers, len(jobs))), mp_context=context,
                               initializer=_worker_setup, initargs=(runtime,))
    try:
        interrupt.start_workers(pool)
        finished = _run_in(pool, jobs, max(1, workers), timeout, cwd, run)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        shutil.rmtree(runtime, ignore_errors=True)
    return [finished[i] for i in sorted(finished)]


def _run_in(pool: ProcessPoolExecutor, jobs: Sequence[Job], workers: int, timeout: int, cwd: Path | None,
            run: Callable[..., Outcome]) -> dict[int, Outcome]:
    """Submit the jobs in order, ``workers`` at once, none after a failure; return outcomes by index."""
    waiting = list(enumerate(jobs))
    running: dict[Future, int] = {}
    finished: dict[int, Outcome] = {}
    while waiting or running:
        while waiting and len(running) < workers and all(o.ok for o in finished.values()):
            index, job = waiting.pop(0)
            running[pool.submit(run, job, timeout, cwd)] = index
        if not running:
            break
        done, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in done:
            index = running.pop(future)
            finished[index] = _logged(_result(future, jobs[index]))
    return finished


def _result(future: Future, job: Job) -> Outcome:
    """The job's outcome; a failed one when its worker process died (killed, out of memory)."""
    try:
        return future.result()
    except Exception as exc:  # BrokenProcessPool: the worker is gone, and so is the pool
        return Outcome(job.notebook.name, False, 0.0, str(job.output),
                       f"{job.notebook.name}: its worker process died ({type(exc).__name__}: {exc})")


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
                            record_timing=False, resources={"metadata": {"path": str(notebook.parent)}},
                            **kernel_options(alt_text=False))
    client.execute()
    strip_metadata(nb)
    nbformat.write(nb, str(notebook))
    logger.info("refreshed %s", paths.relative_to_root(notebook))
    return notebook


# ------------------------------------------------------------------------------------------ run folders

def run_name(notebooks: Sequence[Path], selected: Sequence[Path], month: int | None,
             overrides: Mapping[str, object]) -> str:
    """The default name of a run's folder: ``latest``, or ``m113`` for a monthly rerun.

    A suffix ``-04`` (the numbers of the notebooks run) is added when not all of them ran, and ``-`` with a
    digest of the ``-p`` values when some were set. Runs with other parameters thus never share a folder;
    running the same ones again replaces it.
    """
    name = DEFAULT_RUN if month is None else f"m{month}"
    if list(selected) != list(notebooks):
        name += "-" + "-".join(nb.stem[:2] for nb in selected)
    if overrides:
        text = json.dumps(sorted(overrides.items()), default=str)
        name += "-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return name


def kernel_environment(folder: Path, raw_dir: Path, processed_dir: Path) -> dict[str, str]:
    """The environment telling a run's kernels its folders (read by ``helpers.paths``)."""
    return {"HELPERS_RAW_DIR": str(Path(raw_dir).resolve()),
            "HELPERS_PROCESSED_DIR": str(Path(processed_dir).resolve()),
            "HELPERS_FIGURES_DIR": str(Path(folder).resolve() / "figures"),
            "HELPERS_OUTPUT_DIR": str(Path(folder).resolve())}


@dataclass(frozen=True)
class Plan:
    """The jobs of a run and the folder they go to.

    Attributes:
        folder: ``reports/<run name>`` (or ``--output``).
        jobs: The notebooks with their parameters, writing into ``folder``.
    """

    folder: Path
    jobs: list[Job]

    def staged(self, staging: Path) -> list[Job]:
        """The jobs writing into ``staging`` instead (a sibling, so relative links stay the same)."""
        moved = {str(self.folder.resolve()): str(staging.resolve())}
        return [replace(job, output=staging / job.output.name, html=staging / job.html.name,
                        env={k: _moved(v, moved) for k, v in job.env.items()}) for job in self.jobs]


def _moved(value: str, moved: Mapping[str, str]) -> str:
    for old, new in moved.items():
        if value == old or value.startswith(old + os.sep):
            return new + value[len(old):]
    return value


def _replaceable(folder: Path) -> bool:
    """Whether a run may replace ``folder``: an empty folder, or one a run wrote (it has ``run.json``)."""
    return folder.is_dir() and ((folder / RUN_RECORD).is_file() or not any(folder.iterdir()))


def staging_folder(folder: Path) -> Path:
    """The hidden folder a run is written to before it replaces ``folder`` (beside it, unique per process)."""
    return folder.with_name(f".{folder.name}.partial-{os.getpid()}")


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove staging and replaced folders of ``folder`` left by runs that were killed (SIGKILL, power cut).

    Only those of processes no longer running: a run going on beside this one keeps its own.
    """
    import psutil

    removed = []
    for kind in ("partial", "old"):
        for leftover in folder.parent.glob(f".{folder.name}.{kind}-*"):
            pid = leftover.name.rpartition("-")[2]
            if pid.isdigit() and not psutil.pid_exists(int(pid)):
                shutil.rmtree(leftover, ignore_errors=True)
                removed.append(leftover)
    return removed


def replace_folder(source: Path, target: Path) -> None:
    """Put ``source`` in the place of ``target`` (removed); a signal meanwhile waits until it is done."""
    with interrupt.deferred():
        old = None
        if target.exists():
            old = target.with_name(f".{target.name}.old-{os.getpid()}")
            os.replace(target, old)
        os.replace(source, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def data_digest(processed_dir: Path) -> dict:
    """SHA-256 of each Parquet table in ``processed_dir`` and one digest over all of them."""
    tables = {path.stem: hashlib.sha256(path.read_bytes()).hexdigest()
              for path in sorted(Path(processed_dir).glob("*.parquet"))}
    overall = hashlib.sha256("".join(f"{name}:{digest}\n" for name, digest in tables.items()).encode())
    return {"sha256": overall.hexdigest(), "tables": tables}


def _package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("helpers")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without installing
        return "unknown"


def run_record(plan: Plan, options: RunOptions, outcomes: Sequence[Outcome], started: datetime) -> dict:
    """What ``run.json`` says about a run: how to repeat it and what it was made from."""
    by_name = {o.notebook: o for o in outcomes}
    return {
        "run": plan.folder.name,
        "started": started.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "seconds": round((datetime.now(UTC) - started).total_seconds(), 1),
        "command": shlex.join(["helpers", *sys.argv[1:]]) if options.from_cli else None,
        "month": options.month,
        "parameters": dict(options.overrides),
        "notebooks": {job.notebook.stem: {
            "parameters": job.parameters,
            "status": ("ok" if by_name[job.notebook.name].ok else "failed") if job.notebook.name in by_name
            else "not started",
            "seconds": round(by_name[job.notebook.name].seconds, 1) if job.notebook.name in by_name else None,
        } for job in plan.jobs},
        "data": {"raw_dir": paths.relative_to_root(options.raw_dir),
                 "processed_dir": paths.relative_to_root(options.processed_dir),
                 **data_digest(options.processed_dir)},
        "package": {"name": "helpers", "version": _package_version()},
        "python": platform.python_version(),
    }


# ------------------------------------------------------------------------------------------------ run

@dataclass(frozen=True)
class RunOptions:
    """Everything a run needs; the CLI builds it from its arguments.

    Attributes:
        output: The run's folder; by default ``reports_dir/<run_name(...)>``.
        with_code: Keep the code in the HTML exports.
        from_cli: Record the command line in ``run.json``.
    """

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
    output: Path | None = None
    with_code: bool = False
    from_cli: bool = False


def prepare(options: RunOptions, months_of: Callable[[bool], list[int]] | None = None) -> Plan:
    """Select the notebooks, check the parameters, build the data when needed, and plan the jobs.

    Args:
        options: The run's options.
        months_of: ``include_synthetic -> months`` for the value checks (default: from the built tables).

    Raises:
        ParameterError: On any parameter problem, before a kernel starts.
    """
    available = discover(options.notebooks_dir)
    notebooks = select(available, options.only)
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
    folder = Path(options.output or Path(options.reports_dir)
                  / run_name(available, notebooks, options.month, options.overrides))
    if folder.exists() and not _replaceable(folder):
        raise ParameterError(f"{folder} exists and is not the folder of a run (no {RUN_RECORD}): "
                             "choose another --output; only a run's folder is replaced")
    env = kernel_environment(folder, options.raw_dir, options.processed_dir)
    jobs = [Job(nb, folder / f"{nb.stem}.ipynb", folder / f"{nb.stem}.html", dict(values[nb]), env,
                options.with_code) for nb in notebooks]
    return Plan(folder, jobs)


def _build(raw_dir: Path, processed_dir: Path) -> None:
    """Bring ``processed_dir`` up to date with ``raw_dir`` (only new or changed reports are parsed)."""
    from helpers.build import corpus

    result = corpus.build(raw_dir, processed_dir, jobs=os.cpu_count() or 1, progress=False)
    logger.info("dataset: %d reports (%d parsed now, %d failed)", result.n_files, result.parsed,
                result.failed)
    if result.failed:
        logger.warning("%d reports failed to parse; see %s", result.failed, processed_dir / "reports.csv")


def run(options: RunOptions, done: Callable[[Path], None] | None = None) -> int:
    """Run the notebooks into their folder; 0 when all ran, 1 when one failed, 2 for a parameter problem.

    Args:
        options: The run's options.
        done: Called with the run's folder when every notebook ran.

    Raises:
        helpers.interrupt.Interrupted: A signal stopped the run (its staging folder is removed, the previous
            folder of the same name is untouched).
    """
    try:
        plan = prepare(options)
    except (ParameterError, FileNotFoundError) as exc:
        logger.error("%s", exc)
        return 2
    folder = plan.folder
    staging = staging_folder(folder)
    logger.info("executing %s into %s", ", ".join(job.notebook.name for job in plan.jobs),
                paths.relative_to_root(folder))
    started = datetime.now(UTC)
    remove_leftovers(folder)
    try:
        staging.mkdir(parents=True)
        outcomes = execute_all(plan.staged(staging), options.workers, options.timeout, options.notebooks_dir)
        record = run_record(plan, options, outcomes, started)
        (staging / RUN_RECORD).write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
        failed = [o for o in outcomes if not o.ok]
        if failed:
            kept = folder.with_name(folder.name + FAILED_SUFFIX)
            replace_folder(staging, kept)
            skipped = len(plan.jobs) - len(outcomes)
            logger.error("stopped: %d failed%s; this run is in %s/, %s/ is as it was", len(failed),
                         f", {skipped} not started" if skipped else "", paths.relative_to_root(kept),
                         paths.relative_to_root(folder))
            return 1
        replace_folder(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if done is not None:
        done(folder)
    return 0


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``run`` on the CLI's subcommands."""
    parser = subparsers.add_parser(
        "run", help="build the dataset if stale and execute the notebooks into reports/<run>/",
        description="Execute the numbered notebooks with papermill into a folder of the run (executed "
                    ".ipynb, HTML, figures and run.json): reports/latest, reports/m113 for --month 113, or "
                    "--output, after checking their parameters and bringing the tables up to date.")
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
    parser.add_argument("-o", "--output", type=Path, metavar="DIR",
                        help="the run's folder (default: reports/latest, reports/mN for --month N; a "
                             "suffix for --only and -p); a folder of the same name is replaced when the run "
                             "succeeds")
    parser.add_argument("--raw", type=Path, default=paths.RAW_DIR, metavar="DIR",
                        help="reports the tables are built from (default: data/raw)")
    parser.add_argument("--processed", type=Path, default=paths.PROCESSED_DIR, metavar="DIR",
                        help="folder of the tables the notebooks read (default: data/processed)")
    parser.add_argument("--notebooks", type=Path, default=paths.NOTEBOOKS_DIR, metavar="DIR",
                        help="folder of the numbered notebooks (default: notebooks)")
    parser.add_argument("--no-build", action="store_true", help="use the tables as they are")
    parser.add_argument("--with-code", action="store_true", help="keep the code cells in the HTML exports")
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
        latest = latest_month(args.raw, args.processed)
        print(latest.message)
        if latest.month is None:
            return latest.exit_code
        args.month = latest.month
    options = RunOptions(only=tuple(args.only), month=args.month, overrides=overrides,
                         build=not args.no_build, workers=max(1, args.jobs), timeout=args.timeout,
                         notebooks_dir=args.notebooks, raw_dir=args.raw, processed_dir=args.processed,
                         output=args.output, with_code=args.with_code, from_cli=True)
    return run(options, done=lambda folder: print(
        f"executed notebooks, their HTML and figures are in {paths.relative_to_root(folder)}/ "
        f"(how they were made: {RUN_RECORD})"))


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
