"""paths.py: the project root is worked out on use, and outside a checkout that is a message, not a crash."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import paths

PACKAGE = Path(paths.__file__).resolve().parent


@pytest.fixture
def outside(tmp_path, monkeypatch):
    """A working folder with no checkout above it, and paths.py looking as if installed elsewhere."""
    site = tmp_path / "site-packages" / "helpers"
    site.mkdir(parents=True)
    work = tmp_path / "elsewhere"
    work.mkdir()
    monkeypatch.delenv(paths.ROOT_VARIABLE, raising=False)
    monkeypatch.setattr(paths, "__file__", str(site / "paths.py"))
    monkeypatch.chdir(work)
    return work


def test_outside_a_checkout_the_root_is_a_clear_error(outside):
    with pytest.raises(paths.ProjectRootNotFound, match="no checkout of the isis-reports project") as error:
        paths.project_root()
    assert paths.ROOT_VARIABLE in str(error.value) and str(outside) in str(error.value)
    with pytest.raises(FileNotFoundError, match="work inside a clone of the project"):
        paths.PROJECT_ROOT  # noqa: B018


def test_outside_a_checkout_the_folders_are_under_the_working_directory(outside):
    assert paths.RAW_DIR == outside / "data" / "raw"
    assert paths.FIGURES_DIR == outside / "reports" / "figures"
    assert paths.relative_to_root(outside / "reports" / "x.ipynb") == "reports/x.ipynb"
    assert paths.relative_to_root(Path("/")) == "/"


def test_the_root_variable_wins(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.ROOT_VARIABLE, str(tmp_path))
    assert paths.PROJECT_ROOT == tmp_path.resolve()
    assert paths.PROCESSED_DIR == tmp_path.resolve() / "data" / "processed"


def test_folders_follow_the_working_directory_into_a_checkout(outside, monkeypatch):
    (outside / "pyproject.toml").write_text('[project]\nname = "isis-reports"\n')
    (outside / "notebooks").mkdir()
    monkeypatch.chdir(outside / "notebooks")
    assert paths.PROJECT_ROOT == outside.resolve()
    assert paths.NOTEBOOKS_DIR == outside.resolve() / "notebooks"


def test_unknown_names_are_attribute_errors():
    with pytest.raises(AttributeError, match="NO_SUCH_DIR"):
        paths.NO_SUCH_DIR  # noqa: B018
    assert {"PROJECT_ROOT", "RAW_DIR", "HTML_DIR"} <= set(dir(paths))


def _installed_copy(tmp_path: Path) -> dict[str, str]:
    """The package copied where no checkout is above it; the environment that imports it from there."""
    shutil.copytree(PACKAGE, tmp_path / "site" / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    env = {k: v for k, v in os.environ.items() if k not in (paths.ROOT_VARIABLE, "PYTHONPATH")}
    return env | {"PYTHONPATH": str(tmp_path / "site")}


def test_the_package_installed_outside_a_checkout_imports_and_lists_every_command(tmp_path):
    env = _installed_copy(tmp_path)
    work = tmp_path / "elsewhere"
    work.mkdir()

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "helpers", *args], cwd=work, env=env,
                              capture_output=True, text=True, timeout=120)

    probe = subprocess.run([sys.executable, "-c", "import helpers.paths as p; print(p.__file__, p.RAW_DIR)"],
                           cwd=work, env=env, capture_output=True, text=True, timeout=60)
    assert probe.returncode == 0, probe.stderr
    installed = tmp_path / "site" / "helpers" / "paths.py"
    assert probe.stdout.split() == [str(installed), str(work / "data" / "raw")]
    listing = cli("--help")
    assert listing.returncode == 0, listing.stderr
    from helpers.__main__ import COMMANDS

    for command in COMMANDS:
        assert f"\n    {command} " in listing.stdout
    run_help = cli("run", "--help")
    assert run_help.returncode == 0 and "--month" in run_help.stdout, run_help.stderr
    run = cli("run", "--no-build")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "no notebooks in" in run.stderr and "HELPERS_PROJECT_ROOT" in run.stderr
