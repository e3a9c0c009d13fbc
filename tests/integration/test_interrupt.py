"""A build or run stopped by a real SIGINT or SIGTERM.

Its workers and kernels stop, the previous outputs stay, and it exits with 128 + the signal and one line on
stderr (the CLI spawned as users and schedulers spawn it).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from helpers import interrupt
from helpers.build import corpus
from tests.unit.run.test_runner import write_notebook

SYNTHETIC = Path(__file__).resolve().parents[2] / "data" / "raw" / "synthetic"
pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


def spawn(*args: str) -> tuple[subprocess.Popen, psutil.Process]:
    """The CLI in a session of its own, as a terminal or a scheduler starts it (SIGINT goes to the group)."""
    process = subprocess.Popen([sys.executable, "-m", "helpers", *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    return process, psutil.Process(process.pid)


def wait_for(parent: psutil.Process, ready, timeout: float = 60) -> list[psutil.Process]:
    """Poll the descendants of ``parent`` until ``ready(descendants)``; return them."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            descendants = parent.children(recursive=True)
        except psutil.NoSuchProcess:
            break
        if ready(descendants):
            return descendants
        time.sleep(0.05)
    raise AssertionError(f"the command did not get there in {timeout} s")


def send(process: subprocess.Popen, signum: int) -> None:
    if signum == signal.SIGINT:  # Ctrl-C: the terminal signals the whole foreground process group
        os.killpg(process.pid, signum)
    else:  # cron, systemd, timeout: the command's own process
        process.send_signal(signum)


def assert_stopped(process: subprocess.Popen, children: list[psutil.Process], signum: int) -> None:
    _, err = process.communicate(timeout=30)
    assert process.returncode == 128 + signum
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("isis-reports ") and f"stopped by {signal.Signals(signum).name}" in lines[0]
    _, alive = psutil.wait_procs(children, timeout=5)
    assert [p for p in alive if p.status() != psutil.STATUS_ZOMBIE] == []


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ------------------------------------------------------------------------------------------------ run

@pytest.fixture(scope="module")
def tables(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    for path in sorted(SYNTHETIC.glob("synthetic_m11*.txt"))[:3]:
        shutil.copy(path, raw / path.name)
    processed = tmp_path_factory.mktemp("processed")
    corpus.build(raw, processed, progress=False)
    return processed


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_run_stops_its_kernels_and_keeps_the_previous_run(tmp_path, tables, signum):
    notebooks = tmp_path / "notebooks"
    write_notebook(notebooks / "01_wait.ipynb", "month: int = 0  # month", body="import time\ntime.sleep(60)")
    write_notebook(notebooks / "02_more.ipynb", "month: int = 0  # month", body="print(month)")
    previous = tmp_path / "reports" / "latest"
    previous.mkdir(parents=True)
    (previous / "01_wait.ipynb").write_text("the previous run's notebook")
    (previous / "run.json").write_text("{}")
    before = snapshot(tmp_path / "reports")

    process, parent = spawn("run", "--notebooks", str(notebooks), "--processed", str(tables), "--no-build",
                            "--output", str(previous), "-j", "1")
    children = wait_for(parent, lambda found: any("ipykernel" in " ".join(p.cmdline()) for p in found))
    time.sleep(0.5)  # the kernel is executing the sleeping cell
    send(process, signum)

    assert_stopped(process, children, signum)
    assert snapshot(tmp_path / "reports") == before  # no staging folder left, the previous run as it was


def test_a_normal_run_is_quiet(tmp_path, tables):
    notebooks = tmp_path / "notebooks"
    write_notebook(notebooks / "01_fig.ipynb", "month: int = 0  # month", body=(
        "import logging\nimport matplotlib.pyplot as plt\nlogging.getLogger('x').warning('in the notebook')\n"
        "plt.plot([1, 2])\nprint(month)"))
    command = ["run", "--notebooks", str(notebooks), "--processed", str(tables), "--no-build", "--output",
               str(tmp_path / "out")]
    run = subprocess.run([sys.executable, "-m", "helpers", *command], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""  # no kernel warnings, no tracebacks
    assert run.stdout.splitlines() == [
        f"executed notebooks, their HTML and figures are in {tmp_path / 'out'}/ "
        "(how they were made: run.json)"]


# ---------------------------------------------------------------------------------------------- build

@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_build_stops_its_workers_and_keeps_the_previous_tables(tmp_path, signum):
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    raw.mkdir()
    for path in sorted(SYNTHETIC.glob("synthetic_m*.txt"))[:4]:
        shutil.copy(path, raw / path.name)
    corpus.build(raw, processed, progress=False)
    before = snapshot(processed)
    for copy in range(30):  # enough reports that the build is still parsing when the signal comes
        for path in sorted(SYNTHETIC.glob("synthetic_m*.txt")):
            shutil.copy(path, raw / f"{copy}_{path.name}")

    process, parent = spawn("build", str(raw), str(processed), "--jobs", "2", "--no-cache", "-q")
    children = wait_for(parent, lambda found: len(found) >= 3)  # forkserver, resource tracker, a worker
    send(process, signum)

    assert_stopped(process, children, signum)
    assert snapshot(processed) == before


# ------------------------------------------------------------------------------------------- in-process

def test_deferred_raises_after_the_block(monkeypatch):
    monkeypatch.setattr(interrupt, "stop_children", lambda grace=0: 0)
    with interrupt.handled():
        with pytest.raises(interrupt.Interrupted) as stopped:
            with interrupt.deferred():
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(0.1)
                finished = True
        assert finished
    assert stopped.value.exit_status == 143 and stopped.value.name == "SIGTERM"
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
