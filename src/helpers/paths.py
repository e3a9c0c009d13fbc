"""Project folders, anchored on the project root so code and notebooks never depend on the working directory.

The root is the first folder holding a ``pyproject.toml`` of this project, looked for above the package
(an editable install from ``src/``) and then above the current working directory (a notebook run from
``notebooks/`` with the package installed elsewhere). ``HELPERS_PROJECT_ROOT`` overrides both.

``helpers run`` tells the notebooks it executes where this run reads and writes through the environment of
their kernels, so the notebooks need no parameter for it (each variable overrides one folder):
``HELPERS_RAW_DIR``, ``HELPERS_PROCESSED_DIR`` (the tables read), ``HELPERS_FIGURES_DIR`` (the run's
``figures/``) and ``HELPERS_OUTPUT_DIR`` (where the executed notebook and its HTML lie, which relative links
in their outputs start from: ``link_base()``). Without them a notebook opened in Jupyter reads
``data/processed`` and saves its figures in ``reports/figures``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
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


def _folder(variable: str, default: Path | None) -> Path | None:
    """The folder named by the environment variable ``variable`` (resolved), else ``default``."""
    value = os.environ.get(variable)
    return Path(value).resolve() if value else default


PROJECT_ROOT = project_root()
RAW_DIR = _folder("HELPERS_RAW_DIR", PROJECT_ROOT / "data" / "raw")
PROCESSED_DIR = _folder("HELPERS_PROCESSED_DIR", PROJECT_ROOT / "data" / "processed")
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
FIGURES_DIR = _folder("HELPERS_FIGURES_DIR", REPORTS_DIR / "figures")
OUTPUT_DIR = _folder("HELPERS_OUTPUT_DIR", None)
"""Where ``helpers run`` writes the executed notebook being run; None in an interactive session."""

TEXT_FOLDER = "text"
"""Subfolder of the processed folder holding the article text of each saved web page (``<path>.txt``): the
character spans of a web page's figures count in that text, not in the HTML file."""


@dataclass(frozen=True)
class LinkBase:
    """Folders that links to a report's characters start from, relative to where the links are shown.

    Attributes:
        raw: The raw reports folder (a text report's spans count in its decoded text).
        text: The processed ``text/`` folder holding web pages' article texts (their spans count there).
    """

    raw: str
    text: str


def link_base(shown_from: Path | str | None = None) -> LinkBase:
    """The raw and article-text folders as relative links from ``shown_from``.

    Args:
        shown_from: The folder of the document showing the links; by default ``OUTPUT_DIR`` (the executed
            notebook of a ``helpers run``), else the working directory (a notebook opened in Jupyter).
    """
    start = Path(shown_from or OUTPUT_DIR or Path.cwd()).resolve()
    return LinkBase(raw=Path(os.path.relpath(RAW_DIR, start)).as_posix(),
                    text=Path(os.path.relpath(PROCESSED_DIR / TEXT_FOLDER, start)).as_posix())


def relative_to_root(path: Path) -> str:
    """``path`` relative to the project root (posix), so printed paths are the same on every machine."""
    path = Path(path).resolve()
    try:
        return path.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return path.as_posix()
