"""The parse cache of a corpus build: one pickled ``Report`` per file, keyed by its bytes and the parser.

A file is parsed again only when its bytes, its place in the corpus or the parser changed. "The parser" is
the package version plus a hash of every source and data file that can change a parse, so editing the parser
or its lexicon invalidates the cache without anyone remembering to bump a number. The cache lives under the
processed folder, holds only what this project wrote, and is safe to delete.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import helpers
from helpers.ingest import ParseFn, Source
from helpers.report import Report
from helpers.store import write_atomic

logger = logging.getLogger(__name__)

FORMAT = 1
SUFFIX = ".pkl"

# Modules and packages that only consume parsed reports, and data files of the synthetic-report generator:
# editing them cannot change a parse, so they stay out of the parser's digest.
_DOWNSTREAM_MODULES = frozenset({
    "__main__", "corpus", "tables", "store", "cache", "analysis", "plots", "runner", "synth",
})
_DOWNSTREAM_DATA_PREFIX = "data/synth_"


def is_downstream(relative: str) -> bool:
    """Whether a package file (path relative to the package, posix) cannot change how a report parses."""
    top = relative.split("/", 1)[0].removesuffix(".py")
    return top in _DOWNSTREAM_MODULES or relative.startswith(_DOWNSTREAM_DATA_PREFIX)


def source_digest(root: Path, skip: Callable[[str], bool] = is_downstream) -> str:
    """A digest of the files under a package folder (names and bytes), but ``skip`` ones and bytecode."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(root).rglob("*") if p.is_file()):
        relative = path.relative_to(root).as_posix()
        if "__pycache__" in path.parts or path.suffix == ".pyc" or skip(relative):
            continue
        digest.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def parser_version() -> str:
    """The package version, cache format and a digest of every package file that can change a parse."""
    root = Path(helpers.__file__).resolve().parent
    return f"{helpers.__version__}-{FORMAT}-{source_digest(root)[:16]}"


def _parse_name(parse: ParseFn) -> str:
    return f"{getattr(parse, '__module__', '?')}.{getattr(parse, '__qualname__', type(parse).__name__)}"


class ParseCache:
    """Pickled reports in one folder, one file per (bytes, source, parse function, parser version)."""

    def __init__(self, directory: Path, parse: ParseFn, version: str | None = None):
        self.directory = Path(directory)
        self._salt = f"{version or parser_version()}\0{_parse_name(parse)}"
        self.used: set[str] = set()

    def key(self, digest: str, source: Source) -> str:
        """The cache key of a file's bytes (their SHA-256) at a place in the corpus."""
        text = f"{self._salt}\0{digest}\0{source.path}\0{source.report_id}\0{source.synthetic}"
        return hashlib.sha256(text.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}{SUFFIX}"

    def get(self, key: str) -> Report | None:
        """The cached report, or None when absent or unreadable (an unreadable entry is just a miss)."""
        self.used.add(key)
        path = self._path(key)
        try:
            with path.open("rb") as stream:
                report = pickle.load(stream)
        except FileNotFoundError:
            return None
        except Exception as exc:  # a corrupt or outdated entry is a miss, never a failed build
            logger.debug("ignoring unreadable cache entry %s: %s", path.name, exc)
            return None
        return report if isinstance(report, Report) else None

    def put(self, key: str, report: Report) -> None:
        """Store a report under its key (atomically, so a killed run leaves no corrupt entry).

        Not ``fsync``-ed: an entry a power cut loses is only a miss, and waiting for the disk once per report
        cost more than the parse itself (1.2 ms a file).
        """
        self.used.add(key)
        self.directory.mkdir(parents=True, exist_ok=True)
        write_atomic(self._path(key), pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL), durable=False)

    def prune(self) -> int:
        """Delete the entries this build did not use (files gone or changed, an older parser); count them."""
        if not self.directory.is_dir():
            return 0
        stale = [p for p in self.directory.glob(f"*{SUFFIX}") if p.stem not in self.used]
        for path in stale:
            path.unlink(missing_ok=True)
        return len(stale)
