"""Time the notebook collection against papermill's floor (run by ``make bench``; not a test).

The floor is what ``helpers run`` costs for notebooks that do nothing: one per notebook of the collection,
holding only a copy of its ``parameters`` cell, executed the same way (the CLI, the same worker processes,
kernels, parameter injection, HTML export and run folder). The collection is timed as a monthly rerun
(``helpers run --month M --no-build``, M the latest month with data), the floor with the same arguments;
the two alternate ``--repeat`` times and the medians are reported:

* wall time of the whole ``helpers run`` command, and per notebook (divided by the number of notebooks);
* each notebook's own time as ``run.json`` records it (kernel start, execution, HTML export), against the
  floor notebook's.

Target: a monthly rerun costs at most 2x the floor per notebook.

Usage::

    python benchmarks/bench_notebooks.py               # 3 rounds, the default number of parallel notebooks
    python benchmarks/bench_notebooks.py --repeat 5 --jobs 1
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from helpers import paths
from helpers.analysis import views
from helpers.run import runner

TARGET = 2.0


def empty_copies(notebooks: list[Path], folder: Path) -> list[Path]:
    """For each notebook, one with the same name, kernel and ``parameters`` cell, and nothing else."""
    folder.mkdir(parents=True, exist_ok=True)
    copies = []
    for notebook in notebooks:
        nb = nbformat.read(str(notebook), as_version=4)
        nb.cells = [cell for cell in nb.cells if "parameters" in cell.metadata.get("tags", [])]
        for cell in nb.cells:
            cell.outputs, cell.execution_count = [], None
        copies.append(folder / notebook.name)
        nbformat.write(nb, str(copies[-1]))
    return copies


def timed_run(notebooks_dir: Path, output: Path, month: int, jobs: int) -> tuple[float, dict[str, float]]:
    """Wall seconds of one ``helpers run`` and each notebook's seconds from its ``run.json``."""
    command = [sys.executable, "-m", "helpers", "run", "--no-build", "--month", str(month), "--notebooks",
               str(notebooks_dir), "--output", str(output), "--jobs", str(jobs)]
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    record = json.loads((output / runner.RUN_RECORD).read_text(encoding="utf-8"))
    return wall, {name: entry["seconds"] for name, entry in record["notebooks"].items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="rounds of floor + collection (default: 3)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="notebooks in parallel (default: as helpers run)")
    parser.add_argument("--month", type=int, default=None, help="month of the rerun (default: the latest)")
    args = parser.parse_args(argv)

    subprocess.run([sys.executable, "-m", "helpers", "build", str(paths.RAW_DIR), str(paths.PROCESSED_DIR),
                    "-q"], check=True)
    data = views.load_tables(paths.PROCESSED_DIR)
    month = args.month or int(views.usable_reports(data.reports)["month"].max())
    notebooks = runner.discover(paths.NOTEBOOKS_DIR)
    jobs = args.jobs or min(4, os.cpu_count() or 1)  # the default of helpers run

    walls: dict[str, list[float]] = {"floor": [], "monthly": []}
    own: dict[str, dict[str, list[float]]] = {"floor": {}, "monthly": {}}
    with tempfile.TemporaryDirectory(prefix="bench-notebooks-") as temp:
        temp = Path(temp)
        empty_copies(notebooks, temp / "empty")
        for _ in range(args.repeat):
            for kind, folder in (("floor", temp / "empty"), ("monthly", paths.NOTEBOOKS_DIR)):
                wall, seconds = timed_run(folder, temp / kind, month, jobs)
                walls[kind].append(wall)
                for name, value in seconds.items():
                    own[kind].setdefault(name, []).append(value)

    n = len(notebooks)
    floor, monthly = statistics.median(walls["floor"]), statistics.median(walls["monthly"])
    print(f"monthly rerun of month {month}: {n} notebooks, {jobs} in parallel, "
          f"median of {args.repeat} rounds")
    print(f"{'':28} {'floor':>9} {'monthly':>9} {'ratio':>7}")
    print(f"{'helpers run, wall':28} {floor:8.1f}s {monthly:8.1f}s {monthly / floor:6.2f}x")
    print(f"{'  per notebook':28} {floor / n:8.1f}s {monthly / n:8.1f}s {monthly / floor:6.2f}x")
    worst = 0.0
    for name in (nb.stem for nb in notebooks):
        f, m = statistics.median(own["floor"][name]), statistics.median(own["monthly"][name])
        worst = max(worst, m / f)
        print(f"{'  ' + name:28} {f:8.1f}s {m:8.1f}s {m / f:6.2f}x")
    verdict = "met" if monthly / floor <= TARGET else "NOT met"
    print(f"target: at most {TARGET:g}x the floor per notebook: {verdict} ({monthly / floor:.2f}x for the "
          f"collection, {worst:.2f}x for the slowest notebook)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
