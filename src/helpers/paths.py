"""Project folders, anchored on the project root so code and notebooks never depend on the working directory.

The root is the first folder holding this project's ``pyproject.toml`` (``name = "isis-reports"``), looked
for above the package (an editable install from ``src/``) and then above the current working directory (a
notebook run from ``notebooks/`` with the package installed elsewhere). ``HELPERS_PROJECT_ROOT`` overrides
both.

Nothing is looked up at import, so the package also works installed on its own, outside a checkout (the
parser, ``build`` of folders named on the command line). The names below are worked out on each use:
``PROJECT_ROOT`` (and ``project_root()``) raise ``ProjectRootNotFound``, which says where it looked and what
to do, when there is no checkout; the folders (``RAW_DIR``, ``PROCESSED_DIR``, ``NOTEBOOKS_DIR``,
``REPORTS_DIR``, ``HTML_DIR``, ``FIGURES_DIR``) are then the same folders under the working directory, where
the command line's defaults (``data/raw``, ``data/processed``) point too.

``helpers run`` tells the notebooks it executes where this run reads and writes through the environment of
their kernels, so the notebooks need no parameter for it (each variable overrides one folder):
``HELPERS_RAW_DIR``, ``HELPERS_PROCESSED_DIR`` (the tables read), ``HELPERS_FIGURES_DIR`` (the run's
``figures/``) and ``HELPERS_OUTPUT_DIR`` (``OUTPUT_DIR``: where the executed notebook and its HTML lie,
which relative links in their outputs start from: ``link_base()``). Without them a notebook opened in
Jupyter reads ``data/processed`` and saves its figures in ``reports/figures``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_MARKER = "pyproject.toml"
_PROJECT_NAME = 'name = "isis-reports"'
ROOT_VARIABLE = "HELPERS_PROJECT_ROOT"

# Folder name -> its path under the project root.
_FOLDERS = {
    "RAW_DIR": ("data", "raw"),
    "PROCESSED_DIR": ("data", "processed"),
    "NOTEBOOKS_DIR": ("notebooks",),
    "REPORTS_DIR": ("reports",),
    "HTML_DIR": ("reports", "html"),
    "FIGURES_DIR": ("reports", "figures"),
}

# Folder name -> the environment variable that overrides it (helpers run sets them for its kernels).
_OVERRIDES = {
    "RAW_DIR": "HELPERS_RAW_DIR",
    "PROCESSED_DIR": "HELPERS_PROCESSED_DIR",
    "FIGURES_DIR": "HELPERS_FIGURES_DIR",
    "OUTPUT_DIR": "HELPERS_OUTPUT_DIR",
}

_LAZY = ("PROJECT_ROOT", "OUTPUT_DIR", *_FOLDERS)


class ProjectRootNotFound(FileNotFoundError):
    """No checkout of the project at or above the places looked at, and no ``HELPERS_PROJECT_ROOT``."""


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
        ProjectRootNotFound: When no start has the project's ``pyproject.toml`` at or above it.
    """
    tried = []
    for start in starts:
        start = Path(start).resolve()
        tried.append(str(start))
        for folder in (start, *start.parents):
            if _is_project_root(folder):
                return folder
    raise ProjectRootNotFound(
        f"no checkout of the isis-reports project (a {_MARKER} with {_PROJECT_NAME}) at or above "
        f"{' or '.join(tried)}; work inside a clone of the project, or set {ROOT_VARIABLE} to its folder")


def project_root() -> Path:
    """The project root: ``HELPERS_PROJECT_ROOT`` if set, else found above the package, then above the CWD.

    Raises:
        ProjectRootNotFound: Outside a checkout, with no ``HELPERS_PROJECT_ROOT``.
    """
    override = os.environ.get(ROOT_VARIABLE)
    if override:
        return Path(override).resolve()
    return find_project_root([Path(__file__).parent, Path.cwd()])


def folder(name: str) -> Path:
    """The folder ``name`` (``"RAW_DIR"`` ...), else under the project root, else under the working directory.

    ``RAW_DIR``, ``PROCESSED_DIR`` and ``FIGURES_DIR`` are first taken from their environment variable
    (``_OVERRIDES``), which ``helpers run`` sets for its kernels.
    """
    override = os.environ.get(_OVERRIDES.get(name, ""))
    if override:
        return Path(override).resolve()
    try:
        base = project_root()
    except ProjectRootNotFound:
        base = Path.cwd()
    return base.joinpath(*_FOLDERS[name])


def __getattr__(name: str) -> Path | None:
    """``PROJECT_ROOT``, ``OUTPUT_DIR`` and the folders, worked out when they are used (PEP 562)."""
    if name == "PROJECT_ROOT":
        return project_root()
    if name == "OUTPUT_DIR":  # where helpers run writes the executed notebook; None in an interactive session
        value = os.environ.get(_OVERRIDES[name])
        return Path(value).resolve() if value else None
    if name in _FOLDERS:
        return folder(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


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
    start = Path(shown_from or __getattr__("OUTPUT_DIR") or Path.cwd()).resolve()
    return LinkBase(raw=Path(os.path.relpath(folder("RAW_DIR"), start)).as_posix(),
                    text=Path(os.path.relpath(folder("PROCESSED_DIR") / TEXT_FOLDER, start)).as_posix())


def relative_to_root(path: Path) -> str:
    """``path`` relative to the project root (posix), so printed paths are the same on every machine.

    Outside a checkout, relative to the working directory; a path under neither stays absolute.
    """
    path = Path(path).resolve()
    try:
        base = project_root()
    except ProjectRootNotFound:
        base = Path.cwd().resolve()
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()
