"""Project folders, anchored on the project root so code and notebooks never depend on the working directory.

The root is the first folder holding a ``pyproject.toml`` of this project, looked for above the package
(an editable install from ``src/``) and then above the current working directory (a notebook run from
``notebooks/`` with the package installed elsewhere). ``HELPERS_PROJECT_ROOT`` overrides both.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

_MARKER = "pyproject.toml"
_PROJECT_NAME = 'name = "helpers"'


def _is_project_root(folder: Path) -> bool:
    """Whether ``folder`` holds this project's ``pyproject.toml``."""
    marker = folder / _MARKER
    if not marker.is_file():
        return False
    try:
        return _PROJECT_NAME in marker.read_text(encoding="utf-8")
    except OSError:
        return False


def find_project_root(starts: Iterable[Path]) -> Path:
    """Return the first folder, at or above one of ``starts`` (tried in order), that is the project root.

    Args:
        starts: Folders to search upwards from.

    Returns:
        The project root, resolved.

    Raises:
        FileNotFoundError: When no start has the project's ``pyproject.toml`` at or above it.
    """
    tried = []
    for start in starts:
        start = Path(start).resolve()
        tried.append(str(start))
        for folder in (start, *start.parents):
            if _is_project_root(folder):
                return folder
    raise FileNotFoundError(f"no {_MARKER} of the helpers project at or above: {', '.join(tried)}")


def project_root() -> Path:
    """The project root: ``HELPERS_PROJECT_ROOT`` if set, else found above the package, then above the CWD."""
    override = os.environ.get("HELPERS_PROJECT_ROOT")
    if override:
        return Path(override).resolve()
    return find_project_root([Path(__file__).parent, Path.cwd()])


PROJECT_ROOT = project_root()
RAW_DIR = PROJECT_ROOT / "data" / "raw"
PROCESSED_DIR = PROJECT_ROOT / "data" / "processed"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
HTML_DIR = REPORTS_DIR / "html"
FIGURES_DIR = REPORTS_DIR / "figures"


def relative_to_root(path: Path) -> str:
    """``path`` relative to the project root (posix), so printed paths are the same on every machine."""
    path = Path(path).resolve()
    try:
        return path.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return path.as_posix()
