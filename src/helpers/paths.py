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
"""

from __future__ import annotations

import os
from collections.abc import Iterable
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

_LAZY = ("PROJECT_ROOT", *_FOLDERS)


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
    """The folder ``name`` (``"RAW_DIR"`` ...) under the project root, else under the working directory."""
    try:
        base = project_root()
    except ProjectRootNotFound:
        base = Path.cwd()
    return base.joinpath(*_FOLDERS[name])


def __getattr__(name: str) -> Path:
    """``PROJECT_ROOT`` and the folders, worked out when they are used (PEP 562), never at import."""
    if name == "PROJECT_ROOT":
        return project_root()
    if name in _FOLDERS:
        return folder(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


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
